"""Copy the npm-installed web assets the course site serves itself."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

#: Files (or whole folders) copied from ``node_modules`` to ``_static/vendor``.
#: Keys are paths under ``node_modules``; values are paths under ``vendor/``.
VENDORED_FILES: dict[str, str] = {
    "mathjax/es5/tex-chtml.js": "mathjax/tex-chtml.js",
    "mathjax/es5/output/chtml/fonts/woff-v2": "mathjax/output/chtml/fonts/woff-v2",
}

#: Files in a vendored folder the site does not need.
_SKIP_SUFFIXES = (".map", ".d.ts", ".txt")
_SKIP_NAMES: tuple[str, ...] = ()


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and filecmp.cmp(source, target, shallow=False):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def vendor_web_assets(node_modules: Path, vendor_dir: Path) -> list[Path]:
    """Copy the web assets listed in :data:`VENDORED_FILES` into ``vendor_dir``.

    Parameters
    ----------
    node_modules
        The ``node_modules`` folder that ``npm ci`` filled.
    vendor_dir
        Destination folder; it is served as ``_static/vendor`` by the site.

    Returns
    -------
    list of pathlib.Path
        Every file now present in ``vendor_dir`` from this copy.

    Raises
    ------
    FileNotFoundError
        When a package is missing from ``node_modules``.
    """
    copied: list[Path] = []
    for source_name, target_name in VENDORED_FILES.items():
        source = node_modules / source_name
        if not source.exists():
            raise FileNotFoundError(f"web asset {source} is missing")
        target = vendor_dir / target_name
        if source.is_dir():
            for file in sorted(source.rglob("*")):
                if not file.is_file() or file.name.endswith(_SKIP_SUFFIXES):
                    continue
                if file.parent == source and file.name in _SKIP_NAMES:
                    continue
                destination = target / file.relative_to(source)
                _copy_if_changed(file, destination)
                copied.append(destination)
        else:
            _copy_if_changed(source, target)
            copied.append(target)
    # remove what an older version of the kit vendored, so the site carries no dead files
    keep = set(copied)
    for stale in sorted(vendor_dir.rglob("*"), reverse=True):
        if stale.is_file() and stale not in keep:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return copied
