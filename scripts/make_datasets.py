"""Regenerate the shipped tables of the fictional Alder Creek Public Schools.

Usage::

    .venv/bin/python scripts/make_datasets.py [--seed 2024] [--out datasets/alder-creek]

Deterministic: the same seed gives byte-identical CSV files (and SHA256SUMS).
Only aggregate, suppressed tables are written; student-level rows never leave memory.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from equitykit.anonymize.audit import audit  # noqa: E402
from equitykit.anonymize.datapackage import (  # noqa: E402
    RESOURCE_FIELDS,
    SCHOOL_FIELDS,
    TRANSPORTATION_FIELDS,
    _field,
    package,
    resource,
    tidy_fields,
)
from equitykit.anonymize.extras import resources_table, survey_table  # noqa: E402
from equitykit.anonymize.pipeline import anonymize_students  # noqa: E402
from equitykit.anonymize.publish import write_folder  # noqa: E402
from equitykit.anonymize.schema import OUTCOMES  # noqa: E402
from equitykit.district import SURVEY_ITEMS, generate_district  # noqa: E402
from equitykit.district.generate import NEIGHBOUR_DISTRICTS  # noqa: E402

MIN_CELL = 10
MIN_N = 30


def climate_table(survey: pd.DataFrame) -> pd.DataFrame:
    """Aggregate and suppress the climate survey (respondents and agreement per item)."""
    return survey_table(survey, min_cell=MIN_CELL, min_n=MIN_N)


def neighbour_table(district) -> pd.DataFrame:
    """District-level suppressed outcomes of the three fictional neighbours."""
    frames = []
    for neighbour in NEIGHBOUR_DISTRICTS:
        students = district.neighbour_students
        rows = students[students["district_id"].eq(neighbour.district_id)].drop(
            columns=["district_id"]
        )
        tables = anonymize_students(rows, min_cell=MIN_CELL, min_n=MIN_N, by_school=False)
        table = tables["outcomes"]
        table = table[~table["group"].isin(["neighbourhood", "bus_ride_band"])]
        table = table[table["outcome"] != "rides_bus"]
        table.insert(0, "district_name", neighbour.district_name)
        table.insert(0, "district_id", neighbour.district_id)
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def describe(min_cell: int, min_n: int, survey_groups: list[str]) -> dict:
    """The datapackage.json descriptor of the shipped folder."""
    survey_fields = tidy_fields(
        outcome_name="item",
        enrolled_name="respondents",
        count_name="agree",
        rate_name="agree_rate",
        outcome_codes=list(SURVEY_ITEMS),
        outcome_description="Survey item: "
        + "; ".join(f"`{code}` = '{text}'" for code, text in SURVEY_ITEMS.items()),
        groups=survey_groups,
    )
    for field in survey_fields:
        if field["name"] == "subgroup":
            field["description"] += " For `lgbtq`: `yes`, `no`, `prefer_not_to_say`."
        if field["name"] == "agree":
            field["description"] = (
                "Respondents who agreed or strongly agreed. Empty when suppressed."
            )
    neighbour_fields = [
        _field("district_id", "string", "Fictional neighbouring district id.", required=True),
        _field("district_name", "string", "Fictional neighbouring district name.", required=True),
    ] + tidy_fields(outcome_codes=[o.code for o in OUTCOMES if o.code != "rides_bus"])
    resources = [
        resource(
            "outcomes",
            tidy_fields(),
            "Alder Creek (fictional): students enrolled and students with each outcome by "
            "district and school, student group and school year; small cells suppressed.",
        ),
        resource("schools", SCHOOL_FIELDS, "The 40 fictional schools of Alder Creek."),
        resource(
            "school_resources",
            RESOURCE_FIELDS,
            "Teachers' experience and turnover and the share of economically disadvantaged "
            "students, per school and year.",
            title="School resources",
        ),
        resource(
            "transportation",
            TRANSPORTATION_FIELDS,
            "Bus rides and chronic absenteeism by neighbourhood and school year.",
        ),
        resource(
            "climate_survey",
            survey_fields,
            "School climate survey (grades 6-12, a sample of respondents): respondents and "
            "respondents agreeing with each item, by group; small cells suppressed.",
            title="Climate survey",
        ),
        resource(
            "neighbour_districts",
            neighbour_fields,
            "District-level outcomes of three fictional neighbouring districts, for comparison.",
            title="Neighbouring districts",
        ),
    ]
    return package(
        "alder-creek-public-schools",
        "Alder Creek Public Schools (a FICTIONAL district): anonymized opportunity-gap tables",
        "Simulated, anonymized aggregate tables of a fictional U.S. school district for the "
        "adaptive equity leadership course. No real student, school or district is described. "
        "See datasheet.md.",
        resources,
        min_cell,
        min_n,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--n-students", type=int, default=50_000)
    parser.add_argument("--out", default=str(ROOT / "datasets" / "alder-creek"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    district = generate_district(seed=args.seed, n_students=args.n_students)
    print(
        f"generated {len(district.students):,} student rows in "
        f"{time.perf_counter() - started:.1f} s"
    )
    tables = anonymize_students(district.students, min_cell=MIN_CELL, min_n=MIN_N)
    print(f"outcomes: {len(tables['outcomes']):,} rows ({time.perf_counter() - started:.1f} s)")
    climate = climate_table(district.survey)
    print(f"climate survey: {len(climate):,} rows ({time.perf_counter() - started:.1f} s)")
    neighbours = neighbour_table(district)
    print(f"neighbours: {len(neighbours):,} rows ({time.perf_counter() - started:.1f} s)")
    shipped = {
        "outcomes": tables["outcomes"],
        "schools": district.schools[["school_id", "school_name", "school_level", "grades_served"]],
        "school_resources": resources_table(
            district.school_resources[
                ["school_year", "school_id", "teachers", "teacher_avg_years_experience"]
                + ["teacher_turnover_rate"]
            ],
            tables["outcomes"],
            district.schools,
        ),
        "transportation": tables["transportation"],
        "climate_survey": climate,
        "neighbour_districts": neighbours,
    }
    out = Path(args.out)
    datasheet = out / "datasheet.md"
    keep = datasheet.read_text(encoding="utf-8") if datasheet.is_file() else None

    def add_datasheet(folder: Path) -> None:
        if keep is not None:
            (folder / "datasheet.md").write_text(keep, encoding="utf-8")

    descriptor = describe(MIN_CELL, MIN_N, sorted(climate["group"].unique().tolist()))
    write_folder(out, shipped, descriptor, overwrite=True, extra=add_datasheet)
    report = audit(out)
    print(report.summary())
    print(f"done in {time.perf_counter() - started:.1f} s")
    shutil.rmtree(out.with_name(f".{out.name}.old"), ignore_errors=True)
    return 0 if report.safe else 1


if __name__ == "__main__":
    sys.exit(main())
