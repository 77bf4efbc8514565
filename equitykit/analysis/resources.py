"""School resources by poverty level: how teacher experience and turnover are shared out.

These helpers turn the published ``school_resources`` table into the small grouped tables
the practice notebooks print and :mod:`equitykit.analysis.figures` draws. They never need
student-level rows.
"""

from __future__ import annotations

import pandas as pd

#: The four poverty levels, from the quarter of schools with the fewest students who are
#: economically disadvantaged to the quarter with the most.
POVERTY_LEVELS: tuple[str, ...] = (
    "Lowest poverty",
    "Lower-middle poverty",
    "Upper-middle poverty",
    "Highest poverty",
)


def _latest(table: pd.DataFrame, school_year: str | None) -> tuple[pd.DataFrame, str]:
    years = sorted(table["school_year"].dropna().astype(str).unique())
    if not years:
        raise ValueError("the table has no school years")
    year = school_year or years[-1]
    if year not in years:
        raise ValueError(f"no rows for school year {year!r}; the table has {', '.join(years)}")
    return table[table["school_year"] == year].copy(), year


def poverty_level(shares: pd.Series) -> pd.Series:
    """Put schools into four equal-sized poverty levels by their share of students in poverty.

    Schools are ranked by share (ties broken by their order in the table) and split into
    quarters, so each level holds the same number of schools (give or take one).

    Parameters
    ----------
    shares
        Each school's share of students who are economically disadvantaged (0 to 1).

    Returns
    -------
    pandas.Series
        An ordered categorical with the labels of :data:`POVERTY_LEVELS`.

    Examples
    --------
    >>> poverty_level(pd.Series([0.1, 0.9, 0.5, 0.3])).tolist()
    ['Lowest poverty', 'Highest poverty', 'Upper-middle poverty', 'Lower-middle poverty']
    """
    values = pd.to_numeric(shares, errors="coerce").astype("float64")
    if values.isna().any():
        raise ValueError("every school needs its share of students in economic disadvantage")
    if len(values) < len(POVERTY_LEVELS):
        raise ValueError(f"need at least {len(POVERTY_LEVELS)} schools to form four levels")
    ranks = values.rank(method="first")
    return pd.qcut(ranks, len(POVERTY_LEVELS), labels=list(POVERTY_LEVELS))


def schools_by_poverty(resources: pd.DataFrame, school_year: str | None = None) -> pd.DataFrame:
    """One row per school in one year, with its poverty level.

    Parameters
    ----------
    resources
        The ``school_resources`` table.
    school_year
        The year; default: the latest in the table.

    Returns
    -------
    pandas.DataFrame
        ``school_year, school_id, school_name, school_level, teachers,
        teacher_avg_years_experience, teacher_turnover_rate, econ_disadvantaged_share,
        poverty_level``, sorted by the poverty share.
    """
    rows, _ = _latest(resources, school_year)
    columns = [
        "school_year",
        "school_id",
        "school_name",
        "school_level",
        "teachers",
        "teacher_avg_years_experience",
        "teacher_turnover_rate",
        "econ_disadvantaged_share",
    ]
    rows = rows[columns].astype(
        {
            "teachers": "float64",
            "teacher_avg_years_experience": "float64",
            "teacher_turnover_rate": "float64",
            "econ_disadvantaged_share": "float64",
        }
    )
    rows["poverty_level"] = poverty_level(rows["econ_disadvantaged_share"])
    return rows.sort_values(["econ_disadvantaged_share", "school_id"]).reset_index(drop=True)


def teacher_experience_by_poverty(
    resources: pd.DataFrame, school_year: str | None = None
) -> pd.DataFrame:
    """Teacher experience and turnover for four levels of school poverty.

    The averages are weighted by each school's number of teachers, so they describe the
    average teacher in those schools, not the average school.

    Parameters
    ----------
    resources
        The ``school_resources`` table.
    school_year
        The year; default: the latest in the table.

    Returns
    -------
    pandas.DataFrame
        One row per poverty level: ``Poverty level``, ``Schools``,
        ``Students in poverty`` (the range of shares, as text),
        ``Average years of experience`` (one decimal) and ``Teacher turnover (%)``
        (one decimal).
    """
    schools = schools_by_poverty(resources, school_year)
    out = []
    for level, part in schools.groupby("poverty_level", observed=True, sort=True):
        weights = part["teachers"]
        low, high = part["econ_disadvantaged_share"].min(), part["econ_disadvantaged_share"].max()
        experience = (part["teacher_avg_years_experience"] * weights).sum() / weights.sum()
        turnover = (part["teacher_turnover_rate"] * weights).sum() / weights.sum()
        out.append(
            {
                "Poverty level": str(level),
                "Schools": len(part),
                "Students in poverty": f"{round(low * 100)}-{round(high * 100)}%",
                "Average years of experience": round(float(experience), 1),
                "Teacher turnover (%)": round(float(turnover) * 100, 1),
            }
        )
    return pd.DataFrame(out)
