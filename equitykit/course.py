"""Course content kept as data: each module's objectives, activities, checks and prompts.

Every module folder holds a ``module.yml``. The practice notebooks build their knowledge
checks and reflection prompts from it, the landing page names the same ids, and the
facilitator schedules take their minutes from it, so the pieces cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: The repository root: the folder that holds ``_toc.yml`` and ``modules/``.
REPO_ROOT = Path(__file__).resolve().parents[1]
MODULES_DIR = REPO_ROOT / "modules"


class CourseContentError(ValueError):
    """A ``module.yml`` file is missing or does not follow the module schema."""


@dataclass(frozen=True)
class Module:
    """The structured content of one course module.

    Attributes
    ----------
    slug
        The module's folder name, e.g. ``"adaptive-work"``.
    title
        The module title.
    minutes
        Honest self-paced time to complete, in minutes.
    objectives
        Each objective as a mapping with ``id`` and ``text``.
    activities
        Each activity with ``id``, ``title``, ``kind``, ``minutes`` and ``assesses``.
    knowledge_check
        Multiple-choice questions, each with options that carry feedback.
    reflections
        Reflection prompts with ``id`` and ``prompt``.
    extra
        Any other keys of the file (for example ``sort_items``).
    """

    slug: str
    title: str
    minutes: int
    objectives: list[dict[str, Any]]
    activities: list[dict[str, Any]]
    knowledge_check: list[dict[str, Any]]
    reflections: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)

    def activity(self, activity_id: str) -> dict[str, Any]:
        """Return the activity with this id.

        Parameters
        ----------
        activity_id
            The activity's id, e.g. ``"capacity-planner"``.

        Returns
        -------
        dict
            The activity's mapping (``id``, ``title``, ``kind``, ``minutes``, ...).
        """
        for item in self.activities:
            if item["id"] == activity_id:
                return item
        known = ", ".join(item["id"] for item in self.activities)
        raise CourseContentError(
            f"module {self.slug!r} has no activity {activity_id!r}; it has: {known}"
        )

    def reflection(self, prompt_id: str) -> dict[str, Any]:
        """Return the reflection prompt with this id.

        Parameters
        ----------
        prompt_id
            The prompt's id, e.g. ``"r1"``.

        Returns
        -------
        dict
            The prompt's mapping (``id``, ``prompt``, ``assesses``).
        """
        for item in self.reflections:
            if item["id"] == prompt_id:
                return item
        known = ", ".join(item["id"] for item in self.reflections)
        raise CourseContentError(
            f"module {self.slug!r} has no reflection {prompt_id!r}; it has: {known}"
        )


_REQUIRED = ("slug", "title", "minutes", "objectives", "activities", "knowledge_check")


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
        When the file is missing or a required key is absent.
    """
    path = (modules_dir or MODULES_DIR) / slug / "module.yml"
    if not path.is_file():
        raise CourseContentError(f"no module content at {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise CourseContentError(f"{path}: missing key(s) {', '.join(missing)}")
    for question in data["knowledge_check"]:
        n_correct = sum(bool(option.get("correct")) for option in question["options"])
        if n_correct != 1:
            raise CourseContentError(
                f"{path}: question {question['id']!r} has {n_correct} correct options; "
                "it needs exactly one"
            )
    known = {key: data[key] for key in _REQUIRED}
    extra = {key: value for key, value in data.items() if key not in known and key != "reflections"}
    return Module(**known, reflections=data.get("reflections", []), extra=extra)
