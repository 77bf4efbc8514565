"""The learner's journal: reflections, knowledge-check answers and plan notes, kept locally.

Everything a learner writes while working through the course is saved in one JSON file
on their own computer (never sent anywhere). By default that is
``~/.equitykit/journal.json``; the environment variable ``EQUITYKIT_JOURNAL`` or the
``path`` argument can point elsewhere.

The journal is written so that nothing is lost:

* every change is a read-modify-write under an exclusive lock (a sidecar ``.lock``
  file), so two notebooks saving at the same moment do not overwrite each other;
* the file is replaced atomically (a temporary file in the same folder, then
  ``os.replace``), so a crash mid-save leaves the previous version intact;
* the latest good copy is kept beside it as ``journal.json.bak``; when the main file is
  damaged (truncated, not JSON), it is set aside as ``journal.json.damaged-<time>``,
  the backup is restored, and the caller is told through :attr:`Journal.recoveries`
  and a :class:`JournalRecoveryWarning`, not an exception.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> journal = Journal(folder / "journal.json")
>>> _ = journal.save_reflection("m1", "why", "Why does this matter?", "Because...")
>>> [entry.text for entry in journal.reflections("m1")]
['Because...']
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "SCHEMA_VERSION",
    "Entry",
    "Journal",
    "JournalError",
    "JournalRecovery",
    "JournalRecoveryWarning",
    "default_journal_path",
]

SCHEMA_VERSION = 1
ENVIRONMENT_VARIABLE = "EQUITYKIT_JOURNAL"

REFLECTION = "reflection"
CHECK = "check"
PLAN = "plan"
_KINDS = (REFLECTION, CHECK, PLAN)


class JournalError(Exception):
    """The journal cannot be used safely (for example, it was written by a newer version)."""


class JournalRecoveryWarning(UserWarning):
    """The journal file was damaged or missing and was recovered."""


@dataclass(frozen=True)
class JournalRecovery:
    """What happened when a damaged journal was recovered.

    Parameters
    ----------
    message : str
        A plain-language account for the learner.
    damaged_copy : pathlib.Path or None
        Where the damaged file was set aside, if there was one.
    restored_from : pathlib.Path or None
        The backup the journal was restored from, or ``None`` when nothing could be
        restored and the journal starts empty.
    """

    message: str
    damaged_copy: Path | None
    restored_from: Path | None


@dataclass(frozen=True)
class Entry:
    """One saved item of the journal.

    Parameters
    ----------
    kind : str
        ``"reflection"``, ``"check"`` (a knowledge-check answer) or ``"plan"``.
    module : str
        The module (or, for plan items, the plan section) it belongs to.
    entry_id : str
        The prompt's, check's or plan item's identifier within the module.
    prompt : str
        The reflection prompt, the check's question or the plan item's label.
    text : str
        The learner's reflection, chosen answer or plan text.
    saved_at : str
        When it was saved, ISO 8601 in UTC.
    correct : bool or None
        For a knowledge check, whether the chosen answer was right; otherwise ``None``.
    """

    kind: str
    module: str
    entry_id: str
    prompt: str
    text: str
    saved_at: str
    correct: bool | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        """Build an entry from its JSON form."""
        return cls(
            kind=str(data["kind"]),
            module=str(data["module"]),
            entry_id=str(data["entry_id"]),
            prompt=str(data.get("prompt", "")),
            text=str(data.get("text", "")),
            saved_at=str(data["saved_at"]),
            correct=data.get("correct"),
        )


def default_journal_path() -> Path:
    """Return where the journal lives unless told otherwise.

    Returns
    -------
    pathlib.Path
        ``$EQUITYKIT_JOURNAL`` when set, else ``~/.equitykit/journal.json``.
    """
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".equitykit" / "journal.json"


def _empty() -> dict[str, Any]:
    return {"version": SCHEMA_VERSION, "entries": []}


def _utc_now() -> datetime:
    return datetime.now(UTC)


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if needed) for the block."""
    with open(lock_path, "a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _parse(text: str) -> dict[str, Any]:
    """Parse journal JSON; raise ``ValueError`` when it is not a usable journal."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ValueError("not a journal")
    version = data.get("version")
    if not isinstance(version, int):
        raise ValueError("journal without a version")
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"this journal was written by a newer version of equitykit (format {version}); "
            "update equitykit to open it. The file has not been changed."
        )
    for item in data["entries"]:
        Entry.from_dict(item)  # raises KeyError/TypeError on a malformed entry
    return data


def _read(path: Path) -> dict[str, Any]:
    try:
        return _parse(path.read_text(encoding="utf-8"))
    except JournalError:
        raise
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(str(error)) from error


class Journal:
    """A learner's journal of reflections, knowledge-check answers and plan notes.

    Parameters
    ----------
    path : str, pathlib.Path or None
        The journal file. ``None`` uses :func:`default_journal_path`.
    clock : callable, optional
        Returns the current time as an aware ``datetime``; for tests.

    Attributes
    ----------
    path : pathlib.Path
        The journal file.
    recoveries : list of JournalRecovery
        Every recovery from a damaged or missing file made by this object, oldest first.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = default_journal_path() if path is None else Path(path).expanduser()
        self.clock = clock or _utc_now
        self.recoveries: list[JournalRecovery] = []

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    # ------------------------------------------------------------------ files

    @property
    def backup_path(self) -> Path:
        """The latest good copy, ``journal.json.bak``."""
        return self.path.with_name(self.path.name + ".bak")

    @property
    def lock_path(self) -> Path:
        """The sidecar file locked during every read and write."""
        return self.path.with_name(self.path.name + ".lock")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive_lock(self.lock_path):
            yield

    def _set_aside(self, path: Path) -> Path:
        """Move a damaged file to ``<name>.damaged-<time>`` and return the new path."""
        stamp = self.clock().astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        counter = 1
        while target.exists():
            target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
            counter += 1
        os.replace(path, target)
        return target

    def _recover(self, damaged: bool, problem: str) -> dict[str, Any]:
        """Set a damaged file aside and restore the backup (call with the lock held)."""
        damaged_copy = self._set_aside(self.path) if damaged else None
        damaged_backup = None
        try:
            data = _read(self.backup_path)
        except FileNotFoundError:
            data, restored_from = _empty(), None
        except ValueError:
            # Keep a damaged backup too, before the next save replaces it.
            damaged_backup = self._set_aside(self.backup_path)
            data, restored_from = _empty(), None
        else:
            restored_from = self.backup_path
            _write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=2))
        what = f"The journal file {self.path} {problem}."
        if damaged_copy is not None:
            what += f" The damaged file was kept as {damaged_copy}."
        if damaged_backup is not None:
            what += f" The backup was damaged too and was kept as {damaged_backup}."
        if restored_from is not None:
            what += f" The last good copy ({restored_from.name}) was restored."
        else:
            what += " No good backup was found, so the journal starts empty."
        recovery = JournalRecovery(what, damaged_copy, restored_from)
        self.recoveries.append(recovery)
        warnings.warn(what, JournalRecoveryWarning, stacklevel=5)
        return data

    def _load(self) -> dict[str, Any]:
        """Read the journal (call with the lock held), recovering if needed."""
        try:
            return _read(self.path)
        except FileNotFoundError:
            if self.backup_path.exists():
                return self._recover(damaged=False, problem="was missing")
            return _empty()
        except ValueError as error:
            return self._recover(damaged=True, problem=f"could not be read ({error})")

    def _save(self, data: dict[str, Any]) -> None:
        """Write the journal and its backup (call with the lock held)."""
        text = json.dumps(data, ensure_ascii=False, indent=2)
        _write_atomically(self.path, text)
        _write_atomically(self.backup_path, text)

    def _add(self, entry: Entry) -> Entry:
        with self._locked():
            data = self._load()
            data["version"] = SCHEMA_VERSION
            data["entries"].append(asdict(entry))
            self._save(data)
        return entry

    def _entries(self, kind: str | None = None, module: str | None = None) -> list[Entry]:
        with self._locked():
            data = self._load()
        entries = [Entry.from_dict(item) for item in data["entries"]]
        return [
            entry
            for entry in entries
            if (kind is None or entry.kind == kind) and (module is None or entry.module == module)
        ]

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    # ----------------------------------------------------------- public API

    def save_reflection(self, module: str, prompt_id: str, prompt: str, text: str) -> Entry:
        """Save a reflection; an earlier answer to the same prompt is kept as history.

        Parameters
        ----------
        module : str
            The module's identifier, e.g. ``"01-start-from-the-top"``.
        prompt_id : str
            The prompt's identifier within the module.
        prompt : str
            The prompt as the learner saw it.
        text : str
            What the learner wrote.

        Returns
        -------
        Entry
            The saved entry.
        """
        return self._add(Entry(REFLECTION, module, prompt_id, prompt, text, self._now()))

    def reflections(self, module: str | None = None, *, history: bool = False) -> list[Entry]:
        """Return saved reflections, oldest first.

        Parameters
        ----------
        module : str, optional
            Only this module's reflections.
        history : bool, default False
            ``True`` returns every saved version; ``False`` only the latest answer to
            each prompt.

        Returns
        -------
        list of Entry
        """
        entries = self._entries(REFLECTION, module)
        return entries if history else _latest_per_prompt(entries)

    def record_check(
        self, module: str, check_id: str, question: str, chosen: str, correct: bool
    ) -> Entry:
        """Record an answer to a knowledge check (every attempt is kept).

        Parameters
        ----------
        module : str
            The module's identifier.
        check_id : str
            The check's identifier within the module.
        question : str
            The question as the learner saw it.
        chosen : str
            The answer the learner chose.
        correct : bool
            Whether it was right.

        Returns
        -------
        Entry
            The saved entry.
        """
        return self._add(
            Entry(CHECK, module, check_id, question, chosen, self._now(), bool(correct))
        )

    def checks(self, module: str | None = None) -> list[Entry]:
        """Return every recorded knowledge-check answer, oldest first.

        Parameters
        ----------
        module : str, optional
            Only this module's checks.

        Returns
        -------
        list of Entry
        """
        return self._entries(CHECK, module)

    def save_plan_item(self, section: str, item_id: str, text: str, *, label: str = "") -> Entry:
        """Save one item of the learner's leadership plan (for the capstone).

        Parameters
        ----------
        section : str
            The plan section, e.g. ``"coalition"`` or ``"first 90 days"``.
        item_id : str
            The item's identifier within the section.
        text : str
            What the learner wrote.
        label : str, optional
            A heading for the item in the export.

        Returns
        -------
        Entry
            The saved entry.
        """
        return self._add(Entry(PLAN, section, item_id, label, text, self._now()))

    def plan_items(self, section: str | None = None) -> list[Entry]:
        """Return the latest version of each plan item, oldest first.

        Parameters
        ----------
        section : str, optional
            Only this section's items.

        Returns
        -------
        list of Entry
        """
        return _latest_per_prompt(self._entries(PLAN, section))

    def get(self, kind: str, module: str, entry_id: str) -> Entry | None:
        """Return the latest entry of a kind for a module and identifier, if any.

        Handy for filling a reflection box with what the learner wrote last time.

        Parameters
        ----------
        kind : {"reflection", "check", "plan"}
            Which kind of entry.
        module : str
            The module (or plan section).
        entry_id : str
            The prompt's, check's or plan item's identifier.

        Returns
        -------
        Entry or None
        """
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}, not {kind!r}")
        matching = [entry for entry in self._entries(kind, module) if entry.entry_id == entry_id]
        return matching[-1] if matching else None

    def to_markdown(self) -> str:
        """Export the journal as readable Markdown, grouped by module, with dates.

        Returns
        -------
        str
            Reflections (latest version of each) and knowledge-check answers per module,
            in the order the modules were first used, then the plan.
        """
        entries = self._entries()
        lines = ["# My learning journal", "", f"Exported {_day(self._now())}.", ""]
        modules: dict[str, list[Entry]] = {}
        plan: dict[str, list[Entry]] = {}
        for entry in entries:
            (plan if entry.kind == PLAN else modules).setdefault(entry.module, []).append(entry)
        if not entries:
            lines += ["Nothing saved yet.", ""]
        for module, items in modules.items():
            lines += [f"## {module}", ""]
            reflections = _latest_per_prompt([e for e in items if e.kind == REFLECTION])
            if reflections:
                lines += ["### Reflections", ""]
                for entry in reflections:
                    lines += [f"**{entry.prompt}** ({_day(entry.saved_at)})", ""]
                    lines += [_quote(entry.text), ""]
            checks = [e for e in items if e.kind == CHECK]
            if checks:
                lines += ["### Knowledge checks", ""]
                for entry in checks:
                    verdict = "correct" if entry.correct else "not yet correct"
                    lines.append(
                        f"- {entry.prompt} ({_day(entry.saved_at)}): "
                        f"answered \u201c{entry.text}\u201d, {verdict}"
                    )
                lines.append("")
        if plan:
            lines += ["## My leadership plan", ""]
            for section, items in plan.items():
                lines += [f"### {section}", ""]
                for entry in _latest_per_prompt(items):
                    heading = entry.prompt or entry.entry_id
                    lines += [f"**{heading}** ({_day(entry.saved_at)})", ""]
                    lines += [_quote(entry.text), ""]
        return "\n".join(lines).rstrip("\n") + "\n"

    def export_markdown(self, path: str | Path) -> Path:
        """Write :meth:`to_markdown` to a file.

        Parameters
        ----------
        path : str or pathlib.Path
            Where to write the Markdown file.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        target = Path(path).expanduser()
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, self.to_markdown())
        return target


def _latest_per_prompt(entries: list[Entry]) -> list[Entry]:
    """Keep the latest entry per (module, entry_id), in the order prompts were first saved."""
    latest: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.module, entry.entry_id)
        latest[key] = entry
    return list(latest.values())


def _day(timestamp: str) -> str:
    try:
        return datetime.fromisoformat(timestamp).strftime("%Y-%m-%d")
    except ValueError:
        return timestamp


def _quote(text: str) -> str:
    lines = text.strip().splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)
