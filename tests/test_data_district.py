import hashlib

import numpy as np
import pandas as pd
import pytest

from equitykit.anonymize.schema import RACE_ETHNICITY_CODES, REQUIRED_COLUMNS
from equitykit.district import SCHOOL_YEARS, generate_district


def table_digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def district():
    return generate_district(seed=11, n_students=20_000)


def test_same_seed_gives_identical_tables(district):
    again = generate_district(seed=11, n_students=20_000)
    for name in ("students", "schools", "school_resources", "survey", "neighbour_students"):
        assert table_digest(getattr(district, name)) == table_digest(getattr(again, name)), name


def test_another_seed_gives_other_students(district):
    other = generate_district(seed=12, n_students=20_000, with_neighbours=False)
    assert table_digest(other.students) != table_digest(district.students)


def test_students_follow_the_input_schema(district):
    students = district.students
    assert set(REQUIRED_COLUMNS) <= set(students.columns)
    assert set(students["race_ethnicity"].unique()) == set(RACE_ETHNICITY_CODES)
    assert set(students["sex"].unique()) == {"female", "male"}
    assert sorted(students["school_year"].unique()) == list(SCHOOL_YEARS)
    assert not students.duplicated(["student_key", "school_year"]).any()
    grades = students["grade"].replace("K", "0").astype(int)
    assert grades.between(0, 12).all()
    assert students.loc[grades < 9, "advanced_course_enrollment"].isna().all()
    assert students.loc[grades != 12, "graduation_4yr"].isna().all()
    assert students.loc[~grades.isin([3, 4, 5, 6, 7, 8, 10]), "reading_proficient"].isna().all()


def test_about_forty_schools_with_fictional_ids(district):
    schools = district.schools
    assert 35 <= len(schools) <= 45
    assert schools["school_id"].str.fullmatch(r"ACPS-[EMH]\d{2}").all()
    assert set(schools["school_level"]) == {"elementary", "middle", "high"}


def test_gaps_resemble_national_figures(district):
    year = district.students[district.students["school_year"].eq("2023-24")]
    suspended = year["oss_days"] > 0
    by_race = suspended.groupby(year["race_ethnicity"]).mean()
    assert 2.3 < by_race["black"] / by_race["white"] < 4.2
    by_disability = suspended.groupby(year["disability"]).mean()
    assert 1.5 < by_disability[1] / by_disability[0] < 2.8
    gifted = year["gifted"] == 1
    assert year.loc[gifted, "english_learner"].mean() < 0.5 * year["english_learner"].mean()


def test_bus_rides_linked_to_chronic_absenteeism(district):
    riders = district.students.dropna(subset=["bus_minutes"])
    long_ride = riders["bus_minutes"] >= 45
    absent = riders["chronic_absenteeism"] == 1
    assert absent[long_ride].mean() > absent[~long_ride].mean() + 0.03


def test_survey_and_neighbours(district):
    survey = district.survey
    assert (survey["grade"].replace("K", "0").astype(int) >= 6).all()
    assert 0.03 < survey["lgbtq"].eq("yes").mean() < 0.1
    sizes = district.neighbour_students.groupby("district_id").size()
    assert len(sizes) == 3
    assert (sizes < len(district.students)).all()


def test_generation_is_fast_enough():
    import time

    started = time.perf_counter()
    generate_district(seed=3, with_neighbours=False)
    assert time.perf_counter() - started < 10


def test_school_resources_follow_poverty(district):
    resources = district.school_resources
    correlation = np.corrcoef(
        resources["econ_disadvantaged_share"], resources["teacher_avg_years_experience"]
    )[0, 1]
    assert correlation < -0.3
