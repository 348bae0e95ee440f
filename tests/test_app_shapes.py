"""Odd but valid documents open and scroll: empty, one huge line, 100,000 tiny paragraphs, wide text."""

from __future__ import annotations

import time

import pytest

from tests.app_support import screen_text
from tui.app import NewsReaderApp
from tui.document import DocumentError, load_article
from tui.model import Analysis
from tui.widgets.article_view import ArticleView


def _open(path):
    try:
        return load_article(str(path))
    except DocumentError:
        pytest.skip("the loader refuses this input (its own tests cover the message)")


@pytest.mark.parametrize(
    "name, content",
    [
        ("one_line.txt", "Headline\n\n" + "x" * 5_000_000),
        ("many.txt", "Headline\n\n" + "".join(f"Line {i} in Paris.\n" for i in range(100_000))),
        ("cjk.txt", "見出し\n\n" + "東京で記者会見が開かれた。" * 20_000),
    ],
)
async def test_large_shapes_open_and_scroll_to_the_end(tmp_path, name, content):
    """A guard against work that grows with the text's shape (quadratic layout, a row per
    character): the process's own CPU time, which other load on the machine does not inflate.
    How fast they open is measured by benchmarks/bench_big_inputs.py, not here."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    article = _open(path)
    app = NewsReaderApp([article], analyses=[Analysis(article.source, [], [], [])])
    async with app.run_test(size=(100, 30)) as pilot:
        started = time.process_time()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.line_count > 1000
        assert article.title[:3] in screen_text(app)
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("b", "space", "g")
        assert view.scroll_y == 0
        assert time.process_time() - started < 20


async def test_whitespace_and_tiny_articles(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("Only a headline\n", encoding="utf-8")
    article = _open(path)
    app = NewsReaderApp([article], analyses=[Analysis(article.source, [], [], [])])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "G", "slash", "x", "enter", "n", "escape", "s", "enter", "w")
        assert "Only a headline" in screen_text(app)
        assert app.is_running
