"""The glossary: on the site, linked from the first use of each term on every module page."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "glossary_links", REPO / "scripts" / "glossary_links.py"
)
glossary_links = importlib.util.module_from_spec(_spec)
sys.modules["glossary_links"] = glossary_links
_spec.loader.exec_module(glossary_links)


def _toc_files(node) -> list[str]:
    if isinstance(node, dict):
        return ([node["file"]] if "file" in node else []) + [
            f for value in node.values() for f in _toc_files(value)
        ]
    if isinstance(node, list):
        return [f for item in node for f in _toc_files(item)]
    return []


def test_the_glossary_is_a_page_of_the_book():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    assert "book/glossary" in _toc_files(toc), "book/glossary.md is not in _toc.yml"


def test_it_defines_the_terms_the_course_teaches():
    names = {e.name.lower() for e in glossary_links.glossary_entries()}
    for term in (
        "risk",
        "risk ratio",
        "alternate risk ratio",
        "risk difference",
        "n-size",
        "cell size",
        "adaptive challenge",
    ):
        assert any(term in n for n in names), f"the glossary has no entry for {term!r}"


def test_every_module_page_links_the_first_use_of_each_term():
    entries = glossary_links.glossary_entries()
    problems = [
        p
        for page in glossary_links.module_pages()
        for p in glossary_links.page_problems(page, entries)
    ]
    assert not problems, "\n".join(problems[:20]) + "\n(run scripts/glossary_links.py --fix)"


def test_an_unlinked_first_use_is_found(tmp_path):
    entries = glossary_links.glossary_entries()
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nA risk ratio of 2.0 means twice as likely.\n", encoding="utf-8")
    assert any("risk ratio" in p for p in glossary_links.page_problems(page, entries))
