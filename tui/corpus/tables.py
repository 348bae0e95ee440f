"""The batch result tables: one Parquet schema each, and an analysed article as rows of them.

The per-article rows are flattened from `tui.analysis.export.to_json`, so a batch holds the same
fields as `newsreader --json` (offsets into the decoded file), plus what an archive needs: a
stable `article_id` (the text hash's head, the same on every machine) on every row, and the
article's decoded text so that the index can search it without the original files.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pyarrow as pa

from ..analysis.export import to_json
from ..model import Analysis, Article

_str, _int = pa.string(), pa.int64()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _str),
            ("source", _str),
            ("title", _str),
            ("format", _str),
            ("encoding", _str),
            ("model", _str),
            ("rules_version", _str),
            ("text_hash", _str),
            ("chars", _int),
            ("tokens", _int),
            ("date", _str),  # the article's published date, else the file's modification date
            ("published", _str),
            ("url", _str),
            ("site", _str),
            ("author", _str),
            ("text", _str),  # the decoded file (BOM removed, CRLF as LF): what offsets index
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _str),
            ("id", _str),
            ("text", _str),
            ("start", _int),
            ("end", _int),
            ("speaker", _str),
            ("speaker_id", _str),
            ("cue", _str),
        ]
    ),
    "speakers": pa.schema(
        [("article_id", _str), ("id", _str), ("name", _str), ("kind", _str), ("entity_id", _str), ("quotes", _int)]
    ),
    "entities": pa.schema([("article_id", _str), ("id", _str), ("kind", _str), ("name", _str), ("mentions", _int)]),
    "mentions": pa.schema([("article_id", _str), ("entity_id", _str), ("start", _int), ("end", _int), ("text", _str)]),
    "errors": pa.schema([("source", _str), ("reason", _str)]),
}
TABLES = tuple(SCHEMAS)

# --json's entity lists and the kind each holds.
_KIND_OF_LIST = {"people": "person", "places": "place", "organizations": "organization"}
# Close to spaCy's English tokens (words, numbers, each punctuation mark) at a fraction of the
# cost: only for the progress line's tokens/s, never stored as an analysis result.
_TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]")

Rows = dict[str, list[dict[str, Any]]]


def count_tokens(text: str) -> int:
    return sum(1 for _ in _TOKEN.finditer(text))


def text_hash(article: Article) -> str:
    """What resume compares: the canonical text and how it was read (text or Markdown)."""
    h = hashlib.sha256(article.format.encode())
    h.update(b"\x00")
    h.update(article.text.encode("utf-8", errors="surrogatepass"))
    return h.hexdigest()


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def add_article(rows: Rows, article: Article, analysis: Analysis, *, digest: str, date: str | None) -> None:
    """Append one analysed article's rows to every table."""
    record = to_json(article, analysis)
    aid = digest[:16]
    rows["articles"].append(
        {
            "article_id": aid,
            "source": record["source"],
            "title": record["title"],
            "format": record["format"],
            "encoding": record["encoding"],
            "model": record["model"],
            "rules_version": analysis.rules_version,
            "text_hash": digest,
            "chars": len(article.text),
            "tokens": count_tokens(article.text),
            "date": article.published[:10] if article.published else date,
            "published": article.published,
            "url": article.url,
            "site": article.site,
            "author": article.author,
            "text": article.source_text or article.text,
        }
    )
    rows["quotes"].extend({"article_id": aid, **{k: q[k] for k in SCHEMAS["quotes"].names[1:]}} for q in record["quotes"])
    rows["speakers"].extend({"article_id": aid, **{k: s[k] for k in SCHEMAS["speakers"].names[1:]}} for s in record["speakers"])
    for list_name, kind in _KIND_OF_LIST.items():
        for entity in record[list_name]:
            rows["entities"].append(
                {"article_id": aid, "id": entity["id"], "kind": kind, "name": entity["name"], "mentions": len(entity["mentions"])}
            )
            rows["mentions"].extend({"article_id": aid, "entity_id": entity["id"], **m} for m in entity["mentions"])


def add_error(rows: Rows, source: str, reason: str) -> None:
    rows["errors"].append({"source": source, "reason": reason})


def to_tables(rows: Rows) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}
