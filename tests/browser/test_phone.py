"""The learner site on a principal's phone (390 x 844) and a laptop (1366 x 768).

What a learner would notice: the menu opens; nothing scrolls sideways; chart text is big
enough to read; header buttons show focus; dark mode keeps contrast; the coalition map draws
people where its table puts them; work is saved as it is typed, a warning comes before
leaving with unsaved text, blocked or temporary storage is announced; the whole journal moves
to a fresh browser and back; and without JavaScript every exercise still shows its content.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.harness import open_page, site_pages, wait_for_widgets
from tests.browser.test_pages import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
PRACTICE = "modules/build-a-coalition/practice.html"
FIRST_PRACTICE = "modules/adaptive-work/practice.html"
PROGRESS = "book/progress.html"
READING = "modules/adaptive-work/reading.html"


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def test_the_phone_menu_opens_with_a_tap(phone, server, site):
    page, record = open_page(phone, server, READING, site)
    page.wait_for_load_state("networkidle")
    menu = page.locator(".primary-toggle:visible").first
    menu.tap()
    dialog = page.locator("#pst-primary-sidebar-modal")
    dialog.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("() => document.querySelector('#pst-primary-sidebar-modal').open")
    links = dialog.locator("a.reference.internal:visible")
    assert links.count() > 10, "the course's contents are not in the opened menu"
    assert page.locator(".tooltip").count() == 0, "a tooltip instead of the menu"
    page.keyboard.press("Escape")
    page.locator(".secondary-toggle:visible").first.tap()
    page.locator("#pst-secondary-sidebar-modal").wait_for(state="visible", timeout=5_000)
    assert not record.problems(), record.problems()


#: The source of any visible notebook code cell (myst-nb renders it as ``.cell_input``).
_VISIBLE_CODE = """() => [...document.querySelectorAll('.cell_input')]
    .filter((e) => e.offsetParent !== null)
    .map((e) => e.textContent.trim().slice(0, 80))"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_no_page_scrolls_sideways_or_shows_code(browser, server, site, viewport):
    """Every page fits the screen, and no learner page shows a notebook's code."""
    context = browser.new_context(viewport=viewport)
    wide, code = {}, {}
    try:
        page = context.new_page()
        for path in site_pages(site):
            if 'http-equiv="Refresh"' in (site / path).read_text(encoding="utf-8"):
                continue  # a redirect to the home page
            page.goto(server.url(path), wait_until="load")
            wait_for_widgets(page, (site / path).read_text(encoding="utf-8"))
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > viewport["width"]:
                wide[path] = width
            shown = page.evaluate(_VISIBLE_CODE)
            if shown:
                code[path] = shown[:2]
    finally:
        context.close()
    assert not wide, f"pages wider than {viewport['width']} px: {wide}"
    assert not code, f"learner pages that show notebook code: {code}"


_TEXT_SIZES = """(selector) => [...document.querySelectorAll(selector)].map((e) => {
    const svg = e.ownerSVGElement;
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    return { text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize) * scale,
             clipped: e.scrollWidth > e.clientWidth + 1 && !svg };
})"""


def test_chart_text_is_at_least_12_px_on_a_phone_and_never_clipped(phone, server, site):
    for path, selector in (
        (FIRST_PRACTICE, ".ek-explorer .ek-bar-label, .ek-explorer .ek-bar-value"),
        (PRACTICE, ".ek-coalition svg text, .ek-explorer .ek-bar-label"),
    ):
        page, record = open_page(phone, server, path, site)
        sizes = page.evaluate(_TEXT_SIZES, selector)
        assert sizes, f"no chart text found on {path}"
        small = [s for s in sizes if s["px"] < 12]
        assert not small, f"{path}: chart text under 12 px: {small[:5]}"
        assert not [s for s in sizes if s["clipped"]], f"{path}: clipped labels"
        labels = [s["text"] for s in sizes]
        assert "American Indian or Alaska Native" in labels or path == PRACTICE
        assert not record.problems(), record.problems()


def test_header_buttons_show_a_focus_ring(browser, server, site):
    context = browser.new_context(viewport=LAPTOP)
    try:
        page, _ = open_page(context, server, READING, site)
        seen = []
        for _ in range(150):  # past the skip link and the sidebar's contents
            if len(seen) >= 4:
                break
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """() => { const e = document.activeElement; const s = getComputedStyle(e);
                return { inHeader: !!e.closest('.bd-header, .bd-header-article'),
                         label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30),
                         outline: parseFloat(s.outlineWidth) || 0, style: s.outlineStyle }; }"""
            )
            if focused["inHeader"]:
                seen.append(focused)
        assert len(seen) >= 3, f"too few header controls reached by Tab: {seen}"
        missing = [f for f in seen if f["outline"] < 2 or f["style"] == "none"]
        assert not missing, f"header controls without a visible focus ring: {missing}"
    finally:
        context.close()


@pytest.mark.parametrize("path", [FIRST_PRACTICE, PRACTICE, PROGRESS])
def test_dark_mode_passes_axe_contrast_on_widget_pages(browser, server, site, axe_source, path):
    context = browser.new_context(viewport=LAPTOP, color_scheme="dark")
    context.add_init_script(
        "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"
    )
    try:
        page, record = open_page(context, server, path, site)
        assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('.ek-widget')).backgroundColor"
        )
        assert background != "rgb(255, 255, 255)", "widgets stay white in dark mode"
        violations = run_axe(page, axe_source)
        assert not violations, json.dumps(violations, indent=1)[:3000]
        assert not record.problems(), record.problems()
    finally:
        context.close()


def test_the_coalition_map_draws_everyone_in_the_quadrant_its_table_gives(phone, server, site):
    page, record = open_page(phone, server, PRACTICE, site)
    widget = page.locator(".ek-coalition")
    drawn = page.evaluate(
        """() => { const svg = document.querySelector('.ek-coalition svg');
        const x = svg.querySelector('.ek-map-split-x').getAttribute('x1');
        const y = svg.querySelector('.ek-map-split-y').getAttribute('y1');
        return { splitX: +x, splitY: +y, points: [...svg.querySelectorAll('circle')].map((c) =>
            ({ name: c.dataset.name, quadrant: c.dataset.quadrant, cx: +c.getAttribute('cx'),
               cy: +c.getAttribute('cy') })) }; }"""
    )
    rows = {
        r.get_attribute("data-name"): r.get_attribute("data-quadrant")
        for r in widget.locator("tbody tr").all()
    }
    assert {p["name"]: p["quadrant"] for p in drawn["points"]} == rows
    grace = next(p for p in drawn["points"] if p["name"] == "Grace Okafor")
    assert grace["quadrant"].startswith("Key voices")  # readiness 2, influence 3
    assert grace["cx"] < drawn["splitX"], "not yet ready: left of the readiness line"
    assert grace["cy"] < drawn["splitY"], "influential: above the influence line (y grows down)"
    for a in drawn["points"]:
        for b in drawn["points"]:
            if a is not b:
                assert (a["cx"] - b["cx"]) ** 2 + (a["cy"] - b["cy"]) ** 2 >= 20**2, (a, b)
    assert not record.problems(), record.problems()


def _storage(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
            .filter((k) => k.startsWith('equitykit/v2/'))
            .map((k) => [k.slice(13), JSON.parse(localStorage.getItem(k))]))"""
    )


def test_a_reflection_is_saved_as_it_is_typed(phone, server, site):
    page, record = open_page(phone, server, FIRST_PRACTICE, site)
    box = page.locator(".ek-reflection-prompt").first.locator("textarea")
    box.fill("")
    box.type("Typed on the bus, never saved by hand.")
    status = page.locator(".ek-reflection-prompt").first.locator("[role=status]")
    status.filter(has_text="Last saved at").wait_for(timeout=5_000)
    saved = _storage(page)["adaptive-work/reflect"]["texts"]["r1"]
    assert saved == "Typed on the bus, never saved by hand."
    page.reload(wait_until="load")
    wait_for_widgets(page, (site / FIRST_PRACTICE).read_text(encoding="utf-8"))
    assert page.locator(".ek-reflection-prompt").first.locator("textarea").input_value() == saved
    assert not record.problems(), record.problems()


BLOCK_STORAGE = """(() => {
  const refuse = () => { throw new DOMException('blocked', 'SecurityError'); };
  Object.defineProperty(window, 'localStorage', { get: refuse, configurable: true });
})();"""


def test_blocked_storage_is_announced_and_leaving_with_text_asks_first(browser, server, site):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(BLOCK_STORAGE)
    try:
        page, _ = open_page(context, server, FIRST_PRACTICE, site)
        banner = page.locator(".ek-storage-banner[data-kind='blocked']")
        banner.wait_for(timeout=5_000)
        assert "not keeping your work" in banner.inner_text()
        assert page.locator(".ek-storage-banner").count() == 1, "one notice per page"
        box = page.locator(".ek-reflection-prompt").first.locator("textarea")
        box.type("This cannot be kept here.")
        page.locator(".ek-reflection-prompt").first.locator("[role=status]").filter(
            has_text="Not saved"
        ).wait_for(timeout=5_000)
        asked = []
        page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
        page.close(run_before_unload=True)
        for _ in range(20):
            if asked:
                break
            context.pages[0].wait_for_timeout(100) if context.pages else None
        assert asked == ["beforeunload"], "no warning before leaving with unsaved text"
    finally:
        context.close()


def test_a_private_window_is_named_as_one(browser, server, site):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(
        "navigator.storage.estimate = () => Promise.resolve({ quota: 100 * 2 ** 20, usage: 0 });"
    )
    try:
        page, _ = open_page(context, server, FIRST_PRACTICE, site)
        banner = page.locator(".ek-storage-banner[data-kind='temporary']")
        banner.wait_for(timeout=5_000)
        assert "private window" in banner.inner_text()
    finally:
        context.close()


def test_the_journal_moves_to_a_fresh_browser_and_merges_without_losing_newer_work(
    browser, server, site, tmp_path
):
    laptop = browser.new_context(viewport=LAPTOP)
    phone_ctx = browser.new_context(viewport=PHONE)
    try:
        page, _ = open_page(laptop, server, PRACTICE, site)
        page.locator(".ek-check fieldset").first.locator("input[type=radio]").nth(1).check()
        page.locator(".ek-reflection-prompt").first.locator("textarea").fill("From the laptop.")
        page.locator(".ek-reflection-prompt").first.get_by_role(
            "button", name="Save reflection"
        ).click()
        page.locator(".ek-coalition").get_by_label("Name or title").fill("Ms. Diaz")
        page.locator(".ek-coalition").get_by_role("button", name="Add to the map").click()
        page.wait_for_timeout(300)
        laptop_store = _storage(page)
        page, record = open_page(laptop, server, PROGRESS, site)
        with page.expect_download() as info:
            page.get_by_role("button", name="Download my journal as a file to move (JSON)").click()
        journal_file = tmp_path / "journal.json"
        journal_file.write_text(
            Path(info.value.path()).read_text(encoding="utf-8"), encoding="utf-8"
        )

        fresh, fresh_record = open_page(phone_ctx, server, PROGRESS, site)
        field = fresh.get_by_label(re.compile("Add the work from a journal file"))
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "something else"}', encoding="utf-8")
        field.set_input_files(str(bad))
        status = fresh.locator(".ek-progress [role=status]")
        status.filter(has_text="not a journal file from this course").wait_for(timeout=5_000)
        assert _storage(fresh) == {}, "a foreign file changed nothing"
        field.set_input_files(str(journal_file))
        status.filter(has_text="Added your work on 3 activities").wait_for(timeout=5_000)
        assert _storage(fresh) == laptop_store
        practice, _ = open_page(phone_ctx, server, PRACTICE, site)
        assert (
            practice.locator(".ek-reflection-prompt").first.locator("textarea").input_value()
            == "From the laptop."
        )
        assert practice.locator(".ek-coalition tbody tr[data-name='Ms. Diaz']").count() == 1
        # newer work on the phone is kept when the older file is added again
        box = practice.locator(".ek-reflection-prompt").first.locator("textarea")
        box.fill("Newer, on the phone.")
        practice.locator(".ek-reflection-prompt").first.get_by_role(
            "button", name="Save reflection"
        ).click()
        practice.wait_for_timeout(300)
        fresh.reload(wait_until="load")
        wait_for_widgets(fresh, (site / PROGRESS).read_text(encoding="utf-8"))
        fresh.get_by_label(re.compile("Add the work from a journal file")).set_input_files(
            str(journal_file)
        )
        fresh.locator(".ek-progress [role=status]").filter(has_text="left as they are").wait_for()
        assert _storage(fresh)["build-a-coalition/reflect"]["texts"]["r1"] == "Newer, on the phone."
        assert not record.problems() and not fresh_record.problems()
    finally:
        laptop.close()
        phone_ctx.close()


@pytest.mark.parametrize(
    "path", [p for p in ("modules/adaptive-work/practice.html", PRACTICE, PROGRESS)]
)
def test_without_javascript_every_widget_leaves_its_content(browser, server, site, path):
    html = (site / path).read_text(encoding="utf-8")
    views = html.count('type="application/vnd.jupyter.widget-view+json"')
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(path), wait_until="load")
        fallbacks = page.locator("[data-ek-fallback]")
        assert fallbacks.count() == views, f"{path}: {fallbacks.count()} fallbacks for {views}"
        for fallback in fallbacks.all():
            text = fallback.inner_text()
            assert "needs JavaScript" in text and len(text) > 80, text[:200]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_with_javascript_the_fallbacks_give_way(phone, server, site):
    page, _ = open_page(phone, server, PRACTICE, site)
    page.wait_for_function("() => document.documentElement.dataset.widgetsRendered === 'true'")
    assert page.locator("[data-ek-fallback]").count() == 0


def test_the_explorer_remembers_choices_and_explains_an_empty_chart(phone, server, site):
    page, record = open_page(phone, server, FIRST_PRACTICE, site)
    widget = page.locator(".ek-explorer").first
    units = widget.get_by_label("School or district", exact=True)
    options = units.locator("option").all()
    empty_unit = None
    for option in options[1:]:
        units.select_option(option.get_attribute("value"))
        if widget.locator(".ek-bar-track .ek-bar").count() == 0:
            empty_unit = option.get_attribute("value")
            break
    if empty_unit is not None:
        assert "No group here is large enough" in widget.inner_text()
    units.select_option(options[2].get_attribute("value"))
    widget.get_by_label("Measure", exact=True).select_option("risk")
    page.reload(wait_until="load")
    wait_for_widgets(page, (site / FIRST_PRACTICE).read_text(encoding="utf-8"))
    widget = page.locator(".ek-explorer").first
    assert widget.get_by_label("School or district", exact=True).input_value() == options[
        2
    ].get_attribute("value")
    assert widget.get_by_label("Measure", exact=True).input_value() == "risk"
    assert not record.problems(), record.problems()


def test_progress_rows_link_to_their_modules(phone, server, site):
    page, _ = open_page(phone, server, PROGRESS, site)
    links = page.locator(".ek-progress-table th a")
    assert links.count() >= 7
    links.first.click()
    page.wait_for_url(re.compile(r"modules/adaptive-work/practice\.html$"))
