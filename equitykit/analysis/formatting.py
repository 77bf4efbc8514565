"""How numbers are shown to learners: ratios, percentages, points and counts.

Every number a page shows is formatted here, once, in Python, and shipped to the page as
text, so the browser never formats a number of its own and the two cannot disagree.
Rounding is half up, the way people round on paper (5.25 -> 5.3).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

__all__ = ["format_measure", "plain_value"]


def format_measure(value: Any, fmt: str) -> str:
    """Format a measure the way the widget shows it.

    Parameters
    ----------
    value
        The number, or a missing value.
    fmt
        ``"ratio"``, ``"percent"``, ``"points"`` or ``"count"``.

    Returns
    -------
    str
        The text shown, or ``""`` for a missing value.

    Examples
    --------
    >>> format_measure(0.0525, "percent")
    '5.3%'
    >>> format_measure(3.0, "ratio")
    '3.00'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)
    if fmt == "percent":
        return f"{_half_up(number * 100, 1)}%"
    if fmt in ("points", "share_points"):
        text = _half_up(number * 100 if fmt == "share_points" else number, 1)
        return f"{text if text.startswith('-') else '+' + text} pts"
    if fmt == "count":
        return f"{int(Decimal(_half_up(number, 0))):,}"
    return _half_up(number, 2)


def _half_up(number: float, places: int) -> str:
    """Round the way people do on paper (5.25 -> 5.3), not the way binary floats fall."""
    exact = Decimal(repr(round(number, 9)))
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    return str(rounded)


def plain_value(value: Any) -> Any:
    """Turn pandas/numpy scalars into JSON-friendly Python values (NA -> None)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
