"""Every legal statement of a module, with the source and the date behind it.

A module that states the law keeps ``modules/<slug>/legal_sources.yml``: one row per legal
statement, naming the page it is on, the statement in a few words and each source behind it
(a ``references.bib`` key) with that source's date. The ``{legal-sources}`` directive renders
the table in the module's closing note, and :func:`citation_problems` checks it against the
pages, so a legal citation can never lose its source or its date:

- every row has at least one source, and every source a real date (``1974``, ``2025-08`` or
  ``1974-01-21``) no later than the month the sources were checked;
- every source is a key of ``references.bib`` marked ``keywords = {legal}``, with a year;
- every legal key cited on a page appears in a row for that page, and every row's sources are
  cited on its page;
- a paragraph, list item or table row that names a statute, rule, order, session law or case
  (``20 U.S.C. 1681``, ``34 CFR 300.111``, ``Executive Order 14190``, *Lau v. Nichols*) cites a
  legal source;
- a legal citation in the module's exercises, facilitation notes or handout also appears on
  one of its pages, where it is sourced.

Examples
--------
>>> format_date("1974-01-21"), format_date("2025-08"), format_date("1964")
('January 21, 1974', 'August 2025', '1964')
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, model_validator

from equitykit.content.base import Identifier, Strict, Text, unique
from equitykit.content.bibliography import BibEntry, read_bibliography
from equitykit.content.errors import LegalSourcesError
from equitykit.content.modules import MODULES_DIR

__all__ = [
    "LANDING",
    "LEGAL_SOURCES_FILE",
    "LegalSources",
    "citation_problems",
    "format_date",
    "legal_mentions",
    "legal_slugs",
    "legal_sources_path",
    "load_legal_sources",
    "module_pages",
    "page_text",
]

#: The file name of a module's table of legal sources.
LEGAL_SOURCES_FILE = "legal_sources.yml"
#: The page name of a module's landing page (``modules/<slug>.md``).
LANDING = "landing"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
#: What a legal citation in prose looks like: a statute, a rule, an order, a session law, a case.
_MENTIONS = (
    r"\b\d{1,2} U\.S\.C\. \d+[a-z]?(?:-\d+)?(?:\([a-z0-9]+\))*",
    r"\b\d{1,2} CFR (?:Parts? )?\d+(?:\.\d+)?(?:\([a-z0-9]+\))*",
    r"\bExecutive Orders? \d{5}",
    r"\bSession Law \d{4}-\d+",
    r"\bG\.S\. \d+[A-Z]?-\d+(?:\.\d+)?",
    r"\bPublic Chapter (?:No\. )?\d+",
    r"\bSenate Bill \d+",
    r"\b[A-Z][\w'.-]* v\. [A-Z][\w'-]+",
)
_MENTION = re.compile("|".join(_MENTIONS))


def _as_text(value: Any) -> Any:
    """Accept a YAML date or year written without quotes, as its ISO text."""
    if value is None or value == "":
        raise ValueError("needs a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_date(value: str) -> str:
    match = _DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


#: A date as precise as the source gives it: ``1974``, ``2025-08`` or ``1974-01-21``.
LegalDate = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_date)]
BibKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_:.-]*$")]


def _bounds(value: str) -> tuple[date, date]:
    """Return the first and last day a date of this precision can mean."""
    year, month, day = (int(p) if p else 0 for p in _DATE.match(value).groups())
    first = date(year, month or 1, day or 1)
    if day:
        return first, first
    last_month = month or 12
    return first, date(year, last_month, calendar.monthrange(year, last_month)[1])


def format_date(value: str) -> str:
    """Write a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date the way the course writes dates.

    Parameters
    ----------
    value
        An ISO date of any of the three precisions.

    Returns
    -------
    str
        ``"1974"``, ``"August 2025"`` or ``"January 21, 1974"``.
    """
    year, month, day = _DATE.match(value).groups()
    if not month:
        return year
    name = calendar.month_name[int(month)]
    return f"{name} {int(day)}, {year}" if day else f"{name} {year}"


class LegalStatement(Strict):
    """One legal statement of a module's pages and the sources behind it, each with its date."""

    id: Annotated[str, Field(pattern=r"^L[0-9]{2,3}$")]
    page: Identifier
    statement: Text
    sources: Annotated[dict[BibKey, LegalDate], Field(min_length=1)]
    note: str = ""


class LegalSources(Strict):
    """A module's ``legal_sources.yml``."""

    module: Identifier
    checked_through: LegalDate
    rows: Annotated[list[LegalStatement], Field(min_length=1)]

    @model_validator(mode="after")
    def _dates_are_not_after_the_check(self) -> LegalSources:
        unique([row.id for row in self.rows], "legal statement")
        latest = _bounds(self.checked_through)[1]
        for row in self.rows:
            for key, when in row.sources.items():
                if _bounds(when)[0] > latest:
                    raise ValueError(
                        f"row {row.id}: {key} is dated {when}, after the sources were checked "
                        f"({self.checked_through}); check it and move checked_through on"
                    )
        return self


def _where(location: tuple[Any, ...], data: Any) -> str:
    parts: list[str] = []
    node = data
    for step in location:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            row = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{step}]" + (f" ({row})" if isinstance(row, str) else ""))
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + str(step))
    return "".join(parts) or "(the file)"


def legal_sources_path(slug: str, modules_dir: Path | None = None) -> Path:
    """Return the path of a module's ``legal_sources.yml`` (which may not exist)."""
    return (modules_dir or MODULES_DIR) / slug / LEGAL_SOURCES_FILE


def legal_slugs(modules_dir: Path | None = None) -> list[str]:
    """Return the modules that keep a table of legal sources, in name order."""
    base = modules_dir or MODULES_DIR
    return sorted(p.parent.name for p in base.glob(f"*/{LEGAL_SOURCES_FILE}"))


def load_legal_sources(slug: str, modules_dir: Path | None = None) -> LegalSources:
    """Load and check a module's table of legal sources.

    Parameters
    ----------
    slug
        The module's folder name under ``modules/``.
    modules_dir
        Where the module folders are; defaults to the repository's ``modules/``.

    Returns
    -------
    LegalSources

    Raises
    ------
    LegalSourcesError
        When the file is missing, is not valid YAML or breaks the schema; the message names
        the file, the row and the field.
    """
    path = legal_sources_path(slug, modules_dir)
    if not path.is_file():
        raise LegalSourcesError(f"no table of legal sources at {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise LegalSourcesError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise LegalSourcesError(f"{path}: must be a mapping with module, checked_through, rows")
    try:
        table = LegalSources.model_validate(data)
    except ValidationError as error:
        lines = [f"{path}: does not follow the legal sources schema:"]
        for problem in error.errors(include_url=False):
            message = problem["msg"].removeprefix("Value error, ")
            lines.append(f"  - {_where(tuple(problem['loc']), data)}: {message}")
        raise LegalSourcesError("\n".join(lines)) from None
    if table.module != slug:
        raise LegalSourcesError(f"{path}: module: {table.module!r} must be {slug!r}")
    return table


# ------------------------------------------------------------------------------ the pages


def module_pages(slug: str, modules_dir: Path | None = None) -> dict[str, Path]:
    """Return a module's pages by name: ``landing`` and the stem of every page in its folder."""
    base = modules_dir or MODULES_DIR
    pages = {LANDING: base / f"{slug}.md"}
    for path in sorted((base / slug).glob("*")):
        if path.suffix in (".md", ".ipynb") and path.stem != LANDING:
            pages[path.stem] = path
    return {name: path for name, path in pages.items() if path.is_file()}


def page_text(path: Path) -> str:
    """Return a Markdown page, or the Markdown cells of a notebook joined by blank lines."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    parts = []
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            parts.append("".join(source) if isinstance(source, list) else source)
    return "\n\n".join(parts)


def _plain(text: str) -> str:
    """One line of prose: emphasis and code marks removed, whitespace collapsed."""
    return " ".join(re.sub(r"[*`]", "", text).split())


def legal_mentions(text: str) -> list[str]:
    """Return the legal citations written in prose (statutes, rules, orders, laws, cases)."""
    return [m.group(0) for m in _MENTION.finditer(_plain(_CITE.sub(" ", text)))]


def _blocks(text: str) -> list[tuple[int, str]]:
    """Split a page into paragraphs, list items and table rows, each with its first line."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        new_item = stripped.startswith("|") or re.match(r"^([-*+]|\d+\.)\s", stripped)
        if not stripped or new_item or stripped.startswith(("```", "#")):
            if current:
                blocks.append((start, " ".join(current)))
            current = []
        if stripped and not stripped.startswith(("```", "#")):
            if not current:
                start = number
            current.append(stripped)
            if stripped.startswith("|"):
                blocks.append((start, " ".join(current)))
                current = []
    if current:
        blocks.append((start, " ".join(current)))
    return blocks


def cited_keys(text: str) -> list[tuple[int, str]]:
    """Return every key cited with ``{cite...}`` on a page, with its line number."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _CITE.finditer(line):
            found += [(number, key.strip()) for key in match.group(1).split(",") if key.strip()]
    return found


# ------------------------------------------------------------------------------ the checks


def _source_problems(table: LegalSources, entries: dict[str, BibEntry], where: str) -> list[str]:
    problems = []
    for row in table.rows:
        for key in row.sources:
            entry = entries.get(key)
            if entry is None:
                problems.append(f"{where}: row {row.id} cites {key!r}, which references.bib lacks")
            elif not entry.is_legal:
                problems.append(
                    f"{where}: row {row.id} cites {key!r}, which references.bib does not mark as "
                    "a legal source (keywords = {legal})"
                )
            elif not entry.year:
                problems.append(f"{where}: row {row.id}: the source {key!r} has no year")
    return problems


def _page_problems(
    name: str, path: Path, table: LegalSources, entries: dict[str, BibEntry], repo: Path
) -> list[str]:
    text = page_text(path)
    shown = path.relative_to(repo).as_posix() if path.is_relative_to(repo) else str(path)
    listed = {key for row in table.rows if row.page == name for key in row.sources}
    problems = []
    cited = cited_keys(text)
    for line, key in cited:
        if key not in entries:
            problems.append(f"{shown}, line {line}: {key!r} is not a key of references.bib")
        elif entries[key].is_legal and key not in listed:
            problems.append(
                f"{shown}, line {line}: the legal source {key!r} is cited, but no row of "
                f"{LEGAL_SOURCES_FILE} for page {name!r} lists it with its date"
            )
    for line, block in _blocks(text):
        mentions = legal_mentions(block)
        legal_cites = [k for _, k in cited_keys(block) if k in entries and entries[k].is_legal]
        if mentions and not legal_cites:
            problems.append(
                f"{shown}, line {line}: {mentions[0]!r} is a legal citation with no source; "
                "cite its references.bib key here and list it in the table"
            )
    on_page = {key for _, key in cited}
    for row in table.rows:
        if row.page == name:
            missing = [key for key in row.sources if key not in on_page]
            if missing:
                problems.append(
                    f"row {row.id} lists {missing} for page {name!r}, which never cites it"
                )
    return problems


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _strings(item)]


def _exercise_problems(slug: str, base: Path, pages_text: str) -> list[str]:
    """Legal citations in the exercises, notes and handout must be sourced on a page."""
    sourced = _plain(pages_text).lower()
    files = [base / slug / "module.yml", base / slug / "facilitation.yml"]
    texts = {}
    for path in files:
        if path.is_file():
            texts[path] = "\n\n".join(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    handout = base.parent / "exercises" / slug / "handout.md"
    if handout.is_file():
        texts[handout] = handout.read_text(encoding="utf-8")
    problems = []
    for path, text in texts.items():
        for mention in dict.fromkeys(legal_mentions(text)):
            if mention.lower() not in sourced:
                problems.append(
                    f"{path.name} of {slug!r} names {mention!r}, which no page of the module "
                    "names and sources"
                )
    return problems


def citation_problems(
    slug: str, modules_dir: Path | None = None, bibliography: Path | None = None
) -> list[str]:
    """Return every legal citation of a module that lacks a source or a date (empty: none).

    Parameters
    ----------
    slug
        The module's folder name.
    modules_dir
        Where the module folders are; defaults to the repository's ``modules/``.
    bibliography
        The ``.bib`` file; defaults to the repository's ``references.bib``.

    Returns
    -------
    list of str
        One message per problem, naming the file, the line or row, and what is missing.
    """
    base = modules_dir or MODULES_DIR
    repo = base.parent
    try:
        table = load_legal_sources(slug, base)
        entries = read_bibliography(bibliography or repo / "references.bib")
    except LegalSourcesError as error:
        return [str(error)]
    where = legal_sources_path(slug, base).relative_to(repo).as_posix()
    problems = _source_problems(table, entries, where)
    pages = module_pages(slug, base)
    for row in table.rows:
        if row.page not in pages:
            problems.append(
                f"{where}: row {row.id} names the page {row.page!r}, which the module lacks"
            )
    for name, path in pages.items():
        problems += _page_problems(name, path, table, entries, repo)
    problems += _exercise_problems(slug, base, "\n\n".join(page_text(p) for p in pages.values()))
    return problems
