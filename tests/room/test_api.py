"""The room API end to end in one process: open, join, answer, watch, show texts, close."""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
import time

from tests.room.conftest import Room

CHECK = "build-a-coalition/knowledge-check"
SORT = "adaptive-work/sort-challenges"
POLL = "build-a-coalition/poll-door"
REFLECT = "build-a-coalition/reflect-ready"


def test_join_gives_the_activities_without_any_correct_option(room: Room):
    response = room.client.post(f"/api/rooms/{room.code.lower()}/join")
    assert response.status_code == 201
    body = response.json()
    assert body["room"]["code"] == room.code
    assert body["room"]["activities"][CHECK] == {
        "kind": "check",
        "questions": {"q1": ["a", "b", "c"], "q2": ["a", "b", "c"], "q3": ["a", "b", "c"]},
    }
    assert "correct" not in response.text and "answers" not in response.text
    assert len(body["participant_token"]) >= 43


def test_counts_are_of_participants_and_the_latest_answer_replaces_the_earlier(room: Room):
    ana, ben, cai = room.join(), room.join(), room.join()
    assert room.check(ana, "q1", "a").status_code == 201
    assert room.check(ana, "q1", "b").status_code == 201  # Ana changes her mind
    assert room.check(ben, "q1", "b").status_code == 201
    assert room.check(cai, "q1", "c").status_code == 201
    q1 = room.view()["activities"][CHECK]["questions"]["q1"]
    assert q1["counts"] == {"a": 0, "b": 2, "c": 1}
    assert q1["answered"] == 3
    assert q1["share_correct"] == round(2 / 3, 3)


def test_a_resend_with_the_same_id_is_accepted_once(room: Room):
    ana = room.join()
    first = room.check(ana, "q2", "c", sub_id="resend-0001")
    again = room.check(ana, "q2", "c", sub_id="resend-0001")
    assert first.status_code == 201 and first.json()["duplicate"] is False
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["version"] == first.json()["version"]
    view = room.view()
    assert view["activities"][CHECK]["questions"]["q2"]["answered"] == 1
    assert view["version"] == first.json()["version"]


def test_a_resend_of_an_old_answer_does_not_undo_a_newer_one(room: Room):
    ana = room.join()
    room.check(ana, "q1", "a", sub_id="old-answer-1")
    room.check(ana, "q1", "b", sub_id="new-answer-1")
    assert room.check(ana, "q1", "a", sub_id="old-answer-1").json()["duplicate"] is True
    assert room.view()["activities"][CHECK]["questions"]["q1"]["counts"]["b"] == 1


def test_the_same_id_with_another_answer_is_refused(room: Room):
    ana = room.join()
    room.check(ana, "q1", "a", sub_id="reused-0001")
    response = room.check(ana, "q1", "c", sub_id="reused-0001")
    assert response.status_code == 409
    assert response.json()["error"] == "id_reused"
    assert room.view()["activities"][CHECK]["questions"]["q1"]["counts"] == {"a": 1, "b": 0, "c": 0}


def test_two_participants_may_use_the_same_client_id(room: Room):
    ana, ben = room.join(), room.join()
    assert room.check(ana, "q1", "a", sub_id="same-id-001").status_code == 201
    assert room.check(ben, "q1", "a", sub_id="same-id-001").status_code == 201
    assert room.view()["activities"][CHECK]["questions"]["q1"]["counts"]["a"] == 2


def test_hardest_questions_come_first_by_lowest_share_correct(room: Room):
    people = [room.join() for _ in range(4)]
    for token in people:
        room.check(token, "q1", "b")  # everyone right
    for token, option in zip(people, "abbb", strict=True):
        room.check(token, "q2", option)  # a is correct: 1 of 4
    for token in people:
        room.check(token, "q3", "a")  # no correct option: never in the list
    hardest = room.view()["hardest"]
    assert [(h["question"], h["share_correct"]) for h in hardest] == [("q2", 0.25), ("q1", 1.0)]


def test_sorting_and_poll_distributions(room: Room):
    ana, ben = room.join(), room.join()
    room.submit(ana, SORT, "sort", {"item": "i1", "category": "technical"})
    room.submit(ben, SORT, "sort", {"item": "i1", "category": "adaptive"})
    room.submit(ben, SORT, "sort", {"item": "i2", "category": "both"})
    room.submit(ana, POLL, "poll", {"option": "c"})
    view = room.view()["activities"]
    assert view[SORT]["items"]["i1"] == {
        "counts": {"technical": 1, "adaptive": 1, "both": 0},
        "answered": 2,
        "correct": "technical",
        "share_correct": 0.5,
    }
    assert view[SORT]["items"]["i2"]["counts"]["both"] == 1
    assert view[SORT]["items"]["i2"]["share_correct"] is None
    assert view[POLL]["counts"] == {"a": 0, "b": 0, "c": 1}


def test_shared_texts_start_hidden_and_the_coach_shows_and_hides_them(room: Room):
    ana = room.join()
    room.submit(ana, REFLECT, "reflection", {"text": "  Start with the counsellors.  "})
    (text,) = room.view()["texts"]
    assert text["text"] == "Start with the counsellors." and text["shown"] is False
    url = f"/api/rooms/{room.code}/texts/{text['id']}"
    shown = room.client.patch(url, json={"shown": True}, headers=room.coach_headers)
    assert shown.status_code == 200 and shown.json()["shown"] is True
    assert room.view()["texts"][0]["shown"] is True
    # a changed text goes back to hidden: the coach has not seen the new words yet
    room.submit(ana, REFLECT, "reflection", {"text": "Start with the bus drivers."})
    (text,) = room.view()["texts"]
    assert text["text"] == "Start with the bus drivers." and text["shown"] is False
    assert room.view()["activities"][REFLECT]["shared"] == 1
    room.client.patch(url, json={"shown": True}, headers=room.coach_headers)
    hidden = room.client.patch(url, json={"shown": False}, headers=room.coach_headers)
    assert hidden.json()["shown"] is False


def test_an_empty_text_withdraws_what_a_participant_shared(room: Room):
    ana = room.join()
    room.submit(ana, REFLECT, "reflection", {"text": "Something I regret sharing"})
    room.submit(ana, REFLECT, "reflection", {"text": "   "})
    view = room.view()
    assert view["texts"] == [] and view["activities"][REFLECT]["shared"] == 0


def test_long_poll_answers_as_soon_as_the_room_changes(room: Room):
    ana = room.join()
    version = room.view()["version"]
    timer = threading.Timer(0.3, lambda: room.check(ana, "q1", "b"))
    start = time.monotonic()
    timer.start()
    view = room.view(since=version, wait=10)
    waited = time.monotonic() - start
    timer.join()
    assert view["version"] > version
    assert view["activities"][CHECK]["questions"]["q1"]["answered"] == 1
    assert 0.2 < waited < 2.0


def test_long_poll_without_a_change_returns_after_the_wait(room: Room):
    version = room.view()["version"]
    start = time.monotonic()
    view = room.view(since=version, wait=0.5)
    assert view["version"] == version
    assert 0.4 < time.monotonic() - start < 3


def test_long_poll_behind_the_version_answers_at_once(room: Room):
    room.join()
    start = time.monotonic()
    view = room.view(since=0, wait=20)
    assert view["version"] >= 1 and time.monotonic() - start < 1


def test_close_returns_aggregates_only_and_deletes_the_room_data(room: Room):
    ana, ben = room.join(), room.join()
    room.check(ana, "q1", "b")
    room.check(ben, "q1", "a")
    room.submit(ana, REFLECT, "reflection", {"text": "My private words"})
    response = room.client.post(f"/api/rooms/{room.code}/close", headers=room.coach_headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f"room-{room.code}-aggregates.csv" in response.headers["content-disposition"]
    assert "My private words" not in response.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["kind"] == "participants" and rows[0]["count"] == "2"
    q1 = {r["choice"]: int(r["count"]) for r in rows if r["item"] == "q1"}
    assert q1 == {"a": 1, "b": 1, "c": 0}
    assert {r["correct_choice"] for r in rows if r["item"] == "q1"} == {"b"}
    # everything but the tombstone is gone from the database file
    db = sqlite3.connect(room.store.path)
    for table in ("participants", "answers", "texts", "received"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    (catalogue,) = db.execute("SELECT catalogue FROM rooms").fetchone()
    assert catalogue == "{}"
    db.close()
    # the coach can download the same CSV again; nobody can join or answer
    again = room.client.get(f"/api/rooms/{room.code}/export.csv", headers=room.coach_headers)
    assert again.status_code == 200 and again.text == response.text
    assert room.client.post(f"/api/rooms/{room.code}/join").status_code == 410
    late = room.check(ana, "q2", "a")
    assert late.status_code == 410 and late.json()["error"] == "room_closed"
    closed_twice = room.client.post(f"/api/rooms/{room.code}/close", headers=room.coach_headers)
    assert closed_twice.status_code == 410 and closed_twice.json()["error"] == "room_closed"


def test_export_while_open_keeps_the_room(room: Room):
    ana = room.join()
    room.check(ana, "q3", "c")
    response = room.client.get(f"/api/rooms/{room.code}/export.csv", headers=room.coach_headers)
    assert response.status_code == 200 and ",q3,c,1," in response.text
    assert room.check(ana, "q3", "a").status_code == 201


def test_a_room_for_some_activities_refuses_the_others(room: Room):
    response = room.client.post("/api/rooms", json={"activities": [POLL], "hours": 1})
    assert response.status_code == 201
    code = response.json()["code"]
    token = room.client.post(f"/api/rooms/{code}/join").json()["participant_token"]
    other = Room(room.client, code, response.json()["coach_token"], room.store)
    assert other.submit(token, POLL, "poll", {"option": "a"}).status_code == 201
    refused = other.check(token, "q1", "a")
    assert refused.status_code == 422 and refused.json()["error"] == "unknown_activity"


def test_room_codes_are_short_and_unambiguous(room: Room):
    codes = {room.client.post("/api/rooms").json()["code"] for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 6 and not set(code) & set("01ILO")


def test_the_site_and_the_client_are_served_from_the_same_origin(room: Room):
    page = room.client.get("/")
    assert page.status_code == 200 and "<title>Course</title>" in page.text
    script = room.client.get("/_room/room_client.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert "export function createRoomClient" in script.text
