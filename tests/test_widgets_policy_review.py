"""Policy review widget: headless, and its difference summary in Node against Python."""

from __future__ import annotations

import random

import pytest

from equitykit.course import load_module
from equitykit.widgets import PolicyReview, policy_review
from equitykit.widgets.policy_review import policy_differences
from tests.node_runner import needs_node, run_browser_function

SLUG = "language-and-policy"


@pytest.fixture()
def review() -> PolicyReview:
    return policy_review(SLUG)


def test_builds_from_module_yml(review):
    content = load_module(SLUG).extra["policy_review"]
    assert [e["id"] for e in review.excerpts] == [e["id"] for e in content["excerpts"]]
    assert [r["level"] for r in review.rubric] == [1, 2, 3, 4]
    assert review.module == SLUG and review.ratings == {} and review.compared == []


def test_rate_records_level_commitments_and_reason(review):
    review.rate("E2", 3, ["C4", "C2"], "  Translation is offered.  ")
    assert review.ratings["E2"] == {
        "level": 3,
        "commitments": ["C2", "C4"],  # in the commitments' own order
        "reason": "Translation is offered.",
    }
    review.rate("E2", 2)
    assert review.ratings["E2"]["level"] == 2 and review.ratings["E2"]["commitments"] == []


def test_rate_refuses_bad_input(review):
    with pytest.raises(KeyError, match="no excerpt 'E9'"):
        review.rate("E9", 2)
    with pytest.raises(ValueError, match="level must be one of"):
        review.rate("E1", 5)
    with pytest.raises(ValueError, match="unknown commitment"):
        review.rate("E1", 2, ["C9"])


def test_compare_reveals_the_expert_view(review):
    with pytest.raises(ValueError, match="rate E1 first"):
        review.compare("E1")
    review.rate("E1", 3, ["C1"], "Anyone can be referred.")
    view = review.compare("E1")
    assert view["expert_rating"] == 1 and view["expert_label"] == "Works against"
    assert view["gap"] == 2 and view["yours"] == 3
    assert "referral" in view["rationale"].lower()
    assert view["aligned_with"] == ["C1"]
    assert review.compared == ["E1"]
    review.compare("E1")
    assert review.compared == ["E1"]


def test_differences_list_gaps_of_two_levels_or_more(review):
    review.rate("E1", 3)  # expert 1: +2
    review.rate("E3", 4)  # expert 4: same
    review.rate("E4", 1)  # expert 2: -1
    review.rate("E6", 4)  # expert 1: +3
    found = review.differences()
    assert [(d["id"], d["yours"], d["expert"], d["gap"]) for d in found] == [
        ("E1", 3, 1, 2),
        ("E6", 4, 1, 3),
    ]
    assert [d["id"] for d in review.differences(min_gap=1)] == ["E1", "E4", "E6"]
    # the browser lists only the excerpts already compared
    review.compare("E6")
    shown = policy_differences(review.excerpts, review.ratings, compared=review.compared)
    assert [d["id"] for d in shown] == ["E6"]


def test_state_is_synced_traits(review):
    names = {"ratings", "compared", "excerpts", "rubric", "commitments", "module", "review_id"}
    assert names <= set(review.keys)
    assert "ekPolicyDifferences" in review._esm and "ekStoreSet" in review._esm


def test_module_without_review_content_is_refused():
    with pytest.raises(KeyError, match="has no 'policy_review'"):
        policy_review("build-capacity")


def _random_ratings(rng: random.Random, excerpts: list[dict]) -> tuple[dict, list | None]:
    ratings = {}
    for excerpt in excerpts:
        if rng.random() < 0.8:
            level = rng.choice([None, 1, 2, 3, 4])
            ratings[excerpt["id"]] = {"level": level, "commitments": [], "reason": ""}
    compared = None
    if rng.random() < 0.6:
        compared = [e["id"] for e in excerpts if rng.random() < 0.5]
    return ratings, compared


@needs_node
def test_browser_summary_matches_python(tmp_path):
    excerpts = policy_review(SLUG).excerpts
    rng = random.Random(5)
    cases = [(*_random_ratings(rng, excerpts), rng.choice([1, 2, 3])) for _ in range(60)]
    browser = run_browser_function(
        tmp_path,
        "policy_review",
        "ekPolicyDifferences",
        [[excerpts, ratings, compared, gap] for ratings, compared, gap in cases],
    )
    for (ratings, compared, gap), got in zip(cases, browser, strict=True):
        assert got == policy_differences(excerpts, ratings, compared=compared, min_gap=gap)
