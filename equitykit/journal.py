"""The learner's journal in JupyterLab: their saved work, kept in one file on their computer.

On the published site a learner's work stays in their browser. In JupyterLab it is kept in
one JSON file on their own computer (never sent anywhere): ``~/.equitykit/journal.json`` by
default, or wherever ``EQUITYKIT_JOURNAL`` or the ``path`` argument points. The widgets'
browser code reads and writes it through Python (see :mod:`equitykit.widgets.base`); Python
only stores what the browser computed and never re-derives it.

The journal is a store of items keyed like the browser's (``<module>/<activity id>``, see
:mod:`equitykit.content.keys`), each item the activity's saved work as a JSON object. Earlier
versions of an item are kept in ``history`` (the latest :data:`HISTORY_PER_KEY` per key).

The file is written so that nothing is lost:

* every change is a read-modify-write under an exclusive lock (a sidecar ``.lock`` file),
  so two notebooks saving at the same moment do not overwrite each other;
* the file is replaced atomically (a temporary file in the same folder, then
  ``os.replace``), so a crash mid-save leaves the previous version intact;
* the latest good copy is kept beside it as ``journal.json.bak``; when the main file is
  damaged (truncated, not JSON), it is set aside as ``journal.json.damaged-<time>``, the
  backup is restored, and the caller is told through :attr:`Journal.recoveries` and a
  :class:`JournalRecoveryWarning`, not an exception;
* a journal written by version 1 of the kit (a list of entries by kind) is converted on
  first use, and the original is kept beside it as ``journal.json.v1``.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> journal = Journal(folder / "journal.json")
>>> _ = journal.save("adaptive-work/reflect", {"texts": {"r1": "Because..."}})
>>> journal.get("adaptive-work/reflect")["texts"]
{'r1': 'Because...'}
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "HISTORY_PER_KEY",
    "MAX_ITEM_BYTES",
    "SCHEMA_VERSION",
    "Journal",
    "JournalError",
    "JournalRecovery",
    "JournalRecoveryWarning",
    "default_journal_path",
]

SCHEMA_VERSION = 2
ENVIRONMENT_VARIABLE = "EQUITYKIT_JOURNAL"
#: Earlier versions of one item kept in the history.
HISTORY_PER_KEY = 20
#: The largest item (as JSON) the journal accepts.
MAX_ITEM_BYTES = 1_000_000


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
    return {"version": SCHEMA_VERSION, "items": {}, "history": []}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _parse(text: str) -> dict[str, Any]:
    """Parse journal JSON; raise ``ValueError`` when it is not a usable journal."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a journal")
    version = data.get("version")
    if not isinstance(version, int):
        raise ValueError("journal without a version")
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"this journal was written by a newer version of equitykit (format {version}); "
            "update equitykit to open it. The file has not been changed."
        )
    if version == 1:
        if not isinstance(data.get("entries"), list):
            raise ValueError("not a journal")
        return data
    if not isinstance(data.get("items"), dict) or not isinstance(data.get("history"), list):
        raise ValueError("not a journal")
    for key, value in data["items"].items():
        if not isinstance(key, str) or not isinstance(value, dict):
            raise ValueError(f"item {key!r} is not a saved activity")
    return data


def _read(path: Path) -> dict[str, Any]:
    try:
        return _parse(path.read_text(encoding="utf-8"))
    except JournalError:
        raise
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(str(error)) from error


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


class Journal:
    """A learner's saved work in JupyterLab, one JSON file on their computer.

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
            if data["version"] == 1:
                from equitykit.journal_migration import upgrade_v1

                data = upgrade_v1(data)
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
        """Read the journal (call with the lock held), recovering or converting if needed."""
        try:
            data = _read(self.path)
            return self._upgrade(data) if data["version"] == 1 else data
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

    def _upgrade(self, data: dict[str, Any]) -> dict[str, Any]:
        """Convert a version-1 journal (call with the lock held); keep the original copy."""
        from equitykit.journal_migration import upgrade_v1

        upgraded = upgrade_v1(data)
        shutil.copy2(self.path, self.path.with_name(self.path.name + ".v1"))
        self._save(upgraded)
        return upgraded

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    # ----------------------------------------------------------- public API

    def items(self, keys: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Return the latest saved work of every item (or of these keys only).

        Parameters
        ----------
        keys
            The keys wanted; ``None`` returns every item.

        Returns
        -------
        dict
            Key -> the saved value (a JSON object).
        """
        with self._locked():
            data = self._load()
        items = data["items"]
        if keys is None:
            return {k: dict(v) for k, v in items.items()}
        return {k: dict(items[k]) for k in keys if k in items}

    def get(self, key: str) -> dict[str, Any] | None:
        """Return the latest saved work under one key, or ``None``."""
        return self.items([key]).get(key)

    def save(self, key: str, value: Mapping[str, Any]) -> dict[str, Any]:
        """Save an item; its previous version goes to the history.

        Parameters
        ----------
        key
            ``"<module>/<activity id>"``.
        value
            The activity's saved work, a JSON object; ``saved_at`` is added when missing.

        Returns
        -------
        dict
            The value as saved.

        Raises
        ------
        ValueError
            When the key is not ``<module>/<activity id>``, or the value is not a JSON
            object of at most :data:`MAX_ITEM_BYTES`.
        """
        if not isinstance(key, str) or key.count("/") != 1 or not all(key.split("/")):
            raise ValueError(f"a journal key looks like '<module>/<activity id>', not {key!r}")
        if not isinstance(value, Mapping):
            raise ValueError(f"saved work must be a JSON object, not {type(value).__name__}")
        stored = {**value, "saved_at": value.get("saved_at") or self._now()}
        size = len(json.dumps(stored, ensure_ascii=False).encode("utf-8"))
        if size > MAX_ITEM_BYTES:
            raise ValueError(
                f"saved work is {size:,} bytes; the journal keeps at most "
                f"{MAX_ITEM_BYTES:,} bytes per activity"
            )
        with self._locked():
            data = self._load()
            previous = data["items"].get(key)
            if previous is not None:
                data["history"].append({"key": key, "value": previous})
                mine = [i for i, h in enumerate(data["history"]) if h.get("key") == key]
                for index in reversed(mine[:-HISTORY_PER_KEY]):
                    del data["history"][index]
            data["items"][key] = stored
            self._save(data)
        return stored

    def history(self, key: str) -> list[dict[str, Any]]:
        """Return the earlier versions of one item, oldest first (the latest not included)."""
        with self._locked():
            data = self._load()
        return [dict(h["value"]) for h in data["history"] if h.get("key") == key]
