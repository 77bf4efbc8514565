"""Clock times for schedules: parse ``"09:00"``, format minutes, pair rows with start times."""

from __future__ import annotations

import re
from typing import Any

from equitykit.content.errors import FacilitationError

__all__ = ["format_clock", "parse_clock", "schedule"]

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_clock(value: str) -> int:
    """Return the minutes after midnight of a ``H:MM`` or ``HH:MM`` time.

    Raises
    ------
    FacilitationError
        When the value is not a time of day.
    """
    match = _CLOCK.match(str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise FacilitationError(f"{value!r} is not a time of day like 09:00")
    return int(match[1]) * 60 + int(match[2])


def format_clock(minutes: int, *, elapsed: bool = False) -> str:
    """Format minutes as ``HH:MM`` (a time of day) or ``H:MM`` (time elapsed)."""
    hours, rest = divmod(int(minutes), 60)
    return f"{hours}:{rest:02d}" if elapsed else f"{hours % 24:02d}:{rest:02d}"


def schedule(rows: Any, start: str | None = None) -> list[tuple[str, Any]]:
    """Pair each row with its start time.

    Parameters
    ----------
    rows
        Agenda rows in order.
    start
        A time of day such as ``"09:00"``; without it, times are elapsed (``0:00``, ``0:10``).

    Returns
    -------
    list of (str, AgendaRow)
        Each row with its formatted start time.
    """
    clock = parse_clock(start) if start else 0
    out = []
    for row in rows:
        out.append((format_clock(clock, elapsed=start is None), row))
        clock += row.minutes
    return out
