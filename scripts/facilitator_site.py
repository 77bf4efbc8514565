"""Build the facilitator view of the course: the learner book plus a "For facilitators" part.

The learner site (``make site``) is built from ``_toc.yml`` and never includes ``facilitator/``:
``_config.yml`` sets ``only_build_toc_files``, so pages that are not in the table of contents are
not read at all. This script writes a second table of contents *generated* from ``_toc.yml``
(everything the learners see, in the same order) plus a "For facilitators" part, and a copy of
``_config.yml`` with the facilitator edition's title, then builds the book strictly (nitpicky,
warnings are errors) into ``_build/facilitator/html``. The two views cannot drift: any page added
to ``_toc.yml`` appears in both.

The "For facilitators" part holds ``facilitator/index.md``, ``facilitator/workshops.md``, one
guide ``facilitator/<slug>.md`` for every module that is in ``_toc.yml`` and has a guide (the
module's printable handout ``exercises/<slug>/handout.md`` as its sub-page, unless ``_toc.yml``
already lists the handout), then the other pages in :data:`TRAILING_PAGES`.

Usage::

    .venv/bin/python scripts/facilitator_site.py              # what `make facilitator-site` runs
    .venv/bin/python scripts/facilitator_site.py --no-execute # notebooks not run (fast check)
    .venv/bin/python scripts/facilitator_site.py --toc-only   # print the generated TOC
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
FACILITATOR_DIR = "facilitator"
PART_CAPTION = "For facilitators"
#: Facilitator pages that come first and last in the "For facilitators" part, when they exist.
LEADING_PAGES = ("facilitator/index", "facilitator/run-a-workshop", "facilitator/workshops")
TRAILING_PAGES = ("facilitator/own-data", "facilitator/hard-moments")
TITLE_SUFFIX = " (facilitator edition)"
#: The banner on every page of the facilitator edition.
BANNER = (
    "Facilitator edition: answer keys and notes inside. "
    "Do not share this site with participants; they use the learner site."
)


def toc_files(toc: dict[str, Any]) -> list[str]:
    """Return every file named in a jb-book table of contents, root first, in reading order."""
    files = [toc["root"]]

    def walk(entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key, []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return files


def _strip_suffix(name: str) -> str:
    for suffix in (".md", ".ipynb"):
        name = name.removesuffix(suffix)
    return name


def facilitator_toc(root: Path = REPO_ROOT) -> dict[str, Any]:
    """Return the facilitator table of contents: ``_toc.yml`` plus a "For facilitators" part.

    Parameters
    ----------
    root
        The book's root folder (holding ``_toc.yml`` and ``facilitator/``).

    Returns
    -------
    dict
        A jb-book table of contents.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    if "parts" not in toc:
        raise SystemExit("_toc.yml must use parts (jb-book format) so a part can be added")
    listed = {_strip_suffix(f) for f in toc_files(toc)}
    existing = [f for f in LEADING_PAGES if (root / f"{f}.md").is_file()]
    chapters: list[dict[str, Any]] = [{"file": f} for f in existing]
    modules = [
        f.split("/", 1)[1] for f in toc_files(toc) if f.count("/") == 1 and f.startswith("modules/")
    ]
    for slug in modules:
        guide = f"{FACILITATOR_DIR}/{slug}"
        if not (root / f"{guide}.md").is_file():
            continue
        entry: dict[str, Any] = {"file": guide}
        handout = f"exercises/{slug}/handout"
        if (root / f"{handout}.md").is_file() and handout not in listed:
            entry["sections"] = [{"file": handout}]
        chapters.append(entry)
    chapters += [{"file": f} for f in TRAILING_PAGES if (root / f"{f}.md").is_file()]
    if chapters:
        # the facilitator part goes before the learner site's last part (References), if any
        parts = list(toc["parts"])
        last = parts[-1] if parts and parts[-1].get("caption") == "Reference" else None
        body = parts[:-1] if last else parts
        toc["parts"] = [*body, {"caption": PART_CAPTION, "chapters": chapters}]
        if last:
            toc["parts"].append(last)
    return toc


def facilitator_config(root: Path = REPO_ROOT, *, execute: bool = True) -> dict[str, Any]:
    """Return ``_config.yml`` adapted for the facilitator edition.

    The title says which edition it is; notebooks reuse the learner build's execution cache
    (``_build/.jupyter_cache``), so building both views does not run every notebook twice. With
    ``execute=False`` notebooks are not run at all.
    """
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config.get('title', 'Course')}{TITLE_SUFFIX}"
    # visibly a different edition: a banner on every page (the theme's announcement bar)
    options = (
        config.setdefault("sphinx", {})
        .setdefault("config", {})
        .setdefault("html_theme_options", {})
    )
    options["announcement"] = BANNER
    run = dict(config.get("execute") or {})
    run["cache"] = str((root / "_build" / ".jupyter_cache").resolve())
    if not execute:
        run["execute_notebooks"] = "off"
    config["execute"] = run
    return config


def write_sources(root: Path, out: Path, *, execute: bool = True) -> tuple[Path, Path]:
    """Write the facilitator ``_toc.yml`` and ``_config.yml`` into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    toc_path, config_path = out / "_toc.yml", out / "_config.yml"
    header = "# Generated by scripts/facilitator_site.py from _toc.yml; do not edit.\n"
    toc_path.write_text(header + yaml.safe_dump(facilitator_toc(root), sort_keys=False), "utf-8")
    config_path.write_text(
        header + yaml.safe_dump(facilitator_config(root, execute=execute), sort_keys=False), "utf-8"
    )
    return toc_path, config_path


def build(root: Path, out: Path, *, execute: bool = True, everything: bool = False) -> int:
    """Build the facilitator edition strictly into ``out/html``; return 0 on success."""
    from jupyter_book.sphinx import build_sphinx

    toc_path, config_path = write_sources(root, out, execute=execute)
    result = build_sphinx(
        root,
        out / "html",
        use_external_toc=True,
        noconfig=True,
        path_config=str(config_path),
        confoverrides={
            "external_toc_path": toc_path.as_posix(),
            "nitpicky": True,
            "latex_individualpages": False,
        },
        doctreedir=out / ".doctrees",
        warningiserror=True,
        keep_going=True,
        freshenv=everything,
        force_all=everything,
    )
    code = result if isinstance(result, int) else 1
    if code == 0:
        print(f"Facilitator site built (not for learners): open {out / 'html' / 'index.html'}")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="the book's root folder")
    parser.add_argument("--out", type=Path, help="output folder (default ROOT/_build/facilitator)")
    parser.add_argument("--no-execute", action="store_true", help="do not run the notebooks")
    parser.add_argument("--all", action="store_true", help="re-read every page")
    parser.add_argument("--toc-only", action="store_true", help="print the generated TOC and stop")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.toc_only:
        print(yaml.safe_dump(facilitator_toc(root), sort_keys=False), end="")
        return 0
    out = (args.out or root / "_build" / "facilitator").resolve()
    return build(root, out, execute=not args.no_execute, everything=args.all)


if __name__ == "__main__":
    sys.exit(main())
