"""Count students per school, group and outcome with DuckDB (one pass, grouping sets)."""

from __future__ import annotations

import duckdb
import pandas as pd

from equitykit.anonymize.schema import ALL_SUBGROUP


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_by_group(
    con: duckdb.DuckDBPyConnection,
    table: str,
    *,
    school_groups: list[str],
    district_groups: list[str],
    outcomes: list[str],
    year_column: str = "school_year",
    school_column: str | None = "school_id",
) -> pd.DataFrame:
    """Count enrolled students and students with each outcome, by group.

    Parameters
    ----------
    con
        An open DuckDB connection.
    table
        Name of a table or view with one row per student: the year, the school,
        one text column per group and one 0/1/NULL column per outcome (NULL: the
        student is not in that outcome's population).
    school_groups
        Groups published for every school and for the district.
    district_groups
        Groups published for the district only.
    outcomes
        Outcome columns.
    year_column, school_column
        The year and school columns (``school_column=None``: district only).

    Returns
    -------
    pandas.DataFrame
        Tidy rows: ``school_year``, ``level``, ``school_id``, ``group``,
        ``subgroup``, ``outcome``, ``enrolled``, ``count``; rows of groups with
        nobody enrolled are left out.
    """
    y = _quote(year_column)
    sets = [f"({y})"]
    if school_column:
        s = _quote(school_column)
        sets.append(f"({y}, {s})")
    for group in school_groups:
        sets.append(f"({y}, {_quote(group)})")
        if school_column:
            sets.append(f"({y}, {s}, {_quote(group)})")
    for group in district_groups:
        sets.append(f"({y}, {_quote(group)})")
    groups = school_groups + district_groups
    group_case = " ".join(f"WHEN GROUPING({_quote(g)}) = 0 THEN '{g}'" for g in groups)
    subgroup = ", ".join(f"CAST({_quote(g)} AS VARCHAR)" for g in groups)
    aggregates = ",\n".join(
        f"COUNT({_quote(o)}) AS {_quote('e__' + o)}, SUM({_quote(o)}) AS {_quote('c__' + o)}"
        for o in outcomes
    )
    school_select = (
        f"CASE WHEN GROUPING({s}) = 0 THEN 'school' ELSE 'district' END AS level, "
        f"CAST({s} AS VARCHAR) AS school_id"
        if school_column
        else "'district' AS level, CAST(NULL AS VARCHAR) AS school_id"
    )
    subgroup_select = f"COALESCE({subgroup}, '{ALL_SUBGROUP}')" if groups else f"'{ALL_SUBGROUP}'"
    group_select = f"CASE {group_case} ELSE 'all' END" if groups else "'all'"
    sql = f"""
        SELECT CAST({y} AS VARCHAR) AS school_year, {school_select},
               {group_select} AS "group", {subgroup_select} AS subgroup,
               {aggregates}
        FROM {table}
        GROUP BY GROUPING SETS ({", ".join(sets)})
    """
    wide = con.execute(sql).df()
    frames = []
    for outcome in outcomes:
        part = wide[["school_year", "level", "school_id", "group", "subgroup"]].copy()
        part["outcome"] = outcome
        part["enrolled"] = wide[f"e__{outcome}"].fillna(0).astype("int64")
        part["count"] = wide[f"c__{outcome}"].fillna(0).astype("int64")
        frames.append(part[part["enrolled"] > 0])
    tidy = pd.concat(frames, ignore_index=True)
    tidy["school_id"] = tidy["school_id"].astype("string")
    for column in ("school_year", "level", "group", "subgroup", "outcome"):
        tidy[column] = tidy[column].astype("string")
    return sort_tidy(tidy)


def sort_tidy(tidy: pd.DataFrame, groups_order: list[str] | None = None) -> pd.DataFrame:
    """Sort rows: year, outcome, district before schools, school id, group, subgroup."""
    order = groups_order or [
        "all",
        "race_ethnicity",
        "sex",
        "disability",
        "english_learner",
        "econ_disadvantaged",
        "lgbtq",
        "neighbourhood",
        "bus_ride_band",
    ]
    rank = {g: i for i, g in enumerate(order)}
    tidy = tidy.assign(
        _level=tidy["level"].map({"district": 0, "school": 1}).astype("int64"),
        _group=tidy["group"].map(lambda g: rank.get(g, len(rank))).astype("int64"),
        _school=tidy["school_id"].fillna(""),
    )
    tidy = tidy.sort_values(
        ["school_year", "outcome", "_level", "_school", "_group", "subgroup"], kind="stable"
    )
    return tidy.drop(columns=["_level", "_group", "_school"]).reset_index(drop=True)
