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
# Documents longer than this show partial results while the rest is analysed.
FIRST_STAGE_CHARS = 40_000


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


def _units(article: Article) -> list[tuple[Block, int, int]]:
    return [(b, s, e) for b in article.blocks if not b.kind.is_metadata for s, e in pieces(article, b)]


def _parse_units(article: Article, nlp: "Language", units: list[tuple[Block, int, int]],
                 n_process: int = 1) -> Iterator[ParsedBlock]:
    # Newlines inside a block (hard-wrapped text) become spaces so the parser sees one flow of
    # words; the replacement keeps every character offset where it was.
    texts = (article.text[s:e].replace("\n", " ") for _, s, e in units)
    docs = nlp.pipe(texts, batch_size=64, n_process=n_process) if n_process > 1 else nlp.pipe(texts, batch_size=64)
    for (block, start, _), doc in zip(units, docs):
        yield ParsedBlock(block, doc, start)


def parse(article: Article, nlp: "Language", progress: Progress | None = None) -> list[ParsedBlock]:
    units = _units(article)
    parsed = []
    for pb in _parse_units(article, nlp, units):
        parsed.append(pb)
        if progress is not None:
            progress(len(parsed), len(units))
    return parsed


def _build(article: Article, parsed: list[ParsedBlock], model: str) -> Analysis:
    entities = cluster(resolve(parsed))
    quotes, speakers = find_quotes(article, parsed, entities)
    return Analysis(article.source, entities, quotes, speakers, model, RULES_VERSION)


def analyse_stages(article: Article, nlp: "Language", progress: Progress | None = None,
                   *, first_stage: int = FIRST_STAGE_CHARS, n_process: int = 1) -> Iterator[Analysis]:
    """Analyses of a growing beginning of the article, the last one complete.

    A long document shows its first highlights after `first_stage` characters; each later stage
    covers at least twice as much, so re-running the document-level rules costs at most about
    twice a single run, while parsing (the expensive part) is done once. `n_process` > 1 lets
    spaCy parse in that many worker processes (worth it only for long texts).
    """
    units = _units(article)
    model = describe(nlp)
    parsed: list[ParsedBlock] = []
    done_chars, next_stage = 0, first_stage
    for pb in _parse_units(article, nlp, units, n_process):
        parsed.append(pb)
        done_chars += len(pb.doc.text)
        if progress is not None:
            progress(len(parsed), len(units))
        if done_chars >= next_stage and len(parsed) < len(units):
            yield _build(article, parsed, model)
            next_stage = done_chars * 2
    yield _build(article, parsed, model)


def analyse(article: Article, nlp: "Language | None" = None, progress: Progress | None = None) -> Analysis:
    nlp = nlp if nlp is not None else load_pipeline()
    return _build(article, parse(article, nlp, progress), describe(nlp))
