"""What the room serves besides its API: the learner site with the bridge, and the presenter.

The learner site's pages get two tags before ``</body>``: the participant bridge's style sheet
and script (``/_room/bridge.css``, ``/_room/bridge.js``), which do nothing unless the page was
opened from a room's link or the learner joined a room. The presenter view holds speaker notes
and answer keys, so :class:`CoachOnlyFiles` serves it only to this computer (loopback): phones
on the network get 403 and a sentence saying why.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from equitykit.room.tokens import normalize_code

#: Where the presenter view is served (the coach link points here).
PRESENTER_PREFIX = "/_presenter"
#: The participants' short link, ``/r/<code>``: the site's start page, offering to join.
JOIN_PREFIX = "/r/"
_REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*\d+\s*;\s*url=([^"'>\s]+)""",
    re.I,
)
BRIDGE_TAGS = (
    '<link rel="stylesheet" href="/_room/bridge.css">'
    '<script type="module" src="/_room/bridge.js"></script>'
)


def with_bridge(html: str) -> str:
    """Return the page with the bridge's tags just before its last ``</body>`` (or at the end)."""
    at = html.lower().rfind("</body>")
    if at < 0:
        return html + BRIDGE_TAGS
    return html[:at] + BRIDGE_TAGS + html[at:]


class ParticipantSite(StaticFiles):
    """The built learner site; every HTML page carries the participant bridge's tags.

    Parameters
    ----------
    bridge
        False: serve the pages as they are (the bridge was not built).
    """

    def __init__(self, *, directory: Path, bridge: bool = True) -> None:
        super().__init__(directory=directory, html=True)
        self.bridge = bridge

    def file_response(
        self,
        full_path: os.PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        """Serve the file; an HTML page is read and served with the bridge added."""
        if self.bridge and str(full_path).endswith(".html"):
            text = Path(full_path).read_text(encoding="utf-8", errors="replace")
            return HTMLResponse(with_bridge(text), status_code=status_code)
        return super().file_response(full_path, stat_result, scope, status_code)


def start_page(site_dir: Path) -> str:
    """Return the site's start page as a path: where ``index.html`` redirects, else ``/``.

    A Jupyter Book's root ``index.html`` only redirects (``<meta http-equiv="Refresh">``),
    and a redirect of that kind drops the query string, so the join link skips it.
    """
    index = Path(site_dir) / "index.html"
    try:
        found = _REFRESH.search(index.read_text(encoding="utf-8", errors="replace")[:4096])
    except OSError:
        found = None
    if not found or "//" in found.group(1) or found.group(1).startswith(("/", "\\")):
        return "/"
    return "/" + found.group(1).lstrip("./")


def join_route(site_dir: Path | None) -> Route:
    """Return the route of the short link ``/r/<code>``: to the start page, with the code."""
    start = start_page(site_dir) if site_dir is not None else "/"

    def join(request: Request) -> Response:
        code = normalize_code(request.path_params["code"])
        if code is None:
            return PlainTextResponse(
                "That is not a room code: a room code has 6 letters and digits, as shown on "
                "the screen.",
                status_code=404,
            )
        return RedirectResponse(f"{start}?room={code}", status_code=303)

    return Route(JOIN_PREFIX + "{code}", join, methods=["GET"])


def _is_loopback_scope(scope: Scope) -> bool:
    import ipaddress

    client = scope.get("client")
    try:
        return bool(client) and ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


class CoachOnlyFiles(StaticFiles):
    """The presenter view, served only to requests from this computer."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the file to a loopback client; answer 403 with a reason to anyone else."""
        if scope["type"] == "http" and not _is_loopback_scope(scope):
            refusal = PlainTextResponse(
                "The presenter view holds speaker notes and answer keys, so the room serves it "
                "only to the computer it runs on. Open the coach link on that computer.",
                status_code=403,
                headers={"cache-control": "no-store"},
            )
            await refusal(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def bridge_response(path: Path | None, media_type: str) -> Response:
    """Serve one of the bridge's files, or 404 with what to do when it was not built."""
    if path is None or not Path(path).is_file():
        return PlainTextResponse(
            "the participant bridge was not built: run `make assets`", status_code=404
        )
    return FileResponse(path, media_type=media_type)


def bridge_routes(bridge_js: Path | None, bridge_css: Path | None) -> list[Route]:
    """Return the routes of the bridge's two files (mount them before ``/_room``)."""
    return [
        Route("/_room/bridge.js", lambda r: bridge_response(bridge_js, "text/javascript")),
        Route("/_room/bridge.css", lambda r: bridge_response(bridge_css, "text/css")),
    ]


def site_routes(
    site_dir: Path | None, presenter_dir: Path | None, bridge_js: Path | None
) -> list[Mount | Route]:
    """Return the join link, the presenter view (coach only) and the site (with the bridge)."""
    routes: list[Mount | Route] = [join_route(site_dir)]
    if presenter_dir is not None:
        presenter = CoachOnlyFiles(directory=presenter_dir, html=True)
        routes.append(Mount(PRESENTER_PREFIX, app=presenter))
    if site_dir is not None:
        bridge = bridge_js is not None and Path(bridge_js).is_file()
        routes.append(Mount("/", app=ParticipantSite(directory=site_dir, bridge=bridge)))
    return routes
