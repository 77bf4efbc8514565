"""The gifted-identification simulation: deterministic, stated shares, suppressed output."""

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
def comparison(students) -> pd.DataFrame:
    return simulate.screening_comparison(students, seed=7)


def test_students_are_the_screened_grades(students):
    assert set(students["grade"]) <= set(simulate.SCREENED_GRADES)
    assert {"K", "1"}.isdisjoint(students["grade"])
    assert students["school_year"].unique().tolist() == ["2024-25"]


def test_simulation_is_deterministic(students, comparison):
    again = simulate.simulated_students(seed=7, n_students=SMALL)
    pd.testing.assert_frame_equal(students, again)
    pd.testing.assert_frame_equal(comparison, simulate.screening_comparison(again, seed=7))
    first = simulate.screening_scores(students, seed=3)
    assert np.array_equal(first, simulate.screening_scores(students, seed=3))
    assert not np.array_equal(first, simulate.screening_scores(students, seed=4))


@pytest.mark.parametrize("share", [0.05, 0.10, 0.15])
def test_screening_identifies_the_stated_share(students, share):
    scores = simulate.screening_scores(students)
    identified = simulate.identify_by_screening(scores, share)
    assert identified.sum() == round(share * len(students))
    # everyone identified scored at least as high as everyone not identified
    assert scores[identified == 1].min() >= scores[identified == 0].max()


def test_school_norm_identifies_the_share_in_every_school(students):
    scores = simulate.screening_scores(students)
    schools = students["school_id"].astype(str)
    identified = simulate.identify_by_screening(scores, 0.10, within=schools.tolist())
    per_school = pd.Series(identified).groupby(schools.to_numpy()).agg(["sum", "size"])
    assert (per_school["sum"] == (per_school["size"] * 0.10).round().astype(int)).all()


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
    assert outcomes == [
        "gifted_referral",
        "gifted_screening_top_5",
        "gifted_screening_top_10",
        "gifted_screening_top_15",
        "gifted_screening_school_top_10",
    ]
    assert all(code in LABELS for code in outcomes)
    assert set(comparison["level"]) == {"district"}
    assert {"race_ethnicity", "english_learner", "disability", "econ_disadvantaged"} <= set(
        comparison["group"]
    )


def test_comparison_totals_match_the_policies(students, comparison):
    totals = comparison[(comparison["group"] == "all")].set_index("outcome")
    assert int(totals.loc["gifted_referral", "count"]) == int(students["gifted"].sum())
    assert int(totals.loc["gifted_screening_top_10", "count"]) == round(0.10 * len(students))
    assert (totals["enrolled"] == len(students)).all()


def test_suppression_is_applied(comparison):
    hidden = comparison[comparison["count"].isna()]
    assert not hidden.empty, "small groups should be suppressed"
    assert set(hidden["suppressed"]) <= {"primary", "complementary"}
    shown = comparison["count"].dropna().astype(int)
    assert (shown >= 10).all(), "no published count is below the minimum cell size"
    near_all = comparison["enrolled"] - comparison["count"]
    assert (near_all.dropna() >= 10).all()


def test_risk_ratio_table_reports_or_says_why_not(comparison):
    table = simulate.risk_ratios_by_policy(comparison, "race_ethnicity")
    assert table.columns.tolist() == [
        "Student group",
        "Referral",
        "Top 5%, district",
        "Top 10%, district",
        "Top 15%, district",
        "Top 10%, each school",
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


def test_identified_totals(comparison, students):
    totals = simulate.identified_totals(comparison).set_index("Policy")
    row = totals.loc[label_for("gifted_screening_top_10")]
    assert row["Share identified"] == "10.0%"
    assert row["Students identified"] == round(0.10 * len(students))
    assert (totals["Suppressed cells"] >= 0).all()


def test_bad_shares_are_refused():
    with pytest.raises(ValueError, match="whole percentage"):
        simulate.screening_outcome(0.125)
    with pytest.raises(ValueError, match="between 0 and 1"):
        simulate.identify_by_screening(np.arange(5.0), 1.5)
