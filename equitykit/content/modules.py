"""Load a module's ``module.yml``, checked against the schema, and list the course's modules.

Every module folder ``modules/<slug>/`` holds a ``module.yml`` (see
:mod:`equitykit.content.schema`). :func:`load_module` reads and checks it; a broken file
raises :class:`CourseContentError` naming the file, the field and the problem, so
``make site`` and ``make test-fast`` stop with a message a course writer can act on.

Examples
--------
>>> module = load_module("build-a-coalition")
>>> module.activity("coalition-map").widget
'coalition_map'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from equitykit.content.schema import SAVED_WIDGETS, ModuleContent

__all__ = [
    "MODULES_DIR",
    "REPO_ROOT",
    "CourseContentError",
    "Module",
    "course_modules",
    "course_slugs",
    "load_module",
]

#: The repository root: the folder that holds ``_toc.yml`` and ``modules/``.
REPO_ROOT = Path(__file__).resolve().parents[2]
MODULES_DIR = REPO_ROOT / "modules"


class CourseContentError(ValueError):
    """A ``module.yml`` file is missing or does not follow the module schema."""


@dataclass(frozen=True)
class Module:
    """A checked module: its content, where it came from and its place in the course.

    Attributes
    ----------
    content
        The validated ``module.yml``.
    path
        The file it was read from.
    number
        Its number in the course ("Module 2"), from the landing page title; 0 if none.
    """

    content: ModuleContent
    path: Path
    number: int = 0

    @property
    def slug(self) -> str:
        """The module's folder name, e.g. ``"build-a-coalition"``."""
        return self.content.slug

    @property
    def title(self) -> str:
        """The module's title."""
        return self.content.title

    @property
    def minutes(self) -> int:
        """Self-paced time for the whole module, in minutes."""
        return self.content.minutes

    @property
    def objectives(self) -> list[Any]:
        """The learning objectives."""
        return list(self.content.objectives)

    @property
    def activities(self) -> list[Any]:
        """The activities, in the order the learner meets them."""
        return list(self.content.activities)

    @property
    def label(self) -> str:
        """``"Module 2: Build a coalition"``, or the title alone when it has no number."""
        return f"Module {self.number}: {self.title}" if self.number else self.title

    def activity(self, activity_id: str) -> Any:
        """Return the activity with this id.

        Parameters
        ----------
        activity_id
            The activity's id, e.g. ``"capacity-planner"``.

        Returns
        -------
        Activity
            The activity's validated content.

        Raises
        ------
        CourseContentError
            When the module has no such activity (the message lists the ids it has).
        """
        for item in self.content.activities:
            if item.id == activity_id:
                return item
        known = ", ".join(item.id for item in self.content.activities)
        raise CourseContentError(
            f"module {self.slug!r} has no activity {activity_id!r}; it has: {known}"
        )

    def activities_with(self, *widgets: str) -> list[Any]:
        """Return the activities that show one of these widgets, in order."""
        return [a for a in self.content.activities if a.widget in widgets]

    def saved_activities(self) -> list[Any]:
        """Return the activities whose widget saves the learner's work."""
        return self.activities_with(*SAVED_WIDGETS)


def _field_path(location: tuple[Any, ...], data: Any) -> str:
    """Turn pydantic's error location into ``activities[3] (coalition-map).people[0].name``."""
    parts: list[str] = []
    node = data
    for step in location:
        if isinstance(step, int):
            label = f"[{step}]"
            if isinstance(node, list) and 0 <= step < len(node):
                node = node[step]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" ({node['id']})"
            parts.append(label)
        else:
            if (
                isinstance(node, dict)
                and step not in node
                and step == (node.get("widget") or "none")
            ):
                continue  # the activity's model, picked by its widget: not a field
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + str(step))
    return "".join(parts) or "(the file)"


def _describe(error: ValidationError, path: Path, data: Any) -> str:
    lines = [f"{path}: does not follow the module schema (equitykit/content/schema.py):"]
    for problem in error.errors(include_url=False):
        where = _field_path(tuple(problem["loc"]), data)
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"  - {where}: {message}")
    return "\n".join(lines)


_LANDING_NUMBER = re.compile(r"^#\s*Module\s+(\d+)\b", re.MULTILINE)


def _landing_number(modules_dir: Path, slug: str) -> int:
    landing = modules_dir / f"{slug}.md"
    text = landing.read_text(encoding="utf-8") if landing.is_file() else ""
    found = _LANDING_NUMBER.search(text)
    return int(found.group(1)) if found else 0


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int, number: int) -> Module:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CourseContentError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise CourseContentError(f"{path}: must be a mapping of fields, not {type(data).__name__}")
    try:
        content = ModuleContent.model_validate(data)
    except ValidationError as error:
        raise CourseContentError(_describe(error, path, data)) from None
    if content.slug != path.parent.name:
        raise CourseContentError(
            f"{path}: slug: {content.slug!r} must match its folder name {path.parent.name!r}"
        )
    return Module(content, path, number)


def load_module(slug: str, modules_dir: Path | None = None) -> Module:
    """Load and check a module's ``module.yml``.

    Parameters
    ----------
    slug
        The module's folder name under ``modules/``.
    modules_dir
        Where to look; defaults to the repository's ``modules/`` folder.

    Returns
    -------
    Module
        The module's content.

    Raises
    ------
    CourseContentError
        When the file is missing or does not follow the schema; the message names the
        file, the field and the problem.
    """
    base = modules_dir or MODULES_DIR
    path = (base / slug / "module.yml").resolve()
    if not path.is_file():
        raise CourseContentError(f"no module content at {path}")
    return _load(path, path.stat().st_mtime_ns, _landing_number(base, slug))


def _toc_files(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            yield node["file"]
        for value in node.values():
            yield from _toc_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _toc_files(value)


_TOC_MODULE = re.compile(r"^modules/([^/]+?)(?:\.md|\.ipynb)?$")


def course_slugs(modules_dir: Path | None = None, toc: Path | None = None) -> list[str]:
    """Return every module of the course, in course order.

    Modules named in ``_toc.yml`` come first, in its order; any other folder with a
    ``module.yml`` follows, ordered by the number in its landing page's title
    (``# Module 4: ...``), then by name.

    Parameters
    ----------
    modules_dir
        The folder of module folders; defaults to the repository's ``modules/``.
    toc
        The table of contents; defaults to the repository's ``_toc.yml``.

    Returns
    -------
    list of str
        Module slugs.
    """
    base = modules_dir or MODULES_DIR
    toc = toc or REPO_ROOT / "_toc.yml"
    available = sorted(p.parent.name for p in base.glob("*/module.yml"))
    ordered: list[str] = []
    if toc.is_file():
        for file in _toc_files(yaml.safe_load(toc.read_text(encoding="utf-8")) or {}):
            match = _TOC_MODULE.match(file)
            if match and match.group(1) in available and match.group(1) not in ordered:
                ordered.append(match.group(1))

    def by_number(slug: str) -> tuple[int, str]:
        return (_landing_number(base, slug) or 10_000, slug)

    return ordered + sorted((s for s in available if s not in ordered), key=by_number)


def course_modules(
    slugs: Iterable[str] | None = None, modules_dir: Path | None = None
) -> list[Module]:
    """Load every module of the course (or the ones named), in course order.

    Parameters
    ----------
    slugs
        Which modules; defaults to :func:`course_slugs`.
    modules_dir
        Where module folders live.

    Returns
    -------
    list of Module
    """
    chosen = list(slugs) if slugs is not None else course_slugs(modules_dir)
    return [load_module(slug, modules_dir) for slug in chosen]
