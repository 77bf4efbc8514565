"""Static figures and the grouped tables behind them (equitykit.analysis.figures)."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from equitykit.analysis import figures, transport
from equitykit.analysis import resources as by_poverty
from equitykit.data.tables import load_table


@pytest.fixture(scope="module")
def resources() -> pd.DataFrame:
    return load_table("school_resources")


@pytest.fixture(scope="module")
def transportation() -> pd.DataFrame:
    return load_table("transportation")


def test_poverty_levels_split_schools_into_equal_quarters(resources):
    schools = by_poverty.schools_by_poverty(resources)
    counts = schools["poverty_level"].value_counts().to_dict()
    assert counts == dict.fromkeys(by_poverty.POVERTY_LEVELS, 10)
    # every school in a poorer level has a higher share than every school in a less poor one
    ranges = schools.groupby("poverty_level", observed=True)["econ_disadvantaged_share"]
    lows, highs = ranges.min().tolist(), ranges.max().tolist()
    assert all(high <= low for high, low in zip(highs[:-1], lows[1:], strict=True))


def test_poverty_level_needs_shares():
    with pytest.raises(ValueError, match="share"):
        by_poverty.poverty_level(pd.Series([0.1, None, 0.3, 0.4]))
    with pytest.raises(ValueError, match="at least 4"):
        by_poverty.poverty_level(pd.Series([0.1, 0.2]))


def test_teacher_table_is_weighted_by_teachers():
    resources = pd.DataFrame(
        {
            "school_year": "2024-25",
            "school_id": [f"S{i}" for i in range(8)],
            "school_name": [f"School {i}" for i in range(8)],
            "school_level": "elementary",
            "teachers": [10, 30, 10, 10, 10, 10, 10, 10],
            "teacher_avg_years_experience": [20.0, 10.0, 15, 15, 12, 12, 8, 8],
            "teacher_turnover_rate": [0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2],
            "econ_disadvantaged_share": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        }
    )
    table = by_poverty.teacher_experience_by_poverty(resources)
    assert table["Poverty level"].tolist() == list(by_poverty.POVERTY_LEVELS)
    first = table.iloc[0]
    assert first["Schools"] == 2
    assert first["Students in poverty"] == "10-20%"
    assert first["Average years of experience"] == 12.5  # (20*10 + 10*30) / 40
    assert first["Teacher turnover (%)"] == 17.5


def test_shipped_data_show_the_documented_pattern(resources):
    table = by_poverty.teacher_experience_by_poverty(resources)
    experience = table["Average years of experience"].tolist()
    turnover = table["Teacher turnover (%)"].tolist()
    assert experience[0] > experience[-1] and turnover[0] < turnover[-1]


def test_route_change_compares_first_and_last_year(transportation):
    table = transport.route_change(transportation)
    assert len(table) == transportation["neighbourhood"].nunique()
    assert table.columns[1:3].tolist() == ["Ride 2022-23 (min)", "Ride 2024-25 (min)"]
    rides = table["Ride 2022-23 (min)"].tolist()
    assert rides == sorted(rides, reverse=True)
    change = table["Absent 2024-25 (%)"] - table["Absent 2022-23 (%)"]
    assert (change.round(1) == table["Change (points)"]).all()
    with pytest.raises(ValueError, match="no rows for school year"):
        transport.route_change(transportation, before="1999-00")


def test_bus_table_keeps_suppressed_values_missing(transportation):
    hidden = transportation.copy()
    hidden.loc[0, "chronic_absent_count"] = pd.NA
    tidy = transport.bus_absenteeism(hidden)
    assert tidy["chronic_absent_rate"].isna().sum() == 1
    figure = figures.bus_absenteeism_figure(hidden)
    assert "1 suppressed value(s) are not drawn" in figure.alt


@pytest.mark.parametrize("build", ["teacher", "bus"])
def test_figures_are_deterministic_accessible_svg(build, resources, transportation):
    def make():
        if build == "teacher":
            return figures.teacher_experience_figure(resources)
        return figures.bus_absenteeism_figure(transportation)

    first, second = make(), make()
    assert first.svg == second.svg
    assert "<dc:date>" not in first.svg
    html = first._repr_html_()
    assert html.startswith("<figure") and "<figcaption>" in html
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    assert base64.b64decode(encoded).decode("utf-8") == first.svg
    alt = re.search(r'alt="([^"]+)"', html).group(1)
    assert len(alt) > 80 and "table under the figure" in alt
    assert "<details><summary>" in html and "<table" in html
    assert isinstance(first.table, pd.DataFrame) and not first.table.empty
    # colours from the Okabe-Ito palette, and more than one marker shape
    assert figures.OKABE_ITO[0].lower() in first.svg.lower()
    assert figures.OKABE_ITO[1].lower() in first.svg.lower()


def test_teacher_alt_text_uses_the_table(resources):
    figure = figures.teacher_experience_figure(resources)
    table = by_poverty.teacher_experience_by_poverty(resources)
    low = table.iloc[0]["Average years of experience"]
    high = table.iloc[-1]["Average years of experience"]
    assert f"{low:.1f} years" in figure.alt and f"{high:.1f} years" in figure.alt
    assert len(figure.table) == 40


def test_bus_figure_can_mark_neighbourhood_poverty(transportation):
    with pytest.raises(ValueError, match="needs an econ_disadvantaged_share column"):
        figures.bus_absenteeism_figure(transportation, marker_by="poverty")
    with pytest.raises(ValueError, match="marker_by must be"):
        figures.bus_absenteeism_figure(transportation, marker_by="colour")
    names = sorted(transportation["neighbourhood"].unique())
    shares = {name: (i + 1) / (len(names) + 1) for i, name in enumerate(names)}
    with_poverty = transportation.assign(
        econ_disadvantaged_share=transportation["neighbourhood"].map(shares)
    )
    figure = figures.bus_absenteeism_figure(with_poverty, marker_by="poverty")
    assert "neighbourhood poverty level" in figure.caption
    assert figure.svg != figures.bus_absenteeism_figure(with_poverty).svg
