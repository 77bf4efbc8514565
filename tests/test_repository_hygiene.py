"""Repository rules a contributor could break without noticing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tracked(pattern: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", pattern], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    return [REPO / line for line in out.splitlines() if line]


def test_notebooks_are_stored_without_outputs():
    """Outputs are stripped, except cells that keep nbval's reference output on purpose."""
    offenders = []
    for path in _tracked("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for number, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            keeps = cell.get("metadata", {}).get("keep_output", False)
            if cell.get("outputs") and not keeps:
                offenders.append(f"{path.relative_to(REPO)} cell {number}: has outputs")
            if cell.get("execution_count") is not None and not keeps:
                offenders.append(f"{path.relative_to(REPO)} cell {number}: has an execution count")
            if keeps and "NBVAL_CHECK_OUTPUT" not in "".join(cell["source"]):
                offenders.append(f"{path.relative_to(REPO)} cell {number}: keeps output unchecked")
    assert not offenders, "run nbstripout and scripts/normalise_notebooks.py:\n" + "\n".join(
        offenders
    )


def test_notebooks_install_nothing_and_fetch_nothing():
    forbidden = ("!pip", "%pip", "pip install", "urlopen", "requests.get", "http://", "https://")
    offenders = []
    for path in _tracked("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                offenders += [
                    f"{path.relative_to(REPO)}: {word}" for word in forbidden if word in source
                ]
    assert not offenders, offenders


def test_python_code_passes_ruff_lint_and_format():
    lint = subprocess.run(
        [str(BIN / "ruff"), "check", "."], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert fmt.returncode == 0, "run `make format`:\n" + fmt.stdout


def test_nothing_generated_is_tracked():
    generated = ("_build/", "node_modules/", "_vendor/", ".venv/", ".jupyter_cache")
    tracked = _tracked("*")
    offenders = [
        str(p.relative_to(REPO)) for p in tracked if str(p.relative_to(REPO)).startswith(generated)
    ]
    assert not offenders, offenders
