"""Keys on a long text (issue 15 item 2): rows drawn ahead between frames, rows kept when a new
analysis leaves them alone, the quote in view found by bisection. Each shortcut must draw
exactly what drawing afresh draws."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from tui.analysis.engine import analyse_stages
from tui.app import NewsReaderApp
from tui.document import article_from_bytes
from tui.widgets.article_view import ArticleView
from tui.widgets.targets import QuoteIndex

SIZE = (110, 32)


@pytest.fixture(scope="module")
def long_text(seed_path, nlp):
    """A 26 KB text (the seed six times) and its complete analysis."""
    article = article_from_bytes(b"\n\n".join([seed_path.read_bytes()] * 6), "long.txt")
    *_, analysis = analyse_stages(article, nlp, first_stage=4_000)
    assert len(analysis.quotes) > 20
    return article, analysis


async def _drawn_ahead(pilot) -> None:
    """Until the rows planned ahead are drawn (a timer, then slices between frames)."""
    await pilot.pause()
    view = pilot.app.view
    for _ in range(200):
        await asyncio.sleep(ArticleView.AHEAD_DELAY)
        if not view._ahead_busy:
            break
    await pilot.pause()


async def _same_as_drawn_afresh(app, pilot) -> None:
    """The screen equals the one drawn with the view's row cache emptied."""
    await pilot.pause()
    shown = app.export_screenshot()
    app.view._strips.clear()
    app.view._frame_cache = ((), ())  # as a change of style does: the next frame plans again
    app.view.refresh()
    await pilot.pause()
    assert app.export_screenshot() == shown


def test_quote_index_finds_what_a_scan_finds(long_text):
    _, analysis = long_text
    # Nested and overlapping quotes too, and out of text order: the index keeps the analysis's order.
    q = analysis.quotes
    extra = [dataclasses.replace(q[5], id="wide", outer_start=q[3].outer_start, outer_end=q[9].outer_end)]
    shuffled = dataclasses.replace(analysis, quotes=list(reversed(q[:12])) + extra + q[12:])
    text_end = max(x.outer_end for x in q) + 50
    for quotes in (analysis, shuffled):
        index = QuoteIndex(quotes)
        for width in (1, 7, 80, 2_000):
            for start in range(0, text_end, 53):
                end = start + width
                scan = [x for x in quotes.quotes if x.outer_start < end and x.outer_end > start]
                assert index.overlapping(start, end) == scan


async def test_the_next_and_the_previous_page_are_drawn_ahead(long_text):
    article, analysis = long_text
    app = NewsReaderApp([article], analyses=[analysis], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await _drawn_ahead(pilot)
        view = app.view
        rows, height = view.visible_rows(), len(view.visible_rows())
        ahead = [*range(rows.stop, rows.stop + height), *range(rows.start - height, rows.start)]
        assert all(row in view._strips for row in ahead)
        for key in ("pagedown", "j", "pageup", "k"):  # drawn from rows drawn ahead
            await pilot.press(key)
            await _same_as_drawn_afresh(app, pilot)
            await _drawn_ahead(pilot)


async def test_the_page_of_the_next_mention_is_drawn_ahead(long_text):
    article, analysis = long_text
    app = NewsReaderApp([article], analyses=[analysis], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "enter", "a")
        target = app.state.target
        assert target is not None and len(target.walk) > 3
        view = app.view
        jumped = 0
        for _ in range(min(len(target.walk) + 1, 25)):
            await _drawn_ahead(pilot)
            expected = target.walk[(target.index + 1) % len(target.walk)]
            assert view.expected == expected
            first = view.row_of(expected[0])
            if first not in view.visible_rows():  # `n` scrolls: its rows are drawn already
                jumped += 1
                assert first in view._strips
            await pilot.press("n")
            await _same_as_drawn_afresh(app, pilot)
        assert jumped  # the walk left the screen at least once


async def test_a_new_analysis_redraws_only_the_rows_it_changes(long_text):
    article, analysis = long_text
    before = analysis
    app = NewsReaderApp([article], analyses=[before], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.view
        rows = view.visible_rows()
        start, end = view.visible_span()
        drawn = {row: view._strips.get(row) for row in rows}
        assert all(drawn.values())
        # One entity with a mention on screen is gone in the next analysis.
        gone = next(e for e in before.entities if any(start <= m.start < end for m in e.mentions))
        after = dataclasses.replace(before, entities=[e for e in before.entities if e is not gone])
        view.set_analysis(after)
        await pilot.pause()
        changed = {view.row_of(m.start) for m in gone.mentions if start <= m.start < end}
        kept = {row for row in rows if view._strips.get(row) is drawn[row]}
        assert kept and not kept & changed
        await _same_as_drawn_afresh(app, pilot)
        # And back: the same rows are kept, the same redrawn.
        drawn = {row: view._strips.get(row) for row in rows}
        view.set_analysis(before)
        await pilot.pause()
        assert {row for row in rows if view._strips.get(row) is drawn[row]} == kept
        await _same_as_drawn_afresh(app, pilot)
