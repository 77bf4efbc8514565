"""Gap measures for a whole table of student groups, school by school and year by year.

:func:`gap_table` computes, for every subgroup of one grouping (race and ethnicity,
disability, ...) in the district and each school, the measures of
:mod:`equitykit.analysis.measures` at once, with the reason in plain language wherever a
measure is not reported (a suppressed count, a group below the minimum cell size or
n-size, a missing total).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from equitykit.analysis.measures import (
    ALTERNATE_RISK_RATIO,
    DEFAULT_MIN_CELL,
    DEFAULT_MIN_N,
    RISK_RATIO,
    _check_reference,
    _check_thresholds,
)
from equitykit.analysis.reasons import (
    ENROLLMENT_SUPPRESSED,
    RATIO_UNDEFINED,
    REFERENCE_ZERO,
    SUPPRESSED,
    TOTAL_SUPPRESSED,
    fewer_enrolled,
    fewer_with_outcome,
)

__all__ = ["TABLE_COLUMNS", "gap_table"]

TABLE_COLUMNS = (
    "level",
    "school_id",
    "school_year",
    "group",
    "subgroup",
    "outcome",
    "enrolled",
    "count",
    "suppressed",
)


def _check_table(table: pd.DataFrame) -> None:
    missing = [column for column in TABLE_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(f"the table is missing the column(s): {', '.join(missing)}")


def _text(series: pd.Series) -> pd.Series:
    """Text column with missing values as empty strings."""
    return series.astype("string").fillna("").str.strip().astype(str)


def _identifier(series: pd.Series) -> pd.Series:
    """Text identifiers; whole numbers stored as floats (101.0) become "101"."""
    if pd.api.types.is_float_dtype(series.dtype):
        known = series.dropna()
        if (known == known.round()).all():
            series = series.astype("Int64")
    return _text(series)


def _numbers(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _lookup_reference(
    reference_risks: Mapping[Any, float] | None, school_year: str, subgroup: str
) -> float:
    if not reference_risks:
        return np.nan
    for key in ((school_year, subgroup), subgroup):
        if key in reference_risks and reference_risks[key] is not None:
            return _check_reference(reference_risks[key])
    return np.nan


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _tidy(
    table: pd.DataFrame,
    outcome: str,
    level: str | None,
    school_id: Any,
    school_year: str | None,
) -> pd.DataFrame:
    """Keep the rows of one outcome (and unit, year), with text and numbers in plain types."""
    _check_table(table)
    data = pd.DataFrame(
        {
            "level": _text(table["level"]),
            "school_id": _identifier(table["school_id"]),
            "school_year": _text(table["school_year"]),
            "group": _text(table["group"]),
            "subgroup": _text(table["subgroup"]),
            "outcome": _text(table["outcome"]),
            "enrolled": _numbers(table["enrolled"]),
            "count": _numbers(table["count"]),
            "suppressed": _text(table["suppressed"]).str.lower(),
            "enrolled_suppressed": (
                _text(table["enrolled_suppressed"]).str.lower()
                if "enrolled_suppressed" in table.columns
                else ""
            ),
        }
    )
    keep = data["outcome"] == str(outcome)
    if level is not None:
        keep &= data["level"] == str(level)
    if school_id is not None:
        keep &= data["school_id"] == str(school_id)
    if school_year is not None:
        keep &= data["school_year"] == str(school_year)
    return data[keep]


def _with_totals(data: pd.DataFrame, group: str) -> pd.DataFrame:
    """Put each subgroup row of ``group`` beside its unit's total (All) row."""
    keys = ["level", "school_id", "school_year"]
    is_total = data["subgroup"].str.casefold() == "all"
    subgroups = data[~is_total & (data["group"] == str(group))].reset_index(drop=True)
    totals = data[is_total & data["group"].isin([str(group), "All", "all", ""])]
    totals = (
        totals.assign(_priority=(totals["group"] != str(group)).astype(int))
        .sort_values("_priority", kind="stable")
        .drop_duplicates(keys)
    )
    totals = totals[[*keys, "enrolled", "count", "suppressed", "enrolled_suppressed"]].rename(
        columns={
            "enrolled": "_all_enrolled",
            "count": "_all_count",
            "suppressed": "_all_suppressed",
            "enrolled_suppressed": "_all_enrolled_suppressed",
        }
    )
    return subgroups.merge(totals.assign(_has_total=True), on=keys, how="left")


def _measures(
    merged: pd.DataFrame,
    min_cell: int,
    min_n: int,
    reference_risks: Mapping[Any, float] | None,
) -> SimpleNamespace:
    """Compute every measure and every reason's condition for all rows (numpy arrays)."""
    m = SimpleNamespace()
    g_count = merged["count"].to_numpy(dtype=float)
    g_enrolled = merged["enrolled"].to_numpy(dtype=float)
    a_count = merged["_all_count"].to_numpy(dtype=float)
    a_enrolled = merged["_all_enrolled"].to_numpy(dtype=float)
    m.g_suppressed = merged["suppressed"].to_numpy(dtype=object) != ""
    m.g_enrolled_suppressed = merged["enrolled_suppressed"].to_numpy(dtype=object) != ""
    a_suppressed = merged["_all_suppressed"].fillna("").to_numpy(dtype=object) != ""
    a_enrolled_suppressed = merged["_all_enrolled_suppressed"].fillna("").to_numpy(dtype=object)
    m.has_total = merged["_has_total"].fillna(False).to_numpy(dtype=bool)
    m.reference = np.array(
        [
            _lookup_reference(reference_risks, year, name)
            for year, name in zip(merged["school_year"], merged["subgroup"], strict=True)
        ],
        dtype=float,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        # The group itself.
        g_is_suppressed = m.g_suppressed | m.g_enrolled_suppressed
        m.g_missing = ~g_is_suppressed & (np.isnan(g_count) | np.isnan(g_enrolled))
        g_known = ~g_is_suppressed & ~m.g_missing
        m.g_bad = g_known & (g_count > g_enrolled)
        m.g_small_n = g_known & (g_enrolled < min_n)
        m.g_small_cell = g_known & (g_count < min_cell)
        m.g_empty = g_known & (g_enrolled == 0) & ~m.g_small_n & ~m.g_small_cell
        group_ok = g_known & ~m.g_bad & ~m.g_small_n & ~m.g_small_cell & ~m.g_empty
        g_risk = g_count / g_enrolled

        # The unit's total row and all other students (total minus the group).
        m.a_is_suppressed = m.has_total & (a_suppressed | (a_enrolled_suppressed != ""))
        m.a_missing = m.has_total & ~m.a_is_suppressed & (np.isnan(a_count) | np.isnan(a_enrolled))
        a_known = m.has_total & ~m.a_is_suppressed & ~m.a_missing
        o_count = a_count - g_count
        o_enrolled = a_enrolled - g_enrolled
        m.inconsistent = (
            a_known & g_known & ((o_count < 0) | (o_enrolled < 0) | (o_count > o_enrolled))
        )
        o_known = a_known & g_known & ~m.inconsistent
        m.o_small_n = o_known & (o_enrolled < min_n)
        m.o_small_cell = o_known & (o_count < min_cell)
        m.o_empty = o_known & (o_enrolled == 0) & ~m.o_small_n & ~m.o_small_cell
        o_ok = o_known & ~m.o_small_n & ~m.o_small_cell & ~m.o_empty
        m.o_zero = o_ok & (o_count == 0)
        o_risk = o_count / o_enrolled

        m.direct = group_ok & o_ok & ~m.o_zero
        m.use_alternate = (
            group_ok & ~m.direct & ~m.inconsistent & ~np.isnan(m.reference) & (m.reference > 0)
        )
        m.ratio = np.where(
            m.direct, g_risk / o_risk, np.where(m.use_alternate, g_risk / m.reference, np.nan)
        )
        m.difference = np.where(group_ok & o_ok, g_risk - o_risk, np.nan)
        m.totals_ok = group_ok & a_known & ~m.inconsistent & (a_count > 0) & (a_enrolled > 0)
        outcome_share = g_count / a_count
        enrollment_share = g_enrolled / a_enrolled
        m.composition = np.where(m.totals_ok, outcome_share / enrollment_share, np.nan)
        m.gap = np.where(m.totals_ok, 100 * (outcome_share - enrollment_share), np.nan)
    m.risk = np.where(group_ok, g_risk, np.nan)
    return m


def _group_reasons(m: SimpleNamespace, i: int, min_cell: int, min_n: int) -> list[str]:
    """Say why the group's own numbers cannot be used (empty when they can)."""
    checks = (
        (m.g_suppressed, SUPPRESSED),
        (m.g_enrolled_suppressed, ENROLLMENT_SUPPRESSED),
        (m.g_missing, "count or enrollment not available"),
        (m.g_bad, "more students with the outcome than enrolled; check the data"),
        (m.g_small_n, fewer_enrolled(min_n, "group")),
        (m.g_small_cell, fewer_with_outcome(min_cell, "group")),
        (m.g_empty, "no students enrolled in the group, so the risk is undefined"),
    )
    return [text for flags, text in checks if flags[i]]


def _unit_problem(m: SimpleNamespace, i: int) -> str:
    """Say why the unit's total cannot give a comparison group (empty when it can)."""
    if not m.has_total[i]:
        return "no total (All) row for the unit, so all other students are unknown"
    if m.a_is_suppressed[i]:
        return TOTAL_SUPPRESSED
    if m.a_missing[i]:
        return (
            "the unit's total is not available, "
            "so the comparison with all other students cannot be computed"
        )
    if m.inconsistent[i]:
        return "the unit's total does not match the subgroup's counts; check the data"
    return ""


def _explain(
    m: SimpleNamespace, i: int, min_cell: int, min_n: int, use_reference: bool
) -> tuple[str, str, str]:
    """Return why a row's measures are not reported, its note and its ratio's method."""
    group_reasons = _group_reasons(m, i, min_cell, min_n)
    if group_reasons:
        return "; ".join(group_reasons), "", ""
    unit_problem = _unit_problem(m, i)
    comparison = [unit_problem] if unit_problem else []
    for flags, text in (
        (m.o_small_n, fewer_enrolled(min_n, "comparison group")),
        (m.o_small_cell, fewer_with_outcome(min_cell, "comparison group")),
        (m.o_empty, "no other students enrolled, so there is no comparison group"),
    ):
        if flags[i]:
            comparison.append(text)
    ratio_why = [*comparison, RATIO_UNDEFINED] if m.o_zero[i] else list(comparison)
    note = ""
    if m.use_alternate[i]:
        method = ALTERNATE_RISK_RATIO
        note = (
            f"compared with the reference risk ({m.reference[i]:.1%}) because the risk ratio "
            f"could not be used: {'; '.join(ratio_why)}"
        )
        ratio_why = []
    else:
        method = RISK_RATIO if m.direct[i] else ""
        if ratio_why and use_reference and not m.inconsistent[i]:
            ratio_why.append(
                "no reference risk for an alternate risk ratio"
                if np.isnan(m.reference[i])
                else REFERENCE_ZERO
            )
    by_reason: dict[str, list[str]] = {}
    if ratio_why:
        by_reason.setdefault("; ".join(ratio_why), []).append("risk ratio")
    if comparison:
        by_reason.setdefault("; ".join(comparison), []).append("risk difference")
    if not m.totals_ok[i]:
        why = unit_problem or "no students with the outcome in the unit, so shares are undefined"
        by_reason.setdefault(why, []).extend(["composition index", "percentage-point gap"])
    reason = "; ".join(f"{_join(names)} not reported: {why}" for why, names in by_reason.items())
    return reason, note, method


def _compute_gaps(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    *,
    level: str | None,
    school_id: Any,
    school_year: str | None,
    min_cell: int,
    min_n: int,
    reference_risks: Mapping[Any, float] | None,
) -> pd.DataFrame:
    """Do the work of :func:`gap_table`."""
    _check_thresholds(min_cell, min_n)
    merged = _with_totals(_tidy(table, outcome, level, school_id, school_year), group)
    m = _measures(merged, min_cell, min_n, reference_risks)
    explained = [_explain(m, i, min_cell, min_n, bool(reference_risks)) for i in range(len(merged))]
    reasons = [reason for reason, _, _ in explained]
    return pd.DataFrame(
        {
            "level": merged["level"],
            "school_id": merged["school_id"],
            "school_year": merged["school_year"],
            "outcome": merged["outcome"],
            "group": merged["group"],
            "subgroup": merged["subgroup"],
            "enrolled": pd.array(merged["enrolled"], dtype="Float64").astype("Int64"),
            "count": pd.array(merged["count"], dtype="Float64").astype("Int64"),
            "risk": pd.array(m.risk, dtype="Float64"),
            "risk_ratio": pd.array(m.ratio, dtype="Float64"),
            "risk_ratio_method": [method for _, _, method in explained],
            "risk_difference": pd.array(m.difference, dtype="Float64"),
            "composition_index": pd.array(m.composition, dtype="Float64"),
            "percentage_point_gap": pd.array(m.gap, dtype="Float64"),
            "reported": [not text for text in reasons],
            "reason": reasons,
            "note": [note for _, note, _ in explained],
        }
    )


def gap_table(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    *,
    level: str | None = "district",
    school_id: Any = None,
    school_year: str | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
    reference_risks: Mapping[Any, float] | None = None,
) -> pd.DataFrame:
    """Compute every gap metric for each subgroup of a district or school from a tidy table.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit, year, group, subgroup and outcome, with the columns ``level``
        (``"district"`` or ``"school"``), ``school_id`` (empty for the district),
        ``school_year`` (``"2023-24"``), ``group`` (e.g. ``"race/ethnicity"``),
        ``subgroup`` (``"All"`` for the unit's total row), ``outcome``, ``enrolled``,
        ``count`` (missing when suppressed) and ``suppressed`` (``""``, ``"primary"``
        or ``"complementary"``). An optional ``enrolled_suppressed`` column (as written
        by :func:`equitykit.anonymize.suppression.suppress_small_cells`) marks hidden
        enrollments.
    outcome : str
        The outcome to analyse, as written in the ``outcome`` column.
    group : str
        The grouping to analyse, as written in the ``group`` column.
    level : str or None, default "district"
        Keep only rows at this level; ``None`` keeps every level.
    school_id : optional
        Keep only this school; ``None`` keeps every school at the chosen level.
    school_year : str, optional
        Keep only this school year; ``None`` keeps every year.
    min_cell : int, default 10
        Minimum number of students with the outcome, in the group and its comparison group.
    min_n : int, default 30
        Minimum number of students enrolled, in the group and its comparison group.
    reference_risks : mapping, optional
        Reference risks (shares between 0 and 1, e.g. the state's risk for all other
        students) for the alternate risk ratio, keyed by ``(school_year, subgroup)`` or by
        ``subgroup``. Used only when the comparison group cannot be used.

    Returns
    -------
    pandas.DataFrame
        One row per unit, year and subgroup (the ``"All"`` row is the comparison, not a
        row of the result) with ``level, school_id, school_year, outcome, group,
        subgroup, enrolled, count, risk, risk_ratio, risk_ratio_method,
        risk_difference, composition_index, percentage_point_gap, reported, reason,
        note``. Risks and the risk difference are shares (0.05 = 5%); the
        percentage-point gap is in points. A metric that is not reported is missing
        (``<NA>``); ``reported`` is ``True`` only when every metric is shown, and
        ``reason`` says what is missing and why. ``note`` explains an alternate risk
        ratio.

    Notes
    -----
    "All other students" are the unit's ``All`` row minus the subgroup. When the
    subgroup or the ``All`` row is suppressed, the comparison cannot be computed and
    the result says so; nothing is estimated.
    """
    result = _compute_gaps(
        table,
        outcome,
        group,
        level=level,
        school_id=school_id,
        school_year=school_year,
        min_cell=min_cell,
        min_n=min_n,
        reference_risks=reference_risks,
    )
    return result
