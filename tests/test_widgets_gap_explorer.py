"""Headless tests of the gap explorer: change controls, check the numbers shown."""

from __future__ import annotations

import pandas as pd
import pytest

from equitykit.analysis.formatting import format_measure
from equitykit.analysis.gap_table import gap_table
from equitykit.widgets.gap_explorer import gap_explorer
from tests.node_runner import call


def _table() -> pd.DataFrame:
    """A small fictional district: two schools, one with a gap and one without."""
    units = {
        ("district", ""): {
            "All": (1000, 100),
            "black": (200, 45),
            "white": (500, 30),
            "asian": (25, None),
        },
        ("school", "S1"): {
            "All": (500, 60),
            "black": (120, 35),
            "white": (250, 15),
            "asian": (12, None),
        },
        ("school", "S2"): {
            "All": (500, 40),
            "black": (80, 10),
            "white": (250, 15),
            "asian": (13, None),
        },
    }
    rows = []
    for (level, school), groups in units.items():
        for subgroup, (enrolled, count) in groups.items():
            rows.append(
                {
                    "level": level,
                    "school_id": school,
                    "school_year": "2024-25",
                    "group": "race_ethnicity",
                    "subgroup": subgroup,
                    "outcome": "out_of_school_suspension",
                    "enrolled": enrolled,
                    "count": count,
                    "suppressed": "" if count is not None else "primary",
                }
            )
    table = pd.DataFrame(rows)
    table["count"] = table["count"].astype("Int64")
    return table


def shown(explorer, **selection):
    """What the page's table shows in the measure column, by subgroup (the browser's code)."""
    chosen = {**explorer._data["start"], **selection}
    rows = call("gap_explorer", "selectRows", explorer._data, chosen)
    return {
        r["subgroup"]: r["text"] or ("" if r["subgroup"] == "All" else "not reported") for r in rows
    }


def test_hand_computed_risk_ratio_is_shown():
    explorer = gap_explorer(_table())
    page = shown(explorer)
    # 45/200 = 0.225 against (100-45)/(1000-200) = 0.06875 -> 3.27
    assert page["black"] == "3.27"
    # 30/500 = 0.06 against 70/500 = 0.14 -> 0.43
    assert page["white"] == "0.43"
    assert page["asian"] == "not reported"
    table = explorer.table_for("out_of_school_suspension", "race_ethnicity").set_index("subgroup")
    assert table.loc["asian", "reason"] == "hidden to protect students' privacy"
    assert table.loc["asian", "count_text"] == "hidden"
    assert table.loc["black", "enrolled_text"] == "200"


def test_changing_controls_changes_the_numbers_like_gap_table():
    table = _table()
    explorer = gap_explorer(table)
    expected = gap_table(
        table, "out_of_school_suspension", "race_ethnicity", level="school", school_id="S1"
    )
    expected_text = {
        row.subgroup: format_measure(row.risk, "percent") or "not reported"
        for row in expected.itertuples()
    }
    page = shown(explorer, unit="S1", metric="risk")
    assert {k: v for k, v in page.items() if k != "All"} == expected_text
    assert page["All"] == "12.0%"


def test_unknown_starting_selection_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of"):
        gap_explorer(_table(), unit="S99")


def test_empty_table_and_missing_year_are_explained():
    with pytest.raises(ValueError, match="empty"):
        gap_explorer(_table().iloc[0:0])
    with pytest.raises(ValueError, match="2024-25"):
        gap_explorer(_table(), school_year="1999-00")


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (0.0525, "percent", "5.3%"),
        (3.0, "ratio", "3.00"),
        (-20.0, "points", "-20.0 pts"),
        (1234, "count", "1,234"),
        (None, "ratio", ""),
    ],
)
def test_format_measure(value, fmt, text):
    assert format_measure(value, fmt) == text
