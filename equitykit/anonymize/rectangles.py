"""A fast proof that many suppressed cells are safe, without linear programming.

Inside one student group, take two schools and two subgroups whose four cells
are all suppressed. Adding ``d`` to two opposite corners and taking ``d`` from
the other two keeps every published sum unchanged (school totals and district
totals alike), so an attacker cannot tell the tables apart. How far ``d`` can go
in each direction (staying between 0 and the published enrollment) is a proven
lower bound on the width of each corner's range. Cells proven safe this way skip
the (slower) linear programs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def rectangle_widths(
    point: np.ndarray, hidden: np.ndarray, upper: np.ndarray, cells: pd.DataFrame
) -> np.ndarray:
    """Return, per cell, a proven lower bound on the width of its attacker range.

    Parameters
    ----------
    point
        Any table consistent with what is published (the true values will do).
    hidden
        Suppressed cells.
    upper
        Published upper bound per cell (``inf`` if none).
    cells
        The block's rows (``level``, ``school_id``, ``group``, ``subgroup``).

    Returns
    -------
    numpy.ndarray
        Zero for cells with no such rectangle.
    """
    width = np.zeros(len(point))
    school = cells["level"].eq("school").to_numpy()
    if not (school & hidden).any():
        return width
    groups = cells["group"].to_numpy()
    for group in pd.unique(groups[school & hidden]):
        rows = np.flatnonzero(school & (groups == group))
        schools, s_idx = np.unique(
            cells["school_id"].to_numpy()[rows].astype(str), return_inverse=True
        )
        subs, k_idx = np.unique(cells["subgroup"].to_numpy()[rows].astype(str), return_inverse=True)
        n_s, n_k = len(schools), len(subs)
        if n_s < 2 or n_k < 2:
            continue
        x = np.zeros((n_s, n_k))
        h = np.zeros((n_s, n_k), dtype=bool)
        cap = np.zeros((n_s, n_k))
        x[s_idx, k_idx] = point[rows]
        h[s_idx, k_idx] = hidden[rows]
        cap[s_idx, k_idx] = upper[rows] - point[rows]
        x = np.where(h, x, 0.0)
        cap = np.where(h, cap, 0.0)
        # axes (a, b, c, e): the cell (a, b), its row partner (a, e), column partner (c, b)
        # and the opposite corner (c, e).
        ok = h[:, :, None, None] & h[:, None, None, :] & h.T[None, :, :, None] & h[None, None]
        ok &= ~np.eye(n_s, dtype=bool)[:, None, :, None]
        ok &= ~np.eye(n_k, dtype=bool)[None, :, None, :]
        up = np.minimum.reduce(
            [
                np.broadcast_to(cap[:, :, None, None], ok.shape),
                np.broadcast_to(x[:, None, None, :], ok.shape),
                np.broadcast_to(x.T[None, :, :, None], ok.shape),
                np.broadcast_to(cap[None, None], ok.shape),
            ]
        )
        down = np.minimum.reduce(
            [
                np.broadcast_to(x[:, :, None, None], ok.shape),
                np.broadcast_to(cap[:, None, None, :], ok.shape),
                np.broadcast_to(cap.T[None, :, :, None], ok.shape),
                np.broadcast_to(x[None, None], ok.shape),
            ]
        )
        best = np.where(ok, up, 0).max(axis=(2, 3)) + np.where(ok, down, 0).max(axis=(2, 3))
        width[rows] = best[s_idx, k_idx]
    return width


def rectangle_certifier(
    cells: pd.DataFrame,
    hidden: np.ndarray,
    upper: np.ndarray,
    unknown: np.ndarray,
    n: int,
    enrolled_unknown: np.ndarray | None = None,
) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function mapping a feasible point of the unknowns to proven widths.

    ``enrolled_unknown[c]`` is the unknown of cell ``c``'s hidden enrollment (or -1):
    the count may then move only up to that enrollment's value in the point.
    """

    def certify(point_of_unknowns: np.ndarray) -> np.ndarray:
        point = np.zeros(len(hidden))
        point[hidden] = point_of_unknowns[unknown[hidden]]
        bounded_upper = upper.astype(float).copy()
        if enrolled_unknown is not None:
            has = enrolled_unknown >= 0
            bounded_upper[has] = point_of_unknowns[enrolled_unknown[has]]
        widths = rectangle_widths(point, hidden, bounded_upper, cells)
        out = np.zeros(n)
        out[unknown[hidden]] = widths[hidden]
        return out

    return certify
