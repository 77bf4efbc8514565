import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equitykit.anonymize import audit, suppress_small_cells
from equitykit.anonymize.pipeline import OUTCOME_COLUMNS, anonymize_students
from equitykit.anonymize.suppression import display_rates
from tests.conftest_data import random_students


def published_counts(table: pd.DataFrame) -> np.ndarray:
    values = pd.concat([table["count"], table["enrolled"]]).dropna()
    return values.to_numpy(dtype=float)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(40, 400),
    n_schools=st.integers(1, 4),
    min_cell=st.sampled_from([5, 10, 11]),
)
def test_no_published_count_under_threshold_and_audit_passes(seed, n, n_schools, min_cell):
    students = random_students(seed, n=n, n_schools=n_schools)
    outcomes = anonymize_students(students, min_cell=min_cell, min_n=30)["outcomes"]
    assert (published_counts(outcomes) >= min_cell).all()
    report = audit(outcomes, min_cell=min_cell)
    assert report.safe, report.summary()


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(20, 200))
def test_tidy_tables_with_two_years_stay_safe(seed, n):
    students = random_students(seed, n=n, n_schools=2, years=("2023-24", "2024-25"))
    outcomes = anonymize_students(students)["outcomes"]
    assert list(outcomes.columns) == OUTCOME_COLUMNS
    assert set(outcomes["school_year"]) == {"2023-24", "2024-25"}
    assert audit(outcomes).safe


def test_suppressed_cells_are_empty_never_zero():
    outcomes = anonymize_students(random_students(1, n=250))["outcomes"]
    hidden = outcomes["suppressed"].isin(["primary", "complementary"])
    assert hidden.any()
    assert outcomes.loc[hidden, "count"].isna().all()
    assert outcomes.loc[~hidden, "count"].notna().all()
    assert outcomes.loc[hidden, "rate"].isna().all()
    assert outcomes.loc[hidden, "rate_display"].isna().all()


def test_exact_audit_agrees_with_fast_audit():
    outcomes = anonymize_students(random_students(5, n=200, n_schools=2))["outcomes"]
    fast = audit(outcomes)
    exact = audit(outcomes, exact=True)
    assert fast.safe and exact.safe
    widths = (exact.cells["high"] - exact.cells["low"]).to_numpy()
    assert (widths >= 10 - 1e-6).all()


def under_suppressed_table() -> pd.DataFrame:
    """A school total with one hidden subgroup: recoverable by subtraction."""
    rows = [
        ("school", "S1", "all", "All", 100, 30),
        ("school", "S1", "sex", "female", 50, 4),
        ("school", "S1", "sex", "male", 50, 26),
        ("district", pd.NA, "all", "All", 100, 30),
        ("district", pd.NA, "sex", "female", 50, 4),
        ("district", pd.NA, "sex", "male", 50, 26),
    ]
    table = pd.DataFrame(
        rows, columns=["level", "school_id", "group", "subgroup", "enrolled", "count"]
    )
    table.insert(0, "school_year", "2024-25")
    table.insert(5, "outcome", "gifted")
    table["count"] = table["count"].astype("Int64")
    table.loc[table["count"] < 10, "count"] = pd.NA  # only primary suppression
    return table


def test_under_suppressed_table_fails_the_audit():
    report = audit(under_suppressed_table())
    assert not report.safe
    unsafe = report.unsafe
    assert len(unsafe) >= 1
    assert (unsafe["high"] - unsafe["low"] < 10).all()
    assert "NOT SAFE" in report.summary()


def test_suppression_fixes_the_under_suppressed_table():
    table = under_suppressed_table()
    table["count"] = [30, 4, 26, 30, 4, 26]
    protected = suppress_small_cells(table)
    assert protected["count"].isna().sum() >= 4
    assert audit(protected).safe


def test_display_rates_are_coded_for_small_groups():
    rates = np.array([0.01, 0.5, 0.97, np.nan])
    assert display_rates(rates, np.array([True, True, True, True])) == [
        "<=5%",
        "50.0%",
        ">=95%",
        None,
    ]
    assert display_rates(rates[:1], np.array([False])) == ["1.0%"]


def test_rates_hidden_below_minimum_n_size():
    outcomes = anonymize_students(random_students(9, n=400, n_schools=1))["outcomes"]
    small = outcomes["enrolled"].notna() & (outcomes["enrolled"] < 30)
    assert outcomes.loc[small, "rate"].isna().all()


@pytest.mark.parametrize("min_cell", [3, 10])
def test_threshold_is_configurable(min_cell):
    outcomes = anonymize_students(random_students(2, n=300), min_cell=min_cell)["outcomes"]
    assert (published_counts(outcomes) >= min_cell).all()
