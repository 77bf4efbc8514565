"""Planning widgets: the coalition map and the capacity and succession planner.

The learner's entries stay in their browser on the static site; in JupyterLab they are
also synced to Python, where :attr:`CoalitionMapWidget.result` and
:attr:`CapacityPlanner.findings` give the same answers from :mod:`equitykit.planning`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import traitlets

from equitykit.planning import (
    CAPACITY_TEXT,
    COALITION,
    PARTNERS,
    CapacityFinding,
    CoalitionMap,
    MapScheme,
    Stakeholder,
    capacity_gaps,
    coalition_map,
)
from equitykit.widgets.base import CourseWidget, browser_module


class CoalitionMapWidget(CourseWidget):
    """Stakeholders rated for readiness and influence, on a quadrant chart.

    Attributes
    ----------
    stakeholders
        Each as ``{"name", "role", "readiness", "influence"}`` (ratings 1 to 5).
    cutoff
        A rating at or above this counts as ready or influential.
    """

    _esm = browser_module("coalition_map")
    module = traitlets.Unicode().tag(sync=True)
    map_id = traitlets.Unicode("coalition").tag(sync=True)
    stakeholders = traitlets.List().tag(sync=True)
    cutoff = traitlets.Int(3).tag(sync=True)
    _texts = traitlets.Dict().tag(sync=True)

    def __init__(self, scheme: MapScheme = COALITION, **kwargs: Any) -> None:
        self._scheme = scheme
        super().__init__(_texts=scheme.to_texts(), **kwargs)

    @traitlets.validate("stakeholders")
    def _valid_people(self, proposal: dict[str, Any]) -> list[dict[str, Any]]:
        people = proposal["value"]
        self._build(people)  # raises a clear error for a bad rating or a repeat
        return people

    def _build(self, people: Iterable[Mapping[str, Any]]) -> CoalitionMap:
        return coalition_map(
            [
                Stakeholder(p["name"], p.get("role", ""), int(p["readiness"]), int(p["influence"]))
                for p in people
            ],
            cutoff=self.cutoff,
            scheme=getattr(self, "_scheme", COALITION),
        )

    def add(self, name: str, role: str, readiness: int, influence: int) -> None:
        """Add a stakeholder, as the form does."""
        person = {"name": name, "role": role, "readiness": readiness, "influence": influence}
        self.stakeholders = [*self.stakeholders, person]

    @property
    def result(self) -> CoalitionMap:
        """The map computed by :func:`equitykit.planning.coalition_map`."""
        return self._build(self.stakeholders)


class CapacityPlanner(CourseWidget):
    """Initiatives x people: which work depends on one person, and who carries too much.

    Attributes
    ----------
    initiatives, people
        The rows and columns of the grid.
    assigned
        Initiative -> the people carrying it.
    max_per_person
        More initiatives than this for one person counts as overload.
    """

    _esm = browser_module("capacity")
    module = traitlets.Unicode().tag(sync=True)
    planner_id = traitlets.Unicode("capacity").tag(sync=True)
    initiatives = traitlets.List(traitlets.Unicode()).tag(sync=True)
    people = traitlets.List(traitlets.Unicode()).tag(sync=True)
    assigned = traitlets.Dict().tag(sync=True)
    max_per_person = traitlets.Int(3).tag(sync=True)
    _texts = traitlets.Dict().tag(sync=True)

    def assign(self, initiative: str, person: str, on: bool = True) -> None:
        """Tick (or untick) the box for a person on an initiative."""
        if initiative not in self.initiatives:
            raise KeyError(f"{initiative!r} is not one of the initiatives {self.initiatives}")
        if person not in self.people:
            raise KeyError(f"{person!r} is not one of the people {self.people}")
        current = set(self.assigned.get(initiative, []))
        current = current | {person} if on else current - {person}
        ordered = [p for p in self.people if p in current]
        self.assigned = {**self.assigned, initiative: ordered}

    @property
    def findings(self) -> list[CapacityFinding]:
        """What :func:`equitykit.planning.capacity_gaps` finds in the current grid."""
        grid = {i: self.assigned.get(i, []) for i in self.initiatives}
        return capacity_gaps(grid, max_per_person=self.max_per_person)


def coalition_map_widget(
    module: str,
    stakeholders: Sequence[Mapping[str, Any]] = (),
    *,
    cutoff: int = 3,
    map_id: str = "coalition",
) -> CoalitionMapWidget:
    """Build a coalition map, optionally starting from example stakeholders.

    Parameters
    ----------
    module
        The module slug (where the learner's map is saved).
    stakeholders
        Starting people: mappings with ``name``, ``role``, ``readiness``, ``influence``.
    cutoff
        A rating at or above this counts as ready or influential.
    map_id
        Distinguishes several maps in one module.

    Returns
    -------
    CoalitionMapWidget
        The widget; ``add`` people and read ``result``.
    """
    return CoalitionMapWidget(
        scheme=COALITION,
        module=module,
        map_id=map_id,
        cutoff=cutoff,
        stakeholders=[dict(p) for p in stakeholders],
    )


def partner_map_widget(
    module: str,
    partners: Sequence[Mapping[str, Any]] = (),
    *,
    cutoff: int = 3,
    map_id: str = "partners",
) -> CoalitionMapWidget:
    """Build a partner map: closeness to the gap x what each partner brings.

    Parameters
    ----------
    module
        The module slug (where the learner's map is saved).
    partners
        Starting partners: mappings with ``name``, ``role`` (what they bring, in words),
        ``readiness`` (closeness to the gap, 1-5) and ``influence`` (how much they
        bring, 1-5).
    cutoff
        A rating at or above this counts as close, or as bringing a lot.
    map_id
        Distinguishes several maps in one module.

    Returns
    -------
    CoalitionMapWidget
        The same map widget, with the partner map's wording.
    """
    return CoalitionMapWidget(
        scheme=PARTNERS,
        module=module,
        map_id=map_id,
        cutoff=cutoff,
        stakeholders=[dict(p) for p in partners],
    )


def capacity_planner(
    module: str,
    assignments: Mapping[str, Sequence[str]],
    *,
    people: Sequence[str] | None = None,
    max_per_person: int = 3,
    planner_id: str = "capacity",
) -> CapacityPlanner:
    """Build a capacity and succession planner from initiative -> people.

    Parameters
    ----------
    module
        The module slug (where the learner's grid is saved).
    assignments
        Each initiative and the people carrying it.
    people
        Column order; defaults to everyone named, in the order first met.
    max_per_person
        More initiatives than this for one person counts as overload.
    planner_id
        Distinguishes several planners in one module.

    Returns
    -------
    CapacityPlanner
        The widget; ``assign`` people and read ``findings``.
    """
    named: list[str] = []
    for names in assignments.values():
        named += [n for n in names if n not in named]
    columns = list(people) if people is not None else named
    unknown = [n for n in named if n not in columns]
    if unknown:
        raise ValueError(f"people {unknown} are assigned but not in the people list")
    return CapacityPlanner(
        module=module,
        planner_id=planner_id,
        initiatives=list(assignments),
        people=columns,
        assigned={k: list(v) for k, v in assignments.items()},
        max_per_person=max_per_person,
        _texts={kind: dict(text) for kind, text in CAPACITY_TEXT.items()},
    )
