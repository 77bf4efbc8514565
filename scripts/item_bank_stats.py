"""Cue statistics of the course's knowledge checks: can an item be answered without reading?

Reads the ``knowledge-check`` activity of every ``modules/*/module.yml`` under a course
checkout (plain YAML, no kit import, so it measures any version of the course) and reports:

* **longest**: the share of items whose correct option is the longest (ties count: a learner
  who picks "the longest" would pick it);
* **position**: for each stored position (a, b, c, d), the share of items whose correct
  option is there. The browser shuffles options per learner, but handouts, keys and the
  order in a file must not cue either;
* **absolutes**: the share of wrong options that use an absolute word (never, always, only,
  all, none, every, must, cannot), which test-wise learners learn to rule out;
* **coverage**: objectives assessed by fewer than two items;
* **feedback**: options whose feedback is missing or too short to explain the option
  (fewer than :data:`MIN_FEEDBACK_WORDS` words), and feedback repeated word for word.

Usage::

    .venv/bin/python scripts/item_bank_stats.py              # this checkout
    .venv/bin/python scripts/item_bank_stats.py /work/main   # another one (e.g. main)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
#: The absolute words that cue a wrong option.
ABSOLUTES = ("never", "always", "only", "all", "none", "every", "must", "cannot")
_ABSOLUTE = re.compile(rf"\b({'|'.join(ABSOLUTES)})\b", re.IGNORECASE)
#: The limits the item bank must stay within (issue 17).
MAX_LONGEST = 0.35
MAX_POSITION = 0.40
MAX_ABSOLUTES = 0.10
MIN_ITEMS_PER_OBJECTIVE = 2
MIN_FEEDBACK_WORDS = 8


@dataclass(frozen=True)
class Item:
    """One knowledge-check item as stored: options in file order."""

    module: str
    item_id: str
    assesses: tuple[str, ...]
    options: tuple[dict, ...]

    @property
    def correct(self) -> int:
        """The stored position (0-based) of the correct option."""
        return next(i for i, o in enumerate(self.options) if o.get("correct"))

    def correct_is_longest(self) -> bool:
        """Whether the correct option is at least as long as every other option."""
        lengths = [len(str(o.get("text", ""))) for o in self.options]
        return lengths[self.correct] == max(lengths)


@dataclass
class Stats:
    """The figures over the whole bank."""

    items: list[Item]
    objectives: dict[str, list[str]]
    longest: float = 0.0
    positions: dict[str, float] = field(default_factory=dict)
    absolutes: float = 0.0
    wrong_options: int = 0
    absolute_options: list[str] = field(default_factory=list)
    thin_objectives: list[str] = field(default_factory=list)
    feedback_problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The figures, one per line, with the limits."""
        n = len(self.items)
        where = ", ".join(f"{k}: {v:.0%}" for k, v in sorted(self.positions.items()))
        return [
            f"items: {n} in {len({i.module for i in self.items})} modules",
            f"correct option is the longest (ties count): {self.longest:.0%} "
            f"(limit {MAX_LONGEST:.0%})",
            f"correct option by stored position: {where} (limit {MAX_POSITION:.0%} each)",
            f"wrong options with an absolute word: {len(self.absolute_options)} of "
            f"{self.wrong_options} = {self.absolutes:.0%} (limit {MAX_ABSOLUTES:.0%})",
            f"objectives with fewer than {MIN_ITEMS_PER_OBJECTIVE} items: "
            f"{len(self.thin_objectives)} of {sum(len(v) for v in self.objectives.values())}"
            + (f" ({', '.join(self.thin_objectives)})" if self.thin_objectives else ""),
            f"options without explaining feedback: {len(self.feedback_problems)}",
        ]


def load_items(root: Path) -> tuple[list[Item], dict[str, list[str]]]:
    """Return every knowledge-check item under ``root`` and each module's objective ids."""
    items: list[Item] = []
    objectives: dict[str, list[str]] = {}
    for path in sorted((root / "modules").glob("*/module.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        slug = data["slug"]
        objectives[slug] = [o["id"] for o in data.get("objectives", [])]
        for activity in data.get("activities", []):
            if activity.get("widget") != "knowledge_check":
                continue
            for question in activity.get("questions", []):
                items.append(
                    Item(
                        slug,
                        question["id"],
                        tuple(question.get("assesses", [])),
                        tuple(question.get("options", [])),
                    )
                )
    return items, objectives


def compute(root: Path = REPO_ROOT) -> Stats:
    """Compute the cue statistics of the item bank under ``root``."""
    items, objectives = load_items(root)
    if not items:
        raise ValueError(f"no knowledge-check items under {root / 'modules'}")
    stats = Stats(items, objectives)
    stats.longest = sum(i.correct_is_longest() for i in items) / len(items)
    positions = Counter("abcdefgh"[i.correct] for i in items)
    stats.positions = {k: v / len(items) for k, v in positions.items()}
    for item in items:
        feedback_seen: set[str] = set()
        for number, option in enumerate(item.options):
            where = f"{item.module}/{item.item_id}/{option.get('id')}"
            text = str(option.get("feedback", "")).strip()
            if len(text.split()) < MIN_FEEDBACK_WORDS:
                stats.feedback_problems.append(f"{where}: feedback too short to explain")
            elif text in feedback_seen:
                stats.feedback_problems.append(f"{where}: feedback repeats another option's")
            feedback_seen.add(text)
            if number != item.correct:
                stats.wrong_options += 1
                if _ABSOLUTE.search(str(option.get("text", ""))):
                    stats.absolute_options.append(where)
    stats.absolutes = len(stats.absolute_options) / max(stats.wrong_options, 1)
    for slug, ids in objectives.items():
        for objective in ids:
            count = sum(objective in i.assesses for i in items if i.module == slug)
            if count < MIN_ITEMS_PER_OBJECTIVE:
                stats.thin_objectives.append(f"{slug} {objective} ({count})")
    return stats


def main(argv: list[str]) -> int:
    """Print the figures for the checkout named in ``argv`` (default: this one)."""
    root = Path(argv[0]) if argv else REPO_ROOT
    try:
        stats = compute(root)
    except (OSError, ValueError, KeyError, StopIteration, yaml.YAMLError) as error:
        print(f"cannot measure the item bank under {root}: {error}", file=sys.stderr)
        return 2
    print("\n".join(stats.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
