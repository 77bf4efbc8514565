"""Pre-commit hook after nbstripout: execution counts only on nbval's reference cells.

nbstripout (run with ``--keep-count``) removes every output except those of cells marked
``keep_output``. This hook then clears the execution count of every other cell and
numbers the reference cells 1, 2, ...: nbval only compares cells that carry a count.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def normalise(path: Path) -> bool:
    """Fix the counts in one notebook; return True when the file changed."""
    notebook = nbformat.read(path, as_version=4)
    before = nbformat.writes(notebook)
    kept = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if cell.metadata.get("keep_output") and cell.outputs:
            kept += 1
            cell.execution_count = kept
        else:
            cell.execution_count = None
            cell.outputs = []
    after = nbformat.writes(notebook)
    if after != before:
        path.write_text(after, encoding="utf-8")
        return True
    return False


def main(paths: list[str]) -> int:
    changed = [p for p in paths if normalise(Path(p))]
    for path in changed:
        print(f"normalised execution counts in {path}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
