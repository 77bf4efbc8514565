"""Simulate a policy change: gifted identification by universal screening instead of referral.

The simulation runs on generated students of the fictional Alder Creek Public Schools
(:func:`equitykit.district.generate_district`), never on real ones, and its results are
published only through the anonymizer's aggregation and suppression, exactly as the
course's other tables are.

Assumptions, stated plainly
---------------------------
* **Who is compared.** Students in grades 2 to 12 of one school year: those who would
  already have been screened in grade 2 had the district screened every cohort.
* **Current policy (referral).** A student is identified when the generator marked them
  gifted. In the generator that chance depends on the student's group and school (the
  calibrated gaps of the published ``gifted`` outcome), not on any achievement score: it
  stands for a process in which being noticed and referred decides who is tested.
* **Universal screening.** Every student takes the same screening measure. The measure is
  the generator's achievement signal (the same group and school-poverty effects, in
  standard-deviation units, that shape the generated test scores, see
  :mod:`equitykit.district.effects`) plus each student's own variation, plus measurement
  noise. It is *not* influenced by referral, by a teacher's view or by a family's request.
  The achievement signal carries the opportunity gaps the generator builds in, so
  screening removes the referral barrier but not earlier gaps in opportunity.
* **A language load.** By default the measure lowers English learners' scores by the
  generator's English-learner effect on the math test, as a measure given in English
  might; pass ``language_load=0`` for a measure free of language.
* **Cut score.** Students at or above a cut score are identified. The cut is set on the
  screened students' own scores so that a stated share is identified: the top 10% of the
  district (a district norm), or the top 10% of each school (a school norm, which some
  districts use so that every school's most advanced students are seen).

What follows from these assumptions is not evidence about any real district.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from equitykit.analysis.formatting import format_measure
from equitykit.analysis.gap_table import gap_table
from equitykit.anonymize.aggregate import count_by_group
from equitykit.anonymize.pipeline import connect
from equitykit.anonymize.schema import SCHOOL_LEVEL_GROUPS
from equitykit.anonymize.suppression import suppress_small_cells
from equitykit.data.labels import label_for
from equitykit.district import generate_district
from equitykit.district.effects import ACHIEVEMENT, ACHIEVEMENT_RACE

#: The outcome code of the current referral policy.
REFERRAL = "gifted_referral"
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


def screening_outcome(share: float, *, by_school: bool = False) -> str:
    """Return the outcome code of universal screening that identifies ``share`` of students.

    Parameters
    ----------
    share
        The share identified, a whole percentage such as 0.10.
    by_school
        True for a school norm (the top ``share`` of each school).

    Examples
    --------
    >>> screening_outcome(0.10)
    'gifted_screening_top_10'
    >>> screening_outcome(0.10, by_school=True)
    'gifted_screening_school_top_10'
    """
    percent = share * 100
    if not 0 < share < 1 or abs(percent - round(percent)) > 1e-9:
        raise ValueError(f"the share must be a whole percentage between 0 and 1; got {share}")
    return f"gifted_screening_{'school_' if by_school else ''}top_{round(percent)}"


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
        Student rows in the kit's input schema, with ``gifted`` as the referral policy's
        result. They stay in memory and are never published.
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


def identify_by_screening(
    scores: np.ndarray, share: float, *, within: Sequence[str] | None = None
) -> np.ndarray:
    """Identify the students at or above the cut score that selects ``share`` of them.

    Parameters
    ----------
    scores
        Screening scores.
    share
        The share to identify, between 0 and 1.
    within
        Each student's school, for a school norm (the cut is set in each school);
        ``None`` for one district cut.

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
    shares: Sequence[float] = (0.05, 0.10, 0.15),
    school_shares: Sequence[float] = (0.10,),
    seed: int = DEFAULT_SEED,
    noise_sd: float = 0.45,
    language_load: float | None = None,
) -> pd.DataFrame:
    """Add one 0/1 column per policy to the student rows.

    Parameters
    ----------
    students
        Student rows (see :func:`screening_scores`).
    shares, school_shares
        Shares identified with a district cut, and with a cut in each school.
    seed, noise_sd, language_load
        As in :func:`screening_scores`.

    Returns
    -------
    pandas.DataFrame
        The student rows with ``screening_score``, ``gifted_referral`` and one column per
        screening policy (codes from :func:`screening_outcome`).
    """
    scores = screening_scores(students, seed=seed, noise_sd=noise_sd, language_load=language_load)
    rows = students.assign(screening_score=scores, **{REFERRAL: students["gifted"].astype("int8")})
    for share in shares:
        rows[screening_outcome(share)] = identify_by_screening(scores, share)
    for share in school_shares:
        rows[screening_outcome(share, by_school=True)] = identify_by_screening(
            scores, share, within=students["school_id"].astype(str).tolist()
        )
    return rows


def screening_comparison(
    students: pd.DataFrame | None = None,
    *,
    shares: Sequence[float] = (0.05, 0.10, 0.15),
    school_shares: Sequence[float] = (0.10,),
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
    shares, school_shares
        Shares identified by screening with a district cut and with a cut in each school;
        one outcome per share.
    seed, noise_sd, language_load
        As in :func:`screening_scores`.
    min_cell, min_n
        Minimum cell size and n-size of the suppression.

    Returns
    -------
    pandas.DataFrame
        A tidy, suppressed district-level table in the layout of ``outcomes.csv``, with
        ``outcome`` ``gifted_referral``, ``gifted_screening_top_<p>`` and
        ``gifted_screening_school_top_<p>``.
    """
    students = simulated_students() if students is None else students
    rows = policy_rows(
        students,
        shares=shares,
        school_shares=school_shares,
        seed=seed,
        noise_sd=noise_sd,
        language_load=language_load,
    )
    outcomes = [
        REFERRAL,
        *(screening_outcome(s) for s in shares),
        *(screening_outcome(s, by_school=True) for s in school_shares),
    ]
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


def policy_header(code: str) -> str:
    """Return a short column heading for a policy (the menus use the full label).

    Examples
    --------
    >>> policy_header("gifted_referral")
    'Referral'
    >>> policy_header("gifted_screening_school_top_10")
    'Top 10%, each school'
    """
    if code == REFERRAL:
        return "Referral"
    prefix = "gifted_screening_"
    if not code.startswith(prefix):
        return label_for(code)
    rest = code[len(prefix) :]
    where = "each school" if rest.startswith("school_") else "district"
    return f"Top {rest.rsplit('_', 1)[-1]}%, {where}"


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
    """Students identified in total under each policy, and the suppressed cells left.

    Returns
    -------
    pandas.DataFrame
        ``Policy``, ``Students identified``, ``Share identified`` (text) and
        ``Suppressed cells``.
    """
    out = []
    for code, part in comparison.groupby("outcome", sort=False):
        total = part[(part["group"] == "all") & (part["subgroup"] == "All")].iloc[0]
        out.append(
            {
                "Policy": label_for(code),
                "Students identified": int(total["count"]),
                "Share identified": format_measure(total["count"] / total["enrolled"], "percent"),
                "Suppressed cells": int(part["count"].isna().sum()),
            }
        )
    return pd.DataFrame(out)
