"""On-disk analysis cache, so reopening an article is instant and needs no spaCy.

Entries live in the user's cache directory (XDG: ~/.cache/newsreader/analysis, or
$NEWSREADER_CACHE_DIR/analysis), one JSON file per key. The key hashes the canonical text, its format,
the model's name and version and the rules version, so any change to any of them misses.
Writes go to a temporary file and are renamed into place, so readers never see half an entry
and two instances writing the same entry at once both succeed. An entry is read within caps that
follow from its text's length (bytes, items), checked field by field against the model
(`tui.schema`) and for offsets inside the text before use; anything else is set aside
(`NAME.bad`, one line in the state dir's damaged-files.log) and rebuilt. A cache that cannot be
written is skipped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .model import Analysis, Article
from .paths import cache_root, write_atomically
from .safe_json import StoredFileError, read_json, set_aside
from .schema import SchemaError, check

FORMAT = 1
# Caps that follow from the text: an analysis of N characters has at most ~N/2 mentions (each
# is a word or more) and its JSON stays well under 64 bytes per character plus a fixed part.
BYTES_PER_CHAR = 64
BYTES_FLOOR = 1 << 20
ITEMS_FLOOR = 64


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


def max_entry_bytes(length: int) -> int:
    return BYTES_FLOOR + BYTES_PER_CHAR * length


def max_items(length: int) -> int:
    return ITEMS_FLOOR + length // 2


def load(article: Article, model: str, rules_version: str, directory: Path | None = None) -> Analysis | None:
    key = cache_key(article, model, rules_version)
    path = _path(key, directory)
    length = len(article.text)
    try:
        data = read_json(path, max_bytes=max_entry_bytes(length))
    except OSError:
        return None  # no entry (or an unreadable directory): a plain miss
    except StoredFileError as exc:
        set_aside(path, str(exc))
        return None
    try:
        analysis = validated(data, key, length)
    except SchemaError as exc:
        set_aside(path, str(exc))
        return None
    analysis.source = article.source
    return analysis


def validated(data: Any, key: str, length: int) -> Analysis:
    """The entry's analysis, or SchemaError: shape, counts and every offset checked first."""
    if not isinstance(data, dict) or set(data) != {"format", "key", "analysis"}:
        raise SchemaError("not a cache entry")
    if data["format"] != FORMAT or data["key"] != key:
        raise SchemaError("entry of another format or for another text")
    raw = data["analysis"]
    cap = max_items(length)
    check(Analysis, raw, max_items=cap)
    total = sum(len(e["mentions"]) for e in raw["entities"]) + sum(len(s.get("mentions", ())) for s in raw["speakers"])
    if total + len(raw["quotes"]) > 2 * cap:
        raise SchemaError(f"{total} mentions, more than a text of {length} characters can hold")
    try:
        analysis = Analysis.from_dict(raw)
    except (KeyError, TypeError, ValueError) as exc:  # the schema check should have caught it
        raise SchemaError(f"unusable entry ({type(exc).__name__})") from None
    _check_offsets(analysis, length)
    _check_references(analysis)
    return analysis


def writable(directory: Path | None = None) -> bool:
    """Can entries be written here? (Tried, not guessed from modes: root ignores them.)"""
    probe = (directory or cache_dir()) / ".probe"
    if not write_atomically(probe, ""):
        return False
    try:
        probe.unlink()
    except OSError:
        pass
    return True


def store(article: Article, analysis: Analysis, rules_version: str, directory: Path | None = None) -> bool:
    """Write an entry atomically. Returns False (and changes nothing) when the cache is unusable."""
    key = cache_key(article, analysis.model, rules_version)
    path = _path(key, directory)
    # ASCII: a source name with lone surrogates (an undecodable file name) must not stop the write.
    payload = json.dumps({"format": FORMAT, "key": key, "analysis": analysis.to_dict()}, ensure_ascii=True)
    return write_atomically(path, payload)


def _spans(analysis: Analysis) -> list[tuple[int | None, int | None]]:
    spans: list[tuple[int | None, int | None]] = []
    for entity in analysis.entities:
        spans += [(m.start, m.end) for m in entity.mentions]
    for speaker in analysis.speakers:
        spans += [(m.start, m.end) for m in speaker.mentions]
    for q in analysis.quotes:
        spans += [(q.start, q.end), (q.outer_start, q.outer_end), (q.cue_start, q.cue_end)]
        if q.attribution is not None:
            spans += [(s.start, s.end) for s in q.attribution.evidence]
    return spans


def _check_references(analysis: Analysis) -> None:
    """Ids point at things in the same analysis (the reader looks them up without a fallback)."""
    entities = {e.id for e in analysis.entities}
    speakers = {s.id for s in analysis.speakers}
    quotes = {q.id for q in analysis.quotes}
    if len(entities) != len(analysis.entities) or len(speakers) != len(analysis.speakers) or len(quotes) != len(analysis.quotes):
        raise SchemaError("duplicate ids")
    for q in analysis.quotes:
        if (q.speaker_id is not None and q.speaker_id not in speakers) or (q.echo_of is not None and q.echo_of not in quotes):
            raise SchemaError(f"quote {q.id!r:.40} refers to a missing speaker or quote")
    for sp in analysis.speakers:
        if (sp.entity_id is not None and sp.entity_id not in entities) or not set(sp.quote_ids) <= quotes:
            raise SchemaError(f"speaker {sp.id!r:.40} refers to a missing entity or quote")


def _check_offsets(analysis: Analysis, length: int) -> None:
    for start, end in _spans(analysis):
        if start is None and end is None:
            continue
        if start is None or end is None or not (0 <= start <= end <= length):
            raise SchemaError(f"offsets {start}..{end} outside a text of {length} characters")
