"""How the corpus view looks (update with `pytest --snapshot-update`, then look at the SVG).

The index is built from the frozen analysis of the seed (as the reader's snapshots are), written
as batch rows directly, so an engine change does not change these screens."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tui.corpus.index import build_index
from tui.corpus.query import Corpus
from tui.corpus.shards import ShardData, encode, write_shard
from tui.corpus.tables import add_article, empty_rows, text_hash, to_tables
from tui.model import Analysis
from tui.screens.corpus import corpus_app

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"


@pytest.fixture
def index(tmp_path, seed_article, seed_path) -> Path:
    article = dataclasses.replace(seed_article, source=f"seeds/{seed_path.name}")
    analysis = Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))
    rows = empty_rows()
    add_article(rows, article, analysis, digest=text_hash(article), date="2025-03-11")
    out = tmp_path / "out"
    write_shard(out, 1, ShardData(encode(to_tables(rows))))
    build_index(out, out / "corpus.db")
    return out / "corpus.db"


def test_corpus_view_lists(snap_compare, index):
    assert snap_compare(corpus_app(Corpus(index)), terminal_size=(100, 30))


def test_corpus_view_quotes_of_a_speaker(snap_compare, index):
    assert snap_compare(corpus_app(Corpus(index)), press=["enter"], terminal_size=(100, 30))


def _hostile_index(tmp_path, seed_article, name: str, title: str) -> Path:
    article = dataclasses.replace(seed_article, source="hostile.txt", title=title)
    analysis = Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))
    for entity in analysis.entities:
        entity.name = name
    for speaker in analysis.speakers:
        speaker.name = name
    rows = empty_rows()
    add_article(rows, article, analysis, digest=text_hash(article), date="2025-03-11")
    out = tmp_path / "hostile"
    write_shard(out, 1, ShardData(encode(to_tables(rows))))
    build_index(out, out / "corpus.db")
    return out / "corpus.db"


async def test_names_and_titles_are_shown_as_text_never_markup_or_escapes(tmp_path, seed_article):
    from tui.widgets.line_table import LineTable

    index = _hostile_index(tmp_path, seed_article, "[bold red]Mallory[/] \x1b[2J\x07", "Title [link=x]y[/link] \x9b31m")
    app = corpus_app(Corpus(index))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        names = app.screen.query_one("#names", LineTable)
        line = "".join(segment.text for segment in names.render_line(1))
        assert "[bold red]Mallory[/]" in line and "\x1b" not in line and "\x07" not in line
        await pilot.press("enter")
        hits = app.screen.query_one("#hits", LineTable)
        line = "".join(segment.text for segment in hits.render_line(1))
        assert "Title [link=x]y[/link]" in line and "\x9b" not in line


def test_a_batched_folder_opens_and_is_indexed_again_when_a_shard_is_newer(tmp_path, seed_article):
    import os
    import time

    from tui.corpus.open import corpus_index, open_corpus

    out = tmp_path / "out"
    rows = empty_rows()
    add_article(
        rows, seed_article, Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8"))), digest="a" * 64, date=None
    )
    write_shard(out, 1, ShardData(encode(to_tables(rows))))
    assert corpus_index(str(out)) == out / "corpus.db"
    assert corpus_index(str(tmp_path)) is None  # an ordinary folder is not a corpus
    assert open_corpus(out / "corpus.db").totals.articles == 1
    past = time.time() - 60
    os.utime(out / "corpus.db", (past, past))
    rows = empty_rows()
    add_article(
        rows, seed_article, Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8"))), digest="b" * 64, date=None
    )
    write_shard(out, 2, ShardData(encode(to_tables(rows))))
    assert open_corpus(out / "corpus.db").totals.articles == 2
