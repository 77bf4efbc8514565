"""Plain-language labels for the codes used in the data tables.

Codes stay short and stable in the data; readers see these labels. A code without a
label here is shown with its underscores turned into spaces, so a coach's own data with
extra codes still displays sensibly.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    # levels and totals
    "district": "Whole district",
    "All": "All students",
    "all": "All students",
    # student groups
    "race_ethnicity": "Race and ethnicity",
    "sex": "Sex",
    "disability": "Disability (IDEA)",
    "lgbtq": "LGBTQ+ identity",
    "bus_ride_band": "Bus ride length",
    "neighbourhood": "Neighbourhood",
    "english_learner": "English learner status",
    "econ_disadvantaged": "Economic disadvantage",
    # race and ethnicity (the seven federal categories)
    "hispanic": "Hispanic or Latino",
    "american_indian_alaska_native": "American Indian or Alaska Native",
    "asian": "Asian",
    "black": "Black or African American",
    "native_hawaiian_pacific_islander": "Native Hawaiian or Other Pacific Islander",
    "white": "White",
    "two_or_more": "Two or more races",
    # other subgroups
    "female": "Female",
    "male": "Male",
    "yes": "Yes",
    "no": "No",
    "students_with_disabilities": "Students with disabilities",
    "students_without_disabilities": "Students without disabilities",
    "english_learners": "English learners",
    "not_english_learners": "Not English learners",
    # outcomes (short names for menus; the datapackage has the full definitions)
    "out_of_school_suspension": "Out-of-school suspension",
    "out_of_school_suspension_over_10_days": "Out-of-school suspension over 10 days",
    "in_school_suspension": "In-school suspension",
    "expulsion": "Expulsion",
    "referral_to_law_enforcement": "Referral to law enforcement",
    "advanced_course_enrollment": "Advanced course enrollment",
    "gifted": "Gifted identification",
    "chronic_absenteeism": "Chronic absenteeism",
    "graduation_4yr": "Four-year graduation",
    "reading_proficient": "Reading proficiency",
    "math_proficient": "Math proficiency",
    "rides_bus": "Rides a school bus",
    # climate survey items
    "belong_at_school": "I feel I belong at this school",
    "feel_safe_at_school": "I feel safe at school",
    "rules_applied_fairly": "Rules are applied fairly to all students",
    "trusted_adult": "There is an adult at school I trust",
    # simulated gifted identification policies (Module 5, equitykit.analysis.screening)
    "gifted_referral": "Gifted: referral, then the test (today's policy)",
    "gifted_referral_lower_cut": "Gifted: referral, then the test with a lower cut score",
    "gifted_screening_same_cut": "Gifted: universal screening, same cut score",
    "gifted_screening_local_norm": "Gifted: universal screening, top of each school (local norm)",
    # metrics
    "risk": "Risk (share of the group)",
    "risk_ratio": "Risk ratio",
    "risk_difference": "Risk difference",
    "composition_index": "Composition index",
    "percentage_point_gap": "Percentage-point gap",
}


#: Labels that depend on the student group: "yes" means something different in each.
SUBGROUP_LABELS: dict[tuple[str, str], str] = {
    ("disability", "yes"): "Students with disabilities",
    ("disability", "no"): "Students without disabilities",
    ("english_learner", "yes"): "English learners",
    ("english_learner", "no"): "Students who are not English learners",
    ("econ_disadvantaged", "yes"): "Economically disadvantaged",
    ("econ_disadvantaged", "no"): "Not economically disadvantaged",
    ("lgbtq", "yes"): "Students who identify as LGBTQ+",
    ("lgbtq", "no"): "Students who do not identify as LGBTQ+",
    ("lgbtq", "prefer_not_to_say"): "Preferred not to say",
    ("bus_ride_band", "no_bus"): "Does not ride a bus",
    ("bus_ride_band", "under_30_min"): "Bus ride under 30 minutes",
    ("bus_ride_band", "30_to_44_min"): "Bus ride 30 to 44 minutes",
    ("bus_ride_band", "45_min_or_more"): "Bus ride 45 minutes or more",
}


def label_for(code: str, group: str | None = None) -> str:
    """Return the reader-facing label for a data code.

    Parameters
    ----------
    code
        A code from a data table, e.g. ``"black"`` or ``"oss"``.
    group
        The student group the code belongs to, for codes such as ``"yes"`` whose
        meaning depends on it.

    Returns
    -------
    str
        The label, or the code made readable when no label is known.

    Examples
    --------
    >>> label_for("black")
    'Black or African American'
    >>> label_for("yes", group="disability")
    'Students with disabilities'
    >>> label_for("chronic_absence")
    'Chronic absence'
    """
    if group is not None and (group, code) in SUBGROUP_LABELS:
        return SUBGROUP_LABELS[(group, code)]
    if code in LABELS:
        return LABELS[code]
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


#: Labels that keep their capital in the middle of a sentence (proper nouns, "I", acronyms).
_KEEP_CAPITAL = (
    "English",
    "I ",
    "LGBTQ",
    "IDEA",
    "Gifted:",
    "Hispanic",
    "American",
    "Asian",
    "Black",
    "Native",
    "White",
)


def phrase_for(code: str, group: str | None = None) -> str:
    """Return the label as it reads in the middle of a sentence.

    ``"Race and ethnicity"`` becomes ``"race and ethnicity"``, while ``"English learner
    status"``, ``"LGBTQ+ identity"`` and ``"I feel safe at school"`` keep their capitals.

    Parameters
    ----------
    code, group
        As for :func:`label_for`.

    Returns
    -------
    str
    """
    label = label_for(code, group)
    if label.startswith(_KEEP_CAPITAL) or (len(label) > 1 and label[1].isupper()):
        return label
    return label[:1].lower() + label[1:]
