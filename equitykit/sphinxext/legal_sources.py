"""``{legal-sources} <slug>``: the table of a module's legal statements, sources and dates.

The table is written once, in ``modules/<slug>/legal_sources.yml`` (see
:mod:`equitykit.content.legal_sources`). This directive renders it, one table per page of the
module: each row gives its statement and every source behind it (its short title, a citation
to the references page, a mark when it is a secondary source) with that source's date. It
also runs the module's citation check, so a legal citation on a page that lacks a source or a
date fails the strict build with the page, the line and what is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from equitykit.content.bibliography import BibEntry, read_bibliography
from equitykit.content.errors import LegalSourcesError
from equitykit.content.legal_sources import (
    LANDING,
    LegalSources,
    citation_problems,
    format_date,
    legal_sources_path,
    load_legal_sources,
    module_pages,
    page_text,
)
from equitykit.sphinxext.directive_base import CourseDirective, table

#: The caption of the landing page's table (its title names the module, not the page).
LANDING_CAPTION = "On the module's first page"


def _page_caption(name: str, path: Path) -> str:
    if name == LANDING:
        return LANDING_CAPTION
    title = re.search(r"^#\s+(.+)$", page_text(path), flags=re.MULTILINE)
    return f"On the page {title.group(1).strip()}" if title else f"On the page {name}"


class LegalSourcesDirective(CourseDirective):
    """Render a module's legal statements with their sources and dates."""

    required_arguments = 1
    has_content = False

    @property
    def bibliography(self) -> Path:
        """The book's bibliography file (the first of ``bibtex_bibfiles``)."""
        files = getattr(self.env.config, "bibtex_bibfiles", None) or ["references.bib"]
        return Path(self.env.srcdir) / files[0]

    def run(self) -> list[nodes.Node]:
        """Render the tables, or warn for every citation that lacks a source or a date."""
        slug = self.arguments[0]
        self.depend_on_module(slug)
        self.env.note_dependency(str(legal_sources_path(slug, self.modules_dir)))
        self.env.note_dependency(str(self.bibliography))
        pages = module_pages(slug, self.modules_dir)
        for path in pages.values():
            self.env.note_dependency(str(path))
        try:
            sources = load_legal_sources(slug, self.modules_dir)
            entries = read_bibliography(self.bibliography)
        except LegalSourcesError as error:
            return self.fail(str(error))
        problems = citation_problems(slug, self.modules_dir, self.bibliography)
        if problems:
            for problem in problems[:-1]:
                self.fail(problem)
            return self.fail(problems[-1])
        return self.tables(sources, entries, pages)

    def tables(
        self, sources: LegalSources, entries: dict[str, BibEntry], pages: dict[str, Path]
    ) -> list[nodes.Node]:
        """Return one table per page, in the order the rows name the pages."""
        out: list[nodes.Node] = []
        for name in dict.fromkeys(row.page for row in sources.rows):
            rows = []
            for row in (r for r in sources.rows if r.page == name):
                statement = nodes.container()
                statement += self.inline(f"**{row.id}.** {row.statement}")
                if row.note:
                    statement += self.inline(f"*Note:* {row.note}")
                cited = nodes.container()
                for key, when in row.sources.items():
                    entry = entries[key]
                    label = entry.fields.get("shorttitle") or entry.fields.get("title", key)
                    secondary = " (secondary source)" if entry.is_secondary else ""
                    cited += self.inline(
                        f"{label}{secondary}, {format_date(when)} {{cite:p}}`{key}`"
                    )
                rows.append([statement, cited])
            caption = _page_caption(name, pages[name])
            headers = ["Statement", "Source and date"]
            out.append(table(caption, headers, rows, widths=[58, 42]))
        return out


def setup(app: Sphinx) -> None:
    """Register the directive."""
    app.add_directive("legal-sources", LegalSourcesDirective)
