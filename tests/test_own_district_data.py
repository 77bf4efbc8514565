"""A coach's own district: anonymize it with the CLI, then run the course on it unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from equitykit.analysis import summaries as report
from equitykit.data.tables import load_table
from equitykit.district import generate_district
from tests.conftest import REPO, build_book

pytestmark = pytest.mark.slow
EQUITYKIT = Path(sys.executable).parent / "equitykit"


@pytest.fixture(scope="module")
def own_district(tmp_path_factory) -> Path:
    """Another fictional district, put through the same steps a district data team takes."""
    work = tmp_path_factory.mktemp("own-district")
    students = generate_district(
        seed=11, n_students=6_000, with_neighbours=False, with_survey=False
    )
    students.students.to_csv(work / "students.csv", index=False)
    out = work / "tables"
    subprocess.run(
        [str(EQUITYKIT), "anonymize", str(work / "students.csv"), "--out", str(out), "--quiet"],
        check=True,
    )
    return out


def test_model_module_runs_unchanged_on_a_coaches_data(own_district, monkeypatch):
    notebook = nbformat.read(REPO / "modules" / "adaptive-work" / "practice.ipynb", as_version=4)
    monkeypatch.setenv("EQUITYKIT_DATA", str(own_district))
    NotebookClient(
        notebook,
        timeout=300,
        resources={"metadata": {"path": str(REPO / "modules" / "adaptive-work")}},
    ).execute()
    checked = next(c for c in notebook.cells if "NBVAL_CHECK_OUTPUT" in c.source)
    # a printed stream or a result (the TableView's text form)
    shown = "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in checked.outputs
    )
    expected = report.gap_summary(
        load_table("outcomes", own_district), "out_of_school_suspension", "race_ethnicity"
    )
    assert expected.to_string(index=False) in shown
    shipped = report.gap_summary(
        load_table("outcomes", REPO / "datasets" / "alder-creek"),
        "out_of_school_suspension",
        "race_ethnicity",
    )
    assert shipped.to_string(index=False) not in shown, "the notebook still shows Alder Creek"


def test_rebuilding_on_other_data_reruns_the_notebooks(own_district, tmp_path):
    """The execution cache is keyed by code; a change of data folder must still show."""
    root = tmp_path / "book"
    (root / "book").mkdir(parents=True)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    shutil.copy(REPO / "references.bib", root / "references.bib")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    (root / "book" / "index.md").write_text("# Home\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Enrolment"),
        nbformat.v4.new_code_cell(
            "from equitykit.data import tables as datasets\n"
            "t = datasets.load_table('outcomes')\n"
            "all_rows = t[(t['level'] == 'district') & (t['group'] == 'all')]\n"
            "print('students counted:', int(all_rows['enrolled'].max()))"
        ),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, root / "book" / "count.ipynb")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/count\n", encoding="utf-8"
    )

    def students_counted() -> str:
        html = (root / "_build" / "html" / "book" / "count.html").read_text(encoding="utf-8")
        return html.split("students counted: ")[1].split("<")[0].strip()

    env = dict(os.environ)
    env.pop("EQUITYKIT_DATA", None)
    os.environ.pop("EQUITYKIT_DATA", None)
    first = build_book(root, timeout=600)
    assert first.returncode == 0, first.output[-2000:]
    shipped = students_counted()
    try:
        os.environ["EQUITYKIT_DATA"] = str(own_district)
        second = build_book(root, timeout=600)
    finally:
        os.environ.pop("EQUITYKIT_DATA", None)
    assert second.returncode == 0, second.output[-2000:]
    assert students_counted() != shipped, "the rebuilt site still shows the shipped district"
    page = (root / "_build" / "html" / "book" / "count.html").read_text(encoding="utf-8")
    assert "own anonymized data, not the fictional Alder" in page, "no banner about the data"


def test_tables_a_district_lacks_come_from_the_fictional_district_with_a_warning(own_district):
    from equitykit.data.tables import FictionalTableWarning, source_note

    with pytest.warns(FictionalTableWarning, match="climate_survey"):
        survey = load_table("climate_survey", own_district)
    assert not survey.empty
    assert "fictional" in source_note(REPO / "datasets" / "alder-creek")
    assert own_district.name in source_note(own_district)
    with pytest.raises(Exception, match="no table named 'homework'"):
        load_table("homework", own_district)
