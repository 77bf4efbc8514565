"""Headless tests of the learning widgets: set values as a learner would, check results."""

from __future__ import annotations

import pytest

from equitykit.course import CourseContentError, load_module
from equitykit.widgets import knowledge_check, reflection, sorting_exercise


class MemoryJournal:
    """Stands in for the learner's journal file."""

    path = "memory"

    def __init__(self):
        self.checks = []
        self.reflections = []

    def record_check(self, **entry):
        self.checks.append(entry)

    def save_reflection(self, **entry):
        self.reflections.append(entry)


def test_knowledge_check_gives_feedback_and_score():
    journal = MemoryJournal()
    check = knowledge_check("adaptive-work", journal=journal)
    module = load_module("adaptive-work")
    first = module.knowledge_check[0]
    right = next(i for i, o in enumerate(first["options"]) if o["correct"])
    wrong = (right + 1) % len(first["options"])

    feedback = check.choose(first["id"], wrong)
    assert feedback.startswith("Not the best answer.")
    assert first["options"][wrong]["feedback"] in feedback
    assert check.score == (0, len(module.knowledge_check))

    assert check.choose(first["id"], right).startswith("Correct.")
    assert check.score == (1, len(module.knowledge_check))
    assert [entry["correct"] for entry in journal.checks] == [False, True]
    assert journal.checks[-1]["module"] == "adaptive-work"


def test_knowledge_check_rejects_unknown_question_and_option():
    check = knowledge_check("adaptive-work", journal=MemoryJournal())
    with pytest.raises(KeyError, match="no question 'q99'"):
        check.choose("q99", 0)
    with pytest.raises(IndexError):
        check.choose("q1", 17)


def test_every_question_explains_every_option():
    for slug in ("adaptive-work", "build-a-coalition", "seek-out-partners"):
        for question in load_module(slug).knowledge_check:
            assert all(option["feedback"].strip() for option in question["options"]), question["id"]


def test_reflection_saves_to_the_journal():
    journal = MemoryJournal()
    box = reflection("adaptive-work", "r1", journal=journal)
    status = box.save("I stood to lose a way of teaching I was good at.")
    assert status.startswith("Saved to your journal")
    assert journal.reflections == [
        {
            "module": "adaptive-work",
            "prompt_id": "r1",
            "prompt": load_module("adaptive-work").reflection("r1")["prompt"],
            "text": "I stood to lose a way of teaching I was good at.",
        }
    ]


def test_reflection_reports_a_journal_that_cannot_be_written():
    class BrokenJournal(MemoryJournal):
        def save_reflection(self, **entry):
            raise PermissionError("read-only disk")

    box = reflection("adaptive-work", "r2", journal=BrokenJournal())
    assert "Could not save" in box.save("text") and "read-only disk" in box.status


def test_unknown_reflection_prompt_names_the_known_ones():
    with pytest.raises(CourseContentError, match="r1, r2, r3"):
        reflection("adaptive-work", "r9")


def test_sorting_exercise_explains_and_scores():
    exercise = sorting_exercise("adaptive-work")
    items = load_module("adaptive-work").extra["sort_items"]
    assert exercise.choose(0, items[0]["answer"]).startswith("Agreed:")
    other = next(c for c in exercise.categories if c != items[1]["answer"])
    assert exercise.choose(1, other).startswith(f"The course reads this as {items[1]['answer']}")
    assert exercise.score == (1, len(items))
    with pytest.raises(ValueError):
        exercise.choose(2, "political")


def test_module_activity_lookup_names_the_known_ids():
    module = load_module("build-capacity")
    assert module.activity("capacity-planner")["kind"] == "exercise"
    with pytest.raises(CourseContentError, match="capacity-planner"):
        module.activity("no-such-activity")
