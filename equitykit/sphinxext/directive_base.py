"""What every course directive shares: where the book's content lives, warnings, tables.

A problem (bad metadata, an unknown module, facilitator material on a learner page) is a
Sphinx warning at the directive's line, so the strict build (``-W``) fails on it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from equitykit.content.facilitation import FACILITATION_FILE

logger = logging.getLogger(__name__)


def writing_space(lines: int) -> nodes.line_block:
    """Return empty lines (a line block of blank lines): room to write on a printed handout."""
    block = nodes.line_block(classes=["ek-write-space"])
    for _ in range(max(lines, 1)):
        block += nodes.line("", "")
    return block


def table(
    caption: str,
    headers: list[str],
    rows: list[list[nodes.Node | str | None]],
    *,
    widths: list[int] | None = None,
    lines: int = 2,
) -> nodes.table:
    """Build a table with a header row (``<th>``) and, if ``caption``, a ``<caption>``.

    A cell that is ``None`` is left blank with ``lines`` empty lines of room to write; ``widths``
    (relative numbers, one per column) fixes the column widths.
    """
    table = nodes.table(classes=["ek-schedule"])
    if caption:
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    if widths:
        table["classes"].append("colwidths-given")
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(header, header))
    thead += head_row
    tbody = nodes.tbody()
    group += tbody
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if cell is None:
                entry += writing_space(lines)
            elif isinstance(cell, str):
                if cell:
                    entry += nodes.paragraph(cell, cell)
            else:
                entry += cell
            row += entry
        tbody += row
    return table


class CourseDirective(SphinxDirective):
    """Shared helpers: where the book's metadata lives, and reporting problems."""

    @property
    def modules_dir(self) -> Path:
        """The book's ``modules/`` folder."""
        return Path(self.env.srcdir) / "modules"

    @property
    def workshops_path(self) -> Path:
        """The book's workshop formats, ``facilitator/workshops.yml``."""
        return Path(self.env.srcdir) / "facilitator" / "workshops.yml"

    def depend_on_module(self, slug: str) -> None:
        """Rebuild this page when the module's metadata or landing page changes."""
        for path in (
            self.modules_dir / slug / FACILITATION_FILE,
            self.modules_dir / slug / "module.yml",
            self.modules_dir / f"{slug}.md",
        ):
            self.env.note_dependency(str(path))

    def fail(self, message: str) -> list[nodes.Node]:
        """Report a problem as a Sphinx warning at this directive (an error under ``-W``)."""
        logger.warning(
            f"{self.name}: {message}",
            location=self.get_location(),
            type="equitykit",
            subtype="facilitation",
        )
        return []

    def inline(self, text: str) -> nodes.paragraph:
        """Parse ``text`` as inline MyST (emphasis, code, citations) into a paragraph."""
        parsed, messages = self.parse_inline(" ".join(str(text).split()), lineno=self.lineno)
        para = nodes.paragraph()
        para += parsed
        para += messages
        return para

    def bullets(self, items, *, enumerated: bool = False) -> nodes.Element:
        """Return a bullet (or numbered) list of inline-parsed items."""
        listing = nodes.enumerated_list(enumtype="arabic") if enumerated else nodes.bullet_list()
        for item in items:
            listing += nodes.list_item("", self.inline(item))
        return listing
