"""Facilitation metadata kept with each module, and the workshop schedules built from it.

Each module folder may hold a ``facilitation.yml`` beside its ``module.yml``: the session's
purpose, materials, a discussion protocol (named steps with minutes), facilitator notes, answer
keys for the exercises and the discussion prompts, and two agendas, of 60 and 90 minutes. An
agenda is a list of activities: ids from ``module.yml`` (their minutes default to the module's
minutes) and workshop-only items such as ``opening``, ``protocol`` or ``closing``.

``facilitator/workshops.yml`` combines modules into longer formats (a half day, a full day),
each module in one of its agenda lengths, with breaks.

Schedules are never typed by hand: the Sphinx directives in
:mod:`equitykit.sphinxext.agenda` compute start times from this metadata, and the loaders here
refuse metadata whose minutes do not add up, whose activity ids do not exist in ``module.yml``
or whose answer keys are missing, with a message that names the file and the problem.

Examples
--------
>>> from equitykit.facilitation import load_facilitation, schedule
>>> guide = load_facilitation("adaptive-work")  # doctest: +SKIP
>>> [(start, row.title) for start, row in schedule(guide.agenda(60))]  # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from equitykit.course import MODULES_DIR, REPO_ROOT, CourseContentError, Module, load_module

#: The file name of a module's facilitation metadata.
FACILITATION_FILE = "facilitation.yml"
#: Where the workshop formats are kept.
WORKSHOPS_PATH = REPO_ROOT / "facilitator" / "workshops.yml"
#: Every module's facilitation metadata has one agenda of each of these lengths, in minutes.
AGENDA_LENGTHS = (60, 90)
#: Activity kinds that need an answer key in ``facilitation.yml`` (checks keep theirs in
#: ``module.yml``; reflections are private and have no key).
KEYED_KINDS = ("exercise", "discussion")
#: Keys of ``module.yml`` that hold an expert answer an answer key may point to.
MODULE_KEY_SOURCES = ("sort_items", "policy_review")
#: Workshop-only agenda items and their default titles (``protocol`` takes the protocol's name).
WORKSHOP_ITEMS: dict[str, str] = {
    "opening": "Opening: purpose of the session, norms and a short check-in",
    "recap": "Recap of the reading in pairs: one idea that stuck, one question",
    "protocol": "",
    "break": "Break",
    "closing": "Closing: one commitment each, and what comes next",
}
_REQUIRED = ("slug", "purpose", "materials", "protocol", "notes", "answer_keys", "agendas")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


class FacilitationError(ValueError):
    """Facilitation or workshop metadata is missing or does not add up."""


@dataclass(frozen=True)
class AgendaRow:
    """One line of an agenda.

    Attributes
    ----------
    key
        The ``module.yml`` activity id, or the workshop-only item's name.
    title
        What the line says in the schedule.
    minutes
        How long it runs.
    from_module
        ``True`` when ``key`` is an activity of ``module.yml``.
    note
        How the activity runs in a workshop (pairs, whole group, handout), or ``""``.
    """

    key: str
    title: str
    minutes: int
    from_module: bool
    note: str = ""


@dataclass(frozen=True)
class ProtocolStep:
    """A named step of a discussion protocol."""

    name: str
    minutes: int
    what: str


@dataclass(frozen=True)
class Protocol:
    """A discussion protocol: a name, why it is used, timed steps and the prompts it asks."""

    name: str
    purpose: str
    steps: tuple[ProtocolStep, ...]
    prompts: tuple[dict[str, str], ...]

    @property
    def minutes(self) -> int:
        """Total minutes of the protocol: the sum of its steps."""
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class AnswerKey:
    """What a strong answer to an exercise or a discussion prompt includes.

    Attributes
    ----------
    ref
        The activity id (``module.yml``) or protocol prompt id it answers.
    title
        The activity's title or the prompt's text.
    summary
        One or two sentences a facilitator can say aloud.
    points
        What to listen for, one item each.
    module_key
        The ``module.yml`` key holding an expert answer to show with it, or ``""``.
    """

    ref: str
    title: str
    summary: str
    points: tuple[str, ...]
    module_key: str = ""


@dataclass(frozen=True)
class Facilitation:
    """A module's facilitation metadata, checked against its ``module.yml``."""

    slug: str
    module: Module
    purpose: str
    materials: tuple[str, ...]
    protocol: Protocol
    notes: tuple[str, ...]
    answer_keys: tuple[AnswerKey, ...]
    agendas: dict[int, tuple[AgendaRow, ...]] = field(default_factory=dict)

    def agenda(self, length: int | str) -> tuple[AgendaRow, ...]:
        """Return the agenda of this length (60 or 90 minutes).

        Parameters
        ----------
        length
            The agenda's length in minutes, as a number or a string.

        Returns
        -------
        tuple of AgendaRow
            The agenda's lines in order.

        Raises
        ------
        FacilitationError
            When the module has no agenda of that length.
        """
        try:
            return self.agendas[int(length)]
        except (KeyError, TypeError, ValueError):
            known = ", ".join(str(k) for k in sorted(self.agendas))
            raise FacilitationError(
                f"module {self.slug!r} has no {length}-minute agenda; it has: {known}"
            ) from None

    def knowledge_check_key(self) -> list[dict[str, str]]:
        """Return the knowledge check's key from ``module.yml``: question and correct answer."""
        rows = []
        for question in self.module.knowledge_check:
            correct = next(o for o in question["options"] if o.get("correct"))
            rows.append(
                {
                    "id": question["id"],
                    "question": question["question"],
                    "answer": correct["text"],
                    "why": correct.get("feedback", ""),
                }
            )
        return rows


def _nonempty(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_nonempty(v) for v in value)


def _protocol_errors(protocol: Any) -> list[str]:
    if not isinstance(protocol, dict):
        return ["protocol: must be a mapping with name, purpose, steps and prompts"]
    errors = []
    for key in ("name", "purpose"):
        if not _nonempty(protocol.get(key)):
            errors.append(f"protocol: {key} must be a non-empty string")
    steps = protocol.get("steps")
    if not isinstance(steps, list) or not steps:
        errors.append("protocol: steps must be a non-empty list")
    else:
        for number, step in enumerate(steps, 1):
            if not isinstance(step, dict):
                errors.append(f"protocol step {number}: must be a mapping")
                continue
            if not _nonempty(step.get("name")) or not _nonempty(step.get("what")):
                errors.append(f"protocol step {number}: needs a name and a 'what'")
            if not _positive_int(step.get("minutes")):
                errors.append(
                    f"protocol step {number} ({step.get('name')!r}): minutes must be a "
                    f"positive whole number, got {step.get('minutes')!r}"
                )
    prompts = protocol.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        errors.append("protocol: prompts must be a non-empty list")
    else:
        ids = [p.get("id") if isinstance(p, dict) else None for p in prompts]
        if len(set(ids)) != len(ids):
            errors.append(f"protocol: duplicate prompt ids {ids}")
        for prompt in prompts:
            if not isinstance(prompt, dict) or not (
                _nonempty(prompt.get("id")) and _nonempty(prompt.get("text"))
            ):
                errors.append(f"protocol prompt needs an id and a text: {prompt!r}")
    return errors


def _protocol_minutes(protocol: Any) -> int | None:
    try:
        return sum(int(step["minutes"]) for step in protocol["steps"])
    except (TypeError, KeyError, ValueError):
        return None


def _agenda_errors(
    length: int, items: Any, module: Module, protocol_minutes: int | None
) -> list[str]:
    where = f"agenda {length}"
    if not isinstance(items, list) or not items:
        return [f"{where}: must be a non-empty list of activities"]
    activities = {a["id"]: a for a in module.activities}
    errors: list[str] = []
    total = 0
    seen: list[str] = []
    for number, item in enumerate(items, 1):
        line = f"{where}, line {number}"
        if not isinstance(item, dict):
            errors.append(f"{line}: must be a mapping with 'activity' or 'item'")
            continue
        if ("activity" in item) == ("item" in item):
            errors.append(f"{line}: give exactly one of 'activity' (a module.yml id) or 'item'")
            continue
        minutes = item.get("minutes")
        if "activity" in item:
            activity_id = item["activity"]
            if activity_id not in activities:
                errors.append(
                    f"{line}: activity {activity_id!r} does not exist in "
                    f"modules/{module.slug}/module.yml (it has: {', '.join(activities)})"
                )
                continue
            if activity_id in seen:
                errors.append(f"{line}: activity {activity_id!r} appears twice")
            seen.append(activity_id)
            if minutes is None:
                minutes = activities[activity_id]["minutes"]
        else:
            name = item["item"]
            if not _nonempty(name):
                errors.append(f"{line}: 'item' must be a name such as opening or closing")
                continue
            if name not in WORKSHOP_ITEMS and not _nonempty(item.get("title")):
                errors.append(
                    f"{line}: workshop item {name!r} is not one of "
                    f"{', '.join(WORKSHOP_ITEMS)}, so it needs a title"
                )
            if name == "protocol":
                if minutes is None:
                    minutes = protocol_minutes
                elif protocol_minutes is not None and minutes != protocol_minutes:
                    errors.append(
                        f"{line}: the protocol item says {minutes} minutes but the protocol's "
                        f"steps add up to {protocol_minutes}; leave minutes out to use the steps"
                    )
        if not _positive_int(minutes):
            errors.append(f"{line}: minutes must be a positive whole number, got {minutes!r}")
            continue
        total += minutes
    if not errors and total != length:
        errors.append(f"{where}: the minutes add up to {total}, not {length}")
    return errors


def _answer_key_errors(keys: Any, module: Module, protocol: Any) -> list[str]:
    if not isinstance(keys, list):
        return ["answer_keys: must be a list"]
    errors: list[str] = []
    kinds = {a["id"]: a["kind"] for a in module.activities}
    prompt_ids = []
    if isinstance(protocol, dict) and isinstance(protocol.get("prompts"), list):
        prompt_ids = [p.get("id") for p in protocol["prompts"] if isinstance(p, dict)]
    keyed: list[str] = []
    for key in keys:
        if not isinstance(key, dict):
            errors.append(f"answer key must be a mapping: {key!r}")
            continue
        refs = [k for k in ("activity", "prompt") if k in key]
        if len(refs) != 1:
            errors.append(f"answer key needs exactly one of 'activity' or 'prompt': {key!r}")
            continue
        ref = key[refs[0]]
        if refs[0] == "activity" and ref not in kinds:
            errors.append(f"answer key for activity {ref!r}: no such activity in module.yml")
        elif refs[0] == "activity" and kinds[ref] not in KEYED_KINDS:
            errors.append(
                f"answer key for activity {ref!r}: it is a {kinds[ref]}, and only "
                f"{' and '.join(KEYED_KINDS)} activities take keys here"
            )
        elif refs[0] == "prompt" and ref not in prompt_ids:
            errors.append(f"answer key for prompt {ref!r}: no such prompt in the protocol")
        if ref in keyed:
            errors.append(f"answer key for {ref!r} is given twice")
        keyed.append(ref)
        if not _nonempty(key.get("summary")):
            errors.append(f"answer key for {ref!r}: summary must be a non-empty string")
        if not _string_list(key.get("points")):
            errors.append(f"answer key for {ref!r}: points must be a non-empty list of strings")
        source = key.get("module_key")
        if source is not None:
            if source not in MODULE_KEY_SOURCES:
                errors.append(
                    f"answer key for {ref!r}: module_key must be one of "
                    f"{', '.join(MODULE_KEY_SOURCES)}, got {source!r}"
                )
            elif source not in module.extra:
                errors.append(
                    f"answer key for {ref!r}: module.yml has no {source!r} to show as the key"
                )
    for activity_id, kind in kinds.items():
        if kind in KEYED_KINDS and activity_id not in keyed:
            errors.append(f"the {kind} {activity_id!r} has no answer key")
    for prompt_id in prompt_ids:
        if prompt_id not in keyed:
            errors.append(f"the protocol prompt {prompt_id!r} has no answer key")
    return errors


def facilitation_errors(data: Any, module: Module) -> list[str]:
    """Return every way ``data`` breaks the facilitation schema (an empty list when valid).

    Parameters
    ----------
    data
        The parsed ``facilitation.yml``.
    module
        The module's content from ``module.yml``, which the ids and minutes are checked against.

    Returns
    -------
    list of str
        One plain-language message per problem.
    """
    if not isinstance(data, dict):
        return ["the file must be a mapping"]
    errors = [f"missing key {key!r}" for key in _REQUIRED if key not in data]
    if errors:
        return errors
    errors += [f"unexpected key {key!r}" for key in data if key not in _REQUIRED]
    if data["slug"] != module.slug:
        errors.append(f"slug {data['slug']!r} does not match the module {module.slug!r}")
    if not _nonempty(data["purpose"]):
        errors.append("purpose must be a non-empty string")
    if not _string_list(data["materials"]):
        errors.append("materials must be a non-empty list of strings")
    if not _string_list(data["notes"]):
        errors.append("notes must be a non-empty list of strings")
    errors += _protocol_errors(data["protocol"])
    errors += _answer_key_errors(data["answer_keys"], module, data["protocol"])
    agendas = data["agendas"]
    if not isinstance(agendas, dict):
        return [*errors, "agendas must map 60 and 90 to lists of activities"]
    lengths = sorted(str(k) for k in agendas)
    if lengths != sorted(str(k) for k in AGENDA_LENGTHS):
        errors.append(
            f"agendas must be exactly {' and '.join(map(str, AGENDA_LENGTHS))} minutes, "
            f"found {', '.join(lengths) or 'none'}"
        )
    protocol_minutes = _protocol_minutes(data["protocol"])
    for length, items in agendas.items():
        if str(length).isdigit() and int(length) in AGENDA_LENGTHS:
            errors += _agenda_errors(int(length), items, module, protocol_minutes)
    return errors


def _rows(items: list[dict[str, Any]], module: Module, protocol: Protocol) -> tuple[AgendaRow, ...]:
    activities = {a["id"]: a for a in module.activities}
    rows = []
    for item in items:
        note = str(item.get("note", "")).strip()
        if "activity" in item:
            activity = activities[item["activity"]]
            rows.append(
                AgendaRow(
                    key=activity["id"],
                    title=str(item.get("title") or activity["title"]),
                    minutes=int(item.get("minutes", activity["minutes"])),
                    from_module=True,
                    note=note,
                )
            )
        else:
            name = item["item"]
            title = item.get("title") or WORKSHOP_ITEMS.get(name) or ""
            if name == "protocol" and not item.get("title"):
                title = f"Discussion protocol: {protocol.name}"
            minutes = protocol.minutes if name == "protocol" else int(item["minutes"])
            rows.append(AgendaRow(name, str(title), int(minutes), False, note))
    return tuple(rows)


def parse_facilitation(
    data: Any, module: Module, *, source: str = FACILITATION_FILE
) -> Facilitation:
    """Check parsed facilitation metadata against its module and return it.

    Parameters
    ----------
    data
        The parsed ``facilitation.yml``.
    module
        The module's content.
    source
        How to name the file in error messages.

    Returns
    -------
    Facilitation
        The checked metadata.

    Raises
    ------
    FacilitationError
        Listing every problem found, each on its own line.
    """
    errors = facilitation_errors(data, module)
    if errors:
        raise FacilitationError(f"{source}:\n  " + "\n  ".join(errors))
    raw = data["protocol"]
    protocol = Protocol(
        name=raw["name"],
        purpose=raw["purpose"],
        steps=tuple(ProtocolStep(s["name"], int(s["minutes"]), s["what"]) for s in raw["steps"]),
        prompts=tuple({"id": p["id"], "text": p["text"]} for p in raw["prompts"]),
    )
    titles = {a["id"]: a["title"] for a in module.activities}
    titles.update({p["id"]: p["text"] for p in protocol.prompts})
    keys = tuple(
        AnswerKey(
            ref=(ref := key.get("activity") or key["prompt"]),
            title=titles[ref],
            summary=key["summary"],
            points=tuple(key["points"]),
            module_key=key.get("module_key") or "",
        )
        for key in data["answer_keys"]
    )
    agendas = {
        int(length): _rows(items, module, protocol) for length, items in data["agendas"].items()
    }
    return Facilitation(
        slug=module.slug,
        module=module,
        purpose=data["purpose"],
        materials=tuple(data["materials"]),
        protocol=protocol,
        notes=tuple(data["notes"]),
        answer_keys=keys,
        agendas=dict(sorted(agendas.items())),
    )


def facilitation_path(slug: str, modules_dir: Path | None = None) -> Path:
    """Return the path of a module's ``facilitation.yml`` (which may not exist)."""
    return (modules_dir or MODULES_DIR) / slug / FACILITATION_FILE


def load_facilitation(slug: str, modules_dir: Path | None = None) -> Facilitation:
    """Load and check a module's ``facilitation.yml`` against its ``module.yml``.

    Parameters
    ----------
    slug
        The module's folder name under ``modules/``.
    modules_dir
        Where to look; defaults to the repository's ``modules/`` folder.

    Returns
    -------
    Facilitation
        The checked metadata.

    Raises
    ------
    FacilitationError
        When the file is missing, the module has no ``module.yml`` or the metadata is invalid.
    """
    path = facilitation_path(slug, modules_dir)
    if not path.is_file():
        raise FacilitationError(f"no facilitation metadata at {path}")
    try:
        module = load_module(slug, modules_dir)
    except CourseContentError as error:
        raise FacilitationError(f"{path}: its module content cannot be loaded: {error}") from None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FacilitationError(f"{path}: not valid YAML: {error}") from None
    return parse_facilitation(data, module, source=str(path))


def facilitated_slugs(modules_dir: Path | None = None) -> list[str]:
    """Return the slugs of modules that have a ``facilitation.yml``, in name order."""
    base = modules_dir or MODULES_DIR
    return sorted(p.parent.name for p in base.glob(f"*/{FACILITATION_FILE}"))


# --- schedules -------------------------------------------------------------------------------


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


def schedule(rows: tuple[AgendaRow, ...] | list[AgendaRow], start: str | None = None):
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


# --- workshops -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopBlock:
    """One block of a workshop: a module in one of its agendas, a break or another item."""

    kind: str
    title: str
    minutes: int
    slug: str = ""
    agenda: int = 0
    rows: tuple[AgendaRow, ...] = ()


@dataclass(frozen=True)
class Workshop:
    """A workshop format: modules in agenda lengths, with breaks, adding up to its minutes."""

    id: str
    title: str
    minutes: int
    start: str
    description: str
    blocks: tuple[WorkshopBlock, ...]


def module_label(facilitation: Facilitation, modules_dir: Path | None = None) -> str:
    """Return "Module N: Title" from the landing page's heading, else the module title."""
    landing = (modules_dir or MODULES_DIR) / f"{facilitation.slug}.md"
    if landing.is_file():
        for line in landing.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return facilitation.module.title


def workshop_errors(data: Any, modules_dir: Path | None = None) -> list[str]:
    """Return every problem in the parsed ``workshops.yml`` (an empty list when valid)."""
    if not isinstance(data, dict) or not isinstance(data.get("formats"), dict):
        return ["the file must have a 'formats' mapping"]
    errors: list[str] = []
    for format_id, spec in data["formats"].items():
        where = f"workshop {format_id!r}"
        if not isinstance(spec, dict):
            errors.append(f"{where}: must be a mapping")
            continue
        for key in ("title", "description"):
            if not _nonempty(spec.get(key)):
                errors.append(f"{where}: {key} must be a non-empty string")
        if not _positive_int(spec.get("minutes")):
            errors.append(f"{where}: minutes must be a positive whole number")
        try:
            parse_clock(spec.get("start", ""))
        except FacilitationError as error:
            errors.append(f"{where}: start {error}")
        blocks = spec.get("blocks")
        if not isinstance(blocks, list) or not blocks:
            errors.append(f"{where}: blocks must be a non-empty list")
            continue
        total = 0
        for number, block in enumerate(blocks, 1):
            line = f"{where}, block {number}"
            if not isinstance(block, dict):
                errors.append(f"{line}: must be a mapping")
                continue
            if "module" in block:
                try:
                    guide = load_facilitation(block["module"], modules_dir)
                    total += sum(r.minutes for r in guide.agenda(block.get("agenda")))
                except FacilitationError as error:
                    errors.append(f"{line}: {error}")
            elif _positive_int(block.get("minutes")) and _nonempty(block.get("title")):
                total += block["minutes"]
            else:
                errors.append(
                    f"{line}: needs 'module' and 'agenda', or a 'title' and positive 'minutes'"
                )
        if _positive_int(spec.get("minutes")) and total != spec["minutes"]:
            errors.append(f"{where}: the blocks add up to {total} minutes, not {spec['minutes']}")
    return errors


def load_workshops(
    path: Path | None = None, modules_dir: Path | None = None
) -> dict[str, Workshop]:
    """Load and check the workshop formats.

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
    workshops = {}
    for format_id, spec in data["formats"].items():
        blocks = []
        for block in spec["blocks"]:
            if "module" in block:
                guide = load_facilitation(block["module"], modules_dir)
                rows = guide.agenda(block["agenda"])
                blocks.append(
                    WorkshopBlock(
                        kind="module",
                        title=module_label(guide, modules_dir),
                        minutes=sum(r.minutes for r in rows),
                        slug=guide.slug,
                        agenda=int(block["agenda"]),
                        rows=rows,
                    )
                )
            else:
                blocks.append(
                    WorkshopBlock(kind="item", title=block["title"], minutes=block["minutes"])
                )
        workshops[format_id] = Workshop(
            id=format_id,
            title=spec["title"],
            minutes=spec["minutes"],
            start=spec["start"],
            description=spec["description"],
            blocks=tuple(blocks),
        )
    return workshops
