"""Workshop formats that combine modules: a half day, a full day.

``facilitator/workshops.yml`` combines modules, each in one of its agenda lengths (from its
``facilitation.yml``), with breaks and other timed items. :func:`load_workshops` refuses a
format whose blocks do not add up to its minutes, naming the file and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from equitykit.content.errors import FacilitationError
from equitykit.content.facilitation import AgendaRow, Facilitation, load_facilitation
from equitykit.content.facilitation_checks import _nonempty, _positive_int
from equitykit.content.modules import MODULES_DIR, REPO_ROOT
from equitykit.content.schedule import parse_clock

__all__ = ["WORKSHOPS_PATH", "Workshop", "WorkshopBlock", "load_workshops", "module_label"]

#: Where the workshop formats are kept.
WORKSHOPS_PATH = REPO_ROOT / "facilitator" / "workshops.yml"


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
