"""Time the course build: a clean build, then a rebuild after editing one page.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_build.py``. It builds in a
temporary copy of the repository, so your own ``_build`` folder is left alone.

Prints, for example::

    clean build (executes every notebook)   52.1 s
    rebuild after editing one page           6.3 s
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).parent / "jupyter-book"
SKIP = shutil.ignore_patterns("_build", ".venv", "node_modules", "_vendor", ".git", "*.egg-info")


def build(root: Path) -> float:
    """Build the book strictly and return the wall-clock seconds."""
    start = time.perf_counter()
    result = subprocess.run(
        [str(JB), "build", "-nW", "--keep-going", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], file=sys.stderr)
        raise SystemExit("the build failed; fix it before timing it")
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "course"
        shutil.copytree(REPO, root, ignore=SKIP)
        (root / "node_modules").symlink_to(REPO / "node_modules")
        clean = build(root)
        page = root / "book" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
        rebuild = build(root)
    print(f"clean build (executes every notebook)  {clean:6.1f} s")
    print(f"rebuild after editing one page         {rebuild:6.1f} s")


if __name__ == "__main__":
    main()
