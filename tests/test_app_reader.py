"""The reader driven by Pilot: what is on screen and where the article scrolled."""

from __future__ import annotations

import re

import pytest

from tests.app_support import screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine
from tui.widgets.sidebar import EntityList

SIZE = (100, 30)


@pytest.fixture
def quoted(seed_article, seed_analysis):
    return with_quotes(seed_article, seed_analysis)


def _app(seed_article, analysis, **kw):
    return NewsReaderApp([seed_article], analyses=[analysis], **kw)


def _status(app) -> str:
    return app.query_one(StatusLine).plain


def _row_of(app, needle: str) -> int:
    view = app.query_one(ArticleView)
    return view.row_of(app.state.article.text.index(needle))


def _on_screen(app, needle: str) -> bool:
    return _row_of(app, needle) in app.query_one(ArticleView).visible_rows()


async def test_text_first_then_real_analysis_fills_the_sidebar(seed_article):
    app = NewsReaderApp([seed_article], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        # the headline is up before any analysis exists, and the status line says it is coming
        assert "US wants Russia to agree to Ukraine truce" in screen
        assert app.state.analysis is None and "analysing" in screen
        await app.wait_for_analysis()
        await pilot.pause()
        assert app.state.analysis is not None
        screen = screen_text(app)
        for place in ("Russia", "United States", "Ukraine", "Kyiv"):
            assert place in screen
        assert "analysing" not in screen
        places = app.query_one("#places", EntityList)
        assert [r.name for r in places.rows][:3] == ["Russia", "United States", "Ukraine"]


async def test_keys_answer_while_the_analysis_runs(seed_article):
    app = NewsReaderApp([seed_article], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first layout: the view has a size from here on
        await pilot.press("G")
        view = app.query_one(ArticleView)
        assert view.scroll_y == view.max_scroll_y > 0
        await app.wait_for_analysis()


async def test_selecting_a_place_scrolls_to_it_and_n_walks_with_wrapping(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        places = app.query_one("#places", EntityList)
        assert app.focused is places
        kramatorsk = [r.option_id for r in places.rows].index(next(r.option_id for r in places.rows if r.name == "Kramatorsk"))
        for _ in range(kramatorsk):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.scroll_y > 0
        assert _on_screen(app, "Kramatorsk")
        assert "Kramatorsk — mention 1/1" in _status(app)
        await pilot.press("k", "enter")  # the place above: more than one mention
        name = places.rows[kramatorsk - 1].name
        total = len(
            places.rows[kramatorsk - 1].name
            and app.state.analysis.entity(places.rows[kramatorsk - 1].option_id.split(":")[1]).mentions
        )
        assert f"{name} — mention 1/{total}" in _status(app)
        await pilot.press("n")
        assert f"{name} — mention 2/{total}" in _status(app)
        await pilot.press("N", "N")
        assert f"{name} — mention {total}/{total}" in _status(app)


async def test_every_mention_is_marked_and_the_current_one_stands_out(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter")  # Russia, the most mentioned place
        view = app.query_one(ArticleView)
        russia = seed_analysis.entity(app.state.target.key)
        assert russia.name == "Russia"
        assert view.marks == sorted((m.start, m.end) for m in russia.mentions)
        assert view.current == (russia.mentions[0].start, russia.mentions[0].end) or view.current == min(view.marks)
        row = view.row_of(view.current[0]) - round(view.scroll_y)
        strip = view.render_line(row)
        current_style = view.span_style("article-view--current")
        styled = [seg for seg in strip if seg.text.strip() == "Russia" or "Russia" in seg.text]
        assert any(seg.style and seg.style.reverse and seg.style.bold for seg in styled), styled
        assert current_style.reverse
        # the overview column at the right edge shows where the mentions lie, the current one solid
        assert len(view.map.offsets) > 3
        column = [view.overview.render_line(y).text for y in range(view.overview.size.height)]
        assert len(column) == view.scrollable_content_region.height
        assert column.count("█") == 1 and column.count("━") >= 3


def _column_on_screen(app, column) -> list[list]:
    region = column.region
    return [
        list(strip.crop(region.x, region.right)) for strip in app.screen._compositor.render_strips()[region.y : region.bottom]
    ]


async def test_the_overview_column_follows_the_view_and_a_click_on_it_jumps_there(seed_article, seed_analysis):
    """The overview column is a widget of its own beside the view: scrolling the view repaints
    its shade (the screen shows what drawing it afresh gives), and a click on its last cell
    brings the end of the article into view, like a scrollbar."""
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter")
        view = app.query_one(ArticleView)
        column = view.overview
        assert column.region.x == view.region.right and column.region.height == view.region.height
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        top = _column_on_screen(app, column)
        view.action_page(1)
        await pilot.pause()
        shown = _column_on_screen(app, column)
        assert shown != top
        column._styles_cache.clear()
        assert shown == _column_on_screen(app, column)
        await pilot.click(column, offset=(0, column.size.height - 1))
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0


async def test_escape_clears_the_target(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter", "escape")
        assert app.state.target is None
        assert app.query_one(ArticleView).marks == []
        await pilot.press("n")
        assert "Nothing selected" in _status(app)


async def test_tab_moves_focus_and_s_p_jump_to_the_lists(seed_article, quoted):
    app = _app(seed_article, quoted)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        assert app.focused is view
        await pilot.press("tab")
        assert app.focused is app.query_one("#speakers")
        await pilot.press("tab")
        assert app.focused is app.query_one("#places")
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is view
        await pilot.press("s")
        assert app.focused is app.query_one("#speakers")
        await pilot.press("p")
        # `p` inside a list is a key of the app too: it moves to Places
        assert app.focused is app.query_one("#places")


async def test_scrolling_keys_move_the_view_without_animation(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        height = view.scrollable_content_region.height
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3  # no animation: the position is final at once
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("space")
        assert view.scroll_y == 2 + height - 1
        await pilot.press("b")
        assert view.scroll_y == 2
        await pilot.press("pagedown")
        assert view.scroll_y == 2 + height - 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        assert "C.Stevenson--TNT" in screen_text(app)
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("end", "home")
        assert view.scroll_y == 0


async def test_search_is_incremental_and_n_walks_the_matches(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"PEACE")
        text = seed_article.text
        total = text.lower().count("peace")
        assert app.state.target.kind == "search"
        assert f"/PEACE — match 1/{total}" in _status(app)
        view = app.query_one(ArticleView)
        assert view.row_of(view.current[0]) in view.visible_rows()
        assert text[slice(*view.current)].lower() == "peace"
        await pilot.press("enter")
        assert app.focused is app.query_one(ArticleView)
        await pilot.press("n")
        assert f"match 2/{total}" in _status(app)
        await pilot.press("N", "N")
        assert f"match {total}/{total}" in _status(app)
        await pilot.press("slash", *"zzqx")  # q, n, s, p, ? are letters while typing a search
        assert "no matches" in _status(app) and app.is_running
        await pilot.press("escape")
        assert app.state.target is None


async def test_help_lists_every_key_and_q_quits_with_zero(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(100, 90)) as pilot:
        await pilot.press("question_mark")
        screen = screen_text(app)
        for binding in (*NewsReaderApp.BINDINGS, *ArticleView.BINDINGS):
            assert (binding.tooltip or binding.description) in screen
        await pilot.press("escape")
        assert "Show or hide the organisation highlights" not in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0


async def test_layers_toggle_and_the_legend_shows_it(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        row = _row_of(app, "Volodymyr Zelensky")
        person = view.span_style("article-view--person")

        def zelensky_style():
            strip = view.render_line(row - round(view.scroll_y))
            return next(seg.style for seg in strip if "Zelensky" in seg.text)

        assert zelensky_style().bold and zelensky_style().color == person.color
        await pilot.press("1")
        assert view.shown_layers["people"] is False
        assert not zelensky_style().bold
        await pilot.press("1")
        assert zelensky_style().bold


async def test_palette_goes_to_a_place(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Kramatorsk")
        await pilot.pause(0.5)
        assert "Go to place Kramatorsk" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Kramatorsk — mention 1/1" in _status(app)
        assert _on_screen(app, "Kramatorsk")


async def test_several_files_keep_their_own_position_and_selection(seed_article, seed_analysis, tmp_path):
    from tui.document import load_article

    other = tmp_path / "second.txt"
    other.write_text("Second story about Paris\n\n" + "Paris is busy. " * 400 + "\nThe end in Paris.\n", encoding="utf-8")
    second = load_article(str(other))
    app = NewsReaderApp([seed_article, second], analyses=[seed_analysis, None], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("p", "enter")
        first_target = app.state.target.label
        first_y = view.scroll_y
        assert "1/2" in _status(app)
        await pilot.press("right_square_bracket")
        assert app.current == 1
        assert "Second story about Paris" in screen_text(app)
        assert "2/2" in _status(app)
        await pilot.press("a", "G")  # focus the article (the Places list had it), then the end
        assert view.scroll_y == view.max_scroll_y > 0
        await app.wait_for_analysis()
        await pilot.pause()
        second_y = view.scroll_y
        assert second_y > 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.current == 0 and app.state.target.label == first_target
        assert view.scroll_y == first_y
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.scroll_y == second_y
        assert app.state.analysis is not None and app.state.analysis.places


async def test_clicking_a_mention_selects_it(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        text = seed_article.text
        offset = text.index("Volodymyr Zelensky")
        row, column = view._layout.position_of(offset, text)
        await pilot.click(ArticleView, offset=(column + 2 + 1, row - round(view.scroll_y)))
        assert app.state.target is not None and app.state.target.label == "Zelensky"
        # a quoted person is selected as a speaker (the walk goes through quotes), otherwise
        # as a person (through mentions); either way the view stays where it was clicked
        assert re.search(r"Zelensky — (quote|mention) \d+/\d+", _status(app))
        assert view.scroll_y == 0


async def test_narrow_terminal_hides_the_sidebar_behind_a_toggle(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.query_one("#sidebar")
        assert not sidebar.display
        await pilot.press("ctrl+b")
        assert sidebar.display
        await pilot.press("ctrl+b")
        assert not sidebar.display
        await pilot.press("p")  # asking for a list shows it
        assert sidebar.display and app.focused is app.query_one("#places")


async def test_clicking_a_sidebar_row_selects_it(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        places = app.query_one("#places", EntityList)
        await pilot.click(places, offset=(2, 1))  # the second place
        await pilot.pause()
        name = places.rows[1].name
        assert app.state.target is not None and app.state.target.label == name
        assert _on_screen(app, app.state.article.text[slice(*app.state.target.current)])


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_ascii_mode_draws_only_ascii(seed_article, seed_analysis, size):
    assert seed_article.text.isascii()
    app = _app(seed_article, with_quotes(seed_article, seed_analysis), ascii_only=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("s", "enter")
        seen = screen_text(app)
        await pilot.press("question_mark")
        seen += screen_text(app)
        await pilot.press("escape", "slash", "x")
        seen += screen_text(app)
        assert sorted({c for c in seen if ord(c) > 127}) == []


async def test_a_failed_analysis_leaves_the_text_readable_and_says_why(seed_article, tmp_path):
    app = NewsReaderApp([seed_article], model=str(tmp_path / "no-such-model"), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_for_analysis()
        await pilot.pause()
        assert app.state.error
        screen = screen_text(app)
        assert "analysis failed" in screen
        status = app.query_one(StatusLine).plain
        assert "highlights follow" not in status and status.startswith("Reading without highlights")
        assert "US wants Russia to agree to Ukraine truce" in screen
        await pilot.press("G", "s", "enter", "n")
        assert app.is_running
