"""The course's interactive exercises, built from the activities of ``module.yml``.

A practice notebook shows an exercise with one call::

    from equitykit.widgets import activity
    activity("build-a-coalition", "coalition-map")

:func:`activity` reads the activity's content, picks its widget and builds it. Each builder
returns a widget object that holds its data and never displays itself; make it the last
expression of a notebook cell to show it. The widgets' rules on the learner's own input live
in their browser modules (``js/``); what depends only on the tables is computed in Python.
"""

from __future__ import annotations

from typing import Any

from equitykit.content.keys import item_key
from equitykit.content.modules import Module, load_module
from equitykit.journal import Journal
from equitykit.widgets.calculator import DisproportionalityCalculator
from equitykit.widgets.capacity_planner import CapacityPlanner, capacity_planner
from equitykit.widgets.certificate import Certificate, certificate_page
from equitykit.widgets.checklist import Checklist, checklist
from equitykit.widgets.coalition_map import CoalitionMap, coalition_map
from equitykit.widgets.gap_explorer import GapExplorer
from equitykit.widgets.knowledge_check import KnowledgeCheck, knowledge_check
from equitykit.widgets.plan import LeadershipPlan, leadership_plan
from equitykit.widgets.policy_review import PolicyReview, policy_review
from equitykit.widgets.progress import ProgressPage, progress_page
from equitykit.widgets.reflection import Reflection, reflection
from equitykit.widgets.sorting import SortingExercise, sorting_exercise
from equitykit.widgets.sources import calculator_for, explorer_for
from equitykit.widgets.task import PerformanceTask, performance_task
from equitykit.widgets.worksheet import Worksheet, worksheet

__all__ = [
    "CapacityPlanner",
    "Certificate",
    "Checklist",
    "CoalitionMap",
    "DisproportionalityCalculator",
    "GapExplorer",
    "KnowledgeCheck",
    "LeadershipPlan",
    "PerformanceTask",
    "PolicyReview",
    "ProgressPage",
    "Reflection",
    "SortingExercise",
    "Worksheet",
    "activity",
    "certificate_page",
    "progress_page",
]

_SAVING_BUILDERS = {
    "knowledge_check": knowledge_check,
    "reflection": reflection,
    "sorting": sorting_exercise,
    "coalition_map": coalition_map,
    "capacity_planner": capacity_planner,
    "worksheet": worksheet,
    "lens_review": worksheet,
    "policy_review": policy_review,
    "plan": leadership_plan,
    "task": performance_task,
    "checklist": checklist,
}


def activity(module: Module | str, activity_id: str, *, journal: Journal | None = None) -> Any:
    """Build the widget of one activity of a module.

    Parameters
    ----------
    module
        A loaded module or its slug, e.g. ``"build-a-coalition"``.
    activity_id
        The activity's id in ``module.yml``, e.g. ``"coalition-map"``.
    journal
        Where a widget that saves work keeps it in JupyterLab; defaults to the learner's.

    Returns
    -------
    CourseWidget
        The activity's widget.

    Raises
    ------
    equitykit.content.modules.CourseContentError
        When the module has no such activity.
    ValueError
        When the activity has no widget (a reading or a discussion).
    """
    content = module if isinstance(module, Module) else load_module(module)
    item = content.activity(activity_id)
    if item.widget in _SAVING_BUILDERS:
        return _SAVING_BUILDERS[item.widget](content, item, journal)
    if item.widget == "gap_explorer":
        return explorer_for(item.explorer, ui_key=item_key(content.slug, item.id))
    if item.widget == "calculator":
        return calculator_for(item.calculator)
    raise ValueError(f"activity {activity_id!r} of {content.slug!r} has no widget to show")
