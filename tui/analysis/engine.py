"""The one entry point from an `Article` to its `Analysis`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Analysis, Article
from .clustering import cluster
from .entities import resolve
from .parsed import ParsedBlock
from .pipeline import describe, load_pipeline
from .quotes import find_quotes

if TYPE_CHECKING:
    from spacy.language import Language

# Bump whenever a rule changes what an analysis contains: it is part of the cache key.
RULES_VERSION = "1"

Progress = Callable[[int, int], None]


def parse(article: Article, nlp: "Language", progress: Progress | None = None) -> list[ParsedBlock]:
    blocks = [b for b in article.blocks if not b.kind.is_metadata]
    # Newlines inside a block (hard-wrapped text) become spaces so the parser sees one flow of
    # words; the replacement keeps every character offset where it was.
    texts = (article.text[b.start:b.end].replace("\n", " ") for b in blocks)
    parsed = []
    for block, doc in zip(blocks, nlp.pipe(texts, batch_size=64)):
        parsed.append(ParsedBlock(block, doc))
        if progress is not None:
            progress(len(parsed), len(blocks))
    return parsed


def analyse(article: Article, nlp: "Language | None" = None, progress: Progress | None = None) -> Analysis:
    nlp = nlp if nlp is not None else load_pipeline()
    parsed = parse(article, nlp, progress)
    entities = cluster(resolve(parsed))
    quotes, speakers = find_quotes(article, parsed, entities)
    return Analysis(article.source, entities, quotes, speakers, describe(nlp), RULES_VERSION)
