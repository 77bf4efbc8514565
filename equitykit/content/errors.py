"""Errors of the course content layer."""

from __future__ import annotations

__all__ = ["FacilitationError"]


class FacilitationError(ValueError):
    """Facilitation or workshop metadata is missing or does not add up."""
