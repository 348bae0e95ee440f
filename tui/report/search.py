"""Search across all open files (`F`): every match with its file and a line of context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article

MAX_HITS = 500
CONTEXT = 30


@dataclass(frozen=True, slots=True)
class Hit:
    file: int  # index of the open file
    index: int  # which match in that file (0-based), as the reader's n/N count them
    start: int
    end: int
    label: str  # "2. name: …words around the match…"


def _name(article: Article) -> str:
    return article.source.rsplit("/", 1)[-1] or article.source


def search_all(articles: list[Article], query: str) -> list[Hit]:
    """Case-insensitive literal matches in file order, at most MAX_HITS."""
    hits: list[Hit] = []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    for file, article in enumerate(articles):
        text = article.text
        for index, match in enumerate(pattern.finditer(text)):
            before = " ".join(text[max(0, match.start() - CONTEXT) : match.start()].split())
            after = " ".join(text[match.end() : match.end() + CONTEXT].split())
            label = f"{file + 1}. {_name(article)}: …{before} {match.group(0)} {after}…"
            hits.append(Hit(file, index, match.start(), match.end(), label))
            if len(hits) >= MAX_HITS:
                return hits
    return hits
