"""Fail when a YAML or JSON file given on the command line does not parse (pre-commit hook)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml


def main(paths: list[str]) -> int:
    failures = 0
    for name in paths:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
            if path.suffix in (".json", ".ipynb"):
                json.loads(text)
            else:
                yaml.safe_load(text)
        except (OSError, ValueError, yaml.YAMLError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
