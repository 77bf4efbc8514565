"""The presenter decks generated from the course metadata: complete, timed, and key-free slides.

A deck's ``deck`` part is all a projected slide can show; the ``notes`` part is the facilitator's.
These tests check that every module and workshop session has a deck, that every agenda step has
its countdown with the right minutes, that no answer key, correct option, facilitator note or
purpose reaches the ``deck`` part, and that the written pages hold nothing from another host.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from equitykit.content.facilitation import AGENDA_LENGTHS, facilitated_slugs, load_facilitation
from equitykit.content.workshops import load_workshops
from equitykit.presenter import build_presenter
from equitykit.presenter import pages as presenter_pages
from equitykit.presenter.__main__ import main as presenter_main
from equitykit.presenter.deck import all_decks
from equitykit.presenter.norms import load_norms
from equitykit.presenter.slides import plain
from equitykit.room.catalogue import catalogue_from_modules

REPO = Path(__file__).resolve().parents[2]
DECKS = all_decks()
BY_ID = {deck.id: deck for deck in DECKS}


def secret_texts(slug: str) -> list[str]:
    """Everything about a module that only the facilitator may see."""
    guide = load_facilitation(slug)
    texts = [plain(guide.purpose), *(plain(n) for n in guide.notes)]
    for key in guide.answer_keys:
        texts += [plain(key.summary), *(plain(p) for p in key.points)]
    for activity in guide.module.activities:
        items = getattr(activity, "items", []) or []
        texts += [plain(i.explanation) for i in items if getattr(i, "explanation", "")]
        for question in getattr(activity, "questions", []) or []:
            texts += [plain(o.feedback) for o in question.options if o.correct]
    return [t for t in texts if len(t.split()) >= 6]


def test_every_module_and_workshop_session_has_a_deck():
    expected = [f"{slug}-{length}" for slug in facilitated_slugs() for length in AGENDA_LENGTHS]
    for workshop in load_workshops().values():
        if len(workshop.sessions) == 1:
            expected.append(workshop.id)
        else:
            expected += [f"{workshop.id}-{n}" for n in range(1, len(workshop.sessions) + 1)]
    assert sorted(BY_ID) == sorted(expected)
    assert len(DECKS) == len(BY_ID), "deck ids repeat"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.id)
def test_every_agenda_step_has_its_countdown(deck):
    steps = deck.deck["steps"]
    assert sum(s["minutes"] for s in steps) == deck.deck["minutes"]
    shown = {slide["step"] for slide in deck.deck["slides"] if not slide.get("room_only")}
    assert shown == set(range(len(steps))), "a step has no slide without a room"
    for slide in deck.deck["slides"]:
        timer = slide["timer"]
        step = steps[slide["step"]]
        if slide["kind"] == "step":
            assert timer["id"].startswith(f"row{slide['step'] + 1}-step")
        else:
            assert timer == {
                "id": f"row{slide['step'] + 1}",
                "minutes": step["minutes"],
                "label": step["title"],
            }
    protocol_steps = [s for s in deck.deck["slides"] if s["kind"] == "step"]
    for step_index in {s["step"] for s in protocol_steps}:
        minutes = sum(s["timer"]["minutes"] for s in protocol_steps if s["step"] == step_index)
        assert minutes == steps[step_index]["minutes"], "protocol steps add up to the row"


@pytest.mark.parametrize("deck", DECKS, ids=lambda d: d.id)
def test_no_answer_key_note_or_correct_option_reaches_a_slide(deck):
    text = " ".join(json.dumps(deck.deck, ensure_ascii=False).split())
    slugs = {row.split("/")[0] for row in deck.deck["room"]} or {deck.id.rsplit("-", 1)[0]}
    slugs &= set(facilitated_slugs())
    assert slugs, deck.id
    for slug in slugs:
        for secret in secret_texts(slug):
            assert secret not in text, (
                f"{deck.id}: facilitator-only text on a slide: {secret[:60]!r}"
            )
    assert '"correct"' not in text and '"answers"' not in text and '"why"' not in text
    # the notes do carry the keys, so the notes window can show them
    notes = json.dumps(deck.notes, ensure_ascii=False)
    for slug in slugs:
        assert any(secret in notes for secret in secret_texts(slug))


def test_a_module_deck_opens_with_the_norms_from_the_course_page_and_ends_with_its_closing():
    deck = BY_ID["adaptive-work-90"].deck
    kinds = [s["kind"] for s in deck["slides"]]
    assert kinds[:5] == ["title", "join", "norms", "agenda", "objectives"]
    assert kinds[-1] == "closing" and kinds.count("closing") == 1
    norms = next(s for s in deck["slides"] if s["kind"] == "norms")
    assert norms["points"] == [n.headline for n in load_norms()]
    assert {"results-check", "results-sort", "shared"} <= set(kinds)
    assert all(
        s.get("room_only")
        for s in deck["slides"]
        if s["kind"].startswith(("results", "shared", "join"))
    )


def test_a_workshop_deck_has_one_opening_one_closing_and_its_breaks():
    deck = BY_ID["full-day"].deck
    kinds = [s["kind"] for s in deck["slides"]]
    assert kinds.count("title") == 1 and kinds.count("norms") == 1 and kinds.count("closing") == 1
    (session,) = load_workshops()["full-day"].sessions
    breaks = [r for r in session.rows if r.kind in ("break", "lunch")]
    assert kinds.count("break") == len(breaks) >= 2
    agenda = next(s for s in deck["slides"] if s["kind"] == "agenda")
    assert sum(line["minutes"] for line in agenda["lines"]) == session.minutes
    assert len(agenda["lines"]) < len(session.rows), "a long day's agenda shows modules as one line"


def test_the_rooms_keys_are_the_live_rooms_keys():
    catalogue = catalogue_from_modules(REPO / "modules")
    for deck in DECKS:
        for key, spec in deck.deck["room"].items():
            assert key in catalogue, f"{deck.id}: {key} is not collected by the room"
            assert spec["kind"] == catalogue[key]["kind"]
            if spec["kind"] == "check":
                options = {q: [o["id"] for o in v["options"]] for q, v in spec["questions"].items()}
                assert options == {q: v["options"] for q, v in catalogue[key]["questions"].items()}
            if spec["kind"] == "sort":
                assert list(spec["items"]) == catalogue[key]["items"]


def test_written_pages_hold_both_parts_and_load_nothing_from_elsewhere(tmp_path):
    out = build_presenter(tmp_path / "presenter")
    index = (out / "index.html").read_text(encoding="utf-8")
    for deck in DECKS:
        assert f'href="{deck.id}.html"' in index
        page = (out / f"{deck.id}.html").read_text(encoding="utf-8")
        blocks = re.findall(
            r'<script type="application/json" id="(ek-deck|ek-notes)">(.*?)</script>', page, re.S
        )
        assert [b[0] for b in blocks] == ["ek-deck", "ek-notes"]
        assert json.loads(blocks[0][1]) == json.loads(json.dumps(deck.deck))
        assert "<" not in blocks[0][1] + blocks[1][1], "JSON inside <script> must escape '<'"
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sorted(sources) == ["data:,", "presenter.css", "presenter.js"], sources
    assert (out / "presenter.js").stat().st_size > 10_000


def test_missing_browser_code_and_a_foreign_folder_are_refused_clearly(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(presenter_pages, "BUNDLE", tmp_path / "missing.js")
    assert presenter_main(["--out", str(tmp_path / "p")]) == 2
    assert "run `make assets` first" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()
    monkeypatch.undo()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert presenter_main(["--out", str(foreign)]) == 2
    assert "is not a presenter view" in capsys.readouterr().err
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


def test_a_new_module_gets_its_decks_without_a_code_change(tmp_path):
    modules = tmp_path / "modules"
    shutil.copytree(REPO / "modules" / "build-a-coalition", modules / "new-module")
    for name in ("module.yml", "facilitation.yml"):
        path = modules / "new-module" / name
        path.write_text(
            path.read_text("utf-8").replace("slug: build-a-coalition", "slug: new-module"), "utf-8"
        )
    (modules / "new-module.md").write_text("# Module 8: A new module\n", encoding="utf-8")
    workshops = tmp_path / "workshops.yml"
    workshops.write_text("formats: {}\n", encoding="utf-8")
    decks = {d.id: d for d in all_decks(modules, workshops)}
    assert sorted(decks) == ["new-module-60", "new-module-90"]
    assert decks["new-module-90"].deck["title"] == "Module 8: A new module"
