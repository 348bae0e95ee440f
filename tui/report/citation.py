"""A quote as a journalist pastes it: “…,” Marco Rubio said. (Headline, source)

What goes to the clipboard is cleaned: runs of whitespace (line breaks included) become one
space and every character a terminal or an editor would act on or hide (controls, bidi
overrides, zero-width characters) is dropped, so a pasted quote is exactly the visible words.
"""

from __future__ import annotations

from ..model import Article
from ..safe_text import is_safe
from .rows import UNATTRIBUTED, QuoteRow

_ENDS_SENTENCE = ("?", "!", "…")


def clean(text: str) -> str:
    """One line of visible characters: whitespace collapsed, everything unsafe removed."""
    return "".join(ch for ch in " ".join(text.split()) if is_safe(ch))


def citation(row: QuoteRow, article: Article, *, ascii_only: bool = False) -> str:
    words = clean(row.text)
    opening, closing = ('"', '"') if ascii_only else ("“", "”")
    # A quote that ends a question or exclamation keeps its own mark; otherwise the comma that
    # news style puts before the attribution goes inside the closing mark.
    if words.endswith(_ENDS_SENTENCE):
        quoted = f"{opening}{words}{closing}"
    else:
        quoted = f"{opening}{words.rstrip('.,;:')},{closing}"
    if row.speaker == UNATTRIBUTED:
        said = f"{opening}{words}{closing} (unattributed)."
    else:
        said = f"{quoted} {clean(row.speaker)} said."
    where = ", ".join(part for part in (clean(article.title), clean(article.url or article.source)) if part)
    return f"{said} ({where})" if where else said
