"""Respondent-level rows of the fictional district's school climate survey (grades 6-12).

The survey is anonymous: respondents carry no student key. LGBTQ+ students are a
small group, which is why the published survey table needs suppression.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from equitykit.anonymize.schema import RACE_ETHNICITY_CODES
from equitykit.district.sampling import calibrated_probability, draw

SURVEY_ITEMS: dict[str, str] = {
    "feel_safe_at_school": "I feel safe at school.",
    "belong_at_school": "I feel like I belong at this school.",
    "trusted_adult": "There is at least one adult at this school I can go to for help.",
    "rules_applied_fairly": "Rules are applied fairly to all students at this school.",
}
"""Survey item codes and their wording (agree / strongly agree counts as agreeing)."""

LGBTQ_CODES: tuple[str, ...] = ("yes", "no", "prefer_not_to_say")

ITEM_TARGETS = {
    "feel_safe_at_school": 0.74,
    "belong_at_school": 0.63,
    "trusted_adult": 0.71,
    "rules_applied_fairly": 0.55,
}
LGBTQ_SHIFT = {
    "feel_safe_at_school": -0.95,
    "belong_at_school": -0.9,
    "trusted_adult": -0.4,
    "rules_applied_fairly": -0.5,
}
BLACK_SHIFT = {
    "feel_safe_at_school": -0.2,
    "belong_at_school": -0.35,
    "trusted_adult": -0.25,
    "rules_applied_fairly": -0.75,
}


def generate_survey(
    rng: np.random.Generator, students: pd.DataFrame, school_effect: np.ndarray
) -> pd.DataFrame:
    """Sample respondents in grades 6-12 and simulate their answers.

    Parameters
    ----------
    rng
        The seeded random generator.
    students
        Student rows of one or more years (input schema).
    school_effect
        A log-odds climate effect per school, indexed like ``school_codes`` below.

    Returns
    -------
    pandas.DataFrame
        One row per respondent: ``school_year``, ``school_id``, ``grade``,
        ``race_ethnicity``, ``sex``, ``lgbtq`` and one 0/1 column per item.
    """
    grade = pd.to_numeric(students["grade"].replace("K", "0")).to_numpy()
    eligible = students.loc[grade >= 6]
    school_codes, school_index = np.unique(eligible["school_id"].to_numpy(), return_inverse=True)
    response_rate = 0.45 + 0.4 * (np.arange(len(school_codes)) * 7919 % 97) / 97
    responds = rng.random(len(eligible)) < response_rate[school_index]
    sample = eligible.loc[responds]
    idx = school_index[responds]
    n = len(sample)
    lgbtq = rng.choice(3, size=n, p=[0.065, 0.865, 0.07])
    race = sample["race_ethnicity"].to_numpy()
    black = race == RACE_ETHNICITY_CODES[3]
    frame = pd.DataFrame(
        {
            "school_year": sample["school_year"].to_numpy(),
            "school_id": sample["school_id"].to_numpy(),
            "grade": sample["grade"].to_numpy(),
            "race_ethnicity": race,
            "sex": sample["sex"].to_numpy(),
            "lgbtq": np.array(LGBTQ_CODES, dtype=object)[lgbtq],
        }
    )
    effect = school_effect[: len(school_codes)][idx]
    for item, target in ITEM_TARGETS.items():
        log_odds = (
            effect
            + LGBTQ_SHIFT[item] * (lgbtq == 0)
            + BLACK_SHIFT[item] * black
            - 0.3 * (sample["disability"].to_numpy() == 1)
            - 0.04 * (pd.to_numeric(frame["grade"]).to_numpy() - 6)
        )
        frame[item] = draw(rng, calibrated_probability(log_odds, target)).astype(np.int8)
    return frame
