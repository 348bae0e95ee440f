"""The status line: parts with priorities (issue 11 item 2) and why a quote was attributed (issue 16).

The speaker's name and the position are never cut; the excerpt shrinks first; the file counter
has its own place. Attributions are hand-made here: the resolver's own tests check real ones.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.app_support import region_text, until, with_quotes
from tui.app import AnalysisProgress, NewsReaderApp
from tui.document import load_article
from tui.model import Attribution, Span
from tui.widgets.bars import StatusLine
from tui.widgets.status_fit import Part, fit


def test_fit_drops_the_hint_then_shrinks_the_excerpt_and_never_cuts_kept_parts():
    parts = [
        Part("Zelensky — quote 2/6", keep=True),
        Part("“Everything depends on whether Russia wants”", priority=1, shrink_to=8, lead="  "),
        Part("Volodymyr Zelensky", keep=True, lead=" — "),
        Part("cue 'he added', same paragraph", priority=2, shrink_to=12, lead=" · "),
        Part("(w: go to speaker)", priority=0, lead="  "),
    ]
    wide = "".join(p.lead + p.text for p in fit(parts, 200, "…"))
    assert wide.endswith("(w: go to speaker)")
    for width in (100, 80, 60, 50):
        line = "".join(p.lead + p.text for p in fit(parts, width, "…"))
        assert len(line) <= width, (width, line)
        assert "Zelensky — quote 2/6" in line and "Volodymyr Zelensky" in line, (width, line)
    at_100 = "".join(p.lead + p.text for p in fit(parts, 100, "…"))
    assert "(w:" not in at_100 and "cue 'he added', same paragraph" in at_100 and "“Every" in at_100
    # the excerpt goes before the reason does
    at_60 = "".join(p.lead + p.text for p in fit(parts, 60, "…"))
    assert "cue" in at_60


def test_kept_parts_survive_even_when_they_alone_overflow():
    parts = [Part("a" * 30, keep=True), Part("b" * 30, keep=True), Part("c" * 10, priority=1, shrink_to=4, lead=" ")]
    assert [p.text for p in fit(parts, 40, "…")] == ["a" * 30, "b" * 30]


def _explained(article, analysis):
    """The seed's hand-made quotes, each with a hand-made reason (one without: it shows its cue)."""
    quoted = with_quotes(article, analysis)
    for quote in quoted.quotes:
        if quote.text.startswith("Everything depends"):
            cue = article.text.index("the Ukrainian leader added")
            quote.cue = "the Ukrainian leader added"
            quote.attribution = Attribution(
                "description.role",
                "'the Ukrainian leader' → Zelensky, his title two paragraphs up",
                (Span(cue, cue + 20),),
            )
        elif quote.text.startswith("I have emphasised"):
            quote.cue = "he said"
            quote.attribution = None
        elif quote.text.startswith("They'll say"):
            quote.cue = "he told AFP"
            quote.attribution = Attribution("pronoun.subject", "he → the serviceman, last person named as subject")
    return quoted


async def _to_quote(pilot, app, opening: str) -> None:
    """Make the quote that begins with `opening` the one in view: search for it, keep the match."""
    await pilot.press("slash", *opening, "enter")
    await pilot.pause()


@pytest.mark.parametrize("width", [80, 100])
async def test_name_position_and_reason_with_four_files_open(seed_article, seed_analysis, width):
    quoted = _explained(seed_article, seed_analysis)
    articles = [dataclasses.replace(seed_article, source=f"seeds/file{i}.txt") for i in range(4)]
    app = NewsReaderApp(articles, analyses=[quoted] * 4)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("s", "enter", "n", "a")
        await pilot.pause()
        status = region_text(app, app.query_one(StatusLine))
        assert "Zelensky — quote 2/4" in status, status
        assert "Volodymyr Zelensky" in status, status
        assert "1/4" in region_text(app, app.query_one("#status-right")), status
        if width >= 100:
            assert "the Ukrainian leader" in status and "Zelensky, his title" in status, status


@pytest.mark.parametrize("width", [80, 100])
async def test_unattributed_is_said_at_80_and_100_columns(seed_article, seed_analysis, width):
    quoted = _explained(seed_article, seed_analysis)
    for quote in quoted.quotes:
        if quote.text.startswith("They'll say"):
            quote.speaker_id, quote.attribution = None, None
    articles = [dataclasses.replace(seed_article, source=f"seeds/file{i}.txt") for i in range(4)]
    app = NewsReaderApp(articles, analyses=[quoted] * 4)
    async with app.run_test(size=(width, 30)) as pilot:
        await _to_quote(pilot, app, "They'll say in public that")
        assert "unattributed" in region_text(app, app.query_one(StatusLine))


async def test_the_reason_or_else_the_cue_is_shown(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[_explained(seed_article, seed_analysis)])
    async with app.run_test(size=(120, 30)) as pilot:
        await _to_quote(pilot, app, "They'll say")
        status = region_text(app, app.query_one(StatusLine))
        assert "he → the serviceman, last person named as subject" in status, status
        await _to_quote(pilot, app, "I have emphasised")
        status = region_text(app, app.query_one(StatusLine))
        assert "cue 'he said'" in status, status


async def test_after_G_the_status_names_the_last_quote_on_screen(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        start, end = app.view.visible_span()
        on_screen = [q for q in app.state.shown.quotes if q.outer_start < end and q.outer_end > start]
        assert len(on_screen) >= 2
        assert app._quote_in_view() is on_screen[-1]
        assert "clearly trying" in region_text(app, app.query_one(StatusLine))


async def test_a_message_stays_through_progress_and_goes_with_the_next_key(seed_article, seed_analysis, tmp_path):
    """CI once lost "no match" to the second file's analysis progress, drawn a moment later."""
    second = tmp_path / "second.txt"
    second.write_text("Talks stall\n\nOfficials said on Monday that talks had stalled.\n", encoding="utf-8")
    app = NewsReaderApp(
        [seed_article, load_article(str(second))], analyses=[with_quotes(seed_article, seed_analysis), None], use_cache=False
    )
    status = lambda: app.query_one(StatusLine).plain  # noqa: E731
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("F", *"no such words", "enter")
        await until(pilot, lambda: "no match in 2 open file(s)" in status())
        app.post_message(AnalysisProgress(0, 1, 2))  # as the analysis thread posts it
        app.view.focus()  # as when a dialog closes
        await pilot.pause(0.2)
        assert "no match in 2 open file(s)" in status()
        await pilot.press("j")
        await until(pilot, lambda: "no match" not in status())


async def test_progress_reported_while_the_app_closes_is_ignored(seed_article, tmp_path):
    """The analysis thread may report after the widgets are gone (CI saw it at a test's exit)."""
    app = NewsReaderApp([seed_article], analyses=[None], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.query("#search")))  # mounted after the first frames
        status = app.query_one(StatusLine)
        await status.remove()
        app.post_message(AnalysisProgress(0, 1, 2))
        status._draw()  # as a draw deferred by a resize comes round after the removal
        await pilot.pause(0.1)
    assert app.return_code in (0, None) and not app.crashed
