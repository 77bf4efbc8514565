"""Why a measure is not reported, in plain words: every sentence, in one place.

The gap table writes these next to a missing number, and the disproportionality
calculator ships them to the browser (its reasons are looked up, never written there), so
the two cannot say different things. A hidden cell's reason says only that the number is
hidden to protect privacy: which rule hid it would itself be a clue to an attacker (see
the datasheet's threat model).
"""

from __future__ import annotations

__all__ = [
    "COMPARISON_SUPPRESSED",
    "ENROLLMENT_SUPPRESSED",
    "RATIO_UNDEFINED",
    "REFERENCE_ZERO",
    "SUPPRESSED",
    "TOTAL_SUPPRESSED",
    "fewer_enrolled",
    "fewer_with_outcome",
    "students",
]

SUPPRESSED = "hidden to protect students' privacy"
ENROLLMENT_SUPPRESSED = "the number enrolled is hidden to protect students' privacy"
GROUP_SUPPRESSED = "the group's numbers are hidden to protect students' privacy"
COMPARISON_SUPPRESSED = "the comparison group's numbers are hidden to protect students' privacy"
TOTAL_SUPPRESSED = (
    "the total for the school or district is hidden to protect students' privacy, so the "
    "comparison with all other students cannot be computed"
)
RATIO_UNDEFINED = "comparison group has no students with the outcome, so the ratio is undefined"
REFERENCE_ZERO = "the reference risk is zero, so the ratio is undefined"


def students(n: int) -> str:
    """``"student"`` for one, ``"students"`` otherwise."""
    return "student" if n == 1 else "students"


def fewer_enrolled(min_n: int, who: str) -> str:
    """``"fewer than 30 students enrolled in the group"``."""
    return f"fewer than {min_n} {students(min_n)} enrolled in the {who}"


def fewer_with_outcome(min_cell: int, who: str) -> str:
    """``"fewer than 10 students with the outcome in the group"``."""
    return f"fewer than {min_cell} {students(min_cell)} with the outcome in the {who}"
