"""The group-commit writer and the token-bucket rate limiter."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from equitykit.room.ratelimit import RateLimiter
from equitykit.room.writer import Writer, WriterClosedError


def make_writer(path: Path, on_commit=None) -> Writer:
    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER UNIQUE)")
        return conn

    return Writer(connect, on_commit)


def rows(path: Path) -> list[int]:
    db = sqlite3.connect(path)
    try:
        return [x for (x,) in db.execute("SELECT x FROM t ORDER BY x")]
    finally:
        db.close()


def test_a_failing_write_is_undone_alone_and_others_in_its_batch_commit(tmp_path: Path):
    path = tmp_path / "w.db"
    gate = threading.Event()
    writer = make_writer(path)
    # hold the writer so the next three writes queue up and commit as one batch
    blocker = writer.submit(lambda conn, changed: gate.wait(5))
    futures = [
        writer.submit(lambda conn, changed, x=x: conn.execute("INSERT INTO t VALUES (?)", (x,)))
        for x in (1, 1, 2)  # the second breaks the UNIQUE rule
    ]
    gate.set()
    blocker.result(timeout=5)
    futures[0].result(timeout=5)
    with pytest.raises(sqlite3.IntegrityError):
        futures[1].result(timeout=5)
    futures[2].result(timeout=5)
    assert rows(path) == [1, 2]
    writer.close()
    with pytest.raises(WriterClosedError):
        writer.submit(lambda conn, changed: None)


def test_results_arrive_only_after_commit_and_listeners_hear_changed_rooms(tmp_path: Path):
    path = tmp_path / "w.db"
    heard: list[set[int]] = []
    seen_on_disk: list[list[int]] = []

    def on_commit(rooms: set[int]) -> None:
        heard.append(rooms)
        seen_on_disk.append(rows(path))  # another connection already sees the row

    writer = make_writer(path, on_commit)

    def write(conn: sqlite3.Connection, changed: set[int]) -> str:
        conn.execute("INSERT INTO t VALUES (7)")
        changed.add(42)
        return "done"

    assert writer.submit(write).result(timeout=5) == "done"
    assert heard == [{42}] and seen_on_disk == [[7]]
    writer.close()


def test_a_listener_that_raises_does_not_stop_the_writer(tmp_path: Path):
    def broken(rooms: set[int]) -> None:
        raise ValueError("listener bug")

    writer = make_writer(tmp_path / "w.db", broken)

    def write(conn, changed):
        changed.add(1)
        return 1

    assert writer.submit(write).result(timeout=5) == 1
    assert writer.submit(write).result(timeout=5) == 1
    writer.close()


def test_rate_limiter_allows_a_burst_then_refills():
    now = [0.0]
    limiter = RateLimiter(burst=3, per_second=2, clock=lambda: now[0])
    assert [limiter.check("p") for _ in range(3)] == [0, 0, 0]
    wait = limiter.check("p")
    assert wait == pytest.approx(0.5)
    assert limiter.wait("p") == pytest.approx(0.5)
    assert limiter.check("someone else") == 0
    now[0] += 0.5
    assert limiter.wait("p") == 0 and limiter.check("p") == 0
    assert RateLimiter.retry_after(0.2) == "1" and RateLimiter.retry_after(2.1) == "3"


def test_rate_limiter_forgets_the_oldest_keys_beyond_its_bound():
    limiter = RateLimiter(burst=1, per_second=0.001, max_keys=2, clock=lambda: 0.0)
    limiter.check("a")
    limiter.check("b")
    limiter.check("c")  # "a" is dropped
    assert limiter.check("a") == 0
    assert limiter.check("c") > 0
