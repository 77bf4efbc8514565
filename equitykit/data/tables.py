"""Load the course's anonymized tables by name, checking their SHA-256 checksums.

The tables come from, in this order: the ``data_dir`` argument, the folder named
by the ``EQUITYKIT_DATA`` environment variable, or the shipped tables of the
fictional Alder Creek Public Schools (``datasets/alder-creek/``). A coach's own
folder written by ``equitykit anonymize`` has the same layout, so every notebook
runs on a real district's (anonymized) tables unchanged.

Examples
--------
>>> from equitykit.data.tables import load_table
>>> outcomes = load_table("outcomes")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import pandas as pd

ENVIRONMENT_VARIABLE = "EQUITYKIT_DATA"
CHECKSUM_FILE = "SHA256SUMS"
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "datasets" / "alder-creek"
PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


#: Tables a district's own export may not include (the climate survey, the neighbouring
#: districts, school staffing). When a coach's folder lacks one, the fictional district's
#: table is used instead, with a warning, so every module still runs.
SUPPLEMENTARY_TABLES = (
    "climate_survey",
    "neighbour_districts",
    "school_resources",
    "transportation",
)


class DatasetError(Exception):
    """A table is missing, or its file does not match its recorded checksum."""


class FictionalTableWarning(UserWarning):
    """A table came from the fictional district because the chosen folder lacks it."""


def is_shipped(folder: str | Path) -> bool:
    """Tell whether ``folder`` is the shipped fictional district's folder."""
    return Path(folder).expanduser().resolve() == SHIPPED_DIR.resolve()


def source_note(data_dir: str | Path | None = None) -> str:
    """Say, in one line for a page or a widget, where the numbers shown come from.

    Parameters
    ----------
    data_dir
        The folder; see :func:`data_dir`.

    Returns
    -------
    str
        For the shipped tables, that the district is fictional; otherwise the folder's
        name and that its tables were anonymized (small groups suppressed).
    """
    folder = globals()["data_dir"](data_dir)
    if is_shipped(folder):
        return "Alder Creek Public Schools is a fictional district; its data are generated."
    return (
        f"Data: the anonymized tables in '{folder.name}' (small groups suppressed to protect "
        "students' privacy)."
    )


def data_dir(data_dir: str | Path | None = None) -> Path:
    """Return the folder tables are loaded from.

    Parameters
    ----------
    data_dir
        A folder; if ``None``, the ``EQUITYKIT_DATA`` environment variable, else
        the shipped ``datasets/alder-creek/`` folder.

    Returns
    -------
    pathlib.Path
        An existing folder.

    Raises
    ------
    DatasetError
        If the folder does not exist.
    """
    if data_dir is not None:
        folder, source = Path(data_dir), "the data_dir argument"
    elif os.environ.get(ENVIRONMENT_VARIABLE):
        folder, source = Path(os.environ[ENVIRONMENT_VARIABLE]), ENVIRONMENT_VARIABLE
    else:
        folder, source = SHIPPED_DIR, "the shipped Alder Creek tables"
    folder = folder.expanduser()
    if not folder.is_dir():
        raise DatasetError(f"data folder '{folder}' (from {source}) does not exist")
    return folder


def _checksums(folder: Path) -> dict[str, str]:
    path = folder / CHECKSUM_FILE
    if not path.is_file():
        raise DatasetError(
            f"'{folder}' has no {CHECKSUM_FILE} file, so its tables cannot be verified; "
            "use a folder written by `equitykit anonymize` or scripts/make_datasets.py"
        )
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, _, name = line.strip().partition("  ")
            sums[name.lstrip("*")] = digest.lower()
    return sums


def list_tables(data_dir: str | Path | None = None) -> list[str]:
    """Return the names of the tables (CSV files listed in ``SHA256SUMS``), sorted."""
    folder = globals()["data_dir"](data_dir)
    return sorted(Path(name).stem for name in _checksums(folder) if name.endswith(".csv"))


def _field_types(folder: Path, name: str) -> dict[str, str]:
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return {}
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    for res in package.get("resources", []):
        if res.get("path") == f"{name}.csv":
            return {
                f["name"]: PANDAS_TYPES.get(f.get("type", "string"), "string")
                for f in res.get("schema", {}).get("fields", [])
            }
    return {}


def verify_file(path: Path, expected: str) -> None:
    """Raise :class:`DatasetError` unless ``path`` has the SHA-256 digest ``expected``."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise DatasetError(
            f"'{path.name}' in '{path.parent}' does not match its checksum in {CHECKSUM_FILE}: "
            "the file was changed or damaged. Restore it (git checkout, or re-run "
            "`equitykit anonymize` / scripts/make_datasets.py)."
        )


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load one table by name after checking its SHA-256 checksum.

    Parameters
    ----------
    name
        Table name, such as ``"outcomes"`` (``"outcomes.csv"`` works too).
    data_dir
        The folder to read from; see :func:`data_dir`.

    Returns
    -------
    pandas.DataFrame
        With nullable dtypes from ``datapackage.json``: suppressed cells are ``<NA>``.

    Raises
    ------
    DatasetError
        If the table is unknown (the message lists the available names) or its
        checksum does not match.
    """
    folder = globals()["data_dir"](data_dir)
    stem = name[:-4] if name.endswith(".csv") else name
    sums = _checksums(folder)
    file_name = f"{stem}.csv"
    if file_name not in sums:
        if stem in SUPPLEMENTARY_TABLES and not is_shipped(folder):
            warnings.warn(
                f"'{folder}' has no '{stem}' table; showing the fictional Alder Creek "
                f"district's '{stem}' instead",
                FictionalTableWarning,
                stacklevel=2,
            )
            return load_table(stem, SHIPPED_DIR)
        available = ", ".join(list_tables(folder)) or "none"
        raise DatasetError(f"no table named '{stem}' in '{folder}'; available tables: {available}")
    path = folder / file_name
    if not path.is_file():
        raise DatasetError(
            f"'{file_name}' is listed in {CHECKSUM_FILE} but missing from '{folder}'"
        )
    verify_file(path, sums[file_name])
    types = _field_types(folder, stem)
    return pd.read_csv(path, dtype=types or None, keep_default_na=False, na_values=[""])


def load_outcomes(
    outcome: str | None = None,
    *,
    level: str | None = None,
    group: str | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Load ``outcomes`` filtered to one outcome, level and/or group (a convenience).

    Examples
    --------
    >>> load_outcomes("out_of_school_suspension", level="district")  # doctest: +SKIP
    """
    table = load_table("outcomes", data_dir)
    mask = pd.Series(True, index=table.index)
    for column, value in (("outcome", outcome), ("level", level), ("group", group)):
        if value is not None:
            mask &= table[column].eq(value).fillna(False)
    return table[mask].reset_index(drop=True)


def load_district_summary(
    school_year: str | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """Return district rows of every outcome for one year (the latest by default).

    Returns
    -------
    pandas.DataFrame
        One row per outcome, group and subgroup with enrolled, count and rate.
    """
    table = load_outcomes(level="district", data_dir=data_dir)
    year = school_year or sorted(table["school_year"].dropna().unique())[-1]
    return table[table["school_year"].eq(year)].reset_index(drop=True)
