"""Web pages and feeds in a real pseudo-terminal: what a user sees after `newsreader URL`."""

from __future__ import annotations

import pytest

from tests.terminal import PtyApp, newsreader
from tests.web_site import NewsSite

SEED = "seeds/000_fc0a23bac9f372ec.txt"


@pytest.fixture(scope="module")
def site():
    with NewsSite() as s:
        yield s


def env_for(tmp_path) -> dict[str, str]:
    return {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}


def test_a_page_by_url_in_a_real_terminal(site, tmp_path):
    with PtyApp(newsreader(site.url("/article.html")), cols=100, rows=30, env=env_for(tmp_path)) as app:
        app.wait_for("Harbour city votes to close coal plant early", 30)
        app.wait_for("The Coastal Ledger · by Maria Okonkwo · 2026-03-04", 10)
        app.settle()
        text = app.text
        assert "Port Alder voted on Tuesday" in text
        assert "Jobs and the grid" in text
        for noise in ("Accept all cookies", "ADVERTISEMENT", "Related stories", "Enjoy the blackouts"):
            assert noise not in text
        app.press("q")
        assert app.close() == 0


def test_a_feed_then_an_item_in_a_real_terminal(site, tmp_path):
    with PtyApp(newsreader(SEED, site.url("/feed.rss")), cols=100, rows=30, env=env_for(tmp_path)) as app:
        app.wait_for("The Coastal Ledger: News", 30)
        app.wait_for("Council approves harbour wall repairs", 10)
        app.press("\r")
        app.wait_for("Story 0: harbour city votes to close coal plant early", 30)
        app.wait_for("2/2", 5)
        app.press("[")
        app.wait_for("US wants Russia to agree to Ukraine truce", 5)
        app.press("q")
        assert app.close() == 0


def test_a_failing_url_beside_a_file_is_a_message_in_the_reader(site, tmp_path):
    with PtyApp(newsreader(SEED, site.url("/missing")), cols=100, rows=30, env=env_for(tmp_path)) as app:
        app.wait_for("US wants Russia to agree to Ukraine truce", 30)
        app.wait_for("/missing: HTTP 404", 10)  # the toast wraps the rest
        app.press("q")
        assert app.close() == 0


def test_a_page_read_before_opens_offline_from_its_saved_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))
    from tui.web import open_url

    with NewsSite() as gone:
        url = gone.url("/article.html")
        open_url(url)  # read once: saved under the URL
    # the server is gone now: connection refused
    with PtyApp(newsreader(url), cols=100, rows=30, env=env_for(tmp_path)) as app:
        app.wait_for("Harbour city votes to close coal plant early", 30)
        app.wait_for("offline", 5)  # the toast (it wraps the rest of the line)
        app.press("q")
        assert app.close() == 0
