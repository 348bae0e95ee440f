"""The parsed form of an article that every rule module works from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Block

if TYPE_CHECKING:  # spaCy is imported lazily by `pipeline`; rules only need the types.
    from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class ParsedBlock:
    """One analysed piece of a block: `doc` covers `article.text[offset:offset + len(doc.text)]`,
    so a token's article offset is ``offset + token.idx``. Most blocks are one piece; very long
    ones (a 5 MB line) are cut into several at sentence-like boundaries."""

    block: Block
    doc: Doc
    offset: int
    # `Doc.text` joins every token's text at each call: a rule reading it per phrase paid for the
    # whole piece each time (on a 5 MB line, pieces of 4,000 tokens).
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.doc.text

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    def span_offsets(self, span: Span) -> tuple[int, int]:
        return self.offset + span.start_char, self.offset + span.end_char

    def token_offsets(self, token: Token) -> tuple[int, int]:
        start = self.offset + token.idx
        return start, start + len(token.text)
