"""How the reader looks at 80x24, 100x30 and 200x50, dark, light and without colour (update with
`pytest --snapshot-update`, then look at the SVGs).

The screens are drawn from a frozen analysis of the seed (`tests/data/seed_analysis.json`), so
an improvement in the engine does not change how the reader looks; the Pilot tests use the live
engine. Refresh the frozen analysis deliberately, together with the snapshots.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tui.app import NewsReaderApp
from tui.model import Analysis

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"


@pytest.fixture
def seed_article(seed_article, seed_path):
    """The seed named as a user would type it, so the title bar does not show this checkout's path."""
    return dataclasses.replace(seed_article, source=f"seeds/{seed_path.name}")


@pytest.fixture
def seed_analysis():
    """Shadows the live-engine fixture of conftest for these tests only."""
    return Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))


async def _settle(pilot) -> None:
    await pilot.app.wait_for_analysis()
    await pilot.pause()


SIZES = [(80, 24), (100, 30), (200, 50)]
LOOKS = ["textual-dark", "textual-light", "no-color"]


def _reader(article, analysis, look: str, monkeypatch) -> NewsReaderApp:
    if look == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
        return NewsReaderApp([article], analyses=[analysis])
    monkeypatch.delenv("NO_COLOR", raising=False)
    return NewsReaderApp([article], analyses=[analysis], theme_name=look)


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
def test_seed_opened(snap_compare, seed_article, seed_analysis, size, look, monkeypatch):
    app = _reader(seed_article, seed_analysis, look, monkeypatch)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
def test_speaker_selected(snap_compare, seed_article, seed_analysis, size, look, monkeypatch):
    app = _reader(seed_article, seed_analysis, look, monkeypatch)

    async def select_dunayevsky(pilot) -> None:
        await _settle(pilot)
        await pilot.press("s")
        rows = [row.name for row in pilot.app.query_one("#speakers").rows]
        await pilot.press(*["down"] * rows.index("Roman Dunayevsky"), "enter", "n")

    assert snap_compare(app, terminal_size=size, run_before=select_dunayevsky)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_help_screen(snap_compare, seed_article, seed_analysis, size):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    assert snap_compare(app, terminal_size=size, run_before=_settle, press=["question_mark"])


def test_search_open(snap_compare, seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle, press=["slash", *"putin"])
