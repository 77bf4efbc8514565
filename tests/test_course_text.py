"""Checks on the written course modules: length, structured content and the landing pages.

A written module is one with ``modules/<slug>/module.yml``. For each, this test checks that
- its prose (landing page, Markdown pages and notebook Markdown cells) is 2,500 to 4,500 words,
- ``module.yml`` follows the schema in CONTRIBUTING's module skeleton (ids, minutes, one correct
  option per question, 4-6 questions, 2-3 reflections),
- the landing page follows the skeleton, lists the objectives in order and names every objective
  id in its "How each objective is assessed" table.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location(
    "text_stats", REPO_ROOT / "scripts" / "text_stats.py"
)
text_stats = importlib.util.module_from_spec(_spec)
sys.modules["text_stats"] = text_stats
_spec.loader.exec_module(text_stats)

SLUGS = text_stats.module_slugs(REPO_ROOT)
MIN_WORDS, MAX_WORDS = 2500, 4500
KINDS = {"reading", "exercise", "check", "reflection", "discussion"}
SORT_ANSWERS = {"technical", "adaptive", "both"}
SORT_MODULE = "adaptive-work"
# Module-specific exercise content kept beside the base schema.
EXTRA_KEYS = {
    SORT_MODULE: {"sort_items"},
    "language-and-policy": {"policy_review"},
    "focus-on-systems": {"lens_review"},
    "capstone": {"plan_sections"},
}
LANDING_SECTIONS = [
    "Overview",
    "Learning objectives",
    "Time to learn",
    "Prerequisites",
    "Sections",
    "How each objective is assessed",
    "Key points",
    "What's next",
]


def load(slug: str) -> dict:
    return yaml.safe_load((REPO_ROOT / "modules" / slug / "module.yml").read_text(encoding="utf-8"))


def nonempty_str(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def schema_errors(slug: str, data: dict) -> list[str]:
    """Return every way ``data`` breaks the module.yml schema (empty list when it is valid)."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return ["module.yml is not a mapping"]
    required = [
        "slug",
        "title",
        "minutes",
        "objectives",
        "activities",
        "knowledge_check",
        "reflections",
    ]
    for key in required:
        if key not in data:
            errors.append(f"missing key {key!r}")
    if errors:
        return errors
    allowed = set(required) | EXTRA_KEYS.get(slug, set())
    errors += [f"unexpected key {key!r}" for key in data if key not in allowed]
    if data["slug"] != slug:
        errors.append(f"slug {data['slug']!r} does not match folder {slug!r}")
    if not nonempty_str(data["title"]):
        errors.append("title must be a non-empty string")
    minutes = data["minutes"]
    if not isinstance(minutes, int) or not 45 <= minutes <= 75:
        errors.append(f"minutes must be an integer from 45 to 75, got {minutes!r}")

    objectives = data["objectives"] or []
    if not 3 <= len(objectives) <= 5:
        errors.append(f"3-5 objectives needed, found {len(objectives)}")
    ids = [o.get("id") for o in objectives]
    if len(set(ids)) != len(ids):
        errors.append(f"duplicate objective ids: {ids}")
    for o in objectives:
        if not re.fullmatch(r"O\d+", str(o.get("id"))) or not nonempty_str(o.get("text")):
            errors.append(f"objective needs an id like O1 and a text: {o}")
    known = set(ids)

    def check_assesses(where: str, value, allow_empty: bool) -> None:
        if not isinstance(value, list):
            errors.append(f"{where}: assesses must be a list")
            return
        if not value and not allow_empty:
            errors.append(f"{where}: assesses must name at least one objective")
        for oid in value:
            if oid not in known:
                errors.append(f"{where}: unknown objective id {oid!r}")

    activities = data["activities"] or []
    activity_ids = [a.get("id") for a in activities]
    if len(set(activity_ids)) != len(activity_ids):
        errors.append(f"duplicate activity ids: {activity_ids}")
    total = 0
    covered: set[str] = set()
    for a in activities:
        where = f"activity {a.get('id')!r}"
        for key in ("id", "title", "kind"):
            if not nonempty_str(a.get(key)):
                errors.append(f"{where}: missing {key}")
        if a.get("kind") not in KINDS:
            errors.append(f"{where}: kind {a.get('kind')!r} not in {sorted(KINDS)}")
        if not isinstance(a.get("minutes"), int) or a["minutes"] <= 0:
            errors.append(f"{where}: minutes must be a positive integer")
        else:
            total += a["minutes"]
        check_assesses(where, a.get("assesses"), allow_empty=True)
        covered |= set(a.get("assesses") or [])
    if total != minutes:
        errors.append(f"activity minutes add up to {total}, not {minutes}")
    for oid in sorted(known - covered):
        errors.append(f"objective {oid} is not assessed by any activity")

    questions = data["knowledge_check"] or []
    if not 4 <= len(questions) <= 6:
        errors.append(f"4-6 knowledge-check questions needed, found {len(questions)}")
    qids = [q.get("id") for q in questions]
    if len(set(qids)) != len(qids):
        errors.append(f"duplicate question ids: {qids}")
    for q in questions:
        where = f"question {q.get('id')!r}"
        if not nonempty_str(q.get("id")) or not nonempty_str(q.get("question")):
            errors.append(f"{where}: needs an id and a question")
        check_assesses(where, q.get("assesses"), allow_empty=False)
        options = q.get("options") or []
        if not 3 <= len(options) <= 4:
            errors.append(f"{where}: 3-4 options needed, found {len(options)}")
        correct = [o for o in options if o.get("correct") is True]
        if len(correct) != 1:
            errors.append(f"{where}: exactly one correct option needed, found {len(correct)}")
        for o in options:
            if not isinstance(o.get("correct"), bool):
                errors.append(f"{where}: option 'correct' must be true or false: {o.get('text')!r}")
            if not nonempty_str(o.get("text")) or not nonempty_str(o.get("feedback")):
                errors.append(f"{where}: every option needs a text and feedback")

    reflections = data["reflections"] or []
    if not 2 <= len(reflections) <= 3:
        errors.append(f"2-3 reflections needed, found {len(reflections)}")
    for r in reflections:
        where = f"reflection {r.get('id')!r}"
        if not nonempty_str(r.get("id")) or not nonempty_str(r.get("prompt")):
            errors.append(f"{where}: needs an id and a prompt")
        check_assesses(where, r.get("assesses"), allow_empty=False)

    if slug == SORT_MODULE:
        items = data.get("sort_items") or []
        if not 8 <= len(items) <= 10:
            errors.append(f"8-10 sort items needed, found {len(items)}")
        for item in items:
            if not nonempty_str(item.get("text")) or not nonempty_str(item.get("explanation")):
                errors.append(f"sort item needs a text and an explanation: {item}")
            if item.get("answer") not in SORT_ANSWERS:
                errors.append(f"sort item answer must be one of {sorted(SORT_ANSWERS)}: {item}")
    return errors


def landing_sections(text: str) -> dict[str, str]:
    """Return {level-2 heading: body} for a landing page."""
    sections: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def test_there_are_written_modules():
    assert SLUGS, "no modules/<slug>/module.yml found"


@pytest.mark.parametrize("slug", SLUGS)
def test_module_length_is_in_range(slug):
    total, per_page = text_stats.module_stats(slug, REPO_ROOT)
    detail = ", ".join(f"{p.name}: {s.words}" for p, s in per_page.items())
    assert MIN_WORDS <= total.words <= MAX_WORDS, (
        f"{slug} has {total.words} words ({detail}); aim for {MIN_WORDS}-{MAX_WORDS}"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_module_yml_follows_the_schema(slug):
    errors = schema_errors(slug, load(slug))
    assert not errors, f"modules/{slug}/module.yml:\n" + "\n".join(errors)


def test_schema_check_catches_mistakes():
    data = load(SORT_MODULE) if SORT_MODULE in SLUGS else load(SLUGS[0])
    slug = data["slug"]
    assert schema_errors(slug, data) == []
    broken = yaml.safe_load(yaml.safe_dump(data))
    broken["minutes"] += 5
    broken["knowledge_check"][0]["options"][0]["correct"] = True
    broken["reflections"][0]["assesses"] = ["O99"]
    errors = "\n".join(schema_errors(slug, broken))
    assert "add up to" in errors
    assert "exactly one correct option" in errors
    assert "O99" in errors


@pytest.mark.parametrize("slug", SLUGS)
def test_landing_page_follows_the_skeleton(slug):
    page = REPO_ROOT / "modules" / f"{slug}.md"
    assert page.exists(), f"missing landing page {page.relative_to(REPO_ROOT)}"
    text = page.read_text(encoding="utf-8")
    titles = [line for line in text.splitlines() if re.match(r"^# ", line)]
    assert len(titles) == 1 and titles[0].startswith("# Module "), titles
    sections = landing_sections(text)
    assert list(sections) == LANDING_SECTIONS, f"{slug}: sections are {list(sections)}"

    data = load(slug)
    ids = [o["id"] for o in data["objectives"]]
    listed = re.findall(r"^\d+\.\s+\((O\d+)\)", sections["Learning objectives"], flags=re.M)
    assert listed == ids, f"{slug}: objectives listed as {listed}, module.yml has {ids}"
    assert str(data["minutes"]) in sections["Time to learn"]

    table = sections["How each objective is assessed"]
    assert "|" in table, f"{slug}: the assessment section needs a table"
    missing = [oid for oid in ids if not re.search(rf"\b{oid}\b", table)]
    assert not missing, f"{slug}: assessment table does not name {missing}"
    named = set(re.findall(r"`([\w-]+)`", table))
    known = {a["id"] for a in data["activities"]} | {q["id"] for q in data["knowledge_check"]}
    known |= {r["id"] for r in data["reflections"]}
    assert named <= known, f"{slug}: assessment table names unknown ids {sorted(named - known)}"
