"""Helpers for the browser tests: serve the built site, watch a page, wait for widgets.

The site is the one the session fixture ``built_site`` (tests/conftest.py) built; nothing
here builds it again. Every request to a host other than the local server is aborted and
recorded, so a test proves the page needs nothing from outside.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("EQUITYKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">')
#: How long a page may take to render its widgets, in milliseconds.
WIDGET_TIMEOUT_MS = 60_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing_tool(reason: str) -> None:
    """Skip loudly on a developer's machine; fail in CI, where the tool must be there."""
    message = f"!!! {reason} !!!"
    if _in_ci():
        pytest.fail(f"{message} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(message)


def debian_chromium(what: str):
    """Yield one headless Debian Chromium (never a downloaded browser), then close it.

    For a fixture: ``yield from debian_chromium("the browser tests")``. Without Chromium or
    Playwright, ``what`` is skipped loudly, or fails under ``CI=true``.
    """
    if not CHROMIUM.is_file():
        missing_tool(
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            f"(apt-get install chromium); {what} did not run"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is pinned in requirements.txt
        missing_tool("the Python package playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root (``_static`` excluded)."""
    return sorted(
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if "_static" not in page.relative_to(site).parts
    )


def expected_widget_views(html: str) -> int:
    """How many widget views a page's HTML asks the renderer to draw."""
    return len(WIDGET_VIEW.findall(html)) if WIDGET_STATE in html else 0


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@dataclass
class SiteServer:
    """The built site served from a thread on 127.0.0.1 (random port)."""

    root: Path
    host: str = "127.0.0.1"
    port: int = 0
    _server: http.server.ThreadingHTTPServer | None = field(default=None, repr=False)

    def start(self) -> SiteServer:
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self._server = http.server.ThreadingHTTPServer((self.host, 0), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return parts.hostname == self.host and parts.port == self.port


@dataclass
class PageRecord:
    """What happened while one page loaded."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed]
            + [f"request to another host: {m}" for m in self.external]
        )


def watch(page, server: SiteServer, record: PageRecord) -> None:
    """Record console errors, page errors, failed and third-party requests of a page.

    Every request to a host other than the local server is aborted (and recorded).
    """

    def route(route_, request) -> None:
        if server.is_local(request.url):
            route_.continue_()
        else:
            record.external.append(request.url)
            route_.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda msg: (
            record.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    page.on(
        "requestfailed",
        lambda request: record.failed.append(f"{request.url}: {request.failure}"),
    )
    page.on("request", lambda request: record.requests.append(request.url))

    def on_response(response) -> None:
        if response.status >= 400:
            record.failed.append(f"{response.url}: HTTP {response.status}")

    page.on("response", on_response)


def wait_for_widgets(page, html: str) -> int:
    """Wait until every widget view on the page has rendered its ``.ek-widget``.

    Returns
    -------
    int
        The number of widget views the page has.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    views = expected_widget_views(html)
    if views:
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.ek-widget').length >= n",
                arg=views,
                timeout=WIDGET_TIMEOUT_MS,
            )
        except PlaywrightTimeout:
            drawn = page.evaluate("() => document.querySelectorAll('.ek-widget').length")
            raise AssertionError(
                f"{page.url}: only {drawn} of {views} widgets rendered within "
                f"{WIDGET_TIMEOUT_MS / 1000:.0f} s"
            ) from None
    return views


def open_page(context, server: SiteServer, path: str, site: Path):
    """Open one page of the site, watched, and wait for its widgets.

    Returns
    -------
    tuple
        The Playwright page and its :class:`PageRecord`.
    """
    page = context.new_page()
    record = PageRecord(path)
    watch(page, server, record)
    page.goto(server.url(path), wait_until="load")
    wait_for_widgets(page, (site / path).read_text(encoding="utf-8"))
    return page, record
