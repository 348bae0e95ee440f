"""Saved copies of fetched articles, keyed by URL, so a page opens again offline.

The analysis cache is keyed by a hash of the *text*; a URL has no text until it is fetched. So
the extracted article is kept here under a hash of its URL, with the server's ETag and
Last-Modified. Reopening sends those back (a conditional GET): `304 Not Modified` means the
saved article is used as it is, and its analysis is then found in the analysis cache by text
hash, without spaCy. When the network is down the saved copy is shown with a warning.
Entries are written atomically and read through `safe_json`; a damaged one is moved aside.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Article, Block, BlockKind
from ..paths import cache_root, write_atomically
from ..safe_json import StoredFileError, move_aside, read_json
from .fetch import Validators

FORMAT = 1
MAX_ENTRY_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Saved:
    article: Article
    validators: Validators
    fetched_at: float  # seconds since the epoch


def store_dir() -> Path:
    return cache_root() / "web"


def _path(url: str, directory: Path | None) -> Path:
    key = hashlib.sha256(url.encode("utf-8", errors="surrogatepass")).hexdigest()
    return (directory or store_dir()) / key[:2] / f"{key}.json"


def save(url: str, article: Article, validators: Validators, directory: Path | None = None) -> bool:
    payload = {
        "format": FORMAT,
        "url": url,
        "fetched_at": time.time(),
        "etag": validators.etag,
        "last_modified": validators.last_modified,
        "article": _article_dict(article),
    }
    return write_atomically(_path(url, directory), json.dumps(payload, ensure_ascii=False))


def load(url: str, directory: Path | None = None) -> Saved | None:
    path = _path(url, directory)
    try:
        data = read_json(path, max_bytes=MAX_ENTRY_BYTES)
    except OSError:
        return None
    except StoredFileError:
        move_aside(path)
        return None
    try:
        if data["format"] != FORMAT or data["url"] != url:
            raise ValueError("another entry")
        article = _article_from(data["article"])
        validators = Validators(_opt_str(data.get("etag")), _opt_str(data.get("last_modified")))
        return Saved(article, validators, float(data["fetched_at"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        move_aside(path)
        return None


def _article_dict(article: Article) -> dict[str, Any]:
    return {
        "source": article.source,
        "title": article.title,
        "text": article.text,
        "blocks": [[b.kind.value, b.start, b.end, b.level] for b in article.blocks],
        "format": article.format,
        "encoding": article.encoding,
        "url": article.url,
        "site": article.site,
        "author": article.author,
        "published": article.published,
    }


def _article_from(data: dict[str, Any]) -> Article:
    text = data["text"]
    if not isinstance(text, str) or not isinstance(data["title"], str):
        raise ValueError("text is not a string")
    blocks = []
    for kind, start, end, level in data["blocks"]:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise ValueError("block outside the text")
        blocks.append(Block(BlockKind(kind), start, end, int(level)))
    if not blocks:
        raise ValueError("no blocks")
    return Article(
        str(data["source"]),
        data["title"],
        text,
        blocks,
        str(data["format"]),
        str(data["encoding"]),
        url=_opt_str(data.get("url")),
        site=_opt_str(data.get("site")),
        author=_opt_str(data.get("author")),
        published=_opt_str(data.get("published")),
    )


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value
