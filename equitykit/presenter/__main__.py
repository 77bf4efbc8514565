"""``python -m equitykit.presenter --out DIR``: write the presenter view into DIR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from equitykit.content.errors import FacilitationError
from equitykit.presenter import build_presenter
from equitykit.presenter.pages import PresenterBuildError


def main(argv: list[str] | None = None) -> int:
    """Write the presenter view; return 0, or 2 with a message when it cannot be written."""
    parser = argparse.ArgumentParser(
        prog="python -m equitykit.presenter",
        description="Write the presenter view (slides, timers, notes; facilitator-only).",
    )
    parser.add_argument("--out", type=Path, default=Path("_build/presenter"), help="folder")
    parser.add_argument("--modules", type=Path, help="modules folder (default: the course's)")
    args = parser.parse_args(argv)
    try:
        out = build_presenter(args.out, modules_dir=args.modules)
    except (FacilitationError, PresenterBuildError, OSError) as error:
        print(f"presenter: error: {error}", file=sys.stderr)
        return 2
    count = len(list(out.glob("*.html"))) - 1
    print(f"Presenter view written to {out} ({count} decks; facilitator-only: it holds keys).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
