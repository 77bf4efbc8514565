"""Primary and complementary cell suppression for tidy aggregate tables.

Rules (NCES 2011-603; 34 CFR 300.647):

* *primary*: a count below the minimum cell size (default 10, zero included) is
  hidden, and so is a count within that distance of its group's enrollment (it
  would tell that nearly everyone in a small group had the outcome); an
  enrollment below the minimum cell size is hidden too;
* *complementary*: further cells are hidden until the linear-programming attack
  of :mod:`equitykit.anonymize.attack`, using every published sum (subgroups to
  the school total, schools to the district), cannot narrow any hidden cell to a
  range smaller than the minimum cell size;
* rates are shown only for groups with at least the minimum n-size (default 30)
  and are top/bottom coded (``<=5%``, ``>=95%``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from equitykit.anonymize.attack import LinearSystem, attacker_ranges, system_from_block
from equitykit.anonymize.cells import Equation, block_equations, cell_keys
from equitykit.anonymize.rectangles import rectangle_certifier

PRIMARY = "primary"
COMPLEMENTARY = "complementary"
MAX_ROUNDS = 60
CODING_BELOW = 300
"""Groups smaller than this get top/bottom-coded display rates."""
CELL_KEY = ["level", "school_id", "group", "subgroup"]


def close_open_sums(
    values: np.ndarray, suppressed: np.ndarray, equations: list[Equation], min_cell: int
) -> None:
    """Hide more cells until no published sum gives a hidden cell away by subtraction.

    A sum with one hidden member lets anyone recover it; a sum whose hidden
    members add up to less than ``min_cell`` bounds each of them too tightly.
    The smallest published member is hidden next (``suppressed`` is updated in place).
    """
    changed = True
    while changed:
        changed = False
        for eq in equations:
            members = np.concatenate(([eq.total], eq.parts))
            hidden = suppressed[members]
            if not hidden.any():
                continue
            hidden_parts_sum = values[eq.parts][suppressed[eq.parts]].sum()
            if hidden.sum() > 1 and (suppressed[eq.total] or hidden_parts_sum >= min_cell):
                continue
            candidates = eq.parts[~suppressed[eq.parts]]
            if len(candidates) == 0:
                if suppressed[eq.total]:
                    continue
                candidates = np.array([eq.total])
            suppressed[candidates[np.argmin(values[candidates])]] = True
            changed = True


def _hide_a_neighbour(
    cell: int, values: np.ndarray, suppressed: np.ndarray, equations: list[Equation]
) -> bool:
    """Hide the smallest published cell that shares a sum with ``cell``.

    Members of a sum are preferred over totals (a school's ``All`` row, a district
    row), so totals stay visible whenever possible.
    """
    parts: list[int] = []
    totals: list[int] = []
    for eq in equations:
        if cell != eq.total and cell not in eq.parts:
            continue
        parts.extend(int(c) for c in eq.parts if not suppressed[c] and c != cell)
        if not suppressed[eq.total] and eq.total != cell:
            totals.append(int(eq.total))
    candidates = parts or totals
    if not candidates:
        return False
    suppressed[min(candidates, key=lambda c: values[c])] = True
    return True


def protect_block(
    values: np.ndarray,
    primary: np.ndarray,
    equations: list[Equation],
    min_cell: int,
    upper: np.ndarray,
    enrolled_system: tuple[np.ndarray, np.ndarray, list[Equation], np.ndarray] | None = None,
    cells: pd.DataFrame | None = None,
) -> np.ndarray:
    """Return the final suppression mask of one block (primary plus complementary).

    Parameters
    ----------
    values
        True cell values.
    primary
        Cells that must be hidden.
    equations
        The block's published sums.
    min_cell
        The threshold: every hidden cell must keep a range at least this wide.
    upper
        A published upper bound per cell (its enrollment), ``inf`` if none.
    enrolled_system
        For count blocks: ``(enrolled values, enrolled suppressed, enrolled
        equations, enrolled cell of each count cell)``, so the attack also uses
        ``count <= enrolled`` where the enrollment is hidden.
    cells
        The block's rows; enables the fast rectangle proof of safety.
    """
    suppressed = primary.copy()
    close_open_sums(values, suppressed, equations, min_cell)
    known_safe = np.zeros(len(values), dtype=bool)
    for _ in range(MAX_ROUNDS):
        # hiding more cells only widens ranges, so a cell proven safe stays safe
        unsafe = unsafe_cells(
            values,
            suppressed,
            equations,
            upper,
            min_cell,
            enrolled_system,
            cells=cells,
            known_safe=known_safe,
        )
        known_safe = suppressed.copy()
        known_safe[unsafe] = False
        if len(unsafe) == 0:
            return suppressed
        progressed = False
        for cell in unsafe:
            progressed |= _hide_a_neighbour(int(cell), values, suppressed, equations)
        close_open_sums(values, suppressed, equations, min_cell)
        if not progressed:
            break
    suppressed[:] = True  # last resort: hide the whole block
    return suppressed


def unsafe_cells(
    values: np.ndarray,
    suppressed: np.ndarray,
    equations: list[Equation],
    upper: np.ndarray,
    min_cell: float,
    enrolled_system: tuple[np.ndarray, np.ndarray, list[Equation], np.ndarray] | None = None,
    exact: bool = False,
    cells: pd.DataFrame | None = None,
    known_safe: np.ndarray | None = None,
) -> np.ndarray:
    """Return the cells whose attacker range is narrower than ``min_cell``."""
    system, unknown, enrolled_unknown, enrolled_of = build_system(
        values, suppressed, equations, upper, enrolled_system
    )
    if system.n == 0:
        return np.array([], dtype=int)
    certify = None
    if cells is not None:
        certify = rectangle_certifier(cells, suppressed, upper, unknown, system.n, enrolled_unknown)
    safe_unknowns = np.zeros(system.n, dtype=bool)
    if known_safe is not None:
        safe_unknowns[unknown[suppressed & known_safe]] = True
    low, high = attacker_ranges(
        system, threshold=None if exact else min_cell, certify=certify, known_safe=safe_unknowns
    )
    narrow = (high - low) < min_cell - 1e-6
    cells = [c for c in np.flatnonzero(suppressed) if narrow[unknown[c]]]
    if enrolled_unknown is not None:
        # a hidden enrollment narrowed by the counts: protect the count cell in that row
        for c in np.flatnonzero(enrolled_of >= 0):
            e = enrolled_unknown[enrolled_of[c]]
            if e >= 0 and narrow[e]:
                cells.append(int(c))
    return np.unique(np.array(cells, dtype=int))


def build_system(
    values: np.ndarray,
    suppressed: np.ndarray,
    equations: list[Equation],
    upper: np.ndarray,
    enrolled_system: tuple[np.ndarray, np.ndarray, list[Equation], np.ndarray] | None = None,
) -> tuple[LinearSystem, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Build the attacker's linear system for a block (and its hidden enrollments)."""
    rows, unknown = system_from_block(values, suppressed, equations, upper)
    n = int(suppressed.sum())
    truth = list(values[suppressed])
    bounds = list(upper[suppressed])
    links: list[tuple[int, int]] = []
    enrolled_unknown = None
    enrolled_of = None
    if enrolled_system is not None:
        e_values, e_suppressed, e_equations, enrolled_of = enrolled_system
        if e_suppressed.any():
            e_rows, enrolled_unknown = system_from_block(
                e_values, e_suppressed, e_equations, np.full(len(e_values), np.inf), offset=n
            )
            rows += e_rows
            truth += list(e_values[e_suppressed])
            bounds += [np.inf] * int(e_suppressed.sum())
            for c in np.flatnonzero(suppressed):
                e = enrolled_of[c]
                if e >= 0 and e_suppressed[e]:
                    links.append((int(unknown[c]), int(enrolled_unknown[e])))
            n += int(e_suppressed.sum())
    system = LinearSystem(
        n=n,
        truth=np.array(truth, dtype=float),
        equations=rows,
        links=links,
        upper=np.array(bounds, dtype=float),
    )
    return system, unknown, enrolled_unknown, enrolled_of


# Whole tables ----------------------------------------------------------------------


def _population_ids(table: pd.DataFrame, block_keys: list[str]) -> pd.Series:
    """Label outcomes that count the same students (identical enrollments) alike."""
    key = cell_keys(table, block_keys + CELL_KEY)
    labels = {}
    for block, part in table.groupby(block_keys, sort=False, dropna=False):
        signatures: dict[tuple, str] = {}
        for outcome, rows in part.groupby("outcome", sort=False):
            signature = tuple(sorted(zip(key[rows.index], rows["enrolled"], strict=True)))
            labels[(*np.atleast_1d(block), outcome)] = signatures.setdefault(signature, outcome)
    return table.apply(
        lambda r: labels[(*[r[k] for k in block_keys], r["outcome"])], axis=1
    ).astype(str)


def suppress_small_cells(
    table: pd.DataFrame,
    *,
    min_cell: int = 10,
    min_n: int = 30,
    block_keys: tuple[str, ...] = ("school_year",),
    progress: bool = False,
) -> pd.DataFrame:
    """Apply primary and complementary suppression and add display rates.

    Parameters
    ----------
    table
        Tidy counts: ``block_keys`` + ``level``, ``school_id``, ``group``,
        ``subgroup``, ``outcome``, ``enrolled``, ``count`` (all true values).
    min_cell
        Minimum cell size: published counts and enrollments are at least this.
    min_n
        Minimum n-size: rates are shown only for groups at least this large.
    block_keys
        Columns that separate independent tables (the school year, a district id).
    progress
        Show a progress bar over the outcome tables.

    Returns
    -------
    pandas.DataFrame
        The table with hidden values set to NA and the columns
        ``enrolled_suppressed``, ``suppressed`` (empty, ``primary`` or
        ``complementary``), ``rate`` and ``rate_display`` added.
    """
    keys = list(block_keys)
    table = table.reset_index(drop=True).copy()
    enrolled = table["enrolled"].to_numpy(dtype=float)
    count = table["count"].to_numpy(dtype=float)
    table["_population"] = _population_ids(table, keys)
    e_status = np.zeros(len(table), dtype=np.int8)  # 0 shown, 1 primary, 2 complementary
    c_status = np.zeros(len(table), dtype=np.int8)

    # 1. enrollments, one population at a time, until equal cells agree.
    population_groups = table.groupby(keys + ["_population"], sort=False).groups
    forced = enrolled < min_cell
    done_with: dict[object, np.ndarray] = {}
    same_cell = cell_keys(table, keys + CELL_KEY)
    for _ in range(10):
        for name, rows in population_groups.items():
            one_outcome = table.loc[rows]
            first = one_outcome["outcome"].iloc[0]
            cells = one_outcome[one_outcome["outcome"].eq(first)]
            idx = cells.index.to_numpy()
            if name in done_with and (done_with[name] == forced[idx]).all():
                continue
            done_with[name] = forced[idx].copy()
            hidden = protect_block(
                enrolled[idx],
                forced[idx],
                block_equations(cells),
                min_cell,
                np.full(len(idx), np.inf),
                cells=cells.reset_index(drop=True),
            )
            status = np.where(enrolled[idx] < min_cell, 1, np.where(hidden, 2, 0))
            lookup = dict(zip(cell_keys(cells, CELL_KEY), status, strict=True))
            e_status[one_outcome.index.to_numpy()] = (
                cell_keys(one_outcome, CELL_KEY).map(lookup).to_numpy()
            )
        # A group hidden for one population (say all students) is hidden for every
        # population of that school and year that is no larger (the grade-12 cohort, the
        # tested students), so a smaller published count cannot bound the hidden one.
        largest_hidden = (
            pd.Series(np.where(e_status > 0, enrolled, -1.0))
            .groupby(same_cell)
            .transform("max")
            .to_numpy()
        )
        new_forced = forced | (enrolled <= largest_hidden)
        if (new_forced == forced).all():
            break
        forced = new_forced

    # 2. counts, one outcome at a time, with hidden enrollments in the attack.
    blocks = table.groupby(keys + ["outcome"], sort=False)
    for _, part in tqdm(blocks, total=blocks.ngroups, disable=not progress, desc="suppress"):
        idx = part.index.to_numpy()
        values = count[idx]
        e_hidden = e_status[idx] > 0
        near_all = (enrolled[idx] - values) < min_cell
        primary = (values < min_cell) | near_all
        upper = np.where(e_hidden, np.inf, enrolled[idx])
        equations = block_equations(part)
        enrolled_system = (enrolled[idx], e_hidden, equations, np.arange(len(idx)))
        hidden = protect_block(
            values,
            primary | e_hidden,
            equations,
            min_cell,
            upper,
            enrolled_system,
            cells=part.reset_index(drop=True),
        )
        c_status[idx] = np.where(primary, 1, np.where(hidden, 2, 0))

    table = table.drop(columns="_population")
    return finish_table(table, e_status, c_status, min_n)


def finish_table(
    table: pd.DataFrame,
    e_status: np.ndarray,
    c_status: np.ndarray,
    min_n: int,
    coding_below: int = CODING_BELOW,
) -> pd.DataFrame:
    """Blank hidden cells, label the suppression and add the display rate.

    Rates of groups smaller than ``coding_below`` are top/bottom coded in
    ``rate_display`` (``<=5%``, ``>=95%``) and left out of ``rate``.
    """
    labels = np.array(["", PRIMARY, COMPLEMENTARY], dtype=object)
    out = table.copy()
    enrolled = out["enrolled"].to_numpy(dtype=float)
    count = out["count"].to_numpy(dtype=float)
    out["enrolled"] = pd.array(np.where(e_status > 0, np.nan, enrolled), dtype="Int64")
    out["enrolled_suppressed"] = pd.array(labels[e_status], dtype="string")
    out["count"] = pd.array(np.where(c_status > 0, np.nan, count), dtype="Int64")
    out["suppressed"] = pd.array(labels[c_status], dtype="string")
    shown = (c_status == 0) & (e_status == 0) & (enrolled >= min_n)
    rate = np.where(shown, count / np.maximum(enrolled, 1), np.nan)
    coded = (enrolled < coding_below) & ((rate <= 0.05) | (rate >= 0.95))
    out["rate"] = pd.array(np.where(shown & ~coded, np.round(rate, 4), np.nan), dtype="Float64")
    out["rate_display"] = pd.array(display_rates(rate, coded), dtype="string")
    return out


def display_rates(rate: np.ndarray, coded: np.ndarray) -> list[str | None]:
    """Format rates as percentages; coded ones as ``<=5%`` or ``>=95%``."""
    shown = []
    for r, code in zip(rate, coded, strict=True):
        if np.isnan(r):
            shown.append(None)
        elif code and r <= 0.05:
            shown.append("<=5%")
        elif code and r >= 0.95:
            shown.append(">=95%")
        else:
            shown.append(f"{100 * r:.1f}%")
    return shown
