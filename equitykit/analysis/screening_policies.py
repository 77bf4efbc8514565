"""The four gifted-identification policies of the screening simulation, and their parameters.

See :mod:`equitykit.analysis.screening` for the assumptions. A policy is two steps: who takes
the screening measure, and who is identified. The eligibility criterion is a score
(:data:`CUT_SCORE`), the same under every policy but the one that lowers it on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from equitykit.data.labels import label_for

__all__ = [
    "CUT_SCORE",
    "LOWER_CUT_SCORE",
    "POLICY_CODES",
    "REFERRAL",
    "REFERRAL_BASE",
    "REFERRAL_LOWER_CUT",
    "REFERRAL_SHIFTS",
    "REFERRAL_SLOPE",
    "SCREENING_LOCAL_NORM",
    "SCREENING_SAME_CUT",
    "Policy",
    "check_cuts",
    "policies",
    "policy_header",
    "policy_rules",
]

#: The outcome codes of the four policies, in the order they are shown.
REFERRAL = "gifted_referral"
REFERRAL_LOWER_CUT = "gifted_referral_lower_cut"
SCREENING_SAME_CUT = "gifted_screening_same_cut"
SCREENING_LOCAL_NORM = "gifted_screening_local_norm"
POLICY_CODES = (REFERRAL, REFERRAL_LOWER_CUT, SCREENING_SAME_CUT, SCREENING_LOCAL_NORM)
#: The eligibility criterion: a score on the screening measure (standard-deviation units).
CUT_SCORE = 0.75
#: The lower criterion of the "lower the bar" alternative (referral is kept).
LOWER_CUT_SCORE = 0.25
#: Referral log-odds for a student of a well-referred group who scores exactly at the cut.
REFERRAL_BASE = 0.5
#: How fast the log-odds of a referral rise per point of score.
REFERRAL_SLOPE = 1.0
#: Shifts of the referral log-odds, at the same score (illustrative assumptions).
REFERRAL_SHIFTS: dict[str, float] = {
    "hispanic": -0.8,
    "american_indian_alaska_native": -0.8,
    "asian": 0.0,
    "black": -0.9,
    "native_hawaiian_pacific_islander": -0.6,
    "white": 0.0,
    "two_or_more": -0.2,
    "english_learner": -0.7,
    "econ_disadvantaged": -0.6,
    "disability": -0.5,
}


@dataclass(frozen=True)
class Policy:
    """One identification policy: its code, a short heading and its two steps in words."""

    code: str
    header: str
    tested: str
    qualifies: str


def policies(cut: float = CUT_SCORE, lower_cut: float = LOWER_CUT_SCORE) -> tuple[Policy, ...]:
    """Return the four policies, described with their cut scores.

    Examples
    --------
    >>> [p.header for p in policies()]
    ['Referral', 'Referral, lower cut', 'Screening, same cut', 'Screening, school norm']
    """
    return (
        Policy(REFERRAL, "Referral", "students a teacher or parent refers", f"score {cut:g}+"),
        Policy(
            REFERRAL_LOWER_CUT,
            "Referral, lower cut",
            "students a teacher or parent refers",
            f"score {lower_cut:g}+",
        ),
        Policy(SCREENING_SAME_CUT, "Screening, same cut", "every student", f"score {cut:g}+"),
        Policy(
            SCREENING_LOCAL_NORM,
            "Screening, school norm",
            "every student",
            "top of own school (same total)",
        ),
    )


def check_cuts(cut: float, lower_cut: float) -> None:
    """Refuse cut scores that are not numbers, or a lower cut that is not lower."""
    if not (np.isfinite(cut) and np.isfinite(lower_cut)):
        raise ValueError(f"cut scores must be numbers; got {cut!r} and {lower_cut!r}")
    if lower_cut >= cut:
        raise ValueError(f"the lower cut score ({lower_cut}) must be below the cut score ({cut})")


def policy_header(code: str) -> str:
    """Return a short column heading for a policy (the menus use the full label).

    Examples
    --------
    >>> policy_header("gifted_referral")
    'Referral'
    >>> policy_header("gifted_screening_local_norm")
    'Screening, school norm'
    """
    for policy in policies():
        if policy.code == code:
            return policy.header
    return label_for(code)


def policy_rules(cut: float = CUT_SCORE, lower_cut: float = LOWER_CUT_SCORE) -> pd.DataFrame:
    """Return the four policies in words: who takes the test, and who is identified.

    Examples
    --------
    >>> policy_rules().iloc[2].tolist()
    ['Screening, same cut', 'every student', 'score 0.75+']
    """
    check_cuts(cut, lower_cut)
    return pd.DataFrame(
        [(p.header, p.tested, p.qualifies) for p in policies(cut, lower_cut)],
        columns=["Policy", "Who takes the test", "Who is identified"],
    )
