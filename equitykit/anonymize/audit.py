"""Audit published tables: no suppressed cell may be narrowed below the threshold.

For every suppressed cell of every tidy table in a folder, the audit solves two
linear programs with HiGHS (``scipy.optimize.linprog``): the smallest and largest
value the cell can take given *everything published* in that table (every
shown count and enrollment, every sum of subgroups to a school's total and of
schools to the district, nonnegativity and ``count <= enrolled``). A cell is
unsafe when ``max - min`` is below the minimum cell size.

The audit reads only what is published; it never sees the hidden values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from equitykit.anonymize.attack import attacker_ranges
from equitykit.anonymize.cells import block_equations
from equitykit.anonymize.rectangles import rectangle_certifier
from equitykit.anonymize.suppression import build_system

SURVEY_COLUMNS = {
    "item": "outcome",
    "respondents": "enrolled",
    "respondents_suppressed": "enrolled_suppressed",
    "agree": "count",
}
"""How the climate-survey table's columns map onto the generic tidy columns."""

TIDY_COLUMNS = {"level", "school_id", "group", "subgroup", "outcome", "enrolled", "count"}


@dataclass
class AuditReport:
    """The result of an audit.

    Attributes
    ----------
    cells
        One row per suppressed cell: table, block, cell, ``kind`` (``count`` or
        ``enrolled``), the attacker's ``low`` and ``high`` and ``safe``.
    problems
        Other findings (a published count under the threshold, tables that disagree).
    min_cell
        The threshold used.
    exact
        Whether every range is the exact LP minimum and maximum (otherwise a safe
        cell's range is a proven lower bound on the true width).
    """

    cells: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    min_cell: int = 10
    exact: bool = False

    @property
    def unsafe(self) -> pd.DataFrame:
        """The cells an attacker can narrow below the threshold."""
        return self.cells[~self.cells["safe"]] if len(self.cells) else self.cells

    @property
    def safe(self) -> bool:
        """True when no cell is unsafe and nothing else was found."""
        return len(self.unsafe) == 0 and not self.problems

    def summary(self) -> str:
        """Return a short human-readable summary."""
        lines = []
        tables = sorted(self.cells["table"].unique()) if len(self.cells) else []
        verdict = "SAFE" if self.safe else "NOT SAFE"
        lines.append(
            f"Audit {verdict}: {len(self.cells)} suppressed cells in {len(tables)} tables "
            f"checked against a minimum cell size of {self.min_cell}."
        )
        for table in tables:
            part = self.cells[self.cells["table"].eq(table)]
            lines.append(
                f"  {table}: {len(part)} suppressed cells, {int((~part['safe']).sum())} unsafe"
            )
        for _, row in self.unsafe.head(10).iterrows():
            lines.append(
                f"  unsafe: {row['table']} {row['block']} {row['cell']} ({row['kind']}) can be "
                f"narrowed to {row['low']:.1f}..{row['high']:.1f}"
            )
        if len(self.unsafe) > 10:
            lines.append(f"  ... and {len(self.unsafe) - 10} more unsafe cells")
        lines.extend(f"  problem: {p}" for p in self.problems)
        return "\n".join(lines)


def _as_float(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").astype("float64").to_numpy(na_value=np.nan)


def audit_table(
    table: pd.DataFrame,
    *,
    min_cell: int = 10,
    block_keys: tuple[str, ...] = ("school_year",),
    exact: bool = False,
    name: str = "table",
) -> tuple[pd.DataFrame, list[str]]:
    """Attack every suppressed cell of one tidy table.

    Parameters
    ----------
    table
        A published tidy table (``outcomes.csv`` layout; the survey's column
        names are accepted too).
    min_cell
        The minimum cell size the ranges must reach.
    block_keys
        Columns separating independent tables (school year, district id).
    exact
        Compute the exact minimum and maximum of every cell (slower); otherwise
        stop once a cell's range is proven at least ``min_cell`` wide.
    name
        The table's name, for the report.

    Returns
    -------
    cells, problems
        The per-cell results and other findings.
    """
    table = table.rename(columns=SURVEY_COLUMNS)
    missing = TIDY_COLUMNS - set(table.columns)
    if missing:
        raise ValueError(f"{name} is not a tidy table; missing {sorted(missing)}")
    keys = [k for k in block_keys if k in table.columns]
    problems = []
    enrolled = _as_float(table["enrolled"])
    count = _as_float(table["count"])
    small = (~np.isnan(count) & (count < min_cell)) | (~np.isnan(enrolled) & (enrolled < min_cell))
    for i in np.flatnonzero(small)[:5]:
        problems.append(f"{name}: row {i + 2} publishes a count under {min_cell}")
    results = []
    for block, part in table.groupby(keys + ["outcome"], sort=False, dropna=False):
        idx = part.index.to_numpy()
        part = part.reset_index(drop=True)
        c_values, e_values = count[idx], enrolled[idx]
        c_hidden, e_hidden = np.isnan(c_values), np.isnan(e_values)
        if not (c_hidden.any() or e_hidden.any()):
            continue
        equations = block_equations(part)
        upper = np.where(e_hidden, np.inf, e_values)
        system, unknown, e_unknown, _ = build_system(
            c_values,
            c_hidden,
            equations,
            upper,
            (e_values, e_hidden, equations, np.arange(len(part))),
        )
        try:
            certify = rectangle_certifier(part, c_hidden, upper, unknown, system.n, e_unknown)
            low, high = attacker_ranges(
                system, threshold=None if exact else min_cell, certify=certify
            )
        except RuntimeError as err:
            problems.append(f"{name} {block}: {err}")
            continue
        label = " ".join(str(b) for b in np.atleast_1d(block))
        cell_names = (
            part["level"].astype("string").fillna("")
            + ":"
            + part["school_id"].astype("string").fillna("district")
            + ":"
            + part["group"].astype("string")
            + "="
            + part["subgroup"].astype("string")
        ).tolist()
        for kind, hidden, index in (
            ("count", c_hidden, unknown),
            ("enrolled", e_hidden, e_unknown),
        ):
            if index is None:
                continue
            for c in np.flatnonzero(hidden):
                u = index[c]
                results.append(
                    (
                        name,
                        label,
                        cell_names[c],
                        kind,
                        low[u],
                        high[u],
                        high[u] - low[u] >= min_cell - 1e-6,
                    )
                )
    cells = pd.DataFrame(results, columns=["table", "block", "cell", "kind", "low", "high", "safe"])
    return cells, problems


def _tables_in(folder: Path) -> dict[str, tuple[str, ...]]:
    """Return the tidy tables of a folder and their block keys."""
    found = {}
    for path in sorted(folder.glob("*.csv")):
        header = path.open(encoding="utf-8").readline().strip().split(",")
        columns = {SURVEY_COLUMNS.get(c, c) for c in header}
        if columns >= TIDY_COLUMNS:
            keys = tuple(k for k in ("district_id", "school_year") if k in columns)
            found[path.stem] = keys
    return found


def audit(
    target: str | Path | pd.DataFrame, *, min_cell: int | None = None, exact: bool = False
) -> AuditReport:
    """Audit a folder of published tables (or one tidy table).

    Parameters
    ----------
    target
        A folder written by ``equitykit anonymize`` (or the shipped
        ``datasets/alder-creek``), or a tidy DataFrame.
    min_cell
        The threshold; by default the one recorded in the folder's
        ``datapackage.json`` (10 if none).
    exact
        Compute exact ranges for every suppressed cell.

    Returns
    -------
    AuditReport
        ``report.safe`` is true only when every suppressed cell is safe.
    """
    if isinstance(target, pd.DataFrame):
        cells, problems = audit_table(target, min_cell=min_cell or 10, exact=exact)
        return AuditReport(cells, problems, min_cell or 10, exact)
    folder = Path(target)
    if not folder.is_dir():
        raise FileNotFoundError(f"'{folder}' is not a folder of published tables")
    if min_cell is None:
        min_cell = recorded_min_cell(folder)
    frames, problems = [], []
    tables = _tables_in(folder)
    if not tables:
        problems.append(f"'{folder}' holds no tidy tables to audit")
    for name, keys in tables.items():
        table = pd.read_csv(folder / f"{name}.csv", dtype={"school_id": "string"})
        cells, found = audit_table(
            table, min_cell=min_cell, block_keys=keys, exact=exact, name=f"{name}.csv"
        )
        frames.append(cells)
        problems += found
    problems += check_transportation(folder, min_cell)
    cells = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["table", "block", "cell", "kind", "low", "high", "safe"])
    )
    return AuditReport(cells, problems, min_cell, exact)


def recorded_min_cell(folder: Path) -> int:
    """Return the minimum cell size recorded in ``datapackage.json`` (10 if none)."""
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        rules = json.loads(descriptor.read_text(encoding="utf-8")).get("equitykit_suppression", {})
        return int(rules.get("min_cell", 10))
    return 10


def check_transportation(folder: Path, min_cell: int) -> list[str]:
    """Check that the transportation table repeats exactly what ``outcomes.csv`` shows."""
    path, outcomes_path = folder / "transportation.csv", folder / "outcomes.csv"
    if not (path.is_file() and outcomes_path.is_file()):
        return []
    problems = []
    transport = pd.read_csv(path)
    outcomes = pd.read_csv(outcomes_path, dtype={"school_id": "string"})
    rows = outcomes[outcomes["group"].eq("neighbourhood")]
    for column, outcome, value in (
        ("chronic_absent_count", "chronic_absenteeism", "count"),
        ("bus_riders", "rides_bus", "count"),
        ("students", "chronic_absenteeism", "enrolled"),
    ):
        if column not in transport.columns:
            continue
        reference = rows[rows["outcome"].eq(outcome)].set_index(["school_year", "subgroup"])[value]
        mine = transport.set_index(["school_year", "neighbourhood"])[column]
        joined = pd.concat([mine.rename("t"), reference.rename("o")], axis=1, join="inner")
        disagree = ~((joined["t"] == joined["o"]) | (joined["t"].isna() & joined["o"].isna()))
        if disagree.any():
            problems.append(f"transportation.csv: {column} differs from outcomes.csv")
        shown = pd.to_numeric(transport[column], errors="coerce")
        if (shown < min_cell).any():
            problems.append(f"transportation.csv: {column} publishes a count under {min_cell}")
    return problems
