"""The outline (`t`): subheads and the quote timeline, to jump to; snapshots at 80x24 and 120x40."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.app_support import screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.model import Analysis
from tui.report.outline import outline
from tui.screens.outline import OutlineScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"


def test_outline_is_headings_and_quotes_in_text_order(seed_article, seed_analysis):
    entries = outline(seed_article, with_quotes(seed_article, seed_analysis))
    assert entries[0].kind == "heading" and entries[0].title.startswith("US wants Russia")
    assert [e.offset for e in entries] == sorted(e.offset for e in entries)
    assert sum(1 for e in entries if e.kind == "quote") == 8
    assert any(e.kind == "subheading" for e in entries)
    assert outline(seed_article, None) == [e for e in entries if e.kind != "quote"]  # before the analysis


async def test_t_opens_the_outline_and_enter_jumps_to_a_quote(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, OutlineScreen)
        screen = screen_text(app)
        assert "Outline — subheads and 8 quotes" in screen and "Marco Rubio: “That's what" in screen
        options = app.screen.query_one(OptionList)
        keys = [options.get_option_at_index(i).id for i in range(options.option_count)]
        target = next(i for i, e in enumerate(app.screen.entries) if e.speaker == "Roman Dunayevsky")
        await pilot.press("home", *["j"] * target, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)
        assert "Dunayevsky — quote 1/1" in app.query_one(StatusLine).plain
        quote = next(q for q in app.state.shown.quotes if q.text.startswith("Peace will come"))
        start, end = app.query_one(ArticleView).visible_span()
        assert start <= quote.outer_start < end
        assert keys[target] == f"quote:{quote.id}"


async def test_enter_on_a_subhead_scrolls_to_it_and_escape_closes(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        index = next(i for i, e in enumerate(app.screen.entries) if e.kind == "subheading")
        subhead = app.screen.entries[index]
        await pilot.press("home", *["j"] * index, "enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.scroll_y == view.row_of(subhead.offset)
        await pilot.press("t", "escape")
        assert not isinstance(app.screen, OutlineScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_outline_snapshot(snap_compare, seed_article, seed_path, size):
    article = dataclasses.replace(seed_article, source=f"seeds/{seed_path.name}")
    analysis = Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))
    app = NewsReaderApp([article], analyses=[analysis])

    async def open_outline(pilot) -> None:
        await pilot.app.wait_for_analysis()
        await pilot.press("t", "j", "j", "j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_outline)


def test_outline_in_a_real_terminal(tmp_path):
    from tests.terminal import PtyApp, newsreader

    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader("seeds/000_fc0a23bac9f372ec.txt"), cols=80, rows=24, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.wait_for("▌", 120)  # the analysis is shown: its quotes carry their bar
        app.wait_gone("analysing", 120)  # and done (the status line said so before it was shown)
        app.press("t")
        app.wait_for("Outline — subheads and", 5)
        assert "Marco Rubio: “" in app.text
        app.press("\x1b[F")  # End: the last entry, the last quote
        app.press("\r")
        app.wait_for("quote", 5)
        assert "Outline —" not in app.text
        app.press("q")
        assert app.close() == 0
