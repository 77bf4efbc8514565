"""Frictionless ``datapackage.json`` descriptions of every published table."""

from __future__ import annotations

from equitykit.anonymize.schema import (
    BUS_RIDE_BANDS,
    GROUP_LABELS,
    OUTCOMES,
    RACE_ETHNICITY_CODES,
    RACE_ETHNICITY_LABELS,
    SEX_CODES,
)

SUPPRESSION_CODES = ["", "primary", "complementary"]
YEAR_PATTERN = r"\d{4}-\d{2}"


def _field(name: str, type_: str, description: str, **constraints) -> dict:
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _subgroup_description(extra: str = "") -> str:
    races = "; ".join(f"`{c}` = {RACE_ETHNICITY_LABELS[c]}" for c in RACE_ETHNICITY_CODES)
    return (
        "The value of the group: `All` for group `all`; race/ethnicity codes "
        f"({races}); sex `{'`, `'.join(SEX_CODES)}`; `yes` / `no` for disability, "
        "English learner and economically disadvantaged; a neighbourhood name; bus ride "
        f"bands `{'`, `'.join(BUS_RIDE_BANDS)}`{extra}."
    )


def tidy_fields(
    *,
    outcome_name: str = "outcome",
    enrolled_name: str = "enrolled",
    count_name: str = "count",
    outcome_codes: list[str] | None = None,
    outcome_description: str | None = None,
    groups: list[str] | None = None,
    rate_name: str = "rate",
    district_id: bool = False,
) -> list[dict]:
    """Fields of a tidy, suppressed table (``outcomes.csv`` and its relatives)."""
    codes = outcome_codes or [o.code for o in OUTCOMES]
    outcome_text = outcome_description or "; ".join(
        f"`{o.code}` = {o.label} (among {o.population})" for o in OUTCOMES
    )
    group_codes = groups or list(GROUP_LABELS)
    fields = []
    if district_id:
        fields.append(_field("district_id", "string", "Fictional district id.", required=True))
    fields += [
        _field(
            "school_year",
            "string",
            "School year, such as 2024-25.",
            required=True,
            pattern=YEAR_PATTERN,
        ),
        _field(
            "level",
            "string",
            "`district` (all schools together) or `school`.",
            required=True,
            enum=["district", "school"],
        ),
        _field("school_id", "string", "School id (empty on district rows)."),
        _field(
            "group",
            "string",
            "Student group: "
            + "; ".join(f"`{g}` = {GROUP_LABELS.get(g, g)}" for g in group_codes)
            + ".",
            required=True,
            enum=group_codes,
        ),
        _field("subgroup", "string", _subgroup_description(), required=True),
        _field(outcome_name, "string", outcome_text + ".", required=True, enum=codes),
        _field(
            enrolled_name,
            "integer",
            "Students in the group counted for this outcome (its denominator). "
            "Empty when suppressed.",
            minimum=0,
        ),
        _field(
            f"{enrolled_name}_suppressed",
            "string",
            "Why the denominator is hidden: empty (shown), `primary` (too small) or "
            "`complementary` (hidden so another cell cannot be worked out).",
            enum=SUPPRESSION_CODES,
        ),
        _field(
            count_name,
            "integer",
            "Students in the group with the outcome (the numerator). Empty when suppressed: "
            "an empty cell is never a zero.",
            minimum=0,
        ),
        _field(
            "suppressed",
            "string",
            "Why the count is hidden: empty (shown), `primary` (under the minimum cell size, "
            "or within that many students of the group's total) or `complementary`.",
            enum=SUPPRESSION_CODES,
        ),
        _field(
            rate_name,
            "number",
            "Share of the group with the outcome (0-1), only for groups of at least the "
            "minimum n-size and not top/bottom coded; empty otherwise.",
            minimum=0,
            maximum=1,
        ),
        _field(
            f"{rate_name}_display" if rate_name != "rate" else "rate_display",
            "string",
            "The rate as a percentage for display; `<=5%` / `>=95%` for small groups "
            "with extreme rates; empty when hidden.",
        ),
    ]
    return fields


SCHOOL_FIELDS = [
    _field("school_id", "string", "School id, such as ACPS-E01.", required=True, unique=True),
    _field("school_name", "string", "School name (fictional for Alder Creek).", required=True),
    _field(
        "school_level",
        "string",
        "`elementary`, `middle`, `high` or `other`.",
        enum=["elementary", "middle", "high", "other"],
    ),
    _field("grades_served", "string", "Grades served, such as K-5."),
]

TRANSPORTATION_FIELDS = [
    _field("school_year", "string", "School year.", required=True, pattern=YEAR_PATTERN),
    _field("neighbourhood", "string", "Neighbourhood of residence (fictional).", required=True),
    _field("students", "integer", "Students living in the neighbourhood.", minimum=0),
    _field("bus_riders", "integer", "Students who ride a district bus.", minimum=0),
    _field(
        "median_ride_minutes",
        "number",
        "Median one-way bus ride in minutes (shown for 30 or more riders).",
        minimum=0,
    ),
    _field("mean_ride_minutes", "number", "Mean one-way bus ride in minutes.", minimum=0),
    _field(
        "chronic_absent_count",
        "integer",
        "Chronically absent students (same cells as outcomes.csv).",
        minimum=0,
    ),
    _field(
        "chronic_absent_suppressed", "string", "Why the count is hidden.", enum=SUPPRESSION_CODES
    ),
    _field("chronic_absent_rate_display", "string", "Chronic absenteeism rate for display."),
]

RESOURCE_FIELDS = [
    _field("school_year", "string", "School year.", required=True, pattern=YEAR_PATTERN),
    _field("school_id", "string", "School id.", required=True),
    _field("school_name", "string", "School name (fictional)."),
    _field("school_level", "string", "`elementary`, `middle` or `high`."),
    _field("students", "integer", "Students enrolled.", minimum=0),
    _field("teachers", "integer", "Classroom teachers (full-time equivalent, rounded).", minimum=0),
    _field(
        "teacher_avg_years_experience",
        "number",
        "Teachers' average years of teaching experience.",
        minimum=0,
    ),
    _field(
        "teacher_turnover_rate",
        "number",
        "Share of last year's teachers who left the school (0-1).",
        minimum=0,
        maximum=1,
    ),
    _field(
        "econ_disadvantaged_share",
        "number",
        "Share of students economically disadvantaged (0-1).",
        minimum=0,
        maximum=1,
    ),
]


def resource(name: str, fields: list[dict], description: str, title: str | None = None) -> dict:
    """Return a Frictionless tabular resource for ``<name>.csv``."""
    return {
        "name": name.replace("_", "-"),
        "path": f"{name}.csv",
        "title": title or name.replace("_", " ").capitalize(),
        "description": description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }


def package(
    name: str, title: str, description: str, resources: list[dict], min_cell: int, min_n: int
) -> dict:
    """Return a Frictionless data package descriptor with the suppression rules recorded."""
    return {
        "name": name,
        "title": title,
        "description": description,
        "profile": "tabular-data-package",
        "licenses": [
            {
                "name": "CC0-1.0",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
                "title": "CC0 1.0",
            }
        ],
        "equitykit_suppression": {
            "min_cell": min_cell,
            "min_n": min_n,
            "coding": "rates of groups under 300 shown as <=5% or >=95% when extreme",
        },
        "resources": resources,
    }
