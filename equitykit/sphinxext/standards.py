"""``{module-standards} <slug>``: the Learning Forward standards a module addresses.

The list comes from the module's ``learning_forward`` key in ``module.yml`` (the standards'
names are fixed by the schema), so the landing page, the certificate and the LMS packages all
name the same standards. A module that maps none is a build warning (an error under ``-W``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from equitykit.content.modules import CourseContentError, load_module
from equitykit.sphinxext.directive_base import CourseDirective

INTRO = (
    "This module addresses these of the Learning Forward Standards for Professional Learning "
    "{cite:p}`learningforward2022standards`:"
)
CREDIT_NOTE = (
    "The course names the standards so that a district can weigh the module for professional "
    "learning credit; the district decides what counts."
)


class ModuleStandardsDirective(CourseDirective):
    """Render the module's Learning Forward standards as a short list."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Render the list, or warn when the module maps no standard."""
        slug = self.arguments[0]
        self.depend_on_module(slug)
        try:
            module = load_module(slug, self.modules_dir)
        except CourseContentError as error:
            return self.fail(str(error))
        standards = list(module.content.learning_forward)
        if not standards:
            return self.fail(
                f"module {slug!r} names no Learning Forward standard: add `learning_forward:` "
                "to its module.yml"
            )
        box = nodes.container(classes=["ek-standards"])
        box += self.inline(INTRO)
        box += self.bullets(standards)
        box += self.inline(CREDIT_NOTE)
        return [box]


def setup(app: Sphinx) -> None:
    """Register the directive."""
    app.add_directive("module-standards", ModuleStandardsDirective)
