"""The disproportionality calculator: which schools and groups a state's rule would flag.

A state sets a risk-ratio threshold, a minimum cell size, a minimum n-size and a number of
consecutive years (34 CFR 300.647). The calculator lets a learner change each of them and
see which schools and student groups are flagged, and why.

Everything that depends only on the tables is computed here and shipped: each ratio and the
four counts behind it, year by year; for each choice of years, the most recent years and
whether they run on without a gap; and every sentence of the reasons. The browser only
compares (``js/calculator.js``), so its text cannot drift from the analysis.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import traitlets

from equitykit.analysis import reasons
from equitykit.analysis.formatting import format_measure, plain_value
from equitykit.analysis.gap_table import gap_table
from equitykit.data.labels import label_for
from equitykit.data.tables import source_note
from equitykit.widgets.base import CourseWidget

__all__ = [
    "MIN_CELLS",
    "MIN_NS",
    "THRESHOLDS",
    "YEAR_CHOICES",
    "DisproportionalityCalculator",
    "build_ratio_lookup",
    "disproportionality_calculator",
    "recent_years",
]

THRESHOLDS: tuple[float, ...] = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0)
MIN_CELLS: tuple[int, ...] = (10, 15, 20, 30)
MIN_NS: tuple[int, ...] = (30, 100, 200, 300)
YEAR_CHOICES: tuple[int, ...] = (1, 2, 3)

#: Why the size choices start at 10 and 30 (every choice offered changes what is shown; a test
#: holds that, so a control never does nothing).
SIZES_NOTE = (
    "The choices start at 10 students with the outcome and 30 enrolled: the federal rule presumes "
    "those minimums reasonable (34 CFR 300.647(b)(1)(iv)), and the published tables already hide "
    "smaller counts, so a smaller minimum would change nothing here. A state that chooses larger "
    "minimums must explain why they still find districts with large gaps (300.647(b)(7))."
)
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def _year_start(school_year: str) -> int:
    match = _SCHOOL_YEAR.match(school_year)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"school years must look like '2023-24', not {school_year!r}")
    return int(match.group(1))


def _year_after(school_year: str) -> str:
    start = _year_start(school_year) + 1
    return f"{start}-{(start + 1) % 100:02d}"


def recent_years(years: Sequence[str], needed: int) -> dict[str, Any]:
    """Return the ``needed`` most recent school years, and the first missing year among them.

    Parameters
    ----------
    years
        The school years in the table, e.g. ``["2022-23", "2023-24"]``.
    needed
        How many consecutive years the rule asks for.

    Returns
    -------
    dict
        ``recent`` (oldest first) and ``gap`` (a missing year between them, or ``None``).
    """
    ordered = sorted(years, key=_year_start)
    recent = ordered[-needed:]
    gap = next(
        (
            _year_after(earlier)
            for earlier, later in zip(recent, recent[1:], strict=False)
            if _year_start(later) != _year_start(earlier) + 1
        ),
        None,
    )
    return {"recent": recent, "gap": gap}


def _number_key(value: float) -> str:
    """Return the key the browser uses for a number: ``3.0`` -> ``"3"``, ``2.5`` -> ``"2.5"``."""
    return format(value, "g")


def calculator_texts() -> dict[str, Any]:
    """Every sentence the calculator shows, ready to be filled or looked up by the browser."""
    sizes = {}
    for who in ("group", "comparison group"):
        for n in MIN_NS:
            sizes[f"enrolled|{who}|{n}"] = reasons.fewer_enrolled(n, who)
        for n in MIN_CELLS:
            sizes[f"outcome|{who}|{n}"] = reasons.fewer_with_outcome(n, who)
    return {
        "group_suppressed": reasons.GROUP_SUPPRESSED,
        "comparison_suppressed": reasons.COMPARISON_SUPPRESSED,
        "ratio_undefined": reasons.RATIO_UNDEFINED,
        "sizes": sizes,
        "no_data": "no data",
        "no_data_in": "no data for {year}",
        "not_reported_in": "not reported in {year}: {reasons}",
        "too_few_years": "only {have} school year(s) of data; {need} are needed",
        "not_consecutive": "the most recent years are not consecutive (no data for {year})",
        "above": "risk ratio above {threshold} in {years}",
        "at_or_below": "at or below {threshold} in {years}",
        "min_cell_choice": {
            str(n): f"{n} {reasons.students(n)} with the outcome" for n in MIN_CELLS
        },
        "min_n_choice": {str(n): f"{n} {reasons.students(n)} enrolled" for n in MIN_NS},
        "sizes_note": SIZES_NOTE,
        "year_choice": {str(n): "1 year" if n == 1 else f"{n} years" for n in YEAR_CHOICES},
    }


def _whole(value: Any) -> int | None:
    """Return a count as a whole number, ``None`` when it is hidden or missing."""
    number = plain_value(value)
    return None if number is None else int(number)


def _unit_code(level: str, school_id: Any) -> str:
    return "district" if level == "district" else str(school_id)


def build_ratio_lookup(
    table: pd.DataFrame, outcomes: Sequence[str], groups: Sequence[str]
) -> dict[str, list[list[Any]]]:
    """Risk ratios with the counts behind them, by outcome, group, unit, subgroup and year.

    Parameters
    ----------
    table
        A tidy outcomes table with several school years.
    outcomes, groups
        The outcomes and student groups to include.

    Returns
    -------
    dict
        ``"outcome|group"`` -> list of ``[unit, subgroup, {year: [group count, group
        enrolled, comparison count, comparison enrolled, ratio, ratio text]}]``. A hidden
        count is ``None``; the ratio is ``None`` when it is undefined.
    """
    lookup: dict[str, list[list[Any]]] = {}
    for outcome in outcomes:
        for group in groups:
            ratios = gap_table(table, outcome, group, level=None, min_cell=0, min_n=0)
            totals = table[
                (table["outcome"] == outcome)
                & (table["group"].isin([group, "all"]))
                & (table["subgroup"] == "All")
            ]
            total_by_unit = {
                (_unit_code(r["level"], r["school_id"]), r["school_year"]): r
                for r in totals.to_dict("records")
            }
            units: dict[tuple[str, str], dict[str, list[Any]]] = {}
            for r in ratios.to_dict("records"):
                unit = _unit_code(r["level"], r["school_id"])
                total = total_by_unit.get((unit, r["school_year"]))
                g_count, g_enrolled = _whole(r["count"]), _whole(r["enrolled"])
                c_count = c_enrolled = None
                if total is not None and g_count is not None and g_enrolled is not None:
                    t_count, t_enrolled = (
                        plain_value(total["count"]),
                        plain_value(total["enrolled"]),
                    )
                    if t_count is not None and t_enrolled is not None:
                        c_count = int(t_count - g_count)
                        c_enrolled = int(t_enrolled - g_enrolled)
                ratio = plain_value(r["risk_ratio"])
                # six decimals decide every threshold offered (at most one decimal) exactly
                ratio = None if ratio is None else round(float(ratio), 6)
                units.setdefault((unit, r["subgroup"]), {})[r["school_year"]] = [
                    g_count,
                    g_enrolled,
                    c_count,
                    c_enrolled,
                    ratio,
                    format_measure(ratio, "ratio"),
                ]
            lookup[f"{outcome}|{group}"] = [
                [unit, subgroup, by_year] for (unit, subgroup), by_year in units.items()
            ]
    return lookup


class DisproportionalityCalculator(CourseWidget):
    """A significant-disproportionality rule a learner can change; see who is flagged."""

    _stem = "calculator"
    _data = traitlets.Dict().tag(sync=True)


def disproportionality_calculator(
    table: pd.DataFrame,
    *,
    outcomes: Sequence[str],
    groups: Sequence[str] = ("race_ethnicity", "disability", "english_learner"),
    unit_labels: Mapping[str, str] | None = None,
    threshold: float = 3.0,
    min_cell: int = 10,
    min_n: int = 30,
    consecutive_years: int = 3,
) -> DisproportionalityCalculator:
    """Build a disproportionality calculator over several school years of a tidy table.

    Parameters
    ----------
    table
        The anonymized outcomes table, with several school years.
    outcomes, groups
        The outcomes and student groups offered.
    unit_labels
        School names by school id, for display; the id is shown when a name is missing.
    threshold, min_cell, min_n, consecutive_years
        The starting rule (the defaults follow a common state choice).

    Returns
    -------
    DisproportionalityCalculator
        The widget; its ``_data`` holds everything the browser needs.
    """
    missing = [o for o in outcomes if o not in set(table["outcome"])]
    if missing:
        raise ValueError(f"outcome(s) {missing} are not in the table")
    for name, value, choices in (
        ("threshold", threshold, THRESHOLDS),
        ("min_cell", min_cell, MIN_CELLS),
        ("min_n", min_n, MIN_NS),
        ("consecutive_years", consecutive_years, YEAR_CHOICES),
    ):
        if value not in choices:
            raise ValueError(f"{name} must be one of {list(choices)}, not {value!r}")
    groups = [g for g in groups if g in set(table["group"])]
    lookup = build_ratio_lookup(table, outcomes, groups)
    labels = dict(unit_labels or {})
    schools = sorted({u for rows in lookup.values() for u, _, _ in rows} - {"district"})
    subgroups = sorted({(key.split("|")[1], s) for key, rows in lookup.items() for _, s, _ in rows})
    years = sorted(table["school_year"].dropna().unique().tolist(), key=_year_start)
    data = {
        "outcomes": [[o, label_for(o)] for o in outcomes],
        "groups": [[g, label_for(g)] for g in groups],
        "units": [["district", label_for("district")]] + [[s, labels.get(s, s)] for s in schools],
        "subgroup_labels": {f"{g}|{s}": label_for(s, g) for g, s in subgroups},
        "years": years,
        "recent": {str(n): recent_years(years, n) for n in YEAR_CHOICES},
        "thresholds": list(THRESHOLDS),
        "threshold_texts": {_number_key(t): f"{t:.1f}" for t in THRESHOLDS},
        "min_cells": list(MIN_CELLS),
        "min_ns": list(MIN_NS),
        "year_choices": list(YEAR_CHOICES),
        "texts": calculator_texts(),
        "rows": lookup,
        "start": {
            "outcome": outcomes[0],
            "group": groups[0],
            "threshold": threshold,
            "min_cell": min_cell,
            "min_n": min_n,
            "consecutive_years": consecutive_years,
        },
        "note": source_note(),
    }
    return DisproportionalityCalculator(_data=data)
