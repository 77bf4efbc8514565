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

from pydantic import Discriminator, Field, Tag, model_validator

from equitykit.content.base import Identifier, ObjectiveId, Strict, Text, unique
from equitykit.content.parts import (
    CalculatorSettings,
    ChecklistItem,
    Commitment,
    Department,
    Excerpt,
    ExplorerSettings,
    Person,
    PlanSection,
    Prompt,
    Question,
    Row,
    RubricCriterion,
    RubricLevel,
    Section,
    Solution,
    SortItem,
    WorksheetField,
)

__all__ = [
    "ACTIVITY_KINDS",
    "Activity",
    "ModuleContent",
    "SAVED_WIDGETS",
    "WIDGETS",
]

#: What an activity is, for the learner and for the schedules.
ACTIVITY_KINDS = ("reading", "exercise", "discussion", "check", "reflection", "task")


class Objective(Strict):
    """A learning objective: something an exercise or a check can show."""

    id: ObjectiveId
    text: Text


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
    solution: Solution | None = None


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
    """A worksheet of sections and fields; or a table: ``rows`` that each get ``row_fields``."""

    widget: Literal["worksheet"]
    worksheet_title: str = ""
    intro: str = ""
    sections: list[Section] = []
    rows: list[Row] = []
    row_fields: list[WorksheetField] = []

    @model_validator(mode="after")
    def _sections_or_rows(self) -> WorksheetActivity:
        if bool(self.sections) == bool(self.rows):
            raise ValueError("a worksheet has either sections or rows (with row_fields)")
        if self.rows and not self.row_fields:
            raise ValueError("a table worksheet's rows need row_fields")
        unique([r.id for r in self.rows], "row")
        unique([f.id for f in self.row_fields], "row field")
        return self


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


class TaskActivity(ActivityBase):
    """A scored performance task: a scenario, a response, a rubric and a model answer.

    The learner writes a response, then scores it against the rubric; the model answer and
    its scores open after an attempt.
    """

    widget: Literal["task"]
    scenario: Text
    prompt: Text
    rubric: Annotated[list[RubricCriterion], Field(min_length=2)]
    pass_mark: Annotated[int, Field(ge=1)]
    pass_note: str = ""
    model_answer: Text
    model_scores: dict[str, Annotated[int, Field(ge=0, le=3)]]

    @model_validator(mode="after")
    def _scores_match(self) -> TaskActivity:
        names = [c.criterion for c in self.rubric]
        unique(names, "rubric criterion")
        if sorted(self.model_scores) != sorted(names):
            raise ValueError("model_scores must score every rubric criterion, by its name")
        if self.pass_mark > 3 * len(names):
            raise ValueError(f"pass_mark {self.pass_mark} is more than the {3 * len(names)} points")
        return self


class ChecklistActivity(ActivityBase):
    """A checklist: tick what is already true; for each gap, the ``fields`` (who, by when)."""

    widget: Literal["checklist"]
    intro: str = ""
    items: Annotated[list[ChecklistItem], Field(min_length=2)]
    fields: list[WorksheetField] = []


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
    | Annotated[TaskActivity, Tag("task")]
    | Annotated[ChecklistActivity, Tag("checklist")]
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
    "task",
    "checklist",
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
    "task",
    "checklist",
)

#: The Learning Forward Standards for Professional Learning (2022), by name.
LEARNING_FORWARD_STANDARDS = (
    "Equity Foundations",
    "Culture of Collaborative Inquiry",
    "Leadership",
    "Resources",
    "Equity Drivers",
    "Evidence",
    "Learning Designs",
    "Implementation",
    "Equity Practices",
    "Curriculum, Assessment, and Instruction",
    "Professional Expertise",
)


class ModuleContent(Strict):
    """A module's ``module.yml``."""

    slug: Identifier
    title: Text
    minutes: Annotated[int, Field(ge=1, le=600)]
    objectives: Annotated[list[Objective], Field(min_length=1)]
    activities: Annotated[list[Activity], Field(min_length=1)]
    #: The Learning Forward standards the module addresses (for PD credit).
    learning_forward: list[Literal[LEARNING_FORWARD_STANDARDS]] = []  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _references(self) -> ModuleContent:
        unique([o.id for o in self.objectives], "objective")
        unique([a.id for a in self.activities], "activity")
        known = {o.id for o in self.objectives}
        for activity in self.activities:
            for objective in activity.assesses:
                if objective not in known:
                    raise ValueError(
                        f"activity {activity.id!r} assesses {objective!r}, which is not an "
                        f"objective of this module ({', '.join(sorted(known))})"
                    )
            rubric = getattr(activity, "rubric", None) or []
            criteria = [c for c in rubric if isinstance(c, RubricCriterion)]
            for part in (*getattr(activity, "questions", ()), *getattr(activity, "prompts", ())):
                for objective in part.assesses:
                    if objective not in known:
                        raise ValueError(
                            f"{activity.id!r} item {part.id!r} assesses {objective!r}, which "
                            "is not an objective of this module"
                        )
            for criterion in criteria:
                if criterion.objective not in known:
                    raise ValueError(
                        f"{activity.id!r} criterion {criterion.criterion!r} names "
                        f"{criterion.objective!r}, which is not an objective of this module"
                    )
            for kind in ("questions", "prompts", "items", "sections", "excerpts", "departments"):
                parts = getattr(activity, kind, None) or ()
                unique([p.id for p in parts], f"{activity.id!r} {kind[:-1]}")
        return self
