"""Read the course's ``references.bib``: its keys, entry types and fields, and which are legal.

Only what the course's own checks need: the key, the entry type and the fields of every entry,
with a clear error for a malformed file or a key given twice. A source the course treats as
*legal* (a statute, rule, case, order, official document, or a secondary source used for the
date of a legal event) says so in its ``keywords`` field: ``keywords = {legal}``, or
``keywords = {legal, secondary}`` for a law firm's alert or a news report.

Examples
--------
>>> entries = parse_bibliography("@misc{lau1974, title = {{Lau v. Nichols}}, year = {1974},"
...                              " keywords = {legal}}")
>>> entries["lau1974"].year, entries["lau1974"].is_legal
('1974', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from equitykit.content.errors import LegalSourcesError

__all__ = ["BibEntry", "parse_bibliography", "read_bibliography"]

_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
_FIELD = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")


@dataclass(frozen=True)
class BibEntry:
    """One entry of the bibliography.

    Attributes
    ----------
    key
        The citation key, e.g. ``"lau1974"``.
    kind
        The entry type in lower case, e.g. ``"misc"``.
    fields
        Field names (lower case) and their values with the outer braces removed.
    """

    key: str
    kind: str
    fields: dict[str, str]

    @property
    def keywords(self) -> set[str]:
        """The entry's keywords, in lower case."""
        return {w.strip().lower() for w in self.fields.get("keywords", "").split(",") if w.strip()}

    @property
    def is_legal(self) -> bool:
        """Whether the course treats this source as a legal source."""
        return "legal" in self.keywords

    @property
    def is_secondary(self) -> bool:
        """Whether this is a secondary source (a law firm's alert, a news report)."""
        return "secondary" in self.keywords

    @property
    def year(self) -> str:
        """The entry's year, or ``""`` when it has none."""
        return self.fields.get("year", "").strip()


def _value(text: str, start: int, key: str) -> tuple[str, int]:
    """Read one field value (``{...}``, ``"..."`` or a bare word) starting at ``start``."""
    opening = text[start : start + 1]
    if opening == "{":
        depth = 0
        for index in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            if depth == 0:
                return text[start + 1 : index], index + 1
    elif opening == '"':
        closing = text.find('"', start + 1)
        if closing != -1:
            return text[start + 1 : closing], closing + 1
    else:
        match = re.match(r"[\w.-]+", text[start:])
        if match:
            return match.group(0), start + match.end()
        raise LegalSourcesError(f"references.bib: entry {key!r} has a field with no value")
    raise LegalSourcesError(f"references.bib: entry {key!r} has an unclosed field value")


def _fields(body: str, key: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    index = 0
    while True:
        match = _FIELD.match(body, index)
        if not match:
            break
        value, index = _value(body, match.end(), key)
        fields[match.group(1).lower()] = " ".join(value.replace("{", "").replace("}", "").split())
        rest = re.match(r"\s*,?", body[index:])
        index += rest.end() if rest else 0
    if body[index:].strip():
        raise LegalSourcesError(
            f"references.bib: entry {key!r} could not be read near {body[index:][:40]!r}"
        )
    return fields


def _entry_end(text: str, start: int, key: str) -> int:
    """Return the index just after the brace that closes the entry opened before ``start``."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    raise LegalSourcesError(f"references.bib: entry {key!r} is not closed with '}}'")


def parse_bibliography(text: str) -> dict[str, BibEntry]:
    """Parse BibTeX text into entries by key.

    Parameters
    ----------
    text
        The contents of a ``.bib`` file.

    Returns
    -------
    dict of str to BibEntry

    Raises
    ------
    LegalSourcesError
        When an entry is malformed or a key appears twice.
    """
    entries: dict[str, BibEntry] = {}
    for match in _ENTRY.finditer(text):
        kind, key = match.group(1).lower(), match.group(2)
        if kind in ("comment", "preamble", "string"):
            continue
        end = _entry_end(text, match.end(), key)
        if key in entries:
            raise LegalSourcesError(f"references.bib: the key {key!r} appears twice")
        entries[key] = BibEntry(key, kind, _fields(text[match.end() : end], key))
    return entries


def read_bibliography(path: Path) -> dict[str, BibEntry]:
    """Read and parse a ``.bib`` file.

    Parameters
    ----------
    path
        The file, usually the repository's ``references.bib``.

    Returns
    -------
    dict of str to BibEntry

    Raises
    ------
    LegalSourcesError
        When the file is missing or malformed.
    """
    if not path.is_file():
        raise LegalSourcesError(f"no bibliography at {path}")
    return parse_bibliography(path.read_text(encoding="utf-8"))
