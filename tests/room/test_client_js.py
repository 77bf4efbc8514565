"""Run the browser client's own tests (``node --test tests/js/``) as part of ``pytest``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_room_client_node_tests_pass():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("CI needs Node.js for the room client's tests")
        pytest.skip("needs Node.js")
    done = subprocess.run(
        [node, "--test", "tests/js/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout
    passed = int(done.stdout.split("# pass ")[1].split()[0])
    assert passed >= 15, done.stdout[-2000:]
