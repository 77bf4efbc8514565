"""Open a student file (CSV or Parquet) or DataFrame in DuckDB and check every value.

The checks stop at the first kind of problem and name the column and the line of
the file (line 1 is the header, so the first student is on line 2).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pandas as pd

from equitykit.anonymize import errors
from equitykit.anonymize.personal_data import check_column_names, check_column_values
from equitykit.anonymize.schema import (
    FALSE_TOKENS,
    GRADE_TOKENS,
    NUMBER_COLUMNS,
    RACE_ETHNICITY_CODES,
    REQUIRED_COLUMNS,
    SEX_CODES,
    TRUE_TOKENS,
    YES_NO_OUTCOME_COLUMNS,
)

RAW_VIEW = "raw_students"
TYPED_TABLE = "students"
YES_NO_DEMOGRAPHICS = ("econ_disadvantaged", "disability", "english_learner")
SAMPLE_ROWS = 500
SPREADSHEET_MAGIC = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zipped file"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)"),
)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_list(values) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _check_text_file(path: Path) -> list[str]:
    """Check encoding and delimiter from the start of a CSV file; return its header fields."""
    size = path.stat().st_size
    if size == 0:
        raise errors.EmptyInputError(f"'{path.name}' is empty: it has no header and no rows.")
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    for magic, kind in SPREADSHEET_MAGIC:
        if head.startswith(magic):
            raise errors.UnsupportedFormatError(
                f"'{path.name}' is {kind} with a .csv name, not a CSV text file; open it in "
                "your spreadsheet and save it as 'CSV UTF-8 (comma delimited)'."
            )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        raise errors.EncodingError(
            f"'{path.name}' is saved as UTF-16, not UTF-8; in your spreadsheet choose "
            "'CSV UTF-8 (comma delimited)' when saving."
        )
    if len(head) == 1 << 20:
        head = head[: head.rfind(b"\n") + 1] or head
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = head[: err.start].count(b"\n") + 1
        raise errors.EncodingError(
            f"'{path.name}' is not UTF-8 text (line {line} has a byte that UTF-8 does not "
            "allow, as in Windows-1252 or Latin-1 files); save it as 'CSV UTF-8'."
        ) from None
    header = text.splitlines()[0] if text.strip() else ""
    if not header.strip():
        raise errors.EmptyInputError(f"'{path.name}' has no header line.")
    if "," not in header:
        for symbol, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if symbol in header:
                raise errors.DelimiterError(
                    f"'{path.name}' separates its columns with {name}, not commas; save it as "
                    "comma-separated CSV (or pass a Parquet file)."
                )
    return next(csv.reader([header]), [])


def open_students(
    con: duckdb.DuckDBPyConnection, source: str | Path | pd.DataFrame
) -> tuple[list[str], int]:
    """Register the input as a view of text columns named like the schema.

    Returns
    -------
    columns, rows
        The normalized column names and the number of student rows.
    """
    source_path = None if isinstance(source, pd.DataFrame) else Path(source)
    header: list[str] | None = None
    if isinstance(source, pd.DataFrame):
        con.register("input_frame", source)
        relation = "input_frame"
        original = [str(c) for c in source.columns]
    else:
        path = Path(source)
        if not path.is_file():
            raise errors.InputNotFoundError(f"'{path}' does not exist or is not a file.")
        suffix = path.suffix.lower()
        literal = str(path).replace("'", "''")
        if suffix == ".parquet":
            relation = f"read_parquet('{literal}')"
        elif suffix in (".csv", ".txt"):
            header = _check_text_file(path)
            relation = (
                f"read_csv('{literal}', header = true, delim = ',', quote = '\"', "
                "all_varchar = true, encoding = 'utf-8', null_padding = false)"
            )
        else:
            raise errors.UnsupportedFormatError(
                f"'{path.name}' is not a CSV or Parquet file; save it as 'CSV UTF-8' and try again."
            )
        try:
            original = [d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
        except duckdb.Error as err:
            raise _translate(err, path.name, path) from None
    names = [_normal_name(c) for c in original]
    _check_unique_header(header if header is not None else original)
    check_column_names(names)
    select = ", ".join(
        f"CAST({_q(o)} AS VARCHAR) AS {_q(n)}" for o, n in zip(original, names, strict=True)
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {RAW_VIEW} AS SELECT {select} FROM {relation}")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise errors.MissingColumnError(
            f"required column '{missing[0]}' is missing"
            + (f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else "")
            + "; see datasets/input-schema.md for the columns and datasets/student-template.csv "
            "for an example."
        )
    try:
        sample = con.execute(f"SELECT * FROM {RAW_VIEW} LIMIT {SAMPLE_ROWS}").fetchall()
    except duckdb.Error as err:
        raise _translate(err, "the input", source_path) from None
    if not sample:
        raise errors.EmptyInputError("the file has a header but no student rows.")
    for i, name in enumerate(names):
        check_column_values(name, [row[i] for row in sample])
    return names, len(sample)


def _normal_name(column: str) -> str:
    return re.sub(r"\s+", "_", str(column).strip().lstrip("\ufeff").lower())


def _check_unique_header(header: list[str]) -> None:
    """Refuse two header names that are the same column once spaces and case are ignored.

    DuckDB renames a repeated name (``Sex`` becomes ``Sex_1``), so the file's own
    header line is checked.
    """
    seen: dict[str, str] = {}
    for column in header:
        name = _normal_name(column)
        if name in seen:
            raise errors.DuplicateColumnError(
                f"the header has both '{seen[name]}' and '{column}', which are the same column "
                f"'{name}' once spaces and capital letters are ignored; keep one of them. "
                "Nothing was written."
            )
        seen[name] = column


def _first_ragged_line(path: Path) -> tuple[int, int, int] | None:
    """Return ``(line, fields, expected)`` of the first row whose field count is off."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return None
        for row in reader:
            if row and len(row) != len(header):
                return reader.line_num, len(row), len(header)
    return None


def _translate(
    err: duckdb.Error, where: str, path: Path | None = None
) -> errors.EquityKitInputError:
    message = str(err)
    first = message.splitlines()[0] if message else "unknown error"
    if "invalid unicode" in message.lower():
        return errors.EncodingError(f"{where} is not UTF-8 text; save it as 'CSV UTF-8'. ({first})")
    if path is not None and path.suffix.lower() in (".csv", ".txt"):
        try:
            ragged = _first_ragged_line(path)
        except UnicodeDecodeError:
            return errors.EncodingError(f"{where} is not UTF-8 text; save it as 'CSV UTF-8'.")
        if ragged is not None:
            line, fields, expected = ragged
            return errors.InvalidValueError(
                f"{where}, line {line}: the row has {fields} fields but the header has "
                f"{expected}; check for an unquoted comma inside a value or a missing field. "
                "Nothing was written."
            )
    line = re.search(r"[Ll]ine:?\s*(\d+)", message)
    where_line = f" near line {line.group(1)}" if line else ""
    return errors.InvalidValueError(f"{where} could not be read{where_line}: {first}")


def _yes_no(column: str) -> str:
    v = f"lower(trim({_q(column)}))"
    return (
        f"CASE WHEN {v} IN {_sql_list(TRUE_TOKENS)} THEN 1 "
        f"WHEN {v} IN {_sql_list(FALSE_TOKENS)} THEN 0 END"
    )


def _blank(column: str) -> str:
    return f"({_q(column)} IS NULL OR trim({_q(column)}) = '')"


def build_student_table(
    con: duckdb.DuckDBPyConnection, columns: list[str], source_path: Path | None = None
) -> list[str]:
    """Check every row and build the typed ``students`` table used for counting.

    ``source_path`` (the CSV file, if any) helps name the line of an unreadable row.

    Returns
    -------
    list of str
        The outcome columns of the typed table (those the input provides).

    Raises
    ------
    EquityKitInputError
        A subclass naming the first problem: column, line and value.
    """
    checks: list[tuple[str, str, str]] = []  # (condition for a bad row, column, problem)
    for column in ("student_key", "school_year", "school_id"):
        checks.append((_blank(column), column, "is empty"))
    checks.append(
        (
            "NOT regexp_full_match(trim(school_year), '\\d{4}-\\d{2}')",
            "school_year",
            "is not a school year written like 2024-25",
        )
    )
    checks.append(
        (
            f"lower(trim(grade)) NOT IN {_sql_list(GRADE_TOKENS)} OR grade IS NULL",
            "grade",
            "is not a grade (K or 1-12)",
        )
    )
    checks.append(
        (
            "race_ethnicity IS NULL OR trim(race_ethnicity) NOT IN "
            + _sql_list(RACE_ETHNICITY_CODES),
            "race_ethnicity",
            "is not one of the codes " + ", ".join(RACE_ETHNICITY_CODES),
        )
    )
    checks.append(
        (
            f"sex IS NULL OR trim(sex) NOT IN {_sql_list(SEX_CODES)}",
            "sex",
            "is not one of the codes female, male",
        )
    )
    for column in YES_NO_DEMOGRAPHICS:
        checks.append(
            (f"({_yes_no(column)}) IS NULL", column, "is not a yes/no value (use 1 or 0)")
        )
    outcomes = [c for c in YES_NO_OUTCOME_COLUMNS if c in columns]
    for column in outcomes:
        checks.append(
            (
                f"NOT {_blank(column)} AND ({_yes_no(column)}) IS NULL",
                column,
                "is not a yes/no value (use 1, 0, or leave blank when it does not apply)",
            )
        )
    numbers = [c for c in NUMBER_COLUMNS if c in columns]
    for column in numbers:
        value = f"TRY_CAST(trim({_q(column)}) AS DOUBLE)"
        checks.append((f"NOT {_blank(column)} AND {value} IS NULL", column, "is not a number"))
        checks.append((f"{value} < 0", column, "is negative"))
    if "oss_days" in columns:
        checks.append((_blank("oss_days"), "oss_days", "is empty (write 0 for no suspension)"))
    if "neighbourhood" in columns:
        checks.append(
            (
                _blank("neighbourhood"),
                "neighbourhood",
                "is not allowed (give every student a neighbourhood, for example unknown, "
                "or drop the column)",
            )
        )

    problem = (
        "CASE "
        + " ".join(f"WHEN {cond} THEN '{col}|{text}'" for cond, col, text in checks)
        + " END"
    )
    raw_of = (
        "CASE "
        + " ".join(f"WHEN {cond} THEN CAST({_q(col)} AS VARCHAR)" for cond, col, _ in checks)
        + " END"
    )

    grade_case = (
        "CASE "
        + " ".join(
            f"WHEN lower(trim(grade)) = '{token}' THEN {value}"
            for token, value in GRADE_TOKENS.items()
        )
        + " END"
    )
    selects = [
        "trim(student_key) AS student_key",
        "trim(school_year) AS school_year",
        "trim(school_id) AS school_id",
        f"{grade_case} AS grade",
        "trim(race_ethnicity) AS race_ethnicity",
        "trim(sex) AS sex",
    ]
    for column in YES_NO_DEMOGRAPHICS:
        selects.append(f"CASE WHEN ({_yes_no(column)}) = 1 THEN 'yes' ELSE 'no' END AS {column}")
    if "neighbourhood" in columns:
        selects.append("NULLIF(trim(neighbourhood), '') AS neighbourhood")
    if "school_name" in columns:
        selects.append("NULLIF(trim(school_name), '') AS school_name")
    typed_outcomes: list[str] = []
    if "oss_days" in columns:
        days = "TRY_CAST(trim(oss_days) AS DOUBLE)"
        selects.append(f"CAST({days} > 0 AS TINYINT) AS out_of_school_suspension")
        selects.append(f"CAST({days} > 10 AS TINYINT) AS out_of_school_suspension_over_10_days")
        typed_outcomes += ["out_of_school_suspension", "out_of_school_suspension_over_10_days"]
    for column in outcomes:
        selects.append(f"CAST({_yes_no(column)} AS TINYINT) AS {column}")
        typed_outcomes.append(column)
    if "bus_minutes" in columns:
        minutes = "TRY_CAST(trim(bus_minutes) AS DOUBLE)"
        selects.append(f"{minutes} AS bus_minutes")
        rides = _yes_no("rides_bus") if "rides_bus" in columns else f"({minutes} > 0)::INT"
        selects.append(
            f"CASE WHEN ({rides}) = 0 OR {minutes} IS NULL THEN 'no_bus' "
            f"WHEN {minutes} < 30 THEN 'under_30_min' WHEN {minutes} < 45 THEN '30_to_44_min' "
            "ELSE '45_min_or_more' END AS bus_ride_band"
        )
    selects.append(f"{problem} AS _problem")
    selects.append(f"{raw_of} AS _value")
    selects.append("row_number() OVER () + 1 AS _line")
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {TYPED_TABLE} AS SELECT {', '.join(selects)} "
            f"FROM {RAW_VIEW}"
        )
    except duckdb.Error as err:
        raise _translate(err, "the input", source_path) from None
    bad = con.execute(
        f"SELECT _line, _problem, _value, count(*) OVER () FROM {TYPED_TABLE} "
        "WHERE _problem IS NOT NULL ORDER BY _line LIMIT 1"
    ).fetchone()
    if bad is not None:
        line, text, value, how_many = bad
        column, what = text.split("|", 1)
        cls = errors.InvalidValueError
        if column in ("race_ethnicity", "sex", "grade") or "yes/no" in what:
            cls = errors.UnknownCodeError
        shown = "an empty value" if value is None or not str(value).strip() else repr(value)
        more = f" ({how_many - 1} more rows have problems)" if how_many > 1 else ""
        raise cls(f"line {line}, column '{column}': {shown} {what}{more}. Nothing was written.")
    duplicate = con.execute(
        f"SELECT student_key, school_year, list(_line ORDER BY _line) FROM {TYPED_TABLE} "
        "GROUP BY student_key, school_year HAVING count(*) > 1 "
        "ORDER BY min(_line) LIMIT 1"
    ).fetchone()
    if duplicate is not None:
        key, year, lines = duplicate
        raise errors.DuplicateStudentError(
            f"student_key '{key}' appears more than once in {year} (lines "
            f"{', '.join(str(x) for x in lines[:5])}); each student must have one row per "
            "school year. Nothing was written."
        )
    return typed_outcomes


__all__ = ["build_student_table", "open_students"]
