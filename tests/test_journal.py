"""The learner's journal: round trip, export, recovery and concurrent saves (tmp paths only)."""

import json
import multiprocessing
from pathlib import Path

import pytest

from equitykit.journal import (
    SCHEMA_VERSION,
    Entry,
    Journal,
    JournalError,
    JournalRecoveryWarning,
    default_journal_path,
)

pytestmark = pytest.mark.usefixtures("no_real_home")

MODULE_1 = "01-start-from-the-top"
MODULE_2 = "02-reading-the-data"


def test_default_path_uses_environment(tmp_path, monkeypatch):
    assert Journal().path == tmp_path / "env" / "journal.json"
    monkeypatch.delenv("EQUITYKIT_JOURNAL")
    assert default_journal_path() == tmp_path / "home" / ".equitykit" / "journal.json"


def test_round_trip(journal, tmp_path):
    journal.save_reflection(MODULE_1, "why-now", "Why does this work start now?", "Because...")
    journal.record_check(MODULE_1, "risk-ratio", "What does 2.0 mean?", "twice as likely", True)
    journal.record_check(MODULE_2, "cells", "Why suppress?", "to hide totals", False)

    reopened = Journal(tmp_path / "journal.json")
    [reflection] = reopened.reflections()
    assert reflection == Entry(
        "reflection",
        MODULE_1,
        "why-now",
        "Why does this work start now?",
        "Because...",
        "2026-03-14T09:30:00+00:00",
    )
    assert [c.correct for c in reopened.checks()] == [True, False]
    assert [c.entry_id for c in reopened.checks(MODULE_2)] == ["cells"]
    assert reopened.reflections(MODULE_2) == []

    stored = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    assert stored["version"] == SCHEMA_VERSION == 1
    assert len(stored["entries"]) == 3


def test_new_reflection_replaces_but_history_is_kept(journal):
    journal.save_reflection(MODULE_1, "why-now", "Why now?", "first thoughts")
    journal.save_reflection(MODULE_1, "other", "Other?", "other")
    journal.save_reflection(MODULE_1, "why-now", "Why now?", "second thoughts")
    assert [e.text for e in journal.reflections(MODULE_1)] == ["second thoughts", "other"]
    assert [e.text for e in journal.reflections(MODULE_1, history=True)] == [
        "first thoughts",
        "other",
        "second thoughts",
    ]
    assert journal.get("reflection", MODULE_1, "why-now").text == "second thoughts"
    assert journal.get("reflection", MODULE_1, "missing") is None


def test_plan_items(journal):
    journal.save_plan_item("coalition", "first-ally", "Ask Ms. Rivera to co-lead", label="Ally")
    journal.save_plan_item("coalition", "first-ally", "Ask Mr. Osei to co-lead", label="Ally")
    [item] = journal.plan_items("coalition")
    assert item.text == "Ask Mr. Osei to co-lead"
    assert journal.get("plan", "coalition", "first-ally") == item
    with pytest.raises(ValueError):
        journal.get("diary", "coalition", "first-ally")


def test_markdown_export(journal, tmp_path):
    journal.save_reflection(
        MODULE_1, "why-now", "Why does this work start now?", "Line one\nLine two"
    )
    journal.record_check(MODULE_1, "risk-ratio", "What does 2.0 mean?", "twice as likely", True)
    journal.record_check(MODULE_2, "cells", "Why suppress small cells?", "to look tidy", False)
    journal.save_plan_item("first 90 days", "listen", "Visit every school", label="Listening tour")

    markdown = journal.to_markdown()
    assert markdown.startswith("# My learning journal\n")
    assert "Exported 2026-03-14." in markdown
    assert f"## {MODULE_1}" in markdown
    assert "**Why does this work start now?** (2026-03-14)" in markdown
    assert "> Line one\n> Line two" in markdown
    assert (
        "- What does 2.0 mean? (2026-03-14): answered \u201ctwice as likely\u201d, correct"
        in markdown
    )
    assert "answered \u201cto look tidy\u201d, not yet correct" in markdown
    assert "## My leadership plan" in markdown
    assert "**Listening tour** (2026-03-14)" in markdown
    # grouped by module, in the order modules were first used
    assert markdown.index(f"## {MODULE_1}") < markdown.index(f"## {MODULE_2}")
    assert markdown.index("Why does this work") < markdown.index(f"## {MODULE_2}")

    written = journal.export_markdown(tmp_path / "export" / "journal.md")
    assert written.read_text(encoding="utf-8") == markdown


def test_empty_journal_exports(journal):
    assert "Nothing saved yet." in journal.to_markdown()
    assert journal.reflections() == []


def test_backup_is_kept(journal):
    journal.save_reflection(MODULE_1, "a", "A?", "alpha")
    assert journal.backup_path.name == "journal.json.bak"
    assert json.loads(journal.backup_path.read_text(encoding="utf-8")) == json.loads(
        journal.path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("damage", ["truncate", "not json", "empty", "wrong shape"])
def test_damaged_file_recovers_from_backup(journal, tmp_path, damage):
    journal.save_reflection(MODULE_1, "a", "A?", "alpha")
    journal.save_reflection(MODULE_1, "b", "B?", "beta")
    good = journal.path.read_text(encoding="utf-8")
    damaged = {
        "truncate": good[: len(good) // 2],
        "not json": "this is not json",
        "empty": "",
        "wrong shape": json.dumps([1, 2, 3]),
    }[damage]
    journal.path.write_text(damaged, encoding="utf-8")

    with pytest.warns(JournalRecoveryWarning, match="damaged file was kept"):
        texts = [entry.text for entry in journal.reflections()]
    assert texts == ["alpha", "beta"]

    [recovery] = journal.recoveries
    assert recovery.damaged_copy is not None
    assert recovery.damaged_copy.name.startswith("journal.json.damaged-")
    assert recovery.damaged_copy.read_text(encoding="utf-8") == damaged
    assert recovery.restored_from == journal.backup_path
    # the main file is good again and new saves work
    assert json.loads(journal.path.read_text(encoding="utf-8"))["version"] == 1
    journal.save_reflection(MODULE_1, "c", "C?", "gamma")
    assert [entry.text for entry in journal.reflections()] == ["alpha", "beta", "gamma"]


def test_damaged_file_without_backup_starts_empty_and_keeps_copy(journal):
    journal.path.write_text("{ broken", encoding="utf-8")
    with pytest.warns(JournalRecoveryWarning, match="starts empty"):
        journal.save_reflection(MODULE_1, "a", "A?", "alpha")
    [recovery] = journal.recoveries
    assert recovery.restored_from is None
    assert recovery.damaged_copy.read_text(encoding="utf-8") == "{ broken"
    assert [entry.text for entry in journal.reflections()] == ["alpha"]


def test_damaged_file_and_backup_are_both_kept(journal):
    journal.path.write_text("{ broken", encoding="utf-8")
    journal.backup_path.write_text("also broken", encoding="utf-8")
    with pytest.warns(JournalRecoveryWarning):
        journal.save_reflection(MODULE_1, "a", "A?", "alpha")
    kept = sorted(path.name for path in journal.path.parent.glob("*.damaged-*"))
    assert len(kept) == 2
    assert any(name.startswith("journal.json.bak.damaged-") for name in kept)


def test_missing_file_recovers_from_backup(journal):
    journal.save_reflection(MODULE_1, "a", "A?", "alpha")
    journal.path.unlink()
    with pytest.warns(JournalRecoveryWarning, match="was missing"):
        assert [entry.text for entry in journal.reflections()] == ["alpha"]
    assert journal.path.exists()


def test_newer_format_is_not_overwritten(journal):
    newer = json.dumps({"version": 99, "entries": []})
    journal.path.write_text(newer, encoding="utf-8")
    with pytest.raises(JournalError, match="newer version"):
        journal.save_reflection(MODULE_1, "a", "A?", "alpha")
    assert journal.path.read_text(encoding="utf-8") == newer


def test_no_temporary_files_left(journal):
    for i in range(5):
        journal.save_reflection(MODULE_1, f"p{i}", "P?", "text")
    names = {path.name for path in journal.path.parent.iterdir()}
    assert names == {"journal.json", "journal.json.bak", "journal.json.lock"}


def save_many(path: str, writer: str, count: int) -> None:
    journal = Journal(path)
    for i in range(count):
        journal.save_reflection("concurrency", f"{writer}-{i}", "Prompt", f"{writer} {i}")


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "shared" / "journal.json")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=save_many, args=(path, name, 50)) for name in "AB"]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
        assert process.exitcode == 0
    entries = Journal(path).reflections("concurrency")
    assert len(entries) == 100
    assert {entry.entry_id for entry in entries} == {
        f"{writer}-{i}" for writer in "AB" for i in range(50)
    }
    assert not list(Path(path).parent.glob("*.damaged-*"))
