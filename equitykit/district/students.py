"""Student-level rows for one school year of the fictional district (vectorized)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from equitykit.anonymize.schema import RACE_ETHNICITY_CODES
from equitykit.district.effects import (
    ACHIEVEMENT,
    ACHIEVEMENT_RACE,
    MATH_TARGET,
    OUTCOME_MODELS,
    RACE_POVERTY_TILT,
    RACE_SHARES,
    READING_TARGET,
    TESTED_GRADES,
)
from equitykit.district.sampling import calibrated_probability, draw, logistic, sample_rows

BLACK = RACE_ETHNICITY_CODES.index("black")
HISPANIC = RACE_ETHNICITY_CODES.index("hispanic")
ASIAN = RACE_ETHNICITY_CODES.index("asian")


def neighbourhood_race_shares(poverty: np.ndarray) -> np.ndarray:
    """Race/ethnicity shares per neighbourhood: the district mix tilted by poverty."""
    weights = RACE_SHARES[None, :] * np.exp(RACE_POVERTY_TILT[None, :] * (poverty[:, None] - 0.45))
    return weights / weights.sum(axis=1, keepdims=True)


def student_keys(rng: np.random.Generator, n: int, salt: int) -> np.ndarray:
    """Return ``n`` unique pseudonymous keys such as ``k3f09a1b2c4``.

    A random affine bijection of ``0..2**40-1``: unique, reproducible and with no
    link to any real identifier.
    """
    multiplier = int(rng.integers(1, 2**39)) * 2 + 1
    offset = int(rng.integers(0, 2**40)) ^ salt
    values = (
        np.arange(n, dtype=np.uint64) * np.uint64(multiplier) + np.uint64(offset)
    ) & np.uint64(2**40 - 1)
    return np.array([f"k{v:010x}" for v in values.tolist()], dtype=object)


def generate_year(
    rng: np.random.Generator,
    *,
    school_year: str,
    year_index: int,
    n_students: int,
    schools: pd.DataFrame,
    assignment: np.ndarray,
    effects: dict[str, np.ndarray],
    neighbourhoods: tuple[str, ...],
    poverty: np.ndarray,
    bus_minutes: np.ndarray,
    bus_share: np.ndarray,
    neighbourhood_size: np.ndarray,
    id_prefix: str = "ACPS",
) -> pd.DataFrame:
    """Generate one school year of student rows in the kit's input schema.

    Parameters
    ----------
    rng
        The seeded random generator.
    school_year
        Such as ``"2023-24"``.
    year_index
        0 for the first year generated; drives slow trends.
    n_students
        Number of enrolled students that year.
    schools, assignment
        From :func:`equitykit.district.roster.build_schools` and
        :func:`~equitykit.district.roster.assignment_probabilities`.
    effects
        Persistent school effects per outcome (arrays of length ``n_schools``).
    neighbourhoods, poverty, bus_minutes, bus_share, neighbourhood_size
        Neighbourhood names and their characteristics.
    id_prefix
        Prefix of the salt for the pseudonymous keys.

    Returns
    -------
    pandas.DataFrame
        One row per student, columns as in ``datasets/input-schema.md``.
    """
    n = n_students
    n_nb = len(neighbourhoods)
    n_schools = len(schools)
    # Who: neighbourhood, grade, school ------------------------------------------------
    nb = rng.choice(n_nb, size=n, p=neighbourhood_size / neighbourhood_size.sum())
    grade_weights = np.array([0.95, 1, 1, 1, 1, 1, 1, 1, 1, 1.08, 1.02, 0.97, 0.93])
    grade = rng.choice(13, size=n, p=grade_weights / grade_weights.sum())
    level = np.where(grade <= 5, 0, np.where(grade <= 8, 1, 2))
    school = sample_rows(rng, assignment[level, nb])
    school_poverty = np.bincount(school, weights=poverty[nb], minlength=n_schools) / np.maximum(
        np.bincount(school, minlength=n_schools), 1
    )
    race = sample_rows(rng, neighbourhood_race_shares(poverty)[nb])
    male = rng.random(n) < 0.512
    econ_log_odds = np.log(poverty[nb] / (1 - poverty[nb])) + np.select(
        [race == BLACK, race == HISPANIC, race == ASIAN], [0.5, 0.45, -0.4], 0.0
    )
    econ = draw(rng, logistic(econ_log_odds))
    el_probability = np.select([race == HISPANIC, race == ASIAN], [0.33, 0.27], 0.025)
    el_probability = el_probability * np.clip(1.35 - 0.06 * grade, 0.5, 1.35)
    english_learner = draw(rng, el_probability)
    disability = draw(rng, calibrated_probability(0.6 * male + 0.25 * econ, 0.145))

    # Transportation ----------------------------------------------------------------------
    ride_share = np.clip(bus_share[nb] + np.array([-0.05, 0.02, 0.05])[level], 0, 0.97)
    rides_bus = draw(rng, ride_share)
    # A route redesign in the last year shortens the longest rides.
    median_minutes = bus_minutes[nb] * (1 + 0.12 * (level == 2))
    if year_index >= 2:
        median_minutes = np.where(median_minutes > 40, median_minutes * 0.8, median_minutes)
    minutes = rng.gamma(shape=9.0, scale=median_minutes / 9.0)
    minutes = np.where(rides_bus, np.round(np.clip(minutes, 3, 95)), np.nan)

    def group_log_odds(name: str) -> np.ndarray:
        model = OUTCOME_MODELS[name]
        black_gap = effects[f"{name}__black_gap"][school] * (race == BLACK)
        return (
            model["race"][race]
            + black_gap
            + model["disability"] * disability
            + model["english_learner"] * english_learner
            + model["econ"] * econ
            + model["male"] * male
            + model["level"][level]
            + effects[name][school]
            + model["bus_per_minute"] * np.nan_to_num(np.maximum(minutes - 20, 0))
        )

    trend = 1 - 0.06 * year_index
    out = {}
    for name in (
        "out_of_school_suspension",
        "in_school_suspension",
        "expulsion",
        "referral_to_law_enforcement",
        "gifted",
        "chronic_absenteeism",
    ):
        target = OUTCOME_MODELS[name]["target"] * (trend if "suspension" in name else 1.0)
        out[name] = draw(rng, calibrated_probability(group_log_odds(name), target))
    oss_days = np.where(
        out["out_of_school_suspension"],
        rng.geometric(0.28, size=n) + (rng.random(n) < 0.03) * rng.integers(5, 30, size=n),
        0,
    )
    high = level == 2
    advanced = np.full(n, np.nan)
    advanced[high] = draw(
        rng,
        calibrated_probability(
            group_log_odds("advanced_course_enrollment")[high]
            + np.array([-1.0, -0.4, 0.3, 0.7])[grade[high] - 9],
            OUTCOME_MODELS["advanced_course_enrollment"]["target"],
        ),
    )
    grade12 = grade == 12
    graduated = np.full(n, np.nan)
    graduated[grade12] = draw(
        rng,
        calibrated_probability(
            group_log_odds("graduation_4yr")[grade12]
            - 0.8 * out["chronic_absenteeism"][grade12]
            - 0.4 * (oss_days[grade12] > 0),
            OUTCOME_MODELS["graduation_4yr"]["target"],
        ),
    )
    # Achievement ---------------------------------------------------------------------
    ability = (
        ACHIEVEMENT_RACE[race]
        + ACHIEVEMENT["disability"] * disability
        + ACHIEVEMENT["econ"] * econ
        + effects["achievement"][school]
        + ACHIEVEMENT["poverty_slope"] * (school_poverty[school] - 0.45)
        - 0.25 * out["chronic_absenteeism"]
        + rng.normal(0, 0.85, n)
    )
    tested = np.isin(grade, TESTED_GRADES) & (rng.random(n) > 0.02)
    reading_score = ability + ACHIEVEMENT["english_learner_reading"] * english_learner
    reading_score = reading_score + rng.normal(0, 0.45, n)
    math_score = ability + ACHIEVEMENT["english_learner_math"] * english_learner
    math_score = math_score + rng.normal(0, 0.45, n)
    reading = np.full(n, np.nan)
    math = np.full(n, np.nan)
    reading[tested] = reading_score[tested] > np.quantile(reading_score[tested], 1 - READING_TARGET)
    math[tested] = math_score[tested] > np.quantile(math_score[tested], 1 - MATH_TARGET)

    salt = sum(ord(c) * 31**i for i, c in enumerate(f"{id_prefix}{school_year}")) % 2**20
    frame = pd.DataFrame(
        {
            "student_key": student_keys(rng, n, salt),
            "school_year": school_year,
            "school_id": schools["school_id"].to_numpy()[school],
            "grade": np.where(grade == 0, "K", grade.astype(str)),
            "race_ethnicity": np.array(RACE_ETHNICITY_CODES, dtype=object)[race],
            "sex": np.where(male, "male", "female"),
            "econ_disadvantaged": econ.astype(np.int8),
            "disability": disability.astype(np.int8),
            "english_learner": english_learner.astype(np.int8),
            "neighbourhood": np.array(neighbourhoods, dtype=object)[nb],
            "rides_bus": rides_bus.astype(np.int8),
            "bus_minutes": minutes,
            "oss_days": oss_days.astype(np.int16),
            "in_school_suspension": out["in_school_suspension"].astype(np.int8),
            "expulsion": out["expulsion"].astype(np.int8),
            "referral_to_law_enforcement": out["referral_to_law_enforcement"].astype(np.int8),
            "gifted": out["gifted"].astype(np.int8),
            "chronic_absenteeism": out["chronic_absenteeism"].astype(np.int8),
            "advanced_course_enrollment": pd.array(advanced, dtype="Int8"),
            "graduation_4yr": pd.array(graduated, dtype="Int8"),
            "reading_proficient": pd.array(reading, dtype="Int8"),
            "math_proficient": pd.array(math, dtype="Int8"),
        }
    )
    return frame


def school_effects(
    rng: np.random.Generator, n_schools: int, school_poverty: np.ndarray
) -> dict[str, np.ndarray]:
    """Draw persistent school random effects per outcome, including the Black-White gap.

    A few schools get no extra Black-White gap at all and a few a very large one, so
    the course can show that gaps are not a law of nature but differ by school.
    """
    effects: dict[str, np.ndarray] = {}
    for name, model in OUTCOME_MODELS.items():
        base = rng.normal(0, model["school_sd"], n_schools)
        if name in ("chronic_absenteeism", "out_of_school_suspension"):
            base = base + 0.8 * (school_poverty - 0.45)
        effects[name] = base
        gap = rng.normal(0, model["black_gap_sd"], n_schools)
        if model["black_gap_sd"] > 0:
            order = rng.permutation(n_schools)
            gap[order[:4]] = -model["race"][BLACK]  # schools with no added Black-White gap
            gap[order[4:7]] = 0.9  # schools with a very large gap
        effects[f"{name}__black_gap"] = gap
    effects["achievement"] = rng.normal(0, ACHIEVEMENT["school_sd"], n_schools)
    return effects


def drift(
    rng: np.random.Generator, effects: dict[str, np.ndarray], scale: float = 0.08
) -> dict[str, np.ndarray]:
    """Return the effects with a small year-to-year wobble added."""
    return {name: value + rng.normal(0, scale, len(value)) for name, value in effects.items()}
