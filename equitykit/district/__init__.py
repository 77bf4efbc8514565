"""A seeded generator of the FICTIONAL Alder Creek Public Schools.

Alder Creek Public Schools, its schools, neighbourhoods, students and its three
neighbouring districts are invented. The generator produces student-level rows
(never shipped) from which the anonymizer builds the course's published tables.

Examples
--------
>>> from equitykit.district import generate_district
>>> district = generate_district(seed=2024)  # doctest: +SKIP
>>> district.students.shape  # doctest: +SKIP
(150000, 22)
"""

from equitykit.district.generate import (
    DISTRICT_ID,
    DISTRICT_NAME,
    NEIGHBOUR_DISTRICTS,
    SCHOOL_YEARS,
    District,
    generate_district,
)
from equitykit.district.survey import SURVEY_ITEMS

__all__ = [
    "DISTRICT_ID",
    "DISTRICT_NAME",
    "NEIGHBOUR_DISTRICTS",
    "SCHOOL_YEARS",
    "SURVEY_ITEMS",
    "District",
    "generate_district",
]
