"""The parts of exercises in ``module.yml``: options, prompts, people, fields, rubrics, ...

See :mod:`equitykit.content.schema` for the activities that hold them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from equitykit.content.base import ObjectiveId, PartId, Rating, Strict, Text, unique


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
        unique([o.id for o in self.options], f"question {self.id!r} option")
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
    """One field of a worksheet: a text answer, a choice among options, a date or a list.

    ``list`` is a longer text with one entry per line; ``date`` a calendar date.
    """

    id: PartId
    label: Text
    kind: Literal["text", "choice", "date", "list"] = "text"
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
        unique([f.id for f in self.fields], f"section {self.id!r} field")
        return self


class Row(Strict):
    """A row of a table worksheet: every row gets the worksheet's ``row_fields``."""

    id: PartId
    label: Text


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


class RubricCriterion(Strict):
    """One criterion of a task's rubric, with what each score (0 to 3) looks like."""

    criterion: Text
    objective: ObjectiveId
    levels: dict[Annotated[int, Field(ge=0, le=3)], Text]

    @model_validator(mode="after")
    def _every_level(self) -> RubricCriterion:
        if sorted(self.levels) != [0, 1, 2, 3]:
            raise ValueError(f"criterion {self.criterion!r} needs levels 0, 1, 2 and 3")
        return self


class ChecklistItem(Strict):
    """One statement of a checklist the learner ticks when it is already true."""

    id: PartId
    text: Text


class Solution(Strict):
    """A worked solution the learner can open after trying (``{check-your-work}``)."""

    answer: Text
    steps: list[Text] = []


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
