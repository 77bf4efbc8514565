"""``{check-your-work} <slug> <activity id>``: a worked solution the learner opens after trying.

The solution is written once, in the activity's ``solution`` in ``module.yml`` (an answer and
optional steps), and rendered here as a closed disclosure ("Check your work") on the learner's
page, after the exercise. The facilitator edition keeps its teaching notes in
``facilitation.yml``; the two never repeat each other.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from equitykit.content.modules import CourseContentError, load_module
from equitykit.sphinxext.directive_base import CourseDirective

SUMMARY = "Check your work: a worked answer (open it once you have tried)"


class CheckYourWorkDirective(CourseDirective):
    """Render an activity's worked solution as a closed ``<details>``."""

    required_arguments = 2
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Render the solution, or warn when the activity has none."""
        slug, activity_id = self.arguments
        self.depend_on_module(slug)
        try:
            activity = load_module(slug, self.modules_dir).activity(activity_id)
        except CourseContentError as error:
            return self.fail(str(error))
        if activity.solution is None:
            return self.fail(f"activity {activity_id!r} of {slug!r} has no solution in module.yml")
        body = nodes.container(classes=["ek-solution-body"])
        body += self.inline(activity.solution.answer)
        if activity.solution.steps:
            body += self.bullets(activity.solution.steps, enumerated=True)
        opening = nodes.raw(
            "",
            f'<details class="ek-solution" data-activity="{activity_id}"><summary>{SUMMARY}'
            "</summary>",
            format="html",
        )
        closing = nodes.raw("", "</details>", format="html")
        return [opening, body, closing]


def setup(app: Sphinx) -> None:
    """Register the directive."""
    app.add_directive("check-your-work", CheckYourWorkDirective)
