"""Neighbourhoods and schools of the fictional Alder Creek Public Schools.

Every name here is invented. Alder Creek is not a real district; any likeness to
a real place is an accident.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NEIGHBOURHOODS: tuple[str, ...] = (
    "Alder Flats",
    "Birchwood",
    "Cedar Point",
    "Creekside",
    "Eastgate",
    "Fern Hollow",
    "Granite Ridge",
    "Harbor View",
    "Juniper Park",
    "Maple Terrace",
    "North Fork",
    "Willow Bend",
)
"""Fictional neighbourhoods; the order is also the order of their poverty index below."""

# Share of families with low income (drives economic disadvantage and segregation),
# the median one-way bus ride in minutes, and the share of students who ride the bus.
NEIGHBOURHOOD_POVERTY = np.array(
    [0.72, 0.18, 0.35, 0.55, 0.62, 0.80, 0.12, 0.28, 0.45, 0.22, 0.68, 0.40]
)
NEIGHBOURHOOD_BUS_MINUTES = np.array([38, 14, 20, 24, 30, 52, 12, 18, 26, 16, 47, 22], dtype=float)
NEIGHBOURHOOD_BUS_SHARE = np.array(
    [0.85, 0.45, 0.55, 0.60, 0.70, 0.90, 0.40, 0.50, 0.60, 0.45, 0.88, 0.55]
)
NEIGHBOURHOOD_SIZE = np.array([1.2, 0.9, 1.0, 1.1, 1.0, 0.8, 0.8, 0.9, 1.1, 1.0, 0.9, 1.0])

ELEMENTARY_SECOND_NAMES: tuple[str, ...] = (
    "Osprey",
    "Summit",
    "Lantern",
    "Meadowlark",
    "Riverstone",
    "Bluebell",
    "Foxglove",
    "Kestrel",
    "Sandpiper",
    "Larkspur",
    "Heron",
    "Quarry Lane",
)
MIDDLE_NAMES: tuple[str, ...] = (
    "Alder Flats",
    "Birchwood",
    "Creekside",
    "Eastgate",
    "Fern Hollow",
    "Granite Ridge",
    "Harbor View",
    "Maple Terrace",
    "North Fork",
)
HIGH_NAMES: tuple[str, ...] = (
    "Alder Creek",
    "Cedar Point",
    "Eastgate",
    "Granite Ridge",
    "Juniper Park",
    "North Fork",
)
ALTERNATIVE_HIGH_NAME = "Pathways Alternative High School"

N_ELEMENTARY = 24
N_MIDDLE = len(MIDDLE_NAMES)
N_HIGH = len(HIGH_NAMES) + 1


def school_level_of_grade(grade: np.ndarray) -> np.ndarray:
    """Return 0 (elementary, K-5), 1 (middle, 6-8) or 2 (high, 9-12) per grade (K = 0)."""
    return np.where(grade <= 5, 0, np.where(grade <= 8, 1, 2))


def build_schools(rng: np.random.Generator) -> pd.DataFrame:
    """Build the roster of schools with the neighbourhoods each one serves.

    Parameters
    ----------
    rng
        The seeded random generator.

    Returns
    -------
    pandas.DataFrame
        One row per school: ``school_id``, ``school_name``, ``school_level``,
        ``grades_served`` and ``share_weight`` plus a hidden-in-output column
        ``_catchment``: the neighbourhood indices it serves.
    """
    n_nb = len(NEIGHBOURHOODS)
    rows = []
    for i in range(N_ELEMENTARY):
        nb = i // 2
        name = (
            f"{NEIGHBOURHOODS[nb]} Elementary School"
            if i % 2 == 0
            else f"{ELEMENTARY_SECOND_NAMES[nb]} Elementary School"
        )
        weight = 0.5 + (0.15 if i % 2 == 0 else -0.15) * rng.uniform(0.3, 1.0)
        rows.append((f"ACPS-E{i + 1:02d}", name, "elementary", "K-5", (nb,), weight))
    for j, name in enumerate(MIDDLE_NAMES):
        catchment = tuple(nb for nb in range(n_nb) if nb * N_MIDDLE // n_nb == j)
        rows.append(
            (f"ACPS-M{j + 1:02d}", f"{name} Middle School", "middle", "6-8", catchment, 1.0)
        )
    for k, name in enumerate(HIGH_NAMES):
        catchment = tuple(nb for nb in range(n_nb) if nb * len(HIGH_NAMES) // n_nb == k)
        rows.append((f"ACPS-H{k + 1:02d}", f"{name} High School", "high", "9-12", catchment, 1.0))
    rows.append(
        (
            f"ACPS-H{len(HIGH_NAMES) + 1:02d}",
            ALTERNATIVE_HIGH_NAME,
            "high",
            "9-12",
            tuple(range(n_nb)),
            0.0,
        )
    )
    return pd.DataFrame(
        rows,
        columns=["school_id", "school_name", "school_level", "grades_served", "_catchment", "_w"],
    )


def assignment_probabilities(schools: pd.DataFrame, alternative_share: float) -> np.ndarray:
    """Probability of attending each school, by (school level, neighbourhood).

    Returns
    -------
    numpy.ndarray
        Shape ``(3, n_neighbourhoods, n_schools)``; each ``[level, nb]`` row sums to 1.
    """
    n_nb = len(NEIGHBOURHOODS)
    levels = schools["school_level"].map({"elementary": 0, "middle": 1, "high": 2}).to_numpy()
    prob = np.zeros((3, n_nb, len(schools)))
    for s, (catchment, weight, level) in enumerate(
        zip(schools["_catchment"], schools["_w"], levels, strict=True)
    ):
        for nb in catchment:
            prob[level, nb, s] = weight
    alt = int(np.flatnonzero(schools["school_name"].eq(ALTERNATIVE_HIGH_NAME))[0])
    # Students from poorer neighbourhoods are more often placed at the alternative school.
    prob[2, :, alt] = 0.0
    prob[2] /= prob[2].sum(axis=1, keepdims=True)
    alt_share = alternative_share * (0.4 + 1.4 * NEIGHBOURHOOD_POVERTY)
    prob[2] *= (1 - alt_share)[:, None]
    prob[2, :, alt] = alt_share
    for level in (0, 1):
        prob[level] /= prob[level].sum(axis=1, keepdims=True)
    return prob
