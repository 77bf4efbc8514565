"""The student-level input schema: columns, codes and the published outcomes.

The same definitions drive the fictional district generator, the input checks,
the aggregation and the ``datapackage.json`` descriptions, so they cannot drift
apart. See ``datasets/input-schema.md`` for the plain-language version.
"""

from __future__ import annotations

from dataclasses import dataclass

RACE_ETHNICITY_CODES: tuple[str, ...] = (
    "hispanic",
    "american_indian_alaska_native",
    "asian",
    "black",
    "native_hawaiian_pacific_islander",
    "white",
    "two_or_more",
)
"""The seven federal race/ethnicity categories (as used by IDEA and the CRDC)."""

RACE_ETHNICITY_LABELS: dict[str, str] = {
    "hispanic": "Hispanic or Latino, of any race",
    "american_indian_alaska_native": "American Indian or Alaska Native",
    "asian": "Asian",
    "black": "Black or African American",
    "native_hawaiian_pacific_islander": "Native Hawaiian or Other Pacific Islander",
    "white": "White",
    "two_or_more": "Two or more races",
}

SEX_CODES: tuple[str, ...] = ("female", "male")
"""Sex as the federal collections recorded it (two categories only)."""

YES_NO_CODES: tuple[str, ...] = ("yes", "no")

BUS_RIDE_BANDS: tuple[str, ...] = ("no_bus", "under_30_min", "30_to_44_min", "45_min_or_more")
"""Bands of the one-way bus ride used for the transportation breakdown."""

TRUE_TOKENS = ("1", "true", "yes", "y", "t")
FALSE_TOKENS = ("0", "false", "no", "n", "f")

GRADE_TOKENS: dict[str, int] = {"k": 0, "kg": 0, **{str(g): g for g in range(13)}}
GRADE_TOKENS.update({f"{g:02d}": g for g in range(13)})


@dataclass(frozen=True)
class Outcome:
    """One published outcome: a yes/no fact per student, counted per group.

    Parameters
    ----------
    code
        The value in the ``outcome`` column of the published tables.
    label
        A plain-language name.
    source_column
        The input column it is computed from.
    population
        Who is counted in ``enrolled`` for this outcome (plain language).
    """

    code: str
    label: str
    source_column: str
    population: str


OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "out_of_school_suspension",
        "Received one or more out-of-school suspensions",
        "oss_days",
        "all enrolled students",
    ),
    Outcome(
        "out_of_school_suspension_over_10_days",
        "Out of school on suspension for more than 10 days in the year",
        "oss_days",
        "all enrolled students",
    ),
    Outcome(
        "in_school_suspension",
        "Received one or more in-school suspensions",
        "in_school_suspension",
        "all enrolled students",
    ),
    Outcome("expulsion", "Expelled", "expulsion", "all enrolled students"),
    Outcome(
        "referral_to_law_enforcement",
        "Referred to law enforcement by the school",
        "referral_to_law_enforcement",
        "all enrolled students",
    ),
    Outcome(
        "advanced_course_enrollment",
        "Enrolled in at least one advanced course (AP, IB, dual enrollment)",
        "advanced_course_enrollment",
        "high-school students (grades 9-12)",
    ),
    Outcome("gifted", "Identified as gifted and talented", "gifted", "all enrolled students"),
    Outcome(
        "chronic_absenteeism",
        "Chronically absent (missed 10% or more of school days)",
        "chronic_absenteeism",
        "all enrolled students",
    ),
    Outcome(
        "graduation_4yr",
        "Graduated within four years",
        "graduation_4yr",
        "the grade-12 four-year cohort",
    ),
    Outcome(
        "reading_proficient",
        "Proficient or above on the state reading test",
        "reading_proficient",
        "students tested in reading (grades 3-8 and 10)",
    ),
    Outcome(
        "math_proficient",
        "Proficient or above on the state math test",
        "math_proficient",
        "students tested in math (grades 3-8 and 10)",
    ),
    Outcome("rides_bus", "Rides a district school bus", "rides_bus", "all enrolled students"),
)
OUTCOME_BY_CODE: dict[str, Outcome] = {o.code: o for o in OUTCOMES}

# Input columns -------------------------------------------------------------

KEY_COLUMNS: tuple[str, ...] = ("student_key", "school_year", "school_id", "grade")
DEMOGRAPHIC_COLUMNS: tuple[str, ...] = (
    "race_ethnicity",
    "sex",
    "econ_disadvantaged",
    "disability",
    "english_learner",
)
REQUIRED_COLUMNS: tuple[str, ...] = KEY_COLUMNS + DEMOGRAPHIC_COLUMNS

YES_NO_OUTCOME_COLUMNS: tuple[str, ...] = (
    "in_school_suspension",
    "expulsion",
    "referral_to_law_enforcement",
    "gifted",
    "chronic_absenteeism",
    "advanced_course_enrollment",
    "graduation_4yr",
    "reading_proficient",
    "math_proficient",
    "rides_bus",
)
"""Yes/no outcome columns; a blank means the student is not in that outcome's population."""

NUMBER_COLUMNS: tuple[str, ...] = ("oss_days", "bus_minutes")
"""Numeric columns: whole or decimal numbers, zero or more."""

OPTIONAL_TEXT_COLUMNS: tuple[str, ...] = ("school_name", "neighbourhood")

OUTCOME_INPUT_COLUMNS: tuple[str, ...] = ("oss_days",) + YES_NO_OUTCOME_COLUMNS
ALL_KNOWN_COLUMNS: tuple[str, ...] = (
    REQUIRED_COLUMNS + OPTIONAL_TEXT_COLUMNS + OUTCOME_INPUT_COLUMNS + ("bus_minutes",)
)

# Published groups -----------------------------------------------------------

GROUP_LABELS: dict[str, str] = {
    "all": "All students",
    "race_ethnicity": "Race/ethnicity (seven federal categories)",
    "sex": "Sex",
    "disability": "Students with disabilities (IDEA)",
    "english_learner": "English learners",
    "econ_disadvantaged": "Economically disadvantaged",
    "neighbourhood": "Neighbourhood of residence (district level only)",
    "bus_ride_band": "Length of the one-way bus ride (district level only)",
}
SCHOOL_LEVEL_GROUPS: tuple[str, ...] = (
    "race_ethnicity",
    "sex",
    "disability",
    "english_learner",
    "econ_disadvantaged",
)
DISTRICT_ONLY_GROUPS: tuple[str, ...] = ("neighbourhood", "bus_ride_band")
ALL_SUBGROUP = "All"
