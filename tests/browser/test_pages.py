"""Every page of the built site in a real browser: clean loads, axe, screenshots, weight."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field

import pytest

from tests.browser.harness import PageRecord, open_page, site_pages, wait_for_widgets, watch

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
HOME = "book/index.html"
MODULE_LANDING = "modules/adaptive-work.html"
PRACTICE = "modules/adaptive-work/practice.html"
#: Page weight budgets: gzip-compressed bytes of every response on a first load.
BUDGETS = {HOME: 500_000, PRACTICE: 2_000_000}
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}


@dataclass
class Survey:
    """One visit to every page: what loaded and what axe found."""

    records: dict[str, PageRecord] = field(default_factory=dict)
    violations: dict[str, list[dict]] = field(default_factory=dict)


def run_axe(page, axe_source: str) -> list[dict]:
    """Run axe-core on the page and return its violations (rule, impact, nodes)."""
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => ({
                    target: n.target.join(" "), html: n.html.slice(0, 200),
                    summary: n.failureSummary})),
                count: v.nodes.length}));
        }""",
        AXE_TAGS,
    )


@pytest.fixture(scope="package")
def survey(browser, server, site, axe_source, artifacts) -> Survey:
    """Load every page once (fresh profile), wait for its widgets, run axe on it."""
    result = Survey()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        for path in site_pages(site):
            page, record = open_page(context, server, path, site)
            page.wait_for_load_state("networkidle")
            result.records[path] = record
            result.violations[path] = run_axe(page, axe_source)
            page.close()
    finally:
        context.close()
    report = artifacts / "axe-violations.json"
    report.write_text(json.dumps(result.violations, indent=2), encoding="utf-8")
    return result


def test_the_site_has_the_key_pages(site):
    pages = site_pages(site)
    assert HOME in pages and PRACTICE in pages, f"key pages missing from the build: {pages}"


def test_every_page_loads_with_no_error_and_nothing_from_other_hosts(survey):
    assert survey.records, "no page was loaded"
    problems = {path: rec.problems() for path, rec in survey.records.items() if rec.problems()}
    listing = "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())
    assert not problems, f"{len(problems)} page(s) did not load cleanly:\n{listing}"


def test_every_page_passes_axe(survey):
    failing = {path: found for path, found in survey.violations.items() if found}
    lines = []
    for path, found in failing.items():
        for violation in found:
            lines.append(
                f"{path}: {violation['id']} ({violation['impact']}, {violation['count']} "
                f"node(s)): {violation['help']}"
            )
            lines += [f"    {node['target']}: {node['html']}" for node in violation["nodes"]]
    assert not failing, "axe-core found accessibility violations:\n" + "\n".join(lines)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("path", [HOME, MODULE_LANDING, PRACTICE])
def test_screenshot_and_axe_at_each_width(
    browser, server, site, artifacts, axe_source, path, viewport
):
    if not (site / path).is_file():
        pytest.skip(f"{path} is not in this build (not in _toc.yml yet)")
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page, record = open_page(context, server, path, site)
        page.wait_for_load_state("networkidle")
        folder = artifacts / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        name = path.removesuffix(".html").replace("/", "__")
        target = folder / f"{name}-{viewport}-{width}x{height}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5_000, f"{target} looks empty"
        assert not record.problems(), "\n".join(record.problems())
        # the layout changes with the width (menus fold away on a phone): check it again
        found = run_axe(page, axe_source)
        summary = [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
        assert not found, f"axe-core at {viewport} width on {path}: {summary}"
        if viewport == "phone":
            # reflow (WCAG 1.4.10): nothing makes the page scroll sideways, down to 320 px
            for narrow in (width, 320):
                page.set_viewport_size({"width": narrow, "height": height})
                scroll = page.evaluate("() => document.documentElement.scrollWidth")
                assert scroll <= narrow + 1, f"{path} scrolls sideways at {narrow} px ({scroll})"
    finally:
        context.close()


def _first_load_weight(browser, server, site, path: str) -> tuple[int, int, list[str]]:
    """Load a page in a fresh profile; return (gzip bytes, raw bytes, problems)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    responses = []
    try:
        page = context.new_page()
        record = PageRecord(path)
        watch(page, server, record)
        page.on("response", lambda response: responses.append(response))
        page.goto(server.url(path), wait_until="load")
        wait_for_widgets(page, (site / path).read_text(encoding="utf-8"))
        page.wait_for_load_state("networkidle")
        compressed = raw = 0
        for response in responses:
            if response.status >= 300 or response.request.url.startswith("data:"):
                continue
            body = response.body()
            raw += len(body)
            compressed += len(gzip.compress(body, compresslevel=6))
        return compressed, raw, record.problems()
    finally:
        context.close()


@pytest.mark.parametrize("path", sorted(BUDGETS))
def test_page_weight(browser, server, site, artifacts, capsys, path):
    compressed, raw, problems = _first_load_weight(browser, server, site, path)
    budget = BUDGETS[path]
    line = (
        f"page weight {path}: {compressed / 1000:.1f} kB gzip (level 6), "
        f"{raw / 1000:.1f} kB uncompressed; budget {budget / 1000:.0f} kB"
    )
    with capsys.disabled():
        print(f"\n{line}")
    report = artifacts / "page-weight.json"
    figures = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
    figures[path] = {"gzip_bytes": compressed, "raw_bytes": raw, "budget_bytes": budget}
    report.write_text(json.dumps(figures, indent=2, sort_keys=True), encoding="utf-8")
    assert not problems, "\n".join(problems)
    assert compressed <= budget, line
