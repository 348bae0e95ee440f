"""Opening URLs: page or feed by what the server sends, saved copies, conditional GET, offline."""

from __future__ import annotations

import pytest

from tests.web_site import NewsSite
from tui.document import DocumentError
from tui.model import Article
from tui.web import FetchError, open_source, open_url, store


@pytest.fixture()
def site():
    with NewsSite() as s:
        yield s


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))


def test_a_page_by_url_carries_its_address_and_metadata(site):
    article = open_url(site.url("/article.html"))
    assert isinstance(article, Article)
    assert article.source == site.url("/article.html") and article.url == site.url("/article.html")
    assert article.site == "The Coastal Ledger" and article.author == "Maria Okonkwo" and article.published == "2026-03-04"
    assert "Port Alder" in article.text and "Enjoy the blackouts" not in article.text


def test_redirected_page_records_where_it_ended(site):
    article = open_url(site.url("/moved"))
    assert isinstance(article, Article)
    assert article.source == site.url("/moved") and article.url == site.url("/article.html")


def test_wrong_content_type_is_not_html(site):
    with pytest.raises(FetchError) as caught:
        open_url(site.url("/image.png"))
    assert caught.value.reason == "not an HTML page or a feed (content type image/png)"


def test_script_only_page_is_an_empty_extraction(site):
    with pytest.raises(DocumentError) as caught:  # like any unreadable file
        open_url(site.url("/paywall.html"))
    assert "no article text found on this page (paywall, or a page built by scripts?)" in str(caught.value)


def test_reopening_sends_validators_and_uses_the_saved_copy(site):
    first = open_url(site.url("/article.html"))
    assert store.load(site.url("/article.html")) is not None
    second = open_url(site.url("/article.html"))
    _, headers = site.requests[-1]
    assert headers["if-none-match"] == '"v1"'
    assert isinstance(second, Article) and second.text == first.text and second.url == first.url


def test_offline_reopen_shows_the_saved_copy_with_a_warning(site):
    url = site.url("/article.html")
    first = open_url(url)
    site.__exit__(None, None, None)  # the server is gone: connection refused
    again = open_url(url)
    assert isinstance(again, Article) and again.text == first.text
    assert len(again.warnings) == 1 and again.warnings[0].startswith("offline (connection refused by 127.0.0.1:")
    assert "showing the copy saved" in again.warnings[0]


def test_http_error_is_reported_even_with_a_saved_copy(site):
    url = site.url("/article.html")
    open_url(url)
    site.routes["/article.html"].status = 404
    site.routes["/article.html"].etag = None
    with pytest.raises(FetchError, match="HTTP 404"):
        open_url(url)


def test_no_store_when_asked(site):
    open_url(site.url("/article.html"), use_store=False)
    assert store.load(site.url("/article.html")) is None


def test_damaged_saved_copy_is_moved_aside_and_refetched(site):
    url = site.url("/article.html")
    open_url(url)
    path = store._path(url, None)
    path.write_text('{"format": 1, "url": "' + url + '", "article": {"text": 5}}')
    assert store.load(url) is None
    assert path.with_name(path.name + ".bad").exists() and not path.exists()
    assert isinstance(open_url(url), Article)


def test_other_schemes_in_the_file_list_are_one_line_errors():
    with pytest.raises(FetchError, match="only http and https"):
        open_source("ftp://example.org/story.html")
