"""Reading a corpus index: what the corpus view asks, as plain rows (no UI types here).

Every question is one indexed query (or an FTS5 match) with a row limit, so the view opens and
answers in milliseconds whatever the archive's size; long tails are reached by search.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .index import SCHEMA_VERSION

# Rows a list shows: every row costs the table widget time when it is filled, and a key must
# answer in 50 ms on a 10,000-article archive. The rest is reached by search, and the titles say
# how many there are in all.
LIST_LIMIT = 500
HITS_LIMIT = 300
_AROUND = 60  # characters either side of a mention in its line

# The corpus view's lists: (list id, title, which names_stats rows).
LISTS = (
    ("speakers", "Speakers", "quotes > 0"),
    ("places", "Places", "kind = 'place'"),
    ("organizations", "Organisations", "kind = 'organization'"),
)


class CorpusError(Exception):
    """An index that cannot be read: one line for the user."""


@dataclass(frozen=True, slots=True)
class NameRow:
    name_id: int
    kind: str
    name: str
    quotes: int
    articles: int
    mentions: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """One line of the second list: a quote, a mention or a search match in one article."""

    article: int  # articles.id in the index
    title: str
    date: str | None
    text: str  # the quote, or the words around a mention or match
    start: int  # offsets into the article's decoded file text
    end: int
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    source: str
    title: str
    format: str
    text: str


@dataclass(frozen=True, slots=True)
class Totals:
    articles: int
    quotes: int
    names: int


class Corpus:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise CorpusError(f"{path}: not a newsreader corpus index of this version (rebuild it with 'newsreader index')")
            row = self.db.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM name_stats)"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise CorpusError(f"{path}: unreadable corpus index ({exc})") from None
        self.totals = Totals(*row)

    def close(self) -> None:
        self.db.close()

    def names(self, list_id: str, limit: int = LIST_LIMIT) -> list[NameRow]:
        where = dict((lid, cond) for lid, _, cond in LISTS)[list_id]
        order = "quotes DESC, articles DESC, name" if list_id == "speakers" else "articles DESC, mentions DESC, name"
        rows = self.db.execute(
            f"SELECT name_id, kind, name, quotes, articles, mentions, first_date, last_date FROM name_stats WHERE {where} ORDER BY {order} LIMIT ?",
            (limit,),
        )
        return [NameRow(*r) for r in rows]

    def hits_of(self, name_id: int, limit: int = HITS_LIMIT) -> list[Hit]:
        """A name's quotes across the archive (newest first); for a name never quoted, its first
        mention in each article with the words around it."""
        rows = self.db.execute(
            'SELECT a.id, a.title, a.date, q.text, q.start, q."end", q.speaker FROM quotes q JOIN articles a ON a.id = q.article'
            " WHERE q.name_id = ? ORDER BY a.date DESC, a.id, q.start LIMIT ?",
            (name_id, limit),
        ).fetchall()
        if rows:
            return [Hit(*r) for r in rows]
        # The words around the first mention are cut out by SQLite (substr counts characters,
        # as Python offsets do), so no article's whole text is read for a line of it.
        rows = self.db.execute(
            'SELECT a.id, a.title, a.date, substr(a.text, max(0, m.start - ?) + 1, m."end" - max(0, m.start - ?) + ?),'
            ' m.start, m."end" FROM entities e JOIN articles a ON a.id = e.article'
            " JOIN mentions m ON m.article = e.article AND m.entity_local_id = e.local_id"
            " AND m.start = (SELECT min(start) FROM mentions WHERE article = e.article AND entity_local_id = e.local_id)"
            " WHERE e.name_id = ? ORDER BY a.date DESC, a.id LIMIT ?",
            (_AROUND, _AROUND, _AROUND, name_id, limit),
        ).fetchall()
        return [
            Hit(aid, title, date, "…" + " ".join(snip.split()) + "…", start, end) for aid, title, date, snip, start, end in rows
        ]

    def search(self, query: str, limit: int = HITS_LIMIT) -> list[Hit]:
        """Quotes, then article texts, matching every word of `query` (the last as a prefix),
        most recently indexed first: ranking every match of a common word costs a key's time."""
        match = fts_query(query)
        if not match:
            return []
        try:
            quotes = self.db.execute(
                'SELECT a.id, a.title, a.date, q.text, q.start, q."end", q.speaker FROM quotes_fts f'
                " JOIN quotes q ON q.id = f.rowid JOIN articles a ON a.id = q.article"
                " WHERE quotes_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
                (match, limit),
            ).fetchall()
            articles = self.db.execute(
                "SELECT a.id, a.title, a.date, snippet(articles_fts, 1, '', '', '…', 12) FROM articles_fts f"
                " JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
                (match, max(limit // 3, limit - len(quotes))),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        # An article match has no span yet (start = end = -1): finding it needs the article's
        # text, which is read only when that article is opened (`locate`).
        return [Hit(*r) for r in quotes] + [Hit(aid, title, date, snip, -1, -1) for aid, title, date, snip in articles]

    def quote_count(self, name_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM quotes WHERE name_id = ?", (name_id,)).fetchone()[0]

    def article(self, article_id: int) -> StoredArticle:
        row = self.db.execute("SELECT source, title, format, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise CorpusError(f"article {article_id} is not in {self.path}")
        return StoredArticle(*row)


def locate(text: str, query: str) -> tuple[int, int]:
    """Where the words of a search first occur in a text (case-insensitive), as a span."""
    lowered = text.lower()
    for word in query.split():
        at = lowered.find(word.lower())
        if at >= 0:
            return at, at + len(word)
    return 0, 0


def fts_query(text: str) -> str:
    """User words as an FTS5 query: each word quoted (so no character is FTS syntax), all
    required, the last one a prefix so results follow typing."""
    words = [w.replace('"', '""') for w in text.split()]
    if not words:
        return ""
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'
