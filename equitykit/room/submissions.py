"""Check one participant submission against the room's catalogue.

A submission is a JSON object::

    {"id": "<client-generated id>", "activity": "<module-slug>/<activity-id>",
     "kind": "check" | "poll" | "sort" | "reflection", "payload": {...}}

with the payload of its kind: check ``{"question": "q1", "option": "b"}``, poll
``{"option": "a"}``, sort ``{"item": "i1", "category": "adaptive"}``, reflection
``{"text": "..."}`` (an empty text withdraws the participant's shared text).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from equitykit.room.catalogue import Catalogue
from equitykit.room.errors import RoomError

#: Client ids: 8 to 64 letters, digits, ``-`` or ``_`` (a UUID fits).
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
#: Longest shared reflection, in characters.
MAX_TEXT_CHARS = 2000

PAYLOAD_FIELDS = {
    "check": ("question", "option"),
    "poll": ("option",),
    "sort": ("item", "category"),
    "reflection": ("text",),
}


@dataclass(frozen=True)
class Submission:
    """A checked submission, ready to store.

    Attributes
    ----------
    client_id
        The id the browser gave it; a resend with the same id is accepted once.
    activity
        The saved-work key.
    kind
        The activity's kind.
    item
        The question id (check), item id (sort), or ``""`` (poll, reflection).
    value
        The option or category chosen, or the shared text (``""`` withdraws it).
    digest
        A hash of everything above, to tell a resend from a reused id.
    """

    client_id: str
    activity: str
    kind: str
    item: str
    value: str
    digest: str


def _invalid(message: str, code: str = "invalid_submission", status: int = 422) -> RoomError:
    return RoomError(status, code, message)


def clean_text(text: str) -> str:
    """Normalise shared text: NFC, no control characters except newlines and tabs, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    return kept.strip()


def parse_submission(body: Any, catalogue: Catalogue) -> Submission:
    """Check a decoded JSON body against the room's catalogue.

    Parameters
    ----------
    body
        The decoded request body.
    catalogue
        The room's activities.

    Returns
    -------
    Submission
        The checked submission.

    Raises
    ------
    RoomError
        422 naming the first wrong field: ``invalid_submission``, ``unknown_activity``,
        ``wrong_kind``, ``unknown_question``, ``unknown_option``, ``unknown_item``,
        ``unknown_category`` or ``text_too_long``.
    """
    if not isinstance(body, dict):
        raise _invalid("the body must be a JSON object with id, activity, kind and payload")
    unknown = set(body) - {"id", "activity", "kind", "payload"}
    if unknown:
        raise _invalid(f"unknown fields: {', '.join(sorted(map(str, unknown)))}")
    client_id = body.get("id")
    if not isinstance(client_id, str) or not CLIENT_ID_PATTERN.match(client_id):
        raise _invalid("'id' must be 8 to 64 letters, digits, '-' or '_' (for example a UUID)")
    activity = body.get("activity")
    if not isinstance(activity, str):
        raise _invalid("'activity' must be a saved-work key such as 'module-slug/activity-id'")
    spec = catalogue.get(activity)
    if spec is None:
        raise _invalid(
            f"this room does not collect answers for activity {activity[:80]!r}",
            "unknown_activity",
        )
    kind = body.get("kind")
    if kind != spec["kind"]:
        raise _invalid(
            f"activity {activity!r} is a {spec['kind']}, not {str(kind)[:20]!r}", "wrong_kind"
        )
    payload = body.get("payload")
    fields = PAYLOAD_FIELDS[kind]
    if not isinstance(payload, dict) or set(payload) != set(fields):
        raise _invalid(f"a {kind} payload must be an object with exactly: {', '.join(fields)}")
    if not all(isinstance(payload[f], str) for f in fields):
        raise _invalid(f"every field of a {kind} payload must be a string")

    item, value = "", ""
    if kind == "check":
        item, value = payload["question"], payload["option"]
        question = spec["questions"].get(item)
        if question is None:
            raise _invalid(f"{activity} has no question {item[:40]!r}", "unknown_question")
        if value not in question["options"]:
            raise _invalid(f"question {item} has no option {value[:40]!r}", "unknown_option")
    elif kind == "poll":
        value = payload["option"]
        if value not in spec["options"]:
            raise _invalid(f"{activity} has no option {value[:40]!r}", "unknown_option")
    elif kind == "sort":
        item, value = payload["item"], payload["category"]
        if item not in spec["items"]:
            raise _invalid(f"{activity} has no item {item[:40]!r}", "unknown_item")
        if value not in spec["categories"]:
            raise _invalid(f"{activity} has no category {value[:40]!r}", "unknown_category")
    else:
        value = clean_text(payload["text"])
        if len(value) > MAX_TEXT_CHARS:
            raise _invalid(
                f"shared text is {len(value)} characters; the limit is {MAX_TEXT_CHARS}",
                "text_too_long",
                413,
            )
    digest = hashlib.sha256(
        json.dumps([activity, kind, item, value], ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    return Submission(client_id, activity, kind, item, value, digest)
