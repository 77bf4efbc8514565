"""Room codes people type, and tokens nobody can guess.

A room code is six characters from an alphabet without look-alikes (no 0/O, 1/I/L). Coach and
participant tokens come from :mod:`secrets`; the room keeps only their SHA-256 hashes, so a
copy of the database does not hand out control of a room.
"""

from __future__ import annotations

import hashlib
import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
#: 32 random bytes, URL-safe base64 (43 characters).
TOKEN_BYTES = 32


def new_code() -> str:
    """Make a random room code, e.g. ``"K7QX4M"``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str | None:
    """Normalise a typed code: upper case, no spaces or dashes; None if it cannot be one.

    Examples
    --------
    >>> normalize_code(" k7q-x4m ")
    'K7QX4M'
    >>> normalize_code("K7QX4") is None
    True
    """
    code = text.strip().upper().replace(" ", "").replace("-", "")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def new_token() -> str:
    """Make an unguessable bearer token (256 random bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Return the SHA-256 hex digest the room stores instead of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
