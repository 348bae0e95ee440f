"""Speakers and quotes in the reader (quotes built by hand from the seed's text: see app_support)."""

from __future__ import annotations

import dataclasses
import re

from tests.app_support import screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine
from tui.widgets.sidebar import EntityList

SIZE = (100, 30)


def _status(app) -> str:
    return app.query_one(StatusLine).plain


async def test_speakers_are_listed_by_quotes_with_the_unnamed_by_description(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.query_one("#speakers", EntityList).rows
        assert [(r.name, r.count) for r in rows][:2] == [("Volodymyr Zelensky", 4), ("Marco Rubio", 2)]
        assert {r.name for r in rows} >= {"Roman Dunayevsky", "a 44-year-old serviceman"}
        screen = screen_text(app)
        assert "Volodymyr Zelensky  4 quotes" in screen
        # at 100 columns a long description is cut, never its count
        assert re.search(r"a 44-year-old serv\S*  1 quote", screen), screen
        # quoted people are not repeated under "Also mentioned"
        others = {r.name for r in app.query_one("#others", EntityList).rows}
        assert "Marco Rubio" not in others and "Donald Trump" in others


async def test_selecting_dunayevsky_shows_his_quote_and_n_walks_quotes(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        speakers = app.query_one("#speakers", EntityList)
        index = [r.name for r in speakers.rows].index("Roman Dunayevsky")
        await pilot.press(*["j"] * index, "enter")
        await pilot.pause()
        assert "Peace will come when Putin dies" in screen_text(app)
        assert "Dunayevsky — quote 1/1" in _status(app)
        await pilot.press("s", "home", "enter")  # Zelensky, the top speaker: four quotes
        assert "Zelensky — quote 1/4" in _status(app)
        view = app.query_one(ArticleView)
        await pilot.press("n", "n", "n")
        assert "Zelensky — quote 4/4" in _status(app)
        assert "clearly trying to put" in screen_text(app)
        assert view.current == (seed_article.text.index("clearly trying") - 1, view.current[1])
        await pilot.press("n")
        assert "Zelensky — quote 1/4" in _status(app)


async def test_a_quote_in_view_names_its_speaker_and_w_goes_to_them(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        row = view.row_of(seed_article.text.index("If the response is"))
        view.scroll_to(y=row, animate=False, immediate=True)
        await pilot.pause()
        assert "“If the response is" in _status(app)
        assert "Marco Rubio" in _status(app)
        await pilot.press("w")
        assert app.focused is app.query_one("#speakers")
        assert app.query_one("#speakers", EntityList).highlighted_option.id.endswith(app.state.target.key)
        assert "Rubio — quote 2/2" in _status(app)


async def test_quotes_carry_the_speakers_colour_and_a_gutter_bar(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        row = view.row_of(seed_article.text.index("That's what we want"))
        strip = view.render_line(row - round(view.scroll_y))
        segments = list(strip)
        assert segments[0].text.startswith("▌")
        palette = view.speaker_palette()
        assert segments[0].style.color in {p.color for p in palette}
        quote_segment = next(s for s in segments if "That's what" in s.text)
        assert quote_segment.style.italic
        await pilot.press("4")  # quotes layer off: no bar, no italics
        strip = view.render_line(row - round(view.scroll_y))
        assert strip.text.startswith('  "That')
        assert not next(s for s in strip if "That's what" in s.text).style.italic


async def test_no_quotes_gives_an_empty_state_not_an_error(seed_article, seed_analysis):
    analysis = dataclasses.replace(seed_analysis, quotes=[], speakers=[])
    app = NewsReaderApp([seed_article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "No quotes found" in screen_text(app)
        await pilot.press("s", "enter", "w")
        assert app.state.target is None
        assert "No attributed quote in view" in _status(app)


async def test_the_engines_own_quotes_on_the_seed(seed_article, seed_analysis):
    """No hand-made data: the speakers and quotes the engine finds in the seed."""
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names = [r.name for r in app.query_one("#speakers", EntityList).rows]
        for expected in ("Volodymyr Zelensky", "Marco Rubio", "Dmitry Peskov", "Donald Trump", "Roman Dunayevsky"):
            assert expected in names
        assert any("serviceman" in name for name in names)
        await pilot.press("s", *["down"] * names.index("Roman Dunayevsky"), "enter")
        await pilot.pause()
        assert "Peace will come when Putin dies" in screen_text(app)
        assert "Dunayevsky — quote 1/" in _status(app)
