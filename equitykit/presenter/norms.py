"""The conversation norms, read from the course's own page for the presenter's norms slide.

The norms live once, in ``book/start-here/conversation-norms.md`` (section "Ten norms", one
numbered item each: a bold headline, then a sentence or two). The slide shows the headlines;
nothing is typed twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from equitykit.content.errors import FacilitationError
from equitykit.content.modules import REPO_ROOT

__all__ = ["NORMS_PATH", "Norm", "load_norms", "parse_norms"]

#: The course page that holds the norms.
NORMS_PATH = REPO_ROOT / "book" / "start-here" / "conversation-norms.md"
_ITEM = re.compile(r"^\d+\.\s+\*\*(?P<headline>[^*]+)\*\*\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Norm:
    """One norm: its bold headline and the sentences that follow it."""

    headline: str
    text: str


def parse_norms(markdown: str, *, source: str = "the norms page") -> tuple[Norm, ...]:
    """Return the numbered norms of the section whose heading names norms.

    Parameters
    ----------
    markdown
        The page's text.
    source
        How to name the page in an error message.

    Raises
    ------
    FacilitationError
        When the page has no numbered list of bold headlines under a "norms" heading.
    """
    norms: list[list[str]] = []
    inside = False
    for line in markdown.splitlines():
        if line.startswith("## "):
            inside = "norms" in line.lower() and not norms
            continue
        if not inside:
            continue
        match = _ITEM.match(line.strip())
        if match:
            norms.append([match["headline"].strip(), match["rest"].strip()])
        elif norms and line.startswith("   ") and line.strip():
            norms[-1][1] = f"{norms[-1][1]} {line.strip()}".strip()
    if not norms:
        raise FacilitationError(
            f"{source}: no numbered norms (1. **Headline.** text) under a heading with 'norms'"
        )
    return tuple(Norm(h.rstrip("."), " ".join(t.split())) for h, t in norms)


def load_norms(path: Path | None = None) -> tuple[Norm, ...]:
    """Read and parse the norms page (default: the course's).

    Raises
    ------
    FacilitationError
        When the page is missing or has no norms.
    """
    path = path or NORMS_PATH
    if not path.is_file():
        raise FacilitationError(f"no conversation norms page at {path}")
    return parse_norms(path.read_text(encoding="utf-8"), source=str(path))
