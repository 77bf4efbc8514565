"""Logic for two planning exercises: a coalition map and a capacity and succession check.

**Coalition map.** Equity work that starts from the top still needs partners. A leader
rates each stakeholder's *readiness* for the work and their *influence* on it (1 to 5)
and :func:`coalition_map` places them in one of four quadrants, each with a suggested
way to work with them. Readiness is a snapshot of where someone is today, not a
judgement of who they are: people who are not yet ready often have real losses at
stake, and the map suggests listening before persuading.

**Capacity and succession.** :func:`capacity_gaps` reads who carries which initiative
and points out work that rests on a single person (it stops if they leave), people
carrying too many initiatives at once, and initiatives with no one assigned, each with
plain-language advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "CapacityFinding",
    "COALITION",
    "CoalitionMap",
    "MapScheme",
    "PARTNERS",
    "Placement",
    "Stakeholder",
    "StartingPoint",
    "capacity_gaps",
    "coalition_map",
    "initiatives_by_person",
    "quadrant",
]

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

SINGLE_POINT_OF_FAILURE = "single point of failure"
OVERLOAD = "overload"
NO_ONE_ASSIGNED = "no one assigned"

#: Finding texts by kind: ``detail`` and ``advice`` templates (and the overload's
#: ``alone`` sentence). The browser side of the capacity planner uses the same templates.
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


def _rating(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValueError(f"{what} must be a whole number from 1 to 5, not {value!r}")
    return value


@dataclass(frozen=True)
class Stakeholder:
    """A person whose support the equity work needs.

    Parameters
    ----------
    name : str
        Who they are (a name or a role-holder's title).
    role : str
        Their role, e.g. ``"principal, Lincoln Middle"`` or ``"teachers' union president"``.
    readiness : int
        How ready they are today to support the work, from 1 (not yet) to 5 (fully).
    influence : int
        How much their support or opposition shapes the work, from 1 (little) to 5 (a lot).
    """

    name: str
    role: str
    readiness: int
    influence: int

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise ValueError("a stakeholder needs a name")
        _rating(self.readiness, "readiness")
        _rating(self.influence, "influence")


@dataclass(frozen=True)
class Placement:
    """Where a stakeholder sits on the coalition map.

    Parameters
    ----------
    stakeholder : Stakeholder
        The person.
    quadrant : str
        One of :data:`QUADRANTS`.
    advice : str
        A suggested way to work with people in this quadrant.
    """

    stakeholder: Stakeholder
    quadrant: str
    advice: str


@dataclass(frozen=True)
class StartingPoint:
    """A suggested person to start with, and why.

    Parameters
    ----------
    stakeholder : Stakeholder
        The person.
    quadrant : str
        Their quadrant.
    reason : str
        A short, plain-language reason.
    """

    stakeholder: Stakeholder
    quadrant: str
    reason: str


#: Why a person is suggested, by quadrant; filled with ``name``, ``ready`` and ``influence``.
#: The browser side of the coalition map uses the same templates.
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

    The coalition map (readiness x influence) and the partner map (closeness to the gap x
    what a partner brings) place people by the same rule; only the words differ.

    Parameters
    ----------
    x_label, y_label : str
        The two ratings, as shown to the learner (the first is stored as ``readiness``,
        the second as ``influence``).
    quadrants : tuple of str
        Four names, in the order the map suggests working with them: high/high,
        high x / low y, low x / high y, low/low.
    advice : mapping of str to str
        What to do with the people in each quadrant.
    reasons : mapping of str to str
        Why a person is suggested, as templates with ``name``, ``ready``, ``influence``.
    """

    x_label: str
    y_label: str
    quadrants: tuple[str, str, str, str]
    advice: Mapping[str, str]
    reasons: Mapping[str, str]
    role_label: str = "Role"

    def to_texts(self) -> dict[str, object]:
        """Return the scheme as plain data for the browser side of the map widget."""
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


def _reason(stakeholder: Stakeholder, quadrant: str, scheme: MapScheme | None = None) -> str:
    return (
        (scheme or COALITION)
        .reasons[quadrant]
        .format(name=stakeholder.name, ready=stakeholder.readiness, influence=stakeholder.influence)
    )


@dataclass(frozen=True)
class CoalitionMap:
    """Stakeholders placed on a readiness-by-influence map.

    Parameters
    ----------
    placements : tuple of Placement
        One per stakeholder, in the order given.
    cutoff : int
        A rating at or above this counts as "ready" or "influential".
    """

    placements: tuple[Placement, ...]
    cutoff: int
    scheme: MapScheme = COALITION

    def quadrant_of(self, name: str) -> str:
        """Return the quadrant of the stakeholder with this name.

        Parameters
        ----------
        name : str
            The stakeholder's name.

        Returns
        -------
        str
        """
        for placement in self.placements:
            if placement.stakeholder.name == name:
                return placement.quadrant
        raise KeyError(name)

    def by_quadrant(self) -> dict[str, list[Stakeholder]]:
        """Group stakeholders by quadrant (every quadrant present, possibly empty).

        Returns
        -------
        dict of str to list of Stakeholder
            Keys in the order of :data:`QUADRANTS`; people in the order given.
        """
        groups: dict[str, list[Stakeholder]] = {q: [] for q in self.scheme.quadrants}
        for placement in self.placements:
            groups[placement.quadrant].append(placement.stakeholder)
        return groups

    def where_to_start(self, n: int = 3) -> list[StartingPoint]:
        """Suggest the first people to work with, with a short reason for each.

        Ranked by quadrant (start here; build their voice; engage with care; invite in
        over time), then by influence, then readiness, then the order given.

        Parameters
        ----------
        n : int, default 3
            How many people to suggest.

        Returns
        -------
        list of StartingPoint
        """
        if n < 0:
            raise ValueError("n cannot be negative")
        order = {quadrant: rank for rank, quadrant in enumerate(self.scheme.quadrants)}
        ranked = sorted(
            enumerate(self.placements),
            key=lambda item: (
                order[item[1].quadrant],
                -item[1].stakeholder.influence,
                -item[1].stakeholder.readiness,
                item[0],
            ),
        )
        return [
            StartingPoint(
                p.stakeholder, p.quadrant, _reason(p.stakeholder, p.quadrant, self.scheme)
            )
            for _, p in ranked[:n]
        ]

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dictionary per stakeholder, for a table or a chart.

        Returns
        -------
        list of dict
            With ``name, role, readiness, influence, quadrant, advice``.
        """
        return [
            {
                "name": p.stakeholder.name,
                "role": p.stakeholder.role,
                "readiness": p.stakeholder.readiness,
                "influence": p.stakeholder.influence,
                "quadrant": p.quadrant,
                "advice": p.advice,
            }
            for p in self.placements
        ]


def quadrant(
    readiness: int, influence: int, *, cutoff: int = 3, scheme: MapScheme | None = None
) -> str:
    """Name the quadrant for a readiness and an influence rating.

    Parameters
    ----------
    readiness, influence : int
        Ratings from 1 to 5.
    cutoff : int, default 3
        A rating at or above this counts as "ready" or "influential".

    Returns
    -------
    str
        One of :data:`QUADRANTS`.
    """
    both, first_only, second_only, neither = (scheme or COALITION).quadrants
    ready = _rating(readiness, "readiness") >= cutoff
    influential = _rating(influence, "influence") >= cutoff
    if ready and influential:
        return both
    if ready:
        return first_only
    if influential:
        return second_only
    return neither


def coalition_map(
    stakeholders: Iterable[Stakeholder], *, cutoff: int = 3, scheme: MapScheme | None = None
) -> CoalitionMap:
    """Place stakeholders on a readiness-by-influence map.

    Parameters
    ----------
    stakeholders : iterable of Stakeholder
        The people to place; names must be unique.
    cutoff : int, default 3
        A rating at or above this (on the 1-5 scale) counts as "ready" or "influential",
        so a 3 sits on the more ready / more influential side.
    scheme : MapScheme, optional
        The wording; :data:`COALITION` by default, :data:`PARTNERS` for a partner map.

    Returns
    -------
    CoalitionMap

    Examples
    --------
    >>> team = [Stakeholder("Ms. Rivera", "principal", 5, 4),
    ...         Stakeholder("Mr. Osei", "board member", 2, 5)]
    >>> coalition_map(team).quadrant_of("Mr. Osei")
    'Key voices: influential, not yet ready, engage with care'
    """
    if not 2 <= cutoff <= 5:
        raise ValueError("cutoff must be between 2 and 5")
    people = list(stakeholders)
    seen: set[str] = set()
    for person in people:
        if not isinstance(person, Stakeholder):
            raise TypeError(f"expected a Stakeholder, not {person!r}")
        if person.name in seen:
            raise ValueError(f"{person.name!r} appears twice; give each stakeholder one entry")
        seen.add(person.name)
    placements = []
    wording = scheme or COALITION
    for person in people:
        where = quadrant(person.readiness, person.influence, cutoff=cutoff, scheme=wording)
        placements.append(Placement(person, where, wording.advice[where]))
    return CoalitionMap(tuple(placements), cutoff, wording)


# ------------------------------------------------------------ capacity and succession


@dataclass(frozen=True)
class CapacityFinding:
    """One risk to the work's capacity, with advice.

    Parameters
    ----------
    kind : str
        ``"no one assigned"``, ``"single point of failure"`` or ``"overload"``.
    initiatives : tuple of str
        The initiative(s) concerned.
    person : str or None
        The person concerned, if any.
    detail : str
        What was found, in plain language.
    advice : str
        What to do about it.
    """

    kind: str
    initiatives: tuple[str, ...]
    person: str | None
    detail: str
    advice: str


def _people(value: str | Iterable[str]) -> list[str]:
    """List the people on an initiative: trimmed, without blanks or repeats."""
    names = [value] if isinstance(value, str) else list(value)
    people: list[str] = []
    seen: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"people must be given by name, not {name!r}")
        cleaned = " ".join(name.split())
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            people.append(cleaned)
    return people


def _clean(assignments: Mapping[str, str | Iterable[str]]) -> dict[str, list[str]]:
    """Clean the people on each initiative; one spelling per person (the first met)."""
    spelling: dict[str, str] = {}
    cleaned: dict[str, list[str]] = {}
    for initiative, people in assignments.items():
        names = _people(people)
        cleaned[str(initiative)] = [spelling.setdefault(name.casefold(), name) for name in names]
    return cleaned


def initiatives_by_person(
    assignments: Mapping[str, str | Iterable[str]],
) -> dict[str, list[str]]:
    """Turn *initiative -> people* into *person -> initiatives*.

    Names are matched ignoring case and extra spaces; the first spelling is kept.

    Parameters
    ----------
    assignments : mapping of str to iterable of str
        Each initiative and the people carrying it (a single name may be a string).

    Returns
    -------
    dict of str to list of str
        People in the order first met, each with their initiatives in the order given.
    """
    load: dict[str, list[str]] = {}
    for initiative, people in _clean(assignments).items():
        for person in people:
            load.setdefault(person, []).append(initiative)
    return load


def _list(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def capacity_gaps(
    assignments: Mapping[str, str | Iterable[str]], *, max_per_person: int = 3
) -> list[CapacityFinding]:
    """Find work that depends on one person and people carrying too much.

    Parameters
    ----------
    assignments : mapping of str to iterable of str
        Each initiative and the people carrying it, e.g.
        ``{"Restorative practices": ["Ms. Rivera", "Mr. Chen"]}``.
    max_per_person : int, default 3
        More initiatives than this for one person counts as overload.

    Returns
    -------
    list of CapacityFinding
        Initiatives with no one assigned first, then single points of failure (in the
        order given), then overloads (heaviest first). Empty when nothing was found.

    Examples
    --------
    >>> findings = capacity_gaps({"Attendance team": ["Ms. Rivera"],
    ...                          "Family nights": ["Ms. Rivera", "Mr. Chen"]})
    >>> [(f.kind, f.initiatives) for f in findings]
    [('single point of failure', ('Attendance team',))]
    """
    if max_per_person < 1:
        raise ValueError("max_per_person must be 1 or more")
    cleaned = _clean(assignments)
    load = initiatives_by_person(assignments)
    findings: list[CapacityFinding] = []

    for initiative, people in cleaned.items():
        if not people:
            text = CAPACITY_TEXT[NO_ONE_ASSIGNED]
            findings.append(
                CapacityFinding(
                    NO_ONE_ASSIGNED,
                    (initiative,),
                    None,
                    text["detail"].format(initiative=initiative),
                    text["advice"],
                )
            )

    for initiative, people in cleaned.items():
        if len(people) == 1:
            [person] = people
            text = CAPACITY_TEXT[SINGLE_POINT_OF_FAILURE]
            findings.append(
                CapacityFinding(
                    SINGLE_POINT_OF_FAILURE,
                    (initiative,),
                    person,
                    text["detail"].format(initiative=initiative, person=person),
                    text["advice"].format(person=person),
                )
            )

    overloaded = [
        (person, initiatives)
        for person, initiatives in load.items()
        if len(initiatives) > max_per_person
    ]
    overloaded.sort(key=lambda item: -len(item[1]))
    for person, initiatives in overloaded:
        text = CAPACITY_TEXT[OVERLOAD]
        alone = [name for name in initiatives if len(cleaned[name]) == 1]
        detail = text["detail"].format(
            person=person,
            count=len(initiatives),
            initiatives=_list(initiatives),
            limit=max_per_person,
        )
        if alone:
            detail += text["alone"].format(alone=_list(alone))
        findings.append(
            CapacityFinding(
                OVERLOAD, tuple(initiatives), person, detail, text["advice"].format(person=person)
            )
        )
    return findings
