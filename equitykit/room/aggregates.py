"""What the coach sees: counts per option, the hardest questions, sorting spreads, shared texts.

Counts are of participants, not clicks: each participant has one current answer per question.
Shares are rounded to three decimals; a share is ``None`` when nobody has answered yet or the
catalogue names no correct option.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from equitykit.room.store import Room

#: How many questions the "hardest" list holds.
HARDEST = 5


def _spread(
    counts: dict[tuple[str, str, str], int],
    activity: str,
    item: str,
    choices: list[str],
    correct: str | None,
) -> dict[str, Any]:
    spread = {choice: counts.get((activity, item, choice), 0) for choice in choices}
    answered = sum(spread.values())
    share = None
    if correct is not None and answered:
        share = round(spread[correct] / answered, 3)
    return {"counts": spread, "answered": answered, "correct": correct, "share_correct": share}


def room_view(conn: sqlite3.Connection, room: Room) -> dict[str, Any]:
    """Aggregate one room's answers.

    Parameters
    ----------
    conn
        A connection inside a transaction (for one consistent snapshot).
    room
        The room.

    Returns
    -------
    dict
        ``code``, ``status``, ``version``, ``expires_at``, ``participants``, ``activities``
        (per key, in catalogue order), ``hardest`` (check questions with a correct option,
        lowest share correct first) and ``texts`` (every shared text with ``id``, ``activity``,
        ``text``, ``shown``, ``updated_at``; plain text, never HTML).
    """
    status, version = conn.execute(
        "SELECT status, version FROM rooms WHERE id = ?", (room.id,)
    ).fetchone()
    counts: dict[tuple[str, str, str], int] = {}
    for activity, item, value, n in conn.execute(
        "SELECT activity, item, value, COUNT(*) FROM answers WHERE room_id = ?"
        " GROUP BY activity, item, value",
        (room.id,),
    ):
        counts[(activity, item, value)] = n
    (participants,) = conn.execute(
        "SELECT COUNT(*) FROM participants WHERE room_id = ?", (room.id,)
    ).fetchone()
    texts = [
        {"id": tid, "activity": act, "text": text, "shown": bool(shown), "updated_at": at}
        for tid, act, text, shown, at in conn.execute(
            "SELECT id, activity, text, shown, updated_at FROM texts WHERE room_id = ?"
            " ORDER BY updated_at, id",
            (room.id,),
        )
    ]
    shared: dict[str, int] = {}
    for text in texts:
        shared[text["activity"]] = shared.get(text["activity"], 0) + 1

    activities: dict[str, Any] = {}
    hardest: list[tuple[float, int, int, dict[str, Any]]] = []
    for key, spec in room.catalogue.items():
        kind = spec["kind"]
        if kind == "check":
            questions = {}
            for qid, q in spec["questions"].items():
                questions[qid] = _spread(counts, key, qid, q["options"], q["correct"])
                if questions[qid]["share_correct"] is not None:
                    entry = {"activity": key, "question": qid, **questions[qid]}
                    hardest.append(
                        (questions[qid]["share_correct"], -questions[qid]["answered"], 0, entry)
                    )
            activities[key] = {"kind": kind, "questions": questions}
        elif kind == "sort":
            items = {
                iid: _spread(counts, key, iid, spec["categories"], spec["answers"].get(iid))
                for iid in spec["items"]
            }
            activities[key] = {"kind": kind, "items": items}
        elif kind == "poll":
            activities[key] = {"kind": kind, **_spread(counts, key, "", spec["options"], None)}
        else:
            activities[key] = {"kind": kind, "shared": shared.get(key, 0)}
    hardest.sort(key=lambda t: (t[0], t[1]))
    return {
        "code": room.code,
        "status": status,
        "version": version,
        "expires_at": room.expires_at,
        "participants": participants,
        "activities": activities,
        "hardest": [entry for *_, entry in hardest[:HARDEST]],
        "texts": texts,
    }


CSV_COLUMNS = ["activity", "kind", "item", "choice", "count", "answered", "correct_choice"]


def to_csv(view: dict[str, Any]) -> str:
    """Write aggregates only as CSV, one row per option of each question (no raw answers, no texts).

    The first row counts the participants; reflection rows count shared texts.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerow([f"room {view['code']}", "participants", "", "", view["participants"], "", ""])
    for key, act in view["activities"].items():
        kind = act["kind"]
        if kind in ("check", "sort"):
            rows = act["questions"] if kind == "check" else act["items"]
            for item, spread in rows.items():
                for choice, n in spread["counts"].items():
                    writer.writerow(
                        [key, kind, item, choice, n, spread["answered"], spread["correct"] or ""]
                    )
        elif kind == "poll":
            for choice, n in act["counts"].items():
                writer.writerow([key, kind, "", choice, n, act["answered"], ""])
        else:
            writer.writerow([key, kind, "", "shared", act["shared"], "", ""])
    return out.getvalue()
