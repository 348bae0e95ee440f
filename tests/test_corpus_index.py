"""`newsreader index`: batch shards into SQLite with FTS5; names merged across articles."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus_support import CORPUS, make_archive
from tui.corpus.batch import BatchOptions, run_batch
from tui.corpus.index import build_index, merge_key
from tui.corpus.query import Corpus, CorpusError, fts_query
from tui.corpus.shards import read_table

ROOT = Path(__file__).resolve().parent.parent
FOLLOW_UP = (
    "\n\nIn a later interview Salinas said the union would watch the company closely. "
    '"We will hold them to every word," Salinas said in Santiago.\n'
)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("index")
    archive = make_archive(root, picks=("15_wire_two_people.txt", "12_org_statements.txt"))
    # The same people in a second article (a follow-up story): they must merge in the index.
    follow = archive / "desk-a" / "16_follow_up.txt"
    follow.write_text(
        (CORPUS / "15_wire_two_people.txt").read_text("utf-8").replace("\n(Reporting", FOLLOW_UP + "(Reporting"), "utf-8"
    )
    out = root / "out"
    run_batch(BatchOptions([str(archive)], out, workers=1))
    return out


@pytest.fixture(scope="module")
def index(batch) -> Path:
    build_index(batch, batch / "corpus.db")
    return batch / "corpus.db"


def test_merge_key():
    assert merge_key("U.S.") == merge_key("US") == "us"
    assert merge_key("the Kremlin") == merge_key("Kremlin")
    assert merge_key("José  Núñez") == merge_key("jose nunez")
    assert merge_key("Zelenskiy") != merge_key("Zelensky")


def test_every_row_is_loaded(batch, index):
    db = sqlite3.connect(index)
    for table in ("articles", "quotes", "entities", "speakers", "mentions", "errors"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == read_table(batch, table).num_rows, table
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_names_merge_across_articles_and_keep_each_articles_ids(index):
    db = sqlite3.connect(index)
    rows = db.execute("SELECT n.id, n.kind, n.name FROM names n WHERE n.key = 'salinas' OR n.key LIKE '%salinas'").fetchall()
    assert len(rows) == 1 and rows[0][1] == "person"
    name_id = rows[0][0]
    quotes, articles = db.execute("SELECT quotes, articles FROM name_stats WHERE name_id = ?", (name_id,)).fetchone()
    per_article = db.execute("SELECT article, local_id FROM entities WHERE name_id = ? ORDER BY article", (name_id,)).fetchall()
    assert articles == 2 and len(per_article) == 2
    assert all(local.startswith("person-") for _, local in per_article)
    # The follow-up adds one quote to the ones of the original story, counted once per article.
    single = db.execute(
        "SELECT count(*) FROM quotes q JOIN entities e ON e.article = q.article AND e.local_id = q.speaker_local_id WHERE e.name_id = ?",
        (name_id,),
    ).fetchone()[0]
    assert quotes == single and quotes >= 3
    # Places keep their kind apart from people.
    assert db.execute("SELECT kind FROM names WHERE key = 'santiago'").fetchall() == [("place",)]


def test_full_text_search_over_quotes_and_texts(index):
    corpus = Corpus(index)
    hits = corpus.search("hold them to every")
    assert hits and hits[0].text.startswith("We will hold them to every word") and hits[0].speaker
    article = corpus.article(hits[0].article)
    assert article.text[hits[0].start : hits[0].end] == hits[0].text
    text_hits = corpus.search("copper prices")
    assert any("Copper prices" in h.text for h in text_hits)
    assert corpus.search('"; DROP TABLE quotes; --') == []  # user words are never FTS syntax or SQL
    assert fts_query('a "b') == '"a" """b"*'


def test_corpus_queries(index):
    corpus = Corpus(index)
    speakers = corpus.names("speakers")
    assert speakers[0].quotes >= speakers[-1].quotes
    top = next(r for r in speakers if merge_key(r.name).endswith("salinas"))
    hits = corpus.hits_of(top.name_id)
    assert len(hits) == top.quotes and {h.title for h in hits} == {
        "Mining giant and union reach deal to end Andean copper strike"
    }
    places = corpus.names("places")
    santiago = next(r for r in places if r.name == "SANTIAGO" or merge_key(r.name) == "santiago")
    place_hits = corpus.hits_of(santiago.name_id)
    assert place_hits and all("santiago" in h.text.lower() for h in place_hits)


def test_damaged_or_foreign_files_are_one_line_errors(tmp_path, batch):
    bad = tmp_path / "corpus.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(CorpusError):
        Corpus(bad)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(CorpusError, match="not a newsreader corpus index"):
        Corpus(other)
    run = subprocess.run(
        [sys.executable, "-m", "tui", "index", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "no batch shards" in run.stderr
    ok = subprocess.run(
        [sys.executable, "-m", "tui", "index", str(batch), "-o", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert ok.returncode == 0 and Corpus(tmp_path / "x.db").totals.articles == 3
