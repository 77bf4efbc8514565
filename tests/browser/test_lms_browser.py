"""The SCORM packages in Chromium, launched by a real SCORM runtime (scorm-again's LMS side).

A test LMS on 127.0.0.1 (tests/browser/lms_harness.py) unpacks the packages ``make lms``
builds from the real site, launches a module's SCO in an iframe (or a popup), and keeps every
commit. The tests complete a module as a learner does (earlier work already in the browser,
the last knowledge-check answer clicked on the practice page), check what the LMS received
(completion, success, scaled score, session time, suspend data), then relaunch in a fresh
browser and check the saved work comes back from the LMS. Then: the popup launch, the page
opened with no LMS at all, and the SCORM 1.2 suspend-data limit.
"""

from __future__ import annotations

import random
import re
import time

import pytest

from equitykit.content.modules import load_module
from equitykit.content.outline import module_outline
from equitykit.lms.build import build_packages
from tests.browser.harness import PageRecord
from tests.browser.lms_harness import LmsServer, unpack
from tests.node_runner import call

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUG = "adaptive-work"
BRIDGE = "../../lms/js/scorm_bridge"
PREFIX = "equitykit/v2/"
STAMP = "2026-03-14T09:30:00.000Z"
WAIT_S = 30


def wait_until(check, what: str, timeout: float = WAIT_S):
    """Poll ``check`` until it returns something true, for at most ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def done_value(activity: dict, text: str = "A considered answer.") -> dict:
    """Saved work that completes one activity, whatever its widget."""
    parts = activity["parts"]
    widget = activity["widget"]
    if widget == "knowledge_check":
        value = {"answers": {p["id"]: {"option": p["correct"], "at": STAMP} for p in parts}}
    elif widget in ("reflection", "plan"):
        field = "texts" if widget == "reflection" else "sections"
        value = {field: {p["id"]: f"{text} ({p['id']})" for p in parts}}
    elif widget == "sorting":
        value = {"choices": {p["id"]: p["answer"] for p in parts}}
    elif widget == "policy_review":
        value = {"ratings": {p["id"]: {"level": 3, "reason": text} for p in parts}}
    elif widget in ("worksheet", "lens_review"):
        value = {
            "answers": {
                p["id"]: {f: text for f in (p.get("fields") or {"notes": ""})} for p in parts
            }
        }
    elif widget == "task":
        value = {"text": text, "scores": {p["id"]: 3 for p in parts}}
    elif widget == "checklist":
        value = {"checked": {p["id"]: True for p in parts}}
    else:
        value = {"people": [{"name": "Grace", "role": "", "readiness": 2, "influence": 3}]}
    return {**value, "saved_at": STAMP}


@pytest.fixture(scope="module")
def outline() -> dict:
    return module_outline(load_module(SLUG))


@pytest.fixture(scope="module")
def lms(site, tmp_path_factory):
    """The test LMS, with the SCORM packages built from the real site and unpacked."""
    out = tmp_path_factory.mktemp("lms-packages")
    built = {p.standard: p.path for p in build_packages(site, out)}
    root = tmp_path_factory.mktemp("lms-root")
    for standard in ("2004", "1.2"):
        unpack(built[standard], root / standard)
    server = LmsServer(root).start()
    yield server
    server.stop()


def open_watched(context, lms: LmsServer, path: str):
    """Open a page, recording errors and every request that leaves the test LMS.

    Requests are recorded, not intercepted: the SCORM runtime commits with synchronous
    requests, which request interception would hold up.
    """
    page = context.new_page()
    record = PageRecord(path)
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    page.on(
        "console",
        lambda msg: record.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on(
        "request",
        lambda request: None if lms.is_local(request.url) else record.external.append(request.url),
    )
    page.goto(lms.url(path), wait_until="load")
    return page, record


def seed(page, lms: LmsServer, items: dict) -> None:
    page.goto(lms.url("/lms/blank"))
    page.evaluate(
        "([prefix, items]) => { localStorage.clear(); for (const [k, v] of Object.entries(items))"
        " localStorage.setItem(prefix + k, JSON.stringify(v)); }",
        [PREFIX, items],
    )


def stored(frame) -> dict:
    return frame.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage)
        .filter((k) => k.startsWith(prefix))
        .map((k) => [k.slice(prefix.length), JSON.parse(localStorage.getItem(k))]))""",
        PREFIX,
    )


def decoded(text: str) -> dict:
    result = call(BRIDGE, "decodeSuspend", text)
    assert result["problem"] is None, result
    return result["items"]


def test_a_module_completed_in_the_lms_iframe_reports_and_restores(context, browser, lms, outline):
    work = {a["key"]: done_value(a) for a in outline["activities"]}
    check = next(a for a in outline["activities"] if a["widget"] == "knowledge_check")
    last_question = check["parts"][-1]
    del work[check["key"]]["answers"][last_question["id"]]  # left for the learner to click
    page, record = open_watched(context, lms, "/lms/blank")
    seed(page, lms, work)
    page.goto(lms.url(f"/lms/player?sco={SLUG}&standard=2004"))
    sco = page.frame_locator("#sco")
    sco.locator("html[data-lms-state=connected]").wait_for(timeout=WAIT_S * 1000)
    first = wait_until(lambda: lms.last("2004", SLUG), "the first commit")
    assert first["cmi.completion_status"] == "incomplete"
    assert first["cmi.success_status"] == "unknown"

    # the learner opens the practice page and answers the last question rightly
    sco.get_by_role("link", name="Practice").click()
    inner = sco.frame_locator("#ek-sco-frame")
    inner.locator("html[data-widgets-rendered=true]").wait_for(timeout=60_000)
    question = inner.locator(f"fieldset[data-question={last_question['id']}]")
    question.locator(f"input[value={last_question['correct']}]").check()
    done = wait_until(
        lambda: (
            lms.last("2004", SLUG).get("cmi.completion_status") == "completed"
            and lms.last("2004", SLUG)
        ),
        "the LMS to receive completed",
    )
    assert done["cmi.success_status"] == "passed"
    assert float(done["cmi.score.scaled"]) == 1.0
    assert done["cmi.score.raw"] == done["cmi.score.max"]
    assert done["cmi.location"] == f"modules/{SLUG}/practice.html"
    sco.get_by_role("button", name="Save and finish").click()
    wait_until(lambda: "Terminate" in page.evaluate("window.lmsCalls"), "Terminate")
    final = lms.last("2004", SLUG)
    assert final["cmi.exit"] == "suspend"
    seconds = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", final["cmi.session_time"])
    assert seconds and final["cmi.session_time"] != "PT0H0M0S", final["cmi.session_time"]
    browser_work = stored(page.frames[1])
    in_lms = decoded(final["cmi.suspend_data"])
    assert set(in_lms) == {a["key"] for a in outline["activities"]}
    assert in_lms == {k: v for k, v in browser_work.items() if k in in_lms}
    expected = call(BRIDGE, "moduleResult", outline, browser_work, 0.7)
    assert float(final["cmi.score.scaled"]) == expected["scaled"]
    assert record.problems() == []

    # relaunch in a fresh browser: the work comes back from the LMS, not from this browser
    fresh = browser.new_context()
    try:
        again = fresh.new_page()
        again.goto(lms.url(f"/lms/player?sco={SLUG}&standard=2004"))
        sco2 = again.frame_locator("#sco")
        sco2.locator("html[data-lms-state=connected]").wait_for(timeout=WAIT_S * 1000)
        inner2 = sco2.frame_locator("#ek-sco-frame")
        inner2.locator("html[data-widgets-rendered=true]").wait_for(timeout=60_000)
        assert again.frames[2].url.endswith(f"modules/{SLUG}/practice.html")  # the bookmark
        restored = stored(again.frames[2])
        assert {k: restored[k] for k in in_lms} == in_lms
        answer = inner2.locator(f"fieldset[data-question={last_question['id']}]")
        assert answer.locator(f"input[value={last_question['correct']}]").is_checked()
    finally:
        fresh.close()


def test_the_popup_launch_finds_the_lms_through_its_opener(context, lms, outline):
    work = {a["key"]: done_value(a) for a in outline["activities"]}
    page, _ = open_watched(context, lms, "/lms/blank")
    seed(page, lms, work)
    page.goto(lms.url(f"/lms/player?sco={SLUG}&standard=2004&mode=popup"))
    with context.expect_page() as opened:
        page.click("#launch")
    popup = opened.value
    popup.locator("html[data-lms-state=connected]").wait_for(timeout=WAIT_S * 1000)
    received = wait_until(
        lambda: (
            lms.last("2004", SLUG).get("cmi.completion_status") == "completed"
            and lms.last("2004", SLUG)
        ),
        "a completed commit from the popup",
    )
    assert received["cmi.success_status"] == "passed"
    assert set(decoded(received["cmi.suspend_data"])) == set(work)
    popup.get_by_role("button", name="Save and finish").click()
    wait_until(lambda: "Terminate" in page.evaluate("window.lmsCalls"), "Terminate")


def test_with_no_lms_the_module_works_from_this_browser_alone(context, lms, outline):
    page, record = open_watched(context, lms, f"/pkg/2004/lms/{SLUG}.html")
    page.locator("html[data-lms-state=local]").wait_for(timeout=WAIT_S * 1000)
    assert "No LMS connection was found" in page.locator("#ek-sco-status").text_content()
    assert page.get_by_role("button", name="Save and finish").is_hidden()
    page.get_by_role("link", name="Practice").click()
    inner = page.frame_locator("#ek-sco-frame")
    inner.locator("html[data-widgets-rendered=true]").wait_for(timeout=60_000)
    check = next(a for a in outline["activities"] if a["widget"] == "knowledge_check")
    first = check["parts"][0]
    inner.locator(f"fieldset[data-question={first['id']}] input[value={first['correct']}]").check()
    key = check["key"]
    saved = wait_until(lambda: stored(page.frames[1]).get(key), "the answer saved in this browser")
    assert saved["answers"][first["id"]]["option"] == first["correct"]
    assert record.problems() == []


def test_scorm_12_keeps_what_fits_in_4096_characters_and_says_what_it_left_out(
    context, lms, outline
):
    # prose that does not compress: every character drawn at random, so the work is far
    # beyond 4,096 characters even compressed
    draw = random.Random(16)
    text = "".join(chr(draw.randrange(33, 123)) for _ in range(3500))
    work = {a["key"]: done_value(a, text) for a in outline["activities"]}
    page, _ = open_watched(context, lms, "/lms/blank")
    seed(page, lms, work)
    page.goto(lms.url(f"/lms/player?sco={SLUG}&standard=1.2"))
    sco = page.frame_locator("#sco")
    sco.locator("html[data-lms-state=connected]").wait_for(timeout=WAIT_S * 1000)
    received = wait_until(lambda: lms.last("1.2", SLUG), "a SCORM 1.2 commit")
    suspend = received["cmi.suspend_data"]
    assert 0 < len(suspend) <= 4096
    kept = decoded(suspend)
    assert kept and set(kept) < set(work)  # some activities kept, the largest left out
    left = [a for a in outline["activities"] if a["key"] not in kept]
    note = sco.locator("#ek-sco-note").text_content()
    assert "up to 4,096 characters" in note
    for activity in left:
        assert activity["title"] in note
    # completion and score still come from all the work in this browser
    assert received["cmi.core.lesson_status"] == "passed"
    assert received["cmi.core.score.raw"] == "100"
    sco.get_by_role("button", name="Save and finish").click()
    wait_until(lambda: "LMSFinish" in page.evaluate("window.lmsCalls"), "LMSFinish")
    final = lms.last("1.2", SLUG)
    assert final["cmi.core.exit"] == "suspend"
    # CMITimespan: HHHH:MM:SS.SS, 2 to 4 digits of hours
    spent = re.fullmatch(r"(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?", final["cmi.core.session_time"])
    assert spent and final["cmi.core.session_time"].strip("0:.") != "", final
