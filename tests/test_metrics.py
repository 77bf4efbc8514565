"""Gap metrics, checked against cases computed by hand in the comments."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from equitykit.analysis.gap_table import gap_table
from equitykit.analysis.measures import (
    MetricResult,
    alternate_risk_ratio,
    composition_index,
    percentage_point_gap,
    risk,
    risk_difference,
    risk_ratio,
)

GROUP = "race/ethnicity"
OUTCOME = "out-of-school suspension"
BLACK = "Black or African American"
LATINO = "Hispanic or Latino"
ASIAN = "Asian"
MULTI = "Two or more races"
WHITE = "White"


def row(level, school, year, subgroup, enrolled, count, suppressed=""):
    return {
        "level": level,
        "school_id": school,
        "school_year": year,
        "group": GROUP,
        "subgroup": subgroup,
        "outcome": OUTCOME,
        "enrolled": enrolled,
        "count": count,
        "suppressed": suppressed,
    }


def make_table(rows):
    table = pd.DataFrame(rows)
    table["count"] = table["count"].astype("Int64")
    return table


@pytest.fixture
def fictional_table():
    """A fictional district (Riverbend) and two schools in 2024-25."""
    return make_table(
        [
            row("district", "", "2024-25", "All", 700, 50),
            row("district", "", "2024-25", BLACK, 100, 20),
            row("district", "", "2024-25", LATINO, 300, 18),
            row("district", "", "2024-25", WHITE, 270, 12),
            row("district", "", "2024-25", ASIAN, 20, None, "primary"),
            row("district", "", "2024-25", MULTI, 10, None, "complementary"),
            # A small school: the comparison group for Black students is tiny.
            row("school", "RB-01", "2024-25", "All", 60, 15),
            row("school", "RB-01", "2024-25", BLACK, 45, 12),
            row("school", "RB-01", "2024-25", LATINO, 15, 3),
            # A school whose total row is suppressed.
            row("school", "RB-02", "2024-25", "All", 80, None, "primary"),
            row("school", "RB-02", "2024-25", BLACK, 40, 12),
        ]
    )


# ---------------------------------------------------------------- scalar metrics


def test_risk_hand_computed():
    # 20 of 100 students: risk 0.20
    assert risk(20, 100) == MetricResult(0.2, True, "", "risk")


def test_risk_ratio_hand_computed():
    # group 20/100 = 0.20, all others 30/600 = 0.05, ratio 0.20 / 0.05 = 4.0
    result = risk_ratio(20, 100, 30, 600)
    assert result.reported
    assert result.value == pytest.approx(4.0)
    assert result.method == "risk ratio"
    assert result.reason == ""
    assert str(result) == "4.00"


def test_risk_ratio_below_one():
    # group 18/300 = 0.06, others 32/400 = 0.08, ratio 0.75
    assert risk_ratio(18, 300, 32, 400).value == pytest.approx(0.75)


def test_risk_difference_hand_computed():
    # 0.20 - 0.05 = 0.15 (15 percentage points)
    result = risk_difference(20, 100, 30, 600)
    assert result.value == pytest.approx(0.15)
    assert result.method == "risk difference"


def test_composition_index_hand_computed():
    # 20 of the 50 suspended students (40%) vs 100 of the 700 enrolled (1/7 = 14.29%)
    # composition index 0.40 / (1/7) = 2.8
    result = composition_index(20, 50, 100, 700)
    assert result.value == pytest.approx(2.8)


def test_percentage_point_gap_hand_computed():
    # 40% of those suspended minus 14.2857% of enrollment = 25.714 points
    result = percentage_point_gap(20, 50, 100, 700)
    assert result.value == pytest.approx(25.7142857, rel=1e-6)
    # under-represented: 18 of 50 = 36% vs 300 of 700 = 42.857% -> -6.857 points
    assert percentage_point_gap(18, 50, 300, 700).value == pytest.approx(-6.857142857)


def test_alternate_risk_ratio_hand_computed():
    # group 20/100 = 0.20 against a state risk of 0.08 -> 2.5
    result = alternate_risk_ratio(20, 100, 0.08)
    assert result.value == pytest.approx(2.5)
    assert result.method == "alternate risk ratio"


# ---------------------------------------------------------- "not reported" reasons


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((5, 100, 30, 600), "fewer than 10 students with the outcome in the group"),
        ((12, 25, 30, 600), "fewer than 30 students enrolled in the group"),
        ((20, 100, 5, 600), "fewer than 10 students with the outcome in the comparison group"),
        ((20, 100, 12, 20), "fewer than 30 students enrolled in the comparison group"),
        ((None, 100, 30, 600), "the number of students with the outcome in the group"),
        ((20, None, 30, 600), "enrollment of the group is not available"),
    ],
)
def test_risk_ratio_not_reported_reasons(args, reason):
    result = risk_ratio(*args)
    assert not result.reported
    assert result.value is None
    assert reason in result.reason
    assert str(result).startswith("not reported: ")


def test_both_group_reasons_are_given():
    result = risk_ratio(3, 15, 30, 600)
    assert result.reason == (
        "fewer than 30 students enrolled in the group; "
        "fewer than 10 students with the outcome in the group"
    )


def test_comparison_without_outcome_makes_ratio_undefined():
    result = risk_ratio(20, 100, 0, 600, min_cell=0)
    assert not result.reported
    assert result.reason == (
        "comparison group has no students with the outcome, so the ratio is undefined"
    )
    # The difference is still defined: 0.20 - 0.00
    assert risk_difference(20, 100, 0, 600, min_cell=0).value == pytest.approx(0.2)


def test_thresholds_are_arguments():
    # 8 of 40 (0.20) vs 30 of 600 (0.05): below the default cell size, fine with 5
    assert not risk_ratio(8, 40, 30, 600).reported
    assert risk_ratio(8, 40, 30, 600, min_cell=5).value == pytest.approx(4.0)
    assert not risk_ratio(12, 40, 30, 600, min_n=50).reported
    assert "fewer than 50 students enrolled" in risk_ratio(12, 40, 30, 600, min_n=50).reason


def test_small_group_gives_no_composition_or_gap():
    assert composition_index(5, 50, 100, 700).reason == (
        "fewer than 10 students with the outcome in the group"
    )
    assert not percentage_point_gap(12, 50, 20, 700).reported


def test_composition_undefined_when_nobody_has_the_outcome():
    result = composition_index(0, 0, 100, 700, min_cell=0)
    assert result.reason == (
        "no students with the outcome in the whole unit, so shares are undefined"
    )


def test_impossible_counts_raise():
    with pytest.raises(ValueError, match="more students with the outcome"):
        risk(120, 100)
    with pytest.raises(ValueError, match="whole number"):
        risk(-1, 100)
    with pytest.raises(ValueError, match="whole number"):
        risk(2.5, 100)
    with pytest.raises(ValueError, match="between 0 and 1"):
        alternate_risk_ratio(20, 100, 5)


def test_metric_result_is_consistent():
    with pytest.raises(ValueError):
        MetricResult(None, True, "")
    with pytest.raises(ValueError):
        MetricResult(1.0, False, "some reason")
    with pytest.raises(AttributeError):
        risk(20, 100).value = 3  # frozen


# --------------------------------------------------------- alternate risk ratio


def test_alternate_used_when_comparison_is_small():
    # comparison 3 of 15: below both thresholds. Group 12/45 = 0.2667; state 0.05 -> 5.333
    result = risk_ratio(12, 45, 3, 15, reference_risk=0.05)
    assert result.reported
    assert result.method == "alternate risk ratio"
    assert result.value == pytest.approx((12 / 45) / 0.05)
    assert "fewer than 30 students enrolled in the comparison group" in result.note


def test_no_alternate_without_reference():
    result = risk_ratio(12, 45, 3, 15)
    assert not result.reported
    assert result.method == "risk ratio"


def test_reference_not_used_when_comparison_is_large_enough():
    result = risk_ratio(20, 100, 30, 600, reference_risk=0.01)
    assert result.method == "risk ratio"
    assert result.value == pytest.approx(4.0)


def test_alternate_still_needs_a_large_enough_group():
    result = risk_ratio(5, 20, 3, 15, reference_risk=0.05)
    assert not result.reported
    assert result.reason == (
        "fewer than 30 students enrolled in the group; "
        "fewer than 10 students with the outcome in the group"
    )


def test_alternate_with_zero_reference_is_undefined():
    assert alternate_risk_ratio(20, 100, 0.0).reason == (
        "the reference risk is zero, so the ratio is undefined"
    )


# ------------------------------------------------------------------ gap_table


def test_gap_table_district(fictional_table):
    result = gap_table(fictional_table, OUTCOME, GROUP).set_index("subgroup")
    assert list(result.index) == [BLACK, LATINO, WHITE, ASIAN, MULTI]
    black = result.loc[BLACK]
    # 20/100 vs (50-20)/(700-100) = 30/600 -> 4.0; difference 0.15; composition 2.8
    assert black["enrolled"] == 100
    assert black["count"] == 20
    assert black["risk"] == pytest.approx(0.2)
    assert black["risk_ratio"] == pytest.approx(4.0)
    assert black["risk_ratio_method"] == "risk ratio"
    assert black["risk_difference"] == pytest.approx(0.15)
    assert black["composition_index"] == pytest.approx(2.8)
    assert black["percentage_point_gap"] == pytest.approx(25.7142857)
    assert bool(black["reported"])
    assert black["reason"] == ""
    # White: 12/270 vs 38/430
    white = result.loc[WHITE]
    assert white["risk_ratio"] == pytest.approx((12 / 270) / (38 / 430))


def test_gap_table_suppressed_cells(fictional_table):
    result = gap_table(fictional_table, OUTCOME, GROUP).set_index("subgroup")
    # one wording for every hidden cell: which rule hid it would be a clue
    assert result.loc[ASIAN, "reason"] == "hidden to protect students' privacy"
    assert result.loc[MULTI, "reason"] == "hidden to protect students' privacy"
    for subgroup in (ASIAN, MULTI):
        assert not result.loc[subgroup, "reported"]
        for column in ("risk", "risk_ratio", "risk_difference", "composition_index"):
            assert pd.isna(result.loc[subgroup, column])


def test_gap_table_matches_scalar_functions(fictional_table):
    result = gap_table(fictional_table, OUTCOME, GROUP).set_index("subgroup")
    for subgroup, enrolled, count in ((BLACK, 100, 20), (LATINO, 300, 18), (WHITE, 270, 12)):
        others = (50 - count, 700 - enrolled)
        assert result.loc[subgroup, "risk_ratio"] == pytest.approx(
            risk_ratio(count, enrolled, *others).value
        )
        assert result.loc[subgroup, "composition_index"] == pytest.approx(
            composition_index(count, 50, enrolled, 700).value
        )


def test_gap_table_small_comparison_group(fictional_table):
    result = gap_table(fictional_table, OUTCOME, GROUP, level="school", school_id="RB-01")
    black = result.set_index("subgroup").loc[BLACK]
    # all others: 60-45 = 15 enrolled, 15-12 = 3 suspended -> below both thresholds
    assert pd.isna(black["risk_ratio"])
    assert pd.isna(black["risk_difference"])
    assert "fewer than 30 students enrolled in the comparison group" in black["reason"]
    assert black["reason"].startswith("risk ratio and risk difference not reported: ")
    # composition still computed: (12/15) / (45/60) = 1.0667
    assert black["composition_index"] == pytest.approx((12 / 15) / (45 / 60))
    assert not black["reported"]


def test_gap_table_alternate_risk_ratio(fictional_table):
    result = gap_table(
        fictional_table,
        OUTCOME,
        GROUP,
        level="school",
        school_id="RB-01",
        reference_risks={BLACK: 0.05},
    ).set_index("subgroup")
    black = result.loc[BLACK]
    assert black["risk_ratio"] == pytest.approx((12 / 45) / 0.05)
    assert black["risk_ratio_method"] == "alternate risk ratio"
    assert "reference risk (5.0%)" in black["note"]
    # the risk difference against all others is still not reported
    assert black["reason"].startswith("risk difference not reported")
    # the Latino group is itself too small: no alternate either
    assert result.loc[LATINO, "reason"] == (
        "fewer than 30 students enrolled in the group; "
        "fewer than 10 students with the outcome in the group"
    )


def test_gap_table_reference_by_year(fictional_table):
    result = gap_table(
        fictional_table,
        OUTCOME,
        GROUP,
        level="school",
        school_id="RB-01",
        reference_risks={("2024-25", BLACK): 0.1, BLACK: 0.05},
    ).set_index("subgroup")
    assert result.loc[BLACK, "risk_ratio"] == pytest.approx((12 / 45) / 0.1)


def test_gap_table_suppressed_total(fictional_table):
    result = gap_table(fictional_table, OUTCOME, GROUP, level="school", school_id="RB-02")
    black = result.set_index("subgroup").loc[BLACK]
    assert black["risk"] == pytest.approx(0.3)
    assert pd.isna(black["risk_ratio"])
    assert pd.isna(black["composition_index"])
    assert "the total for the school or district is hidden" in black["reason"]
    assert "cannot be computed" in black["reason"]


def test_gap_table_all_levels_and_columns(fictional_table):
    result = gap_table(fictional_table, OUTCOME, GROUP, level=None)
    assert len(result) == 8
    assert "All" not in set(result["subgroup"])
    for column in (
        "level",
        "school_id",
        "school_year",
        "subgroup",
        "enrolled",
        "count",
        "risk",
        "risk_ratio",
        "risk_difference",
        "composition_index",
        "percentage_point_gap",
        "reported",
        "reason",
    ):
        assert column in result.columns
    assert result["reported"].dtype == bool


def test_gap_table_needs_the_tidy_columns(fictional_table):
    with pytest.raises(ValueError, match="suppressed"):
        gap_table(fictional_table.drop(columns=["suppressed"]), OUTCOME, GROUP)


def test_gap_table_does_not_change_its_input(fictional_table):
    before = fictional_table.copy()
    gap_table(fictional_table, OUTCOME, GROUP, level=None)
    pd.testing.assert_frame_equal(fictional_table, before)


# ---------------------------------------------------------- multi-year flags


def years_table(ratios_by_year, *, enrolled=100, others_enrolled=600, others_count=30):
    """District rows whose Black students have the given risk ratio each year.

    All others: 30 of 600 (risk 0.05), so a group count of 20 of 100 gives 4.0.
    A ratio of None makes the group's count 5 (below the minimum cell size).
    """
    rows = []
    for year, ratio in ratios_by_year.items():
        count = 5 if ratio is None else round(ratio * 0.05 * enrolled)
        rows.append(
            row(
                "district",
                "",
                year,
                "All",
                enrolled + others_enrolled,
                count + others_count,
            )
        )
        rows.append(row("district", "", year, BLACK, enrolled, count))
    return make_table(rows)


# ------------------------------------------------------------ properties

counts = st.integers(min_value=10, max_value=5_000)


@given(count=counts, enrolled_factor=st.integers(1, 20), scale=st.integers(1, 20))
def test_equal_risks_give_a_risk_ratio_of_one(count, enrolled_factor, scale):
    # group count/enrolled equals (scale*count)/(scale*enrolled)
    enrolled = max(count * enrolled_factor, 30)
    result = risk_ratio(count, enrolled, count * scale, enrolled * scale)
    assert result.value == pytest.approx(1.0)
    assert risk_difference(count, enrolled, count * scale, enrolled * scale).value == (
        pytest.approx(0.0, abs=1e-12)
    )


@given(group_count=counts, others_factor=st.integers(1, 20), enrolled_factor=st.integers(1, 20))
def test_equal_shares_give_a_composition_index_of_one(group_count, others_factor, enrolled_factor):
    # the group holds the same share of the outcome as of enrollment: 1/(1+others_factor)
    group_enrolled = max(group_count * enrolled_factor, 30)
    total_count = group_count * (1 + others_factor)
    total_enrolled = group_enrolled * (1 + others_factor)
    result = composition_index(group_count, total_count, group_enrolled, total_enrolled)
    assert result.value == pytest.approx(1.0)
    gap = percentage_point_gap(group_count, total_count, group_enrolled, total_enrolled)
    assert gap.value == pytest.approx(0.0, abs=1e-9)


@st.composite
def group_and_others(draw):
    group_enrolled = draw(st.integers(0, 400))
    group_count = draw(st.integers(0, group_enrolled))
    others_enrolled = draw(st.integers(0, 400))
    others_count = draw(st.integers(0, others_enrolled))
    return group_count, group_enrolled, others_count, others_enrolled


@given(group_and_others(), st.integers(0, 15), st.integers(0, 40))
def test_gap_table_agrees_with_scalar_functions(counts_, min_cell, min_n):
    group_count, group_enrolled, others_count, others_enrolled = counts_
    table = make_table(
        [
            row(
                "district",
                "",
                "2024-25",
                "All",
                group_enrolled + others_enrolled,
                group_count + others_count,
            ),
            row("district", "", "2024-25", BLACK, group_enrolled, group_count),
        ]
    )
    result = gap_table(table, OUTCOME, GROUP, min_cell=min_cell, min_n=min_n).iloc[0]
    thresholds = {"min_cell": min_cell, "min_n": min_n}
    expected = {
        "risk": risk(group_count, group_enrolled, **thresholds),
        "risk_ratio": risk_ratio(
            group_count, group_enrolled, others_count, others_enrolled, **thresholds
        ),
        "risk_difference": risk_difference(
            group_count, group_enrolled, others_count, others_enrolled, **thresholds
        ),
        "composition_index": composition_index(
            group_count,
            group_count + others_count,
            group_enrolled,
            group_enrolled + others_enrolled,
            **thresholds,
        ),
    }
    for column, metric in expected.items():
        if metric.reported:
            assert result[column] == pytest.approx(metric.value), column
        else:
            assert pd.isna(result[column]), column
    all_reported = all(metric.reported for metric in expected.values())
    assert bool(result["reported"]) == all_reported
    assert (result["reason"] == "") == all_reported


@given(group_and_others(), st.floats(0.001, 1.0))
def test_risk_ratio_is_never_a_misleading_number(counts_, reference):
    group_count, group_enrolled, others_count, others_enrolled = counts_
    result = risk_ratio(
        group_count, group_enrolled, others_count, others_enrolled, reference_risk=reference
    )
    if result.reported:
        assert group_count >= 10 and group_enrolled >= 30
        assert math.isfinite(result.value)
        if result.method == "risk ratio":
            assert others_count >= 10 and others_enrolled >= 30
    else:
        assert result.reason


def test_gap_table_reads_suppressed_enrollments():
    # as written by the anonymizer: an enrollment hidden as well as the count
    table = make_table(
        [
            row("district", "", "2024-25", "All", 700, 50),
            row("district", "", "2024-25", BLACK, 100, 20),
            row("district", "", "2024-25", ASIAN, None, None, "complementary"),
        ]
    )
    table["enrolled"] = table["enrolled"].astype("Int64")
    table["enrolled_suppressed"] = ["", "", "primary"]
    result = gap_table(table, OUTCOME, GROUP).set_index("subgroup")
    assert result.loc[ASIAN, "reason"] == (
        "hidden to protect students' privacy; "
        "the number enrolled is hidden to protect students' privacy"
    )
    assert result.loc[BLACK, "risk_ratio"] == pytest.approx(4.0)
    # a hidden total enrollment blocks the comparison
    table["enrolled_suppressed"] = ["complementary", "", "primary"]
    black = gap_table(table, OUTCOME, GROUP).set_index("subgroup").loc[BLACK]
    assert pd.isna(black["risk_ratio"])
    assert "the total for the school or district is hidden" in black["reason"]


def test_gap_table_numeric_school_ids():
    table = make_table(
        [
            row("district", None, "2024-25", "All", 700, 50),
            row("district", None, "2024-25", BLACK, 100, 20),
            row("school", 101, "2024-25", "All", 700, 50),
            row("school", 101, "2024-25", BLACK, 100, 20),
        ]
    )
    result = gap_table(table, OUTCOME, GROUP, level="school", school_id=101)
    assert list(result["school_id"]) == ["101"]
    assert result["risk_ratio"].iloc[0] == pytest.approx(4.0)
    district = gap_table(table, OUTCOME, GROUP)
    assert list(district["school_id"]) == [""]
