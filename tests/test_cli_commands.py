import json
import subprocess
import sys

import pandas as pd
import pytest

from equitykit.cli import SUBCOMMANDS, build_parser, main
from tests.conftest_data import random_students


@pytest.fixture
def student_file(tmp_path):
    path = tmp_path / "students.csv"
    random_students(8, n=200, n_schools=2).to_csv(path, index=False)
    return path


def test_anonymize_then_audit_succeeds(student_file, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["anonymize", str(student_file), "--out", str(out), "--min-cell", "10"]) == 0
    assert "Wrote anonymized tables" in capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir())
    assert names == ["SHA256SUMS", "datapackage.json", "outcomes.csv", "schools.csv"]
    assert main(["audit", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "SAFE" in summary and "NOT SAFE" not in summary


def test_min_cell_and_min_n_are_recorded(student_file, tmp_path):
    out = tmp_path / "tables"
    code = main(
        ["anonymize", str(student_file), "--out", str(out), "--min-cell", "5"]
        + ["--min-n", "20", "--quiet"]
    )
    assert code == 0
    rules = json.loads((out / "datapackage.json").read_text())["equitykit_suppression"]
    assert rules["min_cell"] == 5 and rules["min_n"] == 20
    outcomes = pd.read_csv(out / "outcomes.csv")
    assert (outcomes["count"].dropna() >= 5).all()


def test_audit_fails_on_an_unsafe_folder(student_file, tmp_path, capsys):
    out = tmp_path / "tables"
    main(["anonymize", str(student_file), "--out", str(out), "--quiet"])
    outcomes = pd.read_csv(out / "outcomes.csv", dtype={"school_id": "string"})
    hidden = outcomes["suppressed"].eq("primary") & outcomes["level"].eq("school")
    first = outcomes.index[hidden][0]
    outcomes.loc[first, "count"] = 3  # publish a small cell by mistake
    outcomes.to_csv(out / "outcomes.csv", index=False)
    assert main(["audit", str(out)]) == 1
    assert "NOT SAFE" in capsys.readouterr().out


def test_audit_of_a_missing_folder_is_an_error(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err


def test_no_command_and_help():
    assert main([]) == 2
    assert main(["--help"]) == 0


def test_subcommands_are_registered_for_others_to_extend():
    assert len(SUBCOMMANDS) >= 2
    parser = build_parser()
    args = parser.parse_args(["audit", "x"])
    assert callable(args.handler)


def test_console_entry_point_runs_as_a_module(student_file, tmp_path):
    out = tmp_path / "tables"
    result = subprocess.run(
        [sys.executable, "-m", "equitykit.cli", "anonymize", str(student_file)]
        + ["--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "equitykit.cli", "anonymize", str(tmp_path / "x.csv"), "--out"]
        + [str(tmp_path / "y")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_survey_and_resources_complete_the_coach_folder(tmp_path, capsys):
    from equitykit.data.tables import list_tables, load_table
    from equitykit.district import generate_district

    district = generate_district(seed=5, n_students=6000, school_years=("2024-25",))
    keep = ["ACPS-E01", "ACPS-E02", "ACPS-M01", "ACPS-M02", "ACPS-H01"]
    students = tmp_path / "students.csv"
    district.students[district.students["school_id"].isin(keep)].to_csv(students, index=False)
    survey = tmp_path / "survey.csv"
    district.survey[district.survey["school_id"].isin(keep)].to_csv(survey, index=False)
    resources = tmp_path / "resources.csv"
    columns = ["school_year", "school_id", "teachers", "teacher_avg_years_experience"]
    district.school_resources.loc[
        district.school_resources["school_id"].isin(keep), [*columns, "teacher_turnover_rate"]
    ].to_csv(resources, index=False)
    out = tmp_path / "mine"
    args = ["anonymize", str(students), "--out", str(out), "--quiet"]
    code = main([*args, "--survey", str(survey), "--school-resources", str(resources)])
    assert code == 0, capsys.readouterr().err
    assert list_tables(out) == [
        "climate_survey",
        "outcomes",
        "school_resources",
        "schools",
        "transportation",
    ]
    climate = load_table("climate_survey", out)
    assert {"item", "respondents", "agree", "suppressed"} <= set(climate.columns)
    assert (climate["agree"].dropna() >= 10).all()
    assert load_table("school_resources", out)["teachers"].notna().all()
    assert main(["audit", str(out)]) == 0


def test_bad_survey_is_refused(tmp_path, capsys):
    students = tmp_path / "students.csv"
    random_students(1, n=80).to_csv(students, index=False)
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "school_year,school_id,race_ethnicity,sex,feel_safe_at_school\n"
        "2024-25,T-00,white,female,1\n2024-25,T-00,martian,male,0\n",
        encoding="utf-8",
    )
    out = tmp_path / "mine"
    code = main(["anonymize", str(students), "--out", str(out), "--survey", str(survey)])
    assert code == 5  # a value is wrong (see EXIT_CODES)
    assert "line 3, column 'race_ethnicity'" in capsys.readouterr().err
    assert not out.exists()
