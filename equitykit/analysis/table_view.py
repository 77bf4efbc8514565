"""A results table a notebook shows: a real HTML table on the page, plain text in a terminal.

A practice notebook ends a cell with ``TableView(frame, caption)``. Jupyter (and the book) show
its HTML: a ``<table>`` with a caption, column headers and row headers, inside a region that
scrolls sideways on a phone, so a screen reader can move cell by cell and announce headers.
Its plain-text form (the caption, then the columns as ``DataFrame.to_string`` lays them out)
is what nbval compares in the reference cells and what a text-only client shows.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

__all__ = ["TableView"]


@dataclass(frozen=True)
class TableView:
    """A table with its caption, shown as HTML or as aligned text.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show; its first column labels each row (a student group, a school).
    caption : str
        What the table shows, including the place and the year.
    """

    frame: pd.DataFrame
    caption: str

    def __post_init__(self) -> None:
        if self.frame.columns.empty:
            raise ValueError(f"table {self.caption!r} has no columns to show")
        if not self.caption.strip():
            raise ValueError("a table needs a caption that says what it shows")

    def __repr__(self) -> str:
        """Return the caption, then the table as aligned text (what nbval checks)."""
        return f"{self.caption}\n{self.frame.to_string(index=False)}"

    def _repr_html_(self) -> str:
        """Return an accessible HTML table: caption, column and row headers."""
        text = self.frame.astype(str)
        head = "".join(
            f'<th scope="col">{html.escape(str(column))}</th>' for column in self.frame.columns
        )
        body = []
        for row in text.itertuples(index=False):
            first, *rest = (html.escape(v) for v in row)
            cells = "".join(f"<td>{v}</td>" for v in rest)
            body.append(f'<tr><th scope="row">{first}</th>{cells}</tr>')
        label = html.escape(self.caption)
        return (
            f'<div class="ek-table-scroll" role="region" tabindex="0" aria-label="{label}">'
            f'<table class="ek-table"><caption>{label}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )
