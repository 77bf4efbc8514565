"""The base of every course widget, and the Python half of the learner's store.

Course widgets are anywidgets. Each one's browser code is a JavaScript module kept as a
file, ``equitykit/widgets/js/<stem>.js``, bundled with the ``lib/`` modules it imports into
``equitykit/widgets/static/<stem>.js`` by ``make assets`` (esbuild). The Python class
ships data to it and never re-derives what it computes.

On the published site the page carries only the widget's data: during a book build
(:data:`SITE_BUILD_ENV` set by the Sphinx extension) ``_esm`` names the module
(``equitykit-widget:<stem>``) and the site's loader imports it from ``_static``, once for
every widget on every page.

Widgets that save the learner's work (:class:`StoredWidget`) answer the browser's store
messages from the learner's journal (:mod:`equitykit.journal`): ``load`` returns the items
the widget may read, ``save`` writes the one item it owns. The builder never reads the
journal itself, so building the course website cannot put anyone's journal into a page.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from equitykit.journal import Journal, JournalError

__all__ = ["SITE_BUILD_ENV", "CourseWidget", "StoredWidget", "WidgetAssetsMissingError"]

JS_DIR = Path(__file__).parent / "js"
STATIC_DIR = Path(__file__).parent / "static"
#: Set (to any value) while the book is built: widgets then ship data, not code.
SITE_BUILD_ENV = "EQUITYKIT_SITE_BUILD"


class WidgetAssetsMissingError(RuntimeError):
    """The widgets' bundled browser modules have not been built (``make assets``)."""


def browser_module(stem: str) -> str:
    """Return what a widget gives anywidget as ``_esm``.

    Parameters
    ----------
    stem
        The widget's file stem, e.g. ``"coalition_map"``.

    Returns
    -------
    str
        The bundled module's source, or ``equitykit-widget:<stem>`` during a book build.

    Raises
    ------
    WidgetAssetsMissingError
        When the bundle has not been built.
    """
    if os.environ.get(SITE_BUILD_ENV):
        return f"equitykit-widget:{stem}"
    path = STATIC_DIR / f"{stem}.js"
    if not path.is_file():
        raise WidgetAssetsMissingError(
            f"the browser module of the {stem} widget ({path}) has not been built; run "
            "`make assets` (npm ci, then esbuild) in the repository root"
        )
    return path.read_text(encoding="utf-8")


def widget_css() -> str:
    """Return the widgets' shared styles (on the site, the page's stylesheets carry them)."""
    if os.environ.get(SITE_BUILD_ENV):
        return ""
    return (JS_DIR / "widgets.css").read_text(encoding="utf-8")


class CourseWidget(anywidget.AnyWidget):
    """Base class: the widget's bundled browser module and the shared styles."""

    _stem: ClassVar[str] = ""

    @property
    def _esm(self) -> str:  # read once by anywidget when the widget is created
        return browser_module(self._stem)

    @property
    def _css(self) -> str:
        return widget_css()


class StoredWidget(CourseWidget):
    """A widget that saves the learner's work under its activity's key.

    Parameters
    ----------
    key
        The key it saves under, ``<module>/<activity id>``; ``""`` for a widget that only
        reads (the progress page).
    reads
        The keys it may read (its own by default; the plan and progress read more).
    writes
        The keys it may write besides its own (the progress page writes the work a learner
        imports from a journal file).
    legacy
        Version-1 keys to move to their new keys on first load (see
        :func:`equitykit.content.keys.legacy_keys`).
    journal
        Where the work is kept in JupyterLab; defaults to the learner's journal.
    """

    _store = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        *,
        key: str,
        reads: Sequence[str] | None = None,
        writes: Sequence[str] = (),
        legacy: Mapping[str, Any] | None = None,
        journal: Journal | None = None,
        **traits: Any,
    ) -> None:
        keys = list(reads) if reads is not None else [key]
        super().__init__(_store={"key": key, "keys": keys, "legacy": dict(legacy or {})}, **traits)
        self._journal = journal
        self._writes = {key, *writes} - {""}
        self.on_msg(self._on_store_message)

    @property
    def key(self) -> str:
        """The key this widget saves under."""
        return self._store["key"]

    @property
    def journal(self) -> Journal:
        """The journal the browser's work is kept in (the learner's own unless given)."""
        if self._journal is None:
            self._journal = Journal()
        return self._journal

    def _on_store_message(self, widget: Any, content: Any, buffers: Any) -> None:
        reply = self.answer(content)
        if reply is not None:
            self.send(reply)

    def answer(self, message: Any) -> dict[str, Any] | None:
        """Answer one store message from the browser (what the comm handler sends back).

        Parameters
        ----------
        message
            ``{"type": "load", "keys": [...]}`` or ``{"type": "save", "key", "value",
            "request"}``.

        Returns
        -------
        dict or None
            The reply, or ``None`` for a message that is not a store message.
        """
        if not isinstance(message, dict) or message.get("type") not in ("load", "save"):
            return None
        allowed = self._store["keys"]
        where = str(self.journal.path)
        try:
            if message["type"] == "load":
                wanted = [k for k in message.get("keys") or allowed if k in allowed]
                return {"type": "loaded", "items": self.journal.items(wanted), "where": where}
            key, value = message.get("key"), message.get("value")
            if key not in self._writes:
                return self._refused(message, f"this widget does not save {key!r}")
            if not isinstance(value, dict):
                return self._refused(message, "saved work must be a JSON object")
            json.dumps(value)  # refuses what could not be written to the file
            stored = self.journal.save(key, value)
        except (OSError, JournalError, ValueError, TypeError) as error:
            if message["type"] == "load":
                return {"type": "error", "message": f"your journal could not be read ({error})"}
            return self._refused(message, f"your journal could not be written ({error})")
        return {
            "type": "saved",
            "request": message.get("request"),
            "key": key,
            "ok": True,
            "value": stored,
            "where": where,
        }

    @staticmethod
    def _refused(message: dict[str, Any], why: str) -> dict[str, Any]:
        return {
            "type": "saved",
            "request": message.get("request"),
            "key": message.get("key"),
            "ok": False,
            "message": why,
        }


def store_args(module: Any, activity: Any) -> dict[str, Any]:
    """Return the key an activity's widget saves under, and the version-1 keys moved to it.

    Parameters
    ----------
    module
        A loaded :class:`~equitykit.content.modules.Module`.
    activity
        One of its activities.

    Returns
    -------
    dict
        ``key`` and ``legacy``, ready to pass to :class:`StoredWidget`.
    """
    from equitykit.content.keys import item_key, legacy_keys

    key = item_key(module.slug, activity.id)
    legacy = {old: spec for old, spec in legacy_keys([module]).items() if spec["key"] == key}
    return {"key": key, "legacy": legacy}
