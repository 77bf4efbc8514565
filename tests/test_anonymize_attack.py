import numpy as np
import pandas as pd

from equitykit.anonymize.attack import LinearSystem, attacker_ranges
from equitykit.anonymize.audit import audit_table
from equitykit.anonymize.rectangles import rectangle_widths


def test_two_hidden_cells_with_a_known_sum():
    # x0 + x1 = 12, 0 <= x0 <= 5, x1 unbounded above
    system = LinearSystem(
        n=2,
        truth=np.array([3.0, 9.0]),
        equations=[({0: 1.0, 1: 1.0}, 12.0)],
        links=[],
        upper=np.array([5.0, np.inf]),
    )
    low, high = attacker_ranges(system)
    assert np.allclose(low, [0, 7]) and np.allclose(high, [5, 12])


def test_count_cannot_exceed_its_hidden_enrollment():
    # count x0 <= enrolled x1; x1 + 40 = 50 (the school total is published)
    system = LinearSystem(
        n=2,
        truth=np.array([4.0, 10.0]),
        equations=[({1: 1.0}, 10.0)],
        links=[(0, 1)],
        upper=np.array([np.inf, np.inf]),
    )
    low, high = attacker_ranges(system)
    assert np.allclose([low[0], high[0]], [0, 10])


def test_rectangle_proof_matches_the_linear_program():
    cells = pd.DataFrame(
        {
            "level": ["school"] * 4,
            "school_id": ["A", "A", "B", "B"],
            "group": ["sex"] * 4,
            "subgroup": ["female", "male"] * 2,
        }
    )
    point = np.array([6.0, 7.0, 5.0, 8.0])
    widths = rectangle_widths(point, np.ones(4, dtype=bool), np.full(4, 20.0), cells)
    # (A, female) can rise by min(14, 7, 5, 12) = 5 and fall by min(6, 13, 15, 8) = 6
    assert widths[0] == 11


def test_audit_reads_only_what_is_published():
    table = pd.DataFrame(
        {
            "school_year": "2024-25",
            "level": ["district", "district", "district"],
            "school_id": [pd.NA] * 3,
            "group": ["all", "sex", "sex"],
            "subgroup": ["All", "female", "male"],
            "outcome": "gifted",
            "enrolled": [60, 30, 30],
            "count": [pd.NA, pd.NA, pd.NA],
        }
    )
    cells, problems = audit_table(table, exact=True)
    assert not problems
    assert cells["safe"].all()
    assert np.allclose(cells.loc[cells["cell"].str.endswith("=female"), "high"], 30)
