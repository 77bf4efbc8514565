"""The fixed facts of the LMS packages: names, identifiers and the passing score."""

from __future__ import annotations

#: The scaled score (0 to 1) a module's knowledge check and task must reach together to be
#: "passed" (the task must also meet its own pass mark). Written into the SCORM 2004
#: manifest as each item's minimum normalized measure, so the LMS hands it to the SCO.
PASSING_SCORE = 0.7

#: The course's title in every package.
COURSE_TITLE = "Adaptive Equity Leadership"

#: The package files ``make lms`` writes, by standard.
PACKAGE_FILES = {
    "2004": "adaptive-equity-leadership-scorm2004.zip",
    "1.2": "adaptive-equity-leadership-scorm12.zip",
    "cc": "adaptive-equity-leadership-cc13.imscc",
}

#: Where the launch pages and their script sit inside a SCORM package.
SCO_FOLDER = "lms"

#: The identifier every manifest starts from (an XML ID: letters, digits, "-", "_", ".").
MANIFEST_ID = "equitykit-adaptive-equity-leadership"
