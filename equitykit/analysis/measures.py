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

For a whole table of a district's or school's groups use
:func:`equitykit.analysis.gap_table.gap_table`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from equitykit.analysis.reasons import (
    RATIO_UNDEFINED,
    REFERENCE_ZERO,
    fewer_enrolled,
    fewer_with_outcome,
)

__all__ = [
    "MetricResult",
    "alternate_risk_ratio",
    "composition_index",
    "percentage_point_gap",
    "risk",
    "risk_difference",
    "risk_ratio",
]

DEFAULT_MIN_CELL = 10
DEFAULT_MIN_N = 30

RISK_RATIO = "risk ratio"
ALTERNATE_RISK_RATIO = "alternate risk ratio"


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
        reasons.append(fewer_enrolled(min_n, who))
    if count < min_cell:
        reasons.append(fewer_with_outcome(min_cell, who))
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
        return MetricResult(None, False, REFERENCE_ZERO, ALTERNATE_RISK_RATIO)
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
        reasons = [RATIO_UNDEFINED]
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
