"""The one entry point from an `Article` to its `Analysis`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..model import Analysis, Article, Block
from .clustering import cluster
from .entities import resolve
from .parsed import ParsedBlock
from .pipeline import describe, load_pipeline
from .quotes import find_quotes

if TYPE_CHECKING:
    from spacy.language import Language

# Bump whenever a rule changes what an analysis contains: it is part of the cache key.
RULES_VERSION = "2"

Progress = Callable[[int, int], None]


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory grows with
# the text; blocks longer than this are analysed in pieces.
MAX_PIECE = 100_000


def pieces(article: Article, block: Block) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of a block, cut after a sentence end or a space when too long."""
    start, end = block.start, block.end
    text = article.text
    while end - start > MAX_PIECE:
        limit = start + MAX_PIECE
        cut = max(text.rfind(". ", start, limit), text.rfind("? ", start, limit), text.rfind("! ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        yield start, cut
        start = cut
    yield start, end


def parse(article: Article, nlp: "Language", progress: Progress | None = None) -> list[ParsedBlock]:
    units = [(b, s, e) for b in article.blocks if not b.kind.is_metadata for s, e in pieces(article, b)]
    # Newlines inside a block (hard-wrapped text) become spaces so the parser sees one flow of
    # words; the replacement keeps every character offset where it was.
    texts = (article.text[s:e].replace("\n", " ") for _, s, e in units)
    parsed = []
    for (block, start, _), doc in zip(units, nlp.pipe(texts, batch_size=64)):
        parsed.append(ParsedBlock(block, doc, start))
        if progress is not None:
            progress(len(parsed), len(units))
    return parsed


def analyse(article: Article, nlp: "Language | None" = None, progress: Progress | None = None) -> Analysis:
    nlp = nlp if nlp is not None else load_pipeline()
    parsed = parse(article, nlp, progress)
    entities = cluster(resolve(parsed))
    quotes, speakers = find_quotes(article, parsed, entities)
    return Analysis(article.source, entities, quotes, speakers, describe(nlp), RULES_VERSION)
