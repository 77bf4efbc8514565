"""The coalition map and the partner map: people rated on two scales, placed in quadrants.

A leader rates each stakeholder's *readiness* for the work and their *influence* on it (1 to
5); the map places them in one of four quadrants, each with a suggested way to work with
them, and suggests where to start. The partner map places partners by closeness to the gap
and by what they bring, with the same rule and other words. Readiness is a snapshot of where
someone is today, not a judgement of who they are.

The wording of each map (its :class:`MapScheme`) lives here and is shipped to the browser;
the placing rule lives once, in ``js/coalition_map.js``. Saved as ``{people: [...]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["COALITION", "PARTNERS", "CoalitionMap", "MapScheme", "coalition_map"]

READY_AND_INFLUENTIAL = "Champions: ready and influential, start here"
READY_LESS_INFLUENCE = "Builders: ready, with less influence, build their voice"
INFLUENTIAL_NOT_YET_READY = "Key voices: influential, not yet ready, engage with care"
NOT_YET_READY_LESS_INFLUENCE = "Listeners: not yet ready, with less influence, invite in over time"

#: The four quadrants, in the order the map suggests working with them.
QUADRANTS = (
    READY_AND_INFLUENTIAL,
    READY_LESS_INFLUENCE,
    INFLUENTIAL_NOT_YET_READY,
    NOT_YET_READY_LESS_INFLUENCE,
)

#: What to do with the people in each quadrant (shown by the coalition map widget too).
ADVICE = {
    READY_AND_INFLUENTIAL: (
        "Ask them to co-lead: share the data early, plan the first steps together and let "
        "them speak for the work in their own words."
    ),
    READY_LESS_INFLUENCE: (
        "Give them a visible role and a seat where decisions are made, and pair them with an "
        "influential ally so their voice carries."
    ),
    INFLUENTIAL_NOT_YET_READY: (
        "Meet one to one and listen first: ask what they value and what they fear losing, "
        "and bring them into the questions before the answers are set."
    ),
    NOT_YET_READY_LESS_INFLUENCE: (
        "Keep them informed and welcome: invite them to see the data and the early results, "
        "and check in over time as the work becomes real in their school."
    ),
}

#: Why a person is suggested, by quadrant; filled with ``name``, ``ready`` and ``influence``.
REASON_TEMPLATES = {
    READY_AND_INFLUENTIAL: (
        "{name} is ready ({ready}/5) and influential ({influence}/5): "
        "a natural co-leader whose support others will notice."
    ),
    READY_LESS_INFLUENCE: (
        "{name} is ready ({ready}/5) but has less influence ({influence}/5) for now: "
        "an early partner whose voice you can help grow."
    ),
    INFLUENTIAL_NOT_YET_READY: (
        "{name} has influence ({influence}/5) and is not yet ready ({ready}/5): "
        "start by listening to what they care about and what they stand to lose."
    ),
    NOT_YET_READY_LESS_INFLUENCE: (
        "{name} is not yet ready ({ready}/5) and has less influence ({influence}/5): "
        "keep them informed and invite them in as the work takes shape."
    ),
}


@dataclass(frozen=True)
class MapScheme:
    """The wording of a two-way map: its axes, quadrants, advice and reasons.

    Parameters
    ----------
    x_label, y_label : str
        The two scales (the first is saved as ``readiness``, the second as ``influence``).
    quadrants : tuple of str
        Four names, in the order the map suggests working with them: high/high,
        high first / low second, low first / high second, low/low.
    advice : mapping of str to str
        What to do with the people in each quadrant.
    reasons : mapping of str to str
        Why a person is suggested: templates with ``{name}``, ``{ready}``, ``{influence}``.
    role_label : str
        The heading of the second column.
    """

    x_label: str
    y_label: str
    quadrants: tuple[str, str, str, str]
    advice: Mapping[str, str]
    reasons: Mapping[str, str]
    role_label: str = "Role"

    def to_texts(self) -> dict[str, object]:
        """Return the scheme as plain data for the browser."""
        return {
            "x_label": self.x_label,
            "y_label": self.y_label,
            "quadrants": list(self.quadrants),
            "advice": dict(self.advice),
            "reasons": dict(self.reasons),
            "role_label": self.role_label,
        }


COALITION = MapScheme(
    "Readiness (1 = not yet, 5 = fully)",
    "Influence (1 = little, 5 = a lot)",
    QUADRANTS,
    ADVICE,
    REASON_TEMPLATES,
)

_CORE, _RESOURCE, _CONNECT, _NETWORK = (
    "Core partners: close to the gap and bringing a lot, invite first",
    "Voices to resource: close to the gap, help them take part",
    "Allies: bring a lot from further away, connect them to those closest to the gap",
    "Wider network: keep informed and open the door",
)

#: The partner map: closeness to the gap (first rating) x what a partner brings (second).
PARTNERS = MapScheme(
    "Closeness to the gap (1 = distant, 5 = living it)",
    "What they bring (1 = a little, 5 = a lot)",
    (_CORE, _RESOURCE, _CONNECT, _NETWORK),
    {
        _CORE: "Plan with them from the start and share decisions, not only drafts.",
        _RESOURCE: (
            "Remove the barriers to taking part: timing, childcare, interpreters, pay for "
            "their time, and a real say in what happens."
        ),
        _CONNECT: (
            "Ask them to put their resources behind what the people closest to the gap say "
            "they need."
        ),
        _NETWORK: "Share what you learn and invite them when the work touches their strengths.",
    },
    {
        _CORE: "{name} is close to the gap ({ready}/5) and brings a lot ({influence}/5).",
        _RESOURCE: (
            "{name} is close to the gap ({ready}/5) but can bring less today ({influence}/5): "
            "their knowledge matters most."
        ),
        _CONNECT: (
            "{name} brings a lot ({influence}/5) but is further from the gap ({ready}/5): "
            "link them with those who live it."
        ),
        _NETWORK: (
            "{name} is further from the gap ({ready}/5) and can bring less today "
            "({influence}/5): keep them informed."
        ),
    },
    role_label="What they bring",
)


SCHEMES = {"coalition": COALITION, "partners": PARTNERS}


class CoalitionMap(StoredWidget):
    """People on a quadrant map; ``people`` are the starting people, ``texts`` the wording."""

    _stem = "coalition_map"
    people = traitlets.List().tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)
    cutoff = traitlets.Int(3).tag(sync=True)


def coalition_map(
    module: Module, activity: Any, journal: Journal | None = None, *, cutoff: int = 3
) -> CoalitionMap:
    """Build the coalition (or partner) map of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``coalition_map`` activity (``scheme`` picks the wording).
    journal
        Where the map is kept in JupyterLab.
    cutoff
        A rating at or above this counts as ready (or influential).

    Returns
    -------
    CoalitionMap
    """
    if not 2 <= cutoff <= 5:
        raise ValueError("cutoff must be between 2 and 5")
    return CoalitionMap(
        people=[p.model_dump(mode="json") for p in activity.people],
        texts=SCHEMES[activity.scheme].to_texts(),
        cutoff=cutoff,
        journal=journal,
        **store_args(module, activity),
    )
