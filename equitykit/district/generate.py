"""Generate the fictional Alder Creek Public Schools and three fictional neighbours.

Alder Creek Public Schools (ACPS) is FICTIONAL. Its students are simulated from a
seeded random generator so that the course can practise gap analysis without any
real student's record. The gaps are calibrated to national CRDC figures (see the
datasheet in ``datasets/alder-creek/``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from equitykit.district.resources import school_resources
from equitykit.district.roster import (
    NEIGHBOURHOOD_BUS_MINUTES,
    NEIGHBOURHOOD_BUS_SHARE,
    NEIGHBOURHOOD_POVERTY,
    NEIGHBOURHOOD_SIZE,
    NEIGHBOURHOODS,
    assignment_probabilities,
    build_schools,
)
from equitykit.district.students import drift, generate_year, school_effects
from equitykit.district.survey import generate_survey

DISTRICT_NAME = "Alder Creek Public Schools"
DISTRICT_ID = "ACPS"
SCHOOL_YEARS: tuple[str, ...] = ("2022-23", "2023-24", "2024-25")


@dataclass(frozen=True)
class NeighbourDistrict:
    """A fictional neighbouring district, smaller than Alder Creek.

    ``poverty_shift`` moves every neighbourhood's poverty share; ``discipline_shift``
    and ``black_gap_shift`` change its suspension practice (log-odds).
    """

    district_id: str
    district_name: str
    share_of_alder_creek: float
    poverty_shift: float
    discipline_shift: float
    black_gap_shift: float


NEIGHBOUR_DISTRICTS: tuple[NeighbourDistrict, ...] = (
    NeighbourDistrict("BVUSD", "Birch Valley Unified School District", 0.32, -0.12, -0.2, -0.6),
    NeighbourDistrict("CRCS", "Cedar Ridge Community Schools", 0.18, 0.10, 0.25, 0.3),
    NeighbourDistrict("DCPS", "Dogwood County Public Schools", 0.12, 0.02, -0.5, -0.9),
)


@dataclass
class District:
    """The generated fictional district: student-level and school-level tables.

    Attributes
    ----------
    name
        "Alder Creek Public Schools" (fictional).
    seed
        The seed the tables were generated from.
    schools
        One row per school: id, name, level, grades served.
    students
        One row per student and school year, in the input schema of
        ``datasets/input-schema.md`` (never shipped; only aggregates are).
    school_resources
        Teachers' experience and turnover, students and poverty share per school-year.
    neighbourhoods
        The fictional neighbourhoods with their poverty share and median bus ride.
    survey
        One row per climate-survey respondent (grades 6-12).
    neighbour_students
        Student rows of the three fictional neighbouring districts, with a
        ``district_id`` column.
    neighbour_districts
        The neighbouring districts' ids and names.
    """

    name: str
    seed: int
    schools: pd.DataFrame
    students: pd.DataFrame
    school_resources: pd.DataFrame
    neighbourhoods: pd.DataFrame
    survey: pd.DataFrame
    neighbour_students: pd.DataFrame
    neighbour_districts: pd.DataFrame = field(repr=False)


def _generate_years(
    rng: np.random.Generator,
    *,
    n_students: int,
    school_years: tuple[str, ...],
    poverty: np.ndarray,
    id_prefix: str,
    discipline_shift: float = 0.0,
    black_gap_shift: float = 0.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    schools = build_schools(rng)
    assignment = assignment_probabilities(schools, alternative_share=0.012)
    # expected poverty of each school's catchment, for the school effects
    level_index = schools["school_level"].map({"elementary": 0, "middle": 1, "high": 2})
    weights = assignment[level_index.to_numpy(), :, np.arange(len(schools))]
    school_poverty = (weights * poverty[None, :]).sum(axis=1) / weights.sum(axis=1)
    effects = school_effects(rng, len(schools), school_poverty)
    for name in ("out_of_school_suspension", "in_school_suspension"):
        effects[name] = effects[name] + discipline_shift
        effects[f"{name}__black_gap"] = effects[f"{name}__black_gap"] + black_gap_shift
    frames = []
    for year_index, school_year in enumerate(school_years):
        size = int(round(n_students * (1 + 0.01 * (year_index - 1))))
        frames.append(
            generate_year(
                rng,
                school_year=school_year,
                year_index=year_index,
                n_students=size,
                schools=schools,
                assignment=assignment,
                effects=drift(rng, effects),
                neighbourhoods=NEIGHBOURHOODS,
                poverty=poverty,
                bus_minutes=NEIGHBOURHOOD_BUS_MINUTES,
                bus_share=NEIGHBOURHOOD_BUS_SHARE,
                neighbourhood_size=NEIGHBOURHOOD_SIZE,
                id_prefix=id_prefix,
            )
        )
    return schools, pd.concat(frames, ignore_index=True)


def generate_district(
    seed: int = 2024,
    n_students: int = 50_000,
    school_years: tuple[str, ...] = SCHOOL_YEARS,
    *,
    with_neighbours: bool = True,
    with_survey: bool = True,
) -> District:
    """Generate the fictional Alder Creek Public Schools, deterministically.

    Parameters
    ----------
    seed
        Seed of the numpy random generator; the same seed gives the same tables.
    n_students
        Students enrolled in each school year (about; +/- 1% a year).
    school_years
        The school years to generate, such as ``("2022-23", "2023-24")``.
    with_neighbours
        Also generate the three smaller fictional neighbouring districts.
    with_survey
        Also simulate the climate survey.

    Returns
    -------
    District
        The generated tables. Nothing here describes a real student or school.

    Examples
    --------
    >>> district = generate_district(seed=1, n_students=2_000, with_neighbours=False)
    >>> sorted(district.students["school_year"].unique())
    ['2022-23', '2023-24', '2024-25']
    """
    rng = np.random.default_rng(seed)
    schools, students = _generate_years(
        rng,
        n_students=n_students,
        school_years=tuple(school_years),
        poverty=NEIGHBOURHOOD_POVERTY,
        id_prefix=DISTRICT_ID,
    )
    resources = school_resources(rng, students, schools)
    survey = (
        generate_survey(rng, students, rng.normal(0, 0.3, len(schools)))
        if with_survey
        else pd.DataFrame()
    )
    neighbour_frames = []
    if with_neighbours:
        for neighbour in NEIGHBOUR_DISTRICTS:
            _, frame = _generate_years(
                rng,
                n_students=int(n_students * neighbour.share_of_alder_creek),
                school_years=tuple(school_years),
                poverty=np.clip(NEIGHBOURHOOD_POVERTY + neighbour.poverty_shift, 0.05, 0.9),
                id_prefix=neighbour.district_id,
                discipline_shift=neighbour.discipline_shift,
                black_gap_shift=neighbour.black_gap_shift,
            )
            frame["school_id"] = frame["school_id"].str.replace(
                DISTRICT_ID, neighbour.district_id, regex=False
            )
            frame.insert(0, "district_id", neighbour.district_id)
            neighbour_frames.append(frame)
    neighbourhoods = pd.DataFrame(
        {
            "neighbourhood": NEIGHBOURHOODS,
            "low_income_share": NEIGHBOURHOOD_POVERTY,
            "median_bus_minutes": NEIGHBOURHOOD_BUS_MINUTES,
        }
    )
    return District(
        name=DISTRICT_NAME,
        seed=seed,
        schools=schools.drop(columns=["_catchment", "_w"]),
        students=students,
        school_resources=resources,
        neighbourhoods=neighbourhoods,
        survey=survey,
        neighbour_students=(
            pd.concat(neighbour_frames, ignore_index=True) if neighbour_frames else pd.DataFrame()
        ),
        neighbour_districts=pd.DataFrame(
            {
                "district_id": [d.district_id for d in NEIGHBOUR_DISTRICTS],
                "district_name": [d.district_name for d in NEIGHBOUR_DISTRICTS],
            }
        ),
    )
