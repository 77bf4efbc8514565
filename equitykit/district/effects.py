"""Group and school effects that shape the fictional district's gaps.

The numbers are log-odds shifts chosen so that the generated district shows gaps
of about the size the U.S. Civil Rights Data Collection (CRDC) reports nationally
(see ``datasets/alder-creek/datasheet.md``). They describe no real students.
"""

from __future__ import annotations

import numpy as np

from equitykit.anonymize.schema import RACE_ETHNICITY_CODES

# District-wide race/ethnicity shares (order of RACE_ETHNICITY_CODES).
RACE_SHARES = np.array([0.27, 0.008, 0.06, 0.17, 0.004, 0.43, 0.058])
# How strongly each group's share rises with a neighbourhood's poverty (segregation).
RACE_POVERTY_TILT = np.array([1.6, 0.8, -0.8, 2.0, 0.5, -1.8, 0.0])


def race_effects(**by_code: float) -> np.ndarray:
    """Return a log-odds shift per race/ethnicity code, zero for codes not given."""
    unknown = set(by_code) - set(RACE_ETHNICITY_CODES)
    if unknown:
        raise ValueError(f"unknown race/ethnicity codes: {sorted(unknown)}")
    return np.array([by_code.get(code, 0.0) for code in RACE_ETHNICITY_CODES])


# target: district-wide share of students with the outcome; the rest are log-odds shifts.
OUTCOME_MODELS: dict[str, dict] = {
    "out_of_school_suspension": dict(
        target=0.055,
        race=race_effects(
            hispanic=0.35,
            american_indian_alaska_native=0.8,
            asian=-0.9,
            black=1.05,
            native_hawaiian_pacific_islander=0.4,
            two_or_more=0.5,
        ),
        disability=0.75,
        english_learner=-0.1,
        econ=0.35,
        male=0.6,
        level=np.array([-1.3, 0.45, 0.3]),
        school_sd=0.35,
        black_gap_sd=0.45,
        bus_per_minute=0.0,
    ),
    "in_school_suspension": dict(
        target=0.065,
        race=race_effects(
            hispanic=0.3, american_indian_alaska_native=0.6, asian=-0.8, black=0.9, two_or_more=0.4
        ),
        disability=0.6,
        english_learner=-0.1,
        econ=0.3,
        male=0.55,
        level=np.array([-1.4, 0.5, 0.35]),
        school_sd=0.45,
        black_gap_sd=0.4,
        bus_per_minute=0.0,
    ),
    "expulsion": dict(
        target=0.0025,
        race=race_effects(hispanic=0.3, american_indian_alaska_native=0.7, black=1.0),
        disability=0.6,
        english_learner=0.0,
        econ=0.4,
        male=0.8,
        level=np.array([-3.0, 0.5, 0.9]),
        school_sd=0.4,
        black_gap_sd=0.3,
        bus_per_minute=0.0,
    ),
    "referral_to_law_enforcement": dict(
        target=0.011,
        race=race_effects(
            hispanic=0.35, american_indian_alaska_native=0.8, asian=-0.6, black=1.0, two_or_more=0.3
        ),
        disability=0.9,
        english_learner=0.0,
        econ=0.4,
        male=0.7,
        level=np.array([-2.2, 0.5, 0.8]),
        school_sd=0.5,
        black_gap_sd=0.4,
        bus_per_minute=0.0,
    ),
    "gifted": dict(
        target=0.072,
        race=race_effects(
            hispanic=-0.55,
            american_indian_alaska_native=-0.6,
            asian=0.75,
            black=-0.75,
            native_hawaiian_pacific_islander=-0.4,
            two_or_more=-0.1,
        ),
        disability=-1.0,
        english_learner=-1.35,
        econ=-0.75,
        male=0.0,
        level=np.array([-0.2, 0.2, 0.1]),
        school_sd=0.4,
        black_gap_sd=0.0,
        bus_per_minute=0.0,
    ),
    "chronic_absenteeism": dict(
        target=0.15,
        race=race_effects(
            hispanic=0.25,
            american_indian_alaska_native=0.7,
            asian=-0.6,
            black=0.35,
            native_hawaiian_pacific_islander=0.4,
            two_or_more=0.2,
        ),
        disability=0.5,
        english_learner=0.1,
        econ=0.65,
        male=0.05,
        level=np.array([-0.1, 0.0, 0.45]),
        school_sd=0.25,
        black_gap_sd=0.0,
        bus_per_minute=0.028,
    ),
    "advanced_course_enrollment": dict(
        target=0.33,
        race=race_effects(
            hispanic=-0.5,
            american_indian_alaska_native=-0.6,
            asian=0.8,
            black=-0.7,
            native_hawaiian_pacific_islander=-0.4,
        ),
        disability=-1.3,
        english_learner=-1.1,
        econ=-0.6,
        male=-0.2,
        level=np.array([0.0, 0.0, 0.0]),
        school_sd=0.35,
        black_gap_sd=0.3,
        bus_per_minute=0.0,
    ),
    "graduation_4yr": dict(
        target=0.87,
        race=race_effects(
            hispanic=-0.35,
            american_indian_alaska_native=-0.7,
            asian=0.5,
            black=-0.4,
            native_hawaiian_pacific_islander=-0.3,
        ),
        disability=-0.95,
        english_learner=-0.7,
        econ=-0.5,
        male=-0.3,
        level=np.array([0.0, 0.0, 0.0]),
        school_sd=0.3,
        black_gap_sd=0.2,
        bus_per_minute=0.0,
    ),
}

# Achievement (standard-deviation units) for the reading and math tests.
ACHIEVEMENT_RACE = race_effects(
    hispanic=-0.25,
    american_indian_alaska_native=-0.35,
    asian=0.3,
    black=-0.35,
    native_hawaiian_pacific_islander=-0.2,
)
ACHIEVEMENT = dict(disability=-0.75, english_learner_reading=-0.8, english_learner_math=-0.5)
ACHIEVEMENT.update(econ=-0.4, school_sd=0.2, poverty_slope=-0.6)
TESTED_GRADES = (3, 4, 5, 6, 7, 8, 10)
READING_TARGET = 0.46
MATH_TARGET = 0.40
