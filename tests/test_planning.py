"""Coalition map and capacity and succession planner."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equitykit.planning import (
    INFLUENTIAL_NOT_YET_READY,
    NOT_YET_READY_LESS_INFLUENCE,
    QUADRANTS,
    READY_AND_INFLUENTIAL,
    READY_LESS_INFLUENCE,
    CapacityFinding,
    Stakeholder,
    capacity_gaps,
    coalition_map,
    initiatives_by_person,
    quadrant,
)


@pytest.fixture
def stakeholders():
    return [
        Stakeholder("Ms. Rivera", "principal, Lincoln Middle", readiness=5, influence=4),
        Stakeholder("Mr. Osei", "school board member", readiness=2, influence=5),
        Stakeholder("Ms. Nakamura", "first-year teacher", readiness=5, influence=1),
        Stakeholder("Mr. Brooks", "bus supervisor", readiness=1, influence=2),
        Stakeholder("Dr. Alvarez", "assistant superintendent", readiness=4, influence=5),
        Stakeholder("Ms. Grant", "PTA president", readiness=3, influence=3),
    ]


# ------------------------------------------------------------------ coalition map


def test_quadrants(stakeholders):
    result = coalition_map(stakeholders)
    assert result.quadrant_of("Ms. Rivera") == READY_AND_INFLUENTIAL
    assert result.quadrant_of("Mr. Osei") == INFLUENTIAL_NOT_YET_READY
    assert result.quadrant_of("Ms. Nakamura") == READY_LESS_INFLUENCE
    assert result.quadrant_of("Mr. Brooks") == NOT_YET_READY_LESS_INFLUENCE
    # a 3 sits on the ready / influential side of the line by default
    assert result.quadrant_of("Ms. Grant") == READY_AND_INFLUENTIAL
    assert coalition_map(stakeholders, cutoff=4).quadrant_of("Ms. Grant") == (
        NOT_YET_READY_LESS_INFLUENCE
    )


def test_quadrant_wording_is_plain_and_respectful():
    # the same four names the Module 2 reading uses for its coalition map
    assert QUADRANTS == (
        "Champions: ready and influential, start here",
        "Builders: ready, with less influence, build their voice",
        "Key voices: influential, not yet ready, engage with care",
        "Listeners: not yet ready, with less influence, invite in over time",
    )
    for word in ("resist", "blocker", "enemy", "opponent", "laggard"):
        assert all(word not in label for label in QUADRANTS)


def test_by_quadrant_and_records(stakeholders):
    result = coalition_map(stakeholders)
    groups = result.by_quadrant()
    assert list(groups) == list(QUADRANTS)
    assert [p.name for p in groups[READY_AND_INFLUENTIAL]] == [
        "Ms. Rivera",
        "Dr. Alvarez",
        "Ms. Grant",
    ]
    records = result.to_records()
    assert records[1]["name"] == "Mr. Osei"
    assert records[1]["quadrant"] == INFLUENTIAL_NOT_YET_READY
    assert "listen first" in records[1]["advice"]


def test_where_to_start(stakeholders):
    start = coalition_map(stakeholders).where_to_start()
    # ready and influential first, by influence then readiness: Alvarez (4,5), Rivera (5,4),
    # Grant (3,3)
    assert [s.stakeholder.name for s in start] == ["Dr. Alvarez", "Ms. Rivera", "Ms. Grant"]
    assert start[0].reason.startswith("Dr. Alvarez is ready (4/5) and influential (5/5)")
    more = coalition_map(stakeholders).where_to_start(n=5)
    assert [s.stakeholder.name for s in more][3:] == ["Ms. Nakamura", "Mr. Osei"]
    assert "listening" in more[4].reason


def test_where_to_start_with_few_people():
    only = [Stakeholder("Mr. Brooks", "bus supervisor", 1, 1)]
    [start] = coalition_map(only).where_to_start(3)
    assert start.quadrant == NOT_YET_READY_LESS_INFLUENCE
    assert coalition_map([]).where_to_start() == []


@pytest.mark.parametrize("bad", [0, 6, 2.5, True, "4"])
def test_ratings_must_be_1_to_5(bad):
    with pytest.raises(ValueError):
        Stakeholder("X", "role", readiness=bad, influence=3)
    with pytest.raises(ValueError):
        Stakeholder("X", "role", readiness=3, influence=bad)


def test_names_must_be_unique():
    with pytest.raises(ValueError, match="twice"):
        coalition_map([Stakeholder("A", "r", 3, 3), Stakeholder("A", "s", 2, 2)])


@given(st.integers(1, 5), st.integers(1, 5))
def test_every_rating_has_exactly_one_quadrant(readiness, influence):
    label = quadrant(readiness, influence)
    assert label in QUADRANTS
    assert label.startswith(("Champions", "Builders")) == (readiness >= 3)
    assert label.startswith(("Champions", "Key voices")) == (influence >= 3)


# ------------------------------------------------------- capacity and succession


@pytest.fixture
def assignments():
    return {
        "Restorative practices": ["Ms. Rivera", "Mr. Chen"],
        "Attendance team": ["Ms. Rivera"],
        "Family nights": ["Ms. Rivera", "Ms. Diaz"],
        "Data dashboards": ["ms. rivera "],
        "Ethnic studies pilot": ["Mr. Chen", "Ms. Diaz"],
        "Mentoring new teachers": [],
    }


def test_initiatives_by_person(assignments):
    load = initiatives_by_person(assignments)
    assert load["Ms. Rivera"] == [
        "Restorative practices",
        "Attendance team",
        "Family nights",
        "Data dashboards",
    ]
    assert load["Mr. Chen"] == ["Restorative practices", "Ethnic studies pilot"]


def test_capacity_gaps(assignments):
    findings = capacity_gaps(assignments)
    assert [(f.kind, f.initiatives, f.person) for f in findings] == [
        ("no one assigned", ("Mentoring new teachers",), None),
        ("single point of failure", ("Attendance team",), "Ms. Rivera"),
        ("single point of failure", ("Data dashboards",), "Ms. Rivera"),
        (
            "overload",
            ("Restorative practices", "Attendance team", "Family nights", "Data dashboards"),
            "Ms. Rivera",
        ),
    ]
    spof = findings[1]
    assert "depends on Ms. Rivera alone" in spof.detail
    assert "second person" in spof.advice
    overload = findings[3]
    assert "carries 4 initiatives" in overload.detail
    assert "more than 3" in overload.detail
    assert "only person on Attendance team and Data dashboards" in overload.detail
    assert all(isinstance(f, CapacityFinding) and f.advice for f in findings)


def test_overload_threshold_is_an_argument(assignments):
    overloads = [f for f in capacity_gaps(assignments, max_per_person=1) if f.kind == "overload"]
    # Rivera 4, Chen 2, Diaz 2: heaviest first
    assert [f.person for f in overloads] == ["Ms. Rivera", "Mr. Chen", "Ms. Diaz"]
    assert not [f for f in capacity_gaps(assignments, max_per_person=4) if f.kind == "overload"]
    with pytest.raises(ValueError):
        capacity_gaps(assignments, max_per_person=0)


def test_a_single_name_as_text_is_one_person():
    [finding] = capacity_gaps({"Attendance team": "Ms. Rivera"})
    assert finding.kind == "single point of failure"
    assert finding.person == "Ms. Rivera"


def test_shared_work_has_no_findings():
    assert capacity_gaps({"A": ["X", "Y"], "B": ["Y", "Z"], "C": ("X", "Z")}) == []
