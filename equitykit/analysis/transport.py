"""Bus rides and chronic absenteeism by neighbourhood, from the ``transportation`` table.

The practice notebook of Module 6 prints these tables and
:mod:`equitykit.analysis.figures` draws them. They never need student-level rows.
"""

from __future__ import annotations

import pandas as pd


def bus_absenteeism(transportation: pd.DataFrame) -> pd.DataFrame:
    """Bus rides and chronic absenteeism for every neighbourhood and year.

    Parameters
    ----------
    transportation
        The ``transportation`` table. A suppressed absentee count stays missing.

    Returns
    -------
    pandas.DataFrame
        ``school_year, neighbourhood, students, bus_rider_share, median_ride_minutes,
        chronic_absent_rate`` (shares from 0 to 1), sorted by year and ride length.
        When the table has an ``econ_disadvantaged_share`` column it is kept.
    """
    frame = transportation.copy()
    students = frame["students"].astype("float64")
    out = pd.DataFrame(
        {
            "school_year": frame["school_year"].astype(str),
            "neighbourhood": frame["neighbourhood"].astype(str),
            "students": frame["students"].astype("Int64"),
            "bus_rider_share": frame["bus_riders"].astype("float64") / students,
            "median_ride_minutes": frame["median_ride_minutes"].astype("float64"),
            "chronic_absent_rate": frame["chronic_absent_count"].astype("float64") / students,
        }
    )
    if "econ_disadvantaged_share" in frame.columns:
        out["econ_disadvantaged_share"] = frame["econ_disadvantaged_share"].astype("float64")
    return out.sort_values(["school_year", "median_ride_minutes", "neighbourhood"]).reset_index(
        drop=True
    )


def route_change(
    transportation: pd.DataFrame, before: str | None = None, after: str | None = None
) -> pd.DataFrame:
    """Compare each neighbourhood's median ride and chronic absenteeism in two years.

    Parameters
    ----------
    transportation
        The ``transportation`` table.
    before, after
        The two school years; default: the first and the last in the table.

    Returns
    -------
    pandas.DataFrame
        One row per neighbourhood, sorted by the earlier ride length (longest first):
        ``Neighbourhood``, the median ride in minutes in each year, chronic absenteeism
        (%) in each year and the change in percentage points. Suppressed values stay
        missing.
    """
    tidy = bus_absenteeism(transportation)
    years = sorted(tidy["school_year"].unique())
    first, last = before or years[0], after or years[-1]
    for year in (first, last):
        if year not in years:
            raise ValueError(f"no rows for school year {year!r}; the table has {', '.join(years)}")
    wide = tidy.pivot(
        index="neighbourhood",
        columns="school_year",
        values=["median_ride_minutes", "chronic_absent_rate"],
    )
    table = pd.DataFrame(
        {
            "Neighbourhood": wide.index,
            f"Ride {first} (min)": wide[("median_ride_minutes", first)].to_numpy(),
            f"Ride {last} (min)": wide[("median_ride_minutes", last)].to_numpy(),
            f"Absent {first} (%)": (wide[("chronic_absent_rate", first)] * 100).round(1).to_numpy(),
            f"Absent {last} (%)": (wide[("chronic_absent_rate", last)] * 100).round(1).to_numpy(),
        }
    )
    table["Change (points)"] = (table[f"Absent {last} (%)"] - table[f"Absent {first} (%)"]).round(1)
    table = table.sort_values([f"Ride {first} (min)", "Neighbourhood"], ascending=[False, True])
    return table.reset_index(drop=True)
