"""Checks on the written course modules: length, structured content and the landing pages.

A written module is one with ``modules/<slug>/module.yml``. For each, this test checks that
- its prose (landing page, Markdown pages and notebook Markdown cells) is 2,500 to 4,500 words,
- the module meets the course's standards on top of the schema (minutes that add up, 4-6
  questions of 3-4 options, 2-3 reflection prompts, every objective assessed),
- the landing page follows the skeleton, lists the objectives in order and takes its time and
  assessment tables from ``module.yml``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from equitykit.content.modules import load_module
from equitykit.content.timing import stated_time_problems, time_problems
from equitykit.sphinxext.landing import where_assessed

REPO_ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location(
    "text_stats", REPO_ROOT / "scripts" / "text_stats.py"
)
text_stats = importlib.util.module_from_spec(_spec)
sys.modules["text_stats"] = text_stats
_spec.loader.exec_module(text_stats)

SLUGS = text_stats.module_slugs(REPO_ROOT)
MIN_WORDS, MAX_WORDS = 2500, 4500
SORT_MODULE = "adaptive-work"
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


def standards_errors(module) -> list[str]:
    """Return every way a loaded module misses the course's standards (CONTRIBUTING).

    The schema (equitykit/content/schema.py) is checked when a module loads; these are the
    course's own standards on top of it: length, counts and minutes that add up.
    """
    errors: list[str] = []
    if not 45 <= module.minutes <= 130:
        errors.append(f"minutes must be from 45 to 130, got {module.minutes}")
    if not 3 <= len(module.objectives) <= 5:
        errors.append(f"3-5 objectives needed, found {len(module.objectives)}")
    errors += time_problems(module, page_words=0)  # the totals; reading speed has its own test
    for objective in module.objectives:
        if not where_assessed(module, objective.id):
            errors.append(f"objective {objective.id} is not assessed anywhere")
    checks = module.activities_with("knowledge_check")
    questions = [q for a in checks for q in a.questions]
    if not 4 <= len(questions) <= 8:
        errors.append(f"4-8 knowledge-check questions needed, found {len(questions)}")
    for q in questions:
        if not 3 <= len(q.options) <= 4:
            errors.append(f"question {q.id!r}: 3-4 options needed, found {len(q.options)}")
        if not q.assesses:
            errors.append(f"question {q.id!r} assesses no objective")
    prompts = [p for a in module.activities_with("reflection") for p in a.prompts]
    if not 2 <= len(prompts) <= 3:
        errors.append(f"2-3 reflection prompts needed, found {len(prompts)}")
    for prompt in prompts:
        if not prompt.assesses:
            errors.append(f"reflection prompt {prompt.id!r} assesses no objective")
    for sort in module.activities_with("sorting"):
        if not 8 <= len(sort.items) <= 10:
            errors.append(f"8-10 sort items needed, found {len(sort.items)}")
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
def test_module_meets_the_course_standards(slug):
    errors = standards_errors(load_module(slug))
    assert not errors, f"modules/{slug}/module.yml:\n" + "\n".join(errors)


def test_standards_check_catches_mistakes(tmp_path):
    folder = tmp_path / "modules" / SORT_MODULE
    folder.mkdir(parents=True)
    data = yaml.safe_load((REPO_ROOT / "modules" / SORT_MODULE / "module.yml").read_text("utf-8"))
    data["minutes"] += 5
    data["activities"] = [a for a in data["activities"] if a["id"] != "reflect"]
    (folder / "module.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    errors = "\n".join(standards_errors(load_module(SORT_MODULE, tmp_path / "modules")))
    assert "add up to" in errors
    assert "0 found" in errors or "found 0" in errors


@pytest.mark.parametrize("slug", SLUGS)
def test_landing_page_follows_the_skeleton(slug):
    page = REPO_ROOT / "modules" / f"{slug}.md"
    assert page.exists(), f"missing landing page {page.relative_to(REPO_ROOT)}"
    text = page.read_text(encoding="utf-8")
    titles = [line for line in text.splitlines() if re.match(r"^# ", line)]
    assert len(titles) == 1 and titles[0].startswith("# Module "), titles
    sections = landing_sections(text)
    assert list(sections) == LANDING_SECTIONS, f"{slug}: sections are {list(sections)}"

    module = load_module(slug)
    assert str(module.minutes) in sections["Time to learn"]
    # the objectives and the tables come from module.yml, so they cannot drift from it; no
    # internal id (O1, q2, r3, activity ids) is written out for the learner
    assert f"```{{objectives}} {slug}" in sections["Learning objectives"]
    prose = re.sub(r"\{cite:\w+\}`[^`]*`|```.*?```", "", text, flags=re.S)
    ids = {a.id for a in module.activities} | {o.id for o in module.objectives}
    for activity in module.activities:
        ids |= {p.id for p in getattr(activity, "questions", []) + getattr(activity, "prompts", [])}
    shown = [i for i in ids if re.search(rf"\(`?{re.escape(i)}`?\)|`{re.escape(i)}`", prose)]
    assert not shown, f"{slug}: the landing page shows internal ids to learners: {shown}"
    assert f"```{{module-time}} {slug}" in sections["Time to learn"]
    assert f"```{{assessment-map}} {slug}" in sections["How each objective is assessed"]


def _markdown_words(slug: str) -> int:
    pages = [p for p in text_stats.module_pages(slug, REPO_ROOT) if p.suffix == ".md"]
    return sum(text_stats.page_stats(p).words for p in pages)


@pytest.mark.parametrize("slug", SLUGS)
def test_module_times_are_honest(slug):
    """Readings at 200 words a minute, 4 minutes a reflection prompt, totals that add up."""
    module = load_module(slug)
    problems = time_problems(module, _markdown_words(slug))
    assert not problems, f"modules/{slug}/module.yml:\n" + "\n".join(problems)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_stated_time_is_the_one_module_yml_gives(slug):
    module = load_module(slug)
    landing = REPO_ROOT / "modules" / f"{slug}.md"
    notebook = REPO_ROOT / "modules" / slug / "practice.ipynb"
    problems = stated_time_problems(module, landing.read_text(encoding="utf-8"), landing.name)
    problems += stated_time_problems(module, text_stats.notebook_markdown(notebook), "practice")
    start = (REPO_ROOT / "book" / "start-here.md").read_text(encoding="utf-8")
    listed = re.search(rf"\(\.\./modules/{slug}\.md\), about\s+(\d+)\s+minutes", start)
    assert listed, f"book/start-here.md does not list {slug} with its minutes"
    if int(listed.group(1)) != module.minutes:
        problems.append(
            f"start-here says {listed.group(1)} minutes; module.yml gives {module.minutes}"
        )
    assert not problems, "\n".join(problems)


def test_a_short_reading_time_and_a_rushed_reflection_are_caught(tmp_path):
    module = load_module("adaptive-work")
    words = 200 * (sum(a.minutes for a in module.activities if a.kind == "reading") + 1)
    problems = time_problems(module, words)
    assert any("need" in p for p in problems), problems
    folder = tmp_path / "modules" / "adaptive-work"
    folder.mkdir(parents=True)
    data = yaml.safe_load(
        (REPO_ROOT / "modules" / "adaptive-work" / "module.yml").read_text("utf-8")
    )
    next(a for a in data["activities"] if a["id"] == "reflect")["minutes"] = 4
    (folder / "module.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    problems = time_problems(load_module("adaptive-work", tmp_path / "modules"), 0)
    assert any("allow at least" in p for p in problems), problems
    assert any("add up to" in p for p in problems), problems
    assert stated_time_problems(module, "About 60 minutes at your own pace", "x.md")


#: Exercises on the district's data: a learner who tries one can check their reading after.
DATA_WIDGETS = {"gap_explorer", "calculator"}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_data_exercise_has_a_worked_solution(slug):
    module = load_module(slug)
    missing = [
        a.id
        for a in module.activities
        if a.widget in DATA_WIDGETS and getattr(a, "solution", None) is None
    ]
    assert not missing, f"{slug}: data exercises without a worked solution: {missing}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_module_has_one_scored_performance_task(slug):
    tasks = [a for a in load_module(slug).activities if a.widget == "task"]
    assert len(tasks) == 1, f"{slug}: {len(tasks)} scored tasks"
    task = tasks[0]
    assert task.rubric and task.model_answer and task.pass_mark > 0


_WORKSHOP_MINUTES = re.compile(r"(\d+)-minute|about (\d+) in a workshop|(\d+) workshop minutes")


@pytest.mark.parametrize("slug", SLUGS)
def test_workshop_minutes_on_the_landing_page_are_the_agendas(slug):
    """A landing page that names a workshop length names one its facilitation.yml agendas have."""
    from equitykit.content.facilitation import load_facilitation

    agendas = set(load_facilitation(slug).agendas)
    text = (REPO_ROOT / "modules" / f"{slug}.md").read_text(encoding="utf-8")
    named = {int(next(g for g in m.groups() if g)) for m in _WORKSHOP_MINUTES.finditer(text)}
    assert named, f"modules/{slug}.md does not say how long its workshop takes"
    assert named <= agendas, f"modules/{slug}.md names {sorted(named)}; agendas: {sorted(agendas)}"
