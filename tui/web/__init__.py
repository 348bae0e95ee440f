"""The news where it lives: web pages and feeds by URL, saved pages and feeds from disk.

`open_source` is the one entry for the command line: a path or URL becomes an `Article` or a
`Feed`. Everything here runs without the UI toolkit; the reader calls it from a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ..document import DocumentError, load_article, read_source
from ..document.html import article_from_html
from ..model import Article
from ..sources import is_feed_path
from . import store
from .errors import FetchCancelled, FetchError
from .feeds import FEED_TYPES, Feed, FeedItem, feed_json, looks_like_feed, parse_feed
from .fetch import Fetched, Validators, is_url, tls_context
from .fetch import fetch as fetch_url  # not `fetch`: that name is the submodule
from .limits import DEFAULT_LIMITS, FetchLimits

__all__ = [
    "DEFAULT_LIMITS",
    "DocumentError",
    "Feed",
    "FeedItem",
    "FetchCancelled",
    "FetchError",
    "FetchLimits",
    "Validators",
    "feed_json",
    "is_url",
    "open_item",
    "open_source",
    "open_url",
    "refresh_feed",
    "warm_up",
]

HTML_TYPES = ("text/html", "application/xhtml+xml")
StopCheck = Callable[[], bool] | None


def open_source(
    source: str, *, markdown: bool | None = None, limits: FetchLimits = DEFAULT_LIMITS, use_store: bool = True
) -> Article | Feed:
    """A URL, a saved feed (.xml/.rss/.atom) or any file `load_article` reads."""
    if is_url(source):
        return open_url(source, limits, use_store=use_store)
    if "://" in source and not Path(source).exists():
        raise FetchError(source, f"only http and https addresses are fetched, not {source.split('://', 1)[0]}:")
    if markdown is None and is_feed_path(source):
        return parse_feed(read_source(source), source)
    return load_article(source, markdown=markdown)


def open_url(
    url: str, limits: FetchLimits = DEFAULT_LIMITS, *, use_store: bool = True, should_stop: StopCheck = None
) -> Article | Feed:
    """Fetch `url` (conditionally when a saved copy exists) and read it as a page or a feed.

    A saved article stands in when the server says 304, and, with a warning, when the network
    cannot reach it at all; HTTP errors (404, 5xx) are reported even when a copy exists.
    """
    saved = store.load(url) if use_store else None
    try:
        got = fetch_url(url, limits, validators=saved.validators if saved else None, should_stop=should_stop)
    except FetchError as exc:
        if saved is not None and exc.network:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved.fetched_at))
            saved.article.warnings.append(f"offline ({exc.reason}): showing the copy saved {when}")
            return saved.article
        raise
    if got.not_modified and saved is not None:
        return saved.article
    result = read_fetched(got)
    if use_store and isinstance(result, Article):
        store.save(url, result, got.validators)
    return result


def read_fetched(got: Fetched) -> Article | Feed:
    """Route a response by what it is: a feed (by type or by its root element) or a page."""
    if got.not_modified:
        raise FetchError(got.url, "the server answered 304 Not Modified to a request that asked for the page")
    if got.content_type in FEED_TYPES or looks_like_feed(got.body):
        return parse_feed(got.body, got.url, url=got.final_url, validators=got.validators)
    if got.content_type in HTML_TYPES or (not got.content_type and b"<html" in got.body[:2048].lower()):
        return article_from_html(got.body, got.url, url=got.final_url, charset=got.charset)
    shown = got.content_type or "none given"
    raise FetchError(got.url, f"not an HTML page or a feed (content type {shown})")


def refresh_feed(feed: Feed, limits: FetchLimits = DEFAULT_LIMITS, *, should_stop: StopCheck = None) -> Feed | None:
    """Fetch the feed again with its ETag/Last-Modified; None when the server says nothing changed."""
    if feed.url is None:
        return parse_feed(read_source(feed.source), feed.source)
    got = fetch_url(feed.url, limits, validators=feed.validators, should_stop=should_stop)
    if got.not_modified:
        return None
    fresh = read_fetched(got)
    if not isinstance(fresh, Feed):
        raise FetchError(feed.url, "no longer a feed: the address now serves a web page")
    fresh.source = feed.source
    return fresh


def open_item(item: FeedItem, limits: FetchLimits = DEFAULT_LIMITS, *, should_stop: StopCheck = None) -> Article:
    """The article a feed item links to."""
    if item.link is None:
        raise FetchError(item.title, "this item has no link to open")
    result = open_url(item.link, limits, should_stop=should_stop)
    if isinstance(result, Feed):
        raise FetchError(item.link, "the item links to another feed, not an article")
    if not result.title:
        result.title = item.title
    return result


_WARM_PAGE = b"""<html><head><title>Warm-up</title><meta name="author" content="Ann Example">
<meta property="article:published_time" content="2026-01-01T00:00:00Z"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Warm-up</h1><p>A first paragraph of warm-up text, long enough to count as the body of an article.</p>
<h2>A subhead</h2><p>"A second paragraph," said someone on Monday, "with a quote in it."</p></article></body></html>"""


def warm_up() -> None:
    """Pay for first use (imports, the CA list, trafilatura's and htmldate's patterns) in the
    background, before anyone is waiting for a page: ~0.5 s on the first fetch otherwise."""
    import feedparser  # noqa: F401
    import httpx

    httpx.Client(verify=tls_context()).close()
    try:
        # An address whose domain needs the public-suffix list, so that list is loaded now too.
        article_from_html(_WARM_PAGE, "warm-up", url="http://127.0.0.1:8000/warm-up.html")
    except DocumentError:
        pass
