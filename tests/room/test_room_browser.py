"""The room client in Debian's Chromium against the real server; the site under its headers."""

from __future__ import annotations

import httpx
import pytest

from equitykit.room.loadtest import LOAD_ACTIVITY, ServerProcess
from tests.browser.harness import debian_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def chromium():
    yield from debian_chromium("the room's browser tests")


def answered(server: ServerProcess) -> tuple[int, int]:
    view = httpx.get(
        f"{server.base_url}/api/rooms/{server.code}/aggregates",
        headers={"Authorization": f"Bearer {server.coach}"},
    ).json()
    questions = view["activities"][LOAD_ACTIVITY]["questions"]
    return view["participants"], sum(q["answered"] for q in questions.values())


JOIN = """async (code) => {
  const m = await import('/_room/room_client.js');
  window.room = m.createRoomClient();
  await window.room.join(code);
  return window.room.status();
}"""


def test_an_answer_given_offline_survives_closing_the_page_and_is_sent_once(chromium, tmp_path):
    server = ServerProcess(tmp_path).start()
    try:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(f"{server.base_url}/")
        assert page.evaluate(JOIN, server.code)["joined"] is True
        context.set_offline(True)
        status = page.evaluate(
            """async (key) => {
              window.room.submit(key, 'check', {question: 'q1', option: 'b'});
              await window.room.flush();
              return window.room.status();
            }""",
            LOAD_ACTIVITY,
        )
        assert status["queued"] == 1 and status["connection"] == "offline", status
        assert answered(server) == (1, 0)
        page.close()  # the phone's tab is closed while offline

        context.set_offline(False)
        page = context.new_page()
        page.goto(f"{server.base_url}/")
        status = page.evaluate(
            """async () => {
              const m = await import('/_room/room_client.js');
              const room = m.createRoomClient();
              await room.flush();
              return room.status();
            }"""
        )
        assert status["queued"] == 0 and status["sent"] == 1, status
        assert answered(server) == (1, 1)
        # joining again with the same code keeps the same anonymous participant
        assert page.evaluate(JOIN, server.code)["joined"] is True
        page.evaluate("() => window.room.flush()")
        assert answered(server) == (1, 1)
        context.close()
    finally:
        server.stop()


@pytest.mark.slow
def test_course_pages_load_under_the_room_security_headers(chromium, built_site, tmp_path):
    server = ServerProcess(tmp_path, site=built_site.site).start()
    try:
        context = chromium.new_context()
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console",
            lambda msg: (
                problems.append(msg.text)
                if msg.type == "error"
                and ("Content Security Policy" in msg.text or "Refused" in msg.text)
                else None
            ),
        )
        page.on("pageerror", lambda err: problems.append(str(err)))
        for path in ("/", "/modules/adaptive-work.html", "/modules/adaptive-work/practice.html"):
            response = page.goto(f"{server.base_url}{path}", wait_until="load")
            assert response is not None and response.ok, path
            assert response.headers["x-frame-options"] == "DENY"
            page.wait_for_timeout(500)
        assert problems == []
        context.close()
    finally:
        server.stop()
