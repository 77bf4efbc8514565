"""School-level resources of the fictional district: teachers' experience and turnover."""

from __future__ import annotations

import numpy as np
import pandas as pd


def school_resources(
    rng: np.random.Generator, students: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    """Teacher experience and turnover per school and year, tied to school poverty.

    High-poverty schools get less experienced teachers and more turnover, as equity
    audits of teacher quality often find (Skrla et al., 2004). Values are invented.

    Returns
    -------
    pandas.DataFrame
        ``school_year``, ``school_id``, ``school_name``, ``school_level``, ``students``,
        ``teachers``, ``teacher_avg_years_experience``, ``teacher_turnover_rate``,
        ``econ_disadvantaged_share``.
    """
    grouped = (
        students.groupby(["school_year", "school_id"], observed=True)
        .agg(students=("student_key", "size"), econ=("econ_disadvantaged", "mean"))
        .reset_index()
        .merge(schools[["school_id", "school_name", "school_level"]], on="school_id")
    )
    n = len(grouped)
    ratio = np.where(grouped["school_level"].eq("elementary"), 15.5, 17.0)
    teachers = np.round(grouped["students"] / ratio + rng.normal(0, 2, n)).clip(5)
    experience = 13.5 - 9.0 * (grouped["econ"] - 0.4) + rng.normal(0, 1.3, n)
    turnover = 0.11 + 0.22 * (grouped["econ"] - 0.4) + rng.normal(0, 0.025, n)
    return pd.DataFrame(
        {
            "school_year": grouped["school_year"],
            "school_id": grouped["school_id"],
            "school_name": grouped["school_name"],
            "school_level": grouped["school_level"],
            "students": grouped["students"].astype("int64"),
            "teachers": teachers.astype("int64"),
            "teacher_avg_years_experience": np.round(experience.clip(3, 22), 1),
            "teacher_turnover_rate": np.round(turnover.clip(0.03, 0.45), 3),
            "econ_disadvantaged_share": np.round(grouped["econ"], 3),
        }
    ).sort_values(["school_year", "school_id"], ignore_index=True)
