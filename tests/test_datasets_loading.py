import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from equitykit.anonymize import anonymize_file, audit
from equitykit.anonymize.pipeline import OUTCOME_COLUMNS
from equitykit.data.tables import (
    SHIPPED_DIR,
    DatasetError,
    FictionalTableWarning,
    data_dir,
    list_tables,
    load_district_summary,
    load_outcomes,
    load_table,
)
from tests.conftest_data import random_students

SHIPPED_TABLES = [
    "climate_survey",
    "neighbour_districts",
    "outcomes",
    "school_resources",
    "schools",
    "transportation",
]


def test_shipped_folder_is_the_default(monkeypatch):
    monkeypatch.delenv("EQUITYKIT_DATA", raising=False)
    assert data_dir() == SHIPPED_DIR
    assert list_tables() == SHIPPED_TABLES


def test_outcomes_have_the_documented_columns_and_codes():
    outcomes = load_table("outcomes")
    assert list(outcomes.columns) == OUTCOME_COLUMNS
    assert set(outcomes["school_year"]) == {"2022-23", "2023-24", "2024-25"}
    assert set(outcomes["level"]) == {"district", "school"}
    assert outcomes.loc[outcomes["level"].eq("district"), "school_id"].isna().all()
    assert str(outcomes["count"].dtype) == "Int64"
    assert outcomes["suppressed"].dropna().isin(["primary", "complementary"]).all()
    hidden = outcomes["suppressed"].notna()
    assert outcomes.loc[hidden, "count"].isna().all()
    assert (outcomes["count"].dropna() >= 10).all()


def test_shipped_files_are_small_and_hold_no_student_rows():
    total = sum(p.stat().st_size for p in SHIPPED_DIR.iterdir())
    assert total < 5 * 2**20
    for path in SHIPPED_DIR.glob("*.csv"):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert "student_key" not in header


def test_datasheet_says_the_district_is_fictional():
    text = (SHIPPED_DIR / "datasheet.md").read_text(encoding="utf-8")
    assert text.count("\n# ") == 0 and text.startswith("# ")
    assert "fictional" in text.lower()[:600]
    assert "<div" not in text and "<br" not in text


def test_environment_variable_and_argument(tmp_path, monkeypatch):
    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED_DIR, copy)
    monkeypatch.setenv("EQUITYKIT_DATA", str(copy))
    assert data_dir() == copy
    assert len(load_table("schools")) == len(load_table("schools", SHIPPED_DIR))
    assert data_dir(SHIPPED_DIR) == SHIPPED_DIR


def test_checksum_mismatch_is_detected(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED_DIR, copy)
    with (copy / "schools.csv").open("a", encoding="utf-8") as handle:
        handle.write("ACPS-X99,Made-up School,high,9-12\n")
    with pytest.raises(DatasetError, match="does not match its checksum"):
        load_table("schools", copy)
    assert len(load_table("outcomes", copy)) > 0  # other tables still load


def test_unknown_table_lists_the_available_names():
    with pytest.raises(DatasetError) as caught:
        load_table("suspensions")
    message = str(caught.value)
    assert "suspensions" in message
    for name in SHIPPED_TABLES:
        assert name in message


def test_missing_folder_and_missing_checksums(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        load_table("outcomes", tmp_path / "nowhere")
    (tmp_path / "outcomes.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="SHA256SUMS"):
        load_table("outcomes", tmp_path)


def test_a_coachs_folder_loads_the_same_way(tmp_path, monkeypatch):
    out = anonymize_file(random_students(21, n=300, n_schools=3), tmp_path / "mine")
    monkeypatch.setenv("EQUITYKIT_DATA", str(out))
    assert list_tables() == ["outcomes", "schools"]
    mine = load_table("outcomes")
    assert list(mine.columns) == OUTCOME_COLUMNS
    assert mine.dtypes.equals(load_table("outcomes", SHIPPED_DIR).dtypes)
    with pytest.raises(DatasetError, match="available tables: outcomes, schools"):
        load_table("attendance_by_period")
    # a table a district's export may lack comes from the fictional district, with a warning
    with pytest.warns(FictionalTableWarning, match="school_resources"):
        assert not load_table("school_resources").empty


def test_conveniences():
    district = load_district_summary()
    assert set(district["level"]) == {"district"}
    assert district["school_year"].nunique() == 1
    oss = load_outcomes("out_of_school_suspension", level="school", group="sex")
    assert set(oss["subgroup"]) == {"female", "male"}


def test_datapackage_validates_with_frictionless():
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("frictionless")),
            "validate",
            "--json",
            str(SHIPPED_DIR / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert '"valid": true' in result.stdout


def test_checksums_cover_every_shipped_file():
    listed = {
        line.split("  ")[1]
        for line in (SHIPPED_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    }
    present = {p.name for p in SHIPPED_DIR.iterdir()} - {"SHA256SUMS"}
    assert listed == present
    for name in SHIPPED_TABLES:
        load_table(name)  # each one verifies


def test_audit_passes_on_every_shipped_table():
    report = audit(SHIPPED_DIR)
    assert report.safe, report.summary()
    assert set(report.cells["table"]) == {
        "outcomes.csv",
        "climate_survey.csv",
        "neighbour_districts.csv",
    }
    assert not report.problems


def test_transportation_matches_outcomes():
    transport = load_table("transportation")
    outcomes = load_outcomes("chronic_absenteeism", level="district", group="neighbourhood")
    merged = transport.merge(
        outcomes, left_on=["school_year", "neighbourhood"], right_on=["school_year", "subgroup"]
    )
    assert len(merged) == len(transport)
    assert merged["chronic_absent_count"].equals(merged["count"])
    assert isinstance(transport, pd.DataFrame)
