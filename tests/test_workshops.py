"""Workshop formats designed from the modules' timings: the checks a coach relies on.

Each session of each format has exactly one opening and one closing, no stretch of work longer
than 90 minutes without a break or lunch, start times that follow from the minutes, and a total
equal to the sum of its parts (and to the length the file states). Every module activity of the
chosen agenda is there with its own minutes: the day is generated, not pasted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from equitykit.content.errors import FacilitationError
from equitykit.content.facilitation import load_facilitation
from equitykit.content.schedule import parse_clock
from equitykit.content.workshop_design import SessionRow, place_breaks
from equitykit.content.workshops import WORKSHOPS_PATH, load_workshops

REPO = Path(__file__).resolve().parents[1]
WORKSHOPS = load_workshops()
SESSIONS = [(w.id, n, s) for w in WORKSHOPS.values() for n, s in enumerate(w.sessions, 1)]
RAW = yaml.safe_load(WORKSHOPS_PATH.read_text(encoding="utf-8"))


def stretches(rows) -> list[int]:
    """Minutes of work between rests (breaks and lunch), in order."""
    out, current = [], 0
    for row in rows:
        if row.kind in ("break", "lunch"):
            out.append(current)
            current = 0
        else:
            current += row.minutes
    return [*out, current]


def test_the_three_formats_exist():
    kinds = {w.id: (w.kind, len(w.sessions)) for w in WORKSHOPS.values()}
    assert kinds["half-day"] == ("day", 1)
    assert kinds["full-day"] == ("day", 1)
    assert kinds["four-sessions"] == ("series", 4)


@pytest.mark.parametrize(
    ("format_id", "number", "session"),
    SESSIONS,
    ids=lambda v: v if isinstance(v, str | int) else "",
)
def test_each_session_opens_once_closes_once_and_breaks_every_90_minutes(
    format_id, number, session
):
    kinds = [row.kind for row in session.rows]
    assert kinds.count("opening") == 1 and kinds[0] == "opening", (format_id, kinds)
    assert kinds.count("closing") == 1 and kinds[-1] == "closing", (format_id, kinds)
    titles = [row.title.lower() for row in session.rows[1:-1]]
    assert not [t for t in titles if t.startswith(("opening", "closing"))], titles
    assert max(stretches(session.rows)) <= 90, (format_id, stretches(session.rows))
    assert kinds[1] not in ("break", "lunch") and kinds[-2] not in ("break", "lunch")


@pytest.mark.parametrize(
    ("format_id", "number", "session"),
    SESSIONS,
    ids=lambda v: v if isinstance(v, str | int) else "",
)
def test_each_session_adds_up(format_id, number, session):
    starts = session.schedule()
    clock = parse_clock(session.start)
    for begin, row in starts:
        assert parse_clock(begin) == clock, (format_id, row.title)
        clock += row.minutes
    assert clock - parse_clock(session.start) == session.minutes
    assert parse_clock(session.end) == clock % (24 * 60)
    stated = RAW["formats"][format_id].get("minutes")
    if stated is not None:
        assert WORKSHOPS[format_id].minutes == stated


@pytest.mark.parametrize("format_id", list(WORKSHOPS))
def test_every_activity_keeps_its_agenda_minutes_and_transitions_come_from_the_modules(format_id):
    spec = RAW["formats"][format_id]
    chosen = [(p["module"], p["agenda"]) for p in spec["modules"] if "module" in p]
    rows = [row for session in WORKSHOPS[format_id].sessions for row in session.rows]
    for slug, length in chosen:
        agenda = load_facilitation(slug).agenda(length)
        expected = [(r.key, r.minutes) for r in agenda if r.key not in ("opening", "closing")]
        got = [(r.key, r.minutes) for r in rows if r.module == slug and r.kind != "transition"]
        assert got == expected, (format_id, slug)
    if spec["kind"] == "day":
        modules = [p for p in spec["modules"] if "module" in p]
        transitions = [r for r in rows if r.kind == "transition"]
        assert len(transitions) == len(modules) - 1
        for before, after, row in zip(modules[:-1], modules[1:], transitions, strict=True):
            closing = load_facilitation(before["module"]).agenda(before["agenda"])[-1]
            opening = load_facilitation(after["module"]).agenda(after["agenda"])[0]
            assert row.module == after["module"]
            assert row.minutes == closing.minutes + opening.minutes
        lunches = [r.minutes for r in rows if r.kind == "lunch"]
        assert lunches == [p["lunch"] for p in spec["modules"] if "lunch" in p]


def test_series_sessions_keep_each_module_agenda_length():
    workshop = WORKSHOPS["four-sessions"]
    parts = RAW["formats"]["four-sessions"]["modules"]
    for session, part in zip(workshop.sessions, parts, strict=True):
        assert session.minutes == part["agenda"]
        assert session.modules == (part["module"],)
    first, *later = workshop.sessions
    assert "norms" in first.rows[0].title and "series" in first.rows[0].title
    assert all("since the last session" in s.rows[0].title for s in later)
    assert "next session" in first.rows[-1].title
    assert "next session" not in later[-1].rows[-1].title


def row(minutes: int, kind: str = "activity", module: str = "m1") -> SessionRow:
    return SessionRow(kind, f"{kind} {minutes}", minutes, module)


def test_breaks_are_few_prefer_the_end_of_a_module_and_keep_stretches_short():
    rows = [row(20, "opening", "")] + [row(15) for _ in range(4)]
    rows += [row(10, "transition", "m2")] + [row(15, module="m2") for _ in range(4)]
    rows += [row(20, "closing", "")]
    placed = place_breaks(rows)
    kinds = [r.kind for r in placed]
    assert kinds.count("break") == 1
    assert kinds[kinds.index("break") + 1] == "transition"  # at the end of module m1
    assert max(stretches(placed)) <= 90
    assert sum(r.minutes for r in placed) == sum(r.minutes for r in rows) + 15


def test_breaks_split_a_long_module_and_a_lunch_starts_a_new_stretch():
    rows = [row(10, "opening", "")] + [row(20) for _ in range(9)] + [row(10, "closing", "")]
    placed = place_breaks(rows, break_minutes=10)
    assert [r.kind for r in placed].count("break") == 2
    assert max(stretches(placed)) <= 90
    lunch = [row(40), row(40), SessionRow("lunch", "Lunch", 45), row(40), row(40)]
    assert [r.kind for r in place_breaks(lunch)].count("break") == 0


def test_a_row_longer_than_the_stretch_is_refused_with_its_name():
    with pytest.raises(FacilitationError, match=r"'activity 95' runs 95 minutes, longer than"):
        place_breaks([row(95)])


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "workshops.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_stated_length_that_does_not_add_up_is_refused(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(RAW))
    data["formats"]["half-day"]["minutes"] += 7
    with pytest.raises(FacilitationError, match=r"'half-day': the designed sessions add up to"):
        load_workshops(write(tmp_path, data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"module": "no-such-module", "agenda": 60}, r"'no-such-module' has no facilitation\.yml"),
        ({"module": "adaptive-work", "agenda": 75}, r"agenda must be one of \(60, 90\)"),
        ({"module": "adaptive-work"}, r"needs 'module' and 'agenda'"),
    ],
)
def test_bad_module_entries_are_named(tmp_path, change, message):
    data = yaml.safe_load(yaml.safe_dump(RAW))
    data["formats"]["half-day"]["modules"][0] = change
    with pytest.raises(FacilitationError, match=message):
        load_workshops(write(tmp_path, data))


def test_a_series_has_no_lunch_and_no_opening_of_its_own(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(RAW))
    data["formats"]["four-sessions"]["modules"].insert(1, {"lunch": 30})
    data["formats"]["four-sessions"]["opening"] = {"minutes": 10}
    with pytest.raises(FacilitationError) as caught:
        load_workshops(write(tmp_path, data))
    assert "a series has no lunch" in str(caught.value)
    assert "each module's own minutes" in str(caught.value)


def test_a_new_module_can_be_named_in_a_format_without_changing_code(tmp_path):
    modules = tmp_path / "modules"
    shutil.copytree(REPO / "modules" / "build-a-coalition", modules / "new-module")
    for name in ("module.yml", "facilitation.yml"):
        path = modules / "new-module" / name
        path.write_text(
            path.read_text("utf-8").replace("slug: build-a-coalition", "slug: new-module"), "utf-8"
        )
    (modules / "new-module.md").write_text("# Module 9: A new module\n", encoding="utf-8")
    shutil.copytree(REPO / "modules" / "adaptive-work", modules / "adaptive-work")
    data = {
        "formats": {
            "day": {
                "kind": "day",
                "title": "A day",
                "description": "Two modules.",
                "start": "09:00",
                "opening": {"minutes": 15},
                "closing": {"minutes": 15},
                "modules": [
                    {"module": "adaptive-work", "agenda": 60},
                    {"module": "new-module", "agenda": 90},
                ],
            }
        }
    }
    workshop = load_workshops(write(tmp_path, data), modules)["day"]
    (session,) = workshop.sessions
    assert session.modules == ("adaptive-work", "new-module")
    assert any("Module 9: A new module" in r.title for r in session.rows if r.kind == "transition")
    assert max(stretches(session.rows)) <= 90
