"""What a command-line argument names: a web address, a saved feed or a file, told apart
without importing the fetcher (`tui.web` and its hashing, HTTP and feed code cost ~20 ms of
the start-up of a plain article)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")


def is_url(source: str) -> bool:
    """True for anything that looks like a web address; other schemes are refused by `fetch`."""
    return "://" in source and urlsplit(source).scheme.lower() in SCHEMES


def is_feed_path(source: str) -> bool:
    return Path(source).suffix.lower() in FEED_SUFFIXES


def needs_web(source: str, markdown: bool | None = None) -> bool:
    """True when `tui.web.open_source` has something to do that `load_article` would not: an
    address (any scheme, so that the refusal is the fetcher's) or a saved feed."""
    return "://" in source or (markdown is None and is_feed_path(source))
