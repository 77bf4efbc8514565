"""The progress page: which modules are done, with the journal's export and a print view.

Python ships the course outline (every activity that saves work, with its key and parts);
the browser reads the learner's saved work and applies the progress rules of
``js/lib/completion.js``. In JupyterLab the saved work comes from the learner's journal.
"""

from __future__ import annotations

import traitlets

from equitykit.content.keys import legacy_keys
from equitykit.content.modules import Module, course_modules
from equitykit.content.outline import course_outline
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget

__all__ = ["ProgressPage", "progress_page"]


class ProgressPage(StoredWidget):
    """Progress in every module, from the learner's saved work.

    It writes nothing but the work a learner adds from a journal file.
    """

    _stem = "progress"
    outline = traitlets.List().tag(sync=True)


def progress_page(
    modules: list[Module] | None = None, journal: Journal | None = None
) -> ProgressPage:
    """Build the progress page for the course's modules.

    Parameters
    ----------
    modules
        The modules, in course order; defaults to every module of the course.
    journal
        Where the saved work is read in JupyterLab; defaults to the learner's journal.

    Returns
    -------
    ProgressPage
    """
    loaded = modules if modules is not None else course_modules()
    outline = course_outline(loaded)
    keys = [a["key"] for m in outline for a in m["activities"]]
    return ProgressPage(
        outline=outline,
        key="",
        reads=keys,
        writes=keys,  # the work a learner adds from a journal file
        legacy=legacy_keys(loaded),
        journal=journal,
    )
