"""Fixtures for the presenter's browser tests: one live room on loopback and one Chromium.

The room is a real ``equitykit room`` process serving the built learner site (the session's
``built_site``), the course's own catalogue and a presenter view built here. Chromium and the
room live for this module only: Playwright's sync API runs an event loop while it is open, and
other packages start their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from equitykit.presenter import build_presenter
from equitykit.presenter.pages import BRIDGE_JS, BUNDLE
from equitykit.room.catalogue import catalogue_from_modules
from equitykit.room.loadtest import ServerProcess
from tests.browser.harness import debian_chromium, missing_tool

REPO = Path(__file__).resolve().parents[2]
JSQR = REPO / "node_modules" / "jsqr" / "dist" / "jsQR.js"


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium (never a downloaded browser); skips loudly without it."""
    yield from debian_chromium("the presenter's browser tests")


@pytest.fixture(scope="module")
def jsqr_source() -> str:
    """The QR decoder (npm ``jsqr``, pinned in package.json), to run in the page."""
    if not JSQR.is_file():
        missing_tool(f"jsQR not found at {JSQR}: run `make assets` (npm ci)")
    return JSQR.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def live_room(built_site, tmp_path_factory) -> Iterator[ServerProcess]:
    """A room server with the learner site, the modules' catalogue and the presenter view."""
    if not (built_site.site / "index.html").is_file():
        pytest.fail("the book build produced no site:\n" + "\n".join(built_site.warnings[:20]))
    for bundle in (BUNDLE, BRIDGE_JS):
        if not bundle.is_file():
            missing_tool(f"{bundle} is missing: run `make assets`")
    work = tmp_path_factory.mktemp("live-room")
    catalogue = work / "catalogue.json"
    catalogue.write_text(json.dumps(catalogue_from_modules()), encoding="utf-8")
    presenter = build_presenter(work / "presenter")
    server = ServerProcess(
        work, site=built_site.site, catalogue=catalogue, presenter=presenter
    ).start()
    try:
        assert server.code and server.coach, server.output
        yield server
    finally:
        server.stop()
