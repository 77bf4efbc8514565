"""Every activity's widget: built from module.yml, shipping data (not rules), keeping the
learner's work under its one key through the journal in JupyterLab."""

from __future__ import annotations

import json

import pytest

from equitykit.content.keys import item_key
from equitykit.content.modules import course_modules, load_module
from equitykit.journal import Journal
from equitykit.widgets import activity, progress_page
from equitykit.widgets.base import SITE_BUILD_ENV, STATIC_DIR, StoredWidget

pytestmark = pytest.mark.usefixtures("no_real_home")

STEMS = {
    "knowledge_check": "knowledge_check",
    "reflection": "reflection",
    "sorting": "sorting",
    "coalition_map": "coalition_map",
    "capacity_planner": "capacity_planner",
    "worksheet": "worksheet",
    "lens_review": "worksheet",
    "policy_review": "policy_review",
    "plan": "plan",
    "task": "task",
    "checklist": "checklist",
    "gap_explorer": "gap_explorer",
    "calculator": "calculator",
}


def every_widget_activity():
    return [(m.slug, a.id, a.widget) for m in course_modules() for a in m.activities if a.widget]


@pytest.mark.parametrize(("slug", "activity_id", "widget"), every_widget_activity())
def test_every_activity_builds_its_widget_from_module_yml(slug, activity_id, widget):
    built = activity(slug, activity_id)
    assert built._stem == STEMS[widget]
    assert built._esm == (STATIC_DIR / f"{STEMS[widget]}.js").read_text(encoding="utf-8")
    if isinstance(built, StoredWidget):
        assert built.key == item_key(slug, activity_id)
        assert all(spec["key"] == built.key for spec in built._store["legacy"].values()) or (
            widget == "plan"
        )


def test_a_reading_has_no_widget_and_an_unknown_id_is_named():
    with pytest.raises(ValueError, match="has no widget to show"):
        activity("build-a-coalition", "read-coalition")
    with pytest.raises(Exception, match="no activity 'nope'"):
        activity("build-a-coalition", "nope")


def test_on_the_site_a_widget_ships_its_data_and_names_its_module(monkeypatch):
    monkeypatch.setenv(SITE_BUILD_ENV, "1")
    check = activity("build-a-coalition", "knowledge-check")
    assert check._esm == "equitykit-widget:knowledge_check"
    assert check._css == ""
    state = check.get_state()
    assert len(json.dumps(state)) < 40_000
    module = load_module("build-a-coalition")
    expected = [q.id for q in module.activity("knowledge-check").questions]
    assert [q["id"] for q in state["questions"]] == expected


def test_widgets_ship_the_content_of_module_yml():
    module = load_module("build-a-coalition")
    people = activity(module, "coalition-map").people
    assert people == [p.model_dump() for p in module.activity("coalition-map").people]
    assert any(p["name"] == "Grace Okafor" for p in people)
    planner = activity("build-capacity", "capacity-planner")
    assignments = load_module("build-capacity").activity("capacity-planner").assignments
    assert planner.initiatives == list(assignments)
    lens = activity("focus-on-systems", "lens-review")
    assert [s["id"] for s in lens.sections] == [
        d.id for d in load_module("focus-on-systems").activity("lens-review").departments
    ]


def test_the_plan_finds_earlier_work_by_key_and_reads_all_of_it():
    plan = activity("capstone", "write-plan")
    coalition = next(s for s in plan.sections if s["id"] == "coalition")
    assert [s["key"] for s in coalition["sources"]] == [
        "build-a-coalition/coalition-map",
        "build-a-coalition/reflect",
    ]
    assert coalition["sources"][1]["part"] == "r1"
    assert "r1" not in coalition["sources"][1]["label"]  # no internal ids for the learner
    keys = {s["key"] for sec in plan.sections for s in sec["sources"]}
    assert keys <= set(plan._store["keys"])
    assert "focus-on-systems/worksheet/lattice" in plan._store["legacy"]


def test_the_progress_page_counts_every_activity_that_saves_work():
    page = progress_page()
    expected = [item_key(m.slug, a.id) for m in course_modules() for a in m.saved_activities()]
    assert [a["key"] for m in page.outline for a in m["activities"]] == expected
    assert page._store["keys"] == expected
    sorting = page.outline[0]["activities"][0]
    assert (sorting["widget"], len(sorting["parts"])) == ("sorting", 10)


def test_building_widgets_never_reads_or_creates_the_journal(tmp_path):
    journal_path = tmp_path / "env" / "journal.json"
    for module in course_modules():
        for item in module.saved_activities():  # the only widgets that know a journal
            activity(module, item.id)
    progress_page()
    assert not journal_path.exists()


# --------------------------------------------------------------- the store through Python


@pytest.fixture
def reflection(journal):
    return activity("build-a-coalition", "reflect", journal=journal)


def test_the_browser_saves_and_loads_through_the_journal(reflection, journal):
    reply = reflection.answer(
        {
            "type": "save",
            "key": "build-a-coalition/reflect",
            "value": {"texts": {"r1": "Hi"}},
            "request": 3,
        }
    )
    assert reply["ok"] is True and reply["request"] == 3
    assert reply["value"]["saved_at"] == "2026-03-14T09:30:00+00:00"
    assert journal.get("build-a-coalition/reflect")["texts"] == {"r1": "Hi"}
    loaded = reflection.answer({"type": "load", "keys": ["build-a-coalition/reflect", "other/key"]})
    assert loaded["type"] == "loaded"
    assert set(loaded["items"]) == {"build-a-coalition/reflect"}  # only what it may read
    assert loaded["where"] == str(journal.path)


def test_a_widget_saves_only_its_own_key(reflection, journal):
    reply = reflection.answer(
        {"type": "save", "key": "capstone/write-plan", "value": {}, "request": 1}
    )
    assert reply["ok"] is False
    assert "does not save 'capstone/write-plan'" in reply["message"]
    assert not journal.path.exists()
    page = progress_page(journal=journal)  # it writes what a learner imports, and only that
    assert page.answer({"type": "save", "key": "nowhere/else", "value": {}})["ok"] is False
    imported = {"texts": {"r1": "from my phone"}, "saved_at": "2026-03-01T08:00:00+00:00"}
    reply = page.answer({"type": "save", "key": "build-a-coalition/reflect", "value": imported})
    assert reply["ok"] is True
    assert journal.get("build-a-coalition/reflect") == imported


def test_a_journal_that_cannot_be_written_is_reported_not_raised(tmp_path):
    # a folder where the journal file should be: no user, root included, can write it
    blocked = tmp_path / "journal.json"
    blocked.mkdir()
    widget = activity("build-a-coalition", "reflect", journal=Journal(blocked))
    reply = widget.answer(
        {"type": "save", "key": "build-a-coalition/reflect", "value": {"texts": {}}, "request": 1}
    )
    assert reply["ok"] is False
    assert "could not be written" in reply["message"]
    assert list(blocked.iterdir()) == []


def test_a_damaged_or_newer_journal_is_explained_to_the_browser(journal, reflection):
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    journal.path.write_text(json.dumps({"version": 99, "items": {}}), encoding="utf-8")
    reply = reflection.answer({"type": "load", "keys": []})
    assert reply["type"] == "error" and "newer version" in reply["message"]
    assert reflection.answer({"type": "something else"}) is None


def test_tasks_checklists_and_table_worksheets_ship_their_content(journal):
    from pathlib import Path

    demo = load_module("demo", Path(__file__).parent / "fixtures" / "modules")
    task = activity(demo, "scenario-task", journal=journal)
    assert task._stem == "task" and task.key == "demo/scenario-task"
    assert [c["criterion"] for c in task.task["rubric"]] == ["Safety first", "Counsel"]
    assert task.task["model_scores"] == {"Safety first": 3, "Counsel": 2}
    listed = activity(demo, "records-checklist", journal=journal)
    assert [i["id"] for i in listed.items] == ["officer", "preserve"]
    assert [f["kind"] for f in listed.fields] == ["text", "date"]
    scan = activity(demo, "state-scan", journal=journal)
    assert [s["title"] for s in scan.sections] == ["Student surveys", "Public records"]
    assert [f["id"] for f in scan.sections[0]["fields"]] == ["citation", "checked"]


def test_every_size_choice_in_the_calculator_changes_what_it_shows():
    """Each minimum cell size and n-size offered hides ratios the one before it showed."""
    from equitykit.widgets.calculator import MIN_CELLS, MIN_NS
    from tests.node_runner import call

    data = activity("build-a-coalition", "discipline-risk-ratio")._data
    keys = [k for k in data["rows"] if k.startswith("out_of_school_suspension|")]

    def shown(min_cell: int, min_n: int) -> set[tuple[str, str, str, str]]:
        rule = {"threshold": 3.0, "minCell": min_cell, "minN": min_n, "years": 3}
        return {
            (key, row["unit"], row["subgroup"], year)
            for key in keys
            for row in call("calculator", "flagRows", data, key, rule)
            for year, ratio in row["ratios"].items()
            if ratio is not None
        }

    for choices, setting in (
        (MIN_CELLS, lambda v: shown(v, MIN_NS[0])),
        (MIN_NS, lambda v: shown(MIN_CELLS[0], v)),
    ):
        before = setting(choices[0])
        for value in choices[1:]:
            after = setting(value)
            assert after < before, f"choosing {value} hides nothing that {choices} showed before it"
            before = after
