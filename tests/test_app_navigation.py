"""Smaller things a daily reader meets (issue 11 items 6 and 7): help keys, the footer when the
sidebar is hidden, the file name on top, esc in search, walking a speaker's plain mentions."""

from __future__ import annotations

import dataclasses

from tests.app_support import region_text, screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.widgets.bars import StatusLine, TitleBar


def _status(app) -> str:
    return app.query_one(StatusLine).plain


async def _footer(app, pilot, settled=lambda footer: bool(footer.strip())) -> str:
    """The footer once it has caught up (it redraws its keys after the frame that changed them,
    later still on a busy machine): the first one `settled` accepts within 5 s, else the last."""
    for _ in range(100):
        await pilot.pause(0.05)
        footer = screen_text(app).splitlines()[-1]
        if settled(footer):
            return footer
    return footer


async def test_G_and_g_work_on_the_help_screen(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_ctrl_b_is_in_the_footer_while_the_sidebar_is_hidden(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    async with app.run_test(size=(80, 24)) as pilot:
        # The footer is mounted after the first frame: until then the last line is the status
        # line (read as the footer when the first frame came within the first pause).
        footer = await _footer(app, pilot, lambda f: "palette" in f)
        assert "^b" in footer, footer
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.query_one("#sidebar").display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not app.query_one("#sidebar").display
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        # hidden by hand, it stays hidden when the terminal grows, and the footer keeps the key
        assert not app.query_one("#sidebar").display and "^b" in await _footer(app, pilot, lambda f: "^b" in f)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.query_one("#sidebar").display
        assert "^b" not in await _footer(app, pilot, lambda f: f.strip() and "^b" not in f)
        await pilot.press("ctrl+b")  # the same key still hides it when it is shown
        await pilot.pause()
        assert not app.query_one("#sidebar").display


async def test_the_title_bar_names_the_file_and_the_neighbours(seed_article, seed_analysis):
    articles = [dataclasses.replace(seed_article, source=f"seeds/story-{name}.txt") for name in ("one", "two", "three")]
    app = NewsReaderApp(articles, analyses=[seed_analysis] * 3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        title = region_text(app, app.query_one(TitleBar))
        assert "seeds/story-two.txt" in title and "2/3" in title, title
        assert "story-one.txt" in title and "story-three.txt" in title, title


async def test_esc_in_search_returns_to_where_the_search_began(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter", "a")
        await pilot.pause()
        before = (app.view.scroll_y, app.state.target.key)
        await pilot.press("slash", *"credit")  # nothing matches before the end: the view jumps
        await pilot.pause()
        await pilot.press("slash", *"stevenson")
        await pilot.pause()
        assert app.view.scroll_y != before[0]
        await pilot.press("escape")
        await pilot.pause()
        assert (app.view.scroll_y, app.state.target.key) == before
        assert "quote 1/" in _status(app)


async def test_m_walks_a_speakers_plain_mentions_and_back(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        assert "Zelensky — quote 1/4" in _status(app)
        await pilot.press("m")
        await pilot.pause()
        status = _status(app)
        assert "Zelensky — mention " in status, status
        analysis = app.state.shown
        speaker = next(s for s in analysis.speakers if s.name == "Volodymyr Zelensky")
        entity = analysis.entity(speaker.entity_id)
        expected = sorted({(m.start, m.end) for m in [*entity.mentions, *speaker.mentions]})
        assert app.state.target.walk == expected
        index = app.state.target.index
        await pilot.press("n")
        assert f"mention {index + 2}/{len(expected)}" in _status(app)
        await pilot.press("m")
        await pilot.pause()
        assert "Zelensky — quote " in _status(app)


async def test_with_two_files_the_one_neighbour_is_named_once(seed_article, seed_analysis):
    articles = [dataclasses.replace(seed_article, source=f"seeds/story-{name}.txt") for name in ("one", "two")]
    app = NewsReaderApp(articles, analyses=[seed_analysis] * 2)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        title = region_text(app, app.query_one(TitleBar))
        assert title.count("story-two.txt") == 1 and "1/2" in title, title
