"""The disproportionality calculator: headless, and its browser logic against Python's."""

from __future__ import annotations

import json
import shutil
import subprocess
from itertools import product

import pandas as pd
import pytest
import traitlets

from equitykit.widgets import disproportionality_calculator
from equitykit.widgets.base import browser_module
from equitykit.widgets.gap_explorer import format_measure
from tests.widget_tables import random_outcomes_table


@pytest.fixture(scope="module")
def table():
    return random_outcomes_table()


def test_flags_follow_the_rule(table):
    calc = disproportionality_calculator(table, outcomes=["out_of_school_suspension"])
    strict = set(calc.flagged)
    calc.threshold = 1.5
    calc.consecutive_years = 1
    loose = set(calc.flagged)
    assert strict <= loose, "a looser rule can only flag more groups"
    assert loose, "the random district has at least one group above 1.5 in the latest year"
    result = calc.result
    assert result.loc[result["flagged"], "why"].str.contains("above 1.5").all()


def test_rule_values_outside_the_offered_choices_are_refused(table):
    calc = disproportionality_calculator(table, outcomes=["out_of_school_suspension"])
    with pytest.raises(traitlets.TraitError, match="threshold must be one of"):
        calc.threshold = 2.7
    with pytest.raises(ValueError, match="not in the table"):
        disproportionality_calculator(table, outcomes=["homework_completed"])


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the browser logic")
def test_browser_logic_flags_exactly_what_python_flags(table, tmp_path):
    """Run the widget's own JavaScript rule in Node over a grid of rules; compare with Python."""
    calc = disproportionality_calculator(table, outcomes=["out_of_school_suspension"])
    module = tmp_path / "calculator.mjs"
    module.write_text(browser_module("disproportionality"), encoding="utf-8")
    (tmp_path / "data.json").write_text(json.dumps(calc._data), encoding="utf-8")
    grid = list(product((1.5, 2.0, 3.0), (1, 10, 20), (10, 30, 50), (1, 2, 3)))
    script = tmp_path / "run.mjs"
    script.write_text(
        "import { ekFlagRows } from './calculator.mjs';\n"
        "import { readFileSync } from 'node:fs';\n"
        "const data = JSON.parse(readFileSync(new URL('./data.json', import.meta.url)));\n"
        f"const grid = {json.dumps(grid)};\n"
        "const key = 'out_of_school_suspension|race_ethnicity';\n"
        "const out = grid.map(([threshold, minCell, minN, years]) =>\n"
        "  ekFlagRows(data, key, {threshold, minCell, minN, years}).map(r =>\n"
        "    ({unit: r.unit, subgroup: r.subgroup, flagged: r.flagged, ratios: r.ratios})));\n"
        "console.log(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    completed = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    browser = json.loads(completed.stdout)
    for (threshold, min_cell, min_n, years), rows in zip(grid, browser, strict=True):
        calc.threshold, calc.min_cell, calc.min_n, calc.consecutive_years = (
            threshold,
            min_cell,
            min_n,
            years,
        )
        python = calc.result
        expected_flags = set(calc.flagged)
        got_flags = {(r["unit"], r["subgroup"]) for r in rows if r["flagged"]}
        assert got_flags == expected_flags, (threshold, min_cell, min_n, years)
        # every ratio shown is Python's, formatted; "not reported" exactly when Python has none
        for r in rows:
            unit_rows = python[
                (python["subgroup"] == r["subgroup"])
                & (
                    (python["level"] == "district")
                    if r["unit"] == "district"
                    else (python["school_id"].astype(str) == r["unit"])
                )
            ]
            for year, text in r["ratios"].items():
                value = unit_rows[year].iloc[0]
                if text is None:
                    assert pd.isna(value), (r, year, value)
                else:
                    assert not pd.isna(value), (r, year, text)
                    assert format_measure(value, "ratio") == text
