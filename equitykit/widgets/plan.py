"""The capstone plan widget: one box per plan section, prefilled with earlier work.

On the static site the browser finds the learner's earlier work (reflections, coalition
map, capacity planner) and their plan in its own localStorage; nothing is sent anywhere.
In JupyterLab the browser asks Python to read the learner's journal
(:meth:`LeadershipPlanWidget.refresh`); saving writes the plan to the journal and
exporting writes a Markdown file beside it. The builder never reads the journal itself,
so building the course website cannot put anyone's journal into a published page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import traitlets

from equitykit.course import Module
from equitykit.journal import JournalError
from equitykit.plan import (
    PLAN_MODULE,
    LeadershipPlan,
    PlanSection,
    build_plan,
    load_plan_sections,
    plan_markdown,
    save_plan,
    section_sources,
)
from equitykit.widgets.base import CourseWidget, browser_module
from equitykit.widgets.progress import PRINT_VIEW_CSS, _journal_or_default


class LeadershipPlanWidget(CourseWidget):
    """The learner's one-page equity leadership plan.

    Attributes
    ----------
    module
        The module holding the plan sections (``"capstone"``).
    sections
        Each section's ``id``, ``title``, ``prompt``, ``example`` and ``sources`` (where
        its earlier work is looked up).
    texts
        Section id -> the text in its box.
    earlier
        Section id -> the earlier work found (``label``, ``short``, ``text`` or ``None``).
    author
        An optional name printed on the exported plan.
    status
        The message shown after saving or exporting.
    export_path
        Where the last Markdown export was written.
    """

    _esm = browser_module("plan")
    _css = CourseWidget._css + PRINT_VIEW_CSS
    module = traitlets.Unicode(PLAN_MODULE).tag(sync=True)
    sections = traitlets.List().tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)
    earlier = traitlets.Dict().tag(sync=True)
    author = traitlets.Unicode("").tag(sync=True)
    loaded = traitlets.Bool(False).tag(sync=True)
    refresh_requests = traitlets.Int(0).tag(sync=True)
    save_requests = traitlets.Int(0).tag(sync=True)
    export_requests = traitlets.Int(0).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    export_path = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        sections: Sequence[PlanSection],
        module: str = PLAN_MODULE,
        journal: Any = None,
        modules_dir: Path | None = None,
    ) -> None:
        described = [
            {
                "id": s.id,
                "title": s.title,
                "prompt": s.prompt,
                "example": s.example,
                "sources": section_sources(s, modules_dir),
            }
            for s in sections
        ]
        super().__init__(module=module, sections=described)
        self._sections = list(sections)
        self._journal = journal
        self._modules_dir = modules_dir
        self._saved: set[str] = set()

    @property
    def journal(self) -> Any:
        """The journal the plan is read from and saved to."""
        return _journal_or_default(self._journal)

    def refresh(self) -> LeadershipPlan:
        """Read earlier work and the saved plan from the journal, as the browser asks.

        Sections the learner has saved show their saved text; the others show a draft
        made of their earlier work.

        Returns
        -------
        LeadershipPlan
            What was read.
        """
        plan = build_plan(
            self.journal,
            sections=self._sections,
            module=self.module,
            modules_dir=self._modules_dir,
        )
        self._saved = set(plan.saved)
        self.earlier = {sid: [p.to_dict() for p in pieces] for sid, pieces in plan.earlier.items()}
        self.texts = dict(plan.texts)
        self.loaded = True
        return plan

    def write(self, section: str, text: str) -> None:
        """Put text in one section's box, as the learner typing does.

        Parameters
        ----------
        section
            The section id, e.g. ``"coalition"``.
        text
            The whole text of the box.
        """
        known = [s.id for s in self._sections]
        if section not in known:
            raise KeyError(f"no plan section {section!r}; the sections are {', '.join(known)}")
        self.texts = {**self.texts, section: text}

    def save(self) -> str:
        """Save the plan to the journal, as the "Save my plan" button does.

        Returns
        -------
        str
            The status message shown to the learner.
        """
        self.save_requests += 1
        return self.status

    @property
    def markdown(self) -> str:
        """The plan as Markdown, dated today."""
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        return plan_markdown(self._sections, self.texts, day, self.author)

    def export_markdown(self, path: str | Path | None = None) -> Path:
        """Write the plan as Markdown, as the "Export as Markdown" button does in Jupyter.

        Parameters
        ----------
        path
            Where to write; defaults to ``my-equity-leadership-plan-<date>.md`` beside
            the journal file.

        Returns
        -------
        pathlib.Path
            The file written; also reported in :attr:`status`.
        """
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        if path is None:
            path = Path(self.journal.path).with_name(f"my-equity-leadership-plan-{day}.md")
        target = Path(path).expanduser()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.markdown, encoding="utf-8")
        self.export_path = str(target)
        self.status = f"Your plan was written to {target}. It stays on this computer."
        return target

    @traitlets.observe("refresh_requests")
    def _on_refresh(self, change: dict[str, Any]) -> None:
        try:
            self.refresh()
        except (OSError, JournalError) as error:
            self.status = f"Could not read your journal ({error})."

    @traitlets.observe("save_requests")
    def _on_save(self, change: dict[str, Any]) -> None:
        texts = {
            sid: text
            for sid, text in self.texts.items()
            if text.strip() or sid in self._saved  # a cleared box is saved as cleared
        }
        try:
            save_plan(self.journal, self._sections, texts)
        except (OSError, JournalError) as error:
            self.status = (
                f"Could not save to your journal ({error}). Export your plan as Markdown "
                "to keep it."
            )
        else:
            self._saved |= set(texts)
            self.status = f"Your plan was saved to your journal ({self.journal.path})."

    @traitlets.observe("export_requests")
    def _on_export(self, change: dict[str, Any]) -> None:
        try:
            self.export_markdown()
        except OSError as error:
            self.status = f"Could not write the Markdown file ({error})."


def leadership_plan(
    module: Module | str = PLAN_MODULE, journal: Any = None, modules_dir: Path | None = None
) -> LeadershipPlanWidget:
    """Build the capstone plan widget from the ``plan_sections`` of a module.

    Parameters
    ----------
    module
        The module whose ``module.yml`` holds ``plan_sections``, loaded or by slug.
    journal
        The journal to read and save; defaults to the learner's journal. It is read only
        when the browser asks (or :meth:`LeadershipPlanWidget.refresh` is called).
    modules_dir
        Where module folders live; defaults to the repository's ``modules/``.

    Returns
    -------
    LeadershipPlanWidget
        The widget; ``refresh()``, ``write()`` sections, ``save()`` and
        ``export_markdown()`` to use it from Python.
    """
    slug = module.slug if isinstance(module, Module) else module
    sections = load_plan_sections(module, modules_dir)
    return LeadershipPlanWidget(sections, module=slug, journal=journal, modules_dir=modules_dir)
