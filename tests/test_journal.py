"""The learner's journal in JupyterLab: items by key, history, recovery, concurrent saves and
the move from the version-1 journal to the one key scheme (tmp paths only)."""

import json
import multiprocessing
from pathlib import Path

import pytest

from equitykit.journal import (
    HISTORY_PER_KEY,
    SCHEMA_VERSION,
    Journal,
    JournalError,
    JournalRecoveryWarning,
    default_journal_path,
)

pytestmark = pytest.mark.usefixtures("no_real_home")

REFLECT = "adaptive-work/reflect"


def test_default_path_uses_environment(tmp_path, monkeypatch):
    assert Journal().path == tmp_path / "env" / "journal.json"
    monkeypatch.delenv("EQUITYKIT_JOURNAL")
    assert default_journal_path() == tmp_path / "home" / ".equitykit" / "journal.json"


def test_round_trip_by_key(journal, tmp_path):
    saved = journal.save(REFLECT, {"texts": {"r1": "Because..."}})
    assert saved == {"texts": {"r1": "Because..."}, "saved_at": "2026-03-14T09:30:00+00:00"}
    journal.save("adaptive-work/knowledge-check", {"answers": {"q1": {"option": "b"}}})
    reopened = Journal(tmp_path / "journal.json")
    assert reopened.get(REFLECT)["texts"] == {"r1": "Because..."}
    assert set(reopened.items()) == {REFLECT, "adaptive-work/knowledge-check"}
    assert reopened.items([REFLECT, "missing/key"]) == {REFLECT: saved}
    assert reopened.get("missing/key") is None
    stored = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    assert stored["version"] == SCHEMA_VERSION == 2


def test_a_new_version_replaces_the_item_and_the_old_one_is_kept_in_history(journal):
    journal.save(REFLECT, {"texts": {"r1": "first"}})
    journal.save(REFLECT, {"texts": {"r1": "second"}, "saved_at": "2026-03-15T00:00:00+00:00"})
    assert journal.get(REFLECT)["texts"]["r1"] == "second"
    assert [h["texts"]["r1"] for h in journal.history(REFLECT)] == ["first"]
    for n in range(HISTORY_PER_KEY + 5):
        journal.save(REFLECT, {"texts": {"r1": f"v{n}"}})
    assert len(journal.history(REFLECT)) == HISTORY_PER_KEY


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("no-slash", {}, "looks like '<module>/<activity id>'"),
        ("a/b/c", {}, "looks like"),
        (REFLECT, ["not", "an", "object"], "must be a JSON object"),
        (REFLECT, {"texts": {"r1": "x" * 1_100_000}}, "at most 1,000,000 bytes"),
    ],
)
def test_bad_items_are_refused_and_nothing_is_written(journal, key, value, problem):
    with pytest.raises(ValueError, match=problem):
        journal.save(key, value)
    assert not journal.path.exists()


def test_backup_is_kept(journal):
    journal.save(REFLECT, {"texts": {"r1": "alpha"}})
    assert journal.backup_path.name == "journal.json.bak"
    assert json.loads(journal.backup_path.read_text(encoding="utf-8")) == json.loads(
        journal.path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("damage", ["truncate", "not json", "empty", "wrong shape"])
def test_damaged_file_recovers_from_backup(journal, damage):
    journal.save(REFLECT, {"texts": {"r1": "alpha"}})
    journal.save("adaptive-work/sort-challenges", {"choices": {"s1": "technical"}})
    good = journal.path.read_text(encoding="utf-8")
    damaged = {
        "truncate": good[: len(good) // 2],
        "not json": "this is not json",
        "empty": "",
        "wrong shape": json.dumps([1, 2, 3]),
    }[damage]
    journal.path.write_text(damaged, encoding="utf-8")
    with pytest.warns(JournalRecoveryWarning, match="damaged file was kept"):
        items = journal.items()
    assert items[REFLECT]["texts"]["r1"] == "alpha"
    [recovery] = journal.recoveries
    assert recovery.damaged_copy.name.startswith("journal.json.damaged-")
    assert recovery.damaged_copy.read_text(encoding="utf-8") == damaged
    assert recovery.restored_from == journal.backup_path
    journal.save("adaptive-work/knowledge-check", {"answers": {}})
    assert len(journal.items()) == 3


def test_damaged_file_without_backup_starts_empty_and_keeps_copy(journal):
    journal.path.write_text("{ broken", encoding="utf-8")
    with pytest.warns(JournalRecoveryWarning, match="starts empty"):
        journal.save(REFLECT, {"texts": {"r1": "alpha"}})
    [recovery] = journal.recoveries
    assert recovery.restored_from is None
    assert recovery.damaged_copy.read_text(encoding="utf-8") == "{ broken"
    assert list(journal.items()) == [REFLECT]


def test_missing_file_recovers_from_backup(journal):
    journal.save(REFLECT, {"texts": {"r1": "alpha"}})
    journal.path.unlink()
    with pytest.warns(JournalRecoveryWarning, match="was missing"):
        assert journal.get(REFLECT)["texts"]["r1"] == "alpha"
    assert journal.path.exists()


def test_newer_format_is_not_overwritten(journal):
    newer = json.dumps({"version": 99, "items": {}})
    journal.path.write_text(newer, encoding="utf-8")
    with pytest.raises(JournalError, match="newer version"):
        journal.save(REFLECT, {"texts": {}})
    assert journal.path.read_text(encoding="utf-8") == newer


def test_no_temporary_files_left(journal):
    for i in range(5):
        journal.save(f"adaptive-work/item-{i}", {"n": i})
    names = {path.name for path in journal.path.parent.iterdir()}
    assert names == {"journal.json", "journal.json.bak", "journal.json.lock"}


# A journal written by version 1 of the kit, as its widgets wrote it in JupyterLab.
VERSION_1 = {
    "version": 1,
    "entries": [
        {
            "kind": "reflection",
            "module": "adaptive-work",
            "entry_id": "r1",
            "prompt": "Think of a time you pushed back on a change at work...",
            "text": "When our schedule changed.",
            "saved_at": "2026-01-05T10:00:00+00:00",
            "correct": None,
        },
        {
            "kind": "reflection",
            "module": "adaptive-work",
            "entry_id": "r1",
            "prompt": "Think of a time...",
            "text": "When our schedule changed, I lost my planning time.",
            "saved_at": "2026-01-06T10:00:00+00:00",
            "correct": None,
        },
        {
            "kind": "check",
            "module": "build-a-coalition",
            "entry_id": "q1",
            "prompt": "At a fictional Alder Creek middle school...",
            "text": "3.0",
            "saved_at": "2026-01-07T10:00:00+00:00",
            "correct": True,
        },
        {
            "kind": "plan",
            "module": "gap",
            "entry_id": "capstone",
            "prompt": "The gap",
            "text": "English learners and honors courses at Eastgate.",
            "saved_at": "2026-01-08T10:00:00+00:00",
            "correct": None,
        },
        {
            "kind": "reflection",
            "module": "a-module-since-removed",
            "entry_id": "r9",
            "prompt": "?",
            "text": "kept all the same",
            "saved_at": "2026-01-08T11:00:00+00:00",
            "correct": None,
        },
    ],
}


def test_a_version_1_journal_moves_to_the_new_keys_and_nothing_is_lost(journal):
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    original = json.dumps(VERSION_1)
    journal.path.write_text(original, encoding="utf-8")
    items = journal.items()
    assert items["adaptive-work/reflect"]["texts"] == {
        "r1": "When our schedule changed, I lost my planning time."
    }
    assert [h["texts"]["r1"] for h in journal.history("adaptive-work/reflect")] == [
        "When our schedule changed."
    ]
    # version 1 kept the option's text; the question's option "3.0" has the id "b"
    assert items["build-a-coalition/knowledge-check"]["answers"] == {
        "q1": {"option": "b", "at": "2026-01-07T10:00:00+00:00"}
    }
    assert items["capstone/write-plan"]["sections"] == {
        "gap": "English learners and honors courses at Eastgate."
    }
    stored = json.loads(journal.path.read_text(encoding="utf-8"))
    assert stored["version"] == 2
    assert stored["unmatched"] == [VERSION_1["entries"][-1]]
    assert journal.path.with_name("journal.json.v1").read_text(encoding="utf-8") == original


def save_many(path: str, writer: str, count: int) -> None:
    journal = Journal(path)
    for i in range(count):
        journal.save(f"concurrency/{writer}-{i}", {"text": f"{writer} {i}"})


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "shared" / "journal.json")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=save_many, args=(path, name, 50)) for name in "AB"]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
        assert process.exitcode == 0
    items = Journal(path).items()
    assert set(items) == {f"concurrency/{writer}-{i}" for writer in "AB" for i in range(50)}
    assert not list(Path(path).parent.glob("*.damaged-*"))
