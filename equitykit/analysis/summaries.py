"""Readable summaries of gap tables, for printing in notebooks and handouts."""

from __future__ import annotations

import pandas as pd

from equitykit.analysis.formatting import format_measure
from equitykit.analysis.gap_table import gap_table
from equitykit.data.labels import label_for

#: The fictional district the course ships.
ALDER_CREEK = "Alder Creek Public Schools"


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


def districts_side_by_side(outcomes: pd.DataFrame, neighbours: pd.DataFrame) -> pd.DataFrame:
    """Put Alder Creek's district rows and its neighbours' in one table, one unit per district.

    The result has the tidy outcomes layout with each district as a ``school``-level unit
    whose ``school_id`` is the district's name, so the gap explorer's "School or district"
    menu becomes a choice of district.

    Parameters
    ----------
    outcomes
        Alder Creek's outcomes table.
    neighbours
        The neighbouring districts' table (``district_name`` plus the tidy columns).

    Returns
    -------
    pandas.DataFrame
        District-level rows of every district, comparable outcomes only.
    """
    columns = ["school_year", "group", "subgroup", "outcome", "enrolled", "count", "suppressed"]
    if "enrolled_suppressed" in outcomes.columns and "enrolled_suppressed" in neighbours.columns:
        columns.append("enrolled_suppressed")
    ours = outcomes.loc[outcomes["level"] == "district", columns].assign(school_id=ALDER_CREEK)
    theirs = neighbours.loc[neighbours["level"] == "district", columns].assign(
        school_id=neighbours.loc[neighbours["level"] == "district", "district_name"]
    )
    shared = set(ours["outcome"]) & set(theirs["outcome"])
    both = pd.concat([ours, theirs], ignore_index=True)
    both = both[both["outcome"].isin(shared)].assign(level="school")
    return both.reset_index(drop=True)


def reported_schools(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    subgroup: str,
    *,
    school_year: str | None = None,
) -> dict[str, int]:
    """Count the schools where one subgroup's number is published, and where it is withheld.

    Parameters
    ----------
    table
        A tidy outcomes table (or a survey table passed through ``survey_as_outcomes``).
    outcome, group, subgroup
        Which cell to look at in every school, e.g. ``"feel_safe_at_school"``,
        ``"lgbtq"``, ``"yes"``.
    school_year
        The year; default: the latest in the table.

    Returns
    -------
    dict
        ``{"published": n, "suppressed": m}``.
    """
    year = school_year or max(table["school_year"])
    cells = table[
        (table["level"] == "school")
        & (table["school_year"] == year)
        & (table["outcome"] == outcome)
        & (table["group"] == group)
        & (table["subgroup"] == subgroup)
    ]
    withheld = cells["count"].isna()
    return {"published": int((~withheld).sum()), "suppressed": int(withheld.sum())}


def risk_ratios_by_district(
    side_by_side: pd.DataFrame, outcome: str, group: str, *, school_year: str | None = None
) -> pd.DataFrame:
    """One row per student group, one column per district: the risk ratio as shown.

    Parameters
    ----------
    side_by_side
        The output of :func:`districts_side_by_side`.
    outcome, group
        What to compare.
    school_year
        The year; default: the latest.

    Returns
    -------
    pandas.DataFrame
        Text cells: a ratio such as ``"2.66"`` or ``"not reported"``.
    """
    year = school_year or max(side_by_side["school_year"])
    gaps = gap_table(side_by_side, outcome, group, level="school", school_year=year)
    gaps = gaps.assign(
        shown=[format_measure(v, "ratio") or "not reported" for v in gaps["risk_ratio"]],
        label=[label_for(s, group) for s in gaps["subgroup"]],
    )
    wide = gaps.pivot(index="label", columns="school_id", values="shown")
    wide = wide[[ALDER_CREEK, *[c for c in wide.columns if c != ALDER_CREEK]]]
    wide.index.name = "Student group"
    wide.columns.name = None
    return wide.reset_index()
