"""Article text made safe to show: control characters become visible placeholders.

Text from an article (and a file name) is data. Before it is drawn, every character that a
terminal would act on or draw as nothing is replaced by one visible placeholder character, so
the string keeps its length and every character offset still points at the same place:

- C0 controls (ESC, BEL, tab, ...) become their Control Pictures (␛, ␇, ␉); DEL becomes ␡;
- C1 controls (U+0080-U+009F: the 8-bit CSI 0x9B, OSC 0x9D, NEL, ...) become U+FFFD;
- format characters (bidi overrides and isolates, zero-width space/joiners, the BOM, soft
  hyphen), line/paragraph separators, surrogates, private-use and unassigned code points, and
  letters that draw nothing (Hangul fillers) become ␦.

Ordinary text (letters, marks, digits, punctuation, symbols, spaces; CJK, emoji, accents) is
left as it is. Stdlib only: every layer may use it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

PLACEHOLDER_FORMAT = "\u2426"  # ␦ for invisible format characters (bidi, zero-width, ...)
PLACEHOLDER_C1 = "\ufffd"  # � for C1 controls
PLACEHOLDER_DEL = "\u2421"  # ␡

# Letters (category Lo) that terminals draw as nothing; used to hide text in plain sight.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# What Python's str.isprintable() rejects that is still harmless and visible: spaces (Zs).
_VISIBLE_SPACE = "Zs"


@lru_cache(maxsize=8192)
def _replacement(ch: str) -> str:
    """The character to show for `ch`: `ch` itself when it is safe."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC, ␉ for tab, ␊ for LF)
    if code == 0x7F:
        return PLACEHOLDER_DEL
    if 0x80 <= code <= 0x9F:
        return PLACEHOLDER_C1
    if ch in _BLANK_LETTERS:
        return PLACEHOLDER_FORMAT
    if ch.isprintable() or unicodedata.category(ch) == _VISIBLE_SPACE:
        return ch
    return PLACEHOLDER_FORMAT  # Cf, Cs, Co, Cn, Zl, Zp


def is_safe(ch: str) -> bool:
    return _replacement(ch) == ch


def _all_safe(text: str) -> bool:
    """True for most text, at C speed: str.isprintable() rejects every unsafe character."""
    return text.isprintable() and _BLANK_LETTERS.isdisjoint(text)


def _printable_line(text: str) -> str:
    if _all_safe(text):
        return text
    return "".join([_replacement(ch) for ch in text])


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Same length as `text`; safe to hand to a terminal renderer as plain (non-markup) text.

    With `keep_newlines`, LF stays LF (for callers that split lines themselves); every other
    control character is replaced all the same.
    """
    if keep_newlines and "\n" in text:
        return "\n".join([_printable_line(line) for line in text.split("\n")])
    return _printable_line(text)


def escape_json(serialized: str) -> str:
    """`json.dumps(..., ensure_ascii=False)` output with everything unsafe escaped as \\uXXXX.

    json.dumps escapes only U+0000-U+001F; DEL, C1 controls, bidi overrides and lone surrogates
    (from undecodable file names) would otherwise reach a terminal raw or fail to encode. The
    result is the same JSON value: outside strings, JSON is plain ASCII, so every replaced
    character sits inside a string literal, where \\uXXXX means exactly that character.
    """
    if _all_safe(serialized):
        return serialized
    out = []
    for ch in serialized:
        if is_safe(ch):
            out.append(ch)
        elif ord(ch) > 0xFFFF:  # astral: a surrogate pair, as JSON requires
            units = ch.encode("utf-16-be")
            out.append(f"\\u{int.from_bytes(units[:2], 'big'):04x}\\u{int.from_bytes(units[2:], 'big'):04x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)
