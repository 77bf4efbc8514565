"""Turn student-level rows into safe aggregate tables, and audit them.

* :func:`anonymize_students` checks a student file and returns suppressed
  tidy tables; :func:`anonymize_file` also writes them (with
  ``datapackage.json`` and ``SHA256SUMS``) into a folder, atomically.
* :func:`audit` attacks every suppressed cell with linear programming (HiGHS)
  and reports any cell an attacker could narrow below the minimum cell size.
* Every problem with the input raises a subclass of :class:`EquityKitInputError`.
"""

from equitykit.anonymize.audit import AuditReport, audit, audit_table
from equitykit.anonymize.errors import (
    DelimiterError,
    DuplicateColumnError,
    DuplicateStudentError,
    EmptyInputError,
    EncodingError,
    EquityKitInputError,
    InputNotFoundError,
    InvalidValueError,
    MissingColumnError,
    OutputError,
    OutputExistsError,
    PersonalDataError,
    UnknownCodeError,
    UnsupportedFormatError,
)
from equitykit.anonymize.pipeline import OUTCOME_COLUMNS, anonymize_students
from equitykit.anonymize.run import anonymize_file
from equitykit.anonymize.suppression import suppress_small_cells

__all__ = [
    "OUTCOME_COLUMNS",
    "AuditReport",
    "DelimiterError",
    "DuplicateColumnError",
    "DuplicateStudentError",
    "EmptyInputError",
    "EncodingError",
    "EquityKitInputError",
    "InputNotFoundError",
    "InvalidValueError",
    "MissingColumnError",
    "OutputError",
    "OutputExistsError",
    "PersonalDataError",
    "UnknownCodeError",
    "UnsupportedFormatError",
    "anonymize_file",
    "anonymize_students",
    "audit",
    "audit_table",
    "suppress_small_cells",
]
