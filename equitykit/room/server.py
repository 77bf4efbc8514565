"""Start the live room: check the site and catalogue, bind the port, print the addresses, serve.

Used by ``equitykit room`` (see :func:`add_room_arguments` and :func:`run_room`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import ipaddress
import os
import socket
import sqlite3
import sys
import time
from pathlib import Path

from equitykit.room.catalogue import Catalogue, catalogue_from_modules, load_catalogue
from equitykit.room.errors import RoomError
from equitykit.room.store import RoomStore

#: Where the coach link points; the presenter view reads ``#room=...&coach=...`` from it.
PRESENTER_PATH = "/_presenter/"


class RoomStartError(ValueError):
    """The room cannot start (no site, port taken, database unusable); says what to do."""


def default_db_path() -> Path:
    """Return the database file: ``$XDG_DATA_HOME/equitykit/room.sqlite3`` or ``~/.local/...``."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "equitykit" / "room.sqlite3"


def lan_address() -> str | None:
    """Return this machine's address on the local network, found without the internet.

    A UDP socket "connected" to a private address sends nothing; it only asks the routing
    table which local address would be used. Falls back to the host name's addresses.
    """
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((probe, 1))
            address = s.getsockname()[0]
            if not ipaddress.ip_address(address).is_loopback and address != "0.0.0.0":
                return address
    with contextlib.suppress(OSError):
        for address in socket.gethostbyname_ex(socket.gethostname())[2]:
            if not ipaddress.ip_address(address).is_loopback:
                return address
    return None


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port``, or raise :class:`RoomStartError` saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
    # and without it every kept-alive response waits ~40 ms for a delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise RoomStartError(
                f"port {port} on {host} is already in use (is another room or server running?);"
                f" stop it, or choose another port with --port {port + 1}"
            ) from None
        if err.errno == errno.EACCES:
            raise RoomStartError(
                f"not allowed to use port {port}; choose a port above 1024 with --port 8000"
            ) from None
        if err.errno == errno.EADDRNOTAVAIL:
            raise RoomStartError(f"{host} is not an address of this machine") from None
        raise RoomStartError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    return sock


def _check_site(site: Path) -> Path:
    if not site.is_dir():
        raise RoomStartError(
            f"no built site at {site}: build it first with 'make site' (or 'make room', "
            "which builds it when missing), or point --site at the built folder"
        )
    if not (site / "index.html").is_file():
        raise RoomStartError(
            f"{site} has no index.html, so it is not a built site; run 'make site' first"
        )
    return site


def _catalogue(args: argparse.Namespace) -> Catalogue:
    if args.catalogue:
        return load_catalogue(args.catalogue)
    if args.modules is None:
        from equitykit.content.modules import MODULES_DIR

        modules = Path("modules") if Path("modules").is_dir() else MODULES_DIR
    else:
        modules = Path(args.modules)
    if not modules.is_dir():
        raise RoomStartError(
            f"no modules folder at {modules}; pass --catalogue FILE or --modules DIR"
        )
    return catalogue_from_modules(modules)


def _clock(seconds: float) -> str:
    return time.strftime("%H:%M on %d %b", time.localtime(seconds))


def _open_store(path: Path) -> RoomStore:
    try:
        return RoomStore(path)
    except (sqlite3.Error, OSError, RuntimeError) as err:
        raise RoomStartError(f"cannot use the room database {path}: {err}") from None


def run_room(args: argparse.Namespace) -> int:
    """Run ``equitykit room``; return the exit code.

    Raises
    ------
    RoomStartError
        When the site, catalogue, database or port cannot be used (nothing is started).
    """
    import uvicorn

    from equitykit.room.app import create_app
    from equitykit.room.http import RoomSettings

    site = _check_site(Path(args.site))
    catalogue = _catalogue(args)
    host = "0.0.0.0" if args.network and args.host == "127.0.0.1" else args.host
    sock = bind_socket(host, args.port)
    db_path = Path(args.db) if args.db else default_db_path()
    store = _open_store(db_path)
    try:
        rooms = store.open_rooms()
        lines = []
        if args.new_coach_token:
            code = args.new_coach_token.strip().upper()
            try:
                token = store.reissue_coach_token(code).result()
            except RoomError as err:
                raise RoomStartError(err.message) from None
            lines.append(f"New coach token for room {code}: {token}")
        opened = None
        if args.new_room or not rooms:
            try:
                opened = store.open_room(catalogue, args.hours).result()
            except RoomError as err:
                raise RoomStartError(err.message) from None
        public = _print_banner(
            args, host, opened, [r for r in rooms if opened is None], lines, db_path
        )
        settings = RoomSettings(
            catalogue=catalogue,
            db_path=db_path,
            site_dir=site,
            hours=args.hours,
            host_key=os.environ.get("EQUITYKIT_ROOM_HOST_KEY") or None,
            presenter_dir=getattr(args, "presenter_dir", None),
            bridge_js=getattr(args, "bridge_js", None),
            bridge_css=getattr(args, "bridge_css", None),
            public_url=public,
        )
        config = uvicorn.Config(
            create_app(settings, store=store),
            log_level="info" if args.verbose else "warning",
            access_log=args.verbose,
            server_header=False,
            timeout_graceful_shutdown=3,
            lifespan="on",
        )
        with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        store.close()
    print(f"Room server stopped. Accepted answers are kept in {db_path}; start it again to go on.")
    return 0


def _print_banner(
    args: argparse.Namespace,
    host: str,
    opened: tuple[str, str, float] | None,
    still_open: list,
    lines: list[str],
    db_path: Path,
) -> str:
    """Print the addresses and the room; return the origin participants use."""
    local = f"http://127.0.0.1:{args.port}"
    if host in ("0.0.0.0", "::"):
        found = lan_address()
        public = f"http://{found}:{args.port}" if found else None
    elif ipaddress.ip_address(host).is_loopback:
        public = None
    else:
        public = f"http://{host}:{args.port}"
    out = [f"The course site and live room are running at {local} (Ctrl+C stops them)."]
    if public:
        out.append(f"Participants on your network open: {public}")
    elif host in ("0.0.0.0", "::"):
        out.append(
            "Could not find this computer's network address: participants use"
            f" http://<this computer's address>:{args.port}"
        )
    else:
        out.append(
            "Only this computer can reach it. To let phones on your network join,"
            " start it with --network."
        )
    base = public or local
    coach_page = PRESENTER_PATH if getattr(args, "presenter_dir", None) else "/"
    if opened:
        code, coach, expires = opened
        out += [
            f"Room code: {code}   (open until {_clock(expires)})",
            f"Participant link: {base}/r/{code}",
            f"Coach link, keep it private: {local}{coach_page}#room={code}&coach={coach}",
        ]
    for room in still_open:
        out.append(
            f"Room {room.code} is still open (until {_clock(room.expires_at)}); its coach link"
            " from when it was opened still works. Add --new-room to open another."
        )
    out += lines
    out += getattr(args, "notices", [])
    out.append(f"Answers are saved in {db_path}.")
    print("\n".join(out), flush=True)
    sys.stdout.flush()
    return base


def add_room_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``equitykit room`` to ``parser``."""
    parser.add_argument(
        "--site", default="_build/html", help="the built site (default _build/html)"
    )
    parser.add_argument("--catalogue", help="JSON catalogue of activities (default: from modules)")
    parser.add_argument("--modules", help="modules folder for the catalogue (default: modules)")
    parser.add_argument("--db", help="SQLite file for the room's data (default: in your home)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument(
        "--network", action="store_true", help="let others on your network join (0.0.0.0)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--hours", type=float, default=8.0, help="a new room's lifetime (8)")
    parser.add_argument("--new-room", action="store_true", help="open a new room even if one is")
    parser.add_argument(
        "--new-coach-token", metavar="CODE", help="replace a lost coach token for room CODE"
    )
    parser.add_argument(
        "--presenter",
        metavar="DIR",
        help="a presenter view to serve to the coach (default: built at start from the modules;"
        " none with --catalogue)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
