"""Building blocks of the content schema: strict models, identifiers, texts, ratings."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Identifier", "ObjectiveId", "PartId", "Rating", "Strict", "Text", "unique"]

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
PartId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=60)]
ObjectiveId = Annotated[str, Field(pattern=r"^O[1-9][0-9]?$")]
Text = Annotated[str, Field(min_length=1)]
Rating = Annotated[int, Field(ge=1, le=5)]


class Strict(BaseModel):
    """A model that refuses unknown fields, so a misspelt key is an error, not a silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def unique(ids: list[str], what: str) -> None:
    """Refuse an id that appears twice, naming it and what it identifies."""
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} id {item!r} appears twice")
        seen.add(item)
