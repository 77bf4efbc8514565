"""``python -m equitykit.lms [--site DIR] [--out DIR]``: build the LMS packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from equitykit.content.modules import CourseContentError
from equitykit.lms.build import LmsBuildError, build_packages

NAMES = {"2004": "SCORM 2004 4th edition", "1.2": "SCORM 1.2", "cc": "Common Cartridge 1.3"}


def main(argv: list[str] | None = None) -> int:
    """Build the packages and print what was written; 2 and a message when it cannot."""
    parser = argparse.ArgumentParser(prog="python -m equitykit.lms", description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("_build/html"), help="the built site")
    parser.add_argument("--out", type=Path, default=Path("_build/lms"), help="where to write")
    args = parser.parse_args(argv)
    try:
        built = build_packages(args.site, args.out)
    except (LmsBuildError, CourseContentError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for package in built:
        print(
            f"{NAMES[package.standard]}: {package.path} "
            f"({package.size / 1_000_000:.1f} MB, {package.files} files)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
