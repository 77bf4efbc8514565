"""Re-run the notebooks when what they read changes: the data, or the kit's own code.

Notebook outputs are cached by the notebook's code, not by the data it reads nor by the
``equitykit`` package it calls. A coach who builds the site on Alder Creek's tables and
then on their own district's (``EQUITYKIT_DATA=...``) would otherwise get Alder Creek's
numbers again, and a fix to a widget's JavaScript or a metric would not reach the site.
This module keeps a fingerprint of the data folder and of the package's source next to
the execution cache; when it changes, the cache is cleared and every notebook is read
and executed again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

import equitykit
from equitykit.data.tables import data_dir, is_shipped

logger = logging.getLogger(__name__)
_CHANGED = "equitykit_data_changed"


def data_fingerprint(folder: Path) -> str:
    """Identify a data folder by its location and its checksums."""
    sums = folder / "SHA256SUMS"
    listing = sums.read_text(encoding="utf-8") if sums.is_file() else ""
    return f"{folder.resolve()}\n{listing}"


#: Parts of the package a notebook's output never depends on: the book's own extension,
#: the command line, and the widgets' browser code (on the site a widget's output holds its
#: data and names its module; the module itself is copied to the site on every build).
NOT_IN_OUTPUTS = ("sphinxext", "cli.py", "js", "static", "journal_migration.py", "presenter")


def code_fingerprint(book_root: Path | None = None) -> str:
    """Identify what the notebooks' outputs are made from, besides the data.

    That is the Python source of ``equitykit`` that notebooks run (not the Sphinx
    extension, the command line or the browser modules: see :data:`NOT_IN_OUTPUTS`) and
    the modules' content files (``module.yml``: the questions and prompts the widgets show).
    """
    package = Path(equitykit.__file__).parent
    files = [
        p
        for p in package.rglob("*")
        if p.suffix in (".py", ".json", ".csv", ".yml", ".yaml")
        and "__pycache__" not in p.parts
        and not set(p.relative_to(package).parts) & set(NOT_IN_OUTPUTS)
    ]
    if book_root is not None:
        files += list((book_root / "modules").glob("*/module.yml"))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_dir(app: Sphinx, config: Config) -> Path:
    configured = getattr(config, "nb_execution_cache_path", "") or ""
    if configured:
        return Path(configured)
    return Path(app.outdir).parent / ".jupyter_cache"


def reset_cache_if_data_changed(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: clear the execution cache when the data or the code changed."""
    try:
        folder = data_dir()
    except Exception:  # noqa: BLE001 - a missing data folder is reported by the notebooks
        return
    fingerprint = f"{data_fingerprint(folder)}\ncode {code_fingerprint(Path(app.srcdir))}"
    cache = _cache_dir(app, config)
    stamp = cache.parent / ".equitykit-data-source"
    changed = stamp.is_file() and stamp.read_text(encoding="utf-8") != fingerprint
    if changed:
        logger.info("[equitykit] data or equitykit code changed: re-running every notebook")
        shutil.rmtree(cache, ignore_errors=True)
    setattr(app, _CHANGED, changed)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint, encoding="utf-8")


def notebooks_to_reread(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """At ``env-get-outdated``: after such a change, every notebook page is out of date."""
    if not getattr(app, _CHANGED, False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


#: The banner on every page of a site built on a district's own data.
OWN_DATA_BANNER = (
    "This copy of the course shows {name}'s own anonymized data, not the fictional Alder "
    "Creek district. Where a page says the data are fictional or generated, read: "
    "anonymized, with small groups suppressed."
)


def announce_own_data(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: on a site built on other data, say so at the top of every page."""
    try:
        folder = data_dir()
    except Exception:  # noqa: BLE001 - a missing data folder is reported by the notebooks
        return
    if is_shipped(folder):
        return
    options = dict(config.html_theme_options or {})
    options["announcement"] = OWN_DATA_BANNER.format(name=folder.name)
    config.html_theme_options = options


def setup(app: Sphinx) -> None:
    """Connect the handlers."""
    app.connect("config-inited", reset_cache_if_data_changed)
    app.connect("config-inited", announce_own_data)
    app.connect("env-get-outdated", notebooks_to_reread)
