"""The knowledge checks measure: no cue by length, position or absolute wording.

The rates are computed by ``scripts/item_bank_stats.py`` (one home, also run by hand); these
tests hold the course's bank to its limits and show, on a small bank built to cue, that each
limit catches what it is meant to catch.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "item_bank_stats", REPO_ROOT / "scripts" / "item_bank_stats.py"
)
stats_module = importlib.util.module_from_spec(_spec)
sys.modules["item_bank_stats"] = stats_module
_spec.loader.exec_module(stats_module)


@pytest.fixture(scope="module")
def bank():
    return stats_module.compute(REPO_ROOT)


def test_the_correct_option_is_not_usually_the_longest(bank):
    assert bank.longest <= stats_module.MAX_LONGEST, "\n".join(bank.lines())


def test_no_stored_position_holds_the_answer_too_often(bank):
    crowded = {k: v for k, v in bank.positions.items() if v > stats_module.MAX_POSITION}
    assert not crowded, "\n".join(bank.lines())


def test_wrong_options_rarely_use_absolute_words(bank):
    assert bank.absolutes <= stats_module.MAX_ABSOLUTES, bank.absolute_options


def test_every_objective_is_assessed_by_at_least_two_items(bank):
    assert not bank.thin_objectives, bank.thin_objectives


def test_every_option_has_feedback_that_explains_it(bank):
    assert not bank.feedback_problems, bank.feedback_problems[:10]


def _cueing_bank(tmp_path: Path) -> Path:
    """A module whose items cue every way: longest, always option a, absolute distractors."""
    questions = []
    for n in range(5):
        questions.append(
            {
                "id": f"q{n}",
                "assesses": ["O1"],
                "options": [
                    {
                        "id": "a",
                        "text": "The careful, complete answer that is always the longest here",
                        "correct": True,
                        "feedback": "Right, and this feedback explains in enough words why.",
                    },
                    {
                        "id": "b",
                        "text": "It never matters",
                        "feedback": "Wrong, and this feedback explains in enough words why.",
                    },
                    {
                        "id": "c",
                        "text": "Only the board",
                        "feedback": "Wrong",
                    },
                ],
            }
        )
    module = {
        "slug": "cueing",
        "objectives": [{"id": "O1", "text": "x"}, {"id": "O2", "text": "y"}],
        "activities": [{"id": "check", "widget": "knowledge_check", "questions": questions}],
    }
    folder = tmp_path / "modules" / "cueing"
    folder.mkdir(parents=True)
    (folder / "module.yml").write_text(yaml.safe_dump(module), encoding="utf-8")
    return tmp_path


def test_each_limit_catches_a_bank_built_to_cue(tmp_path):
    cueing = stats_module.compute(_cueing_bank(tmp_path))
    assert cueing.longest == 1.0 > stats_module.MAX_LONGEST
    assert cueing.positions == {"a": 1.0}
    assert cueing.absolutes == 1.0 > stats_module.MAX_ABSOLUTES
    assert cueing.thin_objectives == ["cueing O2 (0)"]
    assert len(cueing.feedback_problems) == 5  # every "Wrong" with no reason
