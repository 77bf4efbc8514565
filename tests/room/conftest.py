"""Fixtures for the live-room tests: a small catalogue, an app on a temporary database."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from equitykit.room.app import create_app
from equitykit.room.catalogue import Catalogue, validate_catalogue
from equitykit.room.http import RoomSettings
from equitykit.room.store import RoomStore

with warnings.catch_warnings():
    # Starlette 1.x prefers the httpx2 package for its test client; httpx works the same here.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CATALOGUE_JSON: dict[str, Any] = {
    "build-a-coalition/knowledge-check": {
        "kind": "check",
        "questions": {
            "q1": {"options": ["a", "b", "c"], "correct": "b"},
            "q2": {"options": ["a", "b", "c"], "correct": "a"},
            "q3": ["a", "b", "c"],
        },
    },
    "adaptive-work/sort-challenges": {
        "kind": "sort",
        "items": ["i1", "i2"],
        "categories": ["technical", "adaptive", "both"],
        "answers": {"i1": "technical"},
    },
    "build-a-coalition/poll-door": {"kind": "poll", "options": ["a", "b", "c"]},
    "build-a-coalition/reflect-ready": {"kind": "reflection"},
}

LOCAL = ("127.0.0.1", 50000)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


_ids = itertools.count(1)


def new_id() -> str:
    return f"sub-{next(_ids):08d}"


@dataclass
class Room:
    """One open room in a test client, with helpers for its API."""

    client: TestClient
    code: str
    coach: str
    store: RoomStore
    participants: list[str] = field(default_factory=list)

    @property
    def coach_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.coach}"}

    def join(self) -> str:
        response = self.client.post(f"/api/rooms/{self.code}/join")
        assert response.status_code == 201, response.text
        token = response.json()["participant_token"]
        self.participants.append(token)
        return token

    def submit(
        self, token: str, activity: str, kind: str, payload: dict, sub_id: str | None = None
    ):
        return self.client.post(
            f"/api/rooms/{self.code}/submissions",
            json={"id": sub_id or new_id(), "activity": activity, "kind": kind, "payload": payload},
            headers={"Authorization": f"Bearer {token}"},
        )

    def check(self, token: str, question: str, option: str, sub_id: str | None = None):
        return self.submit(
            token,
            "build-a-coalition/knowledge-check",
            "check",
            {"question": question, "option": option},
            sub_id,
        )

    def view(self, **params: Any) -> dict:
        response = self.client.get(
            f"/api/rooms/{self.code}/aggregates", headers=self.coach_headers, params=params
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def catalogue() -> Catalogue:
    return validate_catalogue(CATALOGUE_JSON)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[RoomStore]:
    opened = RoomStore(tmp_path / "room.sqlite3", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def settings(tmp_path: Path, catalogue: Catalogue) -> RoomSettings:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Course</title>", encoding="utf-8")
    return RoomSettings(catalogue=catalogue, db_path=tmp_path / "room.sqlite3", site_dir=site)


@pytest.fixture
def client(settings: RoomSettings, store: RoomStore) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=store), client=LOCAL) as test_client:
        yield test_client


@pytest.fixture
def room(client: TestClient, store: RoomStore) -> Room:
    response = client.post("/api/rooms")
    assert response.status_code == 201, response.text
    body = response.json()
    return Room(client, body["code"], body["coach_token"], store)
