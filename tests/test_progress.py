"""Progress through the course: from a real journal, in the widget, and in the browser's logic."""

from __future__ import annotations

import random

import pytest

from equitykit.course import load_module
from equitykit.journal import Journal
from equitykit.progress import (
    NOT_A_CREDENTIAL,
    ModuleOutline,
    course_outline,
    course_slugs,
    journal_markdown,
    journal_store,
    progress_from_journal,
    progress_from_store,
    progress_summary_markdown,
    store_markdown,
)
from equitykit.widgets import knowledge_check, progress_tracker, reflection
from tests.node_runner import needs_node, run_browser_function

pytestmark = pytest.mark.usefixtures("no_real_home")

TINY = [
    ModuleOutline(
        "m1", "First steps", checks=(("q1", "Why?"), ("q2", "How?")), reflections=(("r1", "What?"),)
    ),
    ModuleOutline("m2", "Second | steps", checks=(("q1", "Who?"),), reflections=()),
    ModuleOutline("m3", "Empty", checks=(), reflections=()),
    ModuleOutline(
        "cap",
        "Plan",
        checks=(),
        reflections=(("r1", "Next?"),),
        plan_sections=(("gap", "The gap"),),
    ),
]


def _right_and_wrong(question):
    right = next(i for i, o in enumerate(question["options"]) if o["correct"])
    return right, (right + 1) % len(question["options"])


def test_course_outline_lists_every_module_in_course_order():
    slugs = course_slugs()
    assert slugs[0] == "adaptive-work"
    assert {"build-a-coalition", "capstone"} <= set(slugs)
    assert slugs[-1] == "capstone"
    outline = {m.slug: m for m in course_outline()}
    module = load_module("adaptive-work")
    assert [i for i, _ in outline["adaptive-work"].checks] == [
        q["id"] for q in module.knowledge_check
    ]
    assert [i for i, _ in outline["capstone"].plan_sections] == [
        "gap",
        "coalition",
        "partners",
        "capacity",
        "policy",
        "systems",
    ]


def test_course_order_follows_the_toc_then_landing_page_numbers(tmp_path):
    for slug, number in (("zeta", 1), ("alpha", 3), ("mid", 2), ("loose", None)):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "module.yml").write_text("slug: x\n", encoding="utf-8")
        if number:
            (tmp_path / f"{slug}.md").write_text(f"# Module {number}: {slug}\n", encoding="utf-8")
    toc = tmp_path / "_toc.yml"
    toc.write_text(
        "root: index\nparts:\n  - chapters:\n      - file: modules/alpha\n"
        "        sections:\n          - file: modules/alpha/practice\n",
        encoding="utf-8",
    )
    assert course_slugs(tmp_path, toc) == ["alpha", "zeta", "mid", "loose"]


def test_progress_from_a_real_journal_filled_through_the_widgets(journal):
    module = load_module("adaptive-work")
    check = knowledge_check(module, journal=journal)
    first, second = module.knowledge_check[:2]
    right, wrong = _right_and_wrong(first)
    check.choose(first["id"], right)
    check.choose(second["id"], _right_and_wrong(second)[0])
    check.choose(second["id"], _right_and_wrong(second)[1])  # the latest answer counts
    reflection(module, "r1", journal=journal).save("I stood to lose a routine I trusted.")
    reflection(module, "r2", journal=journal).save("   ")  # blank is not written

    [first_module] = progress_from_journal(journal, course_outline(["adaptive-work"]))
    assert (first_module.checks_answered, first_module.checks_correct) == (2, 1)
    assert (first_module.reflections_written, first_module.reflections_total) == (1, 3)
    assert not first_module.done and first_module.status == "in progress"
    states = {(i.kind, i.id): i.state for i in first_module.items}
    assert states[("check", first["id"])] == "correct"
    assert states[("check", second["id"])] == "answered, not yet correct"
    assert states[("check", "q6")] == "not answered yet"
    assert states[("reflection", "r2")] == "not written yet"

    for question in module.knowledge_check:
        check.choose(question["id"], _right_and_wrong(question)[1])
    for prompt in ("r2", "r3"):
        reflection(module, prompt, journal=journal).save(f"My answer to {prompt}.")
    [first_module] = progress_from_journal(journal, course_outline(["adaptive-work"]))
    assert first_module.done, "every check answered (right or not) and every reflection written"
    assert first_module.checks_correct == 0


def test_done_needs_everything_and_an_empty_module_is_never_done():
    store = {
        "m1/check/q1": {"chosen": 0, "correct": True},
        "m1/check/q2": {"chosen": 2, "correct": False},
        "m1/reflection/r1": {"text": "yes"},
        "m2/check/q1": {"chosen": None, "correct": True},
        "cap/reflection/r1": {"text": "soon"},
        "cap/plan/gap": {"text": ""},
    }
    result = {p.slug: p for p in progress_from_store(TINY, store)}
    assert result["m1"].done and result["m1"].checks_correct == 1
    assert result["m2"].status == "not started"
    assert not result["m3"].done and result["m3"].status == "not started"
    assert result["cap"].status == "in progress" and result["cap"].plan_written == 0
    store["cap/plan/gap"] = {"text": "Honors access at Eastgate"}
    assert {p.slug: p.done for p in progress_from_store(TINY, store)}["cap"]


def test_journal_store_keeps_the_latest_answers_in_the_browser_shape(journal):
    journal.record_check("m1", "q1", "Why?", "Because", False)
    journal.record_check("m1", "q1", "Why?", "For this reason", True)
    journal.save_reflection("m1", "r1", "What?", "first")
    journal.save_reflection("m1", "r1", "What?", "second")
    journal.save_plan_item("gap", "capstone", "Honors access", label="The gap")
    journal.save_plan_item(
        "seek-out-partners", "plan-listening", "Evening session", label="Session"
    )
    store = journal_store(journal)
    assert store["m1/check/q1"]["correct"] is True
    assert store["m1/check/q1"]["chosen"] == "For this reason"
    assert store["m1/reflection/r1"]["text"] == "second"
    assert store["capstone/plan/gap"]["text"] == "Honors access"
    assert store["seek-out-partners/plan/plan-listening"]["label"] == "Session"


def test_markdown_export_has_the_summary_and_the_whole_journal(journal, tmp_path):
    journal.save_reflection("adaptive-work", "r1", "Loss?", "Line one\nLine two")
    journal.record_check("adaptive-work", "q1", "Which is adaptive?", "Beliefs", True)
    journal.save_reflection("old-module", "x", "Old prompt?", "kept too")
    outline = course_outline(["adaptive-work", "capstone"])
    markdown = journal_markdown(journal, outline)
    assert markdown.startswith(
        "# My learning journal\n\nExported 2026-03-14.\n\n## Progress summary"
    )
    assert "0 of 2 modules done." in markdown
    assert (
        "| Equity leadership is adaptive work | in progress | 1 of 6 | 1 of 6 | 1 of 3 | none |"
        in (markdown)
    )
    assert NOT_A_CREDENTIAL in markdown
    assert "> Line one\n> Line two" in markdown and "kept too" in markdown
    assert markdown.index("## Progress summary") < markdown.index("## adaptive-work")


def test_browser_export_reads_like_the_journal():
    store = {
        "m1/reflection/r1": {"text": "Line one\r\nLine two  "},
        "m1/check/q1": {"chosen": 1, "correct": False},
        "m2/check/q1": {"chosen": "Everyone", "correct": True},
        "cap/plan/gap": {"text": "Honors access"},
    }
    text = store_markdown(TINY, store, "2026-03-14")
    assert text.startswith("# My learning journal\n\nExported 2026-03-14 from this browser.")
    assert "| Second \\| steps | done | 1 of 1 | 1 of 1 | none | none |" in text
    assert "**What?**\n\n> Line one\n> Line two" in text
    assert "- Why?: not yet correct" in text
    assert "- Who?: answered \u201cEveryone\u201d, correct" in text
    assert "### My leadership plan\n\n**The gap**\n\n> Honors access" in text
    assert "## Empty" not in text


def test_widget_never_reads_the_journal_until_asked(journal):
    journal.save_reflection("adaptive-work", "r1", "Loss?", "private words")
    widget = progress_tracker(["adaptive-work"], journal=journal)
    assert widget.journal_store == {} and not widget.loaded
    assert "private words" not in str(widget.get_state())
    widget.refresh_requests += 1  # what the browser does on opening in JupyterLab
    assert widget.loaded
    assert widget.journal_store["adaptive-work/reflection/r1"]["text"] == "private words"
    assert widget.shown == {"adaptive-work": "in progress"}


def test_widget_shows_every_module_and_downloads_the_journal(journal, tmp_path):
    module = load_module("build-a-coalition")
    check = knowledge_check(module, journal=journal)
    for question in module.knowledge_check:
        check.choose(question["id"], _right_and_wrong(question)[0])
    for item in module.reflections:
        reflection(module, item["id"], journal=journal).save(f"Reflection {item['id']}")
    widget = progress_tracker(journal=journal)
    assert [m["slug"] for m in widget.modules] == course_slugs()
    progress = {p.slug: p for p in widget.refresh()}
    assert progress["build-a-coalition"].done
    assert progress["build-a-coalition"].checks_correct == len(module.knowledge_check)
    assert progress["adaptive-work"].status == "not started"

    widget.export_requests += 1  # the "Download my journal (Markdown)" button in JupyterLab
    written = tmp_path / widget.export_path.split("/")[-1]
    assert widget.export_path.startswith(str(tmp_path)) and written.is_file()
    assert str(written) in widget.status
    text = written.read_text(encoding="utf-8")
    assert "1 of 7 modules done." in text and "Reflection r2" in text

    target = widget.download(tmp_path / "out" / "journal.md")
    assert target.read_text(encoding="utf-8") == text


def test_widget_reports_a_journal_it_cannot_read(tmp_path):
    class Broken:
        path = tmp_path / "journal.json"

        def checks(self):
            raise PermissionError("no access")

    widget = progress_tracker(["adaptive-work"], journal=Broken())
    widget.refresh()
    assert "Could not read your journal" in widget.status and not widget.loaded


def _random_store(rng: random.Random, outline) -> dict:
    store = {}
    for module in outline:
        for check_id, _ in module.checks:
            roll = rng.random()
            if roll < 0.5:
                store[f"{module.slug}/check/{check_id}"] = {
                    "chosen": rng.choice([0, 1, 2, "An answer", None]),
                    "correct": rng.choice([True, False, None, "yes"]),
                }
            elif roll < 0.55:
                store[f"{module.slug}/check/{check_id}"] = rng.choice([[1], "x", 3, None])
        for prompt_id, _ in module.reflections:
            if rng.random() < 0.5:
                store[f"{module.slug}/reflection/{prompt_id}"] = {
                    "text": rng.choice(["", "  ", "A thought", "Two\nlines", "x\r\ny "]),
                    "saved_at": "2026-03-14T09:30:00Z",
                }
        for section_id, _ in module.plan_sections:
            if rng.random() < 0.5:
                store[f"{module.slug}/plan/{section_id}"] = {"text": rng.choice(["", "Plan"])}
    store["unrelated/coalition/map"] = {"people": []}
    return store


@needs_node
def test_browser_progress_matches_python(tmp_path):
    rng = random.Random(7)
    outline = course_outline()
    stores = [_random_store(rng, outline) for _ in range(40)] + [{}]
    as_json = [m.to_dict() for m in outline]
    browser = run_browser_function(
        tmp_path, "progress", "ekProgress", [[as_json, store] for store in stores]
    )
    for store, got in zip(stores, browser, strict=True):
        assert got == [p.to_dict() for p in progress_from_store(outline, store)]

    summaries = run_browser_function(
        tmp_path, "progress", "ekProgressSummaryMarkdown", [[p] for p in browser]
    )
    for store, got in zip(stores, summaries, strict=True):
        assert got == progress_summary_markdown(progress_from_store(outline, store))

    exports = run_browser_function(
        tmp_path, "progress", "ekStoreMarkdown", [[as_json, s, "2026-03-14"] for s in stores]
    )
    for store, got in zip(stores, exports, strict=True):
        assert got == store_markdown(outline, store, "2026-03-14")


def _run_notebook_cells(path):
    """Run a notebook's code cells; return what each cell ending in an expression shows."""
    import ast
    import json
    from pathlib import Path

    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    namespace: dict = {}
    shown = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(path), "exec"), namespace)  # noqa: S102 - our own notebook
        if last is not None:
            expression = compile(ast.Expression(last.value), str(path), "eval")
            shown.append(eval(expression, namespace))  # noqa: S307
    return shown


def test_building_the_progress_page_never_publishes_a_journal(tmp_path, monkeypatch, repo):
    """The book build runs the page on the builder's machine: their journal must stay out."""
    builder_journal = Journal(tmp_path / "builder" / "journal.json")
    builder_journal.save_reflection("adaptive-work", "r1", "Loss?", "the builder's words zq7741")
    monkeypatch.setenv("EQUITYKIT_JOURNAL", str(builder_journal.path))
    [widget] = _run_notebook_cells(repo / "book" / "progress.ipynb")
    assert type(widget).__name__ == "ProgressTracker"
    assert "zq7741" not in str(widget.get_state())
    assert [m["slug"] for m in widget.modules] == course_slugs()
