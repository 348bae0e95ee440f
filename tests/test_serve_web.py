"""`newsreader serve` with URLs in its file list: checked (fetched) at start like files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web_site import DATA, NewsSite
from tui.serve.server import UsageError, check_files


@pytest.fixture(scope="module")
def site():
    with NewsSite() as s:
        yield s


def test_urls_are_accepted_and_kept_as_given(site):
    url, feed = site.url("/article.html"), site.url("/feed.rss")
    checked = check_files([url, str(DATA / "article.html"), feed])
    assert checked == [url, str(Path(DATA / "article.html").resolve()), feed]


def test_a_bad_url_stops_the_server_with_one_line(site):
    with pytest.raises(UsageError) as caught:
        check_files([site.url("/missing")])
    assert str(caught.value) == f"{site.url('/missing')}: HTTP 404 Not Found: no page at this address"
