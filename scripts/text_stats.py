"""Word counts and reading grade for each course module.

For every module that has a ``modules/<slug>/module.yml``, this script gathers the learner-facing
prose: the landing page ``modules/<slug>.md``, every Markdown page in ``modules/<slug>/`` and the
Markdown cells of every notebook there. It prints the word count and the Flesch-Kincaid grade level.

Word counts include everything a reader sees (headings and tables too). The grade is computed on
the running prose only (paragraphs, list items, admonition bodies) with the standard formula

    0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

with a simple syllable counter (vowel groups, a silent final "e"), so treat it as a guide, not a
verdict. No dependency beyond the standard library and PyYAML is needed.

Usage::

    .venv/bin/python scripts/text_stats.py            # one line per module
    .venv/bin/python scripts/text_stats.py --pages    # and one line per page
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
MODULES_DIR = REPO_ROOT / "modules"

# Directives whose body is code, data or generated content, not prose a learner reads.
NON_PROSE_DIRECTIVES = {"bibliography", "code-cell", "code-block", "code", "glue", "raw", "toctree"}

_FENCE_RE = re.compile(r"^(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?(.*)$")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019.-][A-Za-z0-9]+)*")


def strip_markdown(text: str, *, prose_only: bool = False) -> list[str]:
    """Turn MyST Markdown into a list of text blocks (paragraphs, list items, headings, cells).

    Code fences and non-prose directives are dropped; admonitions keep their body; citation roles
    are removed; links keep their text. Each returned block ends a sentence for the grade formula.
    With ``prose_only``, headings, admonition titles and table cells are left out: they are labels,
    not sentences, and would make the reading grade look lower than the running text is.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    # YAML front matter
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                lines = lines[i + 1 :]
                break
    blocks: list[str] = []
    current: list[str] = []
    fence_stack: list[tuple[str, bool]] = []  # (fence marker, keep body)

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    def label(value: str) -> None:
        if not prose_only and value.strip():
            blocks.append(value.strip())

    for raw in lines:
        line = raw.strip()
        match = _FENCE_RE.match(line)
        if match:
            marker = match.group(1)
            directive = match.group(3)
            if fence_stack and line == fence_stack[-1][0] and not directive:
                flush()
                fence_stack.pop()
                continue
            if directive is not None or match.group(4).strip() or not fence_stack:
                flush()
                keep = directive is not None and directive not in NON_PROSE_DIRECTIVES
                if fence_stack and not fence_stack[-1][1]:
                    keep = False
                fence_stack.append((marker, keep))
                if keep and directive == "admonition":
                    label(clean_inline(match.group(4)))
                continue
        if fence_stack and not fence_stack[-1][1]:
            continue
        if fence_stack and re.match(r"^:[\w-]+:", line):
            continue  # directive option
        if not line:
            flush()
            continue
        if re.match(r"^\(.+\)=$", line) or line.startswith("%") or line.startswith("<!--"):
            continue
        if re.match(r"^\|?\s*:?-{3,}", line):
            continue  # table rule
        if line.startswith("|"):
            flush()
            for cell in line.strip("|").split("|"):
                label(clean_inline(cell))
            continue
        if re.match(r"^#{1,6}\s", line):
            flush()
            label(clean_inline(re.sub(r"^#{1,6}\s+", "", line)))
            continue
        if re.match(r"^([-*+]\s|\d+[.)]\s|>\s?)", line):
            flush()  # a list item starts a new block; its continuation lines join it
            line = re.sub(r"^([-*+]\s+|\d+[.)]\s+|>\s?)", "", line)
        current.append(clean_inline(line))
    flush()
    return [b for b in blocks if b.strip()]


def clean_inline(text: str) -> str:
    """Remove inline MyST markup, keeping the words a reader sees."""
    text = re.sub(r"\{cite(?::\w+)?\}`[^`]*`", "", text)
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*<[^`>]*>`", r"\1", text)
    text = re.sub(r"\{[\w:-]+\}`([^`]*)`", r"\1", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"[*_]{1,3}(\S[^*_]*?)[*_]{1,3}", r"\1", text)
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def notebook_markdown(path: Path) -> str:
    """Return the Markdown cells of a notebook joined by blank lines."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            parts.append("".join(source) if isinstance(source, list) else source)
    return "\n\n".join(parts)


def words(text: str) -> list[str]:
    """Split prose into words (numbers count as words)."""
    return _WORD_RE.findall(text)


def count_syllables(word: str) -> int:
    """Count syllables with simple English rules; good enough for a reading-level guide.

    Vowel groups count one each; a silent final "e", "es" or "ed" is dropped ("make", "takes",
    "asked", but not "table", "classes" or "needed"); vowel pairs that are usually split ("ratio",
    "area", "science") count two.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1  # a number or symbol reads as at least one syllable
    if len(w) <= 3:
        return 1
    silent_ed = w.endswith("ed") and not re.search(r"[td]ed$", w)
    silent_es = w.endswith("es") and not re.search(r"(?:[sxzcg]|ch|sh)es$", w)
    if silent_ed or silent_es:
        w = w[:-2]
    elif w.endswith("e") and not re.search(r"[^aeiouy]le$", w):
        w = w[:-1]
    w = re.sub(r"^y", "", w)
    groups = len(re.findall(r"[aeiouy]+", w))
    groups += len(re.findall(r"(?<![tscg])i[aou]|[^q]u[ao]|ea(?=[lt]e?$)", w))
    return max(1, groups)


_ABBREVIATIONS = re.compile(r"\b(Dr|Mr|Mrs|Ms|St|No|vs|e\.g|i\.e|U\.S)\.", flags=re.IGNORECASE)


def sentences(block: str) -> list[str]:
    """Split a prose block into sentences on ., ! and ? followed by a space or the end.

    Titles and common abbreviations ("Dr.", "Mrs.", "e.g.") do not end a sentence.
    """
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + "\u2024", block)
    parts = re.split(r"(?<=[.!?])[\"')\u201d\u2019]*\s+", protected)
    return [p.replace("\u2024", ".") for p in parts if words(p)]


def flesch_kincaid(blocks: list[str]) -> float:
    """Return the Flesch-Kincaid grade level of prose blocks (0 when there is no text)."""
    n_words = n_sentences = n_syllables = 0
    for block in blocks:
        for sentence in sentences(block):
            ws = words(sentence)
            n_words += len(ws)
            n_sentences += 1
            n_syllables += sum(count_syllables(w) for w in ws)
    if not n_words:
        return 0.0
    return 0.39 * (n_words / n_sentences) + 11.8 * (n_syllables / n_words) - 15.59


@dataclass
class Stats:
    """Counts for one page or module: every word a reader sees, and the prose for the grade."""

    words: int = 0
    prose_blocks: list[str] = field(default_factory=list)

    def add(self, other: Stats) -> None:
        """Add another set of counts to this one."""
        self.words += other.words
        self.prose_blocks += other.prose_blocks

    @property
    def sentences(self) -> int:
        """Return the number of sentences in the running prose."""
        return sum(len(sentences(b)) for b in self.prose_blocks)

    @property
    def grade(self) -> float:
        """Return the Flesch-Kincaid grade level of the running prose."""
        return flesch_kincaid(self.prose_blocks)


def page_stats(path: Path) -> Stats:
    """Count every word of a page and keep its running prose for the grade."""
    all_words = sum(len(words(b)) for b in page_blocks(path))
    return Stats(words=all_words, prose_blocks=page_blocks(path, prose_only=True))


def module_slugs(root: Path = REPO_ROOT) -> list[str]:
    """Return the slugs of written modules (those with a module.yml), in name order."""
    return sorted(p.parent.name for p in (root / "modules").glob("*/module.yml"))


def module_pages(slug: str, root: Path = REPO_ROOT) -> list[Path]:
    """Return the landing page, the module's Markdown pages and its notebooks."""
    folder = root / "modules" / slug
    pages = [root / "modules" / f"{slug}.md"]
    pages += sorted(folder.glob("*.md"))
    pages += sorted(p for p in folder.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return [p for p in pages if p.exists()]


def page_blocks(path: Path, *, prose_only: bool = False) -> list[str]:
    """Return the text blocks of a Markdown page or of a notebook's Markdown cells."""
    if path.suffix == ".ipynb":
        return strip_markdown(notebook_markdown(path), prose_only=prose_only)
    return strip_markdown(path.read_text(encoding="utf-8"), prose_only=prose_only)


def module_stats(slug: str, root: Path = REPO_ROOT) -> tuple[Stats, dict[Path, Stats]]:
    """Return the module total and the counts for each page."""
    total = Stats()
    per_page: dict[Path, Stats] = {}
    for page in module_pages(slug, root):
        stats = page_stats(page)
        per_page[page] = stats
        total.add(stats)
    return total, per_page


def main(argv: list[str] | None = None) -> int:
    """Print word counts and reading grades per module."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="also show each page")
    args = parser.parse_args(argv)
    slugs = module_slugs()
    if not slugs:
        print("No modules with a module.yml found.")
        return 1
    print(f"{'module':<22} {'words':>6} {'sentences':>9} {'FK grade':>8}")
    for slug in slugs:
        total, per_page = module_stats(slug)
        print(f"{slug:<22} {total.words:>6} {total.sentences:>9} {total.grade:>8.1f}")
        if args.pages:
            for page, stats in per_page.items():
                name = page.relative_to(REPO_ROOT).as_posix()
                print(f"  {name:<40} {stats.words:>6} {stats.sentences:>9} {stats.grade:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
