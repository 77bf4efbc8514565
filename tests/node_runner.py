"""Run a widget's own browser logic in Node.js, so tests can compare it with Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from equitykit.widgets.base import browser_module

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")


def run_browser_function(
    tmp_path: Path, widget: str, function: str, calls: list[list[Any]]
) -> list:
    """Call ``function`` exported by a widget's module once per argument list; return results."""
    (tmp_path / f"{widget}.mjs").write_text(browser_module(widget), encoding="utf-8")
    (tmp_path / "calls.json").write_text(json.dumps(calls), encoding="utf-8")
    script = tmp_path / f"run_{widget}.mjs"
    script.write_text(
        f"import {{ {function} }} from './{widget}.mjs';\n"
        "import { readFileSync } from 'node:fs';\n"
        "const calls = JSON.parse(readFileSync(new URL('./calls.json', import.meta.url)));\n"
        f"console.log(JSON.stringify(calls.map((args) => {function}(...args))));\n",
        encoding="utf-8",
    )
    done = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)
