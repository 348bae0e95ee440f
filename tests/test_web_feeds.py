"""Feeds (RSS 2.0 and Atom) through a real local server and from saved files."""

from __future__ import annotations

import json

import pytest

from tests.web_site import NewsSite, rss_feed
from tui.web import Feed, FetchError, feed_json, open_source, open_url, refresh_feed
from tui.web.feeds import INVALID_FEED, parse_feed


@pytest.fixture(scope="module")
def site():
    with NewsSite() as s:
        yield s


@pytest.fixture(scope="module")
def feed(site) -> Feed:
    loaded = open_url(site.url("/feed.rss"))
    assert isinstance(loaded, Feed)
    return loaded


def test_rss_items_in_order_with_titles_and_source(feed, site):
    assert feed.title == "The Coastal Ledger: News"
    assert len(feed.items) == 20
    assert feed.items[0].title == "Council approves harbour wall repairs"
    assert all(item.source == "The Coastal Ledger: News" for item in feed.items)


def test_relative_links_resolve_against_the_feed_address(feed, site):
    assert feed.items[1].link == site.url("/news/item-1.html")  # "/news/item-1.html"
    assert feed.items[0].link == site.url("/news/item-0.html")  # "news/item-0.html" next to /feed.rss
    assert feed.items[7].link is None  # the item without a link


def test_html_in_summaries_becomes_plain_text(feed):
    cdata = feed.items[1].summary
    assert cdata == "Story 1 & more: read the full report."
    escaped = feed.items[0].summary
    assert escaped == "Plain summary 0 with escaped HTML."
    for item in feed.items:
        assert "<" not in item.summary and "alert(1)" not in item.summary


def test_missing_dates_stay_missing(feed):
    assert feed.items[3].published is None and feed.items[7].published is None
    assert feed.items[0].published == "2026-03-04T04:53:20Z"


def test_atom_feed_with_base_source_and_html_title(site):
    atom = open_url(site.url("/atom.xml"))
    assert isinstance(atom, Feed) and atom.title == "Ledger Culture"
    first, second = atom.items
    assert first.title == "Museum returns bronze statues to Benin City"
    assert first.link == site.url("/culture/amp.html")  # xml:base="/culture/" + "amp.html"
    assert first.source == "Ledger Wire" and first.summary == "Twelve statues go home."
    assert second.published is None and second.source == "Ledger Culture"


def test_feed_served_as_html_is_recognised(site):
    assert isinstance(open_url(site.url("/feed-as-html")), Feed)


def test_invalid_feed_is_one_line(site):
    with pytest.raises(FetchError) as caught:
        open_url(site.url("/broken-feed.xml"))
    assert caught.value.reason == INVALID_FEED


def test_saved_feed_files_open_from_disk(tmp_path):
    path = tmp_path / "news.rss"
    path.write_bytes(rss_feed(5))
    loaded = open_source(str(path))
    assert isinstance(loaded, Feed) and len(loaded.items) == 5 and loaded.url is None
    bad = tmp_path / "bad.xml"
    bad.write_text("this is not xml at all")
    with pytest.raises(FetchError, match=INVALID_FEED):
        open_source(str(bad))


def test_refresh_is_a_conditional_get(site, feed):
    assert feed.validators.etag == '"feed-1"'
    assert refresh_feed(feed) is None  # 304: nothing new
    _, headers = site.requests[-1]
    assert headers["if-none-match"] == '"feed-1"'
    site.routes["/feed.rss"].etag = '"feed-2"'
    site.routes["/feed.rss"].body = rss_feed(21)
    try:
        fresh = refresh_feed(feed)
        assert fresh is not None and len(fresh.items) == 21 and fresh.validators.etag == '"feed-2"'
    finally:
        site.routes["/feed.rss"].etag = '"feed-1"'
        site.routes["/feed.rss"].body = rss_feed()


def test_feed_json_record(feed):
    record = json.loads(json.dumps(feed_json(feed)))
    assert record["kind"] == "feed" and record["title"] == "The Coastal Ledger: News"
    assert len(record["items"]) == 20
    assert set(record["items"][0]) == {"title", "url", "source", "published", "summary"}


def test_feed_parser_never_treats_bytes_as_an_address(tmp_path):
    # feedparser opens a *string* as a URL or path; we always hand it bytes.
    with pytest.raises(FetchError):
        parse_feed(str(tmp_path).encode(), "x")
