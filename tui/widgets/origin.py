"""Where an article came from, in one line for the title bar.

A web article shows its site, byline and date ("The Daily · Jane Doe · 2026-03-04"); a file
shows its path, as before. Plain strings: the title bar makes them printable.
"""

from __future__ import annotations

from ..model import Article


def origin_line(article: Article, *, ascii_only: bool = False) -> str:
    if article.url is None and not (article.site or article.author or article.published):
        return article.source
    parts = [article.site or "", f"by {article.author}" if article.author else "", (article.published or "")[:10]]
    shown = [p for p in parts if p]
    return (" - " if ascii_only else " · ").join(shown) if shown else (article.url or article.source)
