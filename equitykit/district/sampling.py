"""Small vectorized sampling helpers shared by the district generator."""

from __future__ import annotations

import numpy as np


def sample_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """Draw one category per row from a matrix of row-wise probabilities.

    Parameters
    ----------
    rng
        The seeded random generator.
    probabilities
        Shape ``(n, k)``; each row sums to 1.

    Returns
    -------
    numpy.ndarray
        ``n`` integers in ``[0, k)``.
    """
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative[:, -1] = 1.0
    u = rng.random(len(probabilities))[:, None]
    return (u > cumulative).sum(axis=1)


def logistic(x: np.ndarray) -> np.ndarray:
    """Return the logistic function ``1 / (1 + exp(-x))``."""
    return 1.0 / (1.0 + np.exp(-x))


def calibrated_probability(log_odds: np.ndarray, target_mean: float) -> np.ndarray:
    """Shift ``log_odds`` by one constant so the mean probability equals ``target_mean``.

    Bisection on the intercept; keeps every relative effect (the gaps) intact.
    """
    low, high = -20.0, 20.0
    for _ in range(60):
        mid = (low + high) / 2
        if logistic(log_odds + mid).mean() < target_mean:
            low = mid
        else:
            high = mid
    return logistic(log_odds + (low + high) / 2)


def draw(rng: np.random.Generator, probability: np.ndarray) -> np.ndarray:
    """Return a boolean per row, true with the given probability."""
    return rng.random(len(probability)) < probability
