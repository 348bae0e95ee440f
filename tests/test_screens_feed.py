"""The feed screen in the real app (Pilot) against a real local server."""

from __future__ import annotations

import asyncio

import pytest

from tests.app_support import screen_text, until
from tests.web_site import NewsSite, Route, rss_feed
from tui.app import NewsReaderApp
from tui.screens.feed import FeedScreen, short_date
from tui.web import Feed, open_url
from tui.web.feeds import parse_feed


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))
    with NewsSite() as s:
        yield s


def small_feed(site, *paths: str) -> Feed:
    items = "".join(
        f"<item><title>Item {i}</title><link>{p}</link><description>About {p}</description></item>" for i, p in enumerate(paths)
    )
    site.routes["/small.rss"] = Route(
        body=f"<rss version='2.0'><channel><title>Small</title>{items}</channel></rss>".encode(),
        content_type="application/rss+xml",
    )
    feed = open_url(site.url("/small.rss"))
    assert isinstance(feed, Feed)
    return feed


def test_short_date():
    assert short_date("2026-03-04T09:30:00Z") == "2026-03-04 09:30"
    assert short_date("2026-03-04T00:00:00Z") == "2026-03-04"
    assert short_date(None) == "no date"


async def test_items_show_title_source_date_and_plain_summary(site):
    feed = open_url(site.url("/feed.rss"))
    app = NewsReaderApp([], feeds=[feed], use_cache=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FeedScreen)
        text = screen_text(app)
        assert "Council approves harbour wall repairs" in text
        assert "The Coastal Ledger: News · 2026-03-04 04:53" in text
        assert "Plain summary 0 with escaped HTML." in text
        assert "Story 1 & more: read the full report." in text
        assert "<p>" not in text and "alert" not in text
        assert "20 items; enter opens one, r refreshes" in app.screen.status_text
        # nothing open yet: esc stays here and says why
        await pilot.press("escape")
        assert isinstance(app.screen, FeedScreen)
        assert "No article open yet" in app.screen.status_text


async def test_enter_paints_fetching_at_once_then_opens_the_article_beside_the_others(site, seed_article):
    feed = small_feed(site, "/slowish.html", "/news/item-2.html")
    site.routes["/slowish.html"] = Route(body=site.routes["/article.html"].body, delay=1.0)
    app = NewsReaderApp([seed_article], feeds=[feed], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedScreen)
        await pilot.press("enter")
        assert "fetching… " + site.url("/slowish.html") in screen.status_text  # before the answer
        await pilot.press("j")  # the UI keeps answering while the page is fetched
        await until(pilot, lambda: not isinstance(app.screen, FeedScreen))
        assert len(app.states) == 2 and app.current == 1
        article = app.state.article
        assert article.url == site.url("/slowish.html") and "Port Alder" in article.text
        title = screen_text(app).splitlines()[0]
        assert "The Coastal Ledger · by Maria Okonkwo · 2026-03-04" in title  # where it came from, first
        assert "Harbour city votes to close coal plant early" in screen_text(app)  # the headline heads the text
        await pilot.press("left_square_bracket")
        assert app.current == 0
        await pilot.press("right_square_bracket")
        assert app.current == 1
        # i goes back to the feed; the second item opens as a third file
        await pilot.press("i")
        assert app.screen is screen
        assert screen.focused is screen.query_one("#items")
        screen.query_one("#items").highlighted = 1
        await pilot.press("enter")
        await until(pilot, lambda: len(app.states) == 3)
        assert "Story 2: harbour city votes" in app.state.article.title


async def test_esc_cancels_a_slow_fetch(site, seed_article):
    feed = small_feed(site, "/slow")
    app = NewsReaderApp([seed_article], feeds=[feed], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("enter")
        assert "fetching…" in screen.status_text
        await pilot.press("escape")
        assert screen.status_text == "Cancelled."
        assert app.screen is screen and len(app.states) == 1
        await pilot.press("escape")  # nothing running: back to the reader
        assert not isinstance(app.screen, FeedScreen)


async def test_a_failing_item_is_a_message_and_the_files_stay_open(site, seed_article):
    feed = small_feed(site, "/missing", "/image.png", "/paywall.html")
    app = NewsReaderApp([seed_article], feeds=[feed], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        expected = [
            "Could not open: HTTP 404 Not Found: no page at this address",
            "Could not open: not an HTML page or a feed (content type image/png)",
            "Could not open: no article text found on this page (paywall, or a page built by scripts?)",
        ]
        for n, message in enumerate(expected):
            screen.query_one("#items").highlighted = n
            await pilot.press("enter")
            await until(pilot, lambda: "fetching" not in screen.status_text)
            assert screen.status_text == message
        assert len(app.states) == 1 and app.screen is screen
        await pilot.press("a")
        assert app.state.article is seed_article


async def test_refresh_asks_only_for_changes(site, seed_article):
    feed = open_url(site.url("/feed.rss"))
    app = NewsReaderApp([seed_article], feeds=[feed], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("r")
        await until(pilot, lambda: "refreshing" not in screen.status_text)
        assert screen.status_text == "No change since the last fetch."
        assert site.requests[-1][1]["if-none-match"] == '"feed-1"'
        site.routes["/feed.rss"].etag = '"feed-2"'
        site.routes["/feed.rss"].body = rss_feed(21)
        await pilot.press("r")
        await until(pilot, lambda: "refreshing" not in screen.status_text)
        assert screen.status_text == "Refreshed: 21 items."
        assert len(screen.feed.items) == 21


async def test_several_feeds_show_a_feeds_list(site, seed_article):
    rss, atom = open_url(site.url("/feed.rss")), open_url(site.url("/atom.xml"))
    app = NewsReaderApp([seed_article], feeds=[rss, atom], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        feeds = screen.query_one("#feeds")
        assert feeds.display and feeds.option_count == 2
        feeds.focus()
        await pilot.press("down", "enter")
        assert screen.feed is atom
        assert "Museum returns bronze statues to Benin City" in screen_text(app)


async def test_failed_sources_are_shown_in_the_reader(seed_article):
    app = NewsReaderApp(
        [seed_article], notices=["http://x.invalid/a: cannot find the server x.invalid (DNS lookup failed)"], use_cache=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == ["http://x.invalid/a: cannot find the server x.invalid (DNS lookup failed)"]


def feed_for_snapshot() -> Feed:
    return parse_feed(rss_feed(), "https://ledger.example/feed.rss", url="https://ledger.example/feed.rss")


def test_feed_screen_snapshot(snap_compare, seed_article):
    app = NewsReaderApp([seed_article], feeds=[feed_for_snapshot()], use_cache=False, analyses=[None])

    async def settle(pilot):
        await pilot.pause()
        await asyncio.sleep(0.1)

    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


async def test_markup_and_escapes_in_a_feed_are_shown_as_text(seed_article):
    hostile = (
        "<rss version='2.0'><channel><title>[@click=app.quit]Feed[/]</title>"
        "<item><title>[bold red]Loud[/] \x1b]0;PWNED\x07 title</title><link>http://127.0.0.1:9/a</link>"
        "<description>&lt;b&gt;[link=http://evil.example]click[/link]&lt;/b&gt; \u202eevil</description></item>"
        "</channel></rss>"
    ).encode()
    feed = parse_feed(hostile, "hostile.rss")
    app = NewsReaderApp([seed_article], feeds=[feed], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Feed[/]" in text
        assert "[bold red]Loud[/]" in text
        assert "[link=http://evil.example]click[/link]" in text
        assert "\x1b" not in text and "\u202e" not in text
        await pilot.click("#feed-title")
        assert app.is_running
