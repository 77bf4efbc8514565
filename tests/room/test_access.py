"""Who may do what: participants never see others' answers or the coach's controls."""

from __future__ import annotations

import pytest

from equitykit.cli import build_parser
from equitykit.room.app import create_app
from equitykit.room.tokens import CODE_ALPHABET, new_token
from tests.room.conftest import Room, TestClient

REFLECT = "build-a-coalition/reflect-ready"
SECRET = "Only the coach should ever read this sentence"


def coach_routes(room: Room, text_id: int) -> list[tuple[str, str, dict | None]]:
    return [
        ("GET", f"/api/rooms/{room.code}/aggregates", None),
        ("GET", f"/api/rooms/{room.code}/aggregates?since=0&wait=0", None),
        ("GET", f"/api/rooms/{room.code}/export.csv", None),
        ("PATCH", f"/api/rooms/{room.code}/texts/{text_id}", {"shown": True}),
        ("POST", f"/api/rooms/{room.code}/close", None),
    ]


@pytest.fixture
def shared(room: Room) -> tuple[Room, str, str, int]:
    ana, ben = room.join(), room.join()
    room.submit(ana, REFLECT, "reflection", {"text": SECRET})
    room.check(ana, "q1", "c")
    text_id = room.view()["texts"][0]["id"]
    return room, ana, ben, text_id


def test_a_participant_token_opens_none_of_the_coach_routes(shared):
    room, _ana, ben, text_id = shared
    before = room.view()
    for method, url, body in coach_routes(room, text_id):
        response = room.client.request(
            method, url, json=body, headers={"Authorization": f"Bearer {ben}"}
        )
        assert response.status_code == 403, (method, url)
        assert response.json()["error"] == "forbidden"
        assert SECRET not in response.text
    after = room.view()
    assert after == before and after["texts"][0]["shown"] is False  # nothing changed


def test_no_token_gets_401_with_a_hint(shared):
    room, _ana, _ben, text_id = shared
    for method, url, body in coach_routes(room, text_id):
        response = room.client.request(method, url, json=body)
        assert response.status_code == 401, (method, url)
        assert response.json()["error"] == "missing_token"
        assert response.headers["www-authenticate"] == "Bearer"
    no_token = room.client.post(f"/api/rooms/{room.code}/submissions", json={})
    assert no_token.status_code == 401


def test_every_route_a_participant_can_call_hides_other_answers(shared):
    room, _ana, ben, _text_id = shared
    headers = {"Authorization": f"Bearer {ben}"}
    readable = [
        room.client.get(f"/api/rooms/{room.code}", headers=headers),
        room.client.post(f"/api/rooms/{room.code}/join"),
        room.check(ben, "q1", "a"),
    ]
    for response in readable:
        assert response.status_code in (200, 201)
        assert SECRET not in response.text
        assert '"c"' not in response.text.replace('["a","b","c"]', "")  # Ana's option
    info = readable[0].json()
    assert info["role"] == "participant"
    assert set(info) == {"code", "status", "expires_at", "activities", "role"}
    assert "correct" not in readable[0].text


def test_tokens_work_only_in_their_own_room(shared):
    room, ana, _ben, text_id = shared
    other_body = room.client.post("/api/rooms").json()
    other = Room(room.client, other_body["code"], other_body["coach_token"], room.store)
    # a participant of room A cannot answer in room B
    response = other.check(ana, "q1", "a")
    assert response.status_code == 403
    # room B's coach cannot read or steer room A
    wrong_coach = {"Authorization": f"Bearer {other.coach}"}
    for method, url, body in coach_routes(room, text_id):
        response = room.client.request(method, url, json=body, headers=wrong_coach)
        assert response.status_code == 403, (method, url)
    assert room.client.get(f"/api/rooms/{room.code}", headers=wrong_coach).status_code == 403


def test_tokens_are_long_random_and_only_their_hashes_are_stored(shared):
    room, ana, ben, _ = shared
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) >= 43 for t in tokens)  # 256 random bits, URL-safe base64
    raw = room.store.path.read_bytes()
    wal = room.store.path.with_name(room.store.path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for token in (room.coach, ana, ben):
        assert token.encode() not in raw


def test_room_codes_avoid_look_alike_characters():
    assert not set(CODE_ALPHABET) & set("01ILO")
    assert len(CODE_ALPHABET) ** 6 > 800_000_000


def test_opening_a_room_from_another_machine_needs_the_host_key(settings, store):
    outside = ("192.0.2.50", 5000)
    with TestClient(create_app(settings, store=store), client=outside) as client:
        refused = client.post("/api/rooms")
        assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    settings.host_key = "district-host-key-0123456789"
    with TestClient(create_app(settings, store=store), client=outside) as client:
        wrong = client.post("/api/rooms", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403
        right = client.post(
            "/api/rooms", headers={"Authorization": "Bearer district-host-key-0123456789"}
        )
        assert right.status_code == 201


def test_the_room_listens_on_loopback_unless_asked():
    args = build_parser().parse_args(["room"])
    assert args.host == "127.0.0.1" and args.network is False
    assert build_parser().parse_args(["room", "--network"]).network is True


def test_security_headers_on_the_site_and_the_api(room: Room):
    page = room.client.get("/")
    api = room.client.get("/api/health")
    for response in (page, api):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert api.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in api.headers["content-security-policy"]
