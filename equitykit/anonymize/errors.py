"""Errors raised when a student file cannot be anonymized safely.

Every problem with the input is a subclass of :class:`EquityKitInputError`, so a
caller (the command line, a notebook) can catch one class and show the message.
Each message names the column and, where it can, the row (the line of the file).
"""

from __future__ import annotations


class EquityKitInputError(ValueError):
    """The student file cannot be used as it is; the message says why and what to do."""


class EmptyInputError(EquityKitInputError):
    """The file has no header or no student rows."""


class UnsupportedFormatError(EquityKitInputError):
    """The file is neither CSV nor Parquet, or cannot be opened at all."""


class EncodingError(EquityKitInputError):
    """The file is not UTF-8 text."""


class DelimiterError(EquityKitInputError):
    """The file is not comma-separated (for example semicolons or tabs)."""


class MissingColumnError(EquityKitInputError):
    """A required column is absent."""


class UnknownCodeError(EquityKitInputError):
    """A value is not one of the codes the schema allows."""


class InvalidValueError(EquityKitInputError):
    """A value is not a number, is negative, or is otherwise out of range."""


class DuplicateStudentError(EquityKitInputError):
    """The same student appears twice in one school year."""


class PersonalDataError(EquityKitInputError):
    """A column holds personal data (names, birth dates, addresses, IDs...)."""


class OutputExistsError(EquityKitInputError):
    """The output folder already exists and overwriting was not requested."""
