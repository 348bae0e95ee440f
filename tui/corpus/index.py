"""`newsreader index`: batch shards into one SQLite file with FTS5 full-text search.

SQLite because every machine has it (stdlib) and one file is easy to copy to a laptop. People,
places and organisations are merged across articles by (kind, normalised name) into `names`;
each article keeps its own ids (`local_id`: "person-3" in that article's --json), so a row can
always be traced back. Per-name totals are computed once here (`name_stats`), so the corpus view
opens a large archive with a few indexed reads. The file is built under a temporary name and
renamed into place: an interrupted build never leaves half an index.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE articles(id INTEGER PRIMARY KEY, article_id TEXT UNIQUE, source TEXT, title TEXT, date TEXT,
    format TEXT, encoding TEXT, model TEXT, rules_version TEXT, text TEXT);
CREATE TABLE names(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, UNIQUE(kind, key));
CREATE TABLE entities(article INTEGER, local_id TEXT, kind TEXT, name TEXT, name_id INTEGER, mentions INTEGER,
    PRIMARY KEY(article, local_id));
CREATE TABLE speakers(article INTEGER, local_id TEXT, kind TEXT, name TEXT, name_id INTEGER, entity_local_id TEXT,
    quotes INTEGER, PRIMARY KEY(article, local_id));
CREATE TABLE quotes(id INTEGER PRIMARY KEY, article INTEGER, local_id TEXT, text TEXT, start INTEGER, "end" INTEGER,
    speaker TEXT, speaker_local_id TEXT, name_id INTEGER, cue TEXT);
CREATE TABLE mentions(article INTEGER, entity_local_id TEXT, start INTEGER, "end" INTEGER, text TEXT);
CREATE TABLE errors(source TEXT, reason TEXT);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
"""

# Indexes first: the totals below read through them.
_STATS = """
CREATE INDEX quotes_by_name ON quotes(name_id, article);
CREATE INDEX entities_by_name ON entities(name_id, article);
CREATE INDEX quotes_by_article ON quotes(article);
CREATE INDEX mentions_by_entity ON mentions(article, entity_local_id);
CREATE TABLE name_stats AS
WITH quoted AS (SELECT name_id, count(*) AS quotes FROM quotes WHERE name_id IS NOT NULL GROUP BY name_id)
SELECT n.id AS name_id, n.kind AS kind, n.name AS name, coalesce(quoted.quotes, 0) AS quotes,
    count(DISTINCT e.article) AS articles, coalesce(sum(e.mentions), 0) AS mentions,
    min(a.date) AS first_date, max(a.date) AS last_date
FROM names n JOIN entities e ON e.name_id = n.id JOIN articles a ON a.id = e.article
LEFT JOIN quoted ON quoted.name_id = n.id
GROUP BY n.id;
CREATE INDEX name_stats_speakers ON name_stats(quotes DESC, articles DESC, name);
CREATE INDEX name_stats_kinds ON name_stats(kind, articles DESC, mentions DESC, name);
CREATE INDEX articles_by_date ON articles(date DESC, id);
"""


class IndexError_(Exception):
    """A batch folder or index file that cannot be used: one line for the user."""


@dataclass
class IndexStats:
    articles: int = 0
    quotes: int = 0
    names: int = 0
    errors: int = 0


def merge_key(name: str) -> str:
    """Names that are the same once case, accents, dots and "the" are ignored: "U.S." and
    "US", "Zelenskiy" stays apart from "Zelensky" (spelling is the user's to correct)."""
    from ..analysis.entities import normalise  # with the gazetteer: not for the reader's start-up

    folded = unicodedata.normalize("NFKD", normalise(name))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace(".", "")
    return " ".join(folded.replace("-", " ").split())


def build_index(batch: Path, target: Path) -> IndexStats:
    import pyarrow.parquet as pq

    from .shards import is_batch_folder, shard_dirs  # pyarrow: not for the reader's start-up

    if not batch.is_dir():
        raise IndexError_(f"{batch}: not a folder written by 'newsreader batch'")
    if not is_batch_folder(batch):
        raise IndexError_(f"{batch}: holds no batch shards (run 'newsreader batch ... -o {batch}' first)")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-index-", suffix=".db", dir=target.parent)
    os.close(fd)
    stats = IndexStats()
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        loader = _Loader(db)
        for shard in shard_dirs(batch):
            tables = {}
            for name in ("articles", "entities", "speakers", "quotes", "mentions", "errors"):
                path = shard / f"{name}.parquet"
                try:
                    tables[name] = pq.read_table(path).to_pylist() if path.exists() else []
                except (OSError, ValueError) as exc:
                    raise IndexError_(f"{path}: unreadable Parquet ({' '.join(str(exc).split())[:120]})") from None
            loader.add(tables, stats)
        db.executescript(_STATS)
        db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
        stats.names = db.execute("SELECT count(*) FROM name_stats").fetchone()[0]
        db.close()
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return stats


class _Loader:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.name_ids: dict[tuple[str, str], int] = {}

    def _name_id(self, kind: str, name: str) -> int | None:
        key = merge_key(name)
        if not key:
            return None
        found = self.name_ids.get((kind, key))
        if found is None:
            cursor = self.db.execute("INSERT INTO names(kind, key, name) VALUES (?, ?, ?)", (kind, key, name))
            found = self.name_ids[(kind, key)] = int(cursor.lastrowid or 0)
        return found

    def add(self, tables: dict[str, list[dict]], stats: IndexStats) -> None:
        db = self.db
        article_pk: dict[str, int] = {}
        for a in tables["articles"]:
            cursor = db.execute(
                "INSERT OR IGNORE INTO articles(article_id, source, title, date, format, encoding, model, rules_version, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    a["article_id"],
                    a["source"],
                    a["title"],
                    a["date"],
                    a["format"],
                    a["encoding"],
                    a["model"],
                    a["rules_version"],
                    a["text"],
                ),
            )
            if cursor.rowcount:  # the same text batched twice (two output folders merged) counts once
                article_pk[a["article_id"]] = int(cursor.lastrowid or 0)
                stats.articles += 1
        entity_names: dict[tuple[int, str], int | None] = {}
        rows: list[tuple] = []
        for e in tables["entities"]:
            pk = article_pk.get(e["article_id"])
            if pk is None:
                continue
            name_id = self._name_id(e["kind"], e["name"])
            entity_names[(pk, e["id"])] = name_id
            rows.append((pk, e["id"], e["kind"], e["name"], name_id, e["mentions"]))
        db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)", rows)
        speaker_names: dict[tuple[int, str], int | None] = {}
        rows = []
        for s in tables["speakers"]:
            pk = article_pk.get(s["article_id"])
            if pk is None:
                continue
            name_id = entity_names.get((pk, s["entity_id"])) if s["entity_id"] else None
            speaker_names[(pk, s["id"])] = name_id
            rows.append((pk, s["id"], s["kind"], s["name"], name_id, s["entity_id"], s["quotes"]))
        db.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        rows = []
        for q in tables["quotes"]:
            pk = article_pk.get(q["article_id"])
            if pk is None:
                continue
            name_id = speaker_names.get((pk, q["speaker_id"])) if q["speaker_id"] else None
            rows.append((pk, q["id"], q["text"], q["start"], q["end"], q["speaker"], q["speaker_id"], name_id, q["cue"]))
        db.executemany(
            'INSERT INTO quotes(article, local_id, text, start, "end", speaker, speaker_local_id, name_id, cue)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        stats.quotes += len(rows)
        db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
            [
                (article_pk[m["article_id"]], m["entity_id"], m["start"], m["end"], m["text"])
                for m in tables["mentions"]
                if m["article_id"] in article_pk
            ],
        )
        db.executemany("INSERT INTO errors VALUES (?, ?)", [(e["source"], e["reason"]) for e in tables["errors"]])
        stats.errors += len(tables["errors"])
