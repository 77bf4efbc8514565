"""The progress page and the capstone plan on the static site, and in JupyterLab.

The tests seed this browser's storage with a learner's work as version 1 of the kit saved
it (its old keys), reload the built page and check that the work was moved to the one key
scheme and is shown: the progress the browser's rules compute for the moved work, the
journal download and the printable summary; then the plan's drafts from earlier work.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from equitykit.content.keys import legacy_keys
from equitykit.content.modules import course_modules, load_module
from equitykit.content.outline import course_outline
from equitykit.journal import Journal
from tests.browser.harness import open_page
from tests.node_runner import call

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROGRESS_PAGE = "book/progress.html"
V1, V2 = "equitykit/v1/", "equitykit/v2/"


def v1_store() -> dict:
    """Work a learner saved under version 1: one module done, two in progress, noise."""
    store: dict = {}
    first = load_module("adaptive-work")
    check = first.activity("knowledge-check")
    for number, question in enumerate(check.questions):
        right = next(i for i, o in enumerate(question.options) if o.correct)
        chosen = right if number % 2 == 0 else (right + 1) % len(question.options)
        store[f"adaptive-work/check/{question.id}"] = {
            "chosen": chosen,
            "correct": chosen == right,
            "question": question.question,
            "at": "2026-03-14T09:30:00.000Z",
        }
    for prompt in first.activity("reflect").prompts:
        store[f"adaptive-work/reflection/{prompt.id}"] = {
            "text": f"My thoughts on {prompt.id}.\nA second line.",
            "saved_at": "2026-03-14T09:31:00.000Z",
            "prompt": prompt.prompt,
        }
    sort = first.activity("sort-challenges")
    store["adaptive-work/sort/sort_items"] = {
        str(i): item.answer for i, item in enumerate(sort.items)
    }
    second = load_module("build-a-coalition").activity("knowledge-check")
    store["build-a-coalition/check/q1"] = {"chosen": 0, "correct": False}
    store["build-a-coalition/reflection/r1"] = {"text": "Four math teachers are ready."}
    store["build-a-coalition/reflection/r2"] = {"text": "   "}  # saved blank: not written
    store["focus-on-systems/worksheet/lattice"] = {
        "answers": {"route-change": {"drivers": "Routes"}}
    }
    store["capstone/plan/gap"] = {"text": "Honors access for English learners at Eastgate."}
    assert second.questions[0].id == "q1"
    return store


def v2_task_entries() -> dict:
    """Module 1's scored task, written and scored on every criterion (so Module 1 is done)."""
    outline = {m["slug"]: m for m in course_outline()}
    entries = {}
    for activity in outline["adaptive-work"]["activities"]:
        if activity["widget"] == "task":
            scores = {part["id"]: 2 for part in activity["parts"]}
            entries[activity["key"]] = {"text": "My reply to the board.", "scores": scores}
    assert entries, "Module 1 has a scored task"
    return entries


def migrated(store: dict) -> dict:
    """The same work under the new keys, as the browser's store module moves it."""
    moved = call("lib/store", "migrateEntries", legacy_keys(course_modules()), store, {})
    return moved["values"]


_READ_TABLE = """() => [...document.querySelectorAll('.ek-progress tr[data-module]')].map((tr) => ({
    slug: tr.dataset.module,
    label: tr.querySelector('th').textContent,
    status: tr.querySelector('.ek-progress-status').textContent,
    activities: tr.querySelector('.ek-progress-activities').textContent,
}))"""

_READ_ITEMS = """() => Object.fromEntries([...document.querySelectorAll(
    '.ek-progress details[data-module]')].map((d) => [d.dataset.module,
    [...d.querySelectorAll('li')].map((li) => [li.dataset.key, li.dataset.state])]))"""

_SEED = """([prefix, entries]) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(prefix + key, value);
    localStorage.setItem(prefix + 'adaptive-work/check/damaged', '{not json');
    localStorage.setItem('another-site/key', 'ignored');
}"""


def seed_and_reload(page, prefix: str, store: dict, also: tuple[str, dict] | None = None) -> None:
    page.evaluate(_SEED, [prefix, {k: json.dumps(v) for k, v in store.items()}])
    if also:
        more = {also[0] + k: json.dumps(v) for k, v in also[1].items()}
        page.evaluate(
            "(m) => { for (const [k, v] of Object.entries(m)) localStorage.setItem(k, v); }", more
        )
    # let the first load finish (the favicon comes after "load"), so the reload cancels nothing
    page.wait_for_load_state("networkidle")
    page.reload(wait_until="load")


@pytest.fixture
def seeded_page(context, server, site):
    """The progress page, reloaded after seeding this browser with version-1 work."""
    if not (site / PROGRESS_PAGE).is_file():
        pytest.fail(f"{PROGRESS_PAGE} is not in the build: add `- file: book/progress` to _toc.yml")
    page, record = open_page(context, server, PROGRESS_PAGE, site)
    store = v1_store()
    newer = v2_task_entries()  # tasks came after version 1: their work is saved under v2 only
    seed_and_reload(page, V1, store, also=(V2, newer))
    page.wait_for_function(
        "() => document.querySelectorAll('.ek-progress tr[data-module]').length > 0",
        timeout=30_000,
    )
    return page, record, {**migrated(store), **newer}


def test_version_1_work_survives_the_move_to_the_new_keys(seeded_page):
    page, record, store = seeded_page
    saved = page.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage).filter((k) =>
            k.startsWith(prefix)).map((k) => [k.slice(prefix.length),
            JSON.parse(localStorage.getItem(k))]))""",
        V2,
    )
    assert saved == store
    assert saved["adaptive-work/reflect"]["texts"]["r1"] == "My thoughts on r1.\nA second line."
    assert saved["focus-on-systems/lattice-map"]["answers"] == {
        "route-change": {"drivers": "Routes"}
    }
    assert saved["capstone/write-plan"]["sections"]["gap"].startswith("Honors access")
    left = page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix))", V1
    )
    assert left == [f"{V1}adaptive-work/check/damaged"], "moved entries are removed, others kept"
    assert not record.problems(), record.problems()


def test_page_shows_exactly_the_progress_the_rules_compute(seeded_page):
    page, record, store = seeded_page
    shown = page.evaluate(_READ_TABLE)
    outline = course_outline()
    expected = call("lib/completion", "courseProgress", outline, store)
    assert [row["slug"] for row in shown] == [m["slug"] for m in outline]
    for got, want in zip(shown, expected, strict=True):
        done = sum(a["done"] for a in want["activities"])
        status = {"done": "Done", "in progress": "In progress"}.get(want["status"], "Not started")
        assert got == {
            "slug": want["slug"],
            "label": want["label"],
            "status": status,
            "activities": f"{done} of {len(want['activities'])}",
        }
    statuses = {row["slug"]: row["status"] for row in expected}
    assert statuses["adaptive-work"] == "done"  # checks, reflections and the sort all count
    assert statuses["build-a-coalition"] == "in progress"
    assert statuses["capstone"] == "in progress"
    summary = page.locator(".ek-progress .ek-summary").inner_text()
    assert summary == f"{sum(r['done'] for r in expected)} of {len(expected)} modules done."
    items = page.evaluate(_READ_ITEMS)
    for row in expected:
        states = [
            ["done" if a["done"] else "started" if a["started"] else "not started"]
            for a in row["activities"]
        ]
        assert [[i[1]] for i in items[row["slug"]]] == states
    assert "this browser" in page.locator(".ek-progress .ek-source").inner_text()
    assert not record.problems(), record.problems()


def test_controls_are_labelled_and_details_open_with_the_keyboard(seeded_page):
    page, record, _ = seeded_page
    widget = page.locator(".ek-progress")
    for name in (
        "Download my journal (Markdown)",
        "Download my journal as a file to move (JSON)",
        "Print a completion summary",
    ):
        assert widget.get_by_role("button", name=name).count() == 1, name
    assert widget.get_by_label("Name to print on the summary (optional, not saved)").count() == 1
    assert widget.locator("[role=status]").count() == 1
    summary = widget.locator("details[data-module='build-a-coalition'] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert widget.locator("details[data-module='build-a-coalition']").get_attribute("open") == ""
    assert not record.problems(), record.problems()


def test_journal_download_is_made_in_the_browser_by_the_one_exporter(seeded_page):
    page, record, store = seeded_page
    page.wait_for_load_state("networkidle")
    before = len(record.requests)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my journal (Markdown)").click()
    download = info.value
    today = page.evaluate(
        "() => { const d = new Date(); const p = (n) => String(n).padStart(2, '0');"
        " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; }"
    )
    assert download.suggested_filename == f"my-journal-{today}.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text == call("lib/journal", "journalMarkdown", course_outline(), store, today)
    assert "> My thoughts on r1.\n> A second line." in text
    sent = [url for url in record.requests[before:] if not url.startswith("blob:")]
    assert not sent, f"the download made network requests: {sent}"
    assert "nothing was sent anywhere" in page.locator(".ek-progress [role=status]").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my journal as a file to move (JSON)").click()
    moved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert moved["format"] == "equitykit-journal" and moved["items"] == store
    assert not record.problems(), record.problems()


def test_print_view_shows_only_the_summary(seeded_page):
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
    assert "No one has checked or graded it." in text
    assert "Prepared for Sam Ortiz" in text
    expected = call("lib/completion", "courseProgress", course_outline(), store)
    assert f"{sum(p['done'] for p in expected)} of {len(expected)} modules done" in text
    for module in expected:
        assert module["label"] in text
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [...document.body.children].filter((el) => getComputedStyle(el).display !== 'none')
            .map((el) => el.className)"""
    )
    assert visible == ["ek-print-sheet"], f"the print view also shows: {visible}"
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("body > .ek-print-sheet").count() == 0
    assert not record.problems(), record.problems()


CAPSTONE_PAGE = "modules/capstone/practice.html"
#: The plan shows one box per section of the capstone's plan activity.
PLAN_BOXES = (
    "() => document.querySelectorAll('.ek-plan textarea').length === "
    f"{len(load_module('capstone').activity('write-plan').sections)}"
)


def test_plan_starts_from_earlier_work_and_is_kept_and_exported_in_the_browser(
    context, server, site
):
    page, record = open_page(context, server, CAPSTONE_PAGE, site)
    people = [{"name": "Ms. Rivera", "role": "counsellor", "readiness": 5, "influence": 3}]
    store = {
        "adaptive-work/reflect": {"texts": {"r2": "Honors placement at Eastgate."}},
        "build-a-coalition/coalition-map": {"people": people, "saved_at": "x"},
    }
    seed_and_reload(page, V2, store)
    page.wait_for_function(PLAN_BOXES)
    plan = page.locator(".ek-plan")
    gap = plan.get_by_label("1. The gap", exact=True)
    assert gap.input_value() == (
        "From Equity leadership is adaptive work, your reflection:\nHonors placement at Eastgate."
    )
    coalition = plan.get_by_label("2. Coalition and entry point", exact=True)
    assert "- Ms. Rivera (counsellor): 5 and 3 on the map's two scales" in coalition.input_value()
    missing = plan.locator(".ek-plan-section[data-section='partners'] li[data-found='no']")
    assert missing.count() == 2, "missing earlier work must be marked, not invented"

    partners = plan.get_by_label("3. Partners", exact=True)
    partners.fill("Multilingual services and the Vietnamese Community Association.")
    plan.get_by_role("button", name="Save my plan").click()
    plan.locator("[role=status]", has_text="Saved in this browser only").wait_for()
    page.reload(wait_until="load")
    page.wait_for_function(PLAN_BOXES)
    plan = page.locator(".ek-plan")
    assert plan.get_by_label("3. Partners", exact=True).input_value().startswith("Multilingual")

    with page.expect_download() as info:
        plan.get_by_role("button", name="Export as Markdown").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "## 3. Partners\n\nMultilingual services" in text
    assert "## 1. The gap\n\nFrom Equity leadership is adaptive work" in text
    assert not record.problems(), record.problems()


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on 127.0.0.1 with a tmp journal and copies of two notebooks."""
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
    env.pop("EQUITYKIT_SITE_BUILD", None)
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
    journal.save(
        "adaptive-work/knowledge-check", {"answers": {"q1": {"option": "a"}, "q2": {"option": "a"}}}
    )
    journal.save(
        "adaptive-work/reflect", {"texts": {"r2": "Late bus routes handled as technical."}}
    )
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        _run_all_cells(page, url, "progress.ipynb")
        widget = page.locator(".ek-progress")
        widget.locator(".ek-source", has_text="journal file").wait_for(timeout=60_000)
        assert str(journal.path) in widget.locator(".ek-source").inner_text()
        row = widget.locator("tr[data-module='adaptive-work']")
        assert row.locator(".ek-progress-status").inner_text() == "In progress"

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
        plan.locator("[role=status]", has_text="Saved to your journal").wait_for(timeout=30_000)
        saved = journal.get("capstone/write-plan")["sections"]
        assert saved["partners"] == "Partners written in JupyterLab."
    finally:
        context.close()
