"""The progress page on the static site: it shows exactly what this browser has saved.

The test seeds localStorage with known answers, reloads the built page (no kernel behind
it) and checks the page shows the progress :mod:`equitykit.progress` computes for the same
answers; then the journal download and the printable summary.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from equitykit.course import load_module
from equitykit.journal import Journal
from equitykit.progress import (
    NOT_A_CREDENTIAL,
    course_outline,
    course_slugs,
    progress_from_store,
    store_markdown,
)
from tests.browser.harness import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROGRESS_PAGE = "book/progress.html"
STORE_PREFIX = "equitykit/v1/"


def problems(record) -> list[str]:
    """What went wrong on the page: failed or third-party requests, console or page errors."""
    return record.problems()


def known_store() -> dict:
    """Answers a learner might have saved: one module done, two in progress, noise."""
    store: dict = {}
    first = load_module("adaptive-work")
    for number, question in enumerate(first.knowledge_check):
        right = next(i for i, o in enumerate(question["options"]) if o["correct"])
        chosen = right if number % 2 == 0 else (right + 1) % len(question["options"])
        store[f"adaptive-work/check/{question['id']}"] = {
            "chosen": chosen,
            "correct": chosen == right,
            "question": question["question"],
            "at": "2026-03-14T09:30:00.000Z",
        }
    for item in first.reflections:
        store[f"adaptive-work/reflection/{item['id']}"] = {
            "text": f"My thoughts on {item['id']}.\nA second line.",
            "saved_at": "2026-03-14T09:31:00.000Z",
            "prompt": item["prompt"],
        }
    second = load_module("build-a-coalition")
    q1, q2 = second.knowledge_check[:2]
    store[f"build-a-coalition/check/{q1['id']}"] = {"chosen": 0, "correct": False}
    right = next(i for i, o in enumerate(q2["options"]) if o["correct"])
    store[f"build-a-coalition/check/{q2['id']}"] = {"chosen": right, "correct": True}
    store["build-a-coalition/reflection/r1"] = {"text": "Four math teachers are ready."}
    store["build-a-coalition/reflection/r2"] = {"text": "   "}  # saved blank: not written
    store["build-a-coalition/coalition/coalition"] = {"people": [], "saved_at": "x"}
    store["capstone/plan/gap"] = {"text": "Honors access for English learners at Eastgate."}
    store["capstone/plan/coalition"] = {"text": "Start with the math department."}
    return store


def _cells(row: dict) -> dict:
    checks, reflections, plan = row["checks"], row["reflections"], row["plan"]
    return {
        "status": {"done": "Done", "in progress": "In progress"}.get(row["status"], "Not started"),
        "checks": (
            f"{checks['answered']} of {checks['total']} answered, {checks['correct']} correct"
            if checks["total"]
            else "none"
        ),
        "reflections": (
            f"{reflections['written']} of {reflections['total']} written"
            if reflections["total"]
            else "none"
        ),
        "plan": f"{plan['written']} of {plan['total']} written" if plan["total"] else "none",
    }


_READ_TABLE = """() => [...document.querySelectorAll('.ek-progress tr[data-module]')].map((tr) => ({
    slug: tr.dataset.module,
    title: tr.querySelector('th').textContent,
    status: tr.querySelector('.ek-progress-status').textContent,
    checks: tr.querySelector('.ek-progress-checks').textContent,
    reflections: tr.querySelector('.ek-progress-reflections').textContent,
    plan: tr.querySelector('.ek-progress-plan').textContent,
}))"""

_READ_ITEMS = """() => Object.fromEntries([...document.querySelectorAll(
    '.ek-progress details[data-module]')].map((d) => [d.dataset.module,
    [...d.querySelectorAll('li')].map(
        (li) => [li.dataset.kind, li.dataset.id, li.dataset.state])]))"""

_SEED = """([prefix, entries]) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(prefix + key, value);
    localStorage.setItem(prefix + 'adaptive-work/check/damaged', '{not json');
    localStorage.setItem('another-site/key', 'ignored');
}"""


@pytest.fixture
def seeded_page(context, server, site):
    """The progress page, reloaded after seeding this browser's storage with known answers."""
    if not (site / PROGRESS_PAGE).is_file():
        pytest.fail(f"{PROGRESS_PAGE} is not in the build: add `- file: book/progress` to _toc.yml")
    page, record = open_page(context, server, PROGRESS_PAGE, site)
    store = known_store()
    page.evaluate(_SEED, [STORE_PREFIX, {k: json.dumps(v) for k, v in store.items()}])
    # let the first load finish (the favicon comes after "load"), so the reload cancels nothing
    page.wait_for_load_state("networkidle")
    page.reload(wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('.ek-progress tr[data-module]').length > 0",
        timeout=30_000,
    )
    return page, record, store


def test_page_shows_exactly_the_saved_progress_after_a_reload(seeded_page):
    page, record, store = seeded_page
    shown = page.evaluate(_READ_TABLE)
    slugs = [row["slug"] for row in shown]
    assert sorted(slugs) == sorted(course_slugs()), "the page does not show every module"
    outline = course_outline(slugs)
    expected = [p.to_dict() for p in progress_from_store(outline, store)]
    for got, want in zip(shown, expected, strict=True):
        assert got["title"] == want["title"]
        assert {k: got[k] for k in ("status", "checks", "reflections", "plan")} == _cells(want), (
            want["slug"]
        )
    statuses = {row["slug"]: row["status"] for row in expected}
    assert statuses["adaptive-work"] == "done"
    assert statuses["build-a-coalition"] == "in progress"
    assert statuses["capstone"] == "in progress"
    done = sum(row["done"] for row in expected)
    summary = page.locator(".ek-progress .ek-summary").inner_text()
    assert summary == f"{done} of {len(expected)} modules done."
    items = page.evaluate(_READ_ITEMS)
    for row in expected:
        assert items[row["slug"]] == [[i["kind"], i["id"], i["state"]] for i in row["items"]]
    assert "this browser" in page.locator(".ek-progress .ek-source").inner_text()
    assert not problems(record), problems(record)


def test_controls_are_labelled_and_details_open_with_the_keyboard(seeded_page):
    page, record, _ = seeded_page
    widget = page.locator(".ek-progress")
    for name in (
        "Update my progress",
        "Download my journal (Markdown)",
        "Print a completion summary",
    ):
        assert widget.get_by_role("button", name=name).count() == 1, name
    assert widget.get_by_label("Name to print on the summary (optional, not saved)").count() == 1
    assert widget.locator("[role=status]").count() == 1
    summary = widget.locator("details[data-module='build-a-coalition'] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert widget.locator("details[data-module='build-a-coalition']").get_attribute("open") == ""
    assert not problems(record), problems(record)


def test_journal_download_is_made_in_the_browser_from_its_storage(seeded_page):
    page, record, store = seeded_page
    page.wait_for_load_state("networkidle")
    before = len(record.requests)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my journal (Markdown)").click()
    download = info.value
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    assert download.suggested_filename == f"my-journal-{today}.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.ek-progress tr[data-module]')]"
        ".map((tr) => tr.dataset.module)"
    )
    assert text == store_markdown(course_outline(shown), store, today)
    assert "> My thoughts on r1.\n> A second line." in text
    sent = [url for url in record.requests[before:] if not url.startswith("blob:")]
    assert not sent, f"the download made network requests: {sent}"
    status = page.locator(".ek-progress [role=status]").inner_text()
    assert "nothing was sent anywhere" in status
    assert not problems(record), problems(record)


def test_print_view_shows_only_the_summary_and_says_it_is_not_a_credential(seeded_page):
    page, record, store = seeded_page
    page.evaluate(
        """() => { window.print = () => {
            const sheet = document.querySelector('body > .ek-print-sheet');
            window.__printed = {text: sheet ? sheet.innerText : null,
                                printing: document.body.classList.contains('ek-printing')};
        }; }"""
    )
    page.get_by_label("Name to print on the summary (optional, not saved)").fill("Sam Ortiz")
    page.get_by_role("button", name="Print a completion summary").click()
    printed = page.evaluate("() => window.__printed")
    assert printed and printed["printing"], "the print dialog was not opened on a summary"
    text = " ".join(printed["text"].split())
    assert " ".join(NOT_A_CREDENTIAL.split()) in text
    assert "Prepared for Sam Ortiz" in text
    expected = progress_from_store(course_outline(), store)
    assert f"{sum(p.done for p in expected)} of {len(expected)} modules done" in text
    for module in expected:
        assert module.title in text

    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [...document.body.children].filter((el) => getComputedStyle(el).display !== 'none')
            .map((el) => el.className)"""
    )
    assert visible == ["ek-print-sheet"], f"the print view also shows: {visible}"
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("body > .ek-print-sheet").count() == 0
    assert not problems(record), problems(record)


CAPSTONE_PAGE = "modules/capstone/practice.html"


def test_plan_starts_from_earlier_work_and_is_kept_and_exported_in_the_browser(
    context, server, site
):
    from equitykit.plan import load_plan_sections, plan_markdown

    if not (site / CAPSTONE_PAGE).is_file():
        pytest.skip(
            f"!!! {CAPSTONE_PAGE} is not in the build yet (modules/capstone in _toc.yml) !!!"
        )
    page, record = open_page(context, server, CAPSTONE_PAGE, site)
    people = [{"name": "Ms. Rivera", "role": "counsellor", "readiness": 5, "influence": 3}]
    store = {
        "adaptive-work/reflection/r2": {"text": "Honors placement at Eastgate."},
        "build-a-coalition/coalition/coalition": {"people": people, "saved_at": "x"},
    }
    page.evaluate(_SEED, [STORE_PREFIX, {k: json.dumps(v) for k, v in store.items()}])
    # let the first load finish (the favicon comes after "load"), so the reload cancels nothing
    page.wait_for_load_state("networkidle")
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.ek-plan textarea').length === 6")
    plan = page.locator(".ek-plan")
    gap = plan.get_by_label("1. The gap", exact=True)
    assert gap.input_value() == (
        "From Equity leadership is adaptive work, reflection r2:\nHonors placement at Eastgate."
    )
    coalition = plan.get_by_label("2. Coalition and entry point", exact=True)
    assert "- Ms. Rivera (counsellor): readiness 5, influence 3" in coalition.input_value()
    missing = plan.locator(".ek-plan-section[data-section='partners'] li[data-found='no']")
    assert missing.count() == 3, "missing earlier work must be marked, not invented"

    partners = plan.get_by_label("3. Partners", exact=True)
    partners.fill("Multilingual services and the Vietnamese Community Association.")
    plan.get_by_role("button", name="Save my plan").click()
    assert "saved in this browser only" in plan.locator("[role=status]").inner_text()
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.ek-plan textarea').length === 6")
    plan = page.locator(".ek-plan")
    assert plan.get_by_label("3. Partners", exact=True).input_value().startswith("Multilingual")

    with page.expect_download() as info:
        plan.get_by_role("button", name="Export as Markdown").click()
    today = page.evaluate("() => new Date().toISOString().slice(0, 10)")
    texts = {
        box.get_attribute("data-section"): box.input_value()
        for box in plan.locator("textarea").all()
    }
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text == plan_markdown(load_plan_sections(), texts, today)
    assert "## 3. Partners\n\nMultilingual services" in text
    assert not problems(record), problems(record)


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on 127.0.0.1 with a tmp journal and copies of the two notebooks."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.browser.harness import REPO, missing_tool

    lab = Path(sys.executable).parent / "jupyter-lab"
    if not lab.is_file():
        missing_tool("jupyter-lab is not installed in the environment")
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    shutil.copy(REPO / "book" / "progress.ipynb", work / "progress.ipynb")
    shutil.copy(REPO / "modules" / "capstone" / "practice.ipynb", work / "capstone.ipynb")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "HOME": str(home), "EQUITYKIT_JOURNAL": str(home / "journal.json")}
    env.pop("JUPYTER_CONFIG_DIR", None)
    process = subprocess.Popen(
        [str(lab), "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         "--ServerApp.token=", "--ServerApp.password=", "--LabApp.news_url=",
         "--ServerApp.disable_check_xsrf=True"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api", timeout=1)  # noqa: S310 - local server
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 seconds")
        yield url, Journal(home / "journal.json")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _run_all_cells(page, url: str, notebook: str) -> None:
    page.goto(f"{url}/lab/tree/{notebook}?reset", wait_until="load")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # the kernel status reads "Initializing", "Connecting", then "Idle" once it can run cells
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def test_in_jupyterlab_progress_and_plan_use_the_journal(browser, jupyterlab):
    url, journal = jupyterlab
    journal.record_check("adaptive-work", "q1", "Q?", "An answer", True)
    journal.record_check("adaptive-work", "q2", "Q?", "Another answer", False)
    journal.save_reflection("adaptive-work", "r2", "P?", "Late bus routes handled as technical.")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        _run_all_cells(page, url, "progress.ipynb")
        widget = page.locator(".ek-progress")
        widget.locator(".ek-source", has_text="journal file").wait_for(timeout=60_000)
        row = widget.locator("tr[data-module='adaptive-work']")
        row.locator(".ek-progress-checks", has_text="2 of 6 answered, 1 correct").wait_for()
        assert row.locator(".ek-progress-reflections").inner_text() == "1 of 3 written"
        widget.get_by_role("button", name="Download my journal (Markdown)").click()
        status = widget.locator("[role=status]", has_text="Your journal was written to")
        status.wait_for(timeout=30_000)
        written = Path(status.inner_text().split("written to ")[1].split(". It stays")[0])
        assert written.parent == journal.path.parent and "## Progress summary" in (
            written.read_text(encoding="utf-8")
        )

        _run_all_cells(page, url, "capstone.ipynb")
        plan = page.locator(".ek-plan")
        plan.wait_for(timeout=60_000)
        plan.scroll_into_view_if_needed()
        gap = plan.get_by_label("1. The gap", exact=True)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ek-plan textarea')].some("
            "(t) => t.value.includes('Late bus routes'))",
            timeout=60_000,
        )
        assert gap.input_value().endswith("Late bus routes handled as technical.")
        plan.get_by_label("3. Partners", exact=True).fill("Partners written in JupyterLab.")
        plan.get_by_role("button", name="Save my plan").click()
        plan.locator("[role=status]", has_text="saved to your journal").wait_for(timeout=30_000)
        assert journal.get("plan", "partners", "capstone").text == "Partners written in JupyterLab."
    finally:
        context.close()
