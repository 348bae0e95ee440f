"""The quotes view (`Q`): list, filter, sort, copy and jump; snapshots at 80x24 and 120x40.

Pilot tests use the live engine's analysis with the hand-made quotes of `app_support`; the
snapshots draw from the frozen analysis, like the reader's own snapshots.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tests.app_support import screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.model import Analysis
from tui.screens.quotes import QuotesScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"


def _app(seed_article, seed_analysis) -> NewsReaderApp:
    return NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])


def _speakers(app) -> list[str]:
    return [row.speaker for row in app.screen.shown]


async def test_q_lists_every_quote_and_escape_returns(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("Q")
        assert isinstance(app.screen, QuotesScreen)
        assert app.screen.query_one(DataTable).row_count == 8
        screen = screen_text(app)
        assert "Quotes — 8" in screen
        assert "Marco Rubio" in screen and "That's what we want" in screen
        assert "a 44-year-old s" in screen
        await pilot.press("escape")
        assert not isinstance(app.screen, QuotesScreen)


async def test_typing_filters_by_speaker_or_words_and_escape_clears(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("Q", *"zel")
        assert app.screen.query_one(Input).value == "zel"
        assert set(_speakers(app)) == {"Volodymyr Zelensky"} and len(_speakers(app)) == 4
        assert "Quotes — 4 of 8" in screen_text(app)
        await pilot.press("enter")  # back to the table
        assert app.screen.query_one(DataTable).has_focus
        await pilot.press("escape")  # clears the filter first
        assert isinstance(app.screen, QuotesScreen) and len(_speakers(app)) == 8
        await pilot.press("slash", *"putin dies")  # words of the quote, in any order or case
        assert _speakers(app) == ["Roman Dunayevsky"]
        await pilot.press("backspace", *"x")
        assert _speakers(app) == []
        assert "No quote matches the filter." in screen_text(app)


async def test_o_sorts_by_speaker_and_back(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("Q")
        in_order = _speakers(app)
        await pilot.press("o")
        by_speaker = _speakers(app)
        assert by_speaker == sorted(in_order, key=str.casefold)
        assert "by speaker" in screen_text(app)
        await pilot.press("o")
        assert _speakers(app) == in_order


async def test_enter_jumps_to_the_quote_and_selects_its_speaker(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("Q", *"putin dies", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, QuotesScreen)
        quote = next(q for q in app.state.shown.quotes if q.text.startswith("Peace will come"))
        view = app.query_one(ArticleView)
        start, end = view.visible_span()
        assert start <= quote.outer_start < end
        assert "Dunayevsky — quote 1/1" in app.query_one(StatusLine).plain
        assert view.has_focus


async def test_y_copies_the_selected_row_with_attribution(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("Q", "j", "y")
        copied = app.clipboard
        assert copied.startswith("“If the response is")
        assert "” Marco Rubio said. (US wants Russia to agree to Ukraine truce" in copied
        assert copied.endswith(f"{seed_article.source})")
        assert "Copied quote 2 (Marco Rubio)" in screen_text(app)


async def test_the_palette_offers_the_quotes_view(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"quotes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)


async def test_no_quotes_yet_says_so(seed_article):
    app = NewsReaderApp([seed_article], analyses=[None], use_cache=False, model="no_such_model_xyz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("Q")
        assert not isinstance(app.screen, QuotesScreen)


# -- snapshots -----------------------------------------------------------------------------------


@pytest.fixture
def frozen(seed_article, seed_path):
    article = dataclasses.replace(seed_article, source=f"seeds/{seed_path.name}")
    return article, Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_quotes_view_snapshot(snap_compare, frozen, size):
    article, analysis = frozen
    app = NewsReaderApp([article], analyses=[analysis])

    async def open_quotes(pilot) -> None:
        await pilot.app.wait_for_analysis()
        await pilot.press("Q", "j", "j", "j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_quotes)


def test_quotes_view_in_a_real_terminal(tmp_path):
    from tests.terminal import PtyApp, newsreader

    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader("seeds/000_fc0a23bac9f372ec.txt"), cols=80, rows=24, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.wait_for("US wants Russia", 30)
        app.wait_for("▌", 120)  # the analysis is shown: its quotes carry their bar
        app.wait_gone("analysing", 120)  # and done (the status line said so before it was shown)
        app.press("Q")
        app.wait_for("Quotes — ", 5)
        assert "Speaker" in app.text and "Quote" in app.text
        app.press("dunayevsky")  # in one burst, as a fast typist sends it (y, k are keys of the table)
        app.wait_for("Peace will come when Putin dies", 5)
        app.press("\r")  # the filter box hands over to the table
        app.press("\r")  # and enter jumps
        app.wait_for("Dunayevsky — quote", 5)
        assert "Filter: speaker" not in app.text
        app.press("q")
        assert app.close() == 0
