"""The one exception the loader raises; its message is shown to the user as-is, on one line."""

from __future__ import annotations

from ..safe_text import printable


class DocumentError(Exception):
    """`source` and `reason` stay raw (the JSON export escapes them itself); the message is made
    printable, because a file name is data too: a name holding ESC sequences or newlines must not
    drive the terminal or break the one-line error when it is printed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{printable(source)}: {printable(reason)}")
        self.source = source
        self.reason = reason
