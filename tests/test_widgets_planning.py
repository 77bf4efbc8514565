"""Coalition map and capacity planner: headless, and browser logic against equitykit.planning."""

from __future__ import annotations

import random

import pytest

from equitykit.planning import CAPACITY_TEXT, COALITION, PARTNERS, QUADRANTS
from equitykit.widgets import capacity_planner, coalition_map_widget, partner_map_widget
from tests.node_runner import needs_node, run_browser_function

TEAM = [
    {"name": "Principal Ortiz", "role": "principal", "readiness": 5, "influence": 4},
    {"name": "Board member Hale", "role": "school board", "readiness": 2, "influence": 5},
    {"name": "Ms. Chen", "role": "counsellor", "readiness": 4, "influence": 2},
    {"name": "Parent council", "role": "families", "readiness": 2, "influence": 2},
]


def test_coalition_map_places_people_and_suggests_a_start():
    widget = coalition_map_widget("build-a-coalition", TEAM)
    result = widget.result
    assert result.quadrant_of("Principal Ortiz") == QUADRANTS[0]
    assert result.quadrant_of("Board member Hale") == QUADRANTS[2]
    assert [s.stakeholder.name for s in result.where_to_start(2)] == ["Principal Ortiz", "Ms. Chen"]
    widget.add("Coach Diaz", "instructional coach", 5, 5)
    assert widget.result.where_to_start(1)[0].stakeholder.name == "Coach Diaz"


def test_coalition_map_refuses_bad_ratings_and_repeats():
    widget = coalition_map_widget("build-a-coalition", TEAM)
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        widget.add("Someone", "role", 7, 3)
    with pytest.raises(ValueError, match="appears twice"):
        widget.add("Ms. Chen", "counsellor", 3, 3)


def test_capacity_planner_finds_work_that_depends_on_one_person():
    planner = capacity_planner(
        "build-capacity",
        {"Restorative practices": ["Ms. Rivera"], "Family nights": ["Ms. Rivera", "Mr. Chen"]},
        people=["Ms. Rivera", "Mr. Chen", "Dr. Park"],
    )
    kinds = [(f.kind, f.initiatives) for f in planner.findings]
    assert kinds == [("single point of failure", ("Restorative practices",))]
    planner.assign("Restorative practices", "Dr. Park")
    assert planner.findings == []
    with pytest.raises(KeyError, match="not one of the people"):
        planner.assign("Family nights", "Nobody")


def _random_team(rng: random.Random) -> list[dict]:
    names = rng.sample(
        ["Ana", "Ben", "Cai", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy"], rng.randint(0, 9)
    )
    return [
        {"name": n, "role": "staff", "readiness": rng.randint(1, 5), "influence": rng.randint(1, 5)}
        for n in names
    ]


@needs_node
def test_coalition_browser_logic_matches_python(tmp_path):
    rng = random.Random(11)
    cases = [
        (_random_team(rng), rng.choice([2, 3, 4]), rng.choice([COALITION, PARTNERS]))
        for _ in range(80)
    ]
    browser = run_browser_function(
        tmp_path,
        "coalition_map",
        "ekCoalition",
        [[team, cutoff, scheme.to_texts()] for team, cutoff, scheme in cases],
    )
    for (team, cutoff, scheme), got in zip(cases, browser, strict=True):
        build = coalition_map_widget if scheme is COALITION else partner_map_widget
        expected = build("m", team, cutoff=cutoff).result
        assert [p["quadrant"] for p in got["placements"]] == [
            p.quadrant for p in expected.placements
        ]
        assert [s["reason"] for s in got["start"]] == [
            s.reason for s in expected.where_to_start(len(team))
        ]


@needs_node
def test_capacity_browser_logic_matches_python(tmp_path):
    rng = random.Random(5)
    people = ["Ana", "ana ", "Ben", "Cai", "Dee"]
    cases = []
    for _ in range(60):
        grid = {
            f"Initiative {i}": rng.sample(people, rng.randint(0, 3))
            for i in range(rng.randint(1, 7))
        }
        cases.append((grid, rng.randint(1, 4)))
    browser = run_browser_function(
        tmp_path,
        "capacity",
        "ekCapacityGaps",
        [[list(grid.items()), limit, CAPACITY_TEXT] for grid, limit in cases],
    )
    from equitykit.planning import capacity_gaps

    for (grid, limit), got in zip(cases, browser, strict=True):
        expected = capacity_gaps(grid, max_per_person=limit)
        assert [
            (f["kind"], tuple(f["initiatives"]), f["person"], f["detail"], f["advice"]) for f in got
        ] == [(f.kind, f.initiatives, f.person, f.detail, f.advice) for f in expected]


def test_partner_map_uses_its_own_wording():
    partners = [
        {"name": "Thi Nguyen", "role": "a parent's view", "readiness": 5, "influence": 2},
        {
            "name": "Eastside Family Resource Center",
            "role": "trust, space",
            "readiness": 4,
            "influence": 4,
        },
    ]
    result = partner_map_widget("seek-out-partners", partners).result
    assert result.quadrant_of("Eastside Family Resource Center") == PARTNERS.quadrants[0]
    assert result.quadrant_of("Thi Nguyen").startswith("Voices to resource")
    assert "close to the gap" in result.where_to_start(1)[0].reason
