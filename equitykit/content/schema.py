"""The one schema of a module's ``module.yml``: every field, its type and its meaning.

A module is a title, its objectives and its activities, in the order a learner meets them.
An activity is one thing to do (read, explore, sort, map, answer, reflect) with its minutes
and the objectives it assesses. An activity that shows an exercise names its ``widget`` and
carries that exercise's content (the questions of a knowledge check, the people on a
coalition map, the fields of a worksheet, the choices of a gap explorer). Nothing about an
exercise is written anywhere else: the notebooks, the handouts, the progress page, the plan
and the tests all read it from here.

The learner's saved work for an activity is kept under one key, ``<module>/<activity id>``
(see :mod:`equitykit.content.keys`), so an activity's ``id`` must never change once
published; change its title instead.

The models are pydantic models: :func:`equitykit.content.modules.load_module` validates a
file against them and reports a problem with the file, the field and what is wrong.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

__all__ = [
    "ACTIVITY_KINDS",
    "Activity",
    "ModuleContent",
    "SAVED_WIDGETS",
    "WIDGETS",
]

#: What an activity is, for the learner and for the schedules.
ACTIVITY_KINDS = ("reading", "exercise", "discussion", "check", "reflection", "task")

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
PartId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=60)]
ObjectiveId = Annotated[str, Field(pattern=r"^O[1-9][0-9]?$")]
Text = Annotated[str, Field(min_length=1)]
Rating = Annotated[int, Field(ge=1, le=5)]


class Strict(BaseModel):
    """A model that refuses unknown fields, so a misspelt key is an error, not a silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Objective(Strict):
    """A learning objective: something an exercise or a check can show."""

    id: ObjectiveId
    text: Text


# --------------------------------------------------------------------- exercise content


class Option(Strict):
    """One answer option of a question; ``feedback`` explains why it is or is not best."""

    id: Annotated[str, Field(pattern=r"^[a-z]$")]
    text: Text
    correct: bool = False
    feedback: Text


class Question(Strict):
    """A multiple-choice question with exactly one correct option."""

    id: PartId
    question: Text
    assesses: list[ObjectiveId] = []
    options: Annotated[list[Option], Field(min_length=2)]

    @model_validator(mode="after")
    def _one_correct(self) -> Question:
        correct = [o.id for o in self.options if o.correct]
        if len(correct) != 1:
            raise ValueError(f"question {self.id!r} has {len(correct)} correct options; needs 1")
        _unique([o.id for o in self.options], f"question {self.id!r} option")
        return self


class Prompt(Strict):
    """A reflection prompt."""

    id: PartId
    prompt: Text
    assesses: list[ObjectiveId] = []


class SortItem(Strict):
    """A short case to sort, with the course's reading of it."""

    id: PartId
    text: Text
    answer: Text
    explanation: Text


class Person(Strict):
    """Someone on a coalition or partner map, rated 1 to 5 on the map's two scales."""

    name: Text
    role: str = ""
    readiness: Rating
    influence: Rating


class WorksheetField(Strict):
    """One field of a worksheet: a text answer or a choice among options."""

    id: PartId
    label: Text
    kind: Literal["text", "choice"] = "text"
    options: list[Text] = []

    @model_validator(mode="after")
    def _choice_has_options(self) -> WorksheetField:
        if self.kind == "choice" and not self.options:
            raise ValueError(f"choice field {self.id!r} needs options")
        return self


class Section(Strict):
    """A worksheet section: a title, an optional introduction and its fields."""

    id: PartId
    title: Text
    intro: str = ""
    open: bool = False
    fields: Annotated[list[WorksheetField], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_fields(self) -> Section:
        _unique([f.id for f in self.fields], f"section {self.id!r} field")
        return self


class Department(Strict):
    """A department in the equity lens review, with the lens questions asked of it."""

    id: PartId
    name: Text
    questions: Annotated[list[Text], Field(min_length=1)]


class Commitment(Strict):
    """One of the district's stated commitments (a core belief)."""

    id: Annotated[str, Field(pattern=r"^C[0-9]+$")]
    text: Text


class RubricLevel(Strict):
    """A level of the policy rubric."""

    level: Annotated[int, Field(ge=1, le=9)]
    label: Text
    description: Text


class Excerpt(Strict):
    """A policy excerpt and the expert's rating of it."""

    id: PartId
    title: Text
    text: Text
    expert_rating: Annotated[int, Field(ge=1, le=9)]
    rationale: Text
    aligned_with: list[Annotated[str, Field(pattern=r"^C[0-9]+$")]] = []


class PlanSection(Strict):
    """A section of the capstone plan and the earlier work it draws on.

    ``draws_on`` lists the earlier work it builds on: ``<module>/<activity id>`` for an
    activity that saves the learner's work, or ``<module>/<activity id>/<part id>`` for one
    prompt of a reflection activity. :func:`equitykit.content.outline.course_errors`
    checks that each exists.
    """

    id: PartId
    title: Text
    prompt: Text
    example: str = ""
    draws_on: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+(/[A-Za-z0-9_-]+)?$")]] = []


class ExplorerSettings(Strict):
    """What a gap explorer offers: which table, outcomes, groups and schools."""

    source: Literal["outcomes", "climate_survey", "districts", "screening_simulation"]
    outcome: str | None = None
    group: str | None = None
    unit: str = "district"
    metric: str = "risk_ratio"
    outcomes: list[str] | None = None
    groups: list[str] | None = None
    school_level: Literal["elementary", "middle", "high"] | None = None
    outcome_label: str = "Outcome"
    headers: tuple[str, str] | None = None
    note: str | None = None


class CalculatorSettings(Strict):
    """What the disproportionality calculator offers."""

    outcomes: Annotated[list[str], Field(min_length=1)]
    groups: Annotated[list[str], Field(min_length=1)]


# ----------------------------------------------------------------------------- activities


class ActivityBase(Strict):
    """What every activity has."""

    id: Identifier
    title: Text
    kind: Literal["reading", "exercise", "discussion", "check", "reflection", "task"]
    minutes: Annotated[int, Field(ge=1, le=240)]
    assesses: list[ObjectiveId] = []
    description: str = ""
    interpretation_questions: list[Text] = []


class PlainActivity(ActivityBase):
    """An activity without a widget: a reading, a discussion, a figure."""

    widget: None = None


class KnowledgeCheckActivity(ActivityBase):
    """A knowledge check: multiple-choice questions, feedback on every option."""

    widget: Literal["knowledge_check"]
    questions: Annotated[list[Question], Field(min_length=1)]


class ReflectionActivity(ActivityBase):
    """Private reflection prompts, saved for the learner and never scored."""

    widget: Literal["reflection"]
    prompts: Annotated[list[Prompt], Field(min_length=1)]


class SortingActivity(ActivityBase):
    """Sort short cases into categories."""

    widget: Literal["sorting"]
    categories: Annotated[list[Text], Field(min_length=2)]
    items: Annotated[list[SortItem], Field(min_length=1)]

    @model_validator(mode="after")
    def _answers_are_categories(self) -> SortingActivity:
        for item in self.items:
            if item.answer not in self.categories:
                raise ValueError(f"item {item.id!r}: answer {item.answer!r} is not a category")
        return self


class MapActivity(ActivityBase):
    """A two-way map of people: the coalition map or the partner map."""

    widget: Literal["coalition_map"]
    scheme: Literal["coalition", "partners"] = "coalition"
    people: list[Person] = []


class CapacityActivity(ActivityBase):
    """The capacity and succession planner, starting from example assignments."""

    widget: Literal["capacity_planner"]
    assignments: dict[Text, list[Text]]
    max_per_person: Annotated[int, Field(ge=1, le=10)] = 3


class WorksheetActivity(ActivityBase):
    """A worksheet of sections and fields."""

    widget: Literal["worksheet"]
    worksheet_title: str = ""
    intro: str = ""
    sections: Annotated[list[Section], Field(min_length=1)]


class LensReviewActivity(ActivityBase):
    """The department-by-department equity lens review (a worksheet built from departments)."""

    widget: Literal["lens_review"]
    departments: Annotated[list[Department], Field(min_length=1)]


class PolicyReviewActivity(ActivityBase):
    """Policy excerpts rated against the district's commitments with a rubric."""

    widget: Literal["policy_review"]
    commitments: Annotated[list[Commitment], Field(min_length=1)]
    rubric: Annotated[list[RubricLevel], Field(min_length=2)]
    excerpts: Annotated[list[Excerpt], Field(min_length=1)]


class PlanActivity(ActivityBase):
    """The capstone plan: one box per section, prefilled with the learner's earlier work."""

    widget: Literal["plan"]
    sections: Annotated[list[PlanSection], Field(min_length=1)]


class ExplorerActivity(ActivityBase):
    """A gap explorer over one of the published tables."""

    widget: Literal["gap_explorer"]
    explorer: ExplorerSettings


class CalculatorActivity(ActivityBase):
    """The disproportionality calculator."""

    widget: Literal["calculator"]
    calculator: CalculatorSettings


def _widget_of(value: Any) -> str:
    """Return the tag that picks an activity's model: its ``widget``, or ``"none"``."""
    widget = value.get("widget") if isinstance(value, dict) else getattr(value, "widget", None)
    return widget or "none"


Activity = Annotated[
    Annotated[PlainActivity, Tag("none")]
    | Annotated[KnowledgeCheckActivity, Tag("knowledge_check")]
    | Annotated[ReflectionActivity, Tag("reflection")]
    | Annotated[SortingActivity, Tag("sorting")]
    | Annotated[MapActivity, Tag("coalition_map")]
    | Annotated[CapacityActivity, Tag("capacity_planner")]
    | Annotated[WorksheetActivity, Tag("worksheet")]
    | Annotated[LensReviewActivity, Tag("lens_review")]
    | Annotated[PolicyReviewActivity, Tag("policy_review")]
    | Annotated[PlanActivity, Tag("plan")]
    | Annotated[ExplorerActivity, Tag("gap_explorer")]
    | Annotated[CalculatorActivity, Tag("calculator")],
    Discriminator(_widget_of),
]

#: Every widget an activity can name.
WIDGETS = (
    "knowledge_check",
    "reflection",
    "sorting",
    "coalition_map",
    "capacity_planner",
    "worksheet",
    "lens_review",
    "policy_review",
    "plan",
    "gap_explorer",
    "calculator",
)

#: Widgets that save the learner's work under the activity's key (and count in progress).
SAVED_WIDGETS = (
    "knowledge_check",
    "reflection",
    "sorting",
    "coalition_map",
    "capacity_planner",
    "worksheet",
    "lens_review",
    "policy_review",
    "plan",
)


class ModuleContent(Strict):
    """A module's ``module.yml``."""

    slug: Identifier
    title: Text
    minutes: Annotated[int, Field(ge=1, le=600)]
    objectives: Annotated[list[Objective], Field(min_length=1)]
    activities: Annotated[list[Activity], Field(min_length=1)]

    @model_validator(mode="after")
    def _references(self) -> ModuleContent:
        _unique([o.id for o in self.objectives], "objective")
        _unique([a.id for a in self.activities], "activity")
        known = {o.id for o in self.objectives}
        for activity in self.activities:
            for objective in activity.assesses:
                if objective not in known:
                    raise ValueError(
                        f"activity {activity.id!r} assesses {objective!r}, which is not an "
                        f"objective of this module ({', '.join(sorted(known))})"
                    )
            for part in (*getattr(activity, "questions", ()), *getattr(activity, "prompts", ())):
                for objective in part.assesses:
                    if objective not in known:
                        raise ValueError(
                            f"{activity.id!r} item {part.id!r} assesses {objective!r}, which "
                            "is not an objective of this module"
                        )
            for kind in ("questions", "prompts", "items", "sections", "excerpts", "departments"):
                parts = getattr(activity, kind, None) or ()
                _unique([p.id for p in parts], f"{activity.id!r} {kind[:-1]}")
        return self


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} id {item!r} appears twice")
        seen.add(item)
