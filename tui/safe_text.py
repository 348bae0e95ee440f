"""Article text made safe to show: control characters become visible placeholders.

Text from an article is data. Before it is drawn, every character that a terminal would act on
(C0/C1 controls including ESC, DEL, bidirectional overrides and isolates, zero-width and other
invisible format characters) is replaced by one visible placeholder character, so the string
keeps its length and every character offset still points at the same place. Stdlib only.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_PLACEHOLDER_FORMAT = "\u2426"  # ␦ for invisible format characters (bidi, zero-width, ...)


@lru_cache(maxsize=4096)
def _placeholder(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)          # ␀ … ␟ (␛ for ESC, ␉ for tab)
    if code == 0x7F:
        return "\u2421"                    # ␡
    if 0x80 <= code <= 0x9F:
        return "\ufffd"                    # C1 controls (CSI 0x9b, OSC 0x9d, ...)
    category = unicodedata.category(ch)
    if category in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return _PLACEHOLDER_FORMAT
    return ch


def _unsafe(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or (code > 0xA0 and _placeholder(ch) != ch)


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Same length as `text`; safe to hand to a terminal renderer as plain (non-markup) text."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif ch.isprintable() and ch != "\x7f" or not _unsafe(ch):
            out.append(ch)
        else:
            out.append(_placeholder(ch))
    return "".join(out)
