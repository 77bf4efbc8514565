"""What the course says about hiding small numbers is what the shipped tables do.

The learner pages say counts under a threshold are hidden (and some larger numbers that could
reveal them), and that extreme rates of small groups are top- or bottom-coded. The threshold
and the group size they name must be the ones recorded with the shipped tables in
``datasets/alder-creek/datapackage.json``, and no published count may break them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "datasets" / "alder-creek"
RULES = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["equitykit_suppression"]
PAGES = [
    *sorted((REPO / "modules").rglob("*.md")),
    *sorted((REPO / "book").rglob("*.md")),
    *sorted((REPO / "exercises").rglob("*.md")),
    *sorted(DATA.glob("*.md")),
]
_THRESHOLD = re.compile(
    r"\b(?:counts?|numbers?|groups?) (?:under|below|of fewer than|fewer than) (\d+)\b(?! students)"
)
_CODING_SIZE = re.compile(r"\bgroups (?:under|of fewer than) (\d+) students\b")


def _mentions(pattern: re.Pattern[str]) -> list[tuple[str, int]]:
    found = []
    for page in PAGES:
        text = " ".join(page.read_text(encoding="utf-8").split())
        found += [
            (page.relative_to(REPO).as_posix(), int(m.group(1))) for m in pattern.finditer(text)
        ]
    return found


def test_the_threshold_the_pages_name_is_the_one_the_tables_use():
    mentions = _mentions(_THRESHOLD)
    assert mentions, "no page says which counts are hidden"
    wrong = [(page, n) for page, n in mentions if n != RULES["min_cell"]]
    assert not wrong, f"pages name a threshold other than {RULES['min_cell']}: {wrong}"


def test_the_top_and_bottom_coding_size_the_pages_name_is_the_tables():
    size = int(re.search(r"under (\d+)", RULES["coding"]).group(1))
    wrong = [(page, n) for page, n in _mentions(_CODING_SIZE) if n != size]
    assert not wrong, f"pages name a coding group size other than {size}: {wrong}"


def test_no_published_count_is_under_the_threshold():
    for name in ("outcomes.csv", "climate_survey.csv"):
        table = pd.read_csv(DATA / name)
        for column in [c for c in ("count", "enrolled", "respondents") if c in table.columns]:
            values = pd.to_numeric(table[column], errors="coerce").dropna()
            small = values[(values > 0) & (values < RULES["min_cell"])]
            assert small.empty, f"{name}: {len(small)} published {column} under {RULES['min_cell']}"
