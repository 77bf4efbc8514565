"""The room's data in SQLite (WAL mode): rooms, anonymous participants, answers, shared texts.

All writes go through one :class:`~equitykit.room.writer.Writer` thread and are acknowledged
only after their commit (``synchronous=FULL``), so a server killed with ``kill -9`` keeps every
submission it acknowledged. Reads use one connection per thread and see committed data only.

Each participant has at most one answer per question or sort item and one shared text per
reflection: a new answer replaces the old one. Each submission's client id is recorded, so a
resend is recognised and not applied twice. When a room closes or expires, its participants,
answers, texts and ids are deleted; only a tombstone (code, status, times and the aggregate CSV)
stays, until it is purged.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from equitykit.room import aggregates
from equitykit.room.catalogue import Catalogue
from equitykit.room.errors import RoomError
from equitykit.room.submissions import Submission
from equitykit.room.tokens import new_code, new_token, token_hash
from equitykit.room.writer import Writer

SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    coach_hash TEXT NOT NULL,
    catalogue TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'expired')),
    ended_at REAL,
    version INTEGER NOT NULL DEFAULT 0,
    export_csv TEXT
);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES rooms(id),
    token_hash TEXT NOT NULL UNIQUE,
    joined_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_room ON participants(room_id);
CREATE TABLE IF NOT EXISTS answers (
    room_id INTEGER NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    activity TEXT NOT NULL,
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (participant_id, activity, item)
);
CREATE INDEX IF NOT EXISTS answers_room ON answers(room_id, activity, item, value);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    activity TEXT NOT NULL,
    text TEXT NOT NULL,
    shown INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    UNIQUE (participant_id, activity)
);
CREATE INDEX IF NOT EXISTS texts_room ON texts(room_id);
CREATE TABLE IF NOT EXISTS received (
    room_id INTEGER NOT NULL,
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    client_id TEXT NOT NULL,
    digest TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (participant_id, client_id)
);
CREATE INDEX IF NOT EXISTS received_room ON received(room_id);
"""

#: How long a closed or expired room's tombstone (and its aggregate CSV) is kept.
KEEP_ENDED_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Room:
    """One room as read from the database.

    Attributes
    ----------
    id, code
        Internal id and the code participants type.
    coach_hash
        SHA-256 of the coach token.
    catalogue
        The activities this room accepts (empty once ended).
    created_at, expires_at, ended_at
        Unix times.
    status
        ``"open"``, ``"closed"`` or ``"expired"``.
    version
        Grows by one with every change a coach would see.
    """

    id: int
    code: str
    coach_hash: str
    catalogue: Catalogue
    created_at: float
    expires_at: float
    ended_at: float | None
    status: str
    version: int

    def is_open(self, now: float) -> bool:
        """Whether the room still takes joins and submissions."""
        return self.status == "open" and now < self.expires_at


def _connect(path: Path, *, writer: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    if writer:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RuntimeError(f"SQLite could not switch {path} to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.executescript(SCHEMA)
    else:
        conn.execute("PRAGMA query_only = 1")
    return conn


def _room(row: sqlite3.Row | tuple | None) -> Room | None:
    if row is None:
        return None
    rid, code, coach, catalogue, created, expires, ended, status, version = row
    return Room(
        rid, code, coach, json.loads(catalogue or "{}"), created, expires, ended, status, version
    )


ROOM_COLUMNS = "id, code, coach_hash, catalogue, created_at, expires_at, ended_at, status, version"


def _bump(conn: sqlite3.Connection, room_id: int, changed: set[int]) -> int:
    conn.execute("UPDATE rooms SET version = version + 1 WHERE id = ?", (room_id,))
    changed.add(room_id)
    return conn.execute("SELECT version FROM rooms WHERE id = ?", (room_id,)).fetchone()[0]


def _gone(room: Room, now: float) -> RoomError:
    if room.status == "closed":
        return RoomError(410, "room_closed", f"room {room.code} has been closed by the coach")
    return RoomError(410, "room_expired", f"room {room.code} has expired")


def _delete_room_data(conn: sqlite3.Connection, room_id: int) -> None:
    for table in ("received", "texts", "answers", "participants"):
        conn.execute(f"DELETE FROM {table} WHERE room_id = ?", (room_id,))  # noqa: S608


class RoomStore:
    """The database of all rooms on this server.

    Parameters
    ----------
    path
        The SQLite file (created if missing, with its folder).
    clock
        Returns the current Unix time; tests pass a fake one.
    max_participants
        Joins beyond this many in one room get 409.
    max_open_rooms
        Opening more rooms than this at once gets 409.
    on_change
        Called on the writer thread with the ids of rooms that changed, after each commit.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], float] = time.time,
        max_participants: int = 300,
        max_open_rooms: int = 50,
        on_change: Callable[[set[int]], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.max_participants = max_participants
        self.max_open_rooms = max_open_rooms
        self.on_change = on_change
        self._local = threading.local()
        self._writer = Writer(lambda: _connect(self.path, writer=True), self._changed)

    def _changed(self, room_ids: set[int]) -> None:
        if self.on_change is not None:
            self.on_change(room_ids)

    def close(self) -> None:
        """Finish queued writes and stop the writer thread."""
        self._writer.close()

    # --- reads (any thread) ---

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path, writer=False)
            self._local.conn = conn
        return conn

    def room_by_code(self, code: str) -> Room | None:
        """Return the room with this (normalised) code, open or ended."""
        row = (
            self._reader()
            .execute(f"SELECT {ROOM_COLUMNS} FROM rooms WHERE code = ?", (code,))  # noqa: S608
            .fetchone()
        )
        return _room(row)

    def open_rooms(self) -> list[Room]:
        """Rooms still open (not closed, not past their expiry)."""
        rows = (
            self._reader()
            .execute(
                f"SELECT {ROOM_COLUMNS} FROM rooms WHERE status = 'open' AND expires_at > ?",  # noqa: S608
                (self.clock(),),
            )
            .fetchall()
        )
        return [r for r in map(_room, rows) if r is not None]

    def participant_room(self, token: str) -> int | None:
        """Return the room id of a participant token, or None."""
        row = (
            self._reader()
            .execute("SELECT room_id FROM participants WHERE token_hash = ?", (token_hash(token),))
            .fetchone()
        )
        return None if row is None else row[0]

    def version(self, room_id: int) -> int:
        """Return the room's change counter (0 for an unknown room)."""
        row = (
            self._reader().execute("SELECT version FROM rooms WHERE id = ?", (room_id,)).fetchone()
        )
        return 0 if row is None else row[0]

    def aggregates(self, room: Room) -> dict[str, Any]:
        """Return the coach's view of a room, read in one consistent snapshot."""
        conn = self._reader()
        conn.execute("BEGIN")
        try:
            return aggregates.room_view(conn, room)
        finally:
            conn.execute("COMMIT")

    def export_csv(self, room: Room) -> str | None:
        """Return the aggregate CSV kept for an ended room, or None while it is open."""
        row = (
            self._reader()
            .execute("SELECT export_csv FROM rooms WHERE id = ?", (room.id,))
            .fetchone()
        )
        return None if row is None else row[0]

    # --- writes (through the writer; each returns a Future) ---

    def open_room(self, catalogue: Catalogue, hours: float) -> Future:
        """Open a room; resolves to ``(code, coach_token, expires_at)``."""
        coach = new_token()
        now = self.clock()

        def write(conn: sqlite3.Connection, changed: set[int]) -> tuple[str, str, float]:
            (count,) = conn.execute(
                "SELECT COUNT(*) FROM rooms WHERE status = 'open' AND expires_at > ?", (now,)
            ).fetchone()
            if count >= self.max_open_rooms:
                raise RoomError(
                    409, "too_many_rooms", f"{count} rooms are already open; close one first"
                )
            for _attempt in range(20):
                code = new_code()
                try:
                    cur = conn.execute(
                        "INSERT INTO rooms (code, coach_hash, catalogue, created_at, expires_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (code, token_hash(coach), json.dumps(catalogue), now, now + hours * 3600),
                    )
                except sqlite3.IntegrityError:
                    continue
                changed.add(int(cur.lastrowid))
                return code, coach, now + hours * 3600
            raise RoomError(503, "no_free_code", "could not find a free room code; try again")

        return self._writer.submit(write)

    def join(self, room_id: int) -> Future:
        """Add an anonymous participant; resolves to their token."""
        token = new_token()
        now = self.clock()

        def write(conn: sqlite3.Connection, changed: set[int]) -> str:
            room = self._room_in(conn, room_id)
            if not room.is_open(now):
                raise _gone(room, now)
            (count,) = conn.execute(
                "SELECT COUNT(*) FROM participants WHERE room_id = ?", (room_id,)
            ).fetchone()
            if count >= self.max_participants:
                raise RoomError(409, "room_full", f"room {room.code} already has {count} people")
            conn.execute(
                "INSERT INTO participants (room_id, token_hash, joined_at) VALUES (?, ?, ?)",
                (room_id, token_hash(token), now),
            )
            _bump(conn, room_id, changed)
            return token

        return self._writer.submit(write)

    def submit(self, room_id: int, token: str, submission: Submission) -> Future:
        """Store one answer; resolves to ``{"duplicate": bool, "version": int}``.

        A resend (same participant, same client id, same content) changes nothing and resolves
        with ``duplicate`` true; the same id with other content is refused with 409.
        """
        hashed = token_hash(token)
        now = self.clock()
        s = submission

        def write(conn: sqlite3.Connection, changed: set[int]) -> dict[str, Any]:
            room = self._room_in(conn, room_id)
            if not room.is_open(now):  # before the token: a closed room has no participants
                raise _gone(room, now)
            row = conn.execute(
                "SELECT id FROM participants WHERE token_hash = ? AND room_id = ?",
                (hashed, room_id),
            ).fetchone()
            if row is None:
                raise RoomError(403, "forbidden", "this participant token is not for this room")
            pid = row[0]
            seen = conn.execute(
                "SELECT digest, version FROM received WHERE participant_id = ? AND client_id = ?",
                (pid, s.client_id),
            ).fetchone()
            if seen is not None:
                if seen[0] != s.digest:
                    raise RoomError(
                        409,
                        "id_reused",
                        f"submission id {s.client_id} was already used for another answer",
                    )
                return {"duplicate": True, "version": seen[1]}
            if s.kind == "reflection":
                self._store_text(conn, room_id, pid, s, now)
            else:
                conn.execute(
                    "INSERT INTO answers (room_id, participant_id, activity, item, value,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (participant_id, activity, item)"
                    " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    (room_id, pid, s.activity, s.item, s.value, now),
                )
            version = _bump(conn, room_id, changed)
            conn.execute(
                "INSERT INTO received (room_id, participant_id, client_id, digest, version)"
                " VALUES (?, ?, ?, ?, ?)",
                (room_id, pid, s.client_id, s.digest, version),
            )
            return {"duplicate": False, "version": version}

        return self._writer.submit(write)

    @staticmethod
    def _store_text(
        conn: sqlite3.Connection, room_id: int, pid: int, s: Submission, now: float
    ) -> None:
        if not s.value:  # an empty text withdraws the shared text
            conn.execute(
                "DELETE FROM texts WHERE participant_id = ? AND activity = ?", (pid, s.activity)
            )
            return
        # a changed text is hidden again: the coach decides afresh whether to show it
        conn.execute(
            "INSERT INTO texts (room_id, participant_id, activity, text, shown, updated_at)"
            " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (participant_id, activity) DO UPDATE SET"
            " shown = CASE WHEN texts.text = excluded.text THEN texts.shown ELSE 0 END,"
            " text = excluded.text, updated_at = excluded.updated_at",
            (room_id, pid, s.activity, s.value, now),
        )

    def set_shown(self, room_id: int, text_id: int, shown: bool) -> Future:
        """Show or hide one shared text; resolves to the new version."""
        now = self.clock()

        def write(conn: sqlite3.Connection, changed: set[int]) -> int:
            room = self._room_in(conn, room_id)
            if not room.is_open(now):
                raise _gone(room, now)
            cur = conn.execute(
                "UPDATE texts SET shown = ? WHERE id = ? AND room_id = ?",
                (int(shown), text_id, room_id),
            )
            if cur.rowcount == 0:
                raise RoomError(404, "unknown_text", f"this room has no shared text {text_id}")
            return _bump(conn, room_id, changed)

        return self._writer.submit(write)

    def close_room(self, room_id: int) -> Future:
        """Close a room: keep its aggregate CSV, delete everything else; resolves to the CSV."""
        now = self.clock()

        def write(conn: sqlite3.Connection, changed: set[int]) -> str:
            room = self._room_in(conn, room_id)
            if not room.is_open(now):
                raise _gone(room, now)
            return self._end(conn, room, "closed", now, changed)

        return self._writer.submit(write)

    def reissue_coach_token(self, code: str) -> Future:
        """Replace an open room's coach token (for a coach who lost it); resolves to the new one."""
        coach = new_token()
        now = self.clock()

        def write(conn: sqlite3.Connection, changed: set[int]) -> str:
            row = conn.execute("SELECT id FROM rooms WHERE code = ?", (code,)).fetchone()
            if row is None:
                raise RoomError(404, "unknown_room", f"there is no room {code}")
            room = self._room_in(conn, row[0])
            if not room.is_open(now):
                raise _gone(room, now)
            conn.execute(
                "UPDATE rooms SET coach_hash = ? WHERE id = ?", (token_hash(coach), room.id)
            )
            changed.add(room.id)
            return coach

        return self._writer.submit(write)

    def sweep(self) -> Future:
        """End rooms past their expiry (keeping the CSV) and purge old tombstones.

        Resolves to the number of rooms that expired now.
        """
        now = self.clock()

        def write(conn: sqlite3.Connection, changed: set[int]) -> int:
            due = conn.execute(
                f"SELECT {ROOM_COLUMNS} FROM rooms WHERE status = 'open' AND expires_at <= ?",  # noqa: S608
                (now,),
            ).fetchall()
            for row in due:
                room = _room(row)
                assert room is not None
                self._end(conn, room, "expired", now, changed)
            conn.execute(
                "DELETE FROM rooms WHERE status != 'open' AND ended_at < ?",
                (now - KEEP_ENDED_SECONDS,),
            )
            return len(due)

        return self._writer.submit(write)

    # --- helpers on the writer thread ---

    @staticmethod
    def _room_in(conn: sqlite3.Connection, room_id: int) -> Room:
        room = _room(
            conn.execute(
                f"SELECT {ROOM_COLUMNS} FROM rooms WHERE id = ?",  # noqa: S608
                (room_id,),
            ).fetchone()
        )
        if room is None:
            raise RoomError(404, "unknown_room", "this room no longer exists")
        return room

    @staticmethod
    def _end(
        conn: sqlite3.Connection, room: Room, status: str, now: float, changed: set[int]
    ) -> str:
        csv_text = aggregates.to_csv(aggregates.room_view(conn, room))
        _delete_room_data(conn, room.id)
        conn.execute(
            "UPDATE rooms SET status = ?, ended_at = ?, catalogue = '{}', export_csv = ?"
            " WHERE id = ?",
            (status, now, csv_text, room.id),
        )
        _bump(conn, room.id, changed)
        return csv_text
