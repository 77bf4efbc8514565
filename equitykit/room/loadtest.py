"""Drive a real room server on loopback: start it, load it with participants, kill it.

Used by the room's load and fault tests and by ``benchmarks/bench_room.py``, so the test and
the benchmark measure the same thing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

LOAD_ACTIVITY = "load-test/knowledge-check"


def load_catalogue_json(questions: int = 50) -> dict[str, Any]:
    """Build a catalogue with one check of ``questions`` questions (options a-d, ``b`` correct)."""
    return {
        LOAD_ACTIVITY: {
            "kind": "check",
            "questions": {
                f"q{n}": {"options": ["a", "b", "c", "d"], "correct": "b"}
                for n in range(1, questions + 1)
            },
        },
        "load-test/r1": {"kind": "reflection"},
    }


def free_port() -> int:
    """Return a TCP port on loopback that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProcess:
    """An ``equitykit room`` process on loopback, for tests and the benchmark.

    Attributes
    ----------
    workdir
        Holds the site, catalogue and database.
    port
        The port to listen on (the same after a restart).
    site
        The site to serve (default: a one-page stand-in).
    catalogue
        The catalogue JSON file (default: the load test's).
    presenter
        A presenter view to serve at ``/_presenter/`` (default: none).
    """

    workdir: Path
    port: int = field(default_factory=free_port)
    site: Path | None = None
    catalogue: Path | None = None
    presenter: Path | None = None
    proc: subprocess.Popen | None = None
    output: str = ""
    code: str | None = None
    coach: str | None = None

    @property
    def base_url(self) -> str:
        """The server's origin."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_path(self) -> Path:
        """The room database."""
        return self.workdir / "room.sqlite3"

    def start(self, timeout: float = 20.0) -> ServerProcess:
        """Start the server and wait until it answers; read the room code and coach token."""
        site = self.site
        if site is None:
            site = self.workdir / "site"
            site.mkdir(parents=True, exist_ok=True)
            (site / "index.html").write_text("<!doctype html><title>Course</title>", "utf-8")
        catalogue = self.catalogue or self.workdir / "catalogue.json"
        if not catalogue.exists():
            catalogue.write_text(json.dumps(load_catalogue_json()), "utf-8")
        extra = ["--presenter", str(self.presenter)] if self.presenter else []
        log = self.workdir / f"server-{time.time_ns()}.log"
        self._log = log
        with log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "equitykit.cli", "room", "--site", str(site),
                 "--catalogue", str(catalogue), "--db", str(self.db_path),
                 "--port", str(self.port), *extra],
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"room server exited early:\n{log.read_text()}")
            try:
                if httpx.get(f"{self.base_url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        else:
            self.kill()
            raise RuntimeError(f"room server did not answer within {timeout} s")
        self.output = log.read_text()
        found = re.search(r"#room=([A-Z0-9]{6})&coach=([A-Za-z0-9_-]+)", self.output)
        if found:
            self.code, self.coach = found.group(1), found.group(2)
        return self

    def kill(self) -> None:
        """Kill the server with SIGKILL (no clean shutdown) and wait for it to die."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Stop the server with SIGINT, as Ctrl+C would (SIGKILL after 10 s)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "_log", None) is not None:
            self.output = self._log.read_text()


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` quantile (0-1) of ``values``, nearest-rank."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(len(ordered), rank) - 1]


class Phone:
    """One participant's kept-alive HTTP/1.1 connection, with as little client work as possible.

    The load generator shares the machine's two cores with the server; httpx costs several
    times more CPU per request than the server does, which would measure the client instead.
    This sends a request and reads a ``Content-Length`` response (the only kind the room API
    sends), nothing more.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> Phone:
        """Connect."""
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def request(
        self, method: str, path: str, body: dict | None = None, token: str | None = None
    ) -> tuple[int, Any]:
        """Send one request; return the status and the decoded JSON body."""
        assert self.reader is not None and self.writer is not None
        data = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        head += f"Content-Length: {len(data)}\r\n\r\n"
        self.writer.write(head.encode() + data)
        await self.writer.drain()
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = next(
            int(line.split(":", 1)[1])
            for line in lines
            if line.lower().startswith("content-length:")
        )
        return status, json.loads(await self.reader.readexactly(length))

    async def close(self) -> None:
        """Close the connection."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()


async def _join(http: httpx.AsyncClient, code: str) -> str:
    response = await http.post(f"/api/rooms/{code}/join")
    response.raise_for_status()
    return response.json()["participant_token"]


async def run_load(
    base_url: str,
    code: str,
    coach: str,
    participants: int = 60,
    answers_each: int = 6,
    seed: int = 15,
) -> dict[str, Any]:
    """Join ``participants``, then have all of them answer at once while the coach watches.

    Each participant sends ``answers_each`` knowledge-check answers one after another, as a
    phone would; all start together. The coach long-polls the aggregates throughout.

    Returns
    -------
    dict
        ``submissions``, ``accepted``, latency ``p50_ms``, ``p95_ms``, ``max_ms``, coach lag
        ``coach_p95_ms`` and ``coach_max_ms`` (from each acknowledgement to the first coach view
        that includes it), ``coach_final_ms`` (last acknowledgement to a complete view),
        ``final_answered`` (answers in the coach's last view) and ``seconds`` (wall time).
    """
    rng = random.Random(seed)
    url = httpx.URL(base_url)
    phones = [await Phone(url.host, url.port or 80).open() for _ in range(participants)]
    coach_http = httpx.AsyncClient(base_url=base_url, timeout=10)
    try:
        joins = await asyncio.gather(
            *(phone.request("POST", f"/api/rooms/{code}/join") for phone in phones)
        )
        for status, joined in joins:
            if status != 201:
                raise RuntimeError(f"join failed with {status}: {joined}")
        tokens = [joined["participant_token"] for _, joined in joins]
        views: list[tuple[float, int, int]] = []  # (time seen, version, answers counted)
        stop = asyncio.Event()

        async def watch() -> None:
            version = 0
            headers = {"Authorization": f"Bearer {coach}"}
            while not stop.is_set():
                response = await coach_http.get(
                    f"/api/rooms/{code}/aggregates",
                    params={"since": version, "wait": 2},
                    headers=headers,
                )
                seen = time.perf_counter()
                view = response.json()
                version = view["version"]
                answered = sum(
                    q["answered"] for q in view["activities"][LOAD_ACTIVITY]["questions"].values()
                )
                views.append((seen, version, answered))

        watcher = asyncio.create_task(watch())
        await asyncio.sleep(0.2)  # the coach's first view is in
        go = asyncio.Event()
        latencies: list[float] = []
        acks: list[tuple[float, int]] = []
        statuses: list[int] = []

        async def participant(phone: Phone, token: str) -> None:
            await go.wait()
            for n in range(1, answers_each + 1):
                body = {
                    "id": f"load-{token[:12]}-{n}",
                    "activity": LOAD_ACTIVITY,
                    "kind": "check",
                    "payload": {"question": f"q{n}", "option": rng.choice("abcd")},
                }
                start = time.perf_counter()
                status, answer = await phone.request(
                    "POST", f"/api/rooms/{code}/submissions", body, token
                )
                done = time.perf_counter()
                latencies.append(done - start)
                statuses.append(status)
                if status == 201:
                    acks.append((done, answer["version"]))

        tasks = [
            asyncio.create_task(participant(phone, t))
            for phone, t in zip(phones, tokens, strict=True)
        ]
        started = time.perf_counter()
        go.set()
        await asyncio.gather(*tasks)
        last_ack = time.perf_counter()
        expected = participants * answers_each
        deadline = last_ack + 5
        while time.perf_counter() < deadline and (not views or views[-1][2] < expected):
            await asyncio.sleep(0.01)
        stop.set()
        watcher.cancel()  # do not wait out the last long-poll
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    finally:
        await asyncio.gather(*(p.close() for p in phones))
        await coach_http.aclose()

    lags = []
    for ack_time, version in acks:
        seen = next((t for t, v, _ in views if v >= version), None)
        lags.append(float("inf") if seen is None else max(0.0, seen - ack_time))
    complete = next((t for t, _, n in views if n >= expected), None)
    ms = [x * 1000 for x in latencies]
    return {
        "participants": participants,
        "submissions": len(statuses),
        "accepted": statuses.count(201),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "max_ms": round(max(ms), 1),
        "coach_p95_ms": round(percentile(lags, 0.95) * 1000, 1),
        "coach_max_ms": round(max(lags) * 1000, 1),
        "coach_final_ms": None
        if complete is None
        else round(max(0.0, complete - last_ack) * 1000, 1),
        "final_answered": views[-1][2] if views else 0,
        "seconds": round(last_ack - started, 2),
    }


def _answered(base_url: str, code: str, coach: str) -> int:
    view = httpx.get(
        f"{base_url}/api/rooms/{code}/aggregates",
        headers={"Authorization": f"Bearer {coach}"},
        timeout=10,
    ).json()
    return sum(q["answered"] for q in view["activities"][LOAD_ACTIVITY]["questions"].values())


def crash_round(
    workdir: Path, participants: int = 20, questions: int = 50, kill_share: float = 0.3
) -> dict[str, Any]:
    """Kill the server with SIGKILL while answers arrive, restart it, resend everything.

    Each participant answers questions 1, 2, 3... one after another, so every submission is a
    distinct answer. When the server dies, each sender stops; the answer it was sending is
    "unknown" (it may or may not have been stored). After the restart every acknowledged and
    unknown submission is sent again with its id, as the browser client would.

    Returns
    -------
    dict
        ``acked_before_kill``, ``unknown_at_kill``, ``acked_lost`` (acknowledged answers
        missing after the restart: must be 0), ``resent_acked_duplicates`` (acknowledged
        answers the server recognised as resends), ``answers_counted`` and
        ``answers_expected`` (must be equal: nothing counted twice), ``restart_seconds``.
    """
    server = ServerProcess(workdir).start()
    base, code, coach = server.base_url, server.code, server.coach
    if not (code and coach):
        server.stop()
        raise RuntimeError(f"the server printed no room:\n{server.output}")
    try:
        tokens = [
            httpx.post(f"{base}/api/rooms/{code}/join", timeout=10).json()["participant_token"]
            for _ in range(participants)
        ]

        def body(token: str, n: int) -> dict[str, Any]:
            return {
                "id": f"crash-{token[:10]}-{n:03d}",
                "activity": LOAD_ACTIVITY,
                "kind": "check",
                "payload": {"question": f"q{n}", "option": "abcd"[n % 4]},
            }

        acked: list[tuple[str, int]] = []
        unknown: list[tuple[str, int]] = []

        async def sender(http: httpx.AsyncClient, token: str) -> None:
            for n in range(1, questions + 1):
                try:
                    response = await http.post(
                        f"/api/rooms/{code}/submissions",
                        json=body(token, n),
                        headers={"Authorization": f"Bearer {token}"},
                    )
                except httpx.TransportError:
                    unknown.append((token, n))
                    return
                if response.status_code not in (200, 201):
                    raise RuntimeError(f"unexpected {response.status_code}: {response.text}")
                acked.append((token, n))
                await asyncio.sleep(0.002)  # a phone is not a tight loop

        async def run() -> None:
            phones = [httpx.AsyncClient(base_url=base, timeout=5) for _ in tokens]
            tasks = [asyncio.create_task(sender(p, t)) for p, t in zip(phones, tokens, strict=True)]
            # kill mid-stream: once about a third of the answers are in
            deadline = time.monotonic() + 20
            while len(acked) < kill_share * participants * questions:
                if time.monotonic() > deadline:
                    raise RuntimeError("answers did not arrive; cannot test the kill")
                await asyncio.sleep(0.005)
            server.kill()
            await asyncio.gather(*tasks)
            await asyncio.gather(*(p.aclose() for p in phones))

        asyncio.run(run())
        acked_before = list(acked)
        start = time.perf_counter()
        server.start()
        restart_seconds = time.perf_counter() - start
        counted_after_restart = _answered(base, code, coach)

        duplicates = 0
        with httpx.Client(base_url=base, timeout=10) as http:
            for token, n in acked_before + unknown:
                response = http.post(
                    f"/api/rooms/{code}/submissions",
                    json=body(token, n),
                    headers={"Authorization": f"Bearer {token}"},
                )
                if response.status_code not in (200, 201):
                    raise RuntimeError(f"resend got {response.status_code}: {response.text}")
                if (token, n) in acked_before and response.json()["duplicate"]:
                    duplicates += 1
        counted = _answered(base, code, coach)
    finally:
        server.stop()
    return {
        "acked_before_kill": len(acked_before),
        "unknown_at_kill": len(unknown),
        "acked_lost": len(acked_before) - duplicates,
        "counted_right_after_restart": counted_after_restart,
        "resent_acked_duplicates": duplicates,
        "answers_counted": counted,
        "answers_expected": len(set(acked_before) | set(unknown)),
        "complete_before_kill": len(acked_before) == participants * questions,
        "restart_seconds": round(restart_seconds, 2),
    }
