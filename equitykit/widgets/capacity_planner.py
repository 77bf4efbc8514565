"""The capacity and succession planner: which work rests on one person, who carries too much.

A grid of initiatives and people; the browser finds work that depends on a single person
(it stops if they leave), people carrying more initiatives than a limit, and initiatives
with no one assigned, each with plain-language advice. The advice texts live here and are
shipped to the browser; the rule lives once, in ``js/capacity_planner.js``.
Saved as ``{initiatives, people, assigned, max_per_person}``.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["CAPACITY_TEXT", "CapacityPlanner", "capacity_planner"]

SINGLE_POINT_OF_FAILURE = "single point of failure"
OVERLOAD = "overload"
NO_ONE_ASSIGNED = "no one assigned"

#: Finding texts by kind: ``detail`` and ``advice`` templates (and the overload's
#: ``alone`` sentence).
CAPACITY_TEXT = {
    NO_ONE_ASSIGNED: {
        "detail": "No one is assigned to {initiative}.",
        "advice": (
            "Name someone to own it, or decide openly to pause it so that no one "
            "is quietly expected to pick it up."
        ),
    },
    SINGLE_POINT_OF_FAILURE: {
        "detail": (
            "{initiative} depends on {person} alone: it would stall if they were away or left."
        ),
        "advice": (
            "Name a second person to work alongside {person}, and write down the key "
            "contacts, routines and data so the work can outlast a change in staff."
        ),
    },
    OVERLOAD: {
        "detail": "{person} carries {count} initiatives ({initiatives}), more than {limit}.",
        "alone": " They are the only person on {alone}.",
        "advice": (
            "Sit down with {person} to agree what to share, hand over or pause, and "
            "protect time for the work that matters most for students."
        ),
    },
}


class CapacityPlanner(StoredWidget):
    """Initiatives x people, with the starting assignments of ``module.yml``."""

    _stem = "capacity_planner"
    initiatives = traitlets.List().tag(sync=True)
    people = traitlets.List().tag(sync=True)
    assigned = traitlets.Dict().tag(sync=True)
    max_per_person = traitlets.Int(3).tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)


def capacity_planner(
    module: Module, activity: Any, journal: Journal | None = None
) -> CapacityPlanner:
    """Build the planner of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``capacity_planner`` activity (``assignments``: initiative -> people).
    journal
        Where the grid is kept in JupyterLab.

    Returns
    -------
    CapacityPlanner
    """
    people: list[str] = []
    for names in activity.assignments.values():
        people += [n for n in names if n not in people]
    return CapacityPlanner(
        initiatives=list(activity.assignments),
        people=people,
        assigned={k: list(v) for k, v in activity.assignments.items()},
        max_per_person=activity.max_per_person,
        texts={kind: dict(text) for kind, text in CAPACITY_TEXT.items()},
        journal=journal,
        **store_args(module, activity),
    )
