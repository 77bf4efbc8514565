"""Result tables in the notebooks: real HTML tables on the page, aligned text for nbval."""

from __future__ import annotations

import pandas as pd
import pytest

from equitykit.analysis.table_view import TableView


def test_the_html_is_a_table_with_a_caption_and_header_cells():
    frame = pd.DataFrame({"Student group": ["Asian", "Black <b>"], "Risk": ["1.5%", "9.9%"]})
    page = TableView(frame, "Suspension & risk, latest year")._repr_html_()
    assert "<caption>Suspension &amp; risk, latest year</caption>" in page
    assert '<th scope="col">Student group</th><th scope="col">Risk</th>' in page
    assert '<tr><th scope="row">Black &lt;b&gt;</th><td>9.9%</td></tr>' in page
    assert 'role="region" tabindex="0" aria-label="Suspension &amp; risk, latest year"' in page


def test_the_text_is_the_caption_then_the_aligned_columns():
    frame = pd.DataFrame({"Group": ["A", "B"], "Count": [1, 22]})
    assert repr(TableView(frame, "Counts")) == "Counts\n" + frame.to_string(index=False)


def test_a_table_without_a_caption_or_columns_is_refused():
    with pytest.raises(ValueError, match="caption"):
        TableView(pd.DataFrame({"a": [1]}), " ")
    with pytest.raises(ValueError, match="no columns"):
        TableView(pd.DataFrame(), "Empty")
