"""The outline of an article (`t`): its subheads and its quote timeline, in text order.

Each entry says where to go: a block's start or a quote's id, so the reader can jump there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Analysis, Article, BlockKind
from .rows import quote_rows


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    kind: str  # "heading", "subheading" or "quote"
    key: str  # "block:<start>" or "quote:<id>"
    offset: int
    title: str  # the heading's text, or the quote's text
    speaker: str = ""  # for quotes
    paragraph: int | None = None  # for quotes


def outline(article: Article, analysis: Analysis | None) -> list[OutlineEntry]:
    entries = [
        OutlineEntry(block.kind.value, f"block:{block.start}", block.start, " ".join(article.block_text(block).split()))
        for block in article.blocks
        if block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING)
    ]
    if analysis is not None:
        entries += [
            OutlineEntry("quote", f"quote:{r.quote_id}", r.start, " ".join(r.text.split()), r.speaker, r.paragraph)
            for r in quote_rows(article, analysis)
        ]
    entries.sort(key=lambda e: (e.offset, e.kind != "quote"))
    return entries
