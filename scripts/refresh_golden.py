"""Rewrite tests/golden/inputs/*.json from what Python builds now (see tests/golden_inputs.py).

Run after an intended change to the data Python ships to the widgets, then re-check the
hand-made expectations in tests/js/*.test.mjs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.golden_inputs import INPUTS, golden_inputs  # noqa: E402


def main() -> None:
    INPUTS.mkdir(parents=True, exist_ok=True)
    for name, data in golden_inputs().items():
        path = INPUTS / f"{name}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
