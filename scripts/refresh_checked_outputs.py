"""Re-record the reference outputs that nbval checks strictly.

A few notebook cells carry ``# NBVAL_CHECK_OUTPUT`` and the cell metadata
``"keep_output": true``: their stored output is the expected result (a computed rate, a
table), and nbval fails when a run produces something else. After an intended change
(new data, a new metric), run this script on the notebook to execute it and store the
new outputs of those cells only; every other cell is left without outputs.

Usage: ``.venv/bin/python scripts/refresh_checked_outputs.py modules/*/practice.ipynb``
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def refresh(path: Path) -> int:
    """Execute ``path`` and keep outputs only of cells marked ``keep_output``."""
    notebook = nbformat.read(path, as_version=4)
    executed = nbformat.read(path, as_version=4)
    NotebookClient(
        executed, timeout=600, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    kept = 0
    for stored, ran in zip(notebook.cells, executed.cells, strict=True):
        if stored.cell_type != "code":
            continue
        stored.execution_count = None
        if stored.metadata.get("keep_output"):
            stored.outputs = ran.outputs
            kept += 1
            # nbval compares only cells that were run: the count marks the reference as run
            stored.execution_count = kept
            for output in stored.outputs:
                if "execution_count" in output:
                    output["execution_count"] = kept
        else:
            stored.outputs = []
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return kept


def main(paths: list[str]) -> int:
    for name in paths:
        kept = refresh(Path(name))
        print(f"{name}: {kept} checked output(s) recorded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
