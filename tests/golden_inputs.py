"""The data Python ships to the browser for the JavaScript rule tests, made from fixtures.

The JavaScript tests (``tests/js``) read these inputs from ``tests/golden/inputs/`` and
compare what the browser modules compute with expectations worked out by hand.
``tests/test_golden.py`` checks that the files still equal what Python builds today; after
an intended change run ``.venv/bin/python scripts/refresh_golden.py`` and re-check the
hand-made expectations in ``tests/js``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from equitykit.content.keys import legacy_keys
from equitykit.content.modules import load_module
from equitykit.content.outline import course_outline
from equitykit.widgets.calculator import disproportionality_calculator
from equitykit.widgets.capacity_planner import CAPACITY_TEXT
from equitykit.widgets.certificate import CERTIFICATE_TEXTS, module_record
from equitykit.widgets.coalition_map import COALITION, PARTNERS
from equitykit.widgets.plan import plan_sources

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
INPUTS = HERE / "golden" / "inputs"


def demo_module() -> Any:
    """The fixture module with one activity of every kind that saves work."""
    return load_module("demo", FIXTURES / "modules")


def calculator_table() -> pd.DataFrame:
    """A small outcomes table whose ratios are worked out by hand in calculator.test.mjs."""
    return pd.read_csv(FIXTURES / "calculator_table.csv", dtype={"school_id": str})


def golden_inputs() -> dict[str, Any]:
    """Every input file, by name, as Python builds it now."""
    module = demo_module()
    plan = module.activity("write-plan")
    calculator = disproportionality_calculator(
        calculator_table(),
        outcomes=["out_of_school_suspension"],
        groups=["race_ethnicity"],
        unit_labels={"S1": "School One"},
    )
    data = dict(calculator._data)
    data["note"] = "fixture"
    return {
        "outline": course_outline([module]),
        "legacy": legacy_keys([module]),
        "map_texts": {"coalition": COALITION.to_texts(), "partners": PARTNERS.to_texts()},
        "capacity_texts": CAPACITY_TEXT,
        "plan_sections": [
            {"id": s.id, "title": s.title, "sources": plan_sources(s, {"demo": module})}
            for s in plan.sections
        ],
        "calculator": data,
        "certificate": {"modules": [module_record(module)], "texts": CERTIFICATE_TEXTS},
    }
