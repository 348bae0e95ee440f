"""On-disk analysis cache, so reopening an article is instant and needs no spaCy.

Entries live in the user's cache directory (XDG: ~/.cache/newsreader/analysis, or
$NEWSREADER_CACHE_DIR/analysis), one JSON file per key. The key hashes the canonical text, its format,
the model's name and version and the rules version, so any change to any of them misses.
Writes go to a temporary file and are renamed into place, so readers never see half an entry
and two instances writing the same entry at once both succeed. Anything unreadable is treated
as a miss and removed; a cache that cannot be written is silently skipped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .model import Analysis, Article
from .paths import cache_root, write_atomically

FORMAT = 1


def cache_dir() -> Path:
    return cache_root() / "analysis"


def cache_key(article: Article, model: str, rules_version: str) -> str:
    h = hashlib.sha256()
    for part in (str(FORMAT), model, rules_version, article.format):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    h.update(article.text.encode("utf-8", errors="surrogatepass"))
    return h.hexdigest()


def _path(key: str, directory: Path | None) -> Path:
    return (directory or cache_dir()) / f"{key[:2]}" / f"{key}.json"


def load(article: Article, model: str, rules_version: str, directory: Path | None = None) -> Analysis | None:
    key = cache_key(article, model, rules_version)
    path = _path(key, directory)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT or data.get("key") != key:
            raise ValueError("stale entry")
        analysis = Analysis.from_dict(data["analysis"])
        _check_offsets(analysis, len(article.text))
    except (ValueError, KeyError, TypeError, AttributeError):
        _discard(path)
        return None
    analysis.source = article.source
    return analysis


def store(article: Article, analysis: Analysis, rules_version: str, directory: Path | None = None) -> bool:
    """Write an entry atomically. Returns False (and changes nothing) when the cache is unusable."""
    key = cache_key(article, analysis.model, rules_version)
    path = _path(key, directory)
    payload = json.dumps({"format": FORMAT, "key": key, "analysis": analysis.to_dict()}, ensure_ascii=False)
    return write_atomically(path, payload)


def _check_offsets(analysis: Analysis, length: int) -> None:
    spans = [(m.start, m.end) for e in analysis.entities for m in e.mentions]
    spans += [(q.start, q.end) for q in analysis.quotes]
    if any(not (0 <= s <= e <= length) for s, e in spans):
        raise ValueError("offsets outside the text")


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
