"""Every reference is complete: a title, who published it, and a date or why there is none."""

from __future__ import annotations

from pathlib import Path

from equitykit.content.bibliography import read_bibliography

REPO = Path(__file__).resolve().parents[1]
WHO = {"author", "organization", "publisher", "institution", "editor"}
NO_DATE = ("no date", "no publication date", "date not recorded", "no single date")


def test_every_entry_names_its_title_its_publisher_and_its_date():
    problems = []
    for key, entry in read_bibliography(REPO / "references.bib").items():
        fields = entry.fields
        if not fields.get("title"):
            problems.append(f"{key}: no title")
        if not (WHO & set(fields)):
            problems.append(f"{key}: no author or publishing organisation")
        explained = " ".join(fields.get(f, "") for f in ("note", "howpublished")).lower()
        if not (entry.year or fields.get("date") or any(p in explained for p in NO_DATE)):
            problems.append(f"{key}: no year, and no note saying why there is none")
    assert not problems, "\n".join(problems)
