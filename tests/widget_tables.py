"""Small fictional tables for widget tests (independent of the shipped district)."""

from __future__ import annotations

import numpy as np
import pandas as pd

SUBGROUPS = ("black", "hispanic", "white", "asian", "two_or_more")


def random_outcomes_table(
    seed: int = 7, n_schools: int = 6, years=("2022-23", "2023-24", "2024-25")
):
    """A tidy multi-year table with gaps, small groups and some suppressed cells."""
    rng = np.random.default_rng(seed)
    rows = []
    for year in years:
        district = {s: [0, 0] for s in SUBGROUPS}
        for school in range(1, n_schools + 1):
            school_id = f"S{school:02d}"
            totals = [0, 0]
            for subgroup in SUBGROUPS:
                enrolled = int(rng.integers(5, 400))
                base = {"black": 0.18, "hispanic": 0.09}.get(subgroup, 0.05)
                count = int(rng.binomial(enrolled, min(0.9, base * rng.uniform(0.3, 2.5))))
                totals[0] += enrolled
                totals[1] += count
                district[subgroup][0] += enrolled
                district[subgroup][1] += count
                suppressed = "primary" if 0 < count < 10 else ""
                rows.append(
                    (
                        year,
                        "school",
                        school_id,
                        subgroup,
                        enrolled,
                        None if suppressed else count,
                        suppressed,
                    )
                )
            rows.append((year, "school", school_id, "All", totals[0], totals[1], ""))
        for subgroup, (enrolled, count) in district.items():
            rows.append((year, "district", "", subgroup, enrolled, count, ""))
        rows.append(
            (
                year,
                "district",
                "",
                "All",
                sum(v[0] for v in district.values()),
                sum(v[1] for v in district.values()),
                "",
            )
        )
    table = pd.DataFrame(
        rows,
        columns=[
            "school_year",
            "level",
            "school_id",
            "subgroup",
            "enrolled",
            "count",
            "suppressed",
        ],
    )
    table["group"] = "race_ethnicity"
    table["outcome"] = "out_of_school_suspension"
    table["count"] = table["count"].astype("Int64")
    return table
