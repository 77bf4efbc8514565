"""The tables behind the data exercises, as ``module.yml`` names them.

An explorer activity says which table it explores (``source``) and what it offers; this
module loads that table (or the analysis built on it) and builds the widget. School names
come from the ``schools`` table, and ``school_level`` limits the schools offered.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from equitykit.analysis import screening, summaries
from equitykit.data.tables import load_table
from equitykit.widgets.calculator import (
    DisproportionalityCalculator,
    disproportionality_calculator,
)
from equitykit.widgets.gap_explorer import (
    MEASURES,
    SURVEY_MEASURES,
    GapExplorer,
    gap_explorer,
    survey_as_outcomes,
)

__all__ = ["calculator_for", "explorer_for", "school_names"]


def school_names() -> dict[str, str]:
    """School names by school id, from the ``schools`` table."""
    schools = load_table("schools")
    return dict(zip(schools["school_id"], schools["school_name"], strict=True))


def _table(source: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Return the table an explorer reads, and the options that go with it."""
    if source == "outcomes":
        return load_table("outcomes"), {"unit_labels": school_names()}
    if source == "climate_survey":
        survey = survey_as_outcomes(load_table("climate_survey"))
        return survey, {
            "unit_labels": school_names(),
            "measures": SURVEY_MEASURES,
            "headers": ("Respondents", "Agree"),
        }
    if source == "districts":
        side = summaries.districts_side_by_side(
            load_table("outcomes"), load_table("neighbour_districts")
        )
        return side, {}
    if source == "screening_simulation":
        comparison = screening.screening_comparison(screening.simulated_students())
        return comparison, {}
    raise ValueError(f"unknown explorer source {source!r}")


def explorer_for(settings: Any, ui_key: str = "") -> GapExplorer:
    """Build a gap explorer from an activity's ``explorer`` settings.

    Parameters
    ----------
    settings
        The activity's :class:`~equitykit.content.schema.ExplorerSettings`.
    ui_key
        The activity's key, under which the browser remembers the learner's choices.

    Returns
    -------
    GapExplorer
    """
    table, options = _table(settings.source)
    schools = None
    if settings.school_level is not None:
        listed = load_table("schools")
        schools = listed.loc[listed["school_level"] == settings.school_level, "school_id"].tolist()
    if settings.headers is not None:
        options["headers"] = tuple(settings.headers)
    return gap_explorer(
        table,
        outcome=settings.outcome,
        group=settings.group,
        unit=settings.unit,
        metric=settings.metric,
        outcomes=settings.outcomes,
        groups=settings.groups,
        schools=schools,
        note=settings.note,
        outcome_label=settings.outcome_label,
        ui_key=ui_key,
        **{"measures": MEASURES, **options},
    )


def calculator_for(settings: Any) -> DisproportionalityCalculator:
    """Build the disproportionality calculator from an activity's ``calculator`` settings."""
    return disproportionality_calculator(
        load_table("outcomes"),
        outcomes=settings.outcomes,
        groups=settings.groups,
        unit_labels=school_names(),
    )
