"""The disproportionality calculator: which schools and groups a state's rule would flag.

A state sets a risk-ratio threshold, a minimum cell size, a minimum n-size and a number
of consecutive years (34 CFR 300.647). The calculator lets a learner change each of them
and see which schools and student groups are flagged, and why.

Risk ratios are computed in Python by :func:`equitykit.metrics.gap_table` and shipped to
the browser with the four counts behind each one. The browser applies the size rules and
the threshold, so the calculator works on the static site; :attr:`result` gives the same
answer from :func:`equitykit.metrics.flag_disproportionality`, and the tests check that
the two agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import traitlets

from equitykit.datasets import source_note
from equitykit.labels import label_for
from equitykit.metrics import flag_disproportionality, gap_table
from equitykit.widgets.base import CourseWidget, browser_module
from equitykit.widgets.gap_explorer import _plain, format_measure

THRESHOLDS: tuple[float, ...] = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0)
MIN_CELLS: tuple[int, ...] = (1, 5, 10, 15, 20)
MIN_NS: tuple[int, ...] = (10, 20, 30, 40, 50)
YEAR_CHOICES: tuple[int, ...] = (1, 2, 3)


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
        enrolled, comparison count, comparison enrolled, ratio, ratio text]}]``. A
        suppressed count is ``None``; the ratio is ``None`` when it is undefined.
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
                g_count, g_enrolled = _plain(r["count"]), _plain(r["enrolled"])
                c_count = c_enrolled = None
                if total is not None and g_count is not None and g_enrolled is not None:
                    t_count, t_enrolled = _plain(total["count"]), _plain(total["enrolled"])
                    if t_count is not None and t_enrolled is not None:
                        c_count, c_enrolled = t_count - g_count, t_enrolled - g_enrolled
                ratio = _plain(r["risk_ratio"])
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
    """Apply a significant-disproportionality rule and see who is flagged.

    Attributes
    ----------
    outcome, group
        The outcome and student group analysed.
    threshold
        A risk ratio strictly above this counts.
    min_cell, min_n
        Minimum cell size and n-size.
    consecutive_years
        How many of the most recent consecutive years must be above the threshold.
    """

    _esm = browser_module("disproportionality")
    outcome = traitlets.Unicode().tag(sync=True)
    group = traitlets.Unicode().tag(sync=True)
    threshold = traitlets.Float(3.0).tag(sync=True)
    min_cell = traitlets.Int(10).tag(sync=True)
    min_n = traitlets.Int(30).tag(sync=True)
    consecutive_years = traitlets.Int(3).tag(sync=True)
    _data = traitlets.Dict().tag(sync=True)

    def __init__(self, table: pd.DataFrame, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        offered = {item[0] for item in self._data.get("outcomes", [])}
        # one slice per outcome, so a change of rule does not scan the whole table
        self._tables = {
            outcome: rows for outcome, rows in table.groupby("outcome") if outcome in offered
        }

    @traitlets.validate("threshold", "min_cell", "min_n", "consecutive_years")
    def _offered(self, proposal: dict[str, Any]) -> Any:
        name = proposal["trait"].name
        choices = {
            "threshold": THRESHOLDS,
            "min_cell": MIN_CELLS,
            "min_n": MIN_NS,
            "consecutive_years": YEAR_CHOICES,
        }[name]
        if proposal["value"] not in choices:
            raise traitlets.TraitError(f"{name} must be one of {list(choices)}")
        return proposal["value"]

    @traitlets.validate("outcome", "group")
    def _known(self, proposal: dict[str, Any]) -> str:
        name = proposal["trait"].name
        codes = [item[0] for item in self._data.get(f"{name}s", [])]
        if codes and proposal["value"] not in codes:
            raise traitlets.TraitError(f"{proposal['value']!r} is not offered; choose from {codes}")
        return proposal["value"]

    @property
    def result(self) -> pd.DataFrame:
        """Every school and group under the current rule, from ``flag_disproportionality``."""
        return flag_disproportionality(
            self._tables[self.outcome],
            self.outcome,
            self.group,
            threshold=self.threshold,
            consecutive_years=self.consecutive_years,
            min_cell=self.min_cell,
            min_n=self.min_n,
        )

    @property
    def flagged(self) -> list[tuple[str, str]]:
        """``(school id or "district", subgroup)`` of every flagged group."""
        frame = self.result
        frame = frame[frame["flagged"]]
        return [
            (_unit_code(level, school), subgroup)
            for level, school, subgroup in frame[["level", "school_id", "subgroup"]].itertuples(
                index=False
            )
        ]


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
        The widget; change its rule and read ``flagged`` or ``result``.
    """
    missing = [o for o in outcomes if o not in set(table["outcome"])]
    if missing:
        raise ValueError(f"outcome(s) {missing} are not in the table")
    groups = [g for g in groups if g in set(table["group"])]
    lookup = build_ratio_lookup(table, outcomes, groups)
    labels = dict(unit_labels or {})
    schools = sorted({u for rows in lookup.values() for u, _, _ in rows} - {"district"})
    subgroups = sorted({(key.split("|")[1], s) for key, rows in lookup.items() for _, s, _ in rows})
    data = {
        "outcomes": [[o, label_for(o)] for o in outcomes],
        "groups": [[g, label_for(g)] for g in groups],
        "units": [["district", label_for("district")]] + [[s, labels.get(s, s)] for s in schools],
        "subgroup_labels": {f"{g}|{s}": label_for(s, g) for g, s in subgroups},
        "years": sorted(table["school_year"].dropna().unique().tolist()),
        "thresholds": list(THRESHOLDS),
        "min_cells": list(MIN_CELLS),
        "min_ns": list(MIN_NS),
        "year_choices": list(YEAR_CHOICES),
        "rows": lookup,
        "note": source_note(),
    }
    return DisproportionalityCalculator(
        table,
        _data=data,
        outcome=outcomes[0],
        group=groups[0],
        threshold=threshold,
        min_cell=min_cell,
        min_n=min_n,
        consecutive_years=consecutive_years,
    )
