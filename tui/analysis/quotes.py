"""Direct quotes and who said them. Filled in by the quotes issue; empty until then."""

from __future__ import annotations

from ..model import Article, Entity, Quote, Speaker
from .parsed import ParsedBlock


def find_quotes(article: Article, parsed: list[ParsedBlock], entities: list[Entity]) -> tuple[list[Quote], list[Speaker]]:
    return [], []
