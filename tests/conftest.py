"""Shared fixtures: the repository root and a strict build of the book, done once."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from equitykit.journal import Journal

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "_build" / "html"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class BuildResult:
    """What one run of ``jupyter-book build`` produced."""

    returncode: int
    output: str
    seconds: float
    site: Path

    @property
    def warnings(self) -> list[str]:
        """Lines of the build log that are Sphinx warnings or errors."""
        return [
            line
            for line in self.output.splitlines()
            if ("WARNING" in line or "ERROR" in line or "Traceback" in line)
            # the kernel's own notice about its local transport, not a Sphinx warning
            and "Kernel is running over TCP" not in line
        ]


def build_book(root: Path, *extra: str, timeout: int = 1800) -> BuildResult:
    """Build the book at ``root`` strictly: nitpicky, warnings are errors, keep going."""
    command = [str(BIN / "jupyter-book"), "build", "-nW", "--keep-going", *extra, str(root)]
    start = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=root, timeout=timeout, check=False
    )
    return BuildResult(
        returncode=result.returncode,
        output=result.stdout + result.stderr,
        seconds=time.perf_counter() - start,
        site=root / "_build" / "html",
    )


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_site() -> BuildResult:
    """The course built from scratch (every page re-read, so no warning hides in a cache)."""
    return build_book(REPO, "--all")


def fixed_clock() -> datetime:
    """A clock that always says the same time, for journal tests."""
    return datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def no_real_home(tmp_path, monkeypatch):
    """Point the default journal and HOME at tmp paths so no test can touch the real home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EQUITYKIT_JOURNAL", str(tmp_path / "env" / "journal.json"))


@pytest.fixture
def journal(tmp_path) -> Journal:
    """A learner's journal in a temporary folder, with a fixed clock."""
    return Journal(tmp_path / "journal.json", clock=fixed_clock)
