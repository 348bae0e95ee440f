"""RSS and Atom feeds through feedparser: a list of items, each a link to an article.

Summaries arrive as HTML (feedparser has already removed scripts and the like); they are
turned into plain text here, once, so no screen ever has to decide whether to parse them.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..document.decode import normalise_newlines
from ..sources import SCHEMES
from .errors import FetchError
from .fetch import Validators

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+xml",
    "application/xml",
    "text/xml",
)
SUMMARY_LIMIT = 600  # characters kept of a summary: the screen shows two lines of it
INVALID_FEED = "not a valid RSS or Atom feed"


@dataclass(frozen=True, slots=True)
class FeedItem:
    title: str
    link: str | None  # absolute http(s) URL, or None when the item has none we can open
    source: str  # the item's own source, else the feed's title
    published: str | None  # ISO 8601 (UTC) when the feed gives a date
    summary: str  # plain text


@dataclass(slots=True)
class Feed:
    source: str  # the URL or path as given
    title: str
    items: list[FeedItem]
    url: str | None = None  # where it was fetched from (None for a saved file)
    validators: Validators = field(default_factory=Validators)


def looks_like_feed(head: bytes) -> bool:
    """Sniff the first bytes for a feed's root element (servers often label feeds text/html)."""
    sample = head[:1024].lstrip().lower()
    if sample.startswith(b"\xef\xbb\xbf"):
        sample = sample[3:]
    return any(tag in sample for tag in (b"<rss", b"<feed", b"<rdf:rdf")) and b"<html" not in sample


def parse_feed(data: bytes, source: str, *, url: str | None = None, validators: Validators | None = None) -> Feed:
    import feedparser  # only when a feed is opened

    headers = {"content-location": url} if url else {}
    # Bytes in a stream: a str would be taken for a URL or a file name and opened by feedparser.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, resolve_relative_uris=True, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(source, INVALID_FEED)
    meta = parsed.feed
    title = _plain(meta.get("title", "")) or (urlsplit(url).hostname if url else None) or source
    base = url or meta.get("link") or ""
    items = [_item(entry, title, base) for entry in parsed.entries]
    return Feed(source, title, items, url, validators or Validators())


def _item(entry: Any, feed_title: str, base: str) -> FeedItem:
    link = entry.get("link") or ""
    if link and base:
        link = urljoin(base, link)
    if urlsplit(link).scheme.lower() not in SCHEMES:
        link = ""
    source = entry.get("source", {}).get("title") if isinstance(entry.get("source"), dict) else None
    summary = _plain(entry.get("summary", "") or entry.get("description", ""))
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 1].rstrip() + "…"
    return FeedItem(
        title=_plain(entry.get("title", "")) or "(untitled)",
        link=link or None,
        source=_plain(source or "") or feed_title,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=summary,
    )


def _iso(stamp: time.struct_time | None) -> str | None:
    if not stamp:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)


def _plain(html: str) -> str:
    """HTML (or plain text) to one line of text: tags dropped, entities decoded."""
    if not html:
        return ""
    if "<" in html or "&" in html:
        from lxml import html as lxml_html
        from lxml.etree import ParserError

        try:
            html = lxml_html.fragment_fromstring(html, create_parent="div").text_content()
        except (ParserError, ValueError):
            pass
    return " ".join(normalise_newlines(html).split())


def feed_json(feed: Feed) -> dict[str, Any]:
    """A feed in `--json`: one record with its items (articles are fetched only when opened)."""
    return {
        "source": feed.source,
        "kind": "feed",
        "url": feed.url,
        "title": feed.title,
        "items": [
            {"title": i.title, "url": i.link, "source": i.source, "published": i.published, "summary": i.summary}
            for i in feed.items
        ],
    }
