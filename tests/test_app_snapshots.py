"""How the reader looks, at 80x24 and 120x40 (update with `pytest --snapshot-update`, then look)."""

from __future__ import annotations

import pytest

from tests.app_support import with_quotes
from tui.app import NewsReaderApp


async def _settle(pilot) -> None:
    await pilot.app.wait_for_analysis()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_seed_opened(snap_compare, seed_article, seed_analysis, size):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_speaker_selected(snap_compare, seed_article, seed_analysis, size):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    assert snap_compare(app, terminal_size=size, run_before=_settle, press=["s", "down", "enter", "n"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_help_screen(snap_compare, seed_article, seed_analysis, size):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    assert snap_compare(app, terminal_size=size, run_before=_settle, press=["question_mark"])


def test_search_open(snap_compare, seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle, press=["slash", *"putin"])
