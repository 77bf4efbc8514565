"""Each bad input: a clear error naming the problem, its own exit code, and no output folder."""

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from equitykit.anonymize import (
    DelimiterError,
    DuplicateColumnError,
    DuplicateStudentError,
    EmptyInputError,
    EncodingError,
    EquityKitInputError,
    InvalidValueError,
    MissingColumnError,
    PersonalDataError,
    UnknownCodeError,
    UnsupportedFormatError,
    anonymize_file,
)
from equitykit.cli import main
from tests.conftest_data import random_students


@pytest.fixture
def good_rows() -> pd.DataFrame:
    return random_students(3, n=60, n_schools=2)


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False)
    return path


def run_cli(tmp_path: Path, source: Path, capsys) -> tuple[int, str, Path]:
    out = tmp_path / "tables"
    code = main(["anonymize", str(source), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    return code, captured.err, out


def corrupt(frame: pd.DataFrame, kind: str, tmp_path: Path) -> tuple[Path, str]:
    """Write a bad file; return it and a fragment the message must contain."""
    path = tmp_path / "students.csv"
    frame = frame.copy()
    if kind == "missing_column":
        write_csv(path, frame.drop(columns=["race_ethnicity"]))
        return path, "race_ethnicity"
    if kind == "unknown_code":
        frame["race_ethnicity"] = frame["race_ethnicity"].astype(object)
        frame.loc[4, "race_ethnicity"] = "Caucasian"
        write_csv(path, frame)
        return path, "line 6, column 'race_ethnicity': 'Caucasian'"
    if kind == "unknown_sex":
        frame["sex"] = frame["sex"].astype(object)
        frame.loc[0, "sex"] = "F"
        write_csv(path, frame)
        return path, "column 'sex'"
    if kind == "non_numeric":
        frame["oss_days"] = frame["oss_days"].astype(object)
        frame.loc[2, "oss_days"] = "three"
        write_csv(path, frame)
        return path, "line 4, column 'oss_days': 'three' is not a number"
    if kind == "negative":
        frame.loc[7, "oss_days"] = -2
        write_csv(path, frame)
        return path, "line 9, column 'oss_days': '-2' is negative"
    if kind == "bad_yes_no":
        frame["gifted"] = frame["gifted"].astype(object)
        frame.loc[1, "gifted"] = "maybe"
        write_csv(path, frame)
        return path, "column 'gifted'"
    if kind == "empty_file":
        path.write_bytes(b"")
        return path, "empty"
    if kind == "header_only":
        path.write_text(",".join(frame.columns) + "\n", encoding="utf-8")
        return path, "no student rows"
    if kind == "semicolons":
        frame.to_csv(path, index=False, sep=";")
        return path, "semicolons"
    if kind == "tabs":
        frame.to_csv(path, index=False, sep="\t")
        return path, "tabs"
    if kind == "latin1":
        frame["school_id"] = frame["school_id"].astype(object)
        frame.loc[3, "school_id"] = "Éc-1"
        path.write_bytes(frame.to_csv(index=False).encode("latin-1"))
        return path, "not UTF-8"
    if kind == "utf16":
        path.write_bytes(frame.to_csv(index=False).encode("utf-16"))
        return path, "UTF-16"
    if kind == "duplicate":
        frame = pd.concat([frame, frame.iloc[[5]]], ignore_index=True)
        write_csv(path, frame)
        return path, f"student_key '{frame.loc[5, 'student_key']}' appears more than once"
    if kind == "empty_required":
        frame["school_id"] = frame["school_id"].astype(object)
        frame.loc[10, "school_id"] = None
        write_csv(path, frame)
        return path, "line 12, column 'school_id'"
    if kind == "bad_year":
        frame["school_year"] = frame["school_year"].astype(object)
        frame.loc[0, "school_year"] = "2024"
        write_csv(path, frame)
        return path, "school_year"
    if kind == "ragged_row":
        lines = frame.to_csv(index=False).splitlines()
        lines[5] += ",surplus"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path, "line 6: the row has"
    if kind == "xlsx_renamed_csv":
        with zipfile.ZipFile(path, "w") as book:
            book.writestr("[Content_Types].xml", "<Types/>")
            book.writestr("xl/workbook.xml", "<workbook/>")
        return path, "Excel workbook"
    if kind == "duplicate_header":
        frame["Sex "] = frame["sex"]
        write_csv(path, frame)
        return path, "both 'sex' and 'Sex '"
    if kind == "blank_neighbourhood":
        frame["neighbourhood"] = ["north" if i % 4 else "" for i in range(len(frame))]
        write_csv(path, frame)
        return path, "line 2, column 'neighbourhood'"
    if kind == "names_by_content":
        first = ["Maria", "John", "Aiyana", "Wei", "Sam", "Ana", "Luis", "Grace"]
        last = ["Lopez", "Smith", "Begay", "Chen", "Okafor", "Silva", "Nguyen", "Brown"]
        frame["stu_nm"] = [f"{first[i % 8]} {last[i // 8 % 8]}" for i in range(len(frame))]
        write_csv(path, frame)
        return path, "column 'stu_nm' contains values that look like people's names"
    if kind == "ids_by_content":
        frame["local_code"] = [str(100_000_000 + 7919 * i) for i in range(len(frame))]
        write_csv(path, frame)
        return path, "column 'local_code' contains values that look like student ID numbers"
    if kind == "wrong_extension":
        path = tmp_path / "students.xlsx"
        path.write_bytes(b"PK\x03\x04")
        return path, "CSV UTF-8"
    raise AssertionError(kind)


CASES = {
    "missing_column": MissingColumnError,
    "unknown_code": UnknownCodeError,
    "unknown_sex": UnknownCodeError,
    "non_numeric": InvalidValueError,
    "negative": InvalidValueError,
    "bad_yes_no": UnknownCodeError,
    "empty_file": EmptyInputError,
    "header_only": EmptyInputError,
    "semicolons": DelimiterError,
    "tabs": DelimiterError,
    "latin1": EncodingError,
    "utf16": EncodingError,
    "duplicate": DuplicateStudentError,
    "empty_required": InvalidValueError,
    "bad_year": InvalidValueError,
    "wrong_extension": UnsupportedFormatError,
    "ragged_row": InvalidValueError,
    "xlsx_renamed_csv": UnsupportedFormatError,
    "duplicate_header": DuplicateColumnError,
    "blank_neighbourhood": InvalidValueError,
    "names_by_content": PersonalDataError,
    "ids_by_content": PersonalDataError,
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_input_is_refused_through_the_cli(kind, good_rows, tmp_path, capsys):
    source, fragment = corrupt(good_rows, kind, tmp_path)
    code, err, out = run_cli(tmp_path, source, capsys)
    assert code == CASES[kind].exit_code
    assert code not in (0, 1)  # 1 means "audit: not safe"
    assert fragment in err
    assert "Traceback" not in err
    assert not out.exists()
    assert not any(p.name.startswith(".tables") for p in tmp_path.iterdir())


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_input_raises_one_error_family(kind, good_rows, tmp_path):
    source, fragment = corrupt(good_rows, kind, tmp_path)
    with pytest.raises(CASES[kind]) as caught:
        anonymize_file(source, tmp_path / "out")
    assert isinstance(caught.value, EquityKitInputError)
    assert fragment in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_parquet_input_works_and_good_csv_works(good_rows, tmp_path, capsys):
    parquet = tmp_path / "students.parquet"
    good_rows.to_parquet(parquet)
    assert main(["anonymize", str(parquet), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    csv = write_csv(tmp_path / "students.csv", good_rows)
    assert main(["anonymize", str(csv), "--out", str(tmp_path / "b"), "--quiet"]) == 0
    a = (tmp_path / "a" / "outcomes.csv").read_text(encoding="utf-8")
    b = (tmp_path / "b" / "outcomes.csv").read_text(encoding="utf-8")
    assert a == b


def test_existing_output_is_not_overwritten(good_rows, tmp_path, capsys):
    csv = write_csv(tmp_path / "students.csv", good_rows)
    out = tmp_path / "tables"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["anonymize", str(csv), "--out", str(out), "--quiet"]) == 7
    assert "already exists" in capsys.readouterr().err
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert main(["anonymize", str(csv), "--out", str(out), "--quiet", "--overwrite"]) == 0
    assert (out / "outcomes.csv").is_file() and not (out / "keep.txt").exists()


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    code = main(["anonymize", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_every_kind_of_failure_has_its_own_documented_exit_code(capsys):
    from equitykit.anonymize import errors

    kinds = {
        errors.UnsupportedFormatError,
        errors.MissingColumnError,
        errors.InvalidValueError,
        errors.PersonalDataError,
        errors.OutputError,
    }
    codes = [k.exit_code for k in kinds]
    assert len(set(codes)) == len(codes) and 1 not in codes and 0 not in codes
    assert set(codes) <= set(errors.EXIT_CODES)
    assert main(["anonymize", "--help"]) == 0
    shown = capsys.readouterr().out
    for code in errors.EXIT_CODES:
        assert f"  {code:>2}  " in shown


def test_an_unwritable_out_is_refused_before_any_work(good_rows, tmp_path, capsys):
    csv = write_csv(tmp_path / "students.csv", good_rows)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["anonymize", str(csv), "--out", str(blocker / "tables"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 7
    assert "cannot write the output folder" in err and "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_overwrite_that_cannot_replace_the_folder_leaves_it_untouched(
    good_rows, tmp_path, capsys, monkeypatch
):
    csv = write_csv(tmp_path / "students.csv", good_rows)
    out = tmp_path / "tables"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    real_rename = Path.rename

    def refuse(self, target):
        if Path(target).name == ".tables.old":
            raise PermissionError(13, "Permission denied")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    code = main(["anonymize", str(csv), "--out", str(out), "--quiet", "--overwrite"])
    err = capsys.readouterr().err
    assert code == 7
    assert "Permission denied" in err and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tables")] == []
