"""The catalogue: its format, its errors, and the one built from today's module.yml files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from equitykit.room.catalogue import (
    CatalogueError,
    catalogue_from_modules,
    load_catalogue,
    public_view,
    select_activities,
    validate_catalogue,
)
from tests.room.conftest import CATALOGUE_JSON

REPO = Path(__file__).resolve().parents[2]


def test_the_brief_example_is_valid_and_normalised():
    catalogue = validate_catalogue(CATALOGUE_JSON)
    questions = catalogue["build-a-coalition/knowledge-check"]["questions"]
    assert questions["q1"] == {"options": ["a", "b", "c"], "correct": "b"}
    assert questions["q3"] == {"options": ["a", "b", "c"], "correct": None}
    assert catalogue["build-a-coalition/poll-door"] == {"kind": "poll", "options": ["a", "b", "c"]}


def test_public_view_holds_no_correct_options():
    view = public_view(validate_catalogue(CATALOGUE_JSON))
    text = json.dumps(view)
    assert "correct" not in text and "answers" not in text
    assert view["build-a-coalition/knowledge-check"]["questions"]["q1"] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "non-empty JSON object"),
        ({}, "non-empty JSON object"),
        ({"no-slash": {"kind": "poll", "options": ["a"]}}, "<module-slug>/<activity-id>"),
        ({"m/a": {"kind": "essay"}}, "kind 'essay' is not one of"),
        ({"m/a": {"kind": "poll"}}, "options must be a non-empty list"),
        ({"m/a": {"kind": "poll", "options": ["a", "a"]}}, "repeat an id"),
        ({"m/a": {"kind": "poll", "options": ["<b>"]}}, "is not a valid id"),
        ({"m/a": {"kind": "poll", "options": ["a"], "extra": 1}}, "unknown fields"),
        ({"m/a": {"kind": "check", "questions": {}}}, "non-empty 'questions'"),
        (
            {"m/a": {"kind": "check", "questions": {"q1": {"options": ["a"], "correct": "z"}}}},
            "correct option 'z' is not one of",
        ),
        (
            {"m/a": {"kind": "sort", "items": ["i1"], "categories": ["x"], "answers": {"i2": "x"}}},
            "unknown item 'i2'",
        ),
        ({"m/a": "reflection"}, "must be an object"),
    ],
)
def test_a_bad_catalogue_names_the_problem(data, message):
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_catalogue(data)


def test_load_catalogue_errors_name_the_file(tmp_path: Path):
    with pytest.raises(CatalogueError, match="does not exist"):
        load_catalogue(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"m/a": ', "utf-8")
    with pytest.raises(CatalogueError, match="bad.json is not valid JSON"):
        load_catalogue(bad)


def test_select_activities():
    catalogue = validate_catalogue(CATALOGUE_JSON)
    assert list(select_activities(catalogue, ["build-a-coalition/poll-door"])) == [
        "build-a-coalition/poll-door"
    ]
    with pytest.raises(CatalogueError, match="not in the catalogue: x/y"):
        select_activities(catalogue, ["x/y"])
    with pytest.raises(CatalogueError, match="at least one"):
        select_activities(catalogue, [])


def test_catalogue_from_the_current_modules_matches_their_module_yml():
    from equitykit.content.modules import course_modules

    catalogue = catalogue_from_modules(REPO / "modules")
    for module in course_modules():
        for check in module.activities_with("knowledge_check"):
            questions = catalogue[f"{module.slug}/{check.id}"]["questions"]
            assert list(questions) == [q.id for q in check.questions]
            for q in check.questions:
                assert questions[q.id]["options"] == [o.id for o in q.options]
                assert questions[q.id]["correct"] == next(o.id for o in q.options if o.correct)
        for reflect in module.activities_with("reflection"):
            for prompt in reflect.prompts:
                key = f"{module.slug}/{reflect.id}/{prompt.id}"
                assert catalogue[key] == {"kind": "reflection"}
    sort = catalogue["adaptive-work/sort-challenges"]
    items = next(iter(course_modules(["adaptive-work"])[0].activities_with("sorting"))).items
    assert sort["items"] == [i.id for i in items]
    assert sort["categories"] == ["technical", "adaptive", "both"]
    assert sort["answers"][items[0].id] == items[0].answer


def test_catalogue_from_an_empty_folder_says_so(tmp_path: Path):
    with pytest.raises(CatalogueError, match="no module.yml files"):
        catalogue_from_modules(tmp_path)
