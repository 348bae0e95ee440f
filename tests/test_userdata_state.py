"""A reader that remembers: scroll, selection and layers per article, across restarts."""

from __future__ import annotations

import json

import pytest

from tests.app_support import with_quotes
from tui.app import NewsReaderApp
from tui.userdata.state import ReadingState, _path, load_state, save_state
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine

SIZE = (100, 30)


async def test_scroll_selection_and_layers_survive_a_restart(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis)
    app = NewsReaderApp([seed_article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "home", "enter", "n", "a", "2")  # Zelensky, his second quote; places off
        await pilot.press("j", "j", "j")
        scroll = app.query_one(ArticleView).scroll_y
        assert scroll > 0
        await pilot.press("q")
    stored, notes = load_state(seed_article)
    assert notes == [] and stored.selection.startswith("speaker:") and stored.step == 1
    assert stored.layers["places"] is False and stored.scroll_y == scroll

    app = NewsReaderApp([seed_article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.scroll_y == scroll
        assert view.shown_layers["places"] is False and view.shown_layers["people"] is True
        assert "Zelensky — quote 2/4" in app.query_one(StatusLine).plain
        await pilot.press("n")
        assert "Zelensky — quote 3/4" in app.query_one(StatusLine).plain

    app = NewsReaderApp([seed_article], analyses=[analysis], fresh=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(ArticleView).scroll_y == 0
        assert app.query_one(ArticleView).shown_layers["places"] is True
        assert "quote" not in app.query_one(StatusLine).plain.split("  ")[0]


@pytest.mark.parametrize(
    "content",
    [
        b"{broken",
        b"[" * 100,
        json.dumps({"version": 1, "scroll_y": -5, "selection": None, "step": 0, "layers": {}}).encode(),
        json.dumps({"version": 1, "scroll_y": 3, "selection": None, "step": 0, "layers": {"rockets": True}}).encode(),
        json.dumps({"version": 1, "scroll_y": 3, "selection": 7, "step": 0, "layers": {}}).encode(),
        b"x" * 70_000,
    ],
)
async def test_a_damaged_state_file_is_ignored_with_a_warning(seed_article, seed_analysis, content):
    path = _path(seed_article, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("reading state ignored" in m and str(path) in m for m in messages), messages
        assert app.query_one(ArticleView).scroll_y == 0
    assert path.with_name(path.name + ".bad").exists()


def test_a_selection_that_no_longer_exists_is_ignored(seed_article, seed_analysis):
    save_state(seed_article, ReadingState(0.0, "speaker:nobody-9", 3, {}))
    stored, _ = load_state(seed_article)
    assert stored.selection == "speaker:nobody-9"

    async def run():
        app = NewsReaderApp([seed_article], analyses=[seed_analysis])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.state.target is None

    import asyncio

    asyncio.run(run())


def test_restart_in_a_real_terminal_continues_where_it_was_left(tmp_path):
    import os

    from tests.terminal import PtyApp, newsreader

    env = {
        "NEWSREADER_FORCE_TTY": "1",
        "NEWSREADER_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"],
    }
    seed = "seeds/000_fc0a23bac9f372ec.txt"
    with PtyApp(newsreader(seed), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.wait_for("▌", 120)  # the analysis is shown: its quotes carry their bar
        app.wait_gone("analysing", 120)  # and done (the status line said so before it was shown)
        app.press(" ")
        app.press(" ")
        app.settle()
        left_at = app.text.splitlines()[2]
        assert "US wants Russia" not in left_at
        app.press("q")
        assert app.close() == 0
    with PtyApp(newsreader(seed), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.wait_for("▌", 120)  # the analysis is shown: its quotes carry their bar
        app.wait_gone("analysing", 120)  # and done (the status line said so before it was shown)
        app.settle()
        assert app.text.splitlines()[2] == left_at
        app.press("q")
        assert app.close() == 0
    with PtyApp(newsreader("--fresh", seed), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.wait_for("▌", 120)  # the analysis is shown: its quotes carry their bar
        app.wait_gone("analysing", 120)  # and done (the status line said so before it was shown)
        app.settle()
        assert "US wants Russia" in app.text.splitlines()[2]
        app.press("q")
        assert app.close() == 0
