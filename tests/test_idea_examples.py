"""The kit's risk ratios against cases computed by hand from the federal rule.

``tests/golden/reference/idea_examples.json`` holds five cases worked out by hand from
34 CFR 300.647 (final rule, 81 FR 92376, Dec. 19, 2016): identification, discipline and
placement, two of them where the LEA's comparison group is below the minimum cell size or
n-size so the alternate risk ratio (300.647(b)(5)) applies. The counts are invented (no
published worked example with numbers was found); the arithmetic follows the regulation's
definitions, independently of the kit's code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from equitykit.analysis.measures import ALTERNATE_RISK_RATIO, RISK_RATIO, risk, risk_ratio

EXAMPLES = json.loads(
    (Path(__file__).parent / "golden" / "reference" / "idea_examples.json").read_text("utf-8")
)


@pytest.mark.parametrize("case", EXAMPLES, ids=[c["id"] for c in EXAMPLES])
def test_risk_ratio_matches_the_hand_computed_case(case):
    result = risk_ratio(
        case["group_count"],
        case["group_population"],
        case["comparison_count"],
        case["comparison_population"],
        min_cell=case["min_cell_size"],
        min_n=case["min_n_size"],
        reference_risk=case["state_comparison_risk"],
    )
    expected = case["expected"]
    assert result.reported, result.reason
    assert result.value == pytest.approx(expected["ratio"], abs=1e-9)
    wanted = ALTERNATE_RISK_RATIO if case["kind"] == "alternate_risk_ratio" else RISK_RATIO
    assert result.method == wanted
    group = risk(
        case["group_count"],
        case["group_population"],
        min_cell=case["min_cell_size"],
        min_n=case["min_n_size"],
    )
    assert group.value == pytest.approx(expected["risk"], abs=1e-9)


def test_without_a_state_risk_a_small_comparison_group_gives_no_ratio():
    case = next(c for c in EXAMPLES if c["kind"] == "alternate_risk_ratio")
    result = risk_ratio(
        case["group_count"],
        case["group_population"],
        case["comparison_count"],
        case["comparison_population"],
        min_cell=case["min_cell_size"],
        min_n=case["min_n_size"],
    )
    assert not result.reported
    assert "comparison group" in result.reason
