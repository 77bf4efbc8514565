"""The certificate page in Chromium: printed to PDF with the learner's name and the modules
they completed, and the evidence packet with only the reflections they chose.

The browser is seeded with two modules' finished work (dated), the learner types a name,
prints the certificate (Chromium's own PDF of the print view) and the packet, and downloads
the packet. The PDF's text is checked for what a credit reviewer reads.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from equitykit.content.modules import load_module
from equitykit.content.outline import module_outline
from tests.browser.harness import open_page
from tests.browser.test_lms_browser import done_value

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "book/certificate.html"
PREFIX = "equitykit/v2/"
NAME = "Dr. Ana López-Weiß"
DONE = {"adaptive-work": "2026-03-02", "build-a-coalition": "2026-03-09"}


def finished_work() -> dict:
    store = {}
    for slug, day in DONE.items():
        for activity in module_outline(load_module(slug))["activities"]:
            value = done_value(activity, f"My reflection for {slug}")
            store[activity["key"]] = {**value, "saved_at": f"{day}T15:00:00.000Z"}
    return store


def pdf_text(path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    # NFKC undoes the ligatures of the PDF's font ("fi" drawn as one glyph)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture
def certificate_page(context, server, site):
    if not (site / PAGE).is_file():
        pytest.fail(f"{PAGE} is not in the build: add `- file: book/certificate` to _toc.yml")
    page, record = open_page(context, server, PAGE, site)
    page.evaluate(
        "([p, items]) => { localStorage.clear(); for (const [k, v] of Object.entries(items))"
        " localStorage.setItem(p + k, v); }",
        [PREFIX, {k: json.dumps(v) for k, v in finished_work().items()}],
    )
    page.wait_for_load_state("networkidle")
    page.reload(wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('.ek-certificate-modules li').length === 2",
        timeout=30_000,
    )
    # printing opens a dialog Chromium cannot show here; keep the print view for page.pdf()
    page.evaluate("() => { window.print = () => {}; }")
    return page, record


def test_the_certificate_prints_to_pdf_with_name_modules_dates_hours_and_standards(
    certificate_page, tmp_path
):
    page, record = certificate_page
    listed = page.locator(".ek-certificate-modules li").all_text_contents()
    assert listed == [f"{load_module(slug).label}: completed {day}" for slug, day in DONE.items()]
    page.fill("#ek-certificate-name", NAME)
    page.get_by_role("button", name="Print the certificate (or save it as PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    page.pdf(path=str(pdf))
    text = pdf_text(pdf)
    assert "Certificate of completion" in text
    assert f"Learner: {NAME}" in text
    minutes = sum(load_module(slug).minutes for slug in DONE)
    assert f"{minutes // 60} hours {minutes % 60} minutes" in text
    for slug, day in DONE.items():
        module = load_module(slug)
        assert module.label in text
        assert day in text
        assert module.objectives[0].text[:40] in text
        for standard in module.content.learning_forward:
            assert standard in text
    assert "from their own saved work" in text
    assert "decided by the learner's district" in text
    assert "Focus on systems" not in text  # a module not completed is not on it
    assert page.evaluate("() => localStorage.getItem('ek-certificate-name')") is None
    assert record.problems() == []


def test_the_evidence_packet_holds_only_the_reflections_chosen(certificate_page, tmp_path):
    page, _ = certificate_page
    page.fill("#ek-certificate-name", NAME)
    boxes = page.locator(".ek-certificate-choices input[type=checkbox]")
    assert boxes.count() == 2  # one reflection activity in each completed module
    boxes.nth(0).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the evidence packet (Markdown)").click()
    saved = tmp_path / "packet.md"
    download.value.save_as(saved)
    packet = saved.read_text(encoding="utf-8")
    assert packet.startswith("# Evidence packet for a professional learning credit request")
    assert f"Learner: {NAME}" in packet
    assert "My reflection for adaptive-work" in packet
    assert "My reflection for build-a-coalition" not in packet
    assert "## My equity leadership plan" in packet
    page.get_by_role("button", name="Print the evidence packet").click()
    pdf = tmp_path / "packet.pdf"
    page.pdf(path=str(pdf))
    text = pdf_text(pdf)
    assert "Evidence packet" in text and "My reflection for adaptive-work" in text
    assert "My reflection for build-a-coalition" not in text


def test_each_landing_page_names_its_learning_forward_standards(site):
    for slug in ("adaptive-work", "capstone"):
        html = (site / "modules" / f"{slug}.html").read_text(encoding="utf-8")
        assert "Learning Forward Standards for Professional Learning" in html
        for standard in load_module(slug).content.learning_forward:
            assert standard in html
        assert "the district decides what counts" in html
