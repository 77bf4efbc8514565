"""The gap explorer: outcome x student group x school x measure -> chart and table.

All numbers are computed in Python by :func:`equitykit.analysis.gap_table.gap_table`, formatted
once, and shipped to the browser as one lookup. The browser only picks the rows for the
current selection, so the published static site shows exactly what ``equitykit``
computes, with no kernel behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import traitlets

from equitykit.analysis.formatting import format_measure, plain_value
from equitykit.analysis.gap_table import gap_table
from equitykit.data.labels import label_for, phrase_for
from equitykit.data.tables import source_note
from equitykit.widgets.base import CourseWidget

#: Measures the explorer offers: code, label, display format.
MEASURES: tuple[tuple[str, str, str], ...] = (
    ("risk_ratio", "Risk ratio (vs. all other students)", "ratio"),
    ("risk", "Risk (share of the group)", "percent"),
    (
        "risk_difference",
        "Risk difference (percentage points, vs. all other students)",
        "share_points",
    ),
    (
        "composition_index",
        "Composition index (share of the outcome / share of enrollment)",
        "ratio",
    ),
    (
        "percentage_point_gap",
        "Percentage-point gap (share of the outcome minus share of enrollment)",
        "points",
    ),
)
_FORMATS = {code: fmt for code, _, fmt in MEASURES}
#: Said under a chart in which no group can be reported (a small school, say).
NOTHING_REPORTED = (
    "No group here is large enough to report this measure without risking students' "
    "privacy. Choose the whole district or a larger school to see the pattern."
)

#: The reference line drawn on a chart of each measure, and its label.
REFERENCES: dict[str, dict[str, Any]] = {
    "risk_ratio": {"value": 1, "text": "1.00 = same risk as all other students"},
    "composition_index": {
        "value": 1,
        "text": "1.00 = same share of the outcome as of enrollment",
    },
}
#: What every row ships for each measure: its value (three significant digits, enough for a bar
#: to within half a percent, small risks included) and its text (exact, from formatting.py).
VALUE_DIGITS = 3


def build_gap_lookup(
    table: pd.DataFrame,
    *,
    outcomes: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    school_year: str | None = None,
    min_cell: int = 10,
    min_n: int = 30,
    unit_labels: Mapping[str, str] | None = None,
    measures: Sequence[tuple[str, str, str]] = MEASURES,
    headers: tuple[str, str] = ("Enrolled", "With the outcome"),
    note: str | None = None,
    outcome_label: str = "Outcome",
    schools: Sequence[str] | None = None,
    start: Mapping[str, str] | None = None,
    ui_key: str = "",
) -> dict[str, Any]:
    """Compute every selection the explorer offers, ready to ship to the browser.

    Parameters
    ----------
    table
        A tidy outcomes table (``level, school_id, school_year, group, subgroup,
        outcome, enrolled, count, suppressed``).
    outcomes, groups
        Which outcomes and student groups to offer; default: all in the table.
    school_year
        The year to show; default: the latest in the table.
    min_cell, min_n
        Minimum cell size and n-size below which a measure is not reported.
    unit_labels
        School names by school id, for display.
    measures
        The measures offered: ``(code, label, format)``, codes from :data:`MEASURES`.
    headers
        Column headings for the enrolled and the outcome counts.
    note
        The source line shown under the widget; default: where the loaded data come from.
    outcome_label
        The label of the first menu ("Outcome", or "Survey item").
    schools
        Offer only these school ids (and the district); default: every school.
    start
        The first selection shown: ``outcome``, ``group``, ``unit``, ``metric``.
    ui_key
        Where the browser remembers the learner's last choices (the activity's key).

    Returns
    -------
    dict
        ``outcomes``, ``groups``, ``units``, ``metrics`` (code/label lists),
        ``columns``, ``rows`` keyed ``"outcome|group|unit"``, ``school_year`` and
        ``note``.
    """
    if table.empty:
        raise ValueError("the outcomes table is empty: there is nothing to explore")
    year = school_year or sorted(table["school_year"].dropna().unique())[-1]
    data = table[table["school_year"] == year]
    if data.empty:
        years = ", ".join(sorted(table["school_year"].dropna().unique()))
        raise ValueError(f"no rows for school year {year!r}; the table has {years}")
    outcome_codes = list(outcomes or sorted(data["outcome"].unique()))
    group_codes = list(groups or [g for g in sorted(data["group"].unique()) if g != "all"])
    units = _units(data, schools, unit_labels)

    known = {code for code, _, _ in MEASURES}
    unknown = [code for code, _, _ in measures if code not in known]
    if unknown:
        raise ValueError(f"unknown measure(s) {unknown}; choose from {sorted(known)}")
    formats = {code: fmt for code, _, fmt in MEASURES} | {code: fmt for code, _, fmt in measures}
    full: dict[str, list[dict[str, Any]]] = {}
    for outcome in outcome_codes:
        for group in group_codes:
            gaps = gap_table(data, outcome, group, level=None, min_cell=min_cell, min_n=min_n)
            totals = data[
                (data["outcome"] == outcome)
                & (data["group"].isin([group, "all"]))
                & (data["subgroup"] == "All")
            ]
            for unit, _ in units:
                full[f"{outcome}|{group}|{unit}"] = _unit_rows(gaps, totals, unit, formats)
    columns, rows, labels, reasons = _pack(full, list(formats))
    offered = {
        "outcome": outcome_codes,
        "group": group_codes,
        "unit": [u for u, _ in units],
        "metric": [m[0] for m in measures],
    }
    return {
        "start": _first_selection(offered, start),
        "references": {code: REFERENCES[code] for code, _, _ in measures if code in REFERENCES},
        "caption_note": "Fictional data." if is_fictional(note or source_note()) else "",
        "outcomes": [[code, label_for(code)] for code in outcome_codes],
        "groups": [[code, label_for(code)] for code in group_codes],
        "outcome_phrases": [[code, phrase_for(code)] for code in outcome_codes],
        "group_phrases": [[code, phrase_for(code)] for code in group_codes],
        "texts": {"nothing_reported": NOTHING_REPORTED},
        "ui_key": ui_key,
        "units": [list(unit) for unit in units],
        "metrics": [list(measure) for measure in measures],
        "columns": columns,
        "rows": rows,
        "labels": labels,
        "all_label": label_for("All"),
        "reasons": reasons,
        "school_year": year,
        "headers": list(headers),
        "note": note or source_note(),
        "outcome_label": outcome_label,
    }


def _units(
    data: pd.DataFrame, schools: Sequence[str] | None, unit_labels: Mapping[str, str] | None
) -> list[tuple[str, str]]:
    """Return the district (when the table has it) and the schools offered, with labels."""
    offered = (
        data.loc[data["level"] == "school", "school_id"].dropna().astype(str).unique().tolist()
    )
    if schools is not None:
        missing = sorted(set(schools) - set(offered))
        if missing:
            raise ValueError(f"school id(s) {missing} are not in the table")
        offered = [s for s in offered if s in set(schools)]
    names = dict(unit_labels or {})
    has_district = bool((data["level"] == "district").any())
    units = [("district", label_for("district"))] if has_district else []
    return units + [(s, names.get(s, s)) for s in sorted(offered)]


def _first_selection(
    offered: Mapping[str, list[str]], start: Mapping[str, str | None] | None
) -> dict[str, str]:
    """Return the first selection shown: the first of each list unless ``start`` says."""
    first = {name: codes[0] if codes else "district" for name, codes in offered.items()}
    for name, value in (start or {}).items():
        if value is None:
            continue
        if value not in offered[name]:
            raise ValueError(f"{value!r} is not an available {name}; choose one of {offered[name]}")
        first[name] = value
    return first


def _in_unit(frame: pd.DataFrame, unit: str) -> pd.Series:
    if unit == "district":
        return frame["level"] == "district"
    return (frame["level"] == "school") & (frame["school_id"].astype(str) == unit)


def _unit_rows(
    gaps: pd.DataFrame, totals: pd.DataFrame, unit: str, formats: Mapping[str, str]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record in gaps[_in_unit(gaps, unit)].to_dict("records"):
        row: dict[str, Any] = {
            "subgroup": record["subgroup"],
            "group": record["group"],
            "enrolled_text": _count_text(record["enrolled"]),
            "count_text": _count_text(record["count"]),
            "reason": record["reason"] or "",
        }
        for code, fmt in formats.items():
            row[code] = plain_value(record[code])
            row[f"{code}_text"] = format_measure(row[code], fmt)
        out.append(row)
    total = totals[_in_unit(totals, unit)].head(1).to_dict("records")
    if total:
        enrolled, count = plain_value(total[0]["enrolled"]), plain_value(total[0]["count"])
        share = count / enrolled if enrolled and count is not None else None
        row = {code: None for code in formats} | {f"{code}_text": "" for code in formats}
        row.update(
            subgroup="All",
            group="all",
            enrolled_text=_count_text(enrolled),
            count_text=_count_text(count),
            risk=share,
            risk_text=format_measure(share, "percent"),
            reason="",
        )
        out.append(row)
    return out


def _pack(
    full: Mapping[str, list[dict[str, Any]]], codes: list[str]
) -> tuple[list[str], dict[str, list[list[Any]]], dict[str, str], list[str]]:
    """Ship the rows compactly: labels and reasons once each, values rounded for the bars.

    Returns the columns, the rows (lists in column order; a reason is its index in the list
    of reasons, -1 for none), the labels by ``group|subgroup`` and the reasons.
    """
    columns = [
        "subgroup", "enrolled_text", "count_text", *codes, *(f"{c}_text" for c in codes), "reason",
    ]  # fmt: skip
    labels: dict[str, str] = {}
    reasons: list[str] = []
    index: dict[str, int] = {}
    packed: dict[str, list[list[Any]]] = {}
    for key, rows in full.items():
        out = []
        for row in rows:
            labels.setdefault(
                f"{row['group']}|{row['subgroup']}", label_for(row["subgroup"], row["group"])
            )
            reason = row["reason"]
            if reason and reason not in index:
                index[reason] = len(reasons)
                reasons.append(reason)
            values = [None if row[c] is None else _for_bar(row[c]) for c in codes]
            out.append(
                [
                    row["subgroup"],
                    row["enrolled_text"],
                    row["count_text"],
                    *values,
                    *(row[f"{c}_text"] for c in codes),
                    index[reason] if reason else -1,
                ]
            )
        if out:  # a selection with no rows is shipped as nothing; the browser reads it as []
            packed[key] = out
    return columns, packed, labels, reasons


def _for_bar(value: Any) -> float:
    """Return a measure rounded to :data:`VALUE_DIGITS` significant digits (a bar's length)."""
    return float(f"{float(value):.{VALUE_DIGITS}g}")


def _count_text(value: Any) -> str:
    """Return a count as shown in the table: ``1,234``, or "hidden" when it is suppressed."""
    number = plain_value(value)
    return "hidden" if number is None else format_measure(number, "count")


def is_fictional(note: str) -> bool:
    """Whether a source note says the numbers are fictional (then captions say so too)."""
    return "fictional" in note.lower()


class GapExplorer(CourseWidget):
    """Explore opportunity gaps by outcome, student group, school and measure.

    ``_data`` holds every selection's rows (see :func:`build_gap_lookup`); the browser
    picks the rows of the current selection and draws them.
    """

    _stem = "gap_explorer"
    _data = traitlets.Dict().tag(sync=True)

    def table_for(self, outcome: str, group: str, unit: str = "district") -> pd.DataFrame:
        """Return the rows shipped for one selection, as a table (what the page shows)."""
        key = f"{outcome}|{group}|{unit}"
        table = pd.DataFrame(self._data["rows"].get(key, []), columns=self._data["columns"])
        reasons = self._data["reasons"]
        table["reason"] = [reasons[i] if i >= 0 else "" for i in table["reason"]]
        table["label"] = [self._data["labels"].get(f"{group}|{s}", "") for s in table["subgroup"]]
        table.loc[table["subgroup"] == "All", "label"] = label_for("All")
        return table


def gap_explorer(
    table: pd.DataFrame,
    *,
    outcome: str | None = None,
    group: str | None = None,
    unit: str = "district",
    metric: str = "risk_ratio",
    outcomes: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    school_year: str | None = None,
    min_cell: int = 10,
    min_n: int = 30,
    unit_labels: Mapping[str, str] | None = None,
    measures: Sequence[tuple[str, str, str]] = MEASURES,
    headers: tuple[str, str] = ("Enrolled", "With the outcome"),
    note: str | None = None,
    outcome_label: str = "Outcome",
    schools: Sequence[str] | None = None,
    ui_key: str = "",
) -> GapExplorer:
    """Build a gap explorer over a tidy outcomes table.

    Parameters
    ----------
    table
        The anonymized outcomes table, e.g. ``load_table("outcomes")``.
    outcome, group, unit, metric
        The starting selection; defaults to the first outcome and group.
    outcomes, groups
        Limit the choices offered (keeps the page light).
    school_year
        The year shown; default: the latest.
    min_cell, min_n
        Minimum cell size and n-size below which a measure is not reported.
    unit_labels
        School names by school id, for display (the id is shown when a name is missing).
    measures, headers, note, outcome_label, schools, ui_key
        As in :func:`build_gap_lookup`.

    Returns
    -------
    GapExplorer
        The widget; set ``outcome``, ``group``, ``unit`` or ``metric`` and read
        ``result`` or ``shown``.
    """
    data = build_gap_lookup(
        table,
        outcomes=outcomes,
        groups=groups,
        school_year=school_year,
        min_cell=min_cell,
        min_n=min_n,
        unit_labels=unit_labels,
        measures=measures,
        headers=headers,
        note=note,
        outcome_label=outcome_label,
        schools=schools,
        ui_key=ui_key,
        start={
            "outcome": outcome,
            "group": group,
            "unit": unit,
            "metric": metric if metric in [m[0] for m in measures] else None,
        },
    )
    return GapExplorer(_data=data)


#: Measures for survey items: share agreeing, and the gap to all other respondents.
SURVEY_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("risk", "Share who agree", "percent"),
    ("risk_difference", "Difference from all other respondents", "share_points"),
)


def survey_as_outcomes(survey: pd.DataFrame) -> pd.DataFrame:
    """Rename a climate-survey table's columns to the outcomes layout.

    ``item`` -> ``outcome``, ``respondents`` -> ``enrolled``, ``agree`` -> ``count``, so
    the gap metrics and the explorer work on survey items (the "risk" is then the share
    who agree).

    Parameters
    ----------
    survey
        The anonymized survey table.

    Returns
    -------
    pandas.DataFrame
        The same rows with renamed columns.
    """
    return survey.rename(
        columns={
            "item": "outcome",
            "respondents": "enrolled",
            "agree": "count",
            "respondents_suppressed": "enrolled_suppressed",
        }
    )


def survey_explorer(
    survey: pd.DataFrame,
    *,
    item: str | None = None,
    group: str = "lgbtq",
    unit_labels: Mapping[str, str] | None = None,
    min_cell: int = 10,
    min_n: int = 30,
) -> GapExplorer:
    """Build an explorer over a climate-survey table (items instead of outcomes).

    Parameters
    ----------
    survey
        The anonymized survey table (``item, respondents, agree`` and the usual
        ``level, school_id, school_year, group, subgroup, suppressed`` columns).
    item
        The starting item, e.g. ``"feel_safe_at_school"``.
    group
        The starting student group.
    unit_labels
        School names by school id.
    min_cell, min_n
        Minimum cell size and n-size below which a share is not reported.

    Returns
    -------
    GapExplorer
        The same explorer, showing shares who agree and differences in points.
    """
    return gap_explorer(
        survey_as_outcomes(survey),
        outcome=item,
        group=group,
        metric="risk",
        unit_labels=unit_labels,
        min_cell=min_cell,
        min_n=min_n,
        measures=SURVEY_MEASURES,
        headers=("Respondents", "Agree"),
        note=None,
        outcome_label="Survey item",
    )
