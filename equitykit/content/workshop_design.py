"""Design a workshop session from the modules' own timings: one opening, one closing, breaks.

A session is one meeting of a group, as a flat list of :class:`SessionRow`. It is built from
the modules' agendas (``modules/<slug>/facilitation.yml``), never pasted:

- the session has **one opening and one closing** of its own; each module's ``opening`` and
  ``closing`` items are left out, except that their minutes become the **transition** between
  two modules (the first module's closing time plus the next module's opening time);
- a **lunch** sits where the format names it;
- **breaks** are placed where they are needed, so that no stretch of work runs longer than the
  format allows (90 minutes by default): the fewest breaks, at the end of a module where that
  is possible, and as even stretches as possible.

:func:`module_session` turns one module's 60- or 90-minute agenda into a session as it is
(for a module's own presenter deck); :func:`design_session` combines modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from equitykit.content.errors import FacilitationError
from equitykit.content.facilitation import AgendaRow, Facilitation
from equitykit.content.schedule import format_clock, parse_clock

__all__ = [
    "MAX_STRETCH",
    "Session",
    "SessionRow",
    "design_session",
    "module_session",
    "place_breaks",
]

#: Longest stretch of work without a break, in minutes.
MAX_STRETCH = 90
#: Row kinds that end a stretch of work.
RESTS = ("break", "lunch")
#: The kinds a session row can have.
ROW_KINDS = ("opening", "activity", "item", "transition", "break", "lunch", "closing")


@dataclass(frozen=True)
class SessionRow:
    """One line of a session's schedule.

    Attributes
    ----------
    kind
        ``opening``, ``activity`` (a ``module.yml`` activity), ``item`` (a module's
        workshop-only item, such as the recap or the protocol), ``transition``, ``break``,
        ``lunch`` or ``closing``.
    title
        What the schedule says.
    minutes
        How long it runs.
    module
        The slug of the module the row belongs to (for a transition: the module it leads
        into), or ``""``.
    key
        The activity id or the module item's name, or ``""``.
    note
        How it runs (pairs, whole group, handout), or ``""``.
    """

    kind: str
    title: str
    minutes: int
    module: str = ""
    key: str = ""
    note: str = ""


@dataclass(frozen=True)
class Session:
    """One meeting: its title, its start time (or None for elapsed times) and its rows."""

    title: str
    start: str | None
    rows: tuple[SessionRow, ...]

    @property
    def minutes(self) -> int:
        """The session's length: the sum of its rows."""
        return sum(row.minutes for row in self.rows)

    @property
    def modules(self) -> tuple[str, ...]:
        """The modules the session covers, in order."""
        seen: list[str] = []
        for row in self.rows:
            if row.module and row.kind != "transition" and row.module not in seen:
                seen.append(row.module)
        return tuple(seen)

    def schedule(self) -> list[tuple[str, SessionRow]]:
        """Pair every row with its start: a time of day, or elapsed time (``0:00``)."""
        clock = parse_clock(self.start) if self.start else 0
        out = []
        for row in self.rows:
            out.append((format_clock(clock, elapsed=self.start is None), row))
            clock += row.minutes
        return out

    @property
    def end(self) -> str:
        """When the session ends (a time of day, or elapsed time)."""
        clock = (parse_clock(self.start) if self.start else 0) + self.minutes
        return format_clock(clock, elapsed=self.start is None)


def _module_row(row: AgendaRow, slug: str) -> SessionRow:
    kind = "activity" if row.from_module else "item"
    if not row.from_module and row.key in ("opening", "closing", "break"):
        kind = row.key
    return SessionRow(kind, row.title, row.minutes, slug, row.key, row.note)


def module_session(
    guide: Facilitation, length: int, *, label: str = "", start: str | None = None
) -> Session:
    """Return a module's agenda of ``length`` minutes as a session, unchanged.

    Parameters
    ----------
    guide
        The module's facilitation metadata.
    length
        60 or 90.
    label
        The session's title (default: the module's title and the length).
    start
        A time of day, or None for elapsed times.
    """
    rows = tuple(_module_row(row, guide.slug) for row in guide.agenda(length))
    title = label or f"{guide.module.title} ({int(length)} minutes)"
    return Session(title, start, rows)


@dataclass(frozen=True)
class ModuleStep:
    """A module in a designed session: its facilitation metadata, agenda length and label."""

    guide: Facilitation
    agenda: int
    label: str


@dataclass(frozen=True)
class LunchStep:
    """A lunch of ``minutes`` at this point of the session."""

    minutes: int


def _body(step: ModuleStep) -> tuple[list[SessionRow], int, int]:
    """Return a module's rows without its opening and closing, and those two's minutes."""
    rows = [_module_row(row, step.guide.slug) for row in step.guide.agenda(step.agenda)]
    opening = sum(r.minutes for r in rows if r.kind == "opening")
    closing = sum(r.minutes for r in rows if r.kind == "closing")
    return [r for r in rows if r.kind not in ("opening", "closing")], opening, closing


def _transition(previous: ModuleStep, following: ModuleStep, minutes: int, after_lunch: bool):
    back = "Welcome back. " if after_lunch else ""
    title = (
        f"{back}Transition from {previous.label.split(':')[0]} to {following.label}. "
        "One idea to carry forward, and what comes next"
    )
    return SessionRow("transition", title, minutes, following.guide.slug, "transition")


def design_session(
    title: str,
    steps: Sequence[ModuleStep | LunchStep],
    *,
    opening: SessionRow,
    closing: SessionRow,
    start: str | None = None,
    max_stretch: int = MAX_STRETCH,
    break_minutes: int = 15,
) -> Session:
    """Combine modules (and a lunch) into one session with one opening and one closing.

    Parameters
    ----------
    title
        The session's title.
    steps
        Modules and lunches, in order; at least one module.
    opening, closing
        The session's own opening and closing rows.
    start
        A time of day, or None for elapsed times.
    max_stretch
        The longest stretch of work without a break, in minutes.
    break_minutes
        How long each generated break is.

    Returns
    -------
    Session
        The designed session.

    Raises
    ------
    FacilitationError
        When there is no module, or a single row is longer than ``max_stretch`` so no break
        could keep the stretches short enough.
    """
    modules = [s for s in steps if isinstance(s, ModuleStep)]
    if not modules:
        raise FacilitationError(f"{title}: a session needs at least one module")
    rows: list[SessionRow] = [opening]
    previous: tuple[ModuleStep, int] | None = None  # the last module and its closing minutes
    lunch_since = False
    for step in steps:
        if isinstance(step, LunchStep):
            rows.append(SessionRow("lunch", "Lunch", step.minutes))
            lunch_since = True
            continue
        body, opening_minutes, closing_minutes = _body(step)
        if previous is not None:
            minutes = previous[1] + opening_minutes
            rows.append(_transition(previous[0], step, minutes, lunch_since))
        rows += body
        previous, lunch_since = (step, closing_minutes), False
    rows.append(closing)
    placed = place_breaks(rows, max_stretch=max_stretch, break_minutes=break_minutes)
    return Session(title, start, tuple(placed))


def _is_boundary(rows: Sequence[SessionRow], cut: int) -> bool:
    """Return whether the cut before ``rows[cut]`` ends a module (a transition or closing)."""
    return rows[cut].kind in ("transition", "closing")


def _split(rows: list[SessionRow], max_stretch: int) -> list[int]:
    """Where to cut one stretch (between rests) so every part is at most ``max_stretch``.

    Dynamic programming over the cut positions: fewest cuts first, then the fewest cuts
    inside a module, then the shortest longest part.
    """
    n = len(rows)
    sums = [0]
    for row in rows:
        sums.append(sums[-1] + row.minutes)
    for row in rows:
        if row.minutes > max_stretch:
            raise FacilitationError(
                f"{row.title!r} runs {row.minutes} minutes, longer than the {max_stretch} "
                "minutes allowed without a break, so no break can be placed around it"
            )
    # best[j]: the best way to cover rows[:j] with the last part ending at j
    best: dict[int, tuple[tuple[int, int, int], list[int]]] = {0: ((0, 0, 0), [])}
    for j in range(1, n + 1):
        for i in range(j):
            if i not in best or sums[j] - sums[i] > max_stretch:
                continue
            (cuts, inside, longest), path = best[i]
            if i > 0:
                cuts, inside = cuts + 1, inside + (0 if _is_boundary(rows, i) else 1)
            score = (cuts, inside, max(longest, sums[j] - sums[i]))
            if j not in best or score < best[j][0]:
                best[j] = (score, [*path, i] if i > 0 else path)
    return best[n][1]


def place_breaks(
    rows: Sequence[SessionRow], *, max_stretch: int = MAX_STRETCH, break_minutes: int = 15
) -> list[SessionRow]:
    """Insert breaks so that no stretch between rests is longer than ``max_stretch``.

    Existing breaks and lunches are kept and start a new stretch. A break never comes
    first or last.

    Raises
    ------
    FacilitationError
        When a single row is longer than ``max_stretch``.
    """
    out: list[SessionRow] = []
    stretch: list[SessionRow] = []

    def flush() -> None:
        cuts = set(_split(stretch, max_stretch)) if stretch else set()
        for index, row in enumerate(stretch):
            if index in cuts:
                out.append(SessionRow("break", "Break", break_minutes))
            out.append(row)
        stretch.clear()

    for row in rows:
        if row.kind in RESTS:
            flush()
            out.append(row)
        else:
            stretch.append(row)
    flush()
    return out
