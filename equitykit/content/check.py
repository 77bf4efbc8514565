"""Check every module's content before a build: ``python -m equitykit.content.check``.

Loads each ``module.yml`` and ``facilitation.yml`` against its schema, checks what spans
modules (the plan's earlier work) and, for a module that states the law, that every legal
citation has a source and a date (``legal_sources.yml``). Prints each problem, naming the
file and the field, and exits 1; prints one line and exits 0 when all is well. ``make site``
runs it first, so a broken file stops the build with a message a course writer can act on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from equitykit.content.errors import FacilitationError
from equitykit.content.facilitation import facilitated_slugs, load_facilitation
from equitykit.content.legal_sources import citation_problems, legal_slugs
from equitykit.content.modules import CourseContentError, course_modules, course_slugs, load_module
from equitykit.content.outline import course_errors


def problems(modules_dir: Path | None = None) -> list[str]:
    """Return every problem in the course's content files (empty when there is none).

    Parameters
    ----------
    modules_dir
        Where the module folders are; defaults to the repository's ``modules/``.

    Returns
    -------
    list of str
        One message per problem, naming the file and the field.
    """
    found: list[str] = []
    for slug in course_slugs(modules_dir):
        try:
            load_module(slug, modules_dir)
        except CourseContentError as error:
            found.append(str(error))
    if not found:
        found += course_errors(course_modules(modules_dir=modules_dir))
        for slug in facilitated_slugs(modules_dir):
            try:
                load_facilitation(slug, modules_dir)
            except (FacilitationError, CourseContentError) as error:
                found.append(str(error))
        for slug in legal_slugs(modules_dir):
            found += citation_problems(slug, modules_dir)
    return found


def main() -> int:
    """Print the problems and return the exit status."""
    found = problems()
    if found:
        print("The course content has problems:", file=sys.stderr)
        for problem in found:
            print(problem, file=sys.stderr)
        return 1
    print(f"Course content checked: {len(course_slugs())} modules follow the schema.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
