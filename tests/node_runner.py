"""Run the widgets' browser rules in Node.js, for the few Python tests that need their results.

The rules have one home, the browser modules in ``equitykit/widgets/js``; a Python test that
needs what they compute (the browser test of the calculator page, say) calls them here
rather than keeping a twin in Python. Node.js is a requirement of the kit: without it this
fails, it never skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

JS = Path(__file__).resolve().parents[1] / "equitykit" / "widgets" / "js"


def node() -> str:
    """Return the path of ``node``, or fail with a message saying how to get it."""
    found = shutil.which("node")
    if found is None:
        raise AssertionError(
            "Node.js is needed to check the widgets' rules (see README: Quick start)"
        )
    return found


def call(module: str, function: str, *args: Any) -> Any:
    """Call ``function`` exported by ``equitykit/widgets/js/<module>.js`` with JSON args.

    Parameters
    ----------
    module
        The module path under ``js/`` without ``.js``, e.g. ``"calculator"`` (the LMS
        bridge is ``"../../lms/js/scorm_bridge"``). A function that returns a promise is
        awaited.
    function
        The exported function's name.
    *args
        Its arguments, passed as JSON.

    Returns
    -------
    Any
        What it returned, read back from JSON.
    """
    url = (JS / f"{module}.js").as_uri()
    script = (
        f"import {{ {function} }} from {json.dumps(url)};\n"
        "let text = '';\n"
        "process.stdin.on('data', (c) => (text += c));\n"
        "process.stdin.on('end', async () => {\n"
        f"  const args = JSON.parse(text);\n"
        f"  process.stdout.write(JSON.stringify(await {function}(...args)));\n"
        "});\n"
    )
    done = subprocess.run(
        [node(), "--input-type=module", "-e", script],
        input=json.dumps(list(args)),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0:
        raise AssertionError(f"node failed calling {module}.{function}:\n{done.stderr}")
    return json.loads(done.stdout)
