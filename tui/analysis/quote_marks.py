"""Finding quoted stretches of text from the quote marks alone (no parsing needed).

House styles differ: wire copy quotes with straight double quotes and nests single ones, UK
papers do the opposite, typeset copy uses curly marks. Whichever kind opens first at the top
level is the outer quote; marks of the other kind inside it are nested and stay part of its
text. Apostrophes ("don't", "Russia's", "the '90s") look like single quotes and are told apart
by the characters around them.

A quote may run over several paragraphs: each paragraph opens with a mark and only the last one
closes. A quote is never allowed to cross a block here; an opening mark with no closing mark in
its block ends at the block's end and is reported as `closed=False`, so the caller can link it
with the next paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import enabled

DOUBLE_OPEN = '"“„«'
DOUBLE_CLOSE = '"”»'
SINGLE_OPEN = "'‘‚‹"
SINGLE_CLOSE = "'’›"
# Characters after which a mark is at the start of a word, hence an opener.
_OPENER_CONTEXT = " \t\n([{—–-/:;,“‘\"'«"
# Characters after a closing mark: a word ends there.
_CLOSER_FOLLOW = " \t\n)]}.,;:!?—–-/”’\"'»…"
# Trimmed from the quoted words: it belongs to the sentence around the quote ("...," he said).
_TRAILING = " \t\n,;:"
# Longest single-quoted or nested quote searched for, in characters.
MAX_SHORT_QUOTE = 3000
MAX_FAILED_NESTED = 16


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    outer_start: int  # the opening mark
    outer_end: int  # just after the closing mark (the block end when unclosed)
    start: int  # the quoted words, marks and outer spaces removed
    end: int
    closed: bool  # False when the block ended before a closing mark
    style: str  # "double" or "single"


def _is_double(ch: str) -> bool:
    return ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE


def _is_single(ch: str) -> bool:
    return ch in SINGLE_OPEN or ch in SINGLE_CLOSE


def _can_open(text: str, i: int, lo: int, hi: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if ch == "”" and before.isspace() and after.isalnum() and enabled("quote.right_mark_opens"):
        return True  # ”Four bodies were found,” he said: copy that has only the right-hand mark
    if ch in "”’»›":
        return False
    if after.isspace():
        return False
    if ch in "“‘„‚«‹":
        # "‘90s" is an elided year, not a quote.
        return not (ch == "‘" and _elided_year(text, i + 1, hi))
    if before not in _OPENER_CONTEXT and not before.isspace():
        return False
    if ch == "'" and _elided_year(text, i + 1, hi):
        return False
    return True


def _can_close(text: str, i: int, lo: int, hi: int) -> bool:
    ch = text[i]
    if ch in "“‘„‚«‹":
        return False
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isspace() and ch not in "”’»›":
        return False
    if _is_double(ch) and before in ",.!?" and after.islower() and enabled("quote.glued_close"):
        return True  # "…local agencies,"said Ana Cruz": the space after the mark lost
    if _is_single(ch) and after.isalnum():
        return False  # an apostrophe inside a word: don't, Russia's
    return after.isspace() or after in _CLOSER_FOLLOW or not after.isalnum()


def _elided_year(text: str, j: int, hi: int) -> bool:
    k = j
    while k < hi and text[k].isdigit():
        k += 1
    return k - j == 2 and (k == hi or not text[k].isalpha() or text[k] == "s")


def find_marked(text: str, lo: int, hi: int) -> list[MarkedSpan]:
    """Top-level quoted spans in `text[lo:hi]` (one block), in order."""
    block = text[lo:hi]
    if "''" in block and enabled("quote.paired_apostrophes"):
        spans = _with_paired_apostrophes(block, lo, _PAIR)
    elif ("’’" in block or "‘‘" in block) and enabled("quote.paired_curly"):
        spans = _with_paired_apostrophes(block, lo, _CURLY_PAIR)  # “It is a nightmare,’’ he said
    else:
        spans = _find_marked(text, lo, hi)
    return spans


_PAIR = re.compile("''")
_CURLY_PAIR = re.compile("’’|‘‘")


def _with_paired_apostrophes(block: str, lo: int, pair: re.Pattern[str]) -> list[MarkedSpan]:
    """Typewriter copy writes a double quote as two apostrophes (''Yes,'' she said). Each pair
    is read as one double mark, on a copy of the block of the same length: an opening pair as
    a mark and a letter, a closing pair as a mark and a space. The spans are then widened to
    the pair's two characters. Some copy does the same with curly single marks (‘‘Yes,’’ or
    “Yes,’’)."""
    parts: list[str] = []
    opening: set[int] = set()
    closing: set[int] = set()
    at = 0
    for m in pair.finditer(block):
        i = m.start()
        after = block[i + 2] if i + 2 < len(block) else " "
        opens = m.group() == "‘‘" if m.group() in ("‘‘", "’’") else after.isalnum() or after in '"“‘('
        (opening if opens else closing).add(i)
        parts += [block[at:i], '"x' if opens else '" ']
        at = i + 2
    parts.append(block[at:])
    out = []
    for sp in _find_marked("".join(parts), 0, len(block)):
        start = sp.start + 1 if sp.outer_start in opening else sp.start
        outer_end = sp.outer_end + 1 if sp.closed and sp.outer_end - 1 in closing else sp.outer_end
        out.append(MarkedSpan(sp.outer_start + lo, outer_end + lo, start + lo, sp.end + lo, sp.closed, sp.style))
    return out


def _find_marked(text: str, lo: int, hi: int) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    i = lo
    while i < hi:
        ch = text[i]
        if (_is_double(ch) or _is_single(ch)) and _can_open(text, i, lo, hi):
            style = "double" if _is_double(ch) else "single"
            close = _find_close(text, i + 1, lo, hi, style)
            if close is None:
                if style == "single" and i != lo:
                    # A lone single mark mid-paragraph is an apostrophe or a typo, not a quote
                    # running on into the next paragraph.
                    i += 1
                    continue
                spans.append(_span(text, i, hi, False, style))
                break
            spans.append(_span(text, i, close + 1, True, style))
            i = close + 1
            continue
        i += 1
    return [s for s in spans if s.end > s.start]


def _find_close(text: str, j: int, lo: int, hi: int, style: str, depth: int = 0, budget: list[int] | None = None) -> int | None:
    """The closing mark of the quote opened just before `j`, skipping a nested quote of the
    other kind (and its apostrophes) on the way. Single and nested quotes are short, so their
    search is bounded, and an outer quote gives up nesting after a few failed inner searches:
    stray marks in a 5 MB block cost little."""
    same = _is_double if style == "double" else _is_single
    other = _is_single if style == "double" else _is_double
    limit = min(hi, j + MAX_SHORT_QUOTE) if style == "single" or depth else hi
    if budget is None:
        budget = [MAX_FAILED_NESTED]
    while j < limit:
        ch = text[j]
        if same(ch) and _can_close(text, j, lo, hi):
            return j
        if depth < 2 and budget[0] > 0 and other(ch) and _can_open(text, j, lo, hi):
            inner = _find_close(text, j + 1, lo, hi, "single" if style == "double" else "double", depth + 1, budget)
            if inner is not None:
                j = inner + 1
                continue
            budget[0] -= 1
        j += 1
    return None


def _span(text: str, open_i: int, outer_end: int, closed: bool, style: str) -> MarkedSpan:
    start = open_i + 1
    end = outer_end - 1 if closed else outer_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return MarkedSpan(open_i, outer_end, start, end, closed, style)
