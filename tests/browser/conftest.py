"""Browser fixtures: the built site served on 127.0.0.1 and one Chromium for the session.

The site is the one the session fixture ``built_site`` (tests/conftest.py) built; nothing
here builds it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.harness import (
    ARTIFACTS,
    AXE,
    SiteServer,
    debian_chromium,
    missing_tool,
)


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    """The built site; fails clearly when the build produced no pages."""
    if not (built_site.site / "index.html").is_file():
        pytest.fail(
            "the book build produced no site, so the browser tests have nothing to load:\n"
            + "\n".join(built_site.warnings[:20])
        )
    return built_site.site


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[SiteServer]:
    running = SiteServer(site).start()
    yield running
    running.stop()


@pytest.fixture(scope="package")
def browser():
    """One headless Debian Chromium for this package's tests (never a downloaded browser).

    Package scope, not session: Playwright's sync API runs an event loop while it is open, and
    the room tests after this package start their own (``asyncio.run``, their own Playwright).
    """
    yield from debian_chromium("the browser tests")


@pytest.fixture
def context(browser):
    """A fresh browser profile (empty cache and localStorage) for one test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        missing_tool(f"axe-core not found at {AXE}: run `make assets` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
