"""Errors of the course content layer."""

from __future__ import annotations

__all__ = ["FacilitationError", "LegalSourcesError"]


class FacilitationError(ValueError):
    """Facilitation or workshop metadata is missing or does not add up."""


class LegalSourcesError(ValueError):
    """A module's table of legal sources, or the bibliography it relies on, is broken."""
