"""Helpers shared by the data tests (imported explicitly; not a pytest conftest)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from equitykit.anonymize.schema import RACE_ETHNICITY_CODES

RACE_WEIGHTS = np.array([0.25, 0.02, 0.07, 0.18, 0.01, 0.42, 0.05])


def random_students(
    seed: int, n: int = 300, n_schools: int = 3, years: tuple[str, ...] = ("2024-25",)
) -> pd.DataFrame:
    """A small random student table in the input schema (fictional, for tests)."""
    rng = np.random.default_rng(seed)
    rows = []
    for year in years:
        race = rng.choice(len(RACE_ETHNICITY_CODES), size=n, p=RACE_WEIGHTS / RACE_WEIGHTS.sum())
        black = race == 3
        frame = pd.DataFrame(
            {
                "student_key": [f"t{seed}x{year[:4]}x{i:06d}" for i in range(n)],
                "school_year": year,
                "school_id": [f"T-{s:02d}" for s in rng.integers(0, n_schools, n)],
                "grade": rng.integers(0, 13, n).astype(str),
                "race_ethnicity": np.array(RACE_ETHNICITY_CODES)[race],
                "sex": np.where(rng.random(n) < 0.5, "female", "male"),
                "econ_disadvantaged": (rng.random(n) < 0.45).astype(int),
                "disability": (rng.random(n) < 0.14).astype(int),
                "english_learner": (rng.random(n) < 0.1).astype(int),
                "oss_days": np.where(rng.random(n) < 0.06 + 0.1 * black, rng.integers(1, 15, n), 0),
                "gifted": (rng.random(n) < 0.1).astype(int),
                "chronic_absenteeism": (rng.random(n) < 0.2).astype(int),
            }
        )
        frame["grade"] = frame["grade"].replace("0", "K")
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)
