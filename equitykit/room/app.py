"""The room's web application: the learner site and the room API on one origin.

Routes (all API bodies are JSON; every error is ``{"error", "message", "status"}``):

==========  ================================  ===========  ====================================
Method      Path                              Token        Does
==========  ================================  ===========  ====================================
GET         /api/health                       none         ``{"ok": true}``
POST        /api/rooms                        host         open a room -> 201 code, coach token
POST        /api/rooms/{code}/join            none         join -> 201 participant token
GET         /api/rooms/{code}                 any          room status and its activities
POST        /api/rooms/{code}/submissions     participant  one answer -> 201 (200 if a resend)
GET         /api/rooms/{code}/aggregates      coach        the coach's view; long-poll with
                                                           ``?since=VERSION&wait=SECONDS``
PATCH       /api/rooms/{code}/texts/{id}      coach        ``{"shown": bool}``
GET         /api/rooms/{code}/export.csv      coach        aggregates as CSV
POST        /api/rooms/{code}/close           coach        CSV of aggregates, then data deleted
GET         /_room/room_client.js             none         the browser client
GET         /_room/bridge.js, bridge.css      none         the participant bridge
GET         /r/{code}                         none         the join link: to the start page
GET         /_presenter/...                   loopback     the presenter view (coach only)
GET         /...                              none         the learner site, with the bridge
==========  ================================  ===========  ====================================

Tokens go in ``Authorization: Bearer <token>``. "host" means the request comes from this
machine (loopback) or carries the host key the server was started with.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from equitykit.room.catalogue import CatalogueError, public_view, select_activities
from equitykit.room.errors import RoomError
from equitykit.room.http import (
    Notifier,
    RoomSettings,
    SecurityHeaders,
    _bearer,
    _is_loopback,
    error_response,
    read_json,
)
from equitykit.room.ratelimit import RateLimiter
from equitykit.room.site import bridge_routes, site_routes
from equitykit.room.store import Room, RoomStore
from equitykit.room.submissions import parse_submission
from equitykit.room.tokens import normalize_code, token_hash

STATIC_DIR = Path(__file__).parent / "static"
#: Longest a long-poll waits, in seconds.
MAX_WAIT_SECONDS = 30.0
#: How often expired rooms are swept, in seconds.
SWEEP_SECONDS = 30.0


class RoomAPI:
    """The handlers, sharing one store, one notifier and the rate limiters."""

    def __init__(self, settings: RoomSettings, store: RoomStore, notifier: Notifier) -> None:
        self.settings = settings
        self.store = store
        self.notifier = notifier
        self.submits = RateLimiter(settings.submit_burst, settings.submit_per_second)
        self.joins = RateLimiter(settings.join_burst, settings.join_per_second)
        self.failures = RateLimiter(settings.fail_burst, settings.fail_per_second)
        self._cache: dict[str, Room] = {}

    # --- helpers ---

    @staticmethod
    def _address(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def _limit(self, limiter: RateLimiter, key: str, what: str) -> None:
        wait = limiter.check(key)
        if wait:
            raise RoomError(
                429,
                "rate_limited",
                f"too many {what}; wait {RateLimiter.retry_after(wait)} s and try again",
                {"Retry-After": RateLimiter.retry_after(wait)},
            )

    def _failed(self, request: Request, err: RoomError) -> RoomError:
        """Count a failed look-up against the address; return the error to raise."""
        self.failures.check(self._address(request))
        return err

    def _guard(self, request: Request) -> None:
        """Refuse an address that has failed too many look-ups lately."""
        wait = self.failures.wait(self._address(request))
        if wait:
            raise RoomError(
                429,
                "rate_limited",
                "too many wrong codes or tokens from this address; "
                f"wait {RateLimiter.retry_after(wait)} s",
                {"Retry-After": RateLimiter.retry_after(wait)},
            )

    async def _room(self, request: Request, *, fresh: bool = True) -> Room:
        """Look up the room in the path; ``fresh=False`` may use a cached copy.

        The cache serves the busy routes (join, submit, aggregates). It is safe because every
        write checks the room's status again inside its transaction, and the aggregates read
        the status and version in their own snapshot.
        """
        self._guard(request)
        raw = request.path_params["code"]
        code = normalize_code(raw)
        room = None if (code is None or fresh) else self._cache.get(code)
        if room is None and code is not None:
            room = await anyio.to_thread.run_sync(self.store.room_by_code, code)
            if room is not None and room.status == "open":
                self._cache[code] = room
            else:
                self._cache.pop(code, None)
        if room is None:
            raise self._failed(
                request,
                RoomError(
                    404,
                    "unknown_room",
                    f"there is no room with code {raw[:12]!r}; check the code on the screen",
                ),
            )
        return room

    def _open(self, room: Room) -> None:
        if not room.is_open(self.store.clock()):
            if room.status == "closed":
                raise RoomError(
                    410, "room_closed", f"room {room.code} has been closed by the coach"
                )
            raise RoomError(410, "room_expired", f"room {room.code} has expired")

    def _coach(self, request: Request, room: Room) -> None:
        token = _bearer(request)
        if not hmac.compare_digest(token_hash(token), room.coach_hash):
            raise self._failed(
                request, RoomError(403, "forbidden", "only the room's coach can do this")
            )

    @staticmethod
    async def _write(future: Any) -> Any:
        try:
            return await asyncio.wrap_future(future)
        except sqlite3.Error:
            raise RoomError(
                503, "not_saved", "the room could not save this just now; try again"
            ) from None

    def _room_info(self, room: Room) -> dict[str, Any]:
        info: dict[str, Any] = {
            "code": room.code,
            "status": "expired"
            if room.status == "open" and not room.is_open(self.store.clock())
            else room.status,
            "expires_at": room.expires_at,
            "activities": public_view(room.catalogue),
        }
        if self.settings.public_url:
            info["join_url"] = f"{self.settings.public_url.rstrip('/')}/r/{room.code}"
        return info

    # --- handlers ---

    async def health(self, request: Request) -> Response:
        """``GET /api/health``."""
        return JSONResponse({"ok": True})

    async def open_room(self, request: Request) -> Response:
        """``POST /api/rooms`` with optional ``{"activities": [...], "hours": n}``."""
        key = self.settings.host_key
        header = request.headers.get("authorization", "")
        allowed = _is_loopback(request) or (
            key is not None and hmac.compare_digest(header, f"Bearer {key}")
        )
        if not allowed:
            raise self._failed(
                request,
                RoomError(
                    403,
                    "forbidden",
                    "rooms can be opened only on the server itself or with its host key",
                ),
            )
        body = await read_json(request, optional=True)
        body = {} if body is None else body
        if not isinstance(body, dict) or set(body) - {"activities", "hours"}:
            raise RoomError(422, "invalid_room", 'send {} or {"activities": [...], "hours": n}')
        keys = body.get("activities")
        if keys is not None and (
            not isinstance(keys, list) or not all(isinstance(k, str) for k in keys)
        ):
            raise RoomError(422, "invalid_room", "'activities' must be a list of saved-work keys")
        hours = body.get("hours", self.settings.hours)
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 72:
            raise RoomError(422, "invalid_room", "'hours' must be a number above 0, at most 72")
        try:
            catalogue = select_activities(self.settings.catalogue, keys)
        except CatalogueError as err:
            raise RoomError(422, "unknown_activity", str(err)) from None
        code, coach, expires = await self._write(self.store.open_room(catalogue, float(hours)))
        return JSONResponse(
            {"code": code, "coach_token": coach, "expires_at": expires}, status_code=201
        )

    async def join(self, request: Request) -> Response:
        """``POST /api/rooms/{code}/join`` (empty body or ``{}``)."""
        self._limit(self.joins, self._address(request), "joins from this address")
        room = await self._room(request, fresh=False)
        body = await read_json(request, optional=True)
        if body not in (None, {}):
            raise RoomError(422, "invalid_join", "joining takes no details: send no body or {}")
        self._open(room)
        token = await self._write(self.store.join(room.id))
        return JSONResponse(
            {"participant_token": token, "room": self._room_info(room)}, status_code=201
        )

    async def room_info(self, request: Request) -> Response:
        """``GET /api/rooms/{code}`` with a participant or coach token."""
        room = await self._room(request)
        token = _bearer(request)
        is_coach = hmac.compare_digest(token_hash(token), room.coach_hash)
        if not is_coach:
            rid = await anyio.to_thread.run_sync(self.store.participant_room, token)
            if rid != room.id:
                raise self._failed(
                    request, RoomError(403, "forbidden", "this token is not for this room")
                )
        return JSONResponse(
            {**self._room_info(room), "role": "coach" if is_coach else "participant"}
        )

    async def submit(self, request: Request) -> Response:
        """``POST /api/rooms/{code}/submissions``."""
        token = _bearer(request)
        self._limit(self.submits, token_hash(token), "answers from this participant")
        room = await self._room(request, fresh=False)
        body = await read_json(request)
        self._open(room)
        submission = parse_submission(body, room.catalogue)
        try:
            result = await self._write(self.store.submit(room.id, token, submission))
        except RoomError as err:
            if err.status == 403:
                raise self._failed(request, err) from None
            raise
        return JSONResponse(
            {"accepted": True, "id": submission.client_id, **result},
            status_code=200 if result["duplicate"] else 201,
        )

    async def aggregates(self, request: Request) -> Response:
        """``GET /api/rooms/{code}/aggregates[?since=V&wait=S]``: the coach's view.

        With ``since``, waits up to ``wait`` seconds (at most 30) for the room's version to
        pass ``since``, then answers with the current view either way.
        """
        room = await self._room(request, fresh=False)
        self._coach(request, room)
        since, wait = self._poll_params(request)
        if since is not None and wait > 0:
            gone = asyncio.ensure_future(_client_gone(request))
            try:
                loop = asyncio.get_running_loop()
                deadline = loop.time() + wait
                while True:
                    event = self.notifier.event(room.id)
                    version = await anyio.to_thread.run_sync(self.store.version, room.id)
                    remaining = deadline - loop.time()
                    if version > since or remaining <= 0 or gone.done():
                        break
                    changed = asyncio.ensure_future(event.wait())
                    await asyncio.wait(
                        {changed, gone}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
                    )
                    changed.cancel()
            finally:
                gone.cancel()
            if gone.done() and not gone.cancelled():
                return Response(status_code=204)  # nobody is listening any more
        view = await anyio.to_thread.run_sync(self.store.aggregates, room)
        return JSONResponse(view)

    @staticmethod
    def _poll_params(request: Request) -> tuple[int | None, float]:
        since_raw = request.query_params.get("since")
        wait_raw = request.query_params.get("wait", "0")
        try:
            since = None if since_raw is None else int(since_raw)
            wait = float(wait_raw)
        except ValueError:
            raise RoomError(
                400, "bad_query", "'since' must be a whole number and 'wait' a number of seconds"
            ) from None
        if (since is not None and since < 0) or not 0 <= wait <= MAX_WAIT_SECONDS:
            raise RoomError(
                400, "bad_query", f"'since' must be 0 or more and 'wait' 0 to {MAX_WAIT_SECONDS:g}"
            )
        return since, wait

    async def set_shown(self, request: Request) -> Response:
        """``PATCH /api/rooms/{code}/texts/{id}`` with ``{"shown": true|false}``."""
        room = await self._room(request)
        self._coach(request, room)
        body = await read_json(request)
        if (
            not isinstance(body, dict)
            or set(body) != {"shown"}
            or not isinstance(body["shown"], bool)
        ):
            raise RoomError(422, "invalid_visibility", 'send {"shown": true} or {"shown": false}')
        self._open(room)
        try:
            text_id = int(request.path_params["text_id"])
        except ValueError:
            raise RoomError(404, "unknown_text", "text ids are whole numbers") from None
        version = await self._write(self.store.set_shown(room.id, text_id, body["shown"]))
        return JSONResponse({"id": text_id, "shown": body["shown"], "version": version})

    @staticmethod
    def _csv(room: Room, text: str) -> Response:
        return Response(
            text,
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="room-{room.code}-aggregates.csv"'
            },
        )

    async def export_csv(self, request: Request) -> Response:
        """``GET /api/rooms/{code}/export.csv``: the current aggregates, or the kept ones."""
        room = await self._room(request)
        self._coach(request, room)
        if room.status == "open" and room.is_open(self.store.clock()):
            from equitykit.room.aggregates import to_csv

            view = await anyio.to_thread.run_sync(self.store.aggregates, room)
            return self._csv(room, to_csv(view))
        kept = await anyio.to_thread.run_sync(self.store.export_csv, room)
        if kept is None:
            self._open(room)
        return self._csv(room, kept or "")

    async def close(self, request: Request) -> Response:
        """``POST /api/rooms/{code}/close``: the aggregate CSV; the room's data is deleted."""
        room = await self._room(request)
        self._coach(request, room)
        self._open(room)
        text = await self._write(self.store.close_room(room.id))
        self._cache.pop(room.code, None)
        return self._csv(room, text)


async def _client_gone(request: Request) -> None:
    """Return when the client of a long-poll has disconnected."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


def _json_errors(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except RoomError as err:
            return error_response(err)

    wrapped.__name__ = handler.__name__
    wrapped.__doc__ = handler.__doc__
    return wrapped


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not request.url.path.startswith("/api/"):
        return Response(exc.detail, status_code=exc.status_code, media_type="text/plain")
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    message = {
        404: f"there is no API route {request.url.path}",
        405: f"{request.method} is not allowed on {request.url.path}",
    }.get(exc.status_code, str(exc.detail))
    return error_response(RoomError(exc.status_code, code, message, dict(exc.headers or {})))


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_response(
        RoomError(500, "server_error", "the room server hit an unexpected problem; try again")
    )


def create_app(settings: RoomSettings, store: RoomStore | None = None) -> Starlette:
    """Build the ASGI application.

    Parameters
    ----------
    settings
        Catalogue, database path, site folder and limits.
    store
        An open store to use (tests); by default one is opened at start-up and closed at
        shutdown.

    Returns
    -------
    Starlette
        The application; ``app.state.store`` is the store while it runs.
    """
    notifier = Notifier()
    holder: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = store is None
        active = store or RoomStore(settings.db_path)
        active.on_change = notifier.changed
        notifier.bind(asyncio.get_running_loop())
        api = RoomAPI(settings, active, notifier)
        holder["api"] = api
        app.state.store = active
        await asyncio.wrap_future(active.sweep())

        async def sweep_forever() -> None:
            while True:
                await asyncio.sleep(SWEEP_SECONDS)
                with contextlib.suppress(sqlite3.Error):
                    await asyncio.wrap_future(active.sweep())

        sweeper = asyncio.create_task(sweep_forever())
        try:
            yield
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
            if own:
                await anyio.to_thread.run_sync(active.close)

    def route(path: str, name: str, methods: list[str]) -> Route:
        async def endpoint(request: Request) -> Response:
            return await getattr(holder["api"], name)(request)

        endpoint.__name__ = name
        return Route(path, _json_errors(endpoint), methods=methods)

    api_routes = [
        route("/health", "health", ["GET"]),
        route("/rooms", "open_room", ["POST"]),
        route("/rooms/{code}", "room_info", ["GET"]),
        route("/rooms/{code}/join", "join", ["POST"]),
        route("/rooms/{code}/submissions", "submit", ["POST"]),
        route("/rooms/{code}/aggregates", "aggregates", ["GET"]),
        route("/rooms/{code}/texts/{text_id}", "set_shown", ["PATCH"]),
        route("/rooms/{code}/export.csv", "export_csv", ["GET"]),
        route("/rooms/{code}/close", "close", ["POST"]),
    ]
    # the API is mounted first and whole, so /api/... never falls through to the site
    routes: list[Any] = [
        Mount("/api", routes=api_routes),
        *bridge_routes(settings.bridge_js, settings.bridge_css),
        Mount("/_room", app=StaticFiles(directory=STATIC_DIR), name="room-static"),
        *site_routes(settings.site_dir, settings.presenter_dir, settings.bridge_js),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.add_middleware(SecurityHeaders)
    return app
