"""The linear structure of a published table: cells and the sums that tie them.

A tidy aggregate table (one row per location x group x subgroup) publishes many
sums: every group's subgroups add up to the ``All`` row of the same school, and
the schools add up to the district row. An attacker can combine these sums, so
suppression and the audit both work on this structure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from equitykit.anonymize.schema import ALL_SUBGROUP


@dataclass
class Equation:
    """``sum(values[parts]) == values[total]``: indices into a block's cells."""

    total: int
    parts: np.ndarray


def block_equations(cells: pd.DataFrame) -> list[Equation]:
    """Return every published sum among ``cells`` (one block: one year and outcome).

    Parameters
    ----------
    cells
        Rows with ``level``, ``school_id``, ``group`` and ``subgroup``, indexed
        ``0..n-1``. Missing rows are groups with no students (known zeros).

    Returns
    -------
    list of Equation
        Subgroups sum to the ``All`` row of their location; schools sum to the
        district row of the same group and subgroup.
    """
    cells = cells.reset_index(drop=True)
    index = np.arange(len(cells))
    location = cells["level"].astype(str) + "|" + cells["school_id"].fillna("").astype(str)
    is_all = cells["group"].eq("all").to_numpy()
    equations: list[Equation] = []
    totals = dict(zip(location[is_all], index[is_all], strict=True))
    for (loc, group), members in pd.Series(index).groupby([location, cells["group"]], sort=False):
        if group == "all" or loc not in totals:
            continue
        equations.append(Equation(totals[loc], members.to_numpy()))
    is_school = cells["level"].eq("school").to_numpy()
    if is_school.any():
        key = cells["group"].astype(str) + "|" + cells["subgroup"].astype(str)
        district_rows = dict(zip(key[~is_school], index[~is_school], strict=True))
        for k, members in pd.Series(index[is_school]).groupby(
            key[is_school].to_numpy(), sort=False
        ):
            if k in district_rows:
                equations.append(Equation(district_rows[k], members.to_numpy()))
    return equations


def is_total_row(cells: pd.DataFrame) -> np.ndarray:
    """Return a mask of the ``All`` rows (the totals of each location)."""
    return cells["subgroup"].eq(ALL_SUBGROUP).to_numpy()


def cell_keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Join ``columns`` into one text key per row (missing values as empty text)."""
    key = frame[columns[0]].astype("string").fillna("")
    for column in columns[1:]:
        key = key + "|" + frame[column].astype("string").fillna("")
    return key
