"""Partial analyses of a long text, applied as the analysis thread prepares them, give exactly the
screen that applying each one whole on the UI thread gives."""

from __future__ import annotations

import asyncio
import html
import re

import pytest

from tui.analysis.engine import analyse_stages
from tui.app import AnalysisPartial, AnalysisReady, NewsReaderApp, Prepared, rows_of
from tui.document import article_from_bytes
from tui.widgets.article_view import highlights

SIZE = (110, 32)


class Fed(NewsReaderApp):
    """The reader with its analyses delivered by the test, as the analysis thread delivers them."""

    def _analyse(self, order: list[int]) -> None:  # type: ignore[override]
        pass


@pytest.fixture(scope="module")
def staged(seed_path, nlp):
    """A 26 KB text's analyses as the engine streams them: partial ones, then the complete one."""
    article = article_from_bytes(b"\n\n".join([seed_path.read_bytes()] * 6), "long.txt")
    stages = list(analyse_stages(article, nlp, first_stage=4_000))
    assert len(stages) >= 2, "the test needs a partial analysis before the complete one"
    return article, stages


def _rows(svg: str) -> list[str]:
    """The screen's text row by row, read back from a screenshot (for a readable failure)."""
    rows: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text class="[^"]*" x="[^"]*" y="([^"]*)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(y, []).append(html.unescape(text).replace("\xa0", " "))
    return ["".join(parts).rstrip() for parts in rows.values()]


async def _same_screen(prepared_app, pilot_a, whole_app, pilot_b) -> None:
    """The two screens once both apps have settled. A refresh asked for after the next frame
    (`call_after_refresh`) waits for a frame, which a loaded machine delays: each round pauses
    for a moment of real time, and the screens must end up the same within a few seconds."""
    for _ in range(60):
        await pilot_a.pause(0.05)
        await pilot_b.pause(0.05)
        a, b = prepared_app.export_screenshot(), whole_app.export_screenshot()
        if a == b:
            return
    differ = [(n, x, y) for n, (x, y) in enumerate(zip(_rows(a), _rows(b), strict=False)) if x != y]
    assert a == b, f"the screens differ (rows {[n for n, _, _ in differ]} in text; else only in styles): {differ[:3]}"


async def test_prepared_partial_analyses_show_what_whole_ones_show(staged):
    article, stages = staged
    prepared_app, whole_app = Fed([article]), Fed([article])
    async with prepared_app.run_test(size=SIZE) as pilot_a, whole_app.run_test(size=SIZE) as pilot_b:
        for pilot in (pilot_a, pilot_b):
            await pilot.pause()  # laid out first: a page is a page of the drawn view
            await pilot.press("pagedown", "pagedown")  # not at the top: the view keeps its place
        await _same_screen(prepared_app, pilot_a, whole_app, pilot_b)
        for stage in stages[:-1]:
            await asyncio.to_thread(prepared_app._post_partial, 0, stage)  # made off the UI thread
            whole_app.post_message(AnalysisPartial(0, stage))  # made on the UI thread
            await _same_screen(prepared_app, pilot_a, whole_app, pilot_b)
            assert prepared_app.view.analysis is stage
        await asyncio.to_thread(prepared_app._post_ready, 0, stages[-1])  # corrected and made there
        whole_app.post_message(AnalysisReady(0, stages[-1]))
        await _same_screen(prepared_app, pilot_a, whole_app, pilot_b)
        assert prepared_app.state.analysis is not None and prepared_app.state.partial is not None


async def test_a_layer_hidden_while_a_partial_was_prepared_stays_hidden(staged):
    """Highlights prepared for the layers shown before a toggle are made again for the new ones."""
    article, stages = staged
    prepared_app, whole_app = Fed([article]), Fed([article])
    async with prepared_app.run_test(size=SIZE) as pilot_a, whole_app.run_test(size=SIZE) as pilot_b:
        stale = Prepared(highlights(article, stages[0], dict(prepared_app.view.shown_layers)), rows_of(stages[0]))
        await pilot_a.press("1")  # people off, after the partial was prepared with people on
        await pilot_b.press("1")
        prepared_app.post_message(AnalysisPartial(0, stages[0], stale))
        whole_app.post_message(AnalysisPartial(0, stages[0]))
        await _same_screen(prepared_app, pilot_a, whole_app, pilot_b)
        assert not prepared_app.view.shown_layers["people"]
        assert not any(index.style == "article-view--person" for index in prepared_app.view._layers)


async def test_an_unchanged_sidebar_list_is_not_rebuilt(staged):
    article, stages = staged
    app = Fed([article])
    async with app.run_test(size=SIZE) as pilot:
        app._post_partial(0, stages[0])
        await pilot.pause()
        places = app.query_one("#places")
        options = places._options
        app._post_partial(0, stages[0])  # the same rows again
        await pilot.pause()
        assert places._options is options and places.rows


async def test_a_partial_analysis_makes_only_the_sidebar_rows_on_screen(staged):
    """Hundreds of speaker rows arrive with each stage of a long text: rows scrolled out of their
    list's share are made when first drawn."""
    article, stages = staged
    app = Fed([article])
    async with app.run_test(size=(SIZE[0], 16)) as pilot:
        app._post_partial(0, stages[0])
        await pilot.pause()
        speakers = app.query_one("#speakers")
        prompts = [speakers.get_option(row.option_id).prompt for row in speakers.rows]
        assert len(prompts) > speakers.size.height + 2  # some rows are off screen
        assert 0 < sum(p.made for p in prompts) <= speakers.size.height + 2  # a row either side at most
