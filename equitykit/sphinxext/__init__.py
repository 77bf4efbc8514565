"""A small Sphinx extension that makes the published course self-contained.

The course site must load nothing from third-party hosts. This extension

* copies the web assets the site serves itself (MathJax) from ``node_modules/`` into
  ``_vendor/web/`` and adds that folder to ``html_static_path``, so they land in
  ``_static/vendor/``;
* adds the kit's own CSS and JavaScript: the widget loader that renders the course's
  widgets from their saved state (``anywidget-embed.js``), accessibility fixes and
  print styles;
* fails the build with a clear message when the assets have not been fetched.

The vendored folder is deliberately *not* called ``_static``: Jupyter Book adds
every script found under a book-level ``_static`` folder to every page, which
would load the widget loader on pages that have no widgets.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from equitykit.sphinxext import (
    agenda,
    css_bundle,
    data_source,
    fallbacks,
    handouts,
    landing,
    legal_sources,
    publishing,
    script_loading,
    solutions,
    standards,
)
from equitykit.sphinxext.web_assets import VENDORED_FILES, vendor_web_assets
from equitykit.widgets.base import SITE_BUILD_ENV

STATIC_DIR = Path(__file__).parent / "static"
WIDGET_MODULES = Path(__file__).resolve().parents[1] / "widgets" / "static"
WIDGET_STYLES = Path(__file__).resolve().parents[1] / "widgets" / "js" / "widgets.css"

TEMPLATES_DIR = Path(__file__).parent / "templates"


def _on_config_inited(app: Sphinx, config: Config) -> None:
    """Vendor the web assets and register the static folders."""
    book_root = Path(app.srcdir)
    node_modules = book_root / "node_modules"
    target = book_root / "_vendor" / "web"
    try:
        vendor_web_assets(node_modules, target / "vendor")
    except FileNotFoundError as error:
        raise ConfigError(
            f"{error}. The site serves its own web assets from npm packages: run "
            "`make assets` (or `npm ci`) in the repository root, then build again."
        ) from error
    # the kit's own small files, kept with the package, and the widgets' browser modules
    own = target / "equitykit"
    own.mkdir(parents=True, exist_ok=True)
    for source in STATIC_DIR.iterdir():
        if source.is_file():
            shutil.copy2(source, own / source.name)
    _copy_widget_modules(own)
    config.html_static_path = [*config.html_static_path, str(target)]
    if not config.html_favicon:
        config.html_favicon = str(STATIC_DIR / "favicon.svg")
    # the kit's template overrides (the theme's asset macros without fontawesome.js)
    config.templates_path = [str(TEMPLATES_DIR), *config.templates_path]


def _copy_widget_modules(own: Path) -> None:
    """Copy the bundled widget modules and their styles to ``_static/equitykit/``."""
    if not any(WIDGET_MODULES.glob("*.js")):
        raise ConfigError(
            f"the widgets' browser modules are missing from {WIDGET_MODULES}: run "
            "`make assets` (npm ci, then esbuild) in the repository root, then build again."
        )
    folder = own / "widgets"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for module in WIDGET_MODULES.glob("*.js"):
        shutil.copy2(module, folder / module.name)
    shutil.copy2(WIDGET_STYLES, own / "widgets.css")


def _check_course_content(app: Sphinx, config: Config) -> None:
    """Stop the build when a ``module.yml`` breaks the schema, naming the file and field."""
    from equitykit.content.modules import CourseContentError, course_modules
    from equitykit.content.outline import course_errors

    try:
        errors = course_errors(course_modules())
    except CourseContentError as error:
        raise ConfigError(str(error)) from None
    if errors:
        raise ConfigError("course content is inconsistent:\n  " + "\n  ".join(errors))


def _widgets_ship_data_not_code(app: Sphinx, config: Config) -> None:
    """Notebooks executed for the site embed each widget's data, and name its module."""
    os.environ[SITE_BUILD_ENV] = "1"


#: Scripts that the head's inline scripts and the theme's search scripts use right away.
_LOAD_AT_ONCE = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")


def _defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """At ``html-page-context``: let the page paint before the theme's helper scripts run.

    Deferred scripts still run in document order, before ``DOMContentLoaded``, so the
    helpers that depend on one another keep working.
    """
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", None)
        name = getattr(script, "filename", str(script))
        if attributes is None or not name or name.endswith(_LOAD_AT_ONCE):
            continue
        if "async" not in attributes and "defer" not in attributes and "://" not in name:
            attributes["defer"] = "defer"


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx.

    Parameters
    ----------
    app
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata.
    """
    app.connect("config-inited", _check_course_content)
    app.connect("config-inited", _widgets_ship_data_not_code)
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _defer_scripts)
    app.add_css_file("equitykit/course.css")
    app.add_css_file("equitykit/widgets.css")
    app.add_css_file("equitykit/print.css", media="print")
    app.add_js_file("equitykit/accessibility.js", defer="defer")
    agenda.setup(app)  # the agenda, workshop and facilitation directives
    handouts.setup(app)  # blank worksheets and write-in tables
    landing.setup(app)  # a module's time table and objective-to-assessment map
    solutions.setup(app)  # worked solutions a learner opens after trying
    fallbacks.setup(app)  # each widget's content for a browser without JavaScript
    publishing.setup(app)  # no placeholder repository or launch address in a built site
    script_loading.setup(app)  # scripts that need not block the first paint are deferred
    css_bundle.setup(app)  # one stylesheet per page, joined after the build
    legal_sources.setup(app)  # a module's legal statements with their sources and dates
    standards.setup(app)  # the Learning Forward standards a module addresses
    data_source.setup(app)  # re-run notebooks when EQUITYKIT_DATA points elsewhere
    return {
        "version": "1.0",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "vendored_files": list(VENDORED_FILES),
    }
