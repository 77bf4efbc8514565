"""The progress widget: which modules are done, which checks passed, which reflections exist.

On the static site the browser reads the learner's answers from its own localStorage and
nothing is sent anywhere. In JupyterLab the browser asks Python for the learner's journal
(:meth:`ProgressTracker.refresh`), which arrives in the synced trait ``journal_store``.
The builder never reads the journal itself, so building the course website cannot put
anyone's journal into a published page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import traitlets

from equitykit.course import Module
from equitykit.journal import JournalError
from equitykit.progress import (
    ModuleOutline,
    ModuleProgress,
    course_outline,
    export_journal_markdown,
    journal_store,
    outline_from_module,
    progress_from_store,
)
from equitykit.widgets.base import CourseWidget, browser_module

#: Styles for the progress and plan widgets, including a print view that shows only the
#: sheet being printed (the widgets add ``ek-printing`` to ``<body>`` while printing).
PRINT_VIEW_CSS = """
.ek-widget .ek-input { font: inherit; padding: 0.3rem 0.4rem; border: 1px solid #57606a;
  border-radius: 4px; color: #1f2328; background: #ffffff; }
.ek-widget .ek-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.ek-widget details { margin: 0.4rem 0; }
.ek-widget details > summary { cursor: pointer; font-weight: 600; }
.ek-widget .ek-progress-items { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; }
.ek-widget .ek-plan-section { border-top: 1px solid #d0d7de; padding-top: 0.5rem;
  margin-top: 0.75rem; }
.ek-widget .ek-plan-section h4 { margin: 0.25rem 0; font-size: 1.05rem; }
.ek-widget .ek-plan-earlier { background: #f6f8fa; border-left: 4px solid #57606a;
  padding: 0.25rem 0.75rem; margin: 0.5rem 0; }
.ek-widget .ek-plan-earlier pre { white-space: pre-wrap; font: inherit; margin: 0.25rem 0; }
.ek-widget .ek-missing { font-style: italic; color: #4a5058; }
.ek-print-sheet { display: none; }
@media print {
  body.ek-printing > *:not(.ek-print-sheet) { display: none !important; }
  body.ek-printing > .ek-print-sheet { display: block !important; }
  .ek-print-sheet .ek-widget { max-width: none; font-size: 11pt; }
  .ek-print-sheet h1 { font-size: 18pt; margin: 0 0 0.5rem; }
  .ek-print-sheet h2 { font-size: 13pt; margin: 0.75rem 0 0.25rem; break-after: avoid; }
  .ek-print-sheet .ek-sheet-text { white-space: pre-wrap; margin: 0; }
  .ek-print-sheet .ek-table th, .ek-print-sheet .ek-table td { border: 1px solid #57606a; }
  .ek-no-print { display: none !important; }
}
"""


def _journal_or_default(journal: Any) -> Any:
    if journal is not None:
        return journal
    from equitykit.journal import Journal

    return Journal()


class ProgressTracker(CourseWidget):
    """Progress in every module of the course, with a journal download and a print view.

    Attributes
    ----------
    modules
        The course's modules as sent to the browser: ``slug``, ``title``, ``checks``
        (``id``, ``question``), ``reflections`` (``id``, ``prompt``), ``plan_sections``.
    journal_store
        The learner's journal in the browser's key shape; filled by :meth:`refresh`.
    loaded
        Whether :meth:`refresh` has read the journal.
    status
        The message shown to the learner after an action.
    export_path
        Where the last Markdown export was written.
    """

    _esm = browser_module("progress")
    _css = CourseWidget._css + PRINT_VIEW_CSS
    modules = traitlets.List().tag(sync=True)
    journal_store = traitlets.Dict().tag(sync=True)
    loaded = traitlets.Bool(False).tag(sync=True)
    refresh_requests = traitlets.Int(0).tag(sync=True)
    export_requests = traitlets.Int(0).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    export_path = traitlets.Unicode("").tag(sync=True)

    def __init__(self, outline: Sequence[ModuleOutline], journal: Any = None) -> None:
        super().__init__(modules=[m.to_dict() for m in outline])
        self._outline = list(outline)
        self._journal = journal

    @property
    def journal(self) -> Any:
        """The journal read by :meth:`refresh` (the learner's own unless one was given)."""
        return _journal_or_default(self._journal)

    def refresh(self) -> list[ModuleProgress]:
        """Read the journal into :attr:`journal_store`, as the browser asks on opening.

        Returns
        -------
        list of ModuleProgress
            Progress in every module.
        """
        try:
            self.journal_store = journal_store(self.journal)
        except (OSError, JournalError) as error:
            self.status = f"Could not read your journal ({error})."
        else:
            self.loaded = True
            self.status = ""
        return self.progress

    @property
    def progress(self) -> list[ModuleProgress]:
        """Progress in every module, from the journal as last read."""
        return progress_from_store(self._outline, self.journal_store)

    @property
    def shown(self) -> dict[str, str]:
        """Module slug -> the status the widget shows (``done``, ``in progress``, ...)."""
        return {p.slug: p.status for p in self.progress}

    def download(self, path: str | Path | None = None) -> Path:
        """Write the whole journal with a progress summary as Markdown, as the button does.

        Parameters
        ----------
        path
            Where to write; defaults to ``my-journal-<date>.md`` beside the journal file.

        Returns
        -------
        pathlib.Path
            The file written; also reported in :attr:`status`.
        """
        written = export_journal_markdown(self.journal, path, self._outline)
        self.export_path = str(written)
        self.status = f"Your journal was written to {written}. It stays on this computer."
        return written

    @traitlets.observe("refresh_requests")
    def _on_refresh(self, change: dict[str, Any]) -> None:
        self.refresh()

    @traitlets.observe("export_requests")
    def _on_export(self, change: dict[str, Any]) -> None:
        try:
            self.download()
        except (OSError, JournalError) as error:
            self.status = f"Could not write the Markdown file ({error})."


def progress_tracker(
    modules: Sequence[Module | str] | None = None, journal: Any = None
) -> ProgressTracker:
    """Build the progress widget for the course's modules.

    Parameters
    ----------
    modules
        Loaded modules or slugs, in course order; defaults to every module of the course
        (:func:`equitykit.progress.course_slugs`).
    journal
        The journal to read in JupyterLab; defaults to the learner's journal. It is read
        only when the browser asks (or :meth:`ProgressTracker.refresh` is called).

    Returns
    -------
    ProgressTracker
        The widget; call ``refresh()`` and read ``progress`` to use it from Python.
    """
    if modules is None:
        outline = course_outline()
    else:
        outline = [
            outline_from_module(m) if isinstance(m, Module) else course_outline([m])[0]
            for m in modules
        ]
    return ProgressTracker(outline, journal=journal)
