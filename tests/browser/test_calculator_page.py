"""The disproportionality calculator on the published Module 2 page, with no kernel.

A learner changes the rule with the page's own menus; the groups it then flags and the
risk ratios it shows must be exactly those ``equitykit`` computes for the same rule.
"""

from __future__ import annotations

import pytest

from equitykit import datasets
from equitykit.widgets import disproportionality_calculator
from equitykit.widgets.gap_explorer import format_measure
from tests.browser.harness import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGE = "modules/build-a-coalition/practice.html"
# the same arguments as the Module 2 notebook
OUTCOMES = [
    "out_of_school_suspension",
    "out_of_school_suspension_over_10_days",
    "in_school_suspension",
    "referral_to_law_enforcement",
]
GROUPS = ["race_ethnicity", "disability", "english_learner"]


def _shown(widget) -> tuple[set[tuple[str, str]], dict[tuple[str, str], list[str]]]:
    rows = widget.locator("tbody tr[data-unit]")
    flagged, ratios = set(), {}
    for i in range(rows.count()):
        row = rows.nth(i)
        key = (row.get_attribute("data-unit"), row.get_attribute("data-subgroup"))
        ratios[key] = [c.inner_text() for c in row.locator("td.ek-ratio").all()]
        if row.get_attribute("data-flagged") == "yes":
            flagged.add(key)
    return flagged, ratios


def _python_ratios(calc) -> dict[tuple[str, str], list[str]]:
    result = calc.result
    years = sorted(c for c in result.columns if c[:2] == "20")
    out = {}
    for record in result.to_dict("records"):
        unit = "district" if record["level"] == "district" else str(record["school_id"])
        out[(unit, record["subgroup"])] = [
            format_measure(record[y], "ratio") or "not reported" for y in years
        ]
    return out


@pytest.mark.parametrize(
    ("outcome", "group", "threshold", "min_cell", "min_n", "years"),
    [
        ("out_of_school_suspension", "race_ethnicity", "3", "10", "30", "3"),
        ("out_of_school_suspension", "disability", "1.5", "10", "30", "1"),
        ("in_school_suspension", "race_ethnicity", "2", "5", "20", "2"),
    ],
)
def test_calculator_flags_what_python_flags(
    context, server, site, outcome, group, threshold, min_cell, min_n, years
):
    page, record = open_page(context, server, PAGE, site)
    widget = page.locator(".ek-calculator").first
    widget.get_by_label("Outcome", exact=True).select_option(outcome)
    widget.get_by_label("Student group", exact=True).select_option(group)
    widget.get_by_label("Risk-ratio threshold (flag above)", exact=True).select_option(threshold)
    widget.get_by_label("Minimum cell size", exact=True).select_option(min_cell)
    widget.get_by_label("Minimum n-size", exact=True).select_option(min_n)
    widget.get_by_label("Consecutive years above", exact=True).select_option(years)
    widget.get_by_label("Also list groups that are not flagged", exact=True).check()

    calc = disproportionality_calculator(
        datasets.load_table("outcomes"), outcomes=OUTCOMES, groups=GROUPS
    )
    calc.outcome, calc.group = outcome, group
    calc.threshold, calc.min_cell = float(threshold), int(min_cell)
    calc.min_n, calc.consecutive_years = int(min_n), int(years)

    flagged, ratios = _shown(widget)
    assert flagged == set(calc.flagged), "the page flags different groups than equitykit"
    if threshold == "1.5":
        assert flagged, "a loose rule on this district flags someone; the check would be empty"
    assert ratios == _python_ratios(calc), "the page shows different risk ratios"
    assert not record.problems(), "\n".join(record.problems())
