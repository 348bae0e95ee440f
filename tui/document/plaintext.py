"""Plain-text wire copy: headline first, "- Subhead -" lines, desk codes and credits at the end."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, BlockKind

_SUBHEAD = re.compile(r"^\s*[-–—=*#]+\s+(?P<body>\S.*?)\s+[-–—=*#]+\s*$")
_BYLINE = re.compile(r"^\s*(By|BY|From)\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,4}(\s*(,|and|in)\s+.*)?\s*$")
_CREDIT_PATTERNS = [
    # burs-jc/jbr/jhb. Each part after a slash is "[a-z][-a-z]*", written so that a string
    # can match in one way only: "[a-z]{1,5}[-a-z]*" backtracked exponentially on long lines
    # like "ab/aaaaaa/aaaaaa/.../aaaaaa!" (14 parts took minutes).
    re.compile(r"^[a-z]{2,}(-[a-z]{1,5})*(/[a-z][-a-z]*)+$"),
    re.compile(r"^[A-Z][\w.'’ -]{0,40}--[A-Z]{2,6}$"),  # C.Stevenson--TNT
    re.compile(r"^\(?\s*(Additional\s+)?(Reporting|Writing|Editing|Compiled|Translated)\s+by\b.*$", re.I),
    re.compile(r"^(©|\(c\)|Copyright\b).*$", re.I),
    re.compile(r"^[-–—]{1,3}\s*[A-Z][A-Za-z]{1,12}\s*[-–—]{0,3}$"),  # "-- AFP"
    re.compile(r"^(Source|Photo|Image|Picture)s?:\s.*$", re.I),
    re.compile(r"^[A-Z]{2,6}(/[A-Z]{2,6})+$"),  # AFP/JJ
]
_TERMINAL = tuple(".?!:;\"”’')")


def lines_with_offsets(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line's content, whitespace-trimmed; blank lines give start == end."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        yield pos + lead, pos + lead + len(stripped)
        pos += len(line) + 1


def is_credit_line(line: str) -> bool:
    return any(p.match(line) for p in _CREDIT_PATTERNS)


def _paragraph_groups(text: str) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = [[]]
    for start, end in lines_with_offsets(text):
        if start == end:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append((start, end))
    return [g for g in groups if g]


def _hard_wrapped(text: str, groups: list[list[tuple[int, int]]]) -> bool:
    """Books and e-mails wrap lines at ~72 columns inside paragraphs; wire copy puts one
    paragraph on each line. Wrapped text has many multi-line groups of near-equal short lines
    that mostly break mid-sentence; short one-sentence paragraphs on consecutive lines end in
    punctuation, so they stay paragraphs of their own."""
    multi = [g for g in groups if len(g) > 1]
    if not multi:
        return False
    lines = [(start, end) for g in multi for start, end in g[:-1]]
    short = sum(1 for start, end in lines if 40 <= end - start <= 100)
    if short / len(lines) <= 0.8:
        return False
    ended = sum(1 for _, end in lines if text[end - 1] in _TERMINAL)
    return ended / len(lines) < 0.5


def parse_plain(text: str) -> tuple[str, list[Block]]:
    """Split decoded text into blocks. Returns (title, blocks)."""
    groups = _paragraph_groups(text)
    if _hard_wrapped(text, groups):
        units = [(g[0][0], g[-1][1]) for g in groups]
    else:
        units = [line for g in groups for line in g]
    if not units:
        return "", []

    kinds: list[BlockKind] = [BlockKind.PARAGRAPH] * len(units)
    # Trailing credits: walk back from the end while lines look like desk codes or credits.
    i = len(units) - 1
    while i > 0 and is_credit_line(text[units[i][0] : units[i][1]]):
        kinds[i] = BlockKind.CREDIT
        i -= 1
    first = units[0]
    if first[1] - first[0] <= 300 and "\n" not in text[first[0] : first[1]]:
        kinds[0] = BlockKind.HEADING
    for n, (start, end) in enumerate(units[1:], start=1):
        if kinds[n] is not BlockKind.PARAGRAPH:
            continue
        line = text[start:end]
        if n <= 2 and _BYLINE.match(line):
            kinds[n] = BlockKind.BYLINE
        elif len(line) <= 120 and _SUBHEAD.match(line):
            kinds[n] = BlockKind.SUBHEADING

    blocks = []
    for (start, end), kind in zip(units, kinds):
        if kind is BlockKind.SUBHEADING:
            m = _SUBHEAD.match(text[start:end])
            assert m is not None
            start, end = start + m.start("body"), start + m.end("body")
        blocks.append(Block(kind, start, end, level=1 if kind is BlockKind.HEADING else 2 if kind is BlockKind.SUBHEADING else 0))
    title = text[blocks[0].start : blocks[0].end] if blocks[0].kind is BlockKind.HEADING else ""
    return title, blocks
