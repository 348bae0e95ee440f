"""The corpus view, driven by Pilot and in a real pseudo-terminal: lists of names across the
archive, a name's quotes, enter opens the article at the quote, esc comes back, / searches."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus_support import CORPUS, make_archive
from tests.terminal import PtyApp, newsreader
from tui.corpus.batch import BatchOptions, run_batch
from tui.corpus.index import build_index
from tui.corpus.query import Corpus
from tui.screens.corpus import CorpusScreen, corpus_app
from tui.widgets.line_table import LineTable

PICKS = ("15_wire_two_people.txt", "12_org_statements.txt", "01_wire_port_strike.txt")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("view")
    archive = make_archive(root, picks=PICKS)
    follow = archive / "desk-a" / "16_follow_up.txt"
    follow.write_text(
        (CORPUS / "15_wire_two_people.txt")
        .read_text("utf-8")
        .replace("\n(Reporting", '\n\n"We will hold them to every word," Salinas said on Friday.\n(Reporting'),
        "utf-8",
    )
    out = root / "out"
    run_batch(BatchOptions([str(archive)], out, workers=1))
    build_index(out, out / "corpus.db")
    return out


async def test_lists_quotes_open_and_back(batch, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))
    corpus = Corpus(batch / "corpus.db")
    app = corpus_app(corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        names = screen.query_one("#names", LineTable)
        assert names.row_count == len(screen.rows) > 0 and names.has_focus
        # the reader's own keys are quiet under the corpus view: `n` does not walk the hidden reader
        await pilot.press("n")
        assert app.screen is screen
        # Salinas: quoted in two articles
        row = next(i for i, r in enumerate(screen.rows) if r.name.endswith("Salinas"))
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        hits = screen.query_one("#hits", LineTable)
        assert hits.has_focus and hits.row_count == screen.rows[row].quotes >= 4
        assert len({h.article for h in screen.hits}) == 2
        chosen = next(i for i, h in enumerate(screen.hits) if h.text.startswith("We will hold them"))
        for _ in range(chosen):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        # the usual reader, on that article, with the quote marked and in view
        assert app.screen is not screen
        state = app.state
        start, end = state.target.current
        assert state.article.text[start:end].startswith("We will hold them to every word")
        assert state.article.title.startswith("Mining giant")
        # Salinas's other quotes in that article are marked too, for n / N
        assert len(state.target.walk) == sum(1 for h in screen.hits if h.article == screen.hits[chosen].article) > 1
        await app.wait_for_analysis()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.hits  # back, the lists as they were
        assert hits.cursor == chosen
        # search all quotes and texts
        await pilot.press("slash", *"copper", "enter")
        await pilot.pause()
        assert screen.hits and hits.has_focus
        assert any("copper" in h.text.lower() for h in screen.hits)
        # a match in an article's text opens at the word
        row = next(i for i, h in enumerate(screen.hits) if h.start < 0)
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        start, end = app.state.target.current
        assert app.state.article.text[start:end].lower() == "copper"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # the other lists
        await pilot.press("escape", "p")
        assert screen.list_id == "places" and any(r.name.lower() == "santiago" for r in screen.rows)
        await pilot.press("o")
        assert screen.list_id == "organizations" and screen.rows
        await pilot.press("q")
    assert app.return_code == 0


def test_in_a_real_terminal(batch, tmp_path):
    env = {"NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader(str(batch)), cols=110, rows=30, env=env) as app:  # the batched folder itself
        app.wait_for("Speakers", 60)
        app.wait_for("Salinas", 10)
        app.settle()
        assert "articles" in app.text.splitlines()[0] and "quotes" in app.text.splitlines()[0]
        app.press("/")
        for ch in "hold them":
            app.press(ch)
        app.press("\r")
        app.wait_for("matches", 10)
        app.press("\r")
        app.wait_for("Mining giant and union reach deal", 30)
        app.wait_for("quote 1/1", 30)  # the one quote with these words: its article's only hit
        app.press("\x1b")
        app.wait_for("Salinas", 10)
        app.press("q")
        assert app.close() == 0
