"""Builders of the course's interactive exercises.

Each builder returns a widget object that holds its controls and results; it never
displays itself. Make it the last expression of a notebook cell to show it, or set its
values from Python and read what it computed (that is how the tests drive it).
"""

from equitykit.widgets.disproportionality import (
    DisproportionalityCalculator,
    disproportionality_calculator,
)
from equitykit.widgets.gap_explorer import (
    GapExplorer,
    build_gap_lookup,
    gap_explorer,
    survey_as_outcomes,
    survey_explorer,
)
from equitykit.widgets.learning import (
    KnowledgeCheck,
    Reflection,
    SortingExercise,
    knowledge_check,
    reflection,
    sorting_exercise,
)
from equitykit.widgets.plan import LeadershipPlanWidget, leadership_plan
from equitykit.widgets.planning_tools import (
    CapacityPlanner,
    CoalitionMapWidget,
    capacity_planner,
    coalition_map_widget,
    partner_map_widget,
)
from equitykit.widgets.policy_review import PolicyReview, policy_review
from equitykit.widgets.progress import ProgressTracker, progress_tracker
from equitykit.widgets.worksheet import Worksheet, lens_review, worksheet

__all__ = [
    "CapacityPlanner",
    "CoalitionMapWidget",
    "capacity_planner",
    "coalition_map_widget",
    "partner_map_widget",
    "DisproportionalityCalculator",
    "disproportionality_calculator",
    "GapExplorer",
    "KnowledgeCheck",
    "Reflection",
    "SortingExercise",
    "build_gap_lookup",
    "gap_explorer",
    "knowledge_check",
    "reflection",
    "sorting_exercise",
    "survey_as_outcomes",
    "survey_explorer",
    "LeadershipPlanWidget",
    "leadership_plan",
    "ProgressTracker",
    "progress_tracker",
    "PolicyReview",
    "policy_review",
    "Worksheet",
    "lens_review",
    "worksheet",
]
