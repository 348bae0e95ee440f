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
