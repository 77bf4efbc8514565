"""HTTP pieces of the room's API: security headers, settings, change notices, JSON bodies.

Kept apart from the handlers in :mod:`equitykit.room.app` so that each file stays small.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from equitykit.room.catalogue import Catalogue
from equitykit.room.errors import RoomError

#: Largest request body accepted, in bytes (a 2,000-character text fits with room to spare).
MAX_BODY_BYTES = 16 * 1024

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]
API_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'; sandbox"),
    (b"cache-control", b"no-store"),
]
# The learner site has inline scripts of its own, so scripts are not restricted here; framing,
# plugins and foreign form targets are.
SITE_HEADERS = [
    (
        b"content-security-policy",
        b"frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    ),
]


@dataclass
class RoomSettings:
    """How a room server is set up.

    Attributes
    ----------
    catalogue
        The activities rooms may collect.
    db_path
        The SQLite file.
    site_dir
        The built learner site to serve at ``/`` (None: API only).
    hours
        How long a room stays open unless closed.
    host_key
        A secret that lets a non-loopback client open rooms (None: loopback only).
    submit_burst, submit_per_second
        Each participant's allowance of submissions.
    join_burst, join_per_second
        Each address's allowance of joins.
    fail_burst, fail_per_second
        Each address's allowance of failed look-ups (wrong code, bad token), against guessing.
    presenter_dir
        The presenter view to serve at ``/_presenter/`` to this computer only (None: none).
    bridge_js, bridge_css
        The participant bridge's bundle and style sheet, added to every site page (None: the
        pages are served as they are).
    public_url
        The origin participants use (``http://192.168.1.20:8000``); the room tells the
        presenter its join link from it (None: the presenter uses its own origin).
    """

    catalogue: Catalogue
    db_path: Path
    site_dir: Path | None = None
    hours: float = 8.0
    host_key: str | None = None
    submit_burst: int = 40
    submit_per_second: float = 5.0
    join_burst: int = 120
    join_per_second: float = 5.0
    fail_burst: int = 30
    fail_per_second: float = 0.5
    presenter_dir: Path | None = None
    bridge_js: Path | None = None
    bridge_css: Path | None = None
    public_url: str | None = None


class Notifier:
    """Wakes long-polls of a room when the writer commits a change to it."""

    def __init__(self) -> None:
        self._events: dict[int, asyncio.Event] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver wake-ups on this event loop."""
        self._loop = loop

    def event(self, room_id: int) -> asyncio.Event:
        """Return the event set at the room's next change (take it before reading the version)."""
        return self._events.setdefault(room_id, asyncio.Event())

    def changed(self, room_ids: set[int]) -> None:
        """Schedule wake-ups for these rooms (called from the writer thread after a commit)."""
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # loop closing during shutdown
                self._loop.call_soon_threadsafe(self._fire, set(room_ids))

    def _fire(self, room_ids: set[int]) -> None:
        for rid in room_ids:
            event = self._events.pop(rid, None)
            if event is not None:
                event.set()


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = SECURITY_HEADERS + (
            API_HEADERS if scope["path"].startswith("/api/") else SITE_HEADERS
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_response(err: RoomError) -> JSONResponse:
    """Build the JSON response for a refused request."""
    return JSONResponse(err.as_json(), status_code=err.status, headers=err.headers)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in JSON")


async def read_json(request: Request, *, optional: bool = False) -> Any:
    """Read a JSON body of at most :data:`MAX_BODY_BYTES`.

    Raises
    ------
    RoomError
        415 (not ``application/json``), 413 (too large), 400 (not UTF-8 or not JSON).
    """
    length = request.headers.get("content-length")
    ctype = request.headers.get("content-type", "")
    if optional and (length in (None, "0")) and not ctype:
        return None
    if ctype.split(";")[0].strip().lower() != "application/json":
        raise RoomError(
            415, "unsupported_media_type", "send the body as JSON (Content-Type: application/json)"
        )
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise RoomError(413, "too_large", f"the body is larger than {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RoomError(413, "too_large", f"the body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw and optional:
        return None
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise RoomError(400, "bad_encoding", "the body is not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise RoomError(400, "bad_json", "the body is not valid JSON") from None


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise RoomError(
            401,
            "missing_token",
            "this needs a token: Authorization: Bearer <token>",
            {"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
