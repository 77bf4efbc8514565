"""Bad input gets a clear JSON error with its status, and nothing else in the room changes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from equitykit.room.http import MAX_BODY_BYTES
from equitykit.room.submissions import MAX_TEXT_CHARS
from tests.room.conftest import FakeClock, Room, TestClient, new_id

CHECK = "build-a-coalition/knowledge-check"
REFLECT = "build-a-coalition/reflect-ready"


def table_counts(room: Room) -> dict[str, int]:
    db = sqlite3.connect(room.store.path)
    try:
        return {
            t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("rooms", "participants", "answers", "texts", "received")
        }
    finally:
        db.close()


@pytest.fixture
def busy_room(room: Room) -> tuple[Room, str]:
    """A room with two participants and some answers, to show nothing else changes."""
    ana, ben = room.join(), room.join()
    room.check(ana, "q1", "b")
    room.check(ben, "q1", "a")
    room.submit(ana, REFLECT, "reflection", {"text": "Start with the counsellors."})
    return room, ana


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == code and body["status"] == status
    assert isinstance(body["message"], str) and len(body["message"]) > 10
    assert "Traceback" not in response.text
    return body


def assert_unchanged(room: Room, before_view: dict, before_counts: dict) -> None:
    assert room.view() == before_view
    assert table_counts(room) == before_counts


def post(room: Room, token: str, body, **kwargs):
    return room.client.post(
        f"/api/rooms/{room.code}/submissions",
        content=body if isinstance(body, bytes | str) else json.dumps(body),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": kwargs.pop("content_type", "application/json"),
        },
        **kwargs,
    )


def good(**changes):
    body = {
        "id": new_id(),
        "activity": CHECK,
        "kind": "check",
        "payload": {"question": "q1", "option": "c"},
    }
    body.update(changes)
    return body


BAD_SUBMISSIONS = [
    ("unknown activity", good(activity="build-a-coalition/not-here"), 422, "unknown_activity"),
    ("malformed activity", good(activity=["x"]), 422, "invalid_submission"),
    ("wrong kind", good(kind="poll", payload={"option": "a"}), 422, "wrong_kind"),
    ("unknown question", good(payload={"question": "q99", "option": "a"}), 422, "unknown_question"),
    ("unknown option", good(payload={"question": "q1", "option": "z"}), 422, "unknown_option"),
    ("option not text", good(payload={"question": "q1", "option": 1}), 422, "invalid_submission"),
    ("missing payload field", good(payload={"question": "q1"}), 422, "invalid_submission"),
    (
        "extra payload field",
        good(payload={"question": "q1", "option": "a", "x": 1}),
        422,
        "invalid_submission",
    ),
    ("extra top-level field", {**good(), "admin": True}, 422, "invalid_submission"),
    ("no id", {k: v for k, v in good().items() if k != "id"}, 422, "invalid_submission"),
    ("id too short", good(id="abc"), 422, "invalid_submission"),
    ("id with markup", good(id="<script>alert(1)</script>"), 422, "invalid_submission"),
    ("body is a list", [good()], 422, "invalid_submission"),
    ("body is a string", "just text", 400, "bad_json"),
    ("malformed JSON", '{"id": "abcdefgh", ', 400, "bad_json"),
    ("NaN in JSON", '{"id": NaN}', 400, "bad_json"),
    ("not UTF-8", b'{"id": "\xff\xfe"}', 400, "bad_encoding"),
    ("empty body", b"", 400, "bad_json"),
]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [case[1:] for case in BAD_SUBMISSIONS],
    ids=[case[0] for case in BAD_SUBMISSIONS],
)
def test_a_bad_submission_is_refused_and_changes_nothing(busy_room, body, status, code):
    room, ana = busy_room
    before_view, before_counts = room.view(), table_counts(room)
    assert_error(post(room, ana, body), status, code)
    assert_unchanged(room, before_view, before_counts)


def test_the_sort_payload_is_checked_too(busy_room):
    room, ana = busy_room
    bad_item = room.submit(
        ana, "adaptive-work/sort-challenges", "sort", {"item": "i9", "category": "both"}
    )
    assert_error(bad_item, 422, "unknown_item")
    bad_cat = room.submit(
        ana, "adaptive-work/sort-challenges", "sort", {"item": "i1", "category": "x"}
    )
    assert_error(bad_cat, 422, "unknown_category")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_body_that_is_not_declared_json_is_refused(busy_room, content_type):
    room, ana = busy_room
    before_view, before_counts = room.view(), table_counts(room)
    response = post(room, ana, good(), content_type=content_type)
    assert_error(response, 415, "unsupported_media_type")
    assert_unchanged(room, before_view, before_counts)


def test_an_oversized_body_is_refused_by_its_declared_length(busy_room):
    room, ana = busy_room
    before_view, before_counts = room.view(), table_counts(room)
    body = json.dumps(good(payload={"text": "x" * (MAX_BODY_BYTES + 10)}))
    assert_error(post(room, ana, body), 413, "too_large")
    assert_unchanged(room, before_view, before_counts)


def test_an_oversized_body_without_a_length_is_cut_off(busy_room):
    room, ana = busy_room
    before_view, before_counts = room.view(), table_counts(room)

    def chunks():
        yield b'{"id": "abcdefgh1", "activity": "x", "kind": "reflection", "payload": {"text": "'
        for _ in range(40):
            yield b"y" * 1024
        yield b'"}}'

    response = room.client.post(
        f"/api/rooms/{room.code}/submissions",
        content=chunks(),
        headers={"Authorization": f"Bearer {ana}", "Content-Type": "application/json"},
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_error(response, 413, "too_large")
    assert_unchanged(room, before_view, before_counts)


def test_a_shared_text_over_the_limit_is_refused(busy_room):
    room, ana = busy_room
    before_view, before_counts = room.view(), table_counts(room)
    too_long = room.submit(ana, REFLECT, "reflection", {"text": "é" * (MAX_TEXT_CHARS + 1)})
    assert_error(too_long, 413, "text_too_long")
    assert_unchanged(room, before_view, before_counts)
    at_limit = room.submit(ana, REFLECT, "reflection", {"text": "é" * MAX_TEXT_CHARS})
    assert at_limit.status_code == 201


def test_script_and_html_in_shared_text_come_back_as_inert_text(busy_room):
    room, ana = busy_room
    nasty = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'
    assert room.submit(ana, REFLECT, "reflection", {"text": nasty}).status_code == 201
    response = room.client.get(f"/api/rooms/{room.code}/aggregates", headers=room.coach_headers)
    # returned exactly as typed, inside a JSON string, never as HTML
    assert [t["text"] for t in response.json()["texts"]] == [nasty]
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "sandbox" in response.headers["content-security-policy"]
    csv_text = room.client.get(f"/api/rooms/{room.code}/export.csv", headers=room.coach_headers)
    assert (
        "<script" not in csv_text.text and "nosniff" in csv_text.headers["x-content-type-options"]
    )


def test_control_characters_are_removed_from_shared_text(busy_room):
    room, ana = busy_room
    room.submit(ana, REFLECT, "reflection", {"text": "line one\r\nline\u0000 two\u202e"})
    assert room.view()["texts"][0]["text"] == "line one\nline two"


@pytest.mark.parametrize("code", ["ZZZZZZ", "K7QX0M", "short", "%3Cscript%3E"])
def test_a_wrong_room_code_gets_404_on_join_and_submit(busy_room, code):
    room, ana = busy_room
    before_view, before_counts = room.view(), table_counts(room)
    assert_error(room.client.post(f"/api/rooms/{code}/join"), 404, "unknown_room")
    response = room.client.post(
        f"/api/rooms/{code}/submissions", json=good(), headers={"Authorization": f"Bearer {ana}"}
    )
    assert_error(response, 404, "unknown_room")
    assert_unchanged(room, before_view, before_counts)


def test_an_expired_room_refuses_joins_and_answers_then_its_data_is_deleted(
    busy_room, clock: FakeClock
):
    room, ana = busy_room
    clock.now += 8 * 3600 + 1  # the default lifetime has passed
    assert_error(room.client.post(f"/api/rooms/{room.code}/join"), 410, "room_expired")
    assert_error(room.check(ana, "q2", "a"), 410, "room_expired")
    assert room.store.sweep().result() == 1
    counts = table_counts(room)
    assert counts["participants"] == counts["answers"] == counts["texts"] == 0
    assert_error(room.client.post(f"/api/rooms/{room.code}/join"), 410, "room_expired")
    kept = room.client.get(f"/api/rooms/{room.code}/export.csv", headers=room.coach_headers)
    assert kept.status_code == 200 and "participants,,,2" in kept.text
    clock.now += 25 * 3600  # tombstones go too
    room.store.sweep().result()
    assert_error(room.client.post(f"/api/rooms/{room.code}/join"), 404, "unknown_room")


def test_one_participant_flooding_is_rate_limited_and_others_are_not(busy_room):
    room, ana = busy_room
    statuses = [room.check(ana, "q3", "abc"[i % 3]).status_code for i in range(80)]
    assert statuses.count(201) >= 30 and statuses.count(429) >= 20
    assert set(statuses) == {201, 429}
    limited = room.check(ana, "q3", "a")
    body = assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["retry-after"]) >= 1 and "wait" in body["message"]
    # only the accepted ones were stored, and the others in the room are unaffected
    db = sqlite3.connect(room.store.path)
    received = db.execute("SELECT COUNT(*) FROM received").fetchone()[0]
    db.close()
    assert received == 3 + statuses.count(201)
    ben = room.participants[1]
    assert room.check(ben, "q3", "b").status_code == 201


def test_guessing_room_codes_is_rate_limited_per_address(busy_room, settings, store):
    room, _ = busy_room
    statuses = [
        room.client.post(f"/api/rooms/ZZZZZ{c}/join").status_code
        for c in "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    ]
    statuses += [room.client.post("/api/rooms/ZZZZZZ/join").status_code for _ in range(10)]
    assert statuses[:30] == [404] * 30 and 429 in statuses
    # the right code from this address is refused for now too; another address is not
    assert_error(room.client.post(f"/api/rooms/{room.code}/join"), 429, "rate_limited")
    from equitykit.room.app import create_app

    with TestClient(create_app(settings, store=store), client=("192.0.2.7", 4000)) as other:
        assert other.post(f"/api/rooms/{room.code}/join").status_code == 201


@pytest.mark.parametrize("query", ["since=abc", "since=-1", "since=1&wait=31", "since=1&wait=soon"])
def test_bad_long_poll_parameters(room: Room, query: str):
    response = room.client.get(
        f"/api/rooms/{room.code}/aggregates?{query}", headers=room.coach_headers
    )
    assert_error(response, 400, "bad_query")


def test_bad_visibility_requests(busy_room):
    room, _ = busy_room
    text_id = room.view()["texts"][0]["id"]
    url = f"/api/rooms/{room.code}/texts/{text_id}"
    before_view, before_counts = room.view(), table_counts(room)
    for body in ({"shown": "yes"}, {"shown": True, "also": 1}, {}, [True]):
        response = room.client.patch(url, json=body, headers=room.coach_headers)
        assert_error(response, 422, "invalid_visibility")
    response = room.client.patch(
        f"/api/rooms/{room.code}/texts/99999", json={"shown": True}, headers=room.coach_headers
    )
    assert_error(response, 404, "unknown_text")
    assert_unchanged(room, before_view, before_counts)


@pytest.mark.parametrize(
    "body",
    [{"hours": 0}, {"hours": 1000}, {"hours": "8"}, {"activities": ["nope/nope"]}, {"x": 1}, []],
)
def test_bad_requests_to_open_a_room(room: Room, body):
    rooms_before = table_counts(room)["rooms"]
    response = room.client.post("/api/rooms", json=body)
    assert response.status_code == 422 and response.json()["error"] in (
        "invalid_room",
        "unknown_activity",
    )
    assert table_counts(room)["rooms"] == rooms_before


def test_unknown_routes_and_methods_answer_in_json(room: Room):
    assert_error(room.client.get("/api/nothing-here"), 404, "not_found")
    assert_error(room.client.delete(f"/api/rooms/{room.code}"), 405, "method_not_allowed")
    assert_error(room.client.get(f"/api/rooms/{room.code}/join"), 405, "method_not_allowed")


def test_join_takes_no_details(room: Room):
    before = table_counts(room)["participants"]
    response = room.client.post(f"/api/rooms/{room.code}/join", json={"name": "Ana"})
    assert_error(response, 422, "invalid_join")
    assert table_counts(room)["participants"] == before
