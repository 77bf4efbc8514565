"""The learner's progress through the course, from their journal or their browser.

Progress is computed from a *store*: a mapping of keys to saved answers in the same shape
the course widgets use in the browser's localStorage (without the ``equitykit/v1/``
prefix)::

    <module>/check/<question id>        {"chosen", "correct", "question", "at"}
    <module>/reflection/<prompt id>     {"text", "saved_at", "prompt"}
    <module>/plan/<plan section id>     {"text", "saved_at", "label"}

In JupyterLab the store is made from the learner's journal (:func:`journal_store`); on
the static site the progress widget reads the same keys from localStorage and computes
progress with the same rules in JavaScript (``js/progress.js``, tested against this
module in Node).

The rules:

* a check is *answered* when an answer is saved, and *correct* when the latest answer
  was right;
* a reflection (or a plan section) is *written* when its latest saved text is not blank;
* a module is *done* when every check is answered and every reflection and plan section
  is written (a module with nothing to track is never done).

Examples
--------
>>> outline = [ModuleOutline("m1", "Module one", checks=(("q1", "Why?"),),
...                          reflections=(("r1", "What?"),))]
>>> [p.done for p in progress_from_store(outline, {"m1/check/q1": {"correct": False}})]
[False]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from equitykit.course import MODULES_DIR, REPO_ROOT, Module, load_module

__all__ = [
    "CAPSTONE_ITEM_ID",
    "NOT_A_CREDENTIAL",
    "ItemProgress",
    "ModuleOutline",
    "ModuleProgress",
    "course_outline",
    "course_progress",
    "course_slugs",
    "export_journal_markdown",
    "journal_markdown",
    "journal_store",
    "outline_from_module",
    "progress_from_journal",
    "progress_from_store",
    "progress_summary_markdown",
    "store_markdown",
]

#: The journal item id under which the capstone plan keeps each section's text.
CAPSTONE_ITEM_ID = "capstone"

#: Said on every printed summary and export: this is not a certificate.
NOT_A_CREDENTIAL = (
    "This summary is a record for you, made from your own saved answers. It is not a "
    "certificate or a credential, and no one has checked or graded it."
)

CHECK_CORRECT = "correct"
CHECK_ANSWERED = "answered, not yet correct"
CHECK_OPEN = "not answered yet"
WRITTEN = "written"
NOT_WRITTEN = "not written yet"


@dataclass(frozen=True)
class ModuleOutline:
    """What there is to do in one module: its checks, reflections and plan sections.

    Attributes
    ----------
    slug, title
        The module's folder name and title.
    checks
        ``(question id, question)`` pairs, in the order of ``module.yml``.
    reflections
        ``(prompt id, prompt)`` pairs.
    plan_sections
        ``(section id, section title)`` pairs (only the capstone has them).
    """

    slug: str
    title: str
    checks: tuple[tuple[str, str], ...] = ()
    reflections: tuple[tuple[str, str], ...] = ()
    plan_sections: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form the progress widget sends to the browser."""
        return {
            "slug": self.slug,
            "title": self.title,
            "checks": [{"id": i, "question": q} for i, q in self.checks],
            "reflections": [{"id": i, "prompt": p} for i, p in self.reflections],
            "plan_sections": [{"id": i, "title": t} for i, t in self.plan_sections],
        }


@dataclass(frozen=True)
class ItemProgress:
    """One check, reflection or plan section and where the learner is with it."""

    kind: str
    id: str
    label: str
    state: str

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form (the same as the browser computes)."""
        return {"kind": self.kind, "id": self.id, "label": self.label, "state": self.state}


@dataclass(frozen=True)
class ModuleProgress:
    """Progress in one module.

    Attributes
    ----------
    slug, title
        Which module.
    checks_total, checks_answered, checks_correct
        Knowledge-check questions: how many, how many answered, how many answered right.
    reflections_total, reflections_written
        Reflection prompts and how many have non-blank text.
    plan_total, plan_written
        Plan sections (capstone only) and how many are written.
    items
        Every item with its state, in the order of ``module.yml``.
    """

    slug: str
    title: str
    checks_total: int
    checks_answered: int
    checks_correct: int
    reflections_total: int
    reflections_written: int
    plan_total: int = 0
    plan_written: int = 0
    items: tuple[ItemProgress, ...] = field(default_factory=tuple)

    @property
    def done(self) -> bool:
        """Every check answered and every reflection and plan section written."""
        total = self.checks_total + self.reflections_total + self.plan_total
        return (
            total > 0
            and self.checks_answered == self.checks_total
            and self.reflections_written == self.reflections_total
            and self.plan_written == self.plan_total
        )

    @property
    def started(self) -> bool:
        """Anything saved at all."""
        return bool(self.checks_answered or self.reflections_written or self.plan_written)

    @property
    def status(self) -> str:
        """``"done"``, ``"in progress"`` or ``"not started"``."""
        return "done" if self.done else "in progress" if self.started else "not started"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the same as the browser computes)."""
        return {
            "slug": self.slug,
            "title": self.title,
            "checks": {
                "total": self.checks_total,
                "answered": self.checks_answered,
                "correct": self.checks_correct,
            },
            "reflections": {"total": self.reflections_total, "written": self.reflections_written},
            "plan": {"total": self.plan_total, "written": self.plan_written},
            "done": self.done,
            "status": self.status,
            "items": [item.to_dict() for item in self.items],
        }


# ----------------------------------------------------------------- the course


def outline_from_module(module: Module) -> ModuleOutline:
    """Return what there is to do in a loaded module.

    Parameters
    ----------
    module
        A module from :func:`equitykit.course.load_module`.

    Returns
    -------
    ModuleOutline
    """
    sections = module.extra.get("plan_sections") or []
    return ModuleOutline(
        slug=module.slug,
        title=module.title,
        checks=tuple((q["id"], q["question"]) for q in module.knowledge_check),
        reflections=tuple((r["id"], r["prompt"]) for r in module.reflections),
        plan_sections=tuple((s["id"], s["title"]) for s in sections),
    )


_TOC_MODULE = re.compile(r"^modules/([^/]+?)(?:\.md|\.ipynb)?$")
_LANDING_NUMBER = re.compile(r"^#\s*Module\s+(\d+)\b", re.MULTILINE)


def _toc_files(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            yield node["file"]
        for value in node.values():
            yield from _toc_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _toc_files(value)


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
    modules_dir = modules_dir or MODULES_DIR
    toc = toc or REPO_ROOT / "_toc.yml"
    available = sorted(p.parent.name for p in modules_dir.glob("*/module.yml"))
    ordered: list[str] = []
    if toc.is_file():
        for file in _toc_files(yaml.safe_load(toc.read_text(encoding="utf-8")) or {}):
            match = _TOC_MODULE.match(file)
            if match and match.group(1) in available and match.group(1) not in ordered:
                ordered.append(match.group(1))

    def number(slug: str) -> tuple[int, str]:
        landing = modules_dir / f"{slug}.md"
        text = landing.read_text(encoding="utf-8") if landing.is_file() else ""
        found = _LANDING_NUMBER.search(text)
        return (int(found.group(1)) if found else 10_000, slug)

    return ordered + sorted((s for s in available if s not in ordered), key=number)


def course_outline(
    modules: Sequence[Module | str] | None = None, modules_dir: Path | None = None
) -> list[ModuleOutline]:
    """Return what there is to do in each module of the course, in course order.

    Parameters
    ----------
    modules
        Loaded modules or slugs; defaults to :func:`course_slugs`.
    modules_dir
        Where module folders live; defaults to the repository's ``modules/``.

    Returns
    -------
    list of ModuleOutline
    """
    if modules is None:
        modules = course_slugs(modules_dir)
    loaded = [m if isinstance(m, Module) else load_module(m, modules_dir) for m in modules]
    return [outline_from_module(m) for m in loaded]


# ------------------------------------------------------------- the journal


def journal_store(journal: Any, plan_module: str = "capstone") -> dict[str, dict[str, Any]]:
    """Return the journal's latest answers as a store, in the browser's key shape.

    Parameters
    ----------
    journal
        A :class:`equitykit.journal.Journal` (anything with ``reflections``, ``checks``
        and ``plan_items``).
    plan_module
        The module whose plan sections are kept as plan items with the item id
        :data:`CAPSTONE_ITEM_ID`.

    Returns
    -------
    dict
        ``<module>/check/<id>``, ``<module>/reflection/<id>`` and ``<module>/plan/<id>``
        entries. Plan items with another item id are kept as ``<section>/plan/<item id>``.
    """
    store: dict[str, dict[str, Any]] = {}
    for entry in journal.checks():  # every attempt, oldest first: the latest one wins
        store[f"{entry.module}/check/{entry.entry_id}"] = {
            "chosen": entry.text,
            "correct": bool(entry.correct),
            "question": entry.prompt,
            "at": entry.saved_at,
        }
    for entry in journal.reflections():
        store[f"{entry.module}/reflection/{entry.entry_id}"] = {
            "text": entry.text,
            "saved_at": entry.saved_at,
            "prompt": entry.prompt,
        }
    for entry in journal.plan_items():
        if entry.entry_id == CAPSTONE_ITEM_ID:
            key = f"{plan_module}/plan/{entry.module}"
        else:
            key = f"{entry.module}/plan/{entry.entry_id}"
        store[key] = {"text": entry.text, "saved_at": entry.saved_at, "label": entry.prompt}
    return store


def _written(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and isinstance(value.get("text"), str)
        and bool(value["text"].strip())
    )


def progress_from_store(
    outline: Sequence[ModuleOutline], store: Mapping[str, Any]
) -> list[ModuleProgress]:
    """Compute progress in every module from saved answers.

    Parameters
    ----------
    outline
        The course's modules (:func:`course_outline`).
    store
        Saved answers in the browser's key shape (:func:`journal_store`, or localStorage
        without its prefix).

    Returns
    -------
    list of ModuleProgress
        One per module, in the outline's order.
    """
    result = []
    for module in outline:
        items: list[ItemProgress] = []
        answered = correct = 0
        for check_id, question in module.checks:
            value = store.get(f"{module.slug}/check/{check_id}")
            if isinstance(value, Mapping) and value.get("chosen") is not None:
                answered += 1
                right = value.get("correct") is True
                correct += right
                state = CHECK_CORRECT if right else CHECK_ANSWERED
            else:
                state = CHECK_OPEN
            items.append(ItemProgress("check", check_id, question, state))
        written = 0
        for prompt_id, prompt in module.reflections:
            ok = _written(store.get(f"{module.slug}/reflection/{prompt_id}"))
            written += ok
            items.append(
                ItemProgress("reflection", prompt_id, prompt, WRITTEN if ok else NOT_WRITTEN)
            )
        plan_written = 0
        for section_id, title in module.plan_sections:
            ok = _written(store.get(f"{module.slug}/plan/{section_id}"))
            plan_written += ok
            items.append(ItemProgress("plan", section_id, title, WRITTEN if ok else NOT_WRITTEN))
        result.append(
            ModuleProgress(
                slug=module.slug,
                title=module.title,
                checks_total=len(module.checks),
                checks_answered=answered,
                checks_correct=correct,
                reflections_total=len(module.reflections),
                reflections_written=written,
                plan_total=len(module.plan_sections),
                plan_written=plan_written,
                items=tuple(items),
            )
        )
    return result


def progress_from_journal(
    journal: Any, outline: Sequence[ModuleOutline] | None = None
) -> list[ModuleProgress]:
    """Compute progress in every module from the learner's journal.

    Parameters
    ----------
    journal
        The learner's :class:`~equitykit.journal.Journal`.
    outline
        The course's modules; defaults to :func:`course_outline`.

    Returns
    -------
    list of ModuleProgress
    """
    outline = course_outline() if outline is None else outline
    return progress_from_store(outline, journal_store(journal))


course_progress = progress_from_journal


# ------------------------------------------------------------------ export


def _count(done: int, total: int) -> str:
    return f"{done} of {total}" if total else "none"


def progress_summary_markdown(progress: Sequence[ModuleProgress | Mapping[str, Any]]) -> str:
    """Return the progress summary as Markdown: one line of totals and a table.

    Parameters
    ----------
    progress
        From :func:`progress_from_store` (objects or their ``to_dict()`` form).

    Returns
    -------
    str
        Markdown, ending with a newline. The browser builds the same text.
    """
    rows = [p.to_dict() if isinstance(p, ModuleProgress) else dict(p) for p in progress]
    done = sum(1 for row in rows if row["done"])
    lines = [
        "## Progress summary",
        "",
        f"{done} of {len(rows)} modules done.",
        "",
        "| Module | Status | Checks answered | Checks correct | Reflections written "
        "| Plan sections written |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        checks, reflections, plan = row["checks"], row["reflections"], row["plan"]
        title = row["title"].replace("|", "\\|")
        lines.append(
            f"| {title} | {row['status']} | {_count(checks['answered'], checks['total'])} "
            f"| {_count(checks['correct'], checks['total'])} "
            f"| {_count(reflections['written'], reflections['total'])} "
            f"| {_count(plan['written'], plan['total'])} |"
        )
    lines += ["", NOT_A_CREDENTIAL, ""]
    return "\n".join(lines)


def _quote(text: str) -> str:
    lines = re.split(r"\r\n|\r|\n", text.strip())  # as the browser splits lines
    return "\n".join(f"> {line}".rstrip() for line in lines)


def store_markdown(
    outline: Sequence[ModuleOutline], store: Mapping[str, Any], exported_on: str
) -> str:
    """Return the whole journal kept in a store (the browser's copy) as Markdown.

    The browser's "Download my journal" button builds exactly this text from
    localStorage.

    Parameters
    ----------
    outline
        The course's modules.
    store
        Saved answers in the browser's key shape.
    exported_on
        The date to print, e.g. ``"2026-03-14"``.

    Returns
    -------
    str
        A title, the progress summary, then each module's reflections, checks and plan.
    """
    progress = progress_from_store(outline, store)
    lines = [
        "# My learning journal",
        "",
        f"Exported {exported_on} from this browser. Nothing in it was sent anywhere.",
        "",
        progress_summary_markdown(progress).rstrip("\n"),
        "",
    ]
    for module in outline:
        body: list[str] = []
        reflections = [
            (prompt, store[f"{module.slug}/reflection/{pid}"])
            for pid, prompt in module.reflections
            if _written(store.get(f"{module.slug}/reflection/{pid}"))
        ]
        if reflections:
            body += ["### Reflections", ""]
            for prompt, value in reflections:
                body += [f"**{prompt}**", "", _quote(value["text"]), ""]
        checks = []
        for check_id, question in module.checks:
            value = store.get(f"{module.slug}/check/{check_id}")
            if isinstance(value, Mapping) and value.get("chosen") is not None:
                verdict = "correct" if value.get("correct") is True else "not yet correct"
                chosen = value["chosen"]
                answer = f"answered \u201c{chosen}\u201d, " if isinstance(chosen, str) else ""
                checks.append(f"- {question}: {answer}{verdict}")
        if checks:
            body += ["### Knowledge checks", "", *checks, ""]
        plan = [
            (title, store[f"{module.slug}/plan/{sid}"])
            for sid, title in module.plan_sections
            if _written(store.get(f"{module.slug}/plan/{sid}"))
        ]
        if plan:
            body += ["### My leadership plan", ""]
            for title, value in plan:
                body += [f"**{title}**", "", _quote(value["text"]), ""]
        if body:
            lines += [f"## {module.title}", "", *body]
    return "\n".join(lines).rstrip("\n") + "\n"


def journal_markdown(journal: Any, outline: Sequence[ModuleOutline] | None = None) -> str:
    """Return the whole journal as Markdown, with the progress summary after its title.

    The body is :meth:`equitykit.journal.Journal.to_markdown` (every module used, every
    check attempt, the plan), so nothing in the journal is left out.

    Parameters
    ----------
    journal
        The learner's journal.
    outline
        The course's modules; defaults to :func:`course_outline`.

    Returns
    -------
    str
        Markdown text.
    """
    progress = progress_from_journal(journal, outline)
    body = journal.to_markdown()
    head, _, rest = body.partition("\n\n")  # "# My learning journal" / the rest
    exported, _, rest = rest.partition("\n\n")  # "Exported <date>." / the modules
    summary = progress_summary_markdown(progress).rstrip("\n")
    return f"{head}\n\n{exported}\n\n{summary}\n\n{rest}".rstrip("\n") + "\n"


def export_journal_markdown(
    journal: Any, path: str | Path | None = None, outline: Sequence[ModuleOutline] | None = None
) -> Path:
    """Write :func:`journal_markdown` to a file.

    Parameters
    ----------
    journal
        The learner's journal.
    path
        Where to write; defaults to ``my-journal-<date>.md`` beside the journal file.
    outline
        The course's modules; defaults to :func:`course_outline`.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    if path is None:
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        path = Path(journal.path).with_name(f"my-journal-{day}.md")
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(journal_markdown(journal, outline), encoding="utf-8")
    return target
