"""Search on a long text: the matches near the view at once, the rest between keys, the result
exactly that of one whole pass."""

from __future__ import annotations

from contextlib import asynccontextmanager

from tui.app import NewsReaderApp
from tui.document import article_from_bytes
from tui.model import Analysis
from tui.text_search import SLICE_CHARS
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine
from tui.widgets.targets import search_target

SIZE = (100, 30)


def _long(seed_path):
    data = b"\n\n".join([seed_path.read_bytes()] * (3 * SLICE_CHARS // len(seed_path.read_bytes()) + 1))
    article = article_from_bytes(data, "long.txt")
    assert len(article.text) > 2 * SLICE_CHARS  # the search takes several slices
    return article, Analysis(article.source, [], [], [], "test", "test")


@asynccontextmanager
async def _searching_mid_text(seed_path, *, open_bar: bool = True):
    """A long text scrolled to its middle, the search bar open unless told: (app, pilot, view)."""
    article, analysis = _long(seed_path)
    app = NewsReaderApp([article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.scroll_to(y=view.max_scroll_y // 2, animate=False, immediate=True)
        if open_bar:
            await pilot.press("slash")
        yield app, pilot, view


async def test_the_folded_text_is_made_when_the_bar_opens_not_at_the_first_keystroke(seed_path):
    async with _searching_mid_text(seed_path, open_bar=False) as (app, pilot, view):
        await pilot.pause()
        assert app.state._folded is None
        await pilot.press("slash")
        await pilot.pause()
        assert app.state._folded == app.articles[0].text.lower()
        folded = app.state._folded
        await pilot.press("p")
        assert app.state._folded is folded and app.state.target.walk


async def test_search_on_a_long_text_ends_with_every_match(seed_path):
    async with _searching_mid_text(seed_path, open_bar=False) as (app, pilot, view):
        article = app.articles[0]
        await pilot.pause()
        top = view.visible_span()[0]
        await pilot.press("slash", "p")
        first = app.state.target
        await pilot.press(*"eace")
        for _ in range(50):  # the slices run between keys; Pilot's pause lets them
            if not app.state.target.more:
                break
            await pilot.pause()
        whole = search_target(article.text, "peace")
        target = app.state.target
        assert first.kind == "search" and first.key == "p"
        assert target.walk == whole.walk and not target.more
        whole.seek(top - 1, 1)
        assert target.current == whole.current  # the first match from where the view was
        assert view.search_hits == whole.walk
        status = app.query_one(StatusLine).plain
        assert f"match {whole.index + 1}/{len(whole.walk)}" in status and "+" not in status
        assert article.text[slice(*view.current)].lower() == "peace"
        assert view.row_of(view.current[0]) in view.visible_rows()
        await pilot.press("escape")
        assert app.state.target is None and not view.search_hits


async def test_a_short_query_on_a_long_text_shows_the_matches_near_the_view_before_the_rest(seed_path):
    """The first frame after a keystroke carries the matches around the view; counting them
    all waits for the slices, so the count is marked as growing."""
    article, analysis = _long(seed_path)
    app = NewsReaderApp([article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("slash")
        app.query_one("#search").insert_text_at_cursor("p")  # the handler runs; no pause yet
        await pilot.pause(0)
        target = app.state.target
        start, end = view.visible_span()
        assert target.kind == "search" and target.more
        whole = search_target(article.text, "p")
        near = [m for m in whole.walk if m[0] < end + 20_000]
        assert target.walk == near[: len(target.walk)] and target.walk  # exact, a prefix of the whole
        for _ in range(100):
            if not app.state.target.more:
                break
            await pilot.pause()
        assert app.state.target.walk == whole.walk


async def test_typing_a_query_wider_than_the_bar_keeps_the_cursor_in_view(seed_path):
    """The bar takes no layout pass per keystroke (its virtual size is not a layout matter) and
    still scrolls to its cursor."""
    from tui.widgets.search import SearchBar

    app = NewsReaderApp([article_from_bytes(seed_path.read_bytes(), "seed.txt")])
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("slash", *"abcdefghij" * 8)
        bar = app.query_one(SearchBar)
        assert bar.value == "abcdefghij" * 8
        assert bar.scroll_x > 0 and bar.cursor_position == 80
        assert bar.virtual_size.width >= 80
        assert bar.scroll_x + bar.content_region.width >= 80  # the cursor's column is on screen


async def test_rows_kept_between_keystrokes_are_drawn_as_afresh(seed_path):
    """A keystroke redraws only the rows on screen whose marks changed; every row shown is still
    exactly what drawing it from scratch gives, as the query grows, shrinks and is cleared."""
    async with _searching_mid_text(seed_path) as (app, pilot, view):
        kept = 0
        for key in (*"peace", "backspace", "backspace", "s", "n", "ctrl+u", "t", "h", "e"):
            before = {row: view._strips.get(row) for row in view.visible_rows()}
            await pilot.press(key)
            await pilot.pause()
            base = view._frame()[2]
            for row in view.visible_rows():
                drawn = view._strips.get(row)
                assert drawn is not None
                assert list(drawn) == list(view._render_row(row, base)), (key, row)
                kept += drawn is before.get(row)
        assert kept  # some rows were reused, so the comparison above tested reuse


async def test_the_view_on_screen_is_what_drawing_it_afresh_gives(seed_path):
    """A keystroke repaints only the article rows whose marks changed and the overview column
    beside them: Textual keeps the other rows' lines, which must be what drawing the whole
    screen afresh gives (colours and styles included), as the query grows, shrinks and goes."""
    async with _searching_mid_text(seed_path) as (app, pilot, view):
        for key in (*"peace", "backspace", "backspace", "s", "ctrl+u", "t", "h", "escape"):
            await pilot.press(key)
            await pilot.pause()
            compositor = app.screen._compositor
            shown = [list(strip) for strip in compositor.render_strips()]
            for widget in (view, view.overview):
                widget._styles_cache.clear()
            view._strips.clear()
            view._map_cache = (((), None), [])
            assert shown == [list(strip) for strip in compositor.render_strips()], key


async def test_the_overview_column_drawn_from_its_cells_kept_is_what_drawing_it_afresh_gives(seed_path):
    """The overview column's cells are made once per frame and marks (`_map_cells`) and kept:
    after search keys, scrolls and steps from match to match, the column on screen is what
    making every cell again gives (the shading of the view, the marks, the current match)."""
    async with _searching_mid_text(seed_path) as (app, pilot, view):
        cached = 0
        for key in (*"peace", "enter", "pagedown", "j", "n", "n", "N", "G", "g", "slash", "t", "h"):
            await pilot.press(key)
            await pilot.pause()
            compositor = app.screen._compositor
            shown = [list(strip) for strip in compositor.render_strips()]
            cells = view._map_cells()
            cached += cells is view._map_cells()
            view.overview._styles_cache.clear()
            view._map_cache = (((), None), [])
            assert cells == view._map_cells(), key
            assert shown == [list(strip) for strip in compositor.render_strips()], key
        assert cached  # the cells were kept between calls, so the comparisons tested the kept ones


async def test_a_keystroke_s_matches_are_drawn_in_the_frame_that_echoes_it(seed_path):
    """The search runs as the bar handles its own change, before the bar asks the screen for a
    repaint: the frame that shows the key in the bar shows its matches and count too (run
    where the message bubbled to, the app, they waited for the frame after)."""
    async with _searching_mid_text(seed_path) as (app, pilot, view):
        await pilot.pause()
        frames: list[tuple[set, list]] = []
        display = app._display

        def recording(screen, renderable):
            frames.append((set(screen._dirty_widgets), view._map_cells()))
            display(screen, renderable)

        app._display = recording
        bar, status = app.query_one("#search"), app.query_one(StatusLine)
        overview_changed = 0
        for key in "peace":
            frames.clear()
            cells = view._map_cells()
            await pilot.press(key)
            await pilot.pause()
            echo, echo_cells = next(frame for frame in frames if bar in frame[0])
            assert view in echo, key
            # The overview column repaints only when its cells change (and then in this frame).
            if echo_cells != cells:
                assert view.overview in echo, key
                overview_changed += 1
            assert any(widget is status or status in widget.ancestors for widget in echo), key
        assert overview_changed  # the first letter's matches at least changed the column


async def test_a_keystroke_keeps_the_drawing_of_rows_without_a_match_before_or_after(seed_path):
    """A row with no match under the old query nor the new one keeps its drawn strip (the same
    object): only rows whose marks changed are drawn again. (The rows to keep were once read
    after the cache was cleared, so every row on screen was drawn again at each keystroke.)"""
    async with _searching_mid_text(seed_path) as (app, pilot, view):
        await pilot.press("p")
        await pilot.pause()
        layout, checked = view._layout, 0
        for key in "eace":
            before = {row: view._strips.get(row) for row in view.visible_rows()}
            old_hits, old_current = list(view.search_hits), view.current
            await pilot.press(key)
            await pilot.pause()
            for row in view.visible_rows():
                start, end = layout.starts[row], layout.ends[row]
                spans = [*old_hits, *view.search_hits, *filter(None, (old_current, view.current))]
                if before.get(row) is not None and not any(s < end and e > start for s, e in spans):
                    assert view._strips.get(row) is before[row], (key, row)
                    checked += 1
        assert checked  # some rows had no match either side, so the identity above was tested


async def test_a_replaced_search_is_let_go_after_the_frame_of_the_key_that_replaced_it(seed_path):
    """Freeing a finished search's matches (tens of thousands of pairs on a long text) waits
    until the frame of the keystroke that replaced it has been drawn; then nothing keeps it."""
    import gc
    import weakref

    async with _searching_mid_text(seed_path) as (app, pilot, view):
        await pilot.press("p")
        for _ in range(100):
            if not app.state.target.more:
                break
            await pilot.pause()
        old = weakref.ref(app._search)
        app.query_one("#search").insert_text_at_cursor("e")  # handled; its frame not drawn yet
        assert old() is not None and app._search is not old()
        for _ in range(100):
            if not app.state.target.more and not app._search_retired:
                break
            await pilot.pause()
        gc.collect()
        assert old() is None
        assert app.state.target.key == "pe" and not app.state.target.more
