"""Screenshots of the presenter view for the coach's guide (facilitator/run-a-workshop.md).

Builds nothing itself: run ``make presenter`` first. Opens the Module 1 deck for a 90-minute
workshop in Debian's Chromium at projector size, takes the opening slide and the first activity
slide with its timer running, and the deck list, and writes them to ``facilitator/images/``.

Usage: ``.venv/bin/python scripts/presenter_screenshots.py``
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRESENTER = REPO / "_build" / "presenter"
IMAGES = REPO / "facilitator" / "images"
CHROMIUM = Path("/usr/bin/chromium")


def main() -> int:
    """Take the screenshots; return 1 with a message when something is missing."""
    if not (PRESENTER / "index.html").is_file():
        print("No presenter view: run `make presenter` first.", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(PRESENTER))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    IMAGES.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{base}/index.html")
            page.screenshot(path=str(IMAGES / "presenter-decks.png"))
            page.goto(f"{base}/adaptive-work-90.html")
            page.wait_for_timeout(500)
            page.screenshot(path=str(IMAGES / "presenter-opening.png"))
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            page.wait_for_timeout(300)
            page.keyboard.press("t")
            page.wait_for_timeout(1500)
            page.screenshot(path=str(IMAGES / "presenter-activity.png"))
            browser.close()
    finally:
        server.shutdown()
    for name in ("presenter-decks.png", "presenter-opening.png", "presenter-activity.png"):
        print(f"wrote facilitator/images/{name} ({(IMAGES / name).stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
