"""Every legal citation in a module carries a source and a date (issue 13).

A module that states the law keeps ``modules/<slug>/legal_sources.yml`` (schema and checks:
``equitykit/content/legal_sources.py``). These tests check that the real module passes, that
the check is not vacuous, and that it fails, naming what is missing, when a row, a date, a
source or a citation is taken away.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from equitykit.content.bibliography import parse_bibliography, read_bibliography
from equitykit.content.check import problems as content_problems
from equitykit.content.errors import LegalSourcesError
from equitykit.content.legal_sources import (
    citation_problems,
    cited_keys,
    format_date,
    legal_mentions,
    legal_slugs,
    load_legal_sources,
    module_pages,
    page_text,
)

REPO = Path(__file__).resolve().parents[1]
LAW = "law-and-pressure"
BIB = REPO / "references.bib"


def legal_cites(slug: str, modules_dir: Path | None = None) -> list[str]:
    """Every legal key cited on a module's pages (with repeats)."""
    entries = read_bibliography(BIB)
    return [
        key
        for path in module_pages(slug, modules_dir).values()
        for _, key in cited_keys(page_text(path))
        if key in entries and entries[key].is_legal
    ]


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the law module (pages, tables, handout) and the bibliography; returns modules/."""
    modules = tmp_path / "modules"
    modules.mkdir()
    shutil.copytree(REPO / "modules" / LAW, modules / LAW)
    shutil.copy(REPO / "modules" / f"{LAW}.md", modules)
    shutil.copytree(REPO / "exercises" / LAW, tmp_path / "exercises" / LAW)
    shutil.copy(BIB, tmp_path / "references.bib")
    return modules


def edit_table(modules: Path, change) -> None:
    path = modules / LAW / "legal_sources.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def row(data: dict, row_id: str) -> dict:
    return next(r for r in data["rows"] if r["id"] == row_id)


# --- the real module ---------------------------------------------------------------------------


def test_the_law_module_keeps_a_table_of_legal_sources():
    assert LAW in legal_slugs()
    table = load_legal_sources(LAW)
    assert len(table.rows) >= 30
    assert {r.page for r in table.rows} == {"landing", "reading", "reading-pressure"}


@pytest.mark.parametrize("slug", legal_slugs())
def test_every_legal_citation_has_a_source_and_a_date(slug):
    found = citation_problems(slug)
    assert not found, "\n".join(found)


def test_the_check_has_something_to_check():
    # not vacuous: the pages cite many legal sources and name many statutes, rules and cases
    assert len(legal_cites(LAW)) >= 60
    mentions = [m for p in module_pages(LAW).values() for m in legal_mentions(page_text(p))]
    assert {
        "42 U.S.C. 2000d",
        "34 CFR 300.322(e)",
        "Executive Order 14190",
        "Lau v. Nichols",
    } <= set(mentions)
    listed = {key for r in load_legal_sources(LAW).rows for key in r.sources}
    assert set(legal_cites(LAW)) <= listed


def test_the_bibliography_has_one_entry_per_key_and_complete_legal_entries():
    entries = read_bibliography(BIB)
    legal = [e for e in entries.values() if e.is_legal]
    assert len(legal) >= 40
    incomplete = [
        e.key
        for e in legal
        if not (e.fields.get("author") and e.fields.get("title") and e.year)
        or not (e.fields.get("howpublished") or e.fields.get("note"))
        or not e.fields.get("shorttitle")
    ]
    assert not incomplete, (
        f"legal entries without author, title, short title, year or where: {incomplete}"
    )
    secondary = [e for e in legal if e.is_secondary]
    assert secondary and all("Secondary source" in e.fields.get("note", "") for e in secondary)


def test_dates_are_written_the_way_the_course_writes_them():
    assert format_date("1974-01-21") == "January 21, 1974"
    assert format_date("2025-08") == "August 2025"
    assert format_date("1964") == "1964"


def test_the_bibliography_reader_handles_braces_quotes_and_bare_words():
    entries = parse_bibliography(
        '@misc{a1, title = {{Lau v. Nichols}}, howpublished = "414 U.S. 563", month = jan,\n'
        "  year = 1974, keywords = {legal, secondary}}\n@book{b2, title={X}}"
    )
    assert entries["a1"].fields["title"] == "Lau v. Nichols"
    assert entries["a1"].fields["howpublished"] == "414 U.S. 563"
    assert entries["a1"].year == "1974" and entries["a1"].is_secondary
    assert not entries["b2"].is_legal


# --- the check fails when something is taken away ---------------------------------------------


def test_removing_a_row_fails_and_names_the_uncovered_citation(copy):
    assert citation_problems(LAW, copy) == []
    edit_table(copy, lambda d: d["rows"].remove(row(d, "L07")))
    found = "\n".join(citation_problems(LAW, copy))
    assert "'lau1974' is cited, but no row" in found
    assert "page 'reading'" in found
    # and the course's content check, which `make site` and `make test-fast` run, stops too
    assert any("lau1974" in p for p in content_problems(copy))


def test_removing_a_date_fails_and_names_the_row(copy):
    edit_table(copy, lambda d: row(d, "L07")["sources"].update({"lau1974": None}))
    found = "\n".join(citation_problems(LAW, copy))
    assert "(L07).sources.lau1974" in found and "needs a date" in found


def test_a_row_with_no_source_fails(copy):
    edit_table(copy, lambda d: row(d, "L12").update({"sources": {}}))
    found = "\n".join(citation_problems(LAW, copy))
    assert "(L12).sources" in found


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("January 1974", "is not a date written as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("1974-02-30", "is not a real date"),
        ("2026-03-01", "after the sources were checked"),
    ],
)
def test_a_date_that_is_malformed_impossible_or_too_late_fails(copy, written, problem):
    edit_table(copy, lambda d: row(d, "L07")["sources"].update({"lau1974": written}))
    with pytest.raises(LegalSourcesError, match=problem):
        load_legal_sources(LAW, copy)


def test_a_legal_citation_without_a_source_on_the_page_fails(copy):
    page = copy / LAW / "reading.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nTitle IX is 20 U.S.C. 1681, as amended.\n",
        encoding="utf-8",
    )
    found = "\n".join(citation_problems(LAW, copy))
    assert "'20 U.S.C. 1681' is a legal citation with no source" in found


def test_a_source_that_is_unknown_or_not_legal_or_undated_fails(copy):
    edit_table(copy, lambda d: row(d, "L09")["sources"].update({"nobody2030": "2020"}))
    bib = copy.parent / "references.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("  year         = {1981},\n", ""), encoding="utf-8")
    edit_table(copy, lambda d: row(d, "L11")["sources"].update({"heifetz2002leadership": "2002"}))
    found = "\n".join(citation_problems(LAW, copy))
    assert "'nobody2030', which references.bib lacks" in found
    assert "'castaneda1981' has no year" in found
    assert "'heifetz2002leadership', which references.bib does not mark as a legal source" in found


def test_a_row_whose_source_the_page_never_cites_fails(copy):
    # the table may not claim a source for a page that does not cite it
    edit_table(copy, lambda d: row(d, "L38")["sources"].update({"ames2025": "2025-06-05"}))
    found = "\n".join(citation_problems(LAW, copy))
    assert "row L38 lists ['ames2025'] for page 'reading-pressure', which never cites it" in found


def test_an_exercise_that_names_an_unsourced_law_fails(copy):
    path = copy / LAW / "module.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Which response best fits the legal ground?", "What does 34 CFR 104.4 say?"),
        encoding="utf-8",
    )
    found = "\n".join(citation_problems(LAW, copy))
    assert "module.yml of 'law-and-pressure' names '34 CFR 104.4'" in found


def test_a_key_given_twice_in_the_bibliography_fails(copy):
    bib = copy.parent / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{lau1974, title = {Again}}\n")
    found = citation_problems(LAW, copy)
    assert found == ["references.bib: the key 'lau1974' appears twice"]
