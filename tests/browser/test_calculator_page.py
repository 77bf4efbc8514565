"""The disproportionality calculator on the published Module 2 page, with no kernel.

A learner changes the rule with the page's own menus; the page must then show, row for row,
what the calculator's rule (``js/calculator.js``, checked by hand in tests/js) decides on the
data Python shipped for the same activity, and those data's risk ratios.
"""

from __future__ import annotations

import pytest

from equitykit.widgets import activity
from tests.browser.harness import open_page
from tests.node_runner import call

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGE = "modules/build-a-coalition/practice.html"


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


@pytest.mark.parametrize(
    ("outcome", "group", "threshold", "min_cell", "min_n", "years"),
    [
        ("out_of_school_suspension", "race_ethnicity", "3", "10", "30", "3"),
        ("out_of_school_suspension", "disability", "1.5", "10", "30", "1"),
        ("in_school_suspension", "race_ethnicity", "2", "20", "200", "2"),
    ],
)
def test_the_page_shows_what_the_rule_decides_on_the_shipped_data(
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
    data = activity("build-a-coalition", "discipline-risk-ratio")._data
    rule = {
        "threshold": float(threshold),
        "minCell": int(min_cell),
        "minN": int(min_n),
        "years": int(years),
    }
    decided = call("calculator", "flagRows", data, f"{outcome}|{group}", rule)

    expected_flags = {(r["unit"], r["subgroup"]) for r in decided if r["flagged"]}
    flagged, _ = _shown(widget)
    assert flagged == expected_flags, "the page flags different groups than the rule decides"
    if threshold == "1.5":
        assert flagged, "a loose rule on this district flags someone; the check would be empty"

    # listing every group is done one school (or the district) at a time
    widget.get_by_label("Also list groups that are not flagged", exact=True).check()
    units = ["district", *sorted({r["unit"] for r in decided} - {"district"})[:2]]
    for unit in units:
        widget.get_by_label("List every group of", exact=True).select_option(unit)
        flagged, ratios = _shown(widget)
        wanted = [r for r in decided if r["flagged"] or r["unit"] == unit]
        assert ratios == {
            (r["unit"], r["subgroup"]): [r["ratios"][y] or "not reported" for y in data["years"]]
            for r in wanted
        }
        # the ratios are the ones the analysis computed for the page, not the browser's
        for row_unit, subgroup, by_year in data["rows"][f"{outcome}|{group}"]:
            if (row_unit, subgroup) not in ratios:
                continue
            for year, row in by_year.items():
                shown = ratios[(row_unit, subgroup)][data["years"].index(year)]
                assert shown in (row[5], "not reported")
        assert len(ratios) < 60, "one school's list stays short"
    assert not record.problems(), "\n".join(record.problems())


def test_raising_the_cell_size_or_the_n_size_changes_what_the_page_shows(context, server, site):
    """Each size control matters on the shipped data: larger minimums hide ratios and flags."""
    page, _ = open_page(context, server, PAGE, site)
    widget = page.locator(".ek-calculator").first
    widget.get_by_label("Also list groups that are not flagged", exact=True).check()
    widget.get_by_label("List every group of", exact=True).select_option("ACPS-M02")
    flagged, ratios = _shown(widget)
    assert ("ACPS-M02", "black") in flagged
    widget.get_by_label("Minimum n-size", exact=True).select_option("200")
    flagged_n, ratios_n = _shown(widget)
    assert ("ACPS-M02", "black") not in flagged_n
    assert ratios_n[("ACPS-M02", "black")] == ["not reported"] * len(ratios[("ACPS-M02", "black")])
    widget.get_by_label("Minimum n-size", exact=True).select_option("30")
    widget.get_by_label("Minimum cell size", exact=True).select_option("30")
    flagged_c, ratios_c = _shown(widget)
    assert flagged_c < flagged, "a cell size of 30 flags fewer groups than 10 on this district"
    assert ratios_c != ratios
