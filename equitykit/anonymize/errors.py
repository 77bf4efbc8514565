"""Errors raised when a student file cannot be anonymized safely.

Every problem with the input is a subclass of :class:`EquityKitInputError`, so a
caller (the command line, a notebook) can catch one class and show the message.
Each message names the column and, where it can, the row (the line of the file).
"""

from __future__ import annotations

EXIT_CODES: dict[int, str] = {
    0: "done (for audit: every hidden number is safe)",
    1: "audit: NOT SAFE (a hidden number can be narrowed below the minimum cell size)",
    2: "wrong command-line options, or the input file or folder does not exist",
    3: "the file cannot be read as a table (not CSV UTF-8 or Parquet, empty, wrong separator)",
    4: "the columns are wrong (a required column is missing, or a header repeats a name)",
    5: "a value is wrong (unknown code, not a number, empty, the same student twice)",
    6: "the file holds personal data (names, IDs, birth dates, addresses, contacts)",
    7: "the output folder exists or cannot be written or replaced",
    10: "internal error (suppression could not finish); nothing was written",
}
"""Every exit code of ``equitykit anonymize`` and ``equitykit audit`` (shown in ``--help``)."""


class EquityKitInputError(ValueError):
    """The student file cannot be used as it is; the message says why and what to do."""

    exit_code = 2


class EmptyInputError(EquityKitInputError):
    """The file has no header or no student rows."""

    exit_code = 3


class UnsupportedFormatError(EquityKitInputError):
    """The file is neither CSV nor Parquet, or cannot be opened at all."""

    exit_code = 3


class InputNotFoundError(UnsupportedFormatError):
    """The input file does not exist (or is a folder)."""

    exit_code = 2


class EncodingError(EquityKitInputError):
    """The file is not UTF-8 text."""

    exit_code = 3


class DelimiterError(EquityKitInputError):
    """The file is not comma-separated (for example semicolons or tabs)."""

    exit_code = 3


class MissingColumnError(EquityKitInputError):
    """A required column is absent."""

    exit_code = 4


class DuplicateColumnError(EquityKitInputError):
    """Two header names are the same column once spaces and capitals are ignored."""

    exit_code = 4


class UnknownCodeError(EquityKitInputError):
    """A value is not one of the codes the schema allows."""

    exit_code = 5


class InvalidValueError(EquityKitInputError):
    """A value is not a number, is negative, or is otherwise out of range."""

    exit_code = 5


class DuplicateStudentError(EquityKitInputError):
    """The same student appears twice in one school year."""

    exit_code = 5


class PersonalDataError(EquityKitInputError):
    """A column holds personal data (names, birth dates, addresses, IDs...)."""

    exit_code = 6


class OutputExistsError(EquityKitInputError):
    """The output folder already exists and overwriting was not requested."""

    exit_code = 7


class OutputError(EquityKitInputError):
    """The output folder cannot be written or replaced (permissions, a file in the way)."""

    exit_code = 7
