"""The course outline shipped to the page: every module and every activity that saves work.

The progress page, the capstone plan and the journal export run in the browser on the
learner's saved work; what they need to know about the course (titles, keys, the parts of
each activity) is computed here from ``module.yml`` and shipped as data. They never read
the files themselves, and they never build a key.

:func:`course_errors` checks what one ``module.yml`` cannot check alone: that every
``draws_on`` key of the plan names an activity that saves work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from equitykit.content.keys import item_key
from equitykit.content.modules import Module, course_modules

__all__ = ["activity_outline", "course_errors", "course_outline", "module_outline"]


def _parts(activity: Any) -> list[dict[str, Any]]:
    """Return the parts of an activity that progress and exports count, with labels."""
    widget = activity.widget
    if widget == "knowledge_check":
        return [
            {
                "id": q.id,
                "label": q.question,
                "correct": next(o.id for o in q.options if o.correct),
                "options": {o.id: o.text for o in q.options},
            }
            for q in activity.questions
        ]
    if widget == "reflection":
        return [{"id": p.id, "label": p.prompt} for p in activity.prompts]
    if widget == "sorting":
        return [{"id": i.id, "label": i.text, "answer": i.answer} for i in activity.items]
    if widget == "plan":
        return [{"id": s.id, "label": s.title} for s in activity.sections]
    if widget == "policy_review":
        return [{"id": e.id, "label": e.title} for e in activity.excerpts]
    if widget == "worksheet":
        if activity.rows:
            fields = {f.id: f.label for f in activity.row_fields}
            return [{"id": r.id, "label": r.label, "fields": fields} for r in activity.rows]
        return [
            {"id": s.id, "label": s.title, "fields": {f.id: f.label for f in s.fields}}
            for s in activity.sections
        ]
    if widget == "task":
        return [
            {"id": f"c{n}", "label": c.criterion, "objective": c.objective}
            for n, c in enumerate(activity.rubric, 1)
        ]
    if widget == "checklist":
        return [{"id": i.id, "label": i.text} for i in activity.items]
    if widget == "lens_review":
        return [{"id": d.id, "label": d.name} for d in activity.departments]
    return []


def activity_outline(module: Module, activity: Any) -> dict[str, Any]:
    """Describe one activity that saves work, as the browser's rules need it.

    Parameters
    ----------
    module
        Its module.
    activity
        The activity (one of :meth:`Module.saved_activities`).

    Returns
    -------
    dict
        ``key``, ``id``, ``title``, ``kind``, ``widget`` and ``parts``.
    """
    outline = {
        "key": item_key(module.slug, activity.id),
        "id": activity.id,
        "title": activity.title,
        "kind": activity.kind,
        "widget": activity.widget,
        "parts": _parts(activity),
    }
    if activity.widget == "task":
        outline["pass_mark"] = activity.pass_mark
    return outline


def module_outline(module: Module) -> dict[str, Any]:
    """Describe one module: its slug, label, practice page and activities that save work."""
    return {
        "slug": module.slug,
        "title": module.title,
        "label": module.label,
        "page": f"modules/{module.slug}/practice",
        "activities": [activity_outline(module, a) for a in module.saved_activities()],
    }


def course_outline(modules: Sequence[Module] | None = None) -> list[dict[str, Any]]:
    """Describe every module of the course, in course order.

    Parameters
    ----------
    modules
        The modules; defaults to :func:`equitykit.content.modules.course_modules`.

    Returns
    -------
    list of dict
        One :func:`module_outline` per module.
    """
    return [module_outline(m) for m in (modules if modules is not None else course_modules())]


def course_errors(modules: Iterable[Module] | None = None) -> list[str]:
    """Return what is wrong across modules (an empty list when nothing is).

    Parameters
    ----------
    modules
        The course's modules; defaults to every module.

    Returns
    -------
    list of str
        One message per problem, naming the file and the field.
    """
    loaded = list(modules if modules is not None else course_modules())
    saved = {item_key(m.slug, a.id): a for m in loaded for a in m.saved_activities()}
    errors = []
    for module in loaded:
        for activity in module.activities_with("plan"):
            for number, section in enumerate(activity.sections):
                for source in section.draws_on:
                    key, part = source.rsplit("/", 1) if source.count("/") == 2 else (source, "")
                    known = saved.get(key)
                    parts = {p["id"] for p in _parts(known)} if known is not None else set()
                    if known is None or (part and part not in parts):
                        errors.append(
                            f"{module.path}: activities ({activity.id}).sections[{number}] "
                            f"({section.id}).draws_on: {source!r} is not an activity (or a part "
                            "of one) that saves the learner's work"
                        )
    return errors
