"""The test suite's own guards fail when they should.

A strict build that never fails proves nothing. These tests build tiny books and run
nbval on tiny notebooks that are broken on purpose, and check that each is caught.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import REPO, build_book

pytestmark = pytest.mark.slow


def _mini_book(tmp_path: Path, page: str, notebook_cells: list | None = None) -> Path:
    root = tmp_path / "book"
    (root / "book").mkdir(parents=True)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    shutil.copy(REPO / "references.bib", root / "references.bib")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    (root / "book" / "index.md").write_text(page, encoding="utf-8")
    toc = "format: jb-book\nroot: book/index\n"
    if notebook_cells is not None:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = notebook_cells
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(notebook, root / "book" / "lesson.ipynb")
        toc += "chapters:\n  - file: book/lesson\n"
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    return root


def test_a_clean_mini_book_builds(tmp_path):
    root = _mini_book(tmp_path, "# Home\n\nA plain page.\n")
    result = build_book(root, timeout=300)
    assert result.returncode == 0, result.output[-2000:]


def test_build_fails_on_a_warning(tmp_path):
    root = _mini_book(tmp_path, "# Home\n\nSee {ref}`a-label-that-does-not-exist`.\n")
    result = build_book(root, timeout=300)
    assert result.returncode != 0
    assert any("a-label-that-does-not-exist" in line for line in result.warnings)


def test_build_fails_when_a_notebook_cell_errors(tmp_path):
    cells = [
        nbformat.v4.new_markdown_cell("# Lesson"),
        nbformat.v4.new_code_cell("raise RuntimeError('broken on purpose')"),
    ]
    root = _mini_book(tmp_path, "# Home\n", cells)
    result = build_book(root, timeout=300)
    assert result.returncode != 0
    assert "broken on purpose" in result.output or "lesson" in result.output


def _run_nbval(tmp_path: Path, cell) -> subprocess.CompletedProcess:
    """Run nbval (lax, as the suite does) on a one-cell notebook; return the run."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [cell]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_nbval_fails_on_a_notebook_that_errors(tmp_path):
    result = _run_nbval(tmp_path, nbformat.v4.new_code_cell("1 / 0"))
    assert result.returncode != 0, result.stdout[-2000:]
    assert "ZeroDivisionError" in result.stdout


def test_nbval_fails_when_a_checked_output_changes(tmp_path):
    cell = nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(round(45 / 200, 3))")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.3\n")]
    result = _run_nbval(tmp_path, cell)
    assert result.returncode != 0, "nbval accepted 0.225 where 0.3 was recorded"
    assert "0.225" in result.stdout


def test_nbval_passes_when_a_checked_output_matches(tmp_path):
    cell = nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(round(45 / 200, 3))")
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.225\n")]
    result = _run_nbval(tmp_path, cell)
    assert result.returncode == 0, result.stdout[-2000:]
