"""What the room serves besides its API: the site with the bridge, the join link, the presenter."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from equitykit.room.app import create_app
from equitykit.room.http import RoomSettings
from equitykit.room.site import BRIDGE_TAGS, start_page, with_bridge
from equitykit.room.store import RoomStore
from tests.room.conftest import LOCAL, TestClient

PHONE = ("192.168.1.20", 50123)
NOTES = '<script type="application/json" id="ek-notes">{"answers": "the key"}</script>'


@pytest.fixture
def full(tmp_path: Path, settings: RoomSettings) -> RoomSettings:
    """Settings with a Jupyter Book-like site, a presenter view and a built bridge."""
    site = settings.site_dir
    (site / "index.html").write_text(
        '<meta http-equiv="Refresh" content="0; url=book/index.html" />', encoding="utf-8"
    )
    (site / "book").mkdir()
    (site / "book" / "index.html").write_text(
        "<!doctype html><html><body><p>Welcome</p></body></html>", encoding="utf-8"
    )
    (site / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    presenter = tmp_path / "presenter"
    presenter.mkdir()
    (presenter / "deck.html").write_text(f"<body>{NOTES}</body>", encoding="utf-8")
    bridge = tmp_path / "bridge.js"
    bridge.write_text("export {};", encoding="utf-8")
    css = tmp_path / "bridge.css"
    css.write_text(".x{}", encoding="utf-8")
    return dataclasses.replace(
        settings,
        presenter_dir=presenter,
        bridge_js=bridge,
        bridge_css=css,
        public_url="http://192.168.1.5:8000",
    )


def client_for(settings: RoomSettings, store: RoomStore, address=LOCAL) -> TestClient:
    return TestClient(create_app(settings, store=store), client=address)


def test_every_site_page_carries_the_bridge_and_other_files_are_untouched(full, store):
    with client_for(full, store, PHONE) as phone:
        page = phone.get("/book/index.html")
        assert page.status_code == 200
        assert page.text.endswith(BRIDGE_TAGS + "</body></html>")
        assert phone.get("/book/").text == page.text
        assert phone.get("/data.csv").text == "a,b\n1,2\n"
        assert phone.get("/_room/bridge.js").headers["content-type"].startswith("text/javascript")
        assert phone.get("/_room/bridge.css").status_code == 200


def test_without_a_built_bridge_the_pages_are_served_as_they_are(full, store):
    bare = dataclasses.replace(full, bridge_js=Path("/nonexistent/bridge.js"))
    with client_for(bare, store) as local:
        assert "bridge.js" not in local.get("/book/index.html").text
        missing = local.get("/_room/bridge.js")
        assert missing.status_code == 404 and "make assets" in missing.text


def test_the_presenter_view_is_served_to_this_computer_only(full, store):
    with client_for(full, store) as local:
        assert NOTES in local.get("/_presenter/deck.html").text
    with client_for(full, store, PHONE) as phone:
        refused = phone.get("/_presenter/deck.html")
        assert refused.status_code == 403
        assert "only to the computer it runs on" in refused.text
        assert "the key" not in refused.text
        assert phone.get("/_presenter/").status_code == 403


def test_the_join_link_goes_to_the_start_page_with_the_code(full, store):
    with client_for(full, store, PHONE) as phone:
        code = phone.app.state.store.open_room(full.catalogue, 1).result()[0]
        moved = phone.get(f"/r/{code.lower()}", follow_redirects=False)
        assert moved.status_code == 303
        assert moved.headers["location"] == f"/book/index.html?room={code}"
        assert phone.get("/r/not-a-code", follow_redirects=False).status_code == 404


def test_the_room_tells_the_presenter_the_link_participants_use(full, store):
    with client_for(full, store) as local:
        body = local.post("/api/rooms").json()
        info = local.get(
            f"/api/rooms/{body['code']}",
            headers={"Authorization": f"Bearer {body['coach_token']}"},
        ).json()
        assert info["join_url"] == f"http://192.168.1.5:8000/r/{body['code']}"


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        ('<meta http-equiv="Refresh" content="0; url=book/index.html" />', "/book/index.html"),
        ("<!doctype html><title>Course</title>", "/"),
        ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">', "/"),
        ('<meta http-equiv="refresh" content="0; url=//elsewhere.example/">', "/"),
    ],
)
def test_the_start_page_follows_only_a_local_redirect(tmp_path, index, expected):
    (tmp_path / "index.html").write_text(index, encoding="utf-8")
    assert start_page(tmp_path) == expected


def test_the_bridge_goes_before_the_last_body_end_or_at_the_end():
    assert with_bridge("<body>a</body>") == f"<body>a{BRIDGE_TAGS}</body>"
    assert with_bridge("no body") == "no body" + BRIDGE_TAGS
