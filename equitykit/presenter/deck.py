"""Presenter decks: one per module and agenda length, one per workshop session.

A deck is two JSON-ready mappings. The **deck** holds the slides (what the room may see), the
agenda steps with their minutes (one countdown each) and the texts of the activities a live room
collects (questions and options, items and categories, reflection prompts). The **notes** hold
what only the facilitator sees: the speaker notes of each slide, the correct options and the
course's sort, the modules' purpose and materials.

Decks are generated from ``module.yml``, ``facilitation.yml``, ``facilitator/workshops.yml``
and the conversation norms page for whatever modules exist: a module with a
``facilitation.yml`` gets its two decks without any change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from equitykit.content.facilitation import AGENDA_LENGTHS, facilitated_slugs, load_facilitation
from equitykit.content.modules import course_slugs
from equitykit.content.workshop_design import Session, module_session
from equitykit.content.workshops import load_workshops, module_label
from equitykit.presenter.norms import Norm, load_norms
from equitykit.presenter.slides import DeckContext, Slide, opening_slides, plain, row_slides

__all__ = ["Deck", "all_decks", "build_deck"]


@dataclass(frozen=True)
class Deck:
    """A generated deck: its id (the page name), where it is listed, and its two parts."""

    id: str
    group: str
    title: str
    subtitle: str
    deck: dict[str, Any]
    notes: dict[str, Any]


def _agenda(session: Session, labels: dict[str, str], grouped: bool) -> list[dict[str, Any]]:
    """Return the agenda slide's lines: every row, or for a long day each module as one."""
    lines: list[dict[str, Any]] = []
    for start, row in session.schedule():
        in_module = row.kind in ("activity", "item") and row.module
        if grouped and in_module and lines and lines[-1].get("module") == row.module:
            lines[-1]["minutes"] += row.minutes
            continue
        title = labels[row.module] if grouped and in_module else plain(row.title)
        lines.append({"start": start, "minutes": row.minutes, "title": title})
        if grouped and in_module:
            lines[-1]["module"] = row.module
    return lines


def _opening(
    deck_title: str, subtitle: str, session: Session, ctx: DeckContext, norms, timer
) -> list[Slide]:
    grouped = len(session.modules) > 1
    materials = {s: [plain(m) for m in ctx.guides[s].materials] for s in session.modules}
    purposes = [f"{ctx.labels[s]}: {plain(ctx.guides[s].purpose)}" for s in session.modules]
    return [
        (
            {"kind": "title", "title": deck_title, "lead": subtitle, "timer": timer},
            {"say": purposes, "materials": materials},
        ),
        (
            {"kind": "join", "title": "Join the room", "room_only": True, "timer": timer},
            {"say": ["Wait until most phones show the room; answers are anonymous."]},
        ),
        (
            {
                "kind": "norms",
                "title": "Our conversation norms",
                "points": [n.headline for n in norms],
                "timer": timer,
            },
            {"say": [f"{n.headline}: {n.text}" for n in norms]},
        ),
        (
            {
                "kind": "agenda",
                "title": "Agenda",
                "lines": _agenda(session, ctx.labels, grouped),
                "timer": timer,
            },
            {"say": ["Say when the breaks are, and that the closing will start on time."]},
        ),
    ]


def _module_intro(slug: str, ctx: DeckContext, timer) -> Slide:
    guide = ctx.guides[slug]
    return (
        {
            "kind": "transition",
            "title": ctx.labels[slug],
            "lead": "In this module you will:",
            "points": [plain(o.text) for o in guide.module.objectives],
            "timer": timer,
        },
        {"tips": [plain(n) for n in guide.notes]},
    )


def build_deck(
    deck_id: str,
    title: str,
    subtitle: str,
    session: Session,
    ctx: DeckContext,
    norms: tuple[Norm, ...],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Turn a session into a deck and its notes.

    Parameters
    ----------
    deck_id
        The deck's id (its page name).
    title, subtitle
        What the title slide says.
    session
        The session: a module's agenda or a designed workshop session.
    ctx
        The guides and labels of the session's modules.
    norms
        The conversation norms.

    Returns
    -------
    tuple of dict
        The deck (slides, steps, room texts) and the notes (never shown on a slide).
    """
    slides: list[dict[str, Any]] = []
    notes: dict[str, dict[str, Any]] = {}
    steps: list[dict[str, Any]] = []
    introduced: set[str] = set()
    for index, (start, row) in enumerate(session.schedule()):
        timer = {"id": f"row{index + 1}", "minutes": row.minutes, "label": plain(row.title)}
        steps.append({"start": start, "minutes": row.minutes, "title": plain(row.title)})
        if row.kind == "opening":
            pairs = _opening(title, subtitle, session, ctx, norms, timer)
            pairs += opening_slides(row, ctx, timer)
            introduced |= {row.module} if row.module else set()
        else:
            pairs = []
            if row.module and row.module not in introduced:
                if row.kind != "transition":
                    pairs.append(_module_intro(row.module, ctx, timer))
                introduced.add(row.module)
            pairs += row_slides(row, ctx, timer)
        for slide, note in pairs:
            slide_id = f"s{len(slides) + 1}"
            slides.append({"id": slide_id, "step": index, **slide})
            notes[slide_id] = {k: v for k, v in note.items() if v}
    deck = {
        "id": deck_id,
        "title": title,
        "subtitle": subtitle,
        "start": session.start,
        "minutes": session.minutes,
        "steps": steps,
        "slides": slides,
        "room": ctx.room,
    }
    return deck, {"id": deck_id, "slides": notes, "answers": ctx.answers}


def _context(slugs, modules_dir: Path | None) -> DeckContext:
    guides = {slug: load_facilitation(slug, modules_dir) for slug in slugs}
    labels = {slug: module_label(guide, modules_dir) for slug, guide in guides.items()}
    return DeckContext(guides, labels)


def all_decks(
    modules_dir: Path | None = None,
    workshops_path: Path | None = None,
    norms_path: Path | None = None,
) -> list[Deck]:
    """Generate every deck: each facilitated module at each agenda length, each workshop session.

    Raises
    ------
    FacilitationError
        When the metadata of a module or a workshop format is invalid.
    """
    norms = load_norms(norms_path)
    decks: list[Deck] = []
    facilitated = set(facilitated_slugs(modules_dir))
    order = [s for s in course_slugs(modules_dir) if s in facilitated]
    order += sorted(facilitated - set(order))
    for slug in order:
        for length in AGENDA_LENGTHS:
            ctx = _context([slug], modules_dir)
            session = module_session(ctx.guides[slug], length, label=ctx.labels[slug])
            subtitle = f"A {length}-minute session"
            deck, notes = build_deck(
                f"{slug}-{length}", ctx.labels[slug], subtitle, session, ctx, norms
            )
            decks.append(
                Deck(f"{slug}-{length}", "Modules", ctx.labels[slug], subtitle, deck, notes)
            )
    for workshop in load_workshops(workshops_path, modules_dir).values():
        for number, session in enumerate(workshop.sessions, 1):
            deck_id = workshop.id if len(workshop.sessions) == 1 else f"{workshop.id}-{number}"
            ctx = _context(session.modules, modules_dir)
            title = workshop.title if len(workshop.sessions) == 1 else session.title
            subtitle = f"{session.start} to {session.end}"
            deck, notes = build_deck(deck_id, title, subtitle, session, ctx, norms)
            decks.append(Deck(deck_id, "Workshops", title, subtitle, deck, notes))
    return decks
