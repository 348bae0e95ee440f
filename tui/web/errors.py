"""The one exception the web layer raises: a `DocumentError`, so every caller that already
turns a bad file into one line (CLI, --json, serve) does the same for a bad URL."""

from __future__ import annotations

from ..document.errors import DocumentError


class FetchError(DocumentError):
    """A URL that could not be fetched or read; `reason` is one line a user understands.

    `network` is true when the server could not be reached at all (DNS, refused, timeout): then
    a saved copy of the page may stand in for it.
    """

    def __init__(self, source: str, reason: str, *, network: bool = False) -> None:
        super().__init__(source, reason)
        self.network = network


class FetchCancelled(Exception):
    """The caller's `should_stop` turned true (the user pressed esc)."""
