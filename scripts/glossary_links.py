"""Find, and optionally link, the first use of each glossary term on every module page.

The glossary (``book/glossary.md``) defines each term in a ``{glossary}`` block; a term
with synonyms lists them on consecutive lines. On every module page a learner reads on the
site (the landing page ``modules/<slug>.md`` and the Markdown pages in ``modules/<slug>/``;
not the practice notebook, whose Markdown JupyterLab would show raw) the first use of each
term must be linked with the ``{term}`` role.

A *use* is the term as a whole word or phrase, in any letter case (acronyms such as IDEA,
in capitals only), with an optional plural ``s``/``es``, in running text. Headings,
directive lines and options, code, links, citations and other roles are not running text,
so a term there does not count; a longer term wins over a shorter one inside it ("risk"
inside "risk ratio" is a use of *risk ratio*).

Usage::

    .venv/bin/python scripts/glossary_links.py          # list unlinked first uses
    .venv/bin/python scripts/glossary_links.py --fix    # link them in place
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO_ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = REPO_ROOT / "book" / "glossary.md"
MODULES_DIR = REPO_ROOT / "modules"

#: Directives whose body is running text a learner reads (the others are masked whole).
PROSE_DIRECTIVES = {
    "admonition",
    "note",
    "warning",
    "tip",
    "important",
    "hint",
    "caution",
    "attention",
    "seealso",
    "dropdown",
}
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?")
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_MASKS = (
    re.compile(r"!?\[[^\]]*\]\([^)]*\)"),  # links and images
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"<[^>\n]+>"),  # HTML
    re.compile(r"\$[^$\n]+\$"),  # inline math
)


@dataclass(frozen=True)
class Entry:
    """A glossary entry: its first term and every synonym listed with it."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Use:
    """One use of an entry on a page: where it is and whether it is linked."""

    entry: Entry
    start: int
    end: int
    linked: bool


def glossary_entries(path: Path = GLOSSARY) -> list[Entry]:
    """Return the entries of every ``{glossary}`` block of ``path``, in order."""
    entries: list[Entry] = []
    inside = False
    terms: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```{glossary}"):
            inside = True
            continue
        if inside and line.startswith("```"):
            inside = False
            continue
        if not inside:
            continue
        if line and not line[0].isspace():
            terms.append(line.strip())
        elif terms:
            entries.append(Entry(terms[0], tuple(terms)))
            terms = []
    return entries


def _pattern(alias: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in alias.split())
    flags = 0 if re.search(r"[A-Z]{2}", alias) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", flags)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def prose_mask(text: str) -> str:
    """Return ``text`` with everything that is not running text blanked out (same length)."""
    lines = text.split("\n")
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (fence marker, body is prose)
    front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        if front:
            out.append(" " * len(line))
            if number > 0 and line.strip() == "---":
                front = False
            continue
        fence = _FENCE.match(line)
        if fence:
            marker, directive = fence.group(2), fence.group(4)
            if stack and line.strip() == stack[-1][0] and directive is None:
                stack.pop()
            else:
                parent_prose = not stack or stack[-1][1]
                stack.append((marker, parent_prose and directive in PROSE_DIRECTIVES))
            out.append(" " * len(line))
            continue
        masked = (
            (stack and not stack[-1][1])
            or re.match(r"^\s*#{1,6}\s", line)
            or re.match(r"^\s*:[\w-]+:", line)
            or re.match(r"^\s*\(.+\)=\s*$", line)
            or re.match(r"^\s*%", line)
        )
        out.append(" " * len(line) if masked else line)
    return "\n".join(out)


def _entry_for(target: str, entries: list[Entry]) -> Entry | None:
    wanted = target.strip().lower()
    for entry in entries:
        if wanted in (a.lower() for a in entry.aliases):
            return entry
    return None


def uses(text: str, entries: list[Entry]) -> tuple[list[Use], list[str]]:
    """Return every use of a glossary entry in ``text``, and the ``{term}`` targets not found."""
    prose = prose_mask(text)
    found: list[Use] = []
    unknown: list[str] = []
    for role in _ROLE.finditer(prose):
        if role.group(1) == "term":
            body = role.group(2)
            target = body[body.rfind("<") + 1 : -1] if body.endswith(">") else body
            entry = _entry_for(target, entries)
            if entry is None:
                unknown.append(target)
            else:
                found.append(Use(entry, role.start(), role.end(), True))
        prose = _blank(prose, role.start(), role.end())
    for mask in _MASKS:
        for match in mask.finditer(prose):
            prose = _blank(prose, match.start(), match.end())
    candidates: list[Use] = []
    for entry in entries:
        for alias in entry.aliases:
            for match in _pattern(alias).finditer(prose):
                candidates.append(Use(entry, match.start(), match.end(), False))
    # a longer use wins over a shorter one it overlaps ("risk ratio" over "risk")
    candidates.sort(key=lambda u: (u.start, -(u.end - u.start)))
    taken_until = -1
    for use in candidates:
        if use.start >= taken_until:
            found.append(use)
            taken_until = use.end
    found.sort(key=lambda u: u.start)
    return found, unknown


def first_uses(text: str, entries: list[Entry]) -> list[Use]:
    """Return the first use of each entry that appears in ``text``."""
    seen: dict[str, Use] = {}
    for use in uses(text, entries)[0]:
        seen.setdefault(use.entry.name, use)
    return list(seen.values())


def module_pages(modules_dir: Path = MODULES_DIR) -> list[Path]:
    """Every module page a learner reads on the site: landing pages and Markdown pages.

    Practice notebooks are left out: JupyterLab shows a MyST role as raw text, so a notebook's
    terms are linked from its module's landing page and readings instead.
    """
    pages: list[Path] = []
    for folder in sorted(p.parent for p in modules_dir.glob("*/module.yml")):
        landing = modules_dir / f"{folder.name}.md"
        if landing.is_file():
            pages.append(landing)
        pages.extend(sorted(folder.glob("*.md")))
    return pages


def _cells(path: Path) -> tuple[nbformat.NotebookNode | None, list[str]]:
    if path.suffix != ".ipynb":
        return None, [path.read_text(encoding="utf-8")]
    notebook = nbformat.read(path, as_version=4)
    texts = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    return notebook, texts


def page_problems(path: Path, entries: list[Entry]) -> list[str]:
    """Describe each term whose first use on the page is not linked, and unknown targets."""
    _, texts = _cells(path)
    joined = "\n\n".join(texts)
    problems = []
    found, unknown = uses(joined, entries)
    problems += [f"{{term}} target {t!r} is not in the glossary" for t in unknown]
    seen: set[str] = set()
    for use in found:
        if use.entry.name in seen:
            continue
        seen.add(use.entry.name)
        if not use.linked:
            line = joined.count("\n", 0, use.start) + 1
            problems.append(
                f"first use of {use.entry.name!r} is not linked: "
                f"{joined[use.start : use.end]!r} (text line {line})"
            )
    return problems


def _link(text: str, use: Use) -> str:
    shown = text[use.start : use.end]
    target = next(a for a in use.entry.aliases if _pattern(a).fullmatch(shown))
    shown = " ".join(shown.split())
    role = f"{{term}}`{shown}`" if shown == target else f"{{term}}`{shown} <{target}>`"
    return text[: use.start] + role + text[use.end :]


def fix_page(path: Path, entries: list[Entry]) -> int:
    """Link every unlinked first use on the page; return how many links were added."""
    notebook, texts = _cells(path)
    seen: set[str] = set()
    added = 0
    for number, text in enumerate(texts):
        pending = []
        for use in uses(text, entries)[0]:
            if use.entry.name in seen:
                continue
            seen.add(use.entry.name)
            if not use.linked:
                pending.append(use)
        for use in sorted(pending, key=lambda u: -u.start):
            text = _link(text, use)
            added += 1
        texts[number] = text
    if notebook is None:
        path.write_text(texts[0], encoding="utf-8")
    else:
        markdown = iter(texts)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = next(markdown)
        nbformat.write(notebook, path)
    return added


def main(argv: list[str] | None = None) -> int:
    """List (or with ``--fix``, link) unlinked first uses; exit 1 when any remain."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="link first uses in place")
    args = parser.parse_args(argv)
    entries = glossary_entries()
    remaining = 0
    for page in module_pages():
        if args.fix:
            added = fix_page(page, entries)
            if added:
                print(f"{page.relative_to(REPO_ROOT)}: linked {added}")
        for problem in page_problems(page, entries):
            remaining += 1
            print(f"{page.relative_to(REPO_ROOT)}: {problem}")
    return 1 if remaining else 0


if __name__ == "__main__":
    sys.exit(main())
