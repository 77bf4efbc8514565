"""Write published tables atomically: a temporary folder renamed into place."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from equitykit.anonymize.errors import OutputError, OutputExistsError

CHECKSUM_FILE = "SHA256SUMS"


def sha256_of(path: Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksums(folder: Path) -> Path:
    """Write ``SHA256SUMS`` (``sha256sum`` format) for every file in ``folder``."""
    lines = [
        f"{sha256_of(p)}  {p.name}"
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != CHECKSUM_FILE
    ]
    target = folder / CHECKSUM_FILE
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV, Unix line ends, empty cells for missing values."""
    table.to_csv(path, index=False, lineterminator="\n", na_rep="", float_format="%.10g")


def write_folder(
    out_dir: str | Path,
    tables: dict[str, pd.DataFrame],
    descriptor: dict,
    *,
    overwrite: bool = False,
    extra: Callable[[Path], None] | None = None,
) -> Path:
    """Write tables, ``datapackage.json`` and ``SHA256SUMS`` into ``out_dir`` atomically.

    Everything is written into a temporary folder next to ``out_dir`` and renamed
    at the end, so a failure leaves no partial output behind.

    Parameters
    ----------
    out_dir
        The folder to create.
    tables
        Table name (file stem) to DataFrame.
    descriptor
        The Frictionless data package descriptor.
    overwrite
        Replace ``out_dir`` if it exists.
    extra
        Called with the temporary folder to add more files (a datasheet).
    """
    target = Path(out_dir).resolve()
    check_output(target, out_dir, overwrite=overwrite)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as err:
        raise OutputError(
            f"cannot create the output folder '{out_dir}': {err.strerror or err}; choose a "
            "folder you can write to. Nothing was written."
        ) from None
    staging.chmod(0o755)
    try:
        for name, table in tables.items():
            write_csv(table, staging / f"{name}.csv")
        (staging / "datapackage.json").write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if extra is not None:
            extra(staging)
        write_checksums(staging)
        _swap_in(staging, target)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError):
            raise OutputError(
                f"cannot write the output folder '{out_dir}': {err.strerror or err}. "
                "Nothing was written and any existing folder is unchanged."
            ) from None
        raise
    return target


def check_output(target: Path, shown: str | Path, *, overwrite: bool) -> None:
    """Refuse, before any work, an output that exists (without ``overwrite``) or cannot be written.

    Raises
    ------
    OutputExistsError
        ``target`` exists and ``overwrite`` is false.
    OutputError
        ``target`` (or its nearest existing parent) is not a writable folder, or
        ``target`` is a file.
    """
    if target.exists() and not overwrite:
        raise OutputExistsError(
            f"'{shown}' already exists; choose a new folder or pass --overwrite."
        )
    if target.exists() and not target.is_dir():
        raise OutputError(
            f"'{shown}' is a file, not a folder; choose a folder name. Nothing was written."
        )
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write the output folder '{shown}': '{parent}' is not a folder you can "
            "write to; choose another place. Nothing was written."
        )
    if target.exists() and not os.access(target, os.W_OK | os.X_OK):
        raise OutputError(
            f"--overwrite cannot replace '{shown}': you may not change that folder; choose "
            "another place. Nothing was written."
        )


def _swap_in(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``, keeping the old ``target`` if anything fails."""
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
