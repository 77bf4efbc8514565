"""Guard against personal data in the input: names, birth dates, addresses, IDs.

The kit needs none of these. A column is refused when its *name* says it holds
personal data or when its *values* look like it (e-mail addresses, phone numbers,
dates, street addresses, social security numbers, raw numeric student IDs).
"""

from __future__ import annotations

import re

from equitykit.anonymize.errors import PersonalDataError

NAME_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"^(school_?name|district_?name)$"),
        "",
        "",
    ),
    (
        re.compile(
            r"(^|_)(first|last|middle|given|family|full|sur|student|preferred)_?name|^names?$"
        ),
        "a person's name",
        "drop it; the kit needs no names",
    ),
    (
        re.compile(r"birth|(^|_)dob($|_)|^age_?date"),
        "a birth date",
        "drop it; grade is all the kit needs",
    ),
    (
        re.compile(r"address|street|(^|_)(zip|postal|postcode|zipcode)($|_)|(^|_)city($|_)"),
        "an address",
        "drop it; use the `neighbourhood` column (an area name) if you need place",
    ),
    (
        re.compile(r"phone|mobile|(^|_)cell($|_)|(^|_)tel($|_)"),
        "a phone number",
        "drop it; the kit needs no contact details",
    ),
    (re.compile(r"e_?mail"), "an e-mail address", "drop it; the kit needs no contact details"),
    (
        re.compile(
            r"^(student_?id|studentid|stu_?id|sis_?id|state_?id|ssid|sasid|lasid|local_?id|"
            r"student_?number|student_?no|id_?number|ssn|social_?security.*|id|pupil_?id|upn)$"
        ),
        "a student ID from a school information system",
        "replace student IDs with a random pseudonymous key in a `student_key` column "
        "(see datasets/input-schema.md) and drop this column",
    ),
    (
        re.compile(r"parent|guardian|mother|father"),
        "family members' details",
        "drop it; the kit needs no family details",
    ),
]

CONTENT_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$"),
        "e-mail addresses",
        "drop it; the kit needs no contact details",
    ),
    (
        re.compile(r"^\d{3}-\d{2}-\d{4}$"),
        "social security numbers",
        "drop it immediately; the kit needs no identifiers",
    ),
    (
        re.compile(r"^(\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}$"),
        "phone numbers",
        "drop it; the kit needs no contact details",
    ),
    (
        re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})([ T].*)?$"),
        "dates (birth dates?)",
        "drop it; grade is all the kit needs",
    ),
    (
        re.compile(
            r"^\d+\s+\w+(\s+\w+)*\s+(st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd|way|"
            r"ct|court|pl|place|terrace|ter)\.?(\s|,|$)",
            re.IGNORECASE,
        ),
        "street addresses",
        "drop it; use the `neighbourhood` column (an area name) if you need place",
    ),
    (
        re.compile(r"^[A-Z][a-z'-]+,\s*[A-Z][a-z'-]+$"),
        "names written as 'Last, First'",
        "drop it; the kit needs no names",
    ),
]
RAW_ID = re.compile(r"^\d{5,}$")
ID_LIKE = re.compile(r"^[A-Za-z]{0,3}\d{6,}$")
"""A long run of digits (optionally after a short prefix): a student ID from a system."""
PERSON_NAME = re.compile(r"^[A-Z][a-z'-]+(?:[ -][A-Z][a-z'-]+){1,3}$")
"""Two to four capitalised words, as in "First Last" or "Mary Ann Lee"."""
DISTINCT_SHARE = 0.5
"""Name-like or ID-like values count only when most of them differ (one per student)."""


def check_column_names(columns: list[str]) -> None:
    """Refuse a column whose name says it holds personal data.

    Raises
    ------
    PersonalDataError
        Naming the column and what to do instead.
    """
    for column in columns:
        normal = re.sub(r"[^a-z0-9]+", "_", column.strip().lower()).strip("_")
        for pattern, what, advice in NAME_RULES:
            if pattern.search(normal):
                if not what:  # an allowed name such as school_name
                    break
                raise PersonalDataError(
                    f"column '{column}' looks like it holds {what}; {advice}. Nothing was written."
                )


def check_column_values(column: str, values: list[str]) -> None:
    """Refuse a column whose sampled values look like personal data.

    Parameters
    ----------
    column
        The column's name (for the message).
    values
        A sample of its non-empty values, as text.

    Raises
    ------
    PersonalDataError
        When at least a fifth of the sample (and at least 3 values) matches a pattern.
    """
    sample = [v.strip() for v in values if v is not None and v.strip()]
    if not sample:
        return
    needed = max(3, len(sample) // 5) if len(sample) >= 3 else len(sample)
    for pattern, what, advice in CONTENT_RULES:
        matches = sum(1 for v in sample if pattern.search(v))
        if matches >= needed:
            raise PersonalDataError(
                f"column '{column}' contains values that look like {what} "
                f"(for example in {matches} of the first {len(sample)} rows); {advice}. "
                "Nothing was written."
            )
    _check_identifying_values(column, sample, needed)
    if column == "student_key" and sum(1 for v in sample if RAW_ID.match(v)) >= needed:
        raise PersonalDataError(
            "column 'student_key' holds long numbers that look like raw student IDs from an "
            "information system; replace student IDs with a random pseudonymous key "
            "(see datasets/input-schema.md). Nothing was written."
        )


def _check_identifying_values(column: str, sample: list[str], needed: int) -> None:
    """Refuse "First Last" names and long numeric IDs found by content, whatever the header.

    A column of school or neighbourhood names also has capitalised words, and a
    school id may be a long number, but each repeats across many students; names
    and student IDs mostly differ from row to row.
    """
    if column == "student_key" or len(sample) < 3:
        return
    for pattern, what, advice in (
        (PERSON_NAME, "people's names ('First Last')", "drop it; the kit needs no names"),
        (
            ID_LIKE,
            "student ID numbers from an information system",
            "drop it; the kit needs only a random pseudonymous `student_key` "
            "(see datasets/input-schema.md)",
        ),
    ):
        matching = [v for v in sample if pattern.match(v)]
        if len(matching) >= needed and len(set(matching)) >= DISTINCT_SHARE * len(matching):
            raise PersonalDataError(
                f"column '{column}' contains values that look like {what} "
                f"({len(matching)} of the first {len(sample)} rows, {len(set(matching))} "
                f"different); {advice}. Nothing was written."
            )
