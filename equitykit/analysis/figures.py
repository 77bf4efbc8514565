"""Static, print-friendly figures that describe themselves.

Each builder returns an :class:`AccessibleFigure`: a deterministic SVG chart (matplotlib,
with a fixed hash salt and no date in its metadata), alt text computed from the numbers,
a caption and the table behind the chart. In a notebook it displays as an HTML
``<figure>`` with an ``<img>`` whose ``alt`` describes the pattern; print ``.table`` to
show the same numbers as text. Colours come from the Okabe-Ito palette and every group
also has its own marker shape, so the chart never relies on colour alone.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from equitykit.analysis.resources import (
    POVERTY_LEVELS,
    poverty_level,
    schools_by_poverty,
    teacher_experience_by_poverty,
)
from equitykit.analysis.transport import bus_absenteeism

#: Okabe-Ito colours, safe for the common kinds of colour blindness.
OKABE_ITO: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: One marker shape per group, in the same order as the colours.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P")
_STYLE = {
    "svg.hashsalt": "equitykit",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": "#4a5058",
    "axes.labelcolor": "#1f2328",
    "xtick.color": "#1f2328",
    "ytick.color": "#1f2328",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class AccessibleFigure:
    """A chart as SVG, with alt text, a caption and the data table behind it.

    Attributes
    ----------
    svg
        The chart as SVG text (deterministic: the same data give the same bytes).
    alt
        Alt text describing what the chart shows, computed from the data.
    caption
        The caption shown under the chart.
    table
        The numbers drawn, one row per point.
    """

    svg: str
    alt: str
    caption: str
    table: pd.DataFrame = field(repr=False)

    def to_html(self) -> str:
        """Return the ``<figure>``: the SVG as a data URI, alt text, caption and data table.

        The table sits in a ``<details>`` element under the caption, closed by default,
        so the same numbers are available to anyone who cannot see the chart.
        """
        data = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        table = self.table.to_html(
            index=False, na_rep="suppressed", float_format="{:g}".format, border=0
        ).replace('class="dataframe"', 'class="dataframe ek-table"')
        return (
            '<figure class="ek-static-figure">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(self.alt)}" '
            'style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.caption)}</figcaption>"
            f"<details><summary>The numbers in this chart</summary>{table}</details></figure>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"AccessibleFigure(alt={self.alt!r})"


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with mpl.rc_context(_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _new_figure(width: float, height: float, columns: int = 1) -> tuple[Figure, list]:
    with mpl.rc_context(_STYLE):
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.subplots(1, columns, squeeze=False)[0].tolist()
    return figure, axes


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def teacher_experience_figure(
    resources: pd.DataFrame, school_year: str | None = None
) -> AccessibleFigure:
    """Teacher experience and turnover against school poverty, one point per school.

    Parameters
    ----------
    resources
        The ``school_resources`` table.
    school_year
        The year; default: the latest in the table.

    Returns
    -------
    AccessibleFigure
        Two panels (experience, turnover) sharing the poverty axis; points are coloured
        and shaped by poverty level. ``table`` has one row per school.
    """
    schools = schools_by_poverty(resources, school_year)
    year = str(schools["school_year"].iloc[0])
    with mpl.rc_context(_STYLE):
        figure, (left, right) = _new_figure(9.0, 3.8, columns=2)
        panels = (
            (left, "teacher_avg_years_experience", "Teachers' average years of experience", 1),
            (right, "teacher_turnover_rate", "Teachers who left (%)", 100),
        )
        for axes, column, label, scale in panels:
            for index, level in enumerate(POVERTY_LEVELS):
                part = schools[schools["poverty_level"] == level]
                axes.scatter(
                    part["econ_disadvantaged_share"] * 100,
                    part[column] * scale,
                    s=36,
                    marker=MARKERS[index],
                    color=OKABE_ITO[index],
                    edgecolor="#1f2328",
                    linewidth=0.5,
                    label=level,
                )
            axes.set_xlabel("Students who are economically disadvantaged (%)")
            axes.set_ylabel(label)
            axes.set_xlim(0, 100)
            axes.set_ylim(bottom=0)
            axes.grid(True, color="#d0d4d9", linewidth=0.5)
        right.legend(title="School poverty level", frameon=False, loc="upper left", fontsize=8)
    levels = teacher_experience_by_poverty(resources, year).set_index("Poverty level")
    experience = levels["Average years of experience"]
    turnover = levels["Teacher turnover (%)"] / 100
    low, high = POVERTY_LEVELS[0], POVERTY_LEVELS[-1]
    alt = (
        f"Two scatter plots of {len(schools)} schools in {year}, each plotted by its share of "
        "students who are economically disadvantaged "
        f"({_percent(schools['econ_disadvantaged_share'].min())} to "
        f"{_percent(schools['econ_disadvantaged_share'].max())}). "
        f"Teachers average {experience[low]:.1f} years of experience in the "
        f"lowest-poverty quarter of schools and {experience[high]:.1f} years in the "
        "highest-poverty quarter; "
        f"yearly turnover is {turnover[low] * 100:.1f}% and {turnover[high] * 100:.1f}%. "
        "The table under the figure lists every school."
    )
    caption = (
        f"Teacher experience (left) and turnover (right) by school poverty, {year}. "
        "Colour and marker shape show the poverty level. Fictional data."
    )
    table = pd.DataFrame(
        {
            "School": schools["school_name"].astype(str),
            "Poverty level": schools["poverty_level"].astype(str),
            "Students in poverty (%)": (schools["econ_disadvantaged_share"] * 100).round(1),
            "Average years of experience": schools["teacher_avg_years_experience"],
            "Teacher turnover (%)": (schools["teacher_turnover_rate"] * 100).round(1),
        }
    )
    return AccessibleFigure(svg=_svg(figure), alt=alt, caption=caption, table=table)


def _markers(
    tidy: pd.DataFrame, years: list[str], marker_by: str
) -> tuple[pd.Series, list[str], str]:
    """Return each point's marker category, the categories in order and the legend title."""
    if marker_by == "year":
        if len(years) > len(MARKERS):
            raise ValueError(f"at most {len(MARKERS)} school years can be told apart")
        return tidy["school_year"], years, "School year"
    if marker_by == "poverty":
        if "econ_disadvantaged_share" not in tidy.columns:
            raise ValueError(
                "marking by poverty needs an econ_disadvantaged_share column in the table"
            )
        share = tidy.groupby("neighbourhood")["econ_disadvantaged_share"].mean()
        level = dict(zip(share.index, poverty_level(share).astype(str), strict=True))
        return tidy["neighbourhood"].map(level), list(POVERTY_LEVELS), "Neighbourhood poverty level"
    raise ValueError(f"marker_by must be 'year' or 'poverty'; got {marker_by!r}")


def _bus_alt(tidy: pd.DataFrame, shown: pd.DataFrame, years: list[str]) -> str:
    """Return the chart in words: the shortest and the longest ride in the latest year."""
    latest = shown[shown["school_year"] == years[-1]].sort_values("median_ride_minutes")
    shortest, longest = latest.iloc[0], latest.iloc[-1]
    hidden = len(tidy) - len(shown)
    return (
        f"Scatter plot of {tidy['neighbourhood'].nunique()} neighbourhoods over {len(years)} "
        f"school years ({years[0]} to {years[-1]}): chronic absenteeism against the median "
        f"bus ride. In {years[-1]}, {shortest['neighbourhood']} has the shortest median ride "
        f"({shortest['median_ride_minutes']:g} minutes) and "
        f"{_percent(shortest['chronic_absent_rate'])} of students chronically absent; "
        f"{longest['neighbourhood']} has the longest ({longest['median_ride_minutes']:g} "
        f"minutes) and {_percent(longest['chronic_absent_rate'])}. "
        + (f"{hidden} suppressed value(s) are not drawn. " if hidden else "")
        + "The table under the figure lists every point."
    )


def bus_absenteeism_figure(
    transportation: pd.DataFrame, *, marker_by: str = "year"
) -> AccessibleFigure:
    """Chronic absenteeism against the median bus ride, one point per neighbourhood and year.

    Points are coloured and shaped by school year (or by neighbourhood poverty level), and
    a thin grey line joins each neighbourhood's years, so a shortened route shows as a
    step to the left.

    Parameters
    ----------
    transportation
        The ``transportation`` table. Suppressed absentee counts are left out of the chart.
    marker_by
        ``"year"``, or ``"poverty"`` when the table has an ``econ_disadvantaged_share``
        column (neighbourhoods are then put into four poverty levels by their average
        share over the years).

    Returns
    -------
    AccessibleFigure
        The chart; ``table`` has one row per neighbourhood and year.
    """
    tidy = bus_absenteeism(transportation)
    years = sorted(tidy["school_year"].unique())
    tidy["_marker"], categories, legend = _markers(tidy, years, marker_by)
    shown = tidy.dropna(subset=["median_ride_minutes", "chronic_absent_rate"])
    with mpl.rc_context(_STYLE):
        figure, (axes,) = _new_figure(6.4, 4.2)
        for _, part in shown.groupby("neighbourhood", sort=True):
            part = part.sort_values("school_year")
            axes.plot(
                part["median_ride_minutes"],
                part["chronic_absent_rate"] * 100,
                color="#9aa0a6",
                linewidth=0.8,
                zorder=1,
            )
        for index, category in enumerate(categories):
            part = shown[shown["_marker"] == category]
            axes.scatter(
                part["median_ride_minutes"],
                part["chronic_absent_rate"] * 100,
                s=40,
                marker=MARKERS[index],
                color=OKABE_ITO[index],
                edgecolor="#1f2328",
                linewidth=0.5,
                label=category,
                zorder=2,
            )
        latest = shown[shown["school_year"] == years[-1]]
        # name the longest rides and the shortest; the table names every point
        named = latest.nlargest(4, "median_ride_minutes")
        named = pd.concat([named, latest.nsmallest(1, "median_ride_minutes")])
        for _, row in named.iterrows():
            axes.annotate(
                row["neighbourhood"],
                (row["median_ride_minutes"], row["chronic_absent_rate"] * 100),
                xytext=(5, -3),
                textcoords="offset points",
                fontsize=7,
                color="#1f2328",
            )
        axes.set_xlabel("Median one-way bus ride for students who ride (minutes)")
        axes.set_ylabel("Students chronically absent (%)")
        axes.set_xlim(left=0)
        axes.set_ylim(bottom=0)
        axes.grid(True, color="#d0d4d9", linewidth=0.5)
        axes.legend(title=legend, frameon=False, loc="upper left")
    alt = _bus_alt(tidy, shown, years)
    caption = (
        "Chronic absenteeism and the median bus ride by neighbourhood. Colour and marker "
        f"shape show the {legend.lower()}; grey lines join a neighbourhood's years. "
        "Fictional data."
    )
    table = pd.DataFrame(
        {
            "School year": tidy["school_year"],
            "Neighbourhood": tidy["neighbourhood"],
            "Students": tidy["students"],
            "Ride a bus (%)": (tidy["bus_rider_share"] * 100).round(1),
            "Median ride (min)": tidy["median_ride_minutes"],
            "Chronically absent (%)": (tidy["chronic_absent_rate"] * 100).round(1),
        }
    )
    return AccessibleFigure(svg=_svg(figure), alt=alt, caption=caption, table=table)
