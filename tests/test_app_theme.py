"""Highlights read on dark and light themes, and stay apart without colour (NO_COLOR)."""

from __future__ import annotations

import pytest

from tui.app import NewsReaderApp
from tui.model import Article, Block, BlockKind
from tui.widgets.article_view import ArticleView
from tui.widgets.targets import SPEAKER_COLOURS

LAYERS = ["person", "place", "organization", "subheading", *(f"speaker-{i}" for i in range(SPEAKER_COLOURS))]


def _luminance(rgb) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _app(theme: str) -> NewsReaderApp:
    article = Article("x.txt", "x", "x", [Block(BlockKind.HEADING, 0, 1)])
    return NewsReaderApp([article], analyses=[None], theme_name=theme)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox", "solarized-light"])
async def test_every_highlight_colour_has_reading_contrast(theme):
    app = _app(theme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        view = app.query_one(ArticleView)
        background = view.rich_style.bgcolor.get_truecolor()
        low = {}
        for layer in LAYERS:
            colour = view.span_style(f"article-view--{layer}").color
            ratio = _contrast(colour.get_truecolor(), background)
            if ratio < 4.5:
                low[layer] = round(ratio, 1)
        assert low == {}


async def test_entity_layers_differ_by_text_style_alone():
    app = _app("textual-dark")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)

        def attributes(name: str) -> tuple:
            style = view.span_style(f"article-view--{name}")
            return (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))

        looks = {name: attributes(name) for name in ("person", "place", "organization", "quote", "mark", "current")}
        assert len(set(looks.values())) == len(looks), looks
        assert all(any(look) for look in looks.values())
