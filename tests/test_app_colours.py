"""Speaker colours per colour depth (issue 11 item 4): distinct, and never a layer's colour.

Each speaker's look is its colour as the terminal will show it (the style reduced to 256 or 16
colours, as Rich reduces it on the way out) plus its bar pattern, the second cue once speakers
outnumber the hues. The 16-colour palette is the one the reader picks for TERM=xterm (the
`-colours-16` class, whose detection the real-pty test in test_app_terminal_colours covers).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.color import ColorSystem

from tui.app import NewsReaderApp
from tui.model import Analysis
from tui.widgets.sidebar import EntityList
from tui.widgets.targets import SPEAKER_COLOURS

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"
DEPTHS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}


def _seen(style, system):
    color = style.color
    assert color is not None
    return color.downgrade(system).number if system != ColorSystem.TRUECOLOR else color.triplet


CASES = [(theme, depth) for theme in ("textual-dark", "textual-light") for depth in DEPTHS] + [
    ("ansi-dark", "16"),  # the terminal's own palette, named colours
    ("ansi-light", "16"),
]


@pytest.mark.parametrize("theme, depth", CASES)
async def test_speakers_look_distinct_and_unlike_the_layers(seed_article, theme, depth):
    analysis = Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))
    app = NewsReaderApp([seed_article], analyses=[analysis], theme_name=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        if depth == "16" and not theme.startswith("ansi"):
            app.add_class("-colours-16")
        await pilot.pause()
        system = DEPTHS[depth]
        view = app.view
        palette = view.speaker_palette()
        layers = {_seen(view.layer_style(layer), system) for layer in ("people", "places", "organizations")}
        rows = app.query_one("#speakers", EntityList).rows
        assert len(rows) == 8
        looks = [(_seen(palette[row.colour], system), view.bar_patterns[row.pattern]) for row in rows]
        assert len(set(looks)) == len(looks), looks
        colours = [colour for colour, _ in looks]
        assert len(set(colours[:SPEAKER_COLOURS])) == SPEAKER_COLOURS, colours
        assert not set(colours) & layers, (colours, layers)
        # the quote bars in the article use the same pattern as the sidebar swatch
        assert len({pattern for _, pattern in looks}) >= 2
