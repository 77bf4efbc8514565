"""From student rows to published tables: check, count, suppress, verify."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from tqdm.auto import tqdm

from equitykit.anonymize.aggregate import count_by_group, sort_tidy
from equitykit.anonymize.read_input import TYPED_TABLE, build_student_table, open_students
from equitykit.anonymize.schema import DISTRICT_ONLY_GROUPS, OUTCOMES, SCHOOL_LEVEL_GROUPS
from equitykit.anonymize.suppression import suppress_small_cells

OUTCOME_COLUMNS = [
    "school_year",
    "level",
    "school_id",
    "group",
    "subgroup",
    "outcome",
    "enrolled",
    "enrolled_suppressed",
    "count",
    "suppressed",
    "rate",
    "rate_display",
]
"""Columns of ``outcomes.csv``, in order."""

LARGE_INPUT_BYTES = 20 * 2**20


def connect(memory_limit: str = "4GB", threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open an in-memory DuckDB connection with a memory cap."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET enable_progress_bar = false")  # the kit draws its own with tqdm
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def _outcome_order(tidy: pd.DataFrame) -> pd.DataFrame:
    rank = {o.code: i for i, o in enumerate(OUTCOMES)}
    tidy = tidy.assign(_o=tidy["outcome"].map(lambda o: rank.get(o, len(rank))).astype("int64"))
    return tidy.sort_values(["school_year", "_o"], kind="stable").drop(columns="_o")


def anonymize_students(
    source: str | Path | pd.DataFrame,
    *,
    min_cell: int = 10,
    min_n: int = 30,
    progress: bool | None = None,
    by_school: bool = True,
) -> dict[str, pd.DataFrame]:
    """Check a student file and build the published (suppressed) tables.

    Parameters
    ----------
    source
        A CSV or Parquet file, or a DataFrame, in the schema of
        ``datasets/input-schema.md``.
    min_cell
        Minimum cell size; no published count is smaller (default 10).
    min_n
        Minimum n-size for showing a rate (default 30).
    progress
        Show a progress bar; by default only for files over 20 MB.
    by_school
        Publish school rows as well as district rows.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``outcomes``, ``schools`` and, when the input has bus columns and
        neighbourhoods, ``transportation``.

    Raises
    ------
    EquityKitInputError
        A subclass naming the problem in the input.
    """
    if progress is None:
        progress = (
            not isinstance(source, pd.DataFrame)
            and Path(source).is_file()
            and Path(source).stat().st_size > LARGE_INPUT_BYTES
        )
    steps = ["reading and checking", "counting", "suppressing small cells", "done"]
    bar = tqdm(total=len(steps) - 1, disable=not progress, desc="anonymize", unit="step")
    con = connect()
    try:
        bar.set_postfix_str(steps[0])
        columns, _ = open_students(con, source)
        source_path = None if isinstance(source, pd.DataFrame) else Path(source)
        outcome_columns = build_student_table(con, columns, source_path)
        bar.update()
        bar.set_postfix_str(steps[1])
        district_groups = [g for g in DISTRICT_ONLY_GROUPS if g in _typed_columns(con)]
        tidy = count_by_group(
            con,
            TYPED_TABLE,
            school_groups=list(SCHOOL_LEVEL_GROUPS),
            district_groups=district_groups,
            outcomes=outcome_columns,
            school_column="school_id" if by_school else None,
        )
        schools = school_table(con)
        minutes = ride_minutes(con) if "bus_minutes" in _typed_columns(con) else None
        bar.update()
        bar.set_postfix_str(steps[2])
        outcomes = suppress_small_cells(tidy, min_cell=min_cell, min_n=min_n, progress=progress)
        outcomes = _outcome_order(sort_tidy(outcomes))[OUTCOME_COLUMNS].reset_index(drop=True)
        bar.update()
        bar.set_postfix_str(steps[3])
    finally:
        bar.close()
        con.close()
    tables = {"outcomes": outcomes, "schools": schools}
    if minutes is not None and "neighbourhood" in district_groups:
        tables["transportation"] = transportation_table(outcomes, minutes, min_n=min_n)
    return tables


def _typed_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [d[0] for d in con.execute(f"SELECT * FROM {TYPED_TABLE} LIMIT 0").description]


def school_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per school: id, name (the id when none is given), level and grades served."""
    name = "any_value(school_name)" if "school_name" in _typed_columns(con) else "NULL"
    frame = con.execute(
        f"""SELECT school_id, {name} AS school_name, min(grade) AS low, max(grade) AS high
            FROM {TYPED_TABLE} GROUP BY school_id ORDER BY school_id"""
    ).df()
    low, high = frame["low"], frame["high"]
    level = pd.Series("other", index=frame.index)
    level[high <= 5] = "elementary"
    level[(low >= 6) & (high <= 8)] = "middle"
    level[low >= 9] = "high"
    grades = low.map(lambda g: "K" if g == 0 else str(g)) + "-" + high.astype(str)
    return pd.DataFrame(
        {
            "school_id": frame["school_id"].astype("string"),
            "school_name": frame["school_name"].fillna(frame["school_id"]).astype("string"),
            "school_level": level.astype("string"),
            "grades_served": grades.astype("string"),
        }
    )


def ride_minutes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Bus riders' median and mean one-way ride by year and neighbourhood."""
    return con.execute(
        f"""SELECT school_year, neighbourhood, count(bus_minutes) AS riders,
                   median(bus_minutes) AS median_ride_minutes,
                   avg(bus_minutes) AS mean_ride_minutes
            FROM {TYPED_TABLE} WHERE bus_ride_band <> 'no_bus' AND neighbourhood IS NOT NULL
            GROUP BY ALL"""
    ).df()


def transportation_table(
    outcomes: pd.DataFrame, minutes: pd.DataFrame, *, min_n: int = 30
) -> pd.DataFrame:
    """Neighbourhood view of bus rides and chronic absenteeism (counts as in outcomes).

    Counts come from the already suppressed ``outcomes`` rows (group
    ``neighbourhood``), so both tables hide exactly the same cells. Ride times
    are shown only where the published number of riders is at least ``min_n``.
    """
    rows = outcomes[outcomes["group"].eq("neighbourhood")]
    wide = rows.pivot_table(
        index=["school_year", "subgroup"],
        columns="outcome",
        values=["enrolled", "count", "suppressed", "rate_display"],
        aggfunc="first",
        dropna=False,
    )
    result = pd.DataFrame(index=wide.index).reset_index()
    result = result.rename(columns={"subgroup": "neighbourhood"})

    def take(value: str, outcome: str) -> list:
        if (value, outcome) in wide.columns:
            return wide[(value, outcome)].tolist()
        return [pd.NA] * len(wide)

    result["students"] = pd.array(take("enrolled", "chronic_absenteeism"), dtype="Int64")
    result["bus_riders"] = pd.array(take("count", "rides_bus"), dtype="Int64")
    result = result.merge(minutes, on=["school_year", "neighbourhood"], how="left")
    shown = result["bus_riders"].fillna(0).astype("int64") >= min_n
    for column in ("median_ride_minutes", "mean_ride_minutes"):
        result[column] = pd.array(result[column].where(shown).round(1), dtype="Float64")
    result["chronic_absent_count"] = pd.array(take("count", "chronic_absenteeism"), dtype="Int64")
    result["chronic_absent_suppressed"] = pd.array(
        take("suppressed", "chronic_absenteeism"), dtype="string"
    )
    result["chronic_absent_rate_display"] = pd.array(
        take("rate_display", "chronic_absenteeism"), dtype="string"
    )
    result = result.drop(columns=["riders"])
    return result.sort_values(["school_year", "neighbourhood"], ignore_index=True)
