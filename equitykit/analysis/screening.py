"""Simulate a policy change: gifted identification by universal screening instead of referral.

The simulation runs on generated students of the fictional Alder Creek Public Schools
(:func:`equitykit.district.generate_district`), never on real ones, and its results are
published only through the anonymizer's aggregation and suppression, exactly as the
course's other tables are.

The design follows the two steps Card and Giuliano (2016) describe for a large Florida
district before it screened every second grader: a student was tested only after a teacher
or parent referred them, and then had to meet the same eligibility criterion as everyone
else. Screening changed who was tested, not the criterion.

Assumptions, stated plainly
---------------------------
* **Who is compared.** Students in grades 2 to 12 of one school year: those who would
  already have been screened in grade 2 had the district screened every cohort.
* **One screening measure.** Every student has a score on the same measure: the
  generator's achievement signal (the same group and school-poverty effects, in
  standard-deviation units, that shape the generated test scores, see
  :mod:`equitykit.district.effects`) plus each student's own variation, plus measurement
  noise. The score is *not* influenced by referral. It carries the opportunity gaps the
  generator builds in, so screening removes the referral barrier but not earlier gaps.
* **A language load.** By default the measure lowers English learners' scores by the
  generator's English-learner effect on the math test, as a measure given in English
  might; pass ``language_load=0`` for a measure free of language.
* **A fixed criterion.** A student qualifies with a score at or above :data:`CUT_SCORE`
  (0.75 on the measure's scale). The criterion is a score, not a share, so no policy
  quietly lowers the bar; the one policy that does (``gifted_referral_lower_cut``) says so.
* **Referral (today).** A student is tested only if referred. The chance of a referral
  rises with the student's score (adults notice students who already do well) and, at
  the same score, is lower for the groups that referral is known to miss: Card and
  Giuliano found that screening uncovered many Black and Hispanic students, students from
  low-income families and English learners who met the criterion but had never been
  referred. The sizes of these shifts (:data:`REFERRAL_SHIFTS`) are the course's
  illustrative assumptions, not estimates. Students with disabilities are also assumed
  to be referred less often, an assumption the course makes, not a finding of that study.
* **Four policies.** Referral then the test (today); referral with a lower cut score;
  universal screening with the same cut (the pilot in the Module 5 story); universal
  screening with school (local) norms: the top share of each school, where the share is
  the district-wide share who qualify under the same cut, so both screening policies
  identify about the same number of students and differ only in who.

What follows from these assumptions is not evidence about any real district.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from equitykit.analysis.formatting import format_measure
from equitykit.analysis.gap_table import gap_table
from equitykit.analysis.screening_policies import (
    CUT_SCORE,
    LOWER_CUT_SCORE,
    POLICY_CODES,
    REFERRAL,
    REFERRAL_BASE,
    REFERRAL_LOWER_CUT,
    REFERRAL_SHIFTS,
    REFERRAL_SLOPE,
    SCREENING_LOCAL_NORM,
    SCREENING_SAME_CUT,
    check_cuts,
    policies,
    policy_header,
    policy_rules,
)
from equitykit.anonymize.aggregate import count_by_group
from equitykit.anonymize.pipeline import connect
from equitykit.anonymize.schema import SCHOOL_LEVEL_GROUPS
from equitykit.anonymize.suppression import suppress_small_cells
from equitykit.data.labels import label_for
from equitykit.district import generate_district
from equitykit.district.effects import ACHIEVEMENT, ACHIEVEMENT_RACE

__all__ = [
    "CUT_SCORE",
    "LOWER_CUT_SCORE",
    "POLICY_CODES",
    "REFERRAL",
    "REFERRAL_BASE",
    "REFERRAL_LOWER_CUT",
    "REFERRAL_SHIFTS",
    "REFERRAL_SLOPE",
    "SCREENING_LOCAL_NORM",
    "SCREENING_SAME_CUT",
    "identified_totals",
    "identify_by_screening",
    "policies",
    "policy_header",
    "policy_rows",
    "policy_rules",
    "referral_chance",
    "risk_ratios_by_policy",
    "screening_comparison",
    "screening_scores",
    "simulated_students",
]

#: Screened grades: the grade of the screening and every later grade.
SCREENED_GRADES: tuple[str, ...] = tuple(str(g) for g in range(2, 13))
#: Default seed and size: small enough for a notebook to run in a few seconds.
DEFAULT_SEED = 2024
DEFAULT_STUDENTS = 20_000
_RACE_CODES = (
    "hispanic",
    "american_indian_alaska_native",
    "asian",
    "black",
    "native_hawaiian_pacific_islander",
    "white",
    "two_or_more",
)
_YES_NO_GROUPS = ("disability", "english_learner", "econ_disadvantaged")


def simulated_students(
    seed: int = DEFAULT_SEED, n_students: int = DEFAULT_STUDENTS, school_year: str = "2024-25"
) -> pd.DataFrame:
    """Generate one school year of fictional students in grades 2 to 12.

    Parameters
    ----------
    seed
        Seed of the district generator; the same seed gives the same students.
    n_students
        Students generated in all grades (grades K and 1 are then left out).
    school_year
        The label of the generated year.

    Returns
    -------
    pandas.DataFrame
        Student rows in the kit's input schema. They stay in memory and are never
        published.
    """
    district = generate_district(
        seed=seed,
        n_students=n_students,
        school_years=(school_year,),
        with_neighbours=False,
        with_survey=False,
    )
    students = district.students
    return students[students["grade"].isin(SCREENED_GRADES)].reset_index(drop=True)


def screening_scores(
    students: pd.DataFrame,
    *,
    seed: int = DEFAULT_SEED,
    noise_sd: float = 0.45,
    language_load: float | None = None,
) -> np.ndarray:
    """Score every student on the same screening measure (see the module's assumptions).

    Parameters
    ----------
    students
        Student rows with ``race_ethnicity``, ``disability``, ``econ_disadvantaged``,
        ``english_learner`` and ``school_id``.
    seed
        Seed for each student's own variation and the measurement noise.
    noise_sd
        Standard deviation of the measurement noise (achievement units).
    language_load
        How much the measure lowers English learners' scores; default: the generator's
        English-learner effect on the math test.

    Returns
    -------
    numpy.ndarray
        One score per student, in achievement standard-deviation units.
    """
    rng = np.random.default_rng(seed)
    n = len(students)
    race = students["race_ethnicity"].map(dict(zip(_RACE_CODES, ACHIEVEMENT_RACE, strict=True)))
    if race.isna().any():
        raise ValueError("every student needs one of the seven race/ethnicity codes")
    econ = students["econ_disadvantaged"].astype("float64").to_numpy()
    school_poverty = (
        students.groupby("school_id")["econ_disadvantaged"].transform("mean").astype("float64")
    )
    load = ACHIEVEMENT["english_learner_math"] if language_load is None else -abs(language_load)
    signal = (
        race.astype("float64").to_numpy()
        + ACHIEVEMENT["disability"] * students["disability"].astype("float64").to_numpy()
        + ACHIEVEMENT["econ"] * econ
        + ACHIEVEMENT["poverty_slope"] * (school_poverty.to_numpy() - 0.45)
        + rng.normal(0, 0.85, n)
    )
    return (
        signal
        + load * students["english_learner"].astype("float64").to_numpy()
        + rng.normal(0, noise_sd, n)
    )


def referral_chance(
    students: pd.DataFrame, scores: np.ndarray, *, cut: float = CUT_SCORE
) -> np.ndarray:
    """Return each student's chance of being referred for testing under today's policy.

    The log-odds are ``REFERRAL_BASE + REFERRAL_SLOPE * (score - cut)`` plus the shifts in
    :data:`REFERRAL_SHIFTS` for the student's race and ethnicity and for English learners,
    students from low-income families and students with disabilities.

    Parameters
    ----------
    students
        Student rows (see :func:`screening_scores`).
    scores
        Their screening scores.
    cut
        The eligibility cut score.

    Returns
    -------
    numpy.ndarray
        Probabilities between 0 and 1.
    """
    race = students["race_ethnicity"].map(REFERRAL_SHIFTS)
    if race.isna().any():
        raise ValueError("every student needs one of the seven race/ethnicity codes")
    log_odds = REFERRAL_BASE + REFERRAL_SLOPE * (np.asarray(scores, dtype=float) - cut)
    log_odds = log_odds + race.astype("float64").to_numpy()
    for group in _YES_NO_GROUPS:
        log_odds = log_odds + REFERRAL_SHIFTS[group] * students[group].astype("float64").to_numpy()
    return 1 / (1 + np.exp(-log_odds))


def identify_by_screening(
    scores: np.ndarray, share: float, *, within: Sequence[str] | None = None
) -> np.ndarray:
    """Identify the students with the highest scores, ``share`` of them (of each school).

    Parameters
    ----------
    scores
        Screening scores.
    share
        The share to identify, between 0 and 1.
    within
        Each student's school, for a school (local) norm; ``None`` for the district.

    Returns
    -------
    numpy.ndarray
        0/1 per student: the highest scores, ``round(share * n)`` of the ``n`` students
        (in each school, for a school norm).
    """
    if not 0 < share < 1:
        raise ValueError(f"the share must be between 0 and 1; got {share}")
    values = np.asarray(scores, dtype=float)
    identified = np.zeros(len(values), dtype=np.int8)
    units = (
        np.zeros(len(values), dtype=int)
        if within is None
        else pd.factorize(pd.Series(list(within)))[0]
    )
    for unit in np.unique(units):
        members = np.flatnonzero(units == unit)
        order = members[np.argsort(-values[members], kind="stable")]
        identified[order[: round(share * len(members))]] = 1
    return identified


def policy_rows(
    students: pd.DataFrame,
    *,
    cut: float = CUT_SCORE,
    lower_cut: float = LOWER_CUT_SCORE,
    seed: int = DEFAULT_SEED,
    noise_sd: float = 0.45,
    language_load: float | None = None,
) -> pd.DataFrame:
    """Add the score, the referral and one 0/1 column per policy to the student rows.

    Parameters
    ----------
    students
        Student rows (see :func:`screening_scores`).
    cut, lower_cut
        The eligibility cut score, and the lower one of the "lower the bar" policy.
    seed, noise_sd, language_load
        As in :func:`screening_scores`; the referrals are drawn with their own generator
        seeded from ``seed``, so the same seed gives the same referrals.

    Returns
    -------
    pandas.DataFrame
        The student rows with ``screening_score``, ``referred`` and the four policy
        columns of :data:`POLICY_CODES`.
    """
    check_cuts(cut, lower_cut)
    scores = screening_scores(students, seed=seed, noise_sd=noise_sd, language_load=language_load)
    draws = np.random.default_rng([seed, 1]).random(len(students))
    referred = draws < referral_chance(students, scores, cut=cut)
    qualifies = scores >= cut
    schools = students["school_id"].astype(str).tolist()
    share = float(qualifies.mean())
    local = (
        identify_by_screening(scores, share, within=schools)
        if 0 < share < 1
        else np.full(len(scores), int(share == 1), dtype=np.int8)
    )
    return students.assign(
        screening_score=scores,
        referred=referred.astype("int8"),
        **{
            REFERRAL: (referred & qualifies).astype("int8"),
            REFERRAL_LOWER_CUT: (referred & (scores >= lower_cut)).astype("int8"),
            SCREENING_SAME_CUT: qualifies.astype("int8"),
            SCREENING_LOCAL_NORM: local.astype("int8"),
        },
    )


def screening_comparison(
    students: pd.DataFrame | None = None,
    *,
    cut: float = CUT_SCORE,
    lower_cut: float = LOWER_CUT_SCORE,
    seed: int = DEFAULT_SEED,
    noise_sd: float = 0.45,
    language_load: float | None = None,
    min_cell: int = 10,
    min_n: int = 30,
) -> pd.DataFrame:
    """Compare gifted identification under referral and under universal screening.

    The counts go through the anonymizer's aggregation
    (:func:`equitykit.anonymize.aggregate.count_by_group`) and suppression
    (:func:`equitykit.anonymize.suppress_small_cells`), so the same small-cell rules apply
    as in every published table.

    Parameters
    ----------
    students
        Student rows; default: :func:`simulated_students` with its defaults.
    cut, lower_cut, seed, noise_sd, language_load
        As in :func:`policy_rows`.
    min_cell, min_n
        Minimum cell size and n-size of the suppression.

    Returns
    -------
    pandas.DataFrame
        A tidy, suppressed district-level table in the layout of ``outcomes.csv``, one
        ``outcome`` per policy of :data:`POLICY_CODES`, in that order.
    """
    students = simulated_students() if students is None else students
    rows = policy_rows(
        students,
        cut=cut,
        lower_cut=lower_cut,
        seed=seed,
        noise_sd=noise_sd,
        language_load=language_load,
    )
    outcomes = list(POLICY_CODES)
    groups = [g for g in SCHOOL_LEVEL_GROUPS if g in rows.columns]
    table = rows[["school_year", *groups, *outcomes]].copy()
    for group in groups:
        if group in _YES_NO_GROUPS:
            table[group] = np.where(table[group].astype(int) == 1, "yes", "no")
    con = connect()
    try:
        con.register("policy_students", table)
        tidy = count_by_group(
            con,
            "policy_students",
            school_groups=groups,
            district_groups=[],
            outcomes=outcomes,
            school_column=None,
        )
    finally:
        con.close()
    published = suppress_small_cells(tidy, min_cell=min_cell, min_n=min_n)
    order = {code: i for i, code in enumerate(outcomes)}
    published = published.assign(_o=published["outcome"].map(order).astype("int64"))
    return published.sort_values(["_o"], kind="stable").drop(columns="_o").reset_index(drop=True)


def risk_ratios_by_policy(
    comparison: pd.DataFrame,
    group: str = "race_ethnicity",
    *,
    outcomes: Sequence[str] | None = None,
    show: str = "risk_ratio",
) -> pd.DataFrame:
    """One row per student group, one column per policy: the risk ratio, as shown.

    Parameters
    ----------
    comparison
        The output of :func:`screening_comparison`.
    group
        The student group, e.g. ``"race_ethnicity"`` or ``"english_learner"``.
    outcomes
        The policies to show; default: every outcome in the table.
    show
        ``"risk_ratio"`` (e.g. ``"0.42"``), ``"risk"`` (``"4.7%"``) or ``"both"``
        (``"4.7% (0.42)"``).

    Returns
    -------
    pandas.DataFrame
        Text cells, or ``"not reported"`` where suppression or the minimum sizes leave
        no number; columns headed by :func:`policy_header`.
    """
    if show not in ("risk_ratio", "risk", "both"):
        raise ValueError(f"show must be 'risk_ratio', 'risk' or 'both'; got {show!r}")
    codes = list(outcomes or dict.fromkeys(comparison["outcome"]))
    columns: dict[str, list[str]] = {}
    labels: list[str] = []
    for code in codes:
        gaps = gap_table(comparison, code, group, level="district")
        if not labels:
            labels = [label_for(sub, group) for sub in gaps["subgroup"]]
        cells = []
        for risk, ratio in zip(gaps["risk"], gaps["risk_ratio"], strict=True):
            ratio_text = format_measure(ratio, "ratio")
            risk_text = format_measure(risk, "percent")
            text = {"risk_ratio": ratio_text, "risk": risk_text}.get(
                show, f"{risk_text} ({ratio_text})" if ratio_text else ""
            )
            cells.append(text or "not reported")
        columns[policy_header(code)] = cells
    return pd.DataFrame({"Student group": labels, **columns})


def identified_totals(comparison: pd.DataFrame) -> pd.DataFrame:
    """Students identified in total under each policy, and the hidden cells left.

    Returns
    -------
    pandas.DataFrame
        ``Policy`` (short heading), ``Students identified``, ``Share identified`` (text)
        and ``Hidden cells``.
    """
    out = []
    for code, part in comparison.groupby("outcome", sort=False):
        total = part[(part["group"] == "all") & (part["subgroup"] == "All")].iloc[0]
        out.append(
            {
                "Policy": policy_header(code),
                "Students identified": int(total["count"]),
                "Share identified": format_measure(total["count"] / total["enrolled"], "percent"),
                "Hidden cells": int(part["count"].isna().sum()),
            }
        )
    return pd.DataFrame(out)
