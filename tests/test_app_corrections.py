"""Corrections in the reader (`c`, `u`) and the report from the reader (`e`).

Each test gets its own XDG data dir, so corrections made by one do not show in another.
"""

from __future__ import annotations

import json

import pytest

from tests.app_support import screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.screens.dialogs import ChoiceScreen, PromptScreen
from tui.userdata.corrections import Store
from tui.widgets.bars import StatusLine
from tui.widgets.sidebar import EntityList

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def _status(app) -> str:
    return app.query_one(StatusLine).plain


def _options(app) -> list[str]:
    return [str(o.prompt) for o in app.screen.query_one("#choices").options]


async def _choose(pilot, label_start: str) -> None:
    labels = _options(pilot.app)
    index = next(i for i, label in enumerate(labels) if label.startswith(label_start))
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()


async def _to_speaker_quote(pilot, name: str) -> None:
    """Select a speaker in the list and walk to their first quote, back in the article."""
    await pilot.press("s")
    rows = [r.name for r in pilot.app.query_one("#speakers", EntityList).rows]
    await pilot.press("home", *["down"] * rows.index(name), "enter", "a")
    await pilot.pause()


async def test_credit_a_quote_to_someone_else_and_undo(seed_article, seed_analysis):
    raw = with_quotes(seed_article, seed_analysis)
    app = NewsReaderApp([seed_article], analyses=[raw])
    async with app.run_test(size=SIZE) as pilot:
        await _to_speaker_quote(pilot, "a 44-year-old serviceman")
        await pilot.press("c")
        assert isinstance(app.screen, ChoiceScreen)
        await _choose(pilot, "Credit it to someone else")
        await _choose(pilot, "Roman Dunayevsky")
        quote = next(q for q in app.state.analysis.quotes if q.text.startswith("They'll say"))
        assert app.state.analysis.speaker(quote.speaker_id).name == "Roman Dunayevsky" and quote.corrected
        assert _status(app).startswith("Corrected (u undoes): quote “They'll say in public")
        rows = {r.name: r.count for r in app.query_one("#speakers", EntityList).rows}
        assert rows["Roman Dunayevsky"] == 2 and "a 44-year-old serviceman" not in rows
        assert len(Store.load(seed_article).corrections) == 1
    # a restart: the same analysis opens corrected
    app = NewsReaderApp([seed_article], analyses=[raw])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quote = next(q for q in app.state.analysis.quotes if q.text.startswith("They'll say"))
        assert app.state.analysis.speaker(quote.speaker_id).name == "Roman Dunayevsky"
        await pilot.press("u")
        assert "Undone: quote" in _status(app)
        quote = next(q for q in app.state.analysis.quotes if q.text.startswith("They'll say"))
        assert app.state.analysis.speaker(quote.speaker_id).name == "a 44-year-old serviceman"
        assert Store.load(seed_article).corrections == []
        await pilot.press("u")
        assert "Nothing to undo" in _status(app)


async def test_a_typed_name_and_not_a_quote(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await _to_speaker_quote(pilot, "Roman Dunayevsky")
        await pilot.press("c")
        await _choose(pilot, "Credit it to someone else")
        await _choose(pilot, "Type a name")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Olena Kovalenko", "enter")
        await pilot.pause()
        names = [r.name for r in app.query_one("#speakers", EntityList).rows]
        assert "Olena Kovalenko" in names and "Roman Dunayevsky" not in names
        await _to_speaker_quote(pilot, "Olena Kovalenko")
        await pilot.press("c")
        await _choose(pilot, "Not a quote")
        assert not any(q.text.startswith("Peace will come") for q in app.state.analysis.quotes)
        assert "Olena Kovalenko" not in [r.name for r in app.query_one("#speakers", EntityList).rows]
        assert [c.op for c in Store.load(seed_article).corrections] == ["speaker", "not_quote"]


async def test_rename_and_change_the_kind_of_a_list_entry(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        places = [r.name for r in app.query_one("#places", EntityList).rows]
        await pilot.press("home", *["down"] * places.index("Kyiv"), "c")
        await _choose(pilot, "Rename")
        await pilot.press(*["backspace"] * 10, *"Kyiv city", "enter")
        await pilot.pause()
        assert "Kyiv city" in [r.name for r in app.query_one("#places", EntityList).rows]
        assert "renamed Kyiv city" in _status(app)
        await pilot.press("p")
        places = [r.name for r in app.query_one("#places", EntityList).rows]
        await pilot.press("home", *["down"] * places.index("Kyiv city"), "c")
        await _choose(pilot, "Change kind")
        await _choose(pilot, "organization")
        assert "Kyiv city" not in [r.name for r in app.query_one("#places", EntityList).rows]
        assert "Kyiv city" in [r.name for r in app.query_one("#others", EntityList).rows]
        entity = next(e for e in app.state.analysis.entities if e.name == "Kyiv city")
        assert entity.corrected and entity.kind.value == "organization"


async def test_merge_two_entries(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        others = [r.name for r in app.query_one("#others", EntityList).rows]
        await pilot.press("home", *["down"] * others.index("Donald Trump"), "c")
        await _choose(pilot, "Merge")
        await _choose(pilot, "Vladimir Putin")
        trump = next(e for e in seed_analysis.entities if e.name == "Donald Trump")
        putin = next(e for e in seed_analysis.entities if e.name == "Vladimir Putin")
        ids = {e.id: e for e in app.state.analysis.entities}
        assert putin.id not in ids and ids[trump.id].corrected
        assert len(ids[trump.id].mentions) == len(trump.mentions) + len(putin.mentions)
        assert ids[trump.id].name == "Vladimir Putin"  # the fuller (longer) name of the two is kept


async def test_a_damaged_corrections_file_is_ignored_with_a_warning(seed_article, seed_analysis):
    raw = with_quotes(seed_article, seed_analysis)
    store = Store.load(seed_article)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text('{"version": 1, "corrections": [{"op": "explode"}]}', encoding="utf-8")
    app = NewsReaderApp([seed_article], analyses=[raw])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("corrections file ignored" in m and str(store.path) in m for m in messages), messages
        assert len(app.state.analysis.quotes) == len(raw.quotes)
    assert store.path.with_name(store.path.name + ".bad").exists()


async def test_e_writes_a_report_where_asked(seed_article, seed_analysis, tmp_path):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    target = tmp_path / "out" / "who.json"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, PromptScreen)
        default = app.screen.query_one("#prompt").value
        assert default.endswith("/newsreader/reports/000_fc0a23bac9f372ec.md") and str(tmp_path / "data") in default
        await pilot.press("ctrl+u", *str(target), "enter")  # ctrl+u: clear the line
        await pilot.pause()
        assert f"Report written (json): {target}" in _status(app)
        report = json.loads(target.read_text(encoding="utf-8"))
        assert len(report["articles"][0]["quotes"]) == 8
        # the article itself is refused
        await pilot.press("e", "ctrl+u", *seed_article.source, "enter")
        await pilot.pause()
        assert "Not written" in _status(app) and "never written" in _status(app)
        assert "Report written" not in screen_text(app)


async def test_dialogs_draw_in_ascii_with_ascii(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)], ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await _to_speaker_quote(pilot, "Roman Dunayevsky")
        await pilot.press("c")
        await pilot.pause()
        screen = screen_text(app)
        assert 'Correct the quote "Peace will come' in screen and "Credit it to someone else (now: Roman Dunayevsky)..." in screen
        assert not any(ch in screen for ch in "“”…╭")
