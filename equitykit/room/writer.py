"""One thread that writes to SQLite, committing waiting writes together (group commit).

Every write is a function of the connection. The thread takes all writes that are waiting,
runs each inside its own savepoint (a write that raises is undone alone), commits once, and only
then resolves each caller's future. So a caller hears "done" only after its write is on disk,
and 60 writes arriving together cost one commit, not 60.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

MAX_BATCH = 256

WriteFunction = Callable[[sqlite3.Connection, set[int]], Any]


class WriterClosedError(RuntimeError):
    """A write was sent after the writer stopped."""


class Writer:
    """The single writer of one SQLite database.

    Parameters
    ----------
    connect
        Opens the writer's connection (in autocommit mode; the writer begins and commits).
    on_commit
        Called on the writer thread after each commit with the ids of the rooms that changed.
    """

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        on_commit: Callable[[set[int]], None] | None = None,
    ) -> None:
        self._connect = connect
        self._on_commit = on_commit
        self._queue: queue.Queue[tuple[WriteFunction, Future] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="room-writer", daemon=True)
        self._stopped = False
        self._ready: Future = Future()
        self._thread.start()
        self._ready.result()

    def submit(self, write: WriteFunction) -> Future:
        """Queue a write; the future resolves with its result once committed.

        ``write(conn, changed)`` adds to ``changed`` the id of every room it changes.
        """
        if self._stopped:
            raise WriterClosedError("the room's database is closed")
        future: Future = Future()
        self._queue.put((write, future))
        return future

    def close(self) -> None:
        """Finish every queued write, then stop the thread."""
        if not self._stopped:
            self._stopped = True
            self._queue.put(None)
            self._thread.join()

    def _run(self) -> None:
        try:
            conn = self._connect()
        except BaseException as err:  # reported to the constructor
            self._ready.set_exception(err)
            return
        self._ready.set_result(None)
        try:
            while True:
                first = self._queue.get()
                if first is None:
                    return
                batch = [first]
                while len(batch) < MAX_BATCH:
                    try:
                        nxt = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if nxt is None:
                        self._queue.put(None)
                        break
                    batch.append(nxt)
                self._commit(conn, batch)
        finally:
            conn.close()

    def _commit(self, conn: sqlite3.Connection, batch: list[tuple[WriteFunction, Future]]) -> None:
        outcomes: list[tuple[Future, Any, BaseException | None]] = []
        changed: set[int] = set()
        try:
            conn.execute("BEGIN IMMEDIATE")
            for write, future in batch:
                mine: set[int] = set()
                conn.execute("SAVEPOINT one")
                try:
                    result = write(conn, mine)
                except Exception as err:
                    conn.execute("ROLLBACK TO one")
                    conn.execute("RELEASE one")
                    outcomes.append((future, None, err))
                else:
                    conn.execute("RELEASE one")
                    changed |= mine
                    outcomes.append((future, result, None))
            conn.execute("COMMIT")
        except Exception as err:  # the commit itself failed: nothing in the batch is stored
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            for _write, future in batch:
                future.set_exception(err)
            return
        if changed and self._on_commit is not None:
            # a listener's bug must not stop the writer
            with contextlib.suppress(Exception):
                self._on_commit(changed)
        for future, result, error in outcomes:
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)
