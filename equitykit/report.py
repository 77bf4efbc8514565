"""Readable summaries of gap tables, for printing in notebooks and handouts."""

from __future__ import annotations

import pandas as pd

from equitykit.labels import label_for
from equitykit.metrics import gap_table
from equitykit.widgets.gap_explorer import format_measure


def gap_summary(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    *,
    school_year: str | None = None,
    school_id: str | None = None,
    min_cell: int = 10,
    min_n: int = 30,
) -> pd.DataFrame:
    """Summarise one outcome by student group, with labels and numbers as a reader sees them.

    Parameters
    ----------
    table
        A tidy outcomes table.
    outcome, group
        What to summarise, e.g. ``"out_of_school_suspension"`` by ``"race_ethnicity"``.
    school_year
        The year; default: the latest in the table.
    school_id
        A school; default: the whole district.
    min_cell, min_n
        Minimum cell size and n-size below which a measure is not reported.

    Returns
    -------
    pandas.DataFrame
        ``Student group, Enrolled, With the outcome, Risk, Risk ratio``: text columns,
        with "suppressed" and "not reported" where the numbers are withheld.
    """
    year = school_year or max(table["school_year"])
    gaps = gap_table(
        table,
        outcome,
        group,
        level="district" if school_id is None else "school",
        school_id=school_id,
        school_year=year,
        min_cell=min_cell,
        min_n=min_n,
    )
    return pd.DataFrame(
        {
            "Student group": [label_for(s, group) for s in gaps["subgroup"]],
            "Enrolled": [format_measure(v, "count") or "suppressed" for v in gaps["enrolled"]],
            "With the outcome": [format_measure(v, "count") or "suppressed" for v in gaps["count"]],
            "Risk": [format_measure(v, "percent") or "not reported" for v in gaps["risk"]],
            "Risk ratio": [
                format_measure(v, "ratio") or "not reported" for v in gaps["risk_ratio"]
            ],
        }
    )
