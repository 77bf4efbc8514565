"""The widgets' browser rules: Node's own test runner on tests/js, and the inputs Python ships.

``node --test tests/js`` checks every rule on the learner's input (progress, journal export,
plan, maps, planner, policy review, worksheets, calculator, the store's migration) against
expectations worked out by hand. Their inputs, in ``tests/golden/inputs``, are what Python
ships to the page for the fixtures; the test below proves they still are.
"""

from __future__ import annotations

import json
import subprocess

from tests.golden_inputs import INPUTS, golden_inputs
from tests.node_runner import node


def test_golden_inputs_are_what_python_ships_today():
    for name, data in golden_inputs().items():
        stored = json.loads((INPUTS / f"{name}.json").read_text(encoding="utf-8"))
        assert stored == json.loads(json.dumps(data)), (
            f"tests/golden/inputs/{name}.json differs from what Python builds: if the change "
            "is intended, run .venv/bin/python scripts/refresh_golden.py and re-check the "
            "expectations in tests/js"
        )


def test_browser_rules_pass_in_node(repo):
    done = subprocess.run(
        [node(), "--test", "tests/js/"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    summary = [line for line in done.stdout.splitlines() if line.startswith("# ")]
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert any(line.startswith("# pass ") and line != "# pass 0" for line in summary), summary
    assert "# fail 0" in summary
