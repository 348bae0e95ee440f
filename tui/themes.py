"""The colour themes the reader accepts, known before the UI starts so a bad name is a usage error."""

from __future__ import annotations


def theme_names() -> list[str]:
    """Textual's built-in themes (the app registers none of its own)."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)
