"""Optional companion files for ``equitykit anonymize``: climate survey and school resources.

With them, a coach's folder holds the same tables as the shipped Alder Creek folder
(``climate_survey.csv`` and ``school_resources.csv``), so every notebook runs on it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from equitykit.anonymize import errors
from equitykit.anonymize.aggregate import count_by_group, sort_tidy
from equitykit.anonymize.personal_data import check_column_names, check_column_values
from equitykit.anonymize.pipeline import OUTCOME_COLUMNS
from equitykit.anonymize.read_input import _check_text_file
from equitykit.anonymize.schema import FALSE_TOKENS, RACE_ETHNICITY_CODES, SEX_CODES, TRUE_TOKENS
from equitykit.anonymize.suppression import suppress_small_cells

SURVEY_ITEM_CODES = (
    "feel_safe_at_school",
    "belong_at_school",
    "trusted_adult",
    "rules_applied_fairly",
)
LGBTQ_CODES = ("yes", "no", "prefer_not_to_say")
SURVEY_RENAME = {
    "outcome": "item",
    "enrolled": "respondents",
    "enrolled_suppressed": "respondents_suppressed",
    "count": "agree",
    "rate": "agree_rate",
    "rate_display": "agree_rate_display",
}
RESOURCE_NUMBERS = ("teachers", "teacher_avg_years_experience", "teacher_turnover_rate")


def read_small_table(path: str | Path | pd.DataFrame, what: str) -> pd.DataFrame:
    """Read a small CSV or Parquet companion file (or a DataFrame) as text, with checks."""
    if isinstance(path, pd.DataFrame):
        frame = path.astype("string").fillna("")
        frame.columns = [str(c).strip().lower().replace(" ", "_") for c in frame.columns]
        check_column_names(list(frame.columns))
        return frame
    path = Path(path)
    if not path.is_file():
        raise errors.UnsupportedFormatError(f"{what} file '{path}' does not exist.")
    if path.suffix.lower() == ".parquet":
        frame = pd.read_parquet(path).astype("string")
    elif path.suffix.lower() in (".csv", ".txt"):
        _check_text_file(path)
        frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8-sig")
    else:
        raise errors.UnsupportedFormatError(
            f"{what} file '{path.name}' is not CSV or Parquet; save it as 'CSV UTF-8'."
        )
    frame.columns = [str(c).strip().lower().replace(" ", "_") for c in frame.columns]
    check_column_names(list(frame.columns))
    if frame.empty:
        raise errors.EmptyInputError(f"{what} file '{path.name}' has no rows.")
    for column in frame.columns:
        check_column_values(column, frame[column].head(500).tolist())
    return frame


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise errors.MissingColumnError(
            f"{what}: required column '{missing[0]}' is missing; see datasets/input-schema.md."
        )


def _codes(frame: pd.DataFrame, column: str, allowed: tuple[str, ...], what: str) -> None:
    values = frame[column].str.strip()
    bad = ~values.isin(allowed)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise errors.UnknownCodeError(
            f"{what}, line {i + 2}, column '{column}': {frame[column].iloc[i]!r} is not one of "
            f"the codes {', '.join(allowed)}. Nothing was written."
        )


def survey_table(
    path: str | Path | pd.DataFrame, *, min_cell: int = 10, min_n: int = 30
) -> pd.DataFrame:
    """Aggregate and suppress a respondent-level climate survey file.

    The file has one row per respondent (no student key: the survey is anonymous)
    with ``school_year``, ``school_id``, ``race_ethnicity``, ``sex``, optionally
    ``lgbtq`` (``yes``, ``no``, ``prefer_not_to_say``) and one or more item columns
    (``feel_safe_at_school``, ``belong_at_school``, ``trusted_adult``,
    ``rules_applied_fairly``) holding 1 (agree), 0 (not) or blank (skipped).
    """
    what = "survey"
    frame = read_small_table(path, what)
    _require(frame, ("school_year", "school_id", "race_ethnicity", "sex"), what)
    items = [c for c in SURVEY_ITEM_CODES if c in frame.columns]
    if not items:
        raise errors.MissingColumnError(
            f"{what}: no item columns; expected one of {', '.join(SURVEY_ITEM_CODES)}."
        )
    _codes(frame, "race_ethnicity", RACE_ETHNICITY_CODES, what)
    _codes(frame, "sex", SEX_CODES, what)
    groups = ["race_ethnicity", "sex"]
    if "lgbtq" in frame.columns:
        _codes(frame, "lgbtq", LGBTQ_CODES, what)
        groups.append("lgbtq")
    typed = frame[["school_year", "school_id", *groups]].apply(lambda s: s.str.strip())
    for item in items:
        token = frame[item].str.strip().str.lower()
        yes, no, blank = token.isin(TRUE_TOKENS), token.isin(FALSE_TOKENS), token.eq("")
        bad = ~(yes | no | blank)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise errors.UnknownCodeError(
                f"{what}, line {i + 2}, column '{item}': {frame[item].iloc[i]!r} is not 1, 0 "
                "or blank. Nothing was written."
            )
        typed[item] = pd.array(np.where(yes, 1, np.where(no, 0, np.nan)), dtype="Int8")
    con = duckdb.connect()
    try:
        con.register("survey", typed)
        tidy = count_by_group(
            con, "survey", school_groups=groups, district_groups=[], outcomes=items
        )
    finally:
        con.close()
    table = suppress_small_cells(tidy, min_cell=min_cell, min_n=min_n)
    table = sort_tidy(table)[OUTCOME_COLUMNS]
    return table.rename(columns=SURVEY_RENAME).reset_index(drop=True)


def resources_table(
    path: str | Path | pd.DataFrame, outcomes: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    """Join a school-level resources file with student counts from the published outcomes.

    The file has ``school_year``, ``school_id`` and any of ``teachers``,
    ``teacher_avg_years_experience`` and ``teacher_turnover_rate``. Students and the
    share economically disadvantaged come from the already suppressed
    ``outcomes`` rows, so nothing new about small groups is revealed.
    """
    what = "school resources"
    frame = read_small_table(path, what)
    _require(frame, ("school_year", "school_id"), what)
    result = frame[["school_year", "school_id"]].apply(lambda s: s.str.strip())
    for column in RESOURCE_NUMBERS:
        if column not in frame.columns:
            result[column] = pd.NA
            continue
        values = pd.to_numeric(frame[column].str.strip().replace("", None), errors="coerce")
        bad = (values.isna() & frame[column].str.strip().ne("")) | (values < 0)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise errors.InvalidValueError(
                f"{what}, line {i + 2}, column '{column}': {frame[column].iloc[i]!r} is not a "
                "number of zero or more. Nothing was written."
            )
        result[column] = values
    rows = outcomes[outcomes["level"].eq("school")]
    biggest = rows.groupby("outcome")["enrolled"].sum().idxmax()
    rows = rows[rows["outcome"].eq(biggest)]
    total = rows[rows["group"].eq("all")].set_index(["school_year", "school_id"])["enrolled"]
    econ = rows[rows["group"].eq("econ_disadvantaged") & rows["subgroup"].eq("yes")]
    econ = econ.set_index(["school_year", "school_id"])["enrolled"]
    result = result.join(total.rename("students"), on=["school_year", "school_id"])
    result = result.join(econ.rename("_econ"), on=["school_year", "school_id"])
    share = (result["_econ"].astype("Float64") / result["students"].astype("Float64")).round(3)
    result = result.merge(
        schools[["school_id", "school_name", "school_level"]], on="school_id", how="left"
    )
    out = pd.DataFrame(
        {
            "school_year": result["school_year"].astype("string"),
            "school_id": result["school_id"].astype("string"),
            "school_name": result["school_name"].astype("string"),
            "school_level": result["school_level"].astype("string"),
            "students": result["students"].astype("Int64"),
            "teachers": pd.array(result["teachers"], dtype="Float64").round(0).astype("Int64"),
            "teacher_avg_years_experience": pd.array(
                result["teacher_avg_years_experience"], dtype="Float64"
            ),
            "teacher_turnover_rate": pd.array(result["teacher_turnover_rate"], dtype="Float64"),
            "econ_disadvantaged_share": share.to_numpy(),
        }
    )
    if (out["teacher_turnover_rate"].dropna() > 1).any():
        raise errors.InvalidValueError(
            f"{what}: teacher_turnover_rate must be a share between 0 and 1 (for example 0.12)."
        )
    return out.sort_values(["school_year", "school_id"], ignore_index=True)
