"""The ``equitykit anonymize`` entry point: a student file in, a safe folder out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from equitykit.anonymize.audit import audit
from equitykit.anonymize.datapackage import (
    RESOURCE_FIELDS,
    SCHOOL_FIELDS,
    TRANSPORTATION_FIELDS,
    package,
    resource,
    tidy_fields,
)
from equitykit.anonymize.extras import resources_table, survey_table
from equitykit.anonymize.pipeline import anonymize_students
from equitykit.anonymize.publish import write_folder


def describe_tables(
    tables: dict[str, pd.DataFrame], *, name: str, title: str, min_cell: int, min_n: int
) -> dict:
    """Build the ``datapackage.json`` descriptor for tables written by ``anonymize``."""
    resources = []
    if "outcomes" in tables:
        codes = sorted(tables["outcomes"]["outcome"].dropna().unique().tolist())
        groups = sorted(tables["outcomes"]["group"].dropna().unique().tolist())
        resources.append(
            resource(
                "outcomes",
                tidy_fields(outcome_codes=codes, groups=groups),
                "Students enrolled and students with each outcome, by district and school, "
                "student group and school year, with small cells suppressed.",
            )
        )
    if "schools" in tables:
        resources.append(resource("schools", SCHOOL_FIELDS, "One row per school."))
    if "transportation" in tables:
        resources.append(
            resource(
                "transportation",
                TRANSPORTATION_FIELDS,
                "Bus rides and chronic absenteeism by neighbourhood and school year.",
            )
        )
    if "school_resources" in tables:
        resources.append(
            resource(
                "school_resources",
                RESOURCE_FIELDS,
                "Teachers and students per school and year.",
                title="School resources",
            )
        )
    if "climate_survey" in tables:
        resources.append(survey_resource(tables["climate_survey"]))
    return package(
        name,
        title,
        "Anonymized aggregate tables written by `equitykit anonymize`. "
        f"Counts under {min_cell} are suppressed, with complementary suppression checked "
        "by a linear-programming audit.",
        resources,
        min_cell,
        min_n,
    )


def anonymize_file(
    students: str | Path | pd.DataFrame,
    out_dir: str | Path,
    *,
    min_cell: int = 10,
    min_n: int = 30,
    overwrite: bool = False,
    progress: bool | None = None,
    verify: bool = False,
    survey: str | Path | None = None,
    school_resources: str | Path | None = None,
    name: str = "my-district",
    title: str = "My district: anonymized opportunity-gap tables",
) -> Path:
    """Anonymize a student file into a folder that :func:`equitykit.data.tables.load_table` reads.

    Parameters
    ----------
    students
        CSV or Parquet file (or DataFrame) in the schema of ``datasets/input-schema.md``.
    out_dir
        The folder to create; nothing is written if any check fails.
    min_cell, min_n
        Minimum cell size and minimum n-size.
    overwrite
        Replace ``out_dir`` if it exists.
    progress
        Show a progress bar (default: for large files).
    verify
        Also run the independent audit on the new tables before writing them. The
        suppression already proves every hidden cell safe with the same linear
        programs, so this doubles the work; ``equitykit audit DIR`` does it afterwards.
    survey
        Optional respondent-level climate survey file (writes ``climate_survey.csv``).
    school_resources
        Optional school-level resources file (writes ``school_resources.csv``).
    name, title
        Name and title recorded in ``datapackage.json``.

    Returns
    -------
    pathlib.Path
        The folder written.

    Raises
    ------
    EquityKitInputError
        A subclass naming the problem with the input.
    RuntimeError
        If the audit of the new tables fails (a bug; nothing is written).
    """
    if min_cell < 1 or min_n < 1:
        raise ValueError("min_cell and min_n must be at least 1")
    target = Path(out_dir)
    if target.exists() and not overwrite:
        from equitykit.anonymize.errors import OutputExistsError

        raise OutputExistsError(
            f"'{out_dir}' already exists; choose a new folder or pass --overwrite."
        )
    tables = anonymize_students(students, min_cell=min_cell, min_n=min_n, progress=progress)
    if survey is not None:
        tables["climate_survey"] = survey_table(survey, min_cell=min_cell, min_n=min_n)
    if school_resources is not None:
        tables["school_resources"] = resources_table(
            school_resources, tables["outcomes"], tables["schools"]
        )
    if verify:
        report = audit(tables["outcomes"], min_cell=min_cell)
        if not report.safe:
            raise RuntimeError("the suppressed tables failed their own audit:\n" + report.summary())
    descriptor = describe_tables(tables, name=name, title=title, min_cell=min_cell, min_n=min_n)
    return write_folder(target, tables, descriptor, overwrite=overwrite)


def survey_resource(table: pd.DataFrame) -> dict:
    """Describe ``climate_survey.csv`` (tidy layout with survey column names)."""
    fields = tidy_fields(
        outcome_name="item",
        enrolled_name="respondents",
        count_name="agree",
        rate_name="agree_rate",
        outcome_codes=sorted(table["item"].dropna().unique().tolist()),
        outcome_description="Survey item (agree or strongly agree counts as agreeing)",
        groups=sorted(table["group"].dropna().unique().tolist()),
    )
    for field in fields:
        if field["name"] == "subgroup":
            field["description"] += " For `lgbtq`: `yes`, `no`, `prefer_not_to_say`."
        if field["name"] == "agree":
            field["description"] = "Respondents who agreed. Empty when suppressed."
    return resource(
        "climate_survey",
        fields,
        "Climate survey respondents and agreement per item and group; small cells suppressed.",
        title="Climate survey",
    )
