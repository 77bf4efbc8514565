"""The ``equitykit`` command line.

Subcommands register themselves in :data:`SUBCOMMANDS`; to add one, write a
function that takes the ``subparsers`` object, adds a parser and sets
``handler`` (a function of the parsed arguments returning an exit code), then
append it to the list.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_UNSAFE = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 10


def _exit_codes_help() -> str:
    from equitykit.anonymize.errors import EXIT_CODES

    return "exit codes:\n" + "\n".join(f"  {code:>2}  {text}" for code, text in EXIT_CODES.items())


def _run_anonymize(args: argparse.Namespace) -> int:
    from equitykit.anonymize import anonymize_file

    out = anonymize_file(
        args.students,
        args.out,
        min_cell=args.min_cell,
        min_n=args.min_n,
        overwrite=args.overwrite,
        progress=False if args.quiet else None,
        verify=args.verify,
        survey=args.survey,
        school_resources=args.school_resources,
    )
    if not args.quiet:
        print(
            f"Wrote anonymized tables to {out} (minimum cell size {args.min_cell}, "
            f"minimum n-size {args.min_n}). Check them with: equitykit audit {out}"
        )
    return EXIT_OK


def add_anonymize(subparsers: argparse._SubParsersAction) -> None:
    """Add ``equitykit anonymize STUDENTS --out DIR``."""
    parser = subparsers.add_parser(
        "anonymize",
        help="turn a student-level file into suppressed aggregate tables",
        description="Check a student file (CSV UTF-8 or Parquet, see datasets/input-schema.md) "
        "and write suppressed aggregate tables, datapackage.json and SHA256SUMS to a new folder.",
        epilog=_exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("students", help="student-level CSV or Parquet file")
    parser.add_argument("--out", required=True, help="folder to create for the tables")
    parser.add_argument("--min-cell", type=int, default=10, help="minimum cell size (default 10)")
    parser.add_argument(
        "--min-n", type=int, default=30, help="minimum n-size for rates (default 30)"
    )
    parser.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument(
        "--verify", action="store_true", help="also audit the tables before writing them"
    )
    parser.add_argument("--survey", help="optional respondent-level climate survey file")
    parser.add_argument("--school-resources", help="optional school-level resources file")
    parser.set_defaults(handler=_run_anonymize)


def _run_audit(args: argparse.Namespace) -> int:
    from equitykit.anonymize import audit

    report = audit(args.folder, min_cell=args.min_cell, exact=args.exact)
    print(report.summary())
    return EXIT_OK if report.safe else EXIT_UNSAFE


def add_audit(subparsers: argparse._SubParsersAction) -> None:
    """Add ``equitykit audit DIR``."""
    parser = subparsers.add_parser(
        "audit",
        help="attack every suppressed cell of a folder of tables (exit 0 only when safe)",
        description="Compute, with linear programming, how narrowly anyone could bound each "
        "suppressed cell from what is published; exit 0 only when every range is at least "
        "the minimum cell size.",
        epilog=_exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", help="folder of published tables")
    parser.add_argument("--min-cell", type=int, default=None, help="threshold (default: recorded)")
    parser.add_argument("--exact", action="store_true", help="exact min and max for every cell")
    parser.set_defaults(handler=_run_audit)


def _presenter_for_room(args: argparse.Namespace, scratch: Path) -> None:
    """Set the room's presenter view and participant bridge on ``args`` (notices for gaps).

    The presenter view is ``--presenter DIR``, or built now from the modules (not with
    ``--catalogue``, whose activities are not the modules'). Without it the room still runs.
    """
    from equitykit.content.errors import FacilitationError
    from equitykit.presenter import build_presenter
    from equitykit.presenter.pages import BRIDGE_CSS, BRIDGE_JS, MARKER, PresenterBuildError

    args.notices = []
    args.presenter_dir = None
    if BRIDGE_JS.is_file():
        args.bridge_js, args.bridge_css = BRIDGE_JS, BRIDGE_CSS
    else:
        args.bridge_js = args.bridge_css = None
        args.notices.append(
            "The participant bridge is not built (run 'make assets'): pages cannot send answers."
        )
    if args.presenter:
        given = Path(args.presenter)
        if not (given / MARKER).is_file():
            raise ValueError(f"{given} is not a presenter view (build one with 'make presenter')")
        args.presenter_dir = given
    elif not args.catalogue:
        try:
            modules = Path(args.modules) if args.modules else None
            args.presenter_dir = build_presenter(scratch / "presenter", modules_dir=modules)
        except (FacilitationError, PresenterBuildError, OSError) as err:
            args.notices.append(f"No presenter view ({err}); the room runs without it.")


def _run_room(args: argparse.Namespace) -> int:
    from equitykit.room.server import run_room

    with tempfile.TemporaryDirectory(prefix="equitykit-presenter-") as scratch:
        _presenter_for_room(args, Path(scratch))
        return run_room(args)


def add_room(subparsers: argparse._SubParsersAction) -> None:
    """Add ``equitykit room [--site DIR] [--network]``."""
    from equitykit.room.server import add_room_arguments

    parser = subparsers.add_parser(
        "room",
        help="serve the course site and a live room for a workshop",
        description="Serve the built course site and the live-room API from one address. "
        "Listens on this computer only unless --network is given; prints the room code, "
        "the participant link and the coach link.",
    )
    add_room_arguments(parser)
    parser.set_defaults(handler=_run_room)


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_anonymize,
    add_audit,
    add_room,
]


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="equitykit", description="Tools of the adaptive equity leadership course kit."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (errors go to stderr, no traceback).

    Returns
    -------
    int
        0 on success, 1 when an audit finds unsafe cells, 2-10 for each kind of failure
        (:data:`equitykit.anonymize.errors.EXIT_CODES`).
    """
    from equitykit.anonymize.errors import EquityKitInputError
    from equitykit.data.tables import DatasetError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        return int(args.handler(args))
    except EquityKitInputError as err:
        print(f"equitykit {args.command}: error: {err}", file=sys.stderr)
        return int(getattr(err, "exit_code", EXIT_BAD_INPUT))
    except (DatasetError, FileNotFoundError, ValueError) as err:
        print(f"equitykit {args.command}: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("equitykit: interrupted; nothing was written.", file=sys.stderr)
        return 130
    except (RuntimeError, MemoryError) as err:
        print(
            f"equitykit {args.command}: internal error: {err}. Nothing was written.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
