"""The presenter view: slides, timers, speaker notes and the room's answers, for a coach.

Generated for every module (its 60- and 90-minute agendas) and every workshop session from
``module.yml``, ``facilitation.yml``, ``facilitator/workshops.yml`` and the conversation
norms (:mod:`equitykit.presenter.deck`), and written as static pages
(:mod:`equitykit.presenter.pages`) whose browser code is ``equitykit/presenter/js/``.

The pages hold answer keys, so they are written only into the facilitator edition and served
by the live room only to the coach. Build them with::

    python -m equitykit.presenter --out _build/presenter
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["build_presenter"]


def build_presenter(
    out_dir: Path,
    *,
    modules_dir: Path | None = None,
    workshops_path: Path | None = None,
    norms_path: Path | None = None,
) -> Path:
    """Generate every deck and write the presenter view into ``out_dir``; return it.

    Raises
    ------
    equitykit.content.errors.FacilitationError
        When module, facilitation or workshop metadata is invalid.
    equitykit.presenter.pages.PresenterBuildError
        When the browser bundle is missing or the folder cannot be used.
    """
    from equitykit.presenter.deck import all_decks
    from equitykit.presenter.pages import write_presenter

    decks = all_decks(modules_dir, workshops_path, norms_path)
    return write_presenter(Path(out_dir), decks)
