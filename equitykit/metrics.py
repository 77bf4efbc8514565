"""Gap metrics on counts: risk, risk ratios and the measures that sit beside them.

Every metric here works on counts of students: how many are enrolled in a group and how
many of them experienced an outcome (a suspension, an identification for special
education, a placement outside the regular class). The definitions follow the IDEA
significant disproportionality rule (34 CFR 300.646-647):

* **risk**: the share of a group that experiences the outcome, ``count / enrolled``;
* **risk ratio**: a group's risk divided by the risk of *all other* students in the
  same district or school (the comparison group);
* **alternate risk ratio**: a group's risk divided by a reference risk (usually the
  state's risk for all other students), used when the comparison group is too small.

Small numbers make unstable and sometimes identifying figures, so every metric takes a
minimum cell size (students *with the outcome*, default 10) and a minimum n-size
(students *enrolled*, default 30), the values 34 CFR 300.647(b) calls presumptively
reasonable. Below them a metric is *not reported*, with the reason in plain language,
instead of a number that would mislead. Results are :class:`MetricResult` objects.

For a whole table of a district's or school's groups use :func:`gap_table`; to apply a
multi-year rule such as "a risk ratio above 3.0 for three consecutive years" use
:func:`flag_disproportionality`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "MetricResult",
    "alternate_risk_ratio",
    "composition_index",
    "flag_disproportionality",
    "gap_table",
    "percentage_point_gap",
    "risk",
    "risk_difference",
    "risk_ratio",
]

DEFAULT_MIN_CELL = 10
DEFAULT_MIN_N = 30

RISK_RATIO = "risk ratio"
ALTERNATE_RISK_RATIO = "alternate risk ratio"

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

_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class MetricResult:
    """The result of one gap metric: a number, or the reason it is not reported.

    Parameters
    ----------
    value : float or None
        The metric, or ``None`` when it is not reported.
    reported : bool
        ``True`` when ``value`` can be shown.
    reason : str
        Why the metric is not reported, in plain language; empty when it is reported.
    method : str
        Which metric this is, for example ``"risk ratio"`` or ``"alternate risk ratio"``.
    note : str
        Extra context for a reported value, for example why the alternate risk ratio
        was used instead of the risk ratio; often empty.
    """

    value: float | None
    reported: bool
    reason: str = ""
    method: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.reported and (self.value is None or self.reason):
            raise ValueError("a reported metric needs a value and no reason")
        if not self.reported and (self.value is not None or not self.reason):
            raise ValueError("a metric that is not reported needs a reason and no value")

    def __str__(self) -> str:
        if self.reported:
            return f"{self.value:.2f}"
        return f"not reported: {self.reason}"


# --------------------------------------------------------------------------- helpers


def _students(n: int) -> str:
    return "student" if n == 1 else "students"


def _fewer_enrolled(min_n: int, who: str) -> str:
    return f"fewer than {min_n} {_students(min_n)} enrolled in the {who}"


def _fewer_with_outcome(min_cell: int, who: str) -> str:
    return f"fewer than {min_cell} {_students(min_cell)} with the outcome in the {who}"


_RATIO_UNDEFINED = "comparison group has no students with the outcome, so the ratio is undefined"
_REFERENCE_ZERO = "the reference risk is zero, so the ratio is undefined"


def _as_count(value: Any, what: str) -> int | None:
    """Return a count as an ``int``, ``None`` when missing; reject impossible counts."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a whole number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be a whole number, not {value!r}") from None
    if math.isnan(number):
        return None
    if number < 0 or not number.is_integer():
        raise ValueError(f"{what} must be a whole number of students (0 or more), not {value!r}")
    return int(number)


def _check_thresholds(min_cell: int, min_n: int) -> None:
    if min_cell < 0 or min_n < 0:
        raise ValueError("min_cell and min_n cannot be negative")


def _size_reasons(
    count: int | None, enrolled: int | None, who: str, min_cell: int, min_n: int
) -> list[str]:
    """Reasons why a group's counts cannot support a metric (empty list when they can)."""
    reasons = []
    if enrolled is None:
        reasons.append(f"enrollment of the {who} is not available")
    if count is None:
        reasons.append(f"the number of students with the outcome in the {who} is not available")
    if reasons:
        return reasons
    assert count is not None and enrolled is not None
    if count > enrolled:
        raise ValueError(
            f"the {who} has more students with the outcome ({count}) than enrolled ({enrolled})"
        )
    if enrolled < min_n:
        reasons.append(_fewer_enrolled(min_n, who))
    if count < min_cell:
        reasons.append(_fewer_with_outcome(min_cell, who))
    if enrolled == 0 and not reasons:
        reasons.append(f"no students enrolled in the {who}, so the risk is undefined")
    return reasons


def _not_reported(reasons: list[str], method: str) -> MetricResult:
    return MetricResult(None, False, "; ".join(reasons), method)


def _check_reference(reference_risk: float) -> float:
    reference = float(reference_risk)
    if not 0.0 <= reference <= 1.0:
        raise ValueError(f"reference_risk must be a share between 0 and 1, not {reference_risk!r}")
    return reference


# --------------------------------------------------------------------- scalar metrics


def risk(
    count: int | None,
    enrolled: int | None,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
) -> MetricResult:
    """Compute the share of a group that experiences an outcome (the risk index).

    Parameters
    ----------
    count : int or None
        Students in the group with the outcome; ``None`` when not available.
    enrolled : int or None
        Students enrolled in the group; ``None`` when not available.
    min_cell : int, default 10
        Minimum number of students with the outcome for the risk to be reported.
    min_n : int, default 30
        Minimum number of students enrolled for the risk to be reported.

    Returns
    -------
    MetricResult
        ``count / enrolled`` as a share between 0 and 1, or the reason it is not reported.

    Examples
    --------
    >>> risk(20, 100).value
    0.2
    >>> risk(5, 100).reason
    'fewer than 10 students with the outcome in the group'
    """
    _check_thresholds(min_cell, min_n)
    count_, enrolled_ = _as_count(count, "count"), _as_count(enrolled, "enrolled")
    reasons = _size_reasons(count_, enrolled_, "group", min_cell, min_n)
    if reasons:
        return _not_reported(reasons, "risk")
    assert count_ is not None and enrolled_ is not None
    return MetricResult(count_ / enrolled_, True, method="risk")


def alternate_risk_ratio(
    group_count: int | None,
    group_enrolled: int | None,
    reference_risk: float,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
) -> MetricResult:
    """Compare a group's risk with a reference risk, such as the state's (a ratio).

    IDEA uses this when the comparison group in the district is below the minimum cell
    size or n-size (34 CFR 300.647(b)(5)).

    Parameters
    ----------
    group_count, group_enrolled : int or None
        Students in the group with the outcome, and enrolled.
    reference_risk : float
        The reference risk as a share between 0 and 1 (0.05, not 5).
    min_cell, min_n : int
        Minimum cell size and n-size the group must meet.

    Returns
    -------
    MetricResult
        With ``method == "alternate risk ratio"``.

    Examples
    --------
    >>> alternate_risk_ratio(20, 100, 0.08).value
    2.5
    """
    _check_thresholds(min_cell, min_n)
    reference = _check_reference(reference_risk)
    group = risk(group_count, group_enrolled, min_cell=min_cell, min_n=min_n)
    if not group.reported:
        return MetricResult(None, False, group.reason, ALTERNATE_RISK_RATIO)
    if reference == 0:
        return MetricResult(None, False, _REFERENCE_ZERO, ALTERNATE_RISK_RATIO)
    assert group.value is not None
    return MetricResult(group.value / reference, True, method=ALTERNATE_RISK_RATIO)


def risk_ratio(
    group_count: int | None,
    group_enrolled: int | None,
    others_count: int | None,
    others_enrolled: int | None,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
    reference_risk: float | None = None,
) -> MetricResult:
    """Compare a group's risk with the risk of all other students (a ratio).

    1.0 means equal risk; 2.0 means the group is twice as likely to experience the outcome.

    Following 34 CFR 300.647(b): the ratio is not reported when the group itself is below
    the minimum cell size or n-size. When the *comparison group* (all other students) is
    below them, the alternate risk ratio against ``reference_risk`` is used instead if one
    is given; the result's ``method`` says which ratio was used and ``note`` says why. The
    same fallback is used when the comparison group has no students with the outcome
    (possible only with ``min_cell=0``), where the ordinary ratio is undefined.

    Parameters
    ----------
    group_count, group_enrolled : int or None
        Students in the group with the outcome, and enrolled.
    others_count, others_enrolled : int or None
        The same for all other students in the district or school.
    min_cell : int, default 10
        Minimum number of students with the outcome, in the group and in the comparison group.
    min_n : int, default 30
        Minimum number of students enrolled, in the group and in the comparison group.
    reference_risk : float, optional
        Reference risk (a share between 0 and 1) for the alternate risk ratio.

    Returns
    -------
    MetricResult
        With ``method`` ``"risk ratio"`` or ``"alternate risk ratio"``.

    Examples
    --------
    >>> risk_ratio(20, 100, 30, 600).value
    4.0
    >>> risk_ratio(20, 100, 3, 20).reason
    'fewer than 30 students enrolled in the comparison group; fewer than 10 students with the outcome in the comparison group'
    >>> result = risk_ratio(20, 100, 3, 20, reference_risk=0.05)
    >>> result.method, result.value
    ('alternate risk ratio', 4.0)
    """  # noqa: E501
    _check_thresholds(min_cell, min_n)
    group = risk(group_count, group_enrolled, min_cell=min_cell, min_n=min_n)
    if not group.reported:
        return MetricResult(None, False, group.reason, RISK_RATIO)
    others_count_ = _as_count(others_count, "others_count")
    others_enrolled_ = _as_count(others_enrolled, "others_enrolled")
    reasons = _size_reasons(others_count_, others_enrolled_, "comparison group", min_cell, min_n)
    if not reasons and others_count_ == 0:
        reasons = [_RATIO_UNDEFINED]
    assert group.value is not None
    if not reasons:
        assert others_count_ is not None and others_enrolled_ is not None
        return MetricResult(
            group.value / (others_count_ / others_enrolled_), True, method=RISK_RATIO
        )
    if reference_risk is None:
        return _not_reported(reasons, RISK_RATIO)
    alternate = alternate_risk_ratio(
        group_count, group_enrolled, reference_risk, min_cell=min_cell, min_n=min_n
    )
    if not alternate.reported:
        return _not_reported([*reasons, alternate.reason], ALTERNATE_RISK_RATIO)
    note = (
        f"compared with the reference risk ({float(reference_risk):.1%}) because the risk ratio "
        f"could not be used: {'; '.join(reasons)}"
    )
    return MetricResult(alternate.value, True, method=ALTERNATE_RISK_RATIO, note=note)


def risk_difference(
    group_count: int | None,
    group_enrolled: int | None,
    others_count: int | None,
    others_enrolled: int | None,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
) -> MetricResult:
    """Subtract the risk of all other students from a group's risk.

    Multiply by 100 for percentage points: a risk difference of 0.15 means the group's
    risk is 15 percentage points higher. Both groups must meet the minimum cell size
    and n-size.

    Parameters
    ----------
    group_count, group_enrolled : int or None
        Students in the group with the outcome, and enrolled.
    others_count, others_enrolled : int or None
        The same for all other students in the district or school.
    min_cell, min_n : int
        Minimum cell size and n-size each group must meet.

    Returns
    -------
    MetricResult
        A value between -1 and 1, or the reason it is not reported.

    Examples
    --------
    >>> round(risk_difference(20, 100, 30, 600).value, 2)
    0.15
    """
    _check_thresholds(min_cell, min_n)
    group = risk(group_count, group_enrolled, min_cell=min_cell, min_n=min_n)
    if not group.reported:
        return MetricResult(None, False, group.reason, "risk difference")
    others_count_ = _as_count(others_count, "others_count")
    others_enrolled_ = _as_count(others_enrolled, "others_enrolled")
    reasons = _size_reasons(others_count_, others_enrolled_, "comparison group", min_cell, min_n)
    if reasons:
        return _not_reported(reasons, "risk difference")
    assert group.value is not None and others_count_ is not None and others_enrolled_ is not None
    return MetricResult(
        group.value - others_count_ / others_enrolled_, True, method="risk difference"
    )


def _shares(
    group_count: int | None,
    total_count: int | None,
    group_enrolled: int | None,
    total_enrolled: int | None,
    min_cell: int,
    min_n: int,
) -> tuple[float, float] | list[str]:
    """Return the group's share of the outcome and of enrollment, or why they are unusable."""
    _check_thresholds(min_cell, min_n)
    group_count_ = _as_count(group_count, "group_count")
    group_enrolled_ = _as_count(group_enrolled, "group_enrolled")
    total_count_ = _as_count(total_count, "total_count")
    total_enrolled_ = _as_count(total_enrolled, "total_enrolled")
    reasons = _size_reasons(group_count_, group_enrolled_, "group", min_cell, min_n)
    if reasons:
        return reasons
    if total_count_ is None or total_enrolled_ is None:
        return ["the unit's total is not available, so shares cannot be computed"]
    assert group_count_ is not None and group_enrolled_ is not None
    if total_count_ < group_count_ or total_enrolled_ < group_enrolled_:
        raise ValueError("the total cannot be smaller than the group")
    if total_count_ - group_count_ > total_enrolled_ - group_enrolled_:
        raise ValueError("all others cannot have more students with the outcome than enrolled")
    if total_count_ == 0:
        return ["no students with the outcome in the whole unit, so shares are undefined"]
    return group_count_ / total_count_, group_enrolled_ / total_enrolled_


def composition_index(
    group_count: int | None,
    total_count: int | None,
    group_enrolled: int | None,
    total_enrolled: int | None,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
) -> MetricResult:
    """Divide a group's share of those with the outcome by its share of enrollment.

    1.0 means the group is represented among students with the outcome exactly as in
    enrollment; 2.0 means its share of the outcome is twice its share of enrollment.

    A note on names: in much of the field, notably the IDEA Data Center's technical
    assistance guide on disproportionality, the *composition index* is the group's share
    of those with the outcome **on its own** (a percentage, e.g. "42% of students
    suspended are Black"). Its comparison with the share of enrollment is then called
    the *difference in composition* (a subtraction: see :func:`percentage_point_gap`) or
    the *relative difference in composition* (``composition_index - 1`` here, as a
    percentage). The ratio computed here is what others call a *proportionality index*
    or *representation index* (the "80% rule" reads it against 0.80). Say which one you
    mean when you present it.

    Parameters
    ----------
    group_count, total_count : int or None
        Students with the outcome in the group and in the whole unit (district or school).
    group_enrolled, total_enrolled : int or None
        Students enrolled in the group and in the whole unit.
    min_cell, min_n : int
        Minimum cell size and n-size the group must meet.

    Returns
    -------
    MetricResult
        The ratio of the two shares, or the reason it is not reported.

    Examples
    --------
    >>> round(composition_index(20, 50, 100, 700).value, 2)
    2.8
    """
    shares = _shares(group_count, total_count, group_enrolled, total_enrolled, min_cell, min_n)
    if isinstance(shares, list):
        return _not_reported(shares, "composition index")
    outcome_share, enrollment_share = shares
    return MetricResult(outcome_share / enrollment_share, True, method="composition index")


def percentage_point_gap(
    group_count: int | None,
    total_count: int | None,
    group_enrolled: int | None,
    total_enrolled: int | None,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
) -> MetricResult:
    """Subtract a group's share of enrollment from its share of the outcome, in points.

    Positive means over-represented among students with the outcome: a group that is
    14% of enrollment and 40% of suspensions has a gap of +26 percentage points. The
    field also calls this the *difference in composition*.

    Parameters
    ----------
    group_count, total_count : int or None
        Students with the outcome in the group and in the whole unit.
    group_enrolled, total_enrolled : int or None
        Students enrolled in the group and in the whole unit.
    min_cell, min_n : int
        Minimum cell size and n-size the group must meet.

    Returns
    -------
    MetricResult
        Percentage points between -100 and 100, or the reason it is not reported.

    Examples
    --------
    >>> round(percentage_point_gap(20, 50, 100, 700).value, 1)
    25.7
    """
    shares = _shares(group_count, total_count, group_enrolled, total_enrolled, min_cell, min_n)
    if isinstance(shares, list):
        return _not_reported(shares, "percentage-point gap")
    outcome_share, enrollment_share = shares
    return MetricResult(
        100 * (outcome_share - enrollment_share), True, method="percentage-point gap"
    )


# ---------------------------------------------------------------------- table metrics


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
    """Do the work of :func:`gap_table`; keep a private ``_ratio_reason`` column."""
    _check_thresholds(min_cell, min_n)
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
    data = data[keep]
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
    merged = subgroups.merge(totals.assign(_has_total=True), on=keys, how="left")

    g_count = merged["count"].to_numpy(dtype=float)
    g_enrolled = merged["enrolled"].to_numpy(dtype=float)
    g_suppressed = merged["suppressed"].to_numpy(dtype=object)
    a_count = merged["_all_count"].to_numpy(dtype=float)
    a_enrolled = merged["_all_enrolled"].to_numpy(dtype=float)
    g_enrolled_suppressed = merged["enrolled_suppressed"].to_numpy(dtype=object)
    a_suppressed = merged["_all_suppressed"].fillna("").to_numpy(dtype=object)
    a_enrolled_suppressed = merged["_all_enrolled_suppressed"].fillna("").to_numpy(dtype=object)
    has_total = merged["_has_total"].fillna(False).to_numpy(dtype=bool)
    reference = np.array(
        [
            _lookup_reference(reference_risks, year, name)
            for year, name in zip(merged["school_year"], merged["subgroup"], strict=True)
        ],
        dtype=float,
    )

    with np.errstate(divide="ignore", invalid="ignore"):
        # The group itself.
        g_is_suppressed = (g_suppressed != "") | (g_enrolled_suppressed != "")
        g_missing = ~g_is_suppressed & (np.isnan(g_count) | np.isnan(g_enrolled))
        g_known = ~g_is_suppressed & ~g_missing
        g_bad = g_known & (g_count > g_enrolled)
        g_small_n = g_known & (g_enrolled < min_n)
        g_small_cell = g_known & (g_count < min_cell)
        g_empty = g_known & (g_enrolled == 0) & ~g_small_n & ~g_small_cell
        group_ok = g_known & ~g_bad & ~g_small_n & ~g_small_cell & ~g_empty
        g_risk = g_count / g_enrolled

        # The unit's total row and all other students (total minus the group).
        a_is_suppressed = has_total & ((a_suppressed != "") | (a_enrolled_suppressed != ""))
        a_missing = has_total & ~a_is_suppressed & (np.isnan(a_count) | np.isnan(a_enrolled))
        a_known = has_total & ~a_is_suppressed & ~a_missing
        o_count = a_count - g_count
        o_enrolled = a_enrolled - g_enrolled
        inconsistent = (
            a_known & g_known & ((o_count < 0) | (o_enrolled < 0) | (o_count > o_enrolled))
        )
        o_known = a_known & g_known & ~inconsistent
        o_small_n = o_known & (o_enrolled < min_n)
        o_small_cell = o_known & (o_count < min_cell)
        o_empty = o_known & (o_enrolled == 0) & ~o_small_n & ~o_small_cell
        o_ok = o_known & ~o_small_n & ~o_small_cell & ~o_empty
        o_zero = o_ok & (o_count == 0)
        o_risk = o_count / o_enrolled

        direct = group_ok & o_ok & ~o_zero
        use_alternate = group_ok & ~direct & ~inconsistent & ~np.isnan(reference) & (reference > 0)
        ratio = np.where(
            direct, g_risk / o_risk, np.where(use_alternate, g_risk / reference, np.nan)
        )
        difference = np.where(group_ok & o_ok, g_risk - o_risk, np.nan)
        totals_ok = group_ok & a_known & ~inconsistent & (a_count > 0) & (a_enrolled > 0)
        outcome_share = g_count / a_count
        enrollment_share = g_enrolled / a_enrolled
        composition = np.where(totals_ok, outcome_share / enrollment_share, np.nan)
        gap = np.where(totals_ok, 100 * (outcome_share - enrollment_share), np.nan)
    risk_values = np.where(group_ok, g_risk, np.nan)

    reasons, ratio_reasons, notes, methods = [], [], [], []
    for i in range(len(merged)):
        group_reasons = []
        if g_suppressed[i]:
            group_reasons.append(f"suppressed to protect privacy ({g_suppressed[i]})")
        if g_enrolled_suppressed[i]:
            group_reasons.append(
                f"enrollment suppressed to protect privacy ({g_enrolled_suppressed[i]})"
            )
        if g_missing[i]:
            group_reasons.append("count or enrollment not available")
        if g_bad[i]:
            group_reasons.append("more students with the outcome than enrolled; check the data")
        if g_small_n[i]:
            group_reasons.append(_fewer_enrolled(min_n, "group"))
        if g_small_cell[i]:
            group_reasons.append(_fewer_with_outcome(min_cell, "group"))
        if g_empty[i]:
            group_reasons.append("no students enrolled in the group, so the risk is undefined")
        unit_problem = ""
        if not has_total[i]:
            unit_problem = "no total (All) row for the unit, so all other students are unknown"
        elif a_is_suppressed[i]:
            unit_problem = (
                "the unit's total is suppressed to protect privacy "
                f"({a_suppressed[i] or a_enrolled_suppressed[i]}), "
                "so the comparison with all other students cannot be computed"
            )
        elif a_missing[i]:
            unit_problem = (
                "the unit's total is not available, "
                "so the comparison with all other students cannot be computed"
            )
        elif inconsistent[i]:
            unit_problem = "the unit's total does not match the subgroup's counts; check the data"
        comparison = [unit_problem] if unit_problem else []
        if o_small_n[i]:
            comparison.append(_fewer_enrolled(min_n, "comparison group"))
        if o_small_cell[i]:
            comparison.append(_fewer_with_outcome(min_cell, "comparison group"))
        if o_empty[i]:
            comparison.append("no other students enrolled, so there is no comparison group")

        if group_reasons:
            text = "; ".join(group_reasons)
            reasons.append(text)
            ratio_reasons.append(text)
            notes.append("")
            methods.append("")
            continue
        ratio_why = list(comparison)
        if o_zero[i]:
            ratio_why.append(_RATIO_UNDEFINED)
        if use_alternate[i]:
            methods.append(ALTERNATE_RISK_RATIO)
            notes.append(
                f"compared with the reference risk ({reference[i]:.1%}) because the risk ratio "
                f"could not be used: {'; '.join(ratio_why)}"
            )
            ratio_why = []
        else:
            methods.append(RISK_RATIO if direct[i] else "")
            notes.append("")
            if ratio_why and reference_risks and not inconsistent[i]:
                if np.isnan(reference[i]):
                    ratio_why.append("no reference risk for an alternate risk ratio")
                else:
                    ratio_why.append(_REFERENCE_ZERO)
        ratio_reasons.append("; ".join(ratio_why))
        by_reason: dict[str, list[str]] = {}
        if ratio_why:
            by_reason.setdefault("; ".join(ratio_why), []).append("risk ratio")
        if comparison:
            by_reason.setdefault("; ".join(comparison), []).append("risk difference")
        if not totals_ok[i]:
            why = (
                unit_problem or "no students with the outcome in the unit, so shares are undefined"
            )
            by_reason.setdefault(why, []).extend(["composition index", "percentage-point gap"])
        reasons.append(
            "; ".join(f"{_join(names)} not reported: {why}" for why, names in by_reason.items())
        )

    result = pd.DataFrame(
        {
            "level": merged["level"],
            "school_id": merged["school_id"],
            "school_year": merged["school_year"],
            "outcome": merged["outcome"],
            "group": merged["group"],
            "subgroup": merged["subgroup"],
            "enrolled": pd.array(merged["enrolled"], dtype="Float64").astype("Int64"),
            "count": pd.array(merged["count"], dtype="Float64").astype("Int64"),
            "risk": pd.array(risk_values, dtype="Float64"),
            "risk_ratio": pd.array(ratio, dtype="Float64"),
            "risk_ratio_method": methods,
            "risk_difference": pd.array(difference, dtype="Float64"),
            "composition_index": pd.array(composition, dtype="Float64"),
            "percentage_point_gap": pd.array(gap, dtype="Float64"),
            "reported": [not text for text in reasons],
            "reason": reasons,
            "note": notes,
            "_ratio_reason": ratio_reasons,
        }
    )
    return result


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
    return result.drop(columns=["_ratio_reason"])


# ------------------------------------------------------------------ multi-year flags


def _year_start(school_year: str) -> int:
    match = _SCHOOL_YEAR.match(school_year)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"school years must look like '2023-24', not {school_year!r}")
    return int(match.group(1))


def _year_after(school_year: str) -> str:
    start = _year_start(school_year) + 1
    return f"{start}-{(start + 1) % 100:02d}"


def _ratio_text(value: float) -> str:
    return f"{value:.2f}"


def flag_disproportionality(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    *,
    threshold: float = 3.0,
    consecutive_years: int = 3,
    min_cell: int = DEFAULT_MIN_CELL,
    min_n: int = DEFAULT_MIN_N,
    reference_risks: Mapping[Any, float] | None = None,
) -> pd.DataFrame:
    """Flag subgroups whose risk ratio is above a threshold for consecutive years.

    A state's rule such as "a risk ratio above 3.0 in each of the three most recent
    consecutive years" (34 CFR 300.647(d) lets states require up to three years). A
    subgroup is flagged only when its risk ratio was reported *and* above the threshold
    in every one of the ``consecutive_years`` most recent school years in the table.

    Parameters
    ----------
    table : pandas.DataFrame
        A tidy table as described in :func:`gap_table`, with several school years.
    outcome : str
        The outcome to analyse.
    group : str
        The grouping to analyse.
    threshold : float, default 3.0
        A risk ratio strictly above this counts.
    consecutive_years : int, default 3
        How many of the most recent school years must all be above the threshold.
    min_cell, min_n : int
        Minimum cell size and n-size, as in :func:`gap_table`.
    reference_risks : mapping, optional
        Reference risks for the alternate risk ratio, as in :func:`gap_table`.

    Returns
    -------
    pandas.DataFrame
        One row per unit (the district and each school) and subgroup, with ``level,
        school_id, subgroup``, one column per school year (named by the year, e.g.
        ``"2023-24"``) holding that year's risk ratio (missing when not reported),
        ``flagged`` and ``why`` in plain language.
    """
    if consecutive_years < 1:
        raise ValueError("consecutive_years must be 1 or more")
    gaps = _compute_gaps(
        table,
        outcome,
        group,
        level=None,
        school_id=None,
        school_year=None,
        min_cell=min_cell,
        min_n=min_n,
        reference_risks=reference_risks,
    )
    years = sorted(set(gaps["school_year"]), key=_year_start)
    recent = years[-consecutive_years:]
    gap_in_years = next(
        (
            _year_after(earlier)
            for earlier, later in zip(recent, recent[1:], strict=False)
            if _year_start(later) != _year_start(earlier) + 1
        ),
        None,
    )
    unit_keys = ["level", "school_id", "subgroup"]
    units = gaps[unit_keys].drop_duplicates()
    units = units.assign(_district_first=(units["level"] != "district").astype(int))
    units = units.sort_values(["_district_first", "school_id"], kind="stable")
    # Plain dictionaries: one lookup per unit and year (pandas indexing per cell is slow).
    by_unit: dict[tuple[Any, Any, Any], dict[str, dict[str, Any]]] = {}
    for row in gaps[
        [*unit_keys, "school_year", "risk_ratio", "risk_ratio_method", "_ratio_reason"]
    ].to_dict("records"):
        key = (row["level"], row["school_id"], row["subgroup"])
        by_unit.setdefault(key, {})[row["school_year"]] = row

    records = []
    for level, school, subgroup in units[unit_keys].itertuples(index=False):
        rows = by_unit[(level, school, subgroup)]
        record: dict[str, Any] = {"level": level, "school_id": school, "subgroup": subgroup}
        for year in years:
            record[year] = rows[year]["risk_ratio"] if year in rows else pd.NA
        above, at_or_below, not_reported = [], [], []
        for year in recent:
            if year not in rows:
                not_reported.append(f"no data for {year}")
                continue
            value = rows[year]["risk_ratio"]
            if pd.isna(value):
                not_reported.append(f"not reported in {year}: {rows[year]['_ratio_reason']}")
            elif value > threshold:
                alternate = rows[year]["risk_ratio_method"] == ALTERNATE_RISK_RATIO
                above.append(f"{year} (alternate risk ratio)" if alternate else year)
            else:
                at_or_below.append(f"{year} ({_ratio_text(value)})")
        enough_years = len(recent) == consecutive_years and gap_in_years is None
        flagged = enough_years and len(above) == consecutive_years
        parts = []
        if len(recent) < consecutive_years:
            parts.append(
                f"only {len(recent)} school year(s) of data; {consecutive_years} are needed"
            )
        elif gap_in_years is not None:
            parts.append(f"the most recent years are not consecutive (no data for {gap_in_years})")
        if above:
            parts.append(f"risk ratio above {float(threshold)} in {_join(above)}")
        if at_or_below:
            parts.append(f"at or below {float(threshold)} in {_join(at_or_below)}")
        parts.extend(not_reported)
        record["flagged"] = flagged
        record["why"] = "; ".join(parts)
        records.append(record)

    columns = ["level", "school_id", "subgroup", *years, "flagged", "why"]
    result = pd.DataFrame.from_records(records, columns=columns)
    for year in years:
        result[year] = pd.array(result[year], dtype="Float64")
    result["flagged"] = result["flagged"].astype(bool)
    return result
