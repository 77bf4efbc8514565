"""Workshop formats: a half day, a full day and a series, designed from the modules' timings.

``facilitator/workshops.yml`` names, for each format, the modules (each in one of its agenda
lengths from its ``facilitation.yml``), where lunch goes and how long the format's own opening
and closing are. :mod:`equitykit.content.workshop_design` builds every session from that:

- a **day** format (``kind: day``) is one session with one opening, the modules with a
  transition between each two (the minutes the modules kept for their own closing and
  opening), the named lunch, breaks placed wherever a stretch of work would pass 90 minutes,
  and one closing;
- a **series** (``kind: series``) is one session per module, a week or so apart: each opens
  and closes in the module's own minutes, with an opening that picks up from the previous
  session and a closing that points to the next.

:func:`load_workshops` refuses a file that names a module without facilitation metadata, an
agenda length the module does not have, or a stated length (``minutes``) the designed sessions
do not add up to, naming the file and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from equitykit.content.errors import FacilitationError
from equitykit.content.facilitation import (
    AGENDA_LENGTHS,
    Facilitation,
    facilitated_slugs,
    load_facilitation,
)
from equitykit.content.facilitation_checks import _nonempty, _positive_int
from equitykit.content.modules import MODULES_DIR, REPO_ROOT
from equitykit.content.schedule import parse_clock
from equitykit.content.workshop_design import (
    MAX_STRETCH,
    LunchStep,
    ModuleStep,
    Session,
    SessionRow,
    design_session,
)

__all__ = [
    "WORKSHOPS_PATH",
    "Workshop",
    "load_workshops",
    "module_label",
    "workshop_errors",
]

#: Where the workshop formats are kept.
WORKSHOPS_PATH = REPO_ROOT / "facilitator" / "workshops.yml"
KINDS = ("day", "series")

DAY_OPENING = "Welcome, introductions, the purpose of the day and the conversation norms"
DAY_CLOSING = "Closing: one commitment each, and a date to meet again"
SERIES_OPENING = (
    "Opening: the purpose of the series, the conversation norms and a short check-in",
    "Opening: the norms, and what each person tried since the last session",
)
SERIES_CLOSING = (
    "Closing: one thing to try before the next session, and its reading",
    "Closing: one commitment each, and how the group keeps the work going",
)


@dataclass(frozen=True)
class Workshop:
    """A workshop format: one session (a day) or several (a series).

    Attributes
    ----------
    id
        The format's name in ``workshops.yml``.
    title, description
        What the facilitator guide says about it.
    kind
        ``"day"`` or ``"series"``.
    sessions
        The designed sessions, in order.
    """

    id: str
    title: str
    description: str
    kind: str
    sessions: tuple[Session, ...]

    @property
    def minutes(self) -> int:
        """The format's length: the sum of its sessions."""
        return sum(session.minutes for session in self.sessions)


def module_label(facilitation: Facilitation, modules_dir: Path | None = None) -> str:
    """Return "Module N: Title" from the landing page's heading, else the module title."""
    landing = (modules_dir or MODULES_DIR) / f"{facilitation.slug}.md"
    if landing.is_file():
        for line in landing.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return facilitation.module.title


def _part_errors(spec: dict[str, Any], where: str, known: list[str]) -> list[str]:
    errors: list[str] = []
    modules = spec.get("modules")
    if not isinstance(modules, list) or not modules:
        return [f"{where}: modules must be a non-empty list"]
    for number, part in enumerate(modules, 1):
        line = f"{where}, modules entry {number}"
        if not isinstance(part, dict):
            errors.append(f"{line}: must be a mapping")
        elif "lunch" in part:
            if spec.get("kind") == "series":
                errors.append(f"{line}: a series has no lunch (each session is one module)")
            elif not _positive_int(part["lunch"]) or len(part) != 1:
                errors.append(f"{line}: write a lunch as 'lunch: <minutes>'")
        elif set(part) != {"module", "agenda"}:
            errors.append(f"{line}: needs 'module' and 'agenda' (60 or 90), or 'lunch'")
        elif part["module"] not in known:
            errors.append(
                f"{line}: module {part['module']!r} has no facilitation.yml; "
                f"modules that do: {', '.join(known)}"
            )
        elif part["agenda"] not in AGENDA_LENGTHS:
            errors.append(f"{line}: agenda must be one of {AGENDA_LENGTHS}, not {part['agenda']!r}")
    return errors


def _format_errors(format_id: str, spec: Any, known: list[str]) -> list[str]:
    where = f"workshop {format_id!r}"
    if not isinstance(spec, dict):
        return [f"{where}: must be a mapping"]
    errors = []
    for key in ("title", "description"):
        if not _nonempty(spec.get(key)):
            errors.append(f"{where}: {key} must be a non-empty string")
    if spec.get("kind") not in KINDS:
        errors.append(f"{where}: kind must be one of {', '.join(KINDS)}")
    try:
        parse_clock(spec.get("start", ""))
    except FacilitationError as error:
        errors.append(f"{where}: start {error}")
    if "minutes" in spec and not _positive_int(spec["minutes"]):
        errors.append(f"{where}: minutes, when given, must be a positive whole number")
    for end in ("opening", "closing"):
        value = spec.get(end)
        if spec.get("kind") == "series":
            if value is not None:
                errors.append(f"{where}: a series opens and closes in each module's own minutes")
        elif not isinstance(value, dict) or not _positive_int(value.get("minutes")):
            errors.append(f"{where}: {end} must be a mapping with positive 'minutes'")
        elif set(value) - {"minutes", "title"}:
            errors.append(f"{where}: {end} takes only 'minutes' and 'title'")
    unknown = set(spec) - {"title", "description", "kind", "start", "minutes", "opening"}
    unknown -= {"closing", "modules"}
    if unknown:
        errors.append(f"{where}: unknown keys {sorted(unknown)}")
    return errors + _part_errors(spec, where, known)


def workshop_errors(data: Any, modules_dir: Path | None = None) -> list[str]:
    """Return every problem in the parsed ``workshops.yml`` (an empty list when valid)."""
    if not isinstance(data, dict) or not isinstance(data.get("formats"), dict):
        return ["the file must have a 'formats' mapping"]
    settings = data.get("settings", {})
    errors = []
    if not isinstance(settings, dict) or set(settings) - {"break_minutes", "max_stretch"}:
        errors.append("settings may hold only break_minutes and max_stretch")
    elif not all(_positive_int(v) for v in settings.values()):
        errors.append("settings: break_minutes and max_stretch must be positive whole numbers")
    known = facilitated_slugs(modules_dir)
    for format_id, spec in data["formats"].items():
        errors += _format_errors(str(format_id), spec, known)
    return errors


def _steps(spec: dict[str, Any], modules_dir: Path | None) -> list[ModuleStep | LunchStep]:
    steps: list[ModuleStep | LunchStep] = []
    for part in spec["modules"]:
        if "lunch" in part:
            steps.append(LunchStep(int(part["lunch"])))
        else:
            guide = load_facilitation(part["module"], modules_dir)
            steps.append(ModuleStep(guide, int(part["agenda"]), module_label(guide, modules_dir)))
    return steps


def _day(spec: dict[str, Any], steps: list, settings: dict[str, int]) -> tuple[Session, ...]:
    opening = spec["opening"]
    closing = spec["closing"]
    session = design_session(
        spec["title"],
        steps,
        opening=SessionRow("opening", opening.get("title", DAY_OPENING), opening["minutes"]),
        closing=SessionRow("closing", closing.get("title", DAY_CLOSING), closing["minutes"]),
        start=spec["start"],
        **settings,
    )
    return (session,)


def _series(spec: dict[str, Any], steps: list[ModuleStep], settings: dict[str, int]):
    sessions = []
    for number, step in enumerate(steps, 1):
        rows = step.guide.agenda(step.agenda)
        opening = sum(r.minutes for r in rows if r.key == "opening" and not r.from_module)
        closing = sum(r.minutes for r in rows if r.key == "closing" and not r.from_module)
        last = number == len(steps)
        title = f"Session {number} of {len(steps)}: {step.label}"
        sessions.append(
            design_session(
                title,
                [step],
                opening=SessionRow("opening", SERIES_OPENING[number > 1], opening),
                closing=SessionRow("closing", SERIES_CLOSING[last], closing),
                start=spec["start"],
                **settings,
            )
        )
    return tuple(sessions)


def _design(format_id: str, spec: dict[str, Any], settings, modules_dir) -> Workshop:
    steps = _steps(spec, modules_dir)
    try:
        if spec["kind"] == "series":
            sessions = _series(spec, steps, settings)
        else:
            sessions = _day(spec, steps, settings)
    except FacilitationError as error:
        raise FacilitationError(f"workshop {format_id!r}: {error}") from None
    workshop = Workshop(format_id, spec["title"], spec["description"], spec["kind"], sessions)
    stated = spec.get("minutes")
    if stated is not None and stated != workshop.minutes:
        parts = " + ".join(f"{r.minutes} {r.kind}" for s in sessions for r in s.rows)
        raise FacilitationError(
            f"workshop {format_id!r}: the designed sessions add up to {workshop.minutes} "
            f"minutes, not the {stated} it states ({parts}); change 'minutes', the opening "
            "or closing, or a module's agenda length"
        )
    return workshop


def load_workshops(
    path: Path | None = None, modules_dir: Path | None = None
) -> dict[str, Workshop]:
    """Load, check and design the workshop formats.

    Parameters
    ----------
    path
        The ``workshops.yml`` file; defaults to ``facilitator/workshops.yml``.
    modules_dir
        Where the modules live; defaults to the repository's ``modules/`` folder.

    Returns
    -------
    dict
        ``{format id: Workshop}`` in file order.

    Raises
    ------
    FacilitationError
        When the file is missing or invalid, listing every problem.
    """
    path = path or WORKSHOPS_PATH
    if not path.is_file():
        raise FacilitationError(f"no workshop formats at {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FacilitationError(f"{path}: not valid YAML: {error}") from None
    errors = workshop_errors(data, modules_dir)
    if errors:
        raise FacilitationError(f"{path}:\n  " + "\n  ".join(errors))
    settings = {"break_minutes": 15, "max_stretch": MAX_STRETCH, **data.get("settings", {})}
    workshops = {}
    for format_id, spec in data["formats"].items():
        try:
            workshops[str(format_id)] = _design(str(format_id), spec, settings, modules_dir)
        except FacilitationError as error:
            raise FacilitationError(f"{path}: {error}") from None
    return workshops
