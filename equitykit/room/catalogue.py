"""The catalogue of activities a room accepts answers for.

A catalogue is a JSON object that maps a saved-work key, ``<module-slug>/<activity-id>``, to
what the room may receive for it::

    {"build-a-coalition/knowledge-check":
         {"kind": "check", "questions": {"q1": {"options": ["a", "b", "c"], "correct": "b"},
                                         "q2": ["a", "b", "c"]}},
     "adaptive-work/sort-challenges":
         {"kind": "sort", "items": ["i1", "i2"], "categories": ["technical", "adaptive", "both"],
          "answers": {"i1": "technical"}},
     "build-a-coalition/poll-door": {"kind": "poll", "options": ["a", "b", "c"]},
     "build-a-coalition/r1": {"kind": "reflection"}}

A question is either a list of option ids or an object with ``options`` and an optional
``correct`` option; a sort may name the course's reading of each item in ``answers``. Correct
options are for the coach's view only: :func:`public_view` removes them.

:func:`load_catalogue` reads and checks a file, :func:`validate_catalogue` checks a mapping
and returns it in one normal form (every question as an object), and
:func:`catalogue_from_modules` builds a catalogue from the modules' ``module.yml`` files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

KINDS = ("check", "poll", "sort", "reflection")

#: ``<module-slug>/<activity-id>``: lower-case letters, digits, ``-`` and ``_``.
KEY_PATTERN = re.compile(
    r"^[a-z0-9][a-z0-9_-]{0,63}/[a-z0-9][a-z0-9_-]{0,63}(/[A-Za-z0-9][A-Za-z0-9_-]{0,63})?$"
)
#: Question, option, item and category ids: letters, digits, ``-``, ``_`` and ``.``.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

MAX_ACTIVITIES = 500
MAX_CHOICES = 50

Catalogue = dict[str, dict[str, Any]]


class CatalogueError(ValueError):
    """A catalogue file or mapping that does not follow the format above."""


def load_catalogue(path: str | Path) -> Catalogue:
    """Read a catalogue JSON file and check it.

    Parameters
    ----------
    path
        The JSON file.

    Returns
    -------
    Catalogue
        The checked catalogue in normal form.

    Raises
    ------
    CatalogueError
        When the file is missing, is not JSON, or does not follow the format.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"catalogue file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogueError(f"cannot read catalogue file {path}: {err}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise CatalogueError(
            f"catalogue file {path} is not valid JSON (line {err.lineno}: {err.msg})"
        ) from None
    return validate_catalogue(data)


def _ids(value: Any, where: str, what: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise CatalogueError(f"{where}: {what} must be a non-empty list of ids")
    if len(value) > MAX_CHOICES:
        raise CatalogueError(f"{where}: at most {MAX_CHOICES} {what}, found {len(value)}")
    for one in value:
        if not isinstance(one, str) or not ID_PATTERN.match(one):
            raise CatalogueError(
                f"{where}: {one!r} is not a valid id (letters, digits, '-', '_', '.'; "
                "starting with a letter or digit; at most 64 characters)"
            )
    if len(set(value)) != len(value):
        raise CatalogueError(f"{where}: {what} repeat an id")
    return list(value)


def _correct(value: Any, choices: list[str], where: str) -> str | None:
    if value is None:
        return None
    if value not in choices:
        raise CatalogueError(f"{where}: correct option {value!r} is not one of {choices}")
    return str(value)


def _check(key: str, spec: dict[str, Any]) -> dict[str, Any]:
    questions = spec.get("questions")
    if not isinstance(questions, dict) or not questions:
        raise CatalogueError(f"{key}: a check needs a non-empty 'questions' object")
    out: dict[str, Any] = {}
    for qid, question in questions.items():
        where = f"{key} question {qid!r}"
        if not ID_PATTERN.match(str(qid)):
            raise CatalogueError(f"{key}: {qid!r} is not a valid question id")
        if isinstance(question, list):
            question = {"options": question}
        if not isinstance(question, dict):
            raise CatalogueError(f"{where}: must be a list of options or an object")
        unknown = set(question) - {"options", "correct"}
        if unknown:
            raise CatalogueError(f"{where}: unknown fields {sorted(unknown)}")
        options = _ids(question.get("options"), where, "options")
        out[qid] = {
            "options": options,
            "correct": _correct(question.get("correct"), options, where),
        }
    return {"kind": "check", "questions": out}


def _sort(key: str, spec: dict[str, Any]) -> dict[str, Any]:
    items = _ids(spec.get("items"), key, "items")
    categories = _ids(spec.get("categories"), key, "categories")
    answers = spec.get("answers") or {}
    if not isinstance(answers, dict):
        raise CatalogueError(f"{key}: 'answers' must map item ids to categories")
    for item, category in answers.items():
        if item not in items:
            raise CatalogueError(f"{key}: answer given for unknown item {item!r}")
        _correct(category, categories, f"{key} item {item!r}")
    return {"kind": "sort", "items": items, "categories": categories, "answers": dict(answers)}


def validate_catalogue(data: Any) -> Catalogue:
    """Check a catalogue mapping and return it in normal form.

    Parameters
    ----------
    data
        The parsed JSON value.

    Returns
    -------
    Catalogue
        A new mapping; every check question is ``{"options": [...], "correct": id or None}``,
        every sort has ``answers`` (possibly empty).

    Raises
    ------
    CatalogueError
        Naming the first key or field that is wrong.
    """
    if not isinstance(data, dict) or not data:
        raise CatalogueError("a catalogue must be a non-empty JSON object of activities")
    if len(data) > MAX_ACTIVITIES:
        raise CatalogueError(f"a catalogue may list at most {MAX_ACTIVITIES} activities")
    out: Catalogue = {}
    for key, spec in data.items():
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise CatalogueError(
                f"{key!r} is not a saved-work key of the form <module-slug>/<activity-id>"
            )
        if not isinstance(spec, dict):
            raise CatalogueError(f"{key}: must be an object with a 'kind'")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise CatalogueError(f"{key}: kind {kind!r} is not one of {list(KINDS)}")
        allowed = {
            "check": {"kind", "questions"},
            "poll": {"kind", "options"},
            "sort": {"kind", "items", "categories", "answers"},
            "reflection": {"kind"},
        }[kind]
        unknown = set(spec) - allowed
        if unknown:
            raise CatalogueError(f"{key}: unknown fields {sorted(unknown)} for a {kind}")
        if kind == "check":
            out[key] = _check(key, spec)
        elif kind == "sort":
            out[key] = _sort(key, spec)
        elif kind == "poll":
            out[key] = {"kind": "poll", "options": _ids(spec.get("options"), key, "options")}
        else:
            out[key] = {"kind": "reflection"}
    return out


def public_view(catalogue: Catalogue) -> Catalogue:
    """Return the catalogue as participants may see it: no correct options, no sort answers."""
    view: Catalogue = {}
    for key, spec in catalogue.items():
        if spec["kind"] == "check":
            view[key] = {
                "kind": "check",
                "questions": {q: list(v["options"]) for q, v in spec["questions"].items()},
            }
        elif spec["kind"] == "sort":
            view[key] = {
                "kind": "sort",
                "items": list(spec["items"]),
                "categories": list(spec["categories"]),
            }
        else:
            view[key] = json.loads(json.dumps(spec))
    return view


def select_activities(catalogue: Catalogue, keys: list[str] | None) -> Catalogue:
    """Return the part of ``catalogue`` a room is opened for (all of it when ``keys`` is None).

    Raises
    ------
    CatalogueError
        When a key is not in the catalogue.
    """
    if keys is None:
        return dict(catalogue)
    missing = [key for key in keys if key not in catalogue]
    if missing:
        raise CatalogueError(f"not in the catalogue: {', '.join(map(str, missing))}")
    if not keys:
        raise CatalogueError("a room needs at least one activity")
    return {key: catalogue[key] for key in keys}


# --- Temporary: built from today's module.yml schema. The lead replaces this function when the
# --- module schema changes; nothing else in the room depends on the module files.


def catalogue_from_modules(modules_dir: str | Path | None = None) -> Catalogue:
    """Build the room's catalogue from the course's ``module.yml`` files.

    A knowledge check is one activity (``<slug>/<activity id>``) with its questions and
    option ids; a sorting exercise one activity with its item ids and categories; each prompt
    of a reflection activity is its own key, ``<slug>/<activity id>/<prompt id>``, because a
    participant shares (or not) one reflection at a time.

    Parameters
    ----------
    modules_dir
        The folder holding one folder per module; defaults to the course's.

    Returns
    -------
    Catalogue
        The checked catalogue.
    """
    from equitykit.content.keys import item_key
    from equitykit.content.modules import CourseContentError, course_modules

    try:
        modules = course_modules(modules_dir=Path(modules_dir) if modules_dir else None)
    except CourseContentError as error:
        raise CatalogueError(str(error)) from None
    if not modules:
        raise CatalogueError(f"no module.yml files under {modules_dir}")
    data: dict[str, Any] = {}
    for module in modules:
        for activity in module.activities:
            key = item_key(module.slug, activity.id)
            if activity.widget == "knowledge_check":
                data[key] = {
                    "kind": "check",
                    "questions": {
                        q.id: {
                            "options": [o.id for o in q.options],
                            "correct": next(o.id for o in q.options if o.correct),
                        }
                        for q in activity.questions
                    },
                }
            elif activity.widget == "sorting":
                data[key] = {
                    "kind": "sort",
                    "items": [i.id for i in activity.items],
                    "categories": list(activity.categories),
                    "answers": {i.id: i.answer for i in activity.items},
                }
            elif activity.widget == "reflection":
                for prompt in activity.prompts:
                    data[f"{key}/{prompt.id}"] = {"kind": "reflection"}
    return validate_catalogue(data)
