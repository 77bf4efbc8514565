"""Linear-programming attack: what can anyone learn about a suppressed cell.

Given everything published (the non-suppressed cells and every sum that ties the
cells together), the smallest and largest value a suppressed cell can take are
the solutions of two linear programs (the approach of ``sdcTable::attack`` and
tau-ARGUS). A cell is *unsafe* when that range is narrower than the threshold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from equitykit.anonymize.cells import Equation

RANDOM_DIRECTIONS = 300
MIN_GAIN = 0.001
LP_OPTIONS = {"presolve": True}


@dataclass
class LinearSystem:
    """Unknowns (suppressed cells) with equalities, ``x_i <= x_j`` links and bounds.

    Attributes
    ----------
    n
        Number of unknowns.
    truth
        The true values (a feasible point; used to skip needless programs).
    equations
        ``(coefficients by unknown, right-hand side)`` per published sum.
    links
        Pairs ``(i, j)`` meaning ``x_i <= x_j`` (a count cannot exceed its enrolled).
    upper
        Upper bound per unknown (``inf`` when none is published).
    """

    n: int
    truth: np.ndarray
    equations: list[tuple[dict[int, float], float]]
    links: list[tuple[int, int]]
    upper: np.ndarray


def system_from_block(
    values: np.ndarray,
    suppressed: np.ndarray,
    equations: list[Equation],
    upper: np.ndarray,
    offset: int = 0,
) -> tuple[list[tuple[dict[int, float], float]], np.ndarray]:
    """Turn a block's sums into equations over its suppressed cells only.

    Returns
    -------
    equations, unknown_index
        Equations with unknowns numbered from ``offset``; ``unknown_index[c]`` is
        the unknown of cell ``c`` (or -1 for published cells).
    """
    unknown = np.full(len(values), -1)
    unknown[suppressed] = np.arange(int(suppressed.sum())) + offset
    rows = []
    for eq in equations:
        coefficients: dict[int, float] = {}
        rhs = 0.0
        for cell, sign in [(eq.total, -1.0)] + [(int(p), 1.0) for p in eq.parts]:
            if suppressed[cell]:
                coefficients[int(unknown[cell])] = coefficients.get(int(unknown[cell]), 0) + sign
            else:
                rhs -= sign * float(values[cell])
        if coefficients:
            rows.append((coefficients, rhs))
    return rows, unknown


def _components(system: LinearSystem) -> list[np.ndarray]:
    parent = np.arange(system.n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(members: list[int]) -> None:
        root = find(members[0])
        for m in members[1:]:
            other = find(m)
            if other != root:
                parent[other] = root

    for coefficients, _ in system.equations:
        union(list(coefficients))
    for i, j in system.links:
        union([i, j])
    roots = np.array([find(i) for i in range(system.n)])
    return [np.flatnonzero(roots == r) for r in np.unique(roots)]


def attacker_ranges(
    system: LinearSystem,
    threshold: float | None = None,
    certify: Callable[[np.ndarray], np.ndarray] | None = None,
    known_safe: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Smallest and largest value of every unknown given everything published.

    Parameters
    ----------
    system
        The unknowns and what ties them.
    threshold
        If given, stop refining a cell once the points found so far already show
        a range at least this wide (faster; the returned range is then a proven
        lower bound on the true width). If ``None``, compute the exact min and max
        of every cell with HiGHS.
    certify
        Optional fast proof (used only with ``threshold``): given a feasible point
        of all unknowns, return a proven lower bound on each unknown's range width.
    known_safe
        Unknowns already proven safe (skipped, used only with ``threshold``).

    Returns
    -------
    low, high
        Arrays of length ``system.n``; ``high`` may be ``inf``.
    """
    low = np.zeros(system.n)
    high = np.full(system.n, np.inf)
    if system.n == 0:
        return low, high
    components = _components(system)
    skip = np.zeros(system.n, dtype=bool)
    if threshold is not None and known_safe is not None:
        skip |= known_safe
    if threshold is not None and certify is not None:
        point = system.truth.astype(float).copy()
        for component in components:
            if np.isnan(point[component]).any():
                point[component] = _component_ranges(system, component, None, feasible_only=True)[0]
        widths = certify(point)
        proven = widths >= threshold
        low[proven] = np.maximum(point[proven] - widths[proven] / 2, 0)
        high[proven] = low[proven] + widths[proven]
        skip |= proven
    for component in components:
        if skip[component].all():
            continue
        lo, hi = _component_ranges(system, component, threshold, skip=skip[component])
        todo = ~skip[component]
        low[component[todo]] = lo[todo]
        high[component[todo]] = hi[todo]
    return low, high


def _component_ranges(
    system: LinearSystem,
    component: np.ndarray,
    threshold: float | None,
    skip: np.ndarray | None = None,
    feasible_only: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    local = {int(g): i for i, g in enumerate(component)}
    m = len(component)
    eq_rows, eq_cols, eq_vals, b_eq = [], [], [], []
    for coefficients, rhs in system.equations:
        first = next(iter(coefficients))
        if first not in local:
            continue
        r = len(b_eq)
        for var, coef in coefficients.items():
            eq_rows.append(r)
            eq_cols.append(local[var])
            eq_vals.append(coef)
        b_eq.append(rhs)
    ub_rows, ub_cols, ub_vals = [], [], []
    for i, j in system.links:
        if i in local:
            r = len(ub_rows) // 2
            ub_rows += [r, r]
            ub_cols += [local[i], local[j]]
            ub_vals += [1.0, -1.0]
    a_eq = coo_matrix((eq_vals, (eq_rows, eq_cols)), shape=(len(b_eq), m)).tocsr() if b_eq else None
    n_ub = len(ub_rows) // 2
    a_ub = coo_matrix((ub_vals, (ub_rows, ub_cols)), shape=(n_ub, m)).tocsr() if n_ub else None
    upper = system.upper[component]
    bounds = [(0.0, None if np.isinf(u) else float(u)) for u in upper]

    def solve(objective: np.ndarray) -> np.ndarray | None:
        result = linprog(
            objective,
            A_ub=a_ub,
            b_ub=np.zeros(n_ub) if n_ub else None,
            A_eq=a_eq,
            b_eq=np.array(b_eq) if b_eq else None,
            bounds=bounds,
            method="highs",
            options=LP_OPTIONS,
        )
        if result.status == 3:  # unbounded
            return None
        if result.status == 2:
            raise RuntimeError("the published sums are inconsistent (no table fits them)")
        if result.status != 0:
            raise RuntimeError(f"the attack program failed: {result.message}")
        return result.x

    truth = system.truth[component].astype(float)
    if np.isnan(truth).any():  # auditing published tables: start from any feasible point
        point = solve(np.zeros(m))
        if point is None:
            raise RuntimeError("the published sums are inconsistent (no table fits them)")
        truth = point
    if feasible_only:
        return truth, truth
    seen_low = truth.copy()
    seen_high = truth.copy()
    low = np.full(m, np.nan)
    high = np.full(m, np.nan)
    skip_cells = np.zeros(m, dtype=bool) if skip is None else skip

    if threshold is not None and m > 2:
        # A few programs with random directions reach far corners of the feasible set
        # and usually prove most cells safe at once.
        rng = np.random.default_rng(m)
        last_open = None
        for _ in range(RANDOM_DIRECTIONS):
            open_cells = (seen_high - seen_low < threshold) & ~skip_cells
            if not open_cells.any() or (
                last_open is not None and last_open - open_cells.sum() < MIN_GAIN * m
            ):
                break
            last_open = open_cells.sum()
            direction = rng.choice([-1.0, 1.0], size=m) * np.where(open_cells, 1.0, 0.05)
            point = solve(direction)
            if point is not None:
                np.maximum(seen_high, point, out=seen_high)
                np.minimum(seen_low, point, out=seen_low)
    for i in range(m):
        if skip_cells[i]:
            continue
        if threshold is not None and seen_high[i] - seen_low[i] >= threshold:
            continue
        objective = np.zeros(m)
        objective[i] = -1.0
        point = solve(objective)
        if point is None:
            high[i] = np.inf
            seen_high[i] = np.inf
        else:
            high[i] = point[i]
            np.maximum(seen_high, point, out=seen_high)
            np.minimum(seen_low, point, out=seen_low)
        if threshold is not None and seen_high[i] - seen_low[i] >= threshold:
            continue
        objective[i] = 1.0
        point = solve(objective)
        low[i] = point[i]
        np.maximum(seen_high, point, out=seen_high)
        np.minimum(seen_low, point, out=seen_low)
    low = np.where(np.isnan(low), seen_low, low)
    high = np.where(np.isnan(high), seen_high, high)
    return np.maximum(low, 0.0), high
