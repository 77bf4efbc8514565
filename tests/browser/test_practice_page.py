"""The model module's practice page works in a browser with no kernel behind it."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from equitykit.widgets import activity
from tests.browser.harness import open_page
from tests.node_runner import call

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRACTICE = "modules/adaptive-work/practice.html"
NOTEBOOK = Path("modules/adaptive-work/practice.ipynb")
CONTROLS = ".ek-widget select, .ek-widget input, .ek-widget textarea, .ek-widget button"
STORE_PREFIX = "equitykit/v2/"

#: Marks every widget control and describes it; returns the descriptions.
_MARK_CONTROLS = """(selector) => {
    const list = [...document.querySelectorAll(selector)].filter(
        (el) => !el.disabled && el.getClientRects().length > 0);
    return list.map((el, i) => {
        el.setAttribute("data-ek-kbd", String(i));
        const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : "";
        return {index: i, tag: el.tagName.toLowerCase(), type: el.type || "",
                name: el.name || "",
                label: label.slice(0, 60) || el.textContent.trim().slice(0, 60)};
    });
}"""

#: Describes the focused element: its mark and whether its focus indicator is visible.
_ACTIVE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return {mark: el.getAttribute("data-ek-kbd"), tag: el.tagName.toLowerCase(),
            visible: Boolean(outline || shadow), focusVisible: el.matches(":focus-visible"),
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`};
}"""


def _open_practice(context, server, site):
    if not (site / PRACTICE).is_file():
        pytest.fail(f"{PRACTICE} is not in the build")
    return open_page(context, server, PRACTICE, site)


def test_tab_reaches_every_widget_control_with_visible_focus(context, server, site):
    page, record = _open_practice(context, server, site)
    controls = page.evaluate(_MARK_CONTROLS, CONTROLS)
    assert controls, "the practice page shows no widget controls"
    radio_groups = {c["name"] for c in controls if c["type"] == "radio"}
    needed = {str(c["index"]) for c in controls if c["type"] != "radio"}
    focusable = page.evaluate(
        "() => document.querySelectorAll('a[href], button, input, select, textarea,"
        " [tabindex]').length"
    )
    reached: set[str] = set()
    groups_reached: set[str] = set()
    invisible: list[dict] = []
    by_mark = {str(c["index"]): c for c in controls}
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(focusable + 40):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        if not active or active["mark"] is None:
            continue
        control = by_mark[active["mark"]]
        if not active["visible"]:
            invisible.append({**control, **active})
        if control["type"] == "radio":
            groups_reached.add(control["name"])
        else:
            reached.add(active["mark"])
        if needed <= reached and radio_groups <= groups_reached:
            break
    missed = [by_mark[m] for m in sorted(needed - reached, key=int)]
    missed_groups = sorted(radio_groups - groups_reached)
    assert not missed and not missed_groups, (
        f"Tab never reached {len(missed)} control(s) and {len(missed_groups)} radio group(s): "
        f"{missed[:10]} {missed_groups[:10]}"
    )
    assert not invisible, f"focus is not visible on: {invisible[:10]}"
    # inside a radio group the arrow keys move between the options (native radios)
    if radio_groups:
        first = page.locator(".ek-widget input[type=radio]").first
        first.focus()
        page.keyboard.press("ArrowDown")
        moved = page.evaluate("() => document.activeElement.getAttribute('data-ek-kbd')")
        assert moved != first.get_attribute("data-ek-kbd"), "arrow keys do not move in a group"
    assert not record.problems(), "\n".join(record.problems())


def test_knowledge_check_gives_feedback_with_no_kernel(context, server, site):
    page, record = _open_practice(context, server, site)
    question = page.locator(".ek-check fieldset").first
    feedback = question.locator(".ek-feedback")
    assert feedback.inner_text().strip() == ""
    option = question.locator("input[type=radio]").first
    question.locator(f"label[for='{option.get_attribute('id')}']").click()
    assert option.is_checked()
    text = feedback.inner_text().strip()
    assert re.match(r"^(Correct\.|Not the best answer\.)\s+\S", text), text
    assert len(text) > 40, f"the feedback does not explain the answer: {text!r}"
    stored = page.evaluate(
        "(p) => Object.keys(localStorage).filter((k) => k === p + 'adaptive-work/knowledge-check')",
        STORE_PREFIX,
    )
    assert stored, "the chosen answer was not kept in this browser"
    assert not record.problems(), "\n".join(record.problems())


def test_reflection_is_kept_in_this_browser_and_nothing_is_sent(context, server, site):
    page, record = _open_practice(context, server, site)
    page.wait_for_load_state("networkidle")
    words = f"Our balcony view shows a gap at one school. {uuid.uuid4().hex[:8]}"
    reflection = page.locator(".ek-reflection-prompt").first
    box = reflection.locator("textarea")
    box.click()
    page.keyboard.type(words)
    before = len(record.requests)
    reflection.get_by_role("button", name="Save reflection").click()
    status = reflection.locator(".ek-status")
    status.filter(has_text="Saved in this browser").wait_for(timeout=5_000)
    page.wait_for_timeout(500)
    sent = record.requests[before:]
    assert not sent, f"saving a reflection made network requests: {sent}"
    kept = page.evaluate(
        """(p) => Object.fromEntries(Object.keys(localStorage)
            .filter((k) => k.startsWith(p)).map((k) => [k, localStorage.getItem(k)]))""",
        STORE_PREFIX,
    )
    assert any(words in value for value in kept.values()), f"not in localStorage: {kept}"
    page.reload(wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('.ek-reflection textarea').length > 0", timeout=30_000
    )
    assert page.locator(".ek-reflection-prompt").first.locator("textarea").input_value() == words
    assert not record.problems(), "\n".join(record.problems())


def shown_by_python(explorer, **selection) -> dict[str, str]:
    """What the explorer's data say the table shows for a selection (selected by the browser's
    own function, run in Node, on the data Python computed)."""
    chosen = {**explorer._data["start"], **selection}
    rows = call("gap_explorer", "selectRows", explorer._data, chosen)
    return {
        r["subgroup"]: r["text"] or ("" if r["subgroup"] == "All" else "not reported") for r in rows
    }


def _table_column(explorer_el) -> dict[str, str]:
    rows = explorer_el.locator("tbody tr[data-subgroup]")
    return {
        rows.nth(i).get_attribute("data-subgroup"): rows.nth(i).locator(".ek-metric").inner_text()
        for i in range(rows.count())
    }


def test_gap_explorer_shows_what_python_computes(context, server, site):
    expected = activity("adaptive-work", "balcony-gaps")
    page, record = _open_practice(context, server, site)
    widget = page.locator(".ek-explorer").filter(has=page.get_by_label("Measure", exact=True)).first
    for label in ("Outcome", "Student group", "School or district", "Measure"):
        assert widget.get_by_label(label, exact=True).count() == 1, f"no select labelled {label}"
    assert _table_column(widget) == shown_by_python(expected), "the first view differs"
    before = _table_column(widget)

    measure = widget.get_by_label("Measure", exact=True)
    codes = [c for c, _, _ in expected._data["metrics"]]
    start = expected._data["start"]
    new_measure = next(code for code in codes if code not in (start["metric"], "risk_ratio"))
    measure.select_option(new_measure)
    units = [code for code, _ in expected._data["units"]]
    new_unit = next(code for code in units if code != start["unit"])
    widget.get_by_label("School or district", exact=True).select_option(new_unit)

    want = shown_by_python(expected, metric=new_measure, unit=new_unit)
    shown = _table_column(widget)
    assert len(shown) >= 3, f"the table shows too few rows to compare: {shown}"
    assert shown != before, "changing the measure and the school did not change the table"
    assert shown == want, (
        f"the browser shows {shown} for {new_measure} at {new_unit}; Python computes {want}"
    )
    assert not record.problems(), "\n".join(record.problems())


def test_practice_page_prints_content_and_answers_not_navigation(context, server, site, artifacts):
    page, record = _open_practice(context, server, site)
    question = page.locator(".ek-check fieldset").first
    option = question.locator("input[type=radio]").first
    question.locator(f"label[for='{option.get_attribute('id')}']").click()
    page.locator(".ek-reflection textarea").first.fill("A reflection that must print.")
    page.emulate_media(media="print")
    for chrome in (".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".header-article"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    # the theme prints the title (and the page's contents) in #jb-print-docs-body
    assert page.locator("h1:visible").count() >= 1, "the page title is not printed"
    assert page.locator(".bd-article section p").first.is_visible(), "the text is not printed"
    assert question.locator(".ek-feedback").is_visible(), "the answer's feedback is not printed"
    assert page.locator(".ek-reflection textarea").first.is_visible()
    assert not page.get_by_role("button", name="Save reflection").first.is_visible()
    selects = page.locator(".ek-widget select")
    if selects.count():
        assert selects.first.is_visible(), "the explorer's selections are not printed"
        colour = selects.first.evaluate("el => getComputedStyle(el).color")
        assert colour == "rgb(0, 0, 0)", f"widget controls print in {colour}, not black"
    target = artifacts / "practice-print.pdf"
    page.pdf(path=str(target), format="Letter", print_background=True)
    assert target.stat().st_size > 20_000
    assert not record.problems(), "\n".join(record.problems())
