"""Convert a journal written by version 1 of the kit to the one key scheme of version 2.

Version 1 kept a list of entries by kind (``reflection``, ``check``, ``plan``), each with a
module, an item id and the text the learner wrote or chose. Version 2 keeps one item per
activity under ``<module>/<activity id>``. The map between the two comes from the course
content (:func:`equitykit.content.keys.legacy_keys`); a knowledge-check answer, which
version 1 kept as the chosen option's text, is matched to the option's id.

Entries that no longer match anything in the course (a module or prompt since removed) are
kept, untouched, under ``unmatched`` in the converted file, so nothing is thrown away.
"""

from __future__ import annotations

from typing import Any

from equitykit.content.keys import legacy_keys
from equitykit.content.modules import course_modules

__all__ = ["upgrade_v1"]


def _option_ids_by_text(modules: list[Any]) -> dict[tuple[str, str, str], str]:
    found = {}
    for module in modules:
        for activity in module.activities_with("knowledge_check"):
            for question in activity.questions:
                for option in question.options:
                    found[(module.slug, question.id, option.text)] = option.id
    return found


def _old_key(entry: dict[str, Any]) -> str:
    kind = entry.get("kind")
    if kind == "plan":  # version 1 kept a plan section as (section, "capstone")
        return f"capstone/plan/{entry.get('module')}"
    return f"{entry.get('module')}/{kind}/{entry.get('entry_id')}"


def upgrade_v1(data: dict[str, Any], modules: list[Any] | None = None) -> dict[str, Any]:
    """Return a version-2 journal holding everything a version-1 journal held.

    Parameters
    ----------
    data
        The parsed version-1 journal (``{"version": 1, "entries": [...]}``).
    modules
        The course's modules; defaults to every module.

    Returns
    -------
    dict
        ``{"version": 2, "items": {...}, "history": [...], "unmatched": [...]}``.
    """
    loaded = modules if modules is not None else course_modules()
    legacy = legacy_keys(loaded)
    options = _option_ids_by_text(loaded)
    items: dict[str, dict[str, Any]] = {}
    history: list[dict[str, Any]] = []
    unmatched: list[dict[str, Any]] = []
    for entry in data.get("entries", []):
        if not isinstance(entry, dict):
            continue
        spec = legacy.get(_old_key(entry))
        if spec is None:
            unmatched.append(entry)
            continue
        key, part = spec["key"], spec.get("part")
        current = items.get(key, {})
        if key in items:
            history.append({"key": key, "value": dict(current)})
        value = {**current, "saved_at": entry.get("saved_at", "")}
        text = str(entry.get("text", ""))
        if spec["kind"] == "check":
            option = options.get((key.split("/")[0], part, text))
            if option is None:
                unmatched.append(entry)
                continue
            answers = dict(value.get("answers", {}))
            answers[part] = {"option": option, "at": entry.get("saved_at")}
            value["answers"] = answers
        elif spec["kind"] in ("reflection", "plan"):
            field = "texts" if spec["kind"] == "reflection" else "sections"
            value[field] = {**value.get(field, {}), part: text}
        else:
            unmatched.append(entry)
            continue
        items[key] = value
    upgraded: dict[str, Any] = {"version": 2, "items": items, "history": history}
    if unmatched:
        upgraded["unmatched"] = unmatched
    return upgraded
