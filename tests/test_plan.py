"""The capstone plan: sections from module.yml, earlier work, a real journal, browser logic."""

from __future__ import annotations

import random
import re

import pytest

from equitykit.course import CourseContentError, load_module
from equitykit.journal import Journal
from equitykit.plan import (
    SHARING_NOTE,
    EarlierWork,
    PlanSection,
    build_plan,
    draft_from_earlier,
    earlier_work,
    entry_text,
    load_plan_sections,
    plan_markdown,
    section_sources,
)
from equitykit.progress import course_outline, progress_from_journal
from equitykit.widgets import knowledge_check, leadership_plan, reflection
from tests.node_runner import needs_node, run_browser_function

pytestmark = pytest.mark.usefixtures("no_real_home")

SECTION_IDS = ["gap", "coalition", "partners", "capacity", "policy", "systems"]


def section_text(markdown: str, number: int) -> str:
    """The body of plan section ``number`` (1-based) in an exported plan."""
    match = re.search(rf"^## {number}\. [^\n]*\n(.*?)(?=^## |^---$)", markdown, re.S | re.M)
    assert match, f"no section {number} in:\n{markdown}"
    return match.group(1)


def test_plan_sections_come_from_the_capstone_module():
    sections = load_plan_sections()
    assert [s.id for s in sections] == SECTION_IDS
    raw = load_module("capstone").extra["plan_sections"]
    for section, item in zip(sections, raw, strict=True):
        assert (section.title, section.prompt, section.example) == (
            item["title"],
            item["prompt"],
            item["example"],
        )
        assert section.draws_on_module == item["draws_on"]["module"]
        assert list(section.draws_on) == item["draws_on"]["ids"]


def test_a_module_without_plan_sections_is_refused():
    with pytest.raises(CourseContentError, match="no plan_sections"):
        load_plan_sections("adaptive-work")


def test_sources_tell_reflections_from_activities():
    coalition = next(s for s in load_plan_sections() if s.id == "coalition")
    sources = {s["id"]: s for s in section_sources(coalition)}
    assert sources["r1"]["kind"] == "reflection"
    assert sources["r1"]["label"].startswith("Build a coalition, reflection r1: Who in your")
    assert sources["coalition-map"]["kind"] == "activity"
    assert "A coalition map of Alder Creek" in sources["coalition-map"]["label"]


def test_earlier_work_is_found_or_marked_missing_never_invented():
    coalition = next(s for s in load_plan_sections() if s.id == "coalition")
    sources = section_sources(coalition)
    people = [{"name": "Ms. Rivera", "role": "counsellor", "readiness": 5, "influence": 3}]
    store = {"build-a-coalition/coalition/coalition": {"people": people, "saved_at": "x"}}
    found = {w.short: w for w in earlier_work(sources, store)}
    assert found["Build a coalition, reflection r1"].missing
    assert found["Build a coalition, coalition map"].text == (
        "People on your map:\n- Ms. Rivera (counsellor): readiness 5, influence 3"
    )
    # an item saved under the activity's own id wins over the kind's default map
    store["build-a-coalition/coalition/coalition-map"] = {"people": people[:0]}
    store["build-a-coalition/plan/coalition-map"] = {"text": "Start with the math team."}
    found = {w.short: w for w in earlier_work(sources, store)}
    assert found["Build a coalition, coalition map"].text == "Start with the math team."
    assert draft_from_earlier([EarlierWork("long", None, "s")]) == ""


def test_activities_find_the_widgets_that_saved_them():
    """Each activity a plan section draws on, saved as the course's widgets save it."""
    people = [{"name": "Eastside Family Resource Center", "role": "", "readiness": 4,
               "influence": 4}]  # fmt: skip
    store = {
        "seek-out-partners/coalition/partners": {"people": people},
        "build-capacity/capacity/capacity": {"initiatives": ["Honors review"], "assigned": {}},
        "build-capacity/worksheet/coaching-choice": {
            "answers": {"eastgate": {"internal": "A teacher leader", "choice": "a mix"}}
        },
        "language-and-policy/policy_review/policy": {"ratings": {"P1": 2, "P2": True}},
        "language-and-policy/worksheet/rewrite-clause": {"answers": {"rewrite": {"x": " "}}},
        "focus-on-systems/worksheet/lens_review": {
            "answers": {"transportation": {"change": "Route equity check each spring"}}
        },
        "focus-on-systems/worksheet/lattice": {"answers": {"route-change": {"drivers": "Maps"}}},
        "focus-on-systems/check/lattice-map": {"chosen": 1, "correct": True},
    }
    found = {}
    for section in load_plan_sections():
        for piece in earlier_work(section_sources(section), store):
            found[piece.short.split(", ")[-1]] = piece.text
    assert found["partner map"].endswith(
        "- Eastside Family Resource Center: readiness 4, influence 4"
    )
    assert found["capacity planner"] == "Who carries each initiative:\n- Honors review: no one yet"
    assert found["coaching choice"] == (
        "Your worksheet answers:\n- eastgate (internal): A teacher leader\n"
        "- eastgate (choice): a mix"
    )
    assert found["policy review"] == "Your ratings of the policy excerpts:\n- P1: 2"
    assert found["rewrite clause"] is None, "a blank worksheet is not earlier work"
    assert found["lens review"] == (
        "Your worksheet answers:\n- transportation (change): Route equity check each spring"
    )
    assert found["lattice map"] == "Your worksheet answers:\n- route change (drivers): Maps"
    assert found["balcony gaps"] is None and found["plan listening"] is None


def test_entry_text_reads_each_kind():
    capacity = {
        "initiatives": ["Family nights", "Restorative circles"],
        "people": ["Ana", "Ben"],
        "assigned": {"Family nights": ["Ana", "Ben"]},
    }
    assert entry_text("capacity", capacity) == (
        "Who carries each initiative:\n- Family nights: Ana, Ben\n- Restorative circles: no one yet"
    )
    assert entry_text("reflection", {"text": "  words  "}) == "words"
    assert entry_text("reflection", {"text": "   "}) is None
    assert entry_text("coalition", {"people": []}) is None
    assert entry_text("check", [1, 2]) is None


def test_plan_markdown_numbers_sections_and_marks_empty_ones():
    sections = [PlanSection("gap", "The gap", "p", "e", "", ()), {"id": "x", "title": "Next"}]
    text = plan_markdown(sections, {"gap": "  Honors access  "}, "2026-03-14", author=" Sam ")
    assert text.startswith("# My equity leadership plan\n\nWritten by Sam on 2026-03-14.\n")
    assert "## 1. The gap\n\nHonors access\n" in text
    assert "## 2. Next\n\n_Not written yet._\n" in text
    assert text.endswith(f"---\n\n{SHARING_NOTE}\n")


def test_plan_export_from_a_real_journal_filled_through_the_widgets(journal, tmp_path):
    gap_words = "Eastgate's ninth-grade honors classes hold few English learners."
    ally_words = "Four math teachers are ready; the department head is wary."
    capacity_words = "A second counsellor co-leads, with a two-page written routine."
    # Module 1: a knowledge check and a reflection, through their widgets
    module = load_module("adaptive-work")
    first = module.knowledge_check[0]
    right = next(i for i, o in enumerate(first["options"]) if o["correct"])
    knowledge_check(module, journal=journal).choose(first["id"], right)
    assert reflection(module, "r2", journal=journal).save(gap_words).startswith("Saved")
    # Module 2: the reflection the coalition section draws on
    reflection("build-a-coalition", "r1", journal=journal).save(ally_words)
    # Capstone: the plan widget reads the journal as the browser asks it to
    widget = leadership_plan(journal=journal)
    assert widget.texts == {} and widget.earlier == {}, "the builder must not read the journal"
    widget.refresh_requests += 1
    assert widget.loaded
    assert gap_words in widget.texts["gap"]
    assert widget.texts["gap"].startswith("From Equity leadership is adaptive work, reflection r2:")
    assert ally_words in widget.texts["coalition"]
    assert widget.texts["partners"] == ""
    missing = [p["short"] for p in widget.earlier["gap"] if p["text"] is None]
    assert missing == [
        "Equity leadership is adaptive work, balcony gaps",
        "Equity leadership is adaptive work, reflection r3",
    ]
    # the learner edits two sections and saves
    widget.write("coalition", widget.texts["coalition"] + "\nFirst conversation: September.")
    widget.write("capacity", capacity_words)
    assert widget.save().startswith("Your plan was saved to your journal")
    saved = {item.module: item for item in journal.plan_items()}
    assert set(saved) == {"gap", "coalition", "capacity"}, "empty sections are not saved"
    assert saved["capacity"].prompt == "Capacity and succession"

    exported = widget.export_markdown(tmp_path / "plan.md")
    markdown = exported.read_text(encoding="utf-8")
    assert markdown == widget.markdown
    assert gap_words in section_text(markdown, 1)
    assert ally_words in section_text(markdown, 2)
    assert "First conversation: September." in section_text(markdown, 2)
    assert section_text(markdown, 3).strip() == "_Not written yet._"
    assert capacity_words in section_text(markdown, 4)
    assert gap_words not in section_text(markdown, 2) + section_text(markdown, 4)

    # a new session finds the saved plan, not a new draft
    reopened = leadership_plan(journal=Journal(journal.path))
    plan = reopened.refresh()
    assert plan.saved == {"gap", "coalition", "capacity"}
    assert reopened.texts["capacity"] == capacity_words
    assert plan.to_markdown(written_on="2026-03-14") == plan_markdown(
        plan.sections, widget.texts, "2026-03-14"
    )
    # and progress counts the plan and the check
    capstone = progress_from_journal(journal, course_outline(["capstone"]))[0]
    assert (capstone.plan_written, capstone.plan_total) == (3, 6)
    first_module = progress_from_journal(journal, course_outline(["adaptive-work"]))[0]
    assert (first_module.checks_correct, first_module.reflections_written) == (1, 1)

    # Jupyter's "Export as Markdown" button writes beside the journal and says where
    widget.export_requests += 1
    assert widget.export_path.startswith(str(tmp_path)) and widget.export_path in widget.status


def test_build_plan_without_a_journal_gives_empty_drafts():
    plan = build_plan()
    assert set(plan.texts) == set(SECTION_IDS) and not any(plan.texts.values())
    assert all(piece.missing for pieces in plan.earlier.values() for piece in pieces)


def test_save_reports_a_journal_that_cannot_be_written(journal):
    class Broken:
        path = journal.path

        def checks(self):
            return []

        def reflections(self):
            return []

        def plan_items(self):
            return []

        def save_plan_item(self, *args, **kwargs):
            raise PermissionError("read-only disk")

    widget = leadership_plan(journal=Broken())
    widget.refresh()
    widget.write("gap", "words")
    assert "Could not save" in widget.save() and "read-only disk" in widget.status
    with pytest.raises(KeyError, match="no plan section 'budget'"):
        widget.write("budget", "x")


def _random_store(rng: random.Random) -> dict:
    names = ["Ana", "Ben", "Cai", "Dee"]
    store = {}
    for section in load_plan_sections():
        for item_id in section.draws_on:
            module = section.draws_on_module
            roll = rng.random()
            if roll < 0.3:
                store[f"{module}/reflection/{item_id}"] = {
                    "text": rng.choice(["", "  ", "A reflection", "Two\nlines  "])
                }
            elif roll < 0.45:
                store[f"{module}/plan/{item_id}"] = {"text": rng.choice(["Note", " "])}
            elif roll < 0.6:
                store[f"{module}/coalition/{rng.choice([item_id, 'coalition'])}"] = {
                    "people": [
                        {
                            "name": n,
                            "role": rng.choice(["", "coach"]),
                            "readiness": 3,
                            "influence": 4,
                        }
                        for n in rng.sample(names, rng.randint(0, 3))
                    ]
                }
            elif roll < 0.7:
                initiatives = rng.sample(
                    ["Family nights", "Circles", "Tutoring"], rng.randint(0, 3)
                )
                store[f"{module}/capacity/{rng.choice([item_id, 'capacity'])}"] = {
                    "initiatives": initiatives,
                    "people": names,
                    "assigned": {i: rng.sample(names, rng.randint(0, 2)) for i in initiatives},
                }
            elif roll < 0.75:
                store[f"{module}/check/{item_id}"] = {"chosen": 1, "correct": True}
            elif roll < 0.85:
                worksheet_id = rng.choice([item_id, item_id.split("-")[0], "lens_review"])
                store[f"{module}/worksheet/{worksheet_id}"] = {
                    "answers": {
                        rng.choice(["eastgate", "route-change"]): {
                            field: rng.choice(["", " ", "An answer", "a mix", 3])
                            for field in rng.sample(["q1", "change", "choice"], 2)
                        }
                    }
                }
            elif roll < 0.9:
                store[f"{module}/policy_review/{rng.choice(['policy', item_id])}"] = {
                    "ratings": {"P1": rng.choice([1, 4, "2", True, None]), "P2": 3},
                    "compared": ["P1"],
                }
            elif roll < 0.95:
                store[f"{module}/coalition/partners"] = {
                    "people": [{"name": "Ana", "role": "", "readiness": 2, "influence": 5}]
                }
    return store


@needs_node
def test_browser_plan_logic_matches_python(tmp_path):
    rng = random.Random(3)
    sections = load_plan_sections()
    sources = [section_sources(s) for s in sections]
    stores = [_random_store(rng) for _ in range(30)] + [{}]
    calls = [[section, store] for store in stores for section in sources]
    browser = run_browser_function(tmp_path, "plan", "ekEarlierWork", calls)
    expected = [[w.to_dict() for w in earlier_work(src, store)] for src, store in calls]
    assert browser == expected

    drafts = run_browser_function(tmp_path, "plan", "ekDraftFromEarlier", [[p] for p in browser])
    assert drafts == [draft_from_earlier(p) for p in expected]

    as_json = [{"id": s.id, "title": s.title} for s in sections]
    texts = [
        {s.id: rng.choice(["", "  A plan line  ", "Two\nlines"]) for s in sections}
        for _ in range(10)
    ]
    authors = ["", "  Sam Ortiz ", "Dr. Lee"]
    calls = [[as_json, t, "2026-03-14", authors[i % 3]] for i, t in enumerate(texts)]
    browser = run_browser_function(tmp_path, "plan", "ekPlanMarkdown", calls)
    assert browser == [plan_markdown(sections, t, d, a) for _, t, d, a in calls]


def test_building_the_capstone_page_never_publishes_a_journal(tmp_path, monkeypatch, repo):
    """The book build runs the notebook on the builder's machine: their journal must stay out."""
    from tests.test_progress import _run_notebook_cells

    builder_journal = Journal(tmp_path / "builder" / "journal.json")
    builder_journal.save_reflection("adaptive-work", "r2", "P?", "the builder's words zq7741")
    builder_journal.save_plan_item("gap", "capstone", "the builder's plan zq7741", label="Gap")
    monkeypatch.setenv("EQUITYKIT_JOURNAL", str(builder_journal.path))
    shown = _run_notebook_cells(repo / "modules" / "capstone" / "practice.ipynb")
    [widget] = [w for w in shown if type(w).__name__ == "LeadershipPlanWidget"]
    assert [s["id"] for s in widget.sections] == SECTION_IDS
    for other in shown:
        assert "zq7741" not in str(other.get_state() if hasattr(other, "get_state") else other)


POLICY_REVIEWS = [
    {"ratings": {"E1": {"level": 3, "commitments": ["C1"], "reason": " names who acts "}}},
    {"ratings": {"E2": 2, "E4": {"level": 4, "reason": ""}}},
    {"ratings": {"E3": {"commitments": ["C2"]}}},
    {"ratings": []},
]


def test_policy_review_ratings_as_the_widget_saves_them():
    assert entry_text("policy_review", POLICY_REVIEWS[0]) == (
        "Your ratings of the policy excerpts:\n- E1: 3 (names who acts)"
    )
    assert entry_text("policy_review", POLICY_REVIEWS[2]) is None


@needs_node
def test_browser_reads_policy_review_ratings_like_python(tmp_path):
    browser = run_browser_function(
        tmp_path, "plan", "ekEntryText", [["policy_review", v] for v in POLICY_REVIEWS]
    )
    assert browser == [entry_text("policy_review", v) for v in POLICY_REVIEWS]
