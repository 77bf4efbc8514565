"""Directives for a module's landing page, made from its ``module.yml``.

``{objectives} <slug>`` renders the learning objectives, numbered; ``{module-time} <slug>``
renders the module's activities with their kinds and minutes and the
total; ``{assessment-map} <slug>`` renders each objective with the activities, questions and
reflection prompts that assess it. Both come from ``module.yml``, so a landing page can never
disagree with the exercises, the progress page or the schedules.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from equitykit.content.modules import CourseContentError, Module, load_module
from equitykit.sphinxext.directive_base import CourseDirective, table

KIND_LABELS = {
    "reading": "Reading",
    "exercise": "Exercise",
    "discussion": "Discussion",
    "check": "Check",
    "reflection": "Reflection",
    "task": "Task",
}


def _numbers(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def where_assessed(module: Module, objective: str) -> list[str]:
    """Say, in learner words, where one objective is assessed."""
    places = []
    for activity in module.activities:
        if activity.widget == "knowledge_check":
            asked = [n for n, q in enumerate(activity.questions, 1) if objective in q.assesses]
            if asked:
                noun = "question" if len(asked) == 1 else "questions"
                places.append(f"knowledge check, {noun} {_numbers(asked)}")
        elif activity.widget == "reflection":
            asked = [n for n, p in enumerate(activity.prompts, 1) if objective in p.assesses]
            if asked:
                noun = "prompt" if len(asked) == 1 else "prompts"
                places.append(f"reflection {noun} {_numbers(asked)}")
        elif objective in activity.assesses and activity.kind != "check":
            places.append(activity.title)
    return places


class _ModuleDirective(CourseDirective):
    required_arguments = 1
    has_content = False

    def module(self) -> Module | None:
        slug = self.arguments[0]
        self.depend_on_module(slug)
        try:
            return load_module(slug, self.modules_dir)
        except CourseContentError as error:
            self.fail(str(error))
            return None


class ObjectivesDirective(_ModuleDirective):
    """``{objectives} <slug>``: the module's learning objectives, numbered, from module.yml."""

    def run(self) -> list[nodes.Node]:
        """Render the numbered list."""
        module = self.module()
        if module is None:
            return []
        return [self.bullets([o.text for o in module.objectives], enumerated=True)]


class ModuleTimeDirective(_ModuleDirective):
    """``{module-time} <slug>``: the activities, their kinds and minutes, and the total."""

    def run(self) -> list[nodes.Node]:
        """Render the table."""
        module = self.module()
        if module is None:
            return []
        rows = [
            [self.inline(a.title), KIND_LABELS[a.kind], str(a.minutes)] for a in module.activities
        ]
        rows.append([self.inline("**Total**"), "", self.inline(f"**{module.minutes}**")])
        return [table("", ["Activity", "Kind", "Minutes"], rows, widths=[70, 15, 15])]


class AssessmentMapDirective(_ModuleDirective):
    """``{assessment-map} <slug>``: where each objective is assessed."""

    def run(self) -> list[nodes.Node]:
        """Render the table, or warn when an objective is assessed nowhere."""
        module = self.module()
        if module is None:
            return []
        rows = []
        for number, objective in enumerate(module.objectives, 1):
            places = where_assessed(module, objective.id)
            if not places:
                return self.fail(f"objective {objective.id} of {module.slug!r} is assessed nowhere")
            rows.append(
                [self.inline(f"{number}. {objective.text}"), self.inline("; ".join(places))]
            )
        return [table("", ["Objective", "Where it is assessed"], rows, widths=[50, 50])]


def setup(app: Sphinx) -> None:
    """Register the landing-page directives."""
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("module-time", ModuleTimeDirective)
    app.add_directive("assessment-map", AssessmentMapDirective)
