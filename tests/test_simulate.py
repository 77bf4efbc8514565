"""The gifted-identification simulation: two steps, a fixed criterion, deterministic, suppressed.

Card and Giuliano (2016) describe today's process as two steps (a referral, then the same
test for everyone referred) and universal screening as the same test for everyone. These
tests check that the simulation is that design: the cut is a score, screening with the
same cut identifies everyone referral identifies and more, and the directions the course's
story and answer key state hold in the numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from equitykit.analysis import screening as simulate
from equitykit.data.labels import LABELS, label_for

SMALL = 4_000


@pytest.fixture(scope="module")
def students() -> pd.DataFrame:
    return simulate.simulated_students(seed=7, n_students=SMALL)


@pytest.fixture(scope="module")
def rows(students) -> pd.DataFrame:
    return simulate.policy_rows(students, seed=7)


@pytest.fixture(scope="module")
def comparison(students) -> pd.DataFrame:
    return simulate.screening_comparison(students, seed=7)


@pytest.fixture(scope="module")
def course_run() -> pd.DataFrame:
    """The run the course shows (the notebook's and the explorer's defaults)."""
    return simulate.screening_comparison(simulate.simulated_students())


def test_students_are_the_screened_grades(students):
    assert set(students["grade"]) <= set(simulate.SCREENED_GRADES)
    assert {"K", "1"}.isdisjoint(students["grade"])
    assert students["school_year"].unique().tolist() == ["2024-25"]


def test_simulation_is_deterministic(students, rows, comparison):
    again = simulate.simulated_students(seed=7, n_students=SMALL)
    pd.testing.assert_frame_equal(students, again)
    pd.testing.assert_frame_equal(rows, simulate.policy_rows(again, seed=7))
    pd.testing.assert_frame_equal(comparison, simulate.screening_comparison(again, seed=7))
    first = simulate.screening_scores(students, seed=3)
    assert np.array_equal(first, simulate.screening_scores(students, seed=3))
    assert not np.array_equal(first, simulate.screening_scores(students, seed=4))
    other = simulate.policy_rows(students, seed=8)
    assert not np.array_equal(rows["referred"], other["referred"])


def test_the_criterion_is_a_score_not_a_share(students, rows):
    scores = rows["screening_score"].to_numpy()
    same_cut = rows[simulate.SCREENING_SAME_CUT].astype(bool).to_numpy()
    assert np.array_equal(same_cut, scores >= simulate.CUT_SCORE)
    # the share identified follows from the scores; it is not set in advance
    fewer = simulate.screening_scores(students.assign(english_learner=1), seed=7)
    assert (fewer >= simulate.CUT_SCORE).mean() < same_cut.mean()


def test_referral_is_a_filter_before_the_same_test(rows):
    referred = rows["referred"].astype(bool)
    by_referral = rows[simulate.REFERRAL].astype(bool)
    same_cut = rows[simulate.SCREENING_SAME_CUT].astype(bool)
    # identified under referral = referred and at or above the cut
    assert (by_referral == (referred & same_cut)).all()
    # so screening with the same cut keeps every student referral identifies, and adds
    assert (by_referral <= same_cut).all() and same_cut.sum() > by_referral.sum()
    # the lower cut only lowers the bar for students who are referred
    lower = rows[simulate.REFERRAL_LOWER_CUT].astype(bool)
    assert (lower <= referred).all() and (by_referral <= lower).all()


def test_local_norm_identifies_about_as_many_from_each_school(rows):
    local = rows[simulate.SCREENING_LOCAL_NORM]
    same_cut = rows[simulate.SCREENING_SAME_CUT]
    assert abs(int(local.sum()) - int(same_cut.sum())) <= rows["school_id"].nunique()
    share = same_cut.mean()
    per_school = local.groupby(rows["school_id"]).agg(["sum", "size"])
    assert (per_school["sum"] == (per_school["size"] * share).round().astype(int)).all()


def test_referral_is_less_likely_for_under_referred_groups_at_the_same_score(students):
    scores = np.zeros(len(students))
    chance = simulate.referral_chance(students, scores, cut=0.0)
    plain = (
        students["race_ethnicity"].isin(["white", "asian"])
        & (students[["english_learner", "econ_disadvantaged", "disability"]].sum(axis=1) == 0)
    ).to_numpy()
    black = (students["race_ethnicity"] == "black").to_numpy()
    assert np.allclose(chance[plain], 1 / (1 + np.exp(-simulate.REFERRAL_BASE)))
    assert chance[black].max() < chance[plain].min()
    higher = simulate.referral_chance(students, scores + 1, cut=0.0)
    assert (higher > chance).all()


def test_screening_measure_ignores_referral(students):
    flipped = students.assign(gifted=1 - students["gifted"])
    assert np.array_equal(simulate.screening_scores(students), simulate.screening_scores(flipped))


def test_language_load_can_be_switched_off(students):
    learners = students["english_learner"].astype(bool).to_numpy()
    with_load = simulate.screening_scores(students)
    without = simulate.screening_scores(students, language_load=0)
    assert (with_load[learners] < without[learners]).all()
    assert np.allclose(with_load[~learners], without[~learners])


def test_comparison_has_every_policy_with_labels(comparison):
    outcomes = list(dict.fromkeys(comparison["outcome"]))
    assert outcomes == list(simulate.POLICY_CODES)
    assert all(code in LABELS for code in outcomes)
    assert set(comparison["level"]) == {"district"}
    assert {"race_ethnicity", "english_learner", "disability", "econ_disadvantaged"} <= set(
        comparison["group"]
    )


def test_comparison_totals_match_the_policies(students, rows, comparison):
    totals = comparison[(comparison["group"] == "all")].set_index("outcome")
    for code in simulate.POLICY_CODES:
        assert int(totals.loc[code, "count"]) == int(rows[code].sum())
    assert (totals["enrolled"] == len(students)).all()


def test_suppression_is_applied(comparison):
    hidden = comparison[comparison["count"].isna()]
    assert not hidden.empty, "small groups should be suppressed"
    shown = comparison["count"].dropna().astype(int)
    assert (shown >= 10).all(), "no published count is below the minimum cell size"
    near_all = comparison["enrolled"] - comparison["count"]
    assert (near_all.dropna() >= 10).all()


def _ratio(comparison, code, group, subgroup) -> float:
    table = simulate.risk_ratios_by_policy(comparison, group, outcomes=[code])
    label = label_for(subgroup, group)
    return float(table.set_index("Student group").loc[label].iloc[0])


@pytest.mark.parametrize(
    ("group", "subgroup"),
    [
        ("race_ethnicity", "black"),
        ("race_ethnicity", "hispanic"),
        ("english_learner", "yes"),
        ("econ_disadvantaged", "yes"),
    ],
)
def test_what_the_course_says_holds_in_the_course_run(course_run, group, subgroup):
    """The reading, the key and the check say these directions; the numbers must agree."""
    referral = _ratio(course_run, simulate.REFERRAL, group, subgroup)
    lower = _ratio(course_run, simulate.REFERRAL_LOWER_CUT, group, subgroup)
    same_cut = _ratio(course_run, simulate.SCREENING_SAME_CUT, group, subgroup)
    local = _ratio(course_run, simulate.SCREENING_LOCAL_NORM, group, subgroup)
    # screening with the same criterion moves the under-referred groups toward 1.0 ...
    assert referral < same_cut < 1.0
    # ... a lower cut with referral kept moves them less than screening does ...
    assert lower - referral < same_cut - referral
    # ... and school norms move them further, still without closing the gap
    assert same_cut < local < 1.0


def test_course_run_counts_and_white_students(course_run):
    totals = simulate.identified_totals(course_run).set_index("Policy")["Students identified"]
    assert totals["Screening, same cut"] > totals["Referral"]
    white_same = _ratio(course_run, simulate.SCREENING_SAME_CUT, "race_ethnicity", "white")
    white_local = _ratio(course_run, simulate.SCREENING_LOCAL_NORM, "race_ethnicity", "white")
    assert white_local < white_same


def test_risk_ratio_table_reports_or_says_why_not(comparison):
    table = simulate.risk_ratios_by_policy(comparison, "race_ethnicity")
    assert table.columns.tolist() == [
        "Student group",
        "Referral",
        "Referral, lower cut",
        "Screening, same cut",
        "Screening, school norm",
    ]
    assert label_for("black") in table["Student group"].tolist()
    small = table.set_index("Student group").loc[label_for("native_hawaiian_pacific_islander")]
    assert set(small) == {"not reported"}
    both = simulate.risk_ratios_by_policy(comparison, "econ_disadvantaged", show="both")
    cells = both.iloc[:, 1:].to_numpy().ravel().tolist()
    assert all(c == "not reported" or (c.endswith(")") and "% (" in c) for c in cells)
    assert any(c != "not reported" for c in cells)
    with pytest.raises(ValueError, match="show must be"):
        simulate.risk_ratios_by_policy(comparison, show="odds")


def test_identified_totals_and_rules(comparison, rows):
    totals = simulate.identified_totals(comparison).set_index("Policy")
    row = totals.loc["Screening, same cut"]
    assert row["Students identified"] == int(rows[simulate.SCREENING_SAME_CUT].sum())
    assert row["Share identified"].endswith("%")
    assert (totals["Hidden cells"] >= 0).all()
    rules = simulate.policy_rules().set_index("Policy")
    assert (
        rules.loc["Referral", "Who is identified"]
        == rules.loc["Screening, same cut", "Who is identified"]
    )
    assert rules.loc["Screening, same cut", "Who takes the test"] == "every student"


def test_bad_input_is_refused(students):
    with pytest.raises(ValueError, match="must be below the cut score"):
        simulate.policy_rows(students, cut=0.5, lower_cut=0.5)
    with pytest.raises(ValueError, match="must be numbers"):
        simulate.policy_rules(cut=float("nan"))
    with pytest.raises(ValueError, match="between 0 and 1"):
        simulate.identify_by_screening(np.arange(5.0), 1.5)
    with pytest.raises(ValueError, match="seven race/ethnicity codes"):
        simulate.referral_chance(students.assign(race_ethnicity="other"), np.zeros(len(students)))


def _course_texts() -> dict[str, str]:
    """Every learner- and facilitator-facing text that quotes the simulation's numbers."""
    import yaml

    from equitykit.content.modules import load_module

    module = load_module("language-and-policy")
    sim = module.activity("screening-simulation")
    task = module.activity("screening-memo")
    check = module.activity("knowledge-check")
    keys = yaml.safe_load((module.path.parent / "facilitation.yml").read_text(encoding="utf-8"))[
        "answer_keys"
    ]
    key = next(k for k in keys if k.get("activity") == "screening-simulation")
    return {
        "solution": " ".join([sim.solution.answer, *sim.solution.steps]),
        "task": " ".join([task.scenario, task.model_answer]),
        "knowledge check": " ".join(q.question for q in check.questions),
        "facilitator key": " ".join([key["summary"], *key["points"]]),
    }


def test_the_course_quotes_the_numbers_the_simulation_shows(course_run):
    """A number the story, key, check or solution quotes must be one the run shows."""
    import re

    ratios = set()
    for group in ("race_ethnicity", "english_learner", "econ_disadvantaged", "disability"):
        table = simulate.risk_ratios_by_policy(course_run, group)
        ratios |= set(table.iloc[:, 1:].to_numpy().ravel().tolist())
    totals = simulate.identified_totals(course_run)
    counts = {f"{n:,}" for n in totals["Students identified"]}
    shares = set(totals["Share identified"])
    extra = int(totals.iloc[2]["Students identified"] - totals.iloc[0]["Students identified"])
    for where, text in _course_texts().items():
        for number in re.findall(r"(?<![\d.])\d\.\d\d(?!\d)", text):
            assert number in ratios, f"{where} quotes a risk ratio {number} the run does not show"
        for number in re.findall(r"(?<![\d,])\d,\d{3}(?!\d)", text):
            assert number in counts, f"{where} quotes {number} students; the run shows {counts}"
        for number in re.findall(r"\d+\.\d%", text):
            assert number in shares, f"{where} quotes {number}; the run shows {shares}"
        for number in re.findall(r"about (\d+) (?:more|gifted|extra)", text):
            assert abs(int(number) - extra) <= 10, f"{where} says about {number} more; {extra}"
