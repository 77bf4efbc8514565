"""Worksheet widget and the lens review: headless, and the Markdown export in Node."""

from __future__ import annotations

import random

import pytest

from equitykit.course import load_module
from equitykit.widgets import Worksheet, lens_review, worksheet
from equitykit.widgets.worksheet import READINESS, worksheet_markdown
from tests.node_runner import needs_node, run_browser_function

SLUG = "focus-on-systems"
SECTIONS = [
    {
        "id": "families",
        "title": "Families",
        "fields": [
            {"id": "gave", "label": "What they contributed"},
            {"id": "ready", "label": "Ready?", "kind": "choice", "options": ["no", "yes"]},
        ],
    },
    {"id": "drivers", "title": "Drivers", "fields": [{"id": "gave", "label": "What they saw"}]},
]


@pytest.fixture()
def sheet() -> Worksheet:
    return worksheet("focus-on-systems", "lattice", SECTIONS, title="The lattice")


def test_lens_review_has_every_department_with_its_questions():
    review = lens_review(SLUG)
    departments = load_module(SLUG).extra["lens_review"]["departments"]
    assert [s["id"] for s in review.sections] == [d["id"] for d in departments]
    first = review.sections[0]
    labels = [f["label"] for f in first["fields"]]
    assert labels[: len(departments[0]["questions"])] == departments[0]["questions"]
    readiness = next(f for f in first["fields"] if f["id"] == "readiness")
    assert readiness["kind"] == "choice" and readiness["options"] == list(READINESS)
    assert review.worksheet_id == "lens_review" and review.module == SLUG


def test_answer_records_text_and_choices(sheet):
    sheet.answer("families", "gave", "Stop locations that felt unsafe.")
    sheet.answer("families", "ready", "yes")
    assert sheet.answers == {
        "families": {"gave": "Stop locations that felt unsafe.", "ready": "yes"}
    }
    assert sheet.answered_sections == ["families"]
    sheet.answer("families", "ready", "")
    assert sheet.answers["families"]["ready"] == ""


def test_answer_refuses_unknown_fields_and_options(sheet):
    with pytest.raises(KeyError, match="no section 'board'"):
        sheet.answer("board", "gave", "x")
    with pytest.raises(KeyError, match="has no field 'why'"):
        sheet.answer("drivers", "why", "x")
    with pytest.raises(ValueError, match="is not one of"):
        sheet.answer("families", "ready", "maybe")


def test_bad_sections_are_refused():
    with pytest.raises(ValueError, match="appears twice"):
        worksheet("m", "w", [SECTIONS[0], SECTIONS[0]])
    with pytest.raises(ValueError, match="needs options"):
        worksheet(
            "m",
            "w",
            [{"id": "a", "title": "A", "fields": [{"id": "f", "label": "F", "kind": "choice"}]}],
        )


def test_markdown_lists_answered_sections_only(sheet):
    assert sheet.to_markdown() == "# The lattice\n\n(No answers yet.)\n"
    sheet.answer("drivers", "gave", "  Which stops flood in spring.  ")
    assert sheet.to_markdown() == (
        "# The lattice\n\n## Drivers\n\n**What they saw**\n\nWhich stops flood in spring.\n"
    )
    sheet.answer("families", "ready", "no")
    text = sheet.to_markdown()
    assert text.index("## Families") < text.index("## Drivers")
    assert "**What they contributed**\n\n(no answer yet)" in text
    assert "**Ready?**\n\nno" in text


def test_state_is_synced(sheet):
    assert {"answers", "sections", "module", "worksheet_id", "title"} <= set(sheet.keys)
    assert "ekWorksheetMarkdown" in sheet._esm and "ekStoreSet" in sheet._esm


def test_module_without_lens_review_is_refused():
    with pytest.raises(KeyError, match="no 'lens_review'"):
        lens_review("build-capacity")


def _random_answers(rng: random.Random, sections: list[dict]) -> dict:
    words = ["", " ", "bus stops", "menus", "late buses\nand clubs", "routine", "not yet"]
    answers = {}
    for section in sections:
        if rng.random() < 0.5:
            answers[section["id"]] = {
                f["id"]: rng.choice(words) for f in section["fields"] if rng.random() < 0.7
            }
    return answers


@needs_node
def test_browser_markdown_matches_python(tmp_path):
    review = lens_review(SLUG)
    rng = random.Random(3)
    cases = [
        (rng.choice(["", "Equity lens review"]), _random_answers(rng, review.sections))
        for _ in range(40)
    ]
    browser = run_browser_function(
        tmp_path,
        "worksheet",
        "ekWorksheetMarkdown",
        [[title, review.sections, answers] for title, answers in cases],
    )
    for (title, answers), got in zip(cases, browser, strict=True):
        assert got == worksheet_markdown(title, review.sections, answers)
