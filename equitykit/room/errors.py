"""The one error type of the live room: an HTTP status, a short code and a plain message."""

from __future__ import annotations


class RoomError(Exception):
    """A request the room refuses; becomes a JSON error response.

    Parameters
    ----------
    status
        The HTTP status code, e.g. 404.
    code
        A short, stable machine-readable name, e.g. ``"unknown_room"``.
    message
        A plain-language sentence naming the problem.
    headers
        Extra response headers, e.g. ``Retry-After`` for 429.
    """

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def as_json(self) -> dict[str, object]:
        """Return the response body: ``{"error": code, "message": ..., "status": ...}``."""
        return {"error": self.code, "message": self.message, "status": self.status}
