"""Write the presenter view: an index of decks and one self-contained page per deck.

Each deck page carries its deck and its notes as two JSON blocks and loads ``presenter.js``
(the bundle of ``equitykit/presenter/js/``, made by ``make assets``) and ``presenter.css``.
It needs nothing else: no network, no other host. The same page is the slides (``x.html``)
and the speaker notes (``x.html?view=notes``, opened in a second window by the ``N`` key).

These pages hold answer keys, so they go only where participants cannot reach them: the
facilitator edition, and the live room, which serves them only to the coach.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from equitykit.presenter.deck import Deck

__all__ = ["ASSETS", "BRIDGE_CSS", "BRIDGE_JS", "BUNDLE", "PresenterBuildError", "write_presenter"]

HERE = Path(__file__).parent
#: The bundled browser code (``make assets``) and the handwritten style sheet.
BUNDLE = HERE / "static" / "presenter.js"
ASSETS = (HERE / "js" / "presenter.css",)
#: The participant bridge the live room adds to every learner page (``make assets``).
BRIDGE_JS = HERE / "static" / "room_bridge.js"
BRIDGE_CSS = HERE / "js" / "room_bridge.css"
#: Marks the folder as the presenter view (the room checks for it before serving).
MARKER = "presenter.json"


class PresenterBuildError(RuntimeError):
    """The presenter view cannot be written (its browser code is missing, the folder is bad)."""


def _json_block(element_id: str, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # inside <script>, "<" could close the element or open a comment: write it escaped
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _page(title: str, body: str, *, script: bool = True) -> str:
    loader = '<script src="presenter.js" defer></script>' if script else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title)}</title>\n"
        '<link rel="stylesheet" href="presenter.css">\n'
        f"{loader}\n</head>\n{body}\n</html>\n"
    )


def deck_page(deck: Deck) -> str:
    """Return the HTML of one deck's page (slides, or notes with ``?view=notes``)."""
    body = (
        '<body class="ek-presenter">\n'
        '<main id="ek-app" class="ek-app">\n'
        f"<h1>{html.escape(deck.title)}</h1>\n"
        "<noscript><p>The presenter view needs JavaScript.</p></noscript>\n"
        "</main>\n"
        f"{_json_block('ek-deck', deck.deck)}\n"
        f"{_json_block('ek-notes', deck.notes)}\n"
        "</body>"
    )
    return _page(f"{deck.title}: presenter view", body)


def index_page(decks: Iterable[Deck]) -> str:
    """Return the HTML of the index: every deck, grouped, with how to use the view."""
    groups: dict[str, list[Deck]] = {}
    for deck in decks:
        groups.setdefault(deck.group, []).append(deck)
    parts = []
    for group, members in groups.items():
        items = "\n".join(
            f'<li><a class="ek-deck-link" href="{html.escape(d.id)}.html">'
            f"{html.escape(d.title)}</a> <span>{html.escape(d.subtitle)}</span></li>"
            for d in members
        )
        parts.append(f'<h2>{html.escape(group)}</h2>\n<ul class="ek-decks">\n{items}\n</ul>')
    body = (
        '<body class="ek-presenter ek-index">\n<main class="ek-index-main">\n'
        "<h1>Presenter view</h1>\n"
        '<p class="ek-facilitator-only">For the facilitator only: these pages hold speaker '
        "notes and answer keys. Project the slides window, never the notes window.</p>\n"
        '<p id="ek-room-state" role="status"></p>\n'
        "<p>Open a deck, then press <kbd>F</kbd> for full screen and <kbd>N</kbd> for the "
        "speaker notes in a second window. Arrow keys move between slides; <kbd>T</kbd> "
        "pauses the timer; <kbd>?</kbd> lists every key.</p>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>"
    )
    return _page("Presenter view", body)


def write_presenter(out_dir: Path, decks: list[Deck]) -> Path:
    """Write the presenter view into ``out_dir`` (created or replaced); return it.

    Raises
    ------
    PresenterBuildError
        When the browser bundle is missing or ``out_dir`` holds something else.
    """
    if not BUNDLE.is_file():
        raise PresenterBuildError(
            f"the presenter's browser code is missing ({BUNDLE}): run `make assets` first"
        )
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise PresenterBuildError(
            f"{out_dir} is not empty and is not a presenter view; choose an empty folder"
        )
    staging = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for deck in decks:
        (staging / f"{deck.id}.html").write_text(deck_page(deck), encoding="utf-8")
    (staging / "index.html").write_text(index_page(decks), encoding="utf-8")
    shutil.copy2(BUNDLE, staging / "presenter.js")
    for asset in ASSETS:
        shutil.copy2(asset, staging / asset.name)
    listing = [
        {"id": d.id, "group": d.group, "title": d.title, "subtitle": d.subtitle} for d in decks
    ]
    (staging / MARKER).write_text(json.dumps({"decks": listing}, indent=1), encoding="utf-8")
    shutil.rmtree(out_dir, ignore_errors=True)
    staging.rename(out_dir)
    return out_dir
