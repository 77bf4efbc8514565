"""One schema for module.yml, checked when a module is loaded, with messages that name the
file, the field and the problem (a course writer's view of a broken file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from equitykit.content.keys import item_key, legacy_keys
from equitykit.content.modules import CourseContentError, course_modules, load_module
from equitykit.content.outline import course_errors
from equitykit.content.schema import SAVED_WIDGETS


def test_every_module_of_the_course_follows_the_schema():
    modules = course_modules()
    assert [m.number for m in modules] == list(range(1, len(modules) + 1))
    assert course_errors(modules) == []
    for module in modules:
        # every module saves something and has its check and reflections
        widgets = {a.widget for a in module.activities}
        assert {"knowledge_check", "reflection"} <= widgets, module.slug


def test_keys_are_the_activity_ids_of_module_yml():
    for module in course_modules():
        for activity in module.saved_activities():
            assert item_key(module.slug, activity.id) == f"{module.slug}/{activity.id}"
            assert activity.widget in SAVED_WIDGETS


def test_every_version_1_key_has_one_new_home():
    legacy = legacy_keys(course_modules())
    # version 1 saved these under hand-built keys that did not match the activity ids
    assert legacy["focus-on-systems/worksheet/lattice"]["key"] == "focus-on-systems/lattice-map"
    assert legacy["build-a-coalition/coalition/coalition"]["key"] == (
        "build-a-coalition/coalition-map"
    )
    assert legacy["seek-out-partners/coalition/partners"]["key"] == "seek-out-partners/partner-map"
    assert legacy["capstone/plan/gap"] == {
        "key": "capstone/write-plan",
        "kind": "plan",
        "part": "gap",
    }
    question = load_module("adaptive-work").activity("knowledge-check").questions[0]
    assert legacy["adaptive-work/check/q1"]["options"] == [o.id for o in question.options]


def _broken_copy(tmp_path: Path, slug: str, change) -> Path:
    folder = tmp_path / "modules"
    shutil.copytree(Path(__file__).parents[1] / "modules" / slug, folder / slug)
    path = folder / slug / "module.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def _activity(data, activity_id):
    return next(a for a in data["activities"] if a["id"] == activity_id)


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (lambda d: d.pop("title"), "title", "Field required"),
        (
            lambda d: _activity(d, "coalition-map").__setitem__("minutes", "ten"),
            "activities[?] (coalition-map).minutes",
            "valid integer",
        ),
        (
            lambda d: _activity(d, "coalition-map")["people"][0].pop("readiness"),
            "activities[?] (coalition-map).people[0].readiness",
            "Field required",
        ),
        (
            lambda d: _activity(d, "coalition-map")["people"][0].__setitem__("influence", 9),
            "activities[?] (coalition-map).people[0].influence",
            "less than or equal to 5",
        ),
        (
            lambda d: _activity(d, "knowledge-check").__setitem__("widget", "quiz"),
            "activities[?] (knowledge-check)",
            "'quiz'",
        ),
        (
            lambda d: _activity(d, "knowledge-check")["questions"][0]["options"][0].__setitem__(
                "correct", True
            ),
            "activities[?] (knowledge-check).questions[0] (q1)",
            "2 correct options",
        ),
        (
            lambda d: _activity(d, "reflect").__setitem__("assesses", ["O9"]),
            "(the file)",
            "'O9', which is not an objective",
        ),
        (
            lambda d: _activity(d, "coalition-map").__setitem__("peopel", []),
            "activities[?] (coalition-map).peopel",
            "Extra inputs are not permitted",
        ),
    ],
)
def test_a_broken_module_names_the_file_the_field_and_the_problem(tmp_path, change, where, problem):
    folder = _broken_copy(tmp_path, "build-a-coalition", change)
    with pytest.raises(CourseContentError) as caught:
        load_module("build-a-coalition", folder)
    message = str(caught.value)
    assert str(folder / "build-a-coalition" / "module.yml") in message
    line = next(line for line in message.splitlines() if line.startswith("  - "))
    if "[?]" in where:  # the activity's position, wherever it sits in the file
        activity_id = where.split("(")[1].split(")")[0]
        ids = [a.id for a in load_module("build-a-coalition").activities]
        where = where.replace("[?]", f"[{ids.index(activity_id)}]")
    assert line.startswith(f"  - {where}"), message
    assert problem in message


def test_a_plan_that_names_an_unknown_activity_is_refused(tmp_path):
    folder = tmp_path / "modules"
    for module in course_modules():
        shutil.copytree(module.path.parent, folder / module.slug)
    path = folder / "capstone" / "module.yml"
    text = path.read_text(encoding="utf-8").replace(
        "build-a-coalition/coalition-map", "build-a-coalition/coalition", 1
    )
    path.write_text(text, encoding="utf-8")
    errors = course_errors(course_modules(modules_dir=folder))
    assert len(errors) == 1
    assert (
        "capstone/module.yml: activities (write-plan).sections[1] (coalition).draws_on" in errors[0]
    )
    assert "'build-a-coalition/coalition' is not an activity" in errors[0]


def test_not_yaml_and_wrong_folder_are_explained(tmp_path):
    folder = tmp_path / "modules"
    (folder / "broken").mkdir(parents=True)
    (folder / "broken" / "module.yml").write_text("slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(CourseContentError, match="not valid YAML"):
        load_module("broken", folder)
    shutil.copytree(Path(__file__).parents[1] / "modules" / "capstone", folder / "other")
    with pytest.raises(CourseContentError, match="must match its folder name 'other'"):
        load_module("other", folder)
    with pytest.raises(CourseContentError, match="no module content"):
        load_module("missing", folder)


def test_an_unknown_activity_id_lists_the_known_ones():
    with pytest.raises(CourseContentError, match="no activity 'map'; it has: read-coalition"):
        load_module("build-a-coalition").activity("map")


def test_the_pre_build_check_names_the_broken_file_and_field(tmp_path, capsys):
    from equitykit.content import check

    folder = _broken_copy(tmp_path, "build-a-coalition", lambda d: d.pop("minutes"))
    for module in course_modules():
        if module.slug != "build-a-coalition":
            shutil.copytree(module.path.parent, folder / module.slug)
    found = check.problems(folder)
    assert len(found) == 1
    assert "build-a-coalition/module.yml" in found[0] and "  - minutes: Field required" in found[0]
    assert check.problems() == []
    assert check.main() == 0
    assert f"{len(course_modules())} modules follow the schema" in capsys.readouterr().out
