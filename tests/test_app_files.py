"""The file picker (`f`) and search across all open files (`F`)."""

from __future__ import annotations

from tests.app_support import until, with_quotes
from tui.app import NewsReaderApp
from tui.document import load_article
from tui.report.search import search_all
from tui.screens.dialogs import ChoiceScreen, PromptScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine

SIZE = (100, 30)
SECOND = "Kyiv talks stall\n\nOfficials in Kyiv said on Monday that talks had stalled.\n\nMore talks in Kyiv are planned.\n"


def _second(tmp_path):
    path = tmp_path / "second.txt"
    path.write_text(SECOND, encoding="utf-8")
    return load_article(str(path))


def _options(app) -> list[str]:
    return [str(o.prompt) for o in app.screen.query_one("#choices").options]


def test_search_all_counts_matches_per_file_in_order(seed_article, tmp_path):
    second = _second(tmp_path)
    hits = search_all([seed_article, second], "kyiv")
    assert [h.file for h in hits] == sorted(h.file for h in hits)
    assert sum(1 for h in hits if h.file == 1) == 3 and sum(1 for h in hits if h.file == 0) == seed_article.text.count("Kyiv")
    assert all(second.text[h.start : h.end] == "Kyiv" for h in hits if h.file == 1)
    assert hits[-1].label.startswith("2. second.txt: …") and hits[-1].index == 2


async def test_f_lists_the_open_files_and_switches(seed_article, seed_analysis, tmp_path):
    second = _second(tmp_path)
    app = NewsReaderApp([seed_article, second], analyses=[with_quotes(seed_article, seed_analysis), None], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, ChoiceScreen)
        labels = _options(app)
        assert (
            labels[0].startswith("1. ") and "US wants Russia" in labels[0] and "8 quotes" in labels[0] and "(open)" in labels[0]
        )
        assert labels[1].startswith("2. ") and "Kyiv talks stall" in labels[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.current == 1 and app.title == "Kyiv talks stall"


async def test_F_finds_in_every_file_and_jumps_to_the_match(seed_article, seed_analysis, tmp_path):
    second = _second(tmp_path)
    app = NewsReaderApp([seed_article, second], analyses=[with_quotes(seed_article, seed_analysis), None], use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"kyiv", "enter")
        await pilot.pause()
        labels = _options(app)
        assert labels[-1].startswith("2. second.txt") and "More talks in Kyiv" in labels[-1]
        await pilot.press("end", "enter")
        await until(pilot, lambda: "/kyiv — match 3/3" in app.query_one(StatusLine).plain)
        assert app.current == 1
        assert app.query_one(ArticleView).has_focus
        await pilot.press("F", *"no such words", "enter")
        await until(pilot, lambda: "no match in 2 open file(s)" in app.query_one(StatusLine).plain)


def test_file_picker_in_a_real_terminal(tmp_path):
    from tests.terminal import PtyApp, newsreader

    path = tmp_path / "second.txt"
    path.write_text(SECOND, encoding="utf-8")
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader("seeds/000_fc0a23bac9f372ec.txt", str(path)), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.press("f")
        app.wait_for("Open files (2)", 5)
        app.press("\x1b[B")  # down
        app.press("\r")
        app.wait_for("2/2", 5)
        assert "second.txt" in app.text.splitlines()[0]
        app.press("q")
        assert app.close() == 0
