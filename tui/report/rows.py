"""One row per quote: who, what, the cue and where, in text order.

The paragraph number counts the body's paragraphs (paragraphs, block quotes, list items) from 1,
as a reader counts them; a quote in the headline or a subhead has no paragraph number.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..model import Analysis, Article, BlockKind, SpeakerKind

BODY_KINDS = (BlockKind.PARAGRAPH, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM)
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    number: int  # 1-based, in text order
    quote_id: str
    speaker: str  # the speaker's name, or "unattributed"
    speaker_id: str | None
    speaker_kind: str  # person, organization, place, unnamed, or "" when unattributed
    text: str
    cue: str  # "" when the quote has no cue
    paragraph: int | None  # None: headline or subhead
    start: int  # offsets of the quoted words in the canonical text
    end: int
    echo_of: str | None = None
    corrected: bool = False

    @property
    def named(self) -> bool:
        """A named source: a person or organisation with a name, not a description."""
        return self.speaker_kind in (SpeakerKind.PERSON.value, SpeakerKind.ORGANIZATION.value)


class Paragraphs:
    """Body paragraph numbers by offset (blocks sorted once, then a bisect per lookup)."""

    def __init__(self, article: Article) -> None:
        self._spans: list[tuple[int, int, int | None]] = []
        count = 0
        for block in sorted(article.blocks, key=lambda b: b.start):
            number = None
            if block.kind in BODY_KINDS:
                count += 1
                number = count
            self._spans.append((block.start, block.end, number))
        self._starts = [s for s, _, _ in self._spans]

    def number_at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self._spans[i][0] <= offset < self._spans[i][1]:
            return self._spans[i][2]
        return None


def paragraph_number(article: Article, offset: int) -> int | None:
    """The body paragraph holding `offset`, counted from 1; None outside the body."""
    return Paragraphs(article).number_at(offset)


def quote_rows(article: Article, analysis: Analysis) -> list[QuoteRow]:
    paragraphs = Paragraphs(article)
    speakers = {s.id: s for s in analysis.speakers}
    rows = []
    for number, quote in enumerate(sorted(analysis.quotes, key=lambda q: q.start), 1):
        speaker = speakers.get(quote.speaker_id) if quote.speaker_id else None
        rows.append(
            QuoteRow(
                number=number,
                quote_id=quote.id,
                speaker=speaker.name if speaker else UNATTRIBUTED,
                speaker_id=speaker.id if speaker else None,
                speaker_kind=speaker.kind.value if speaker else "",
                text=quote.text,
                cue=quote.cue or "",
                paragraph=paragraphs.number_at(quote.start),
                start=quote.start,
                end=quote.end,
                echo_of=quote.echo_of,
                corrected=quote.corrected,
            )
        )
    return rows
