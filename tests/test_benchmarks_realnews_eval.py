"""The real-news harness on a tiny article written for this test (not real news), with the real engine."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks import realnews_eval as rn
from tui.model import Analysis, EntityKind, Mention, Speaker, SpeakerKind

TEXT = """Harbour town votes to rebuild its old pier

PORTVALE — Councillors in Portvale voted on Tuesday to rebuild the town's storm-damaged pier.

"We have waited three winters for this," said Mayor Helen Marsh. "The pier is the heart of the town."

The Portvale Harbour Trust welcomed the decision. "Work can start in the spring," the trust said in a statement.

Fisherman Tom Reyes was less sure. "I will believe it when I see the first pile driven," he said.
"""

GOLD = {
    "url": "https://example.invalid/pier",
    "headline": "Harbour town votes to rebuild its old pier",
    "outlet": "Test Gazette",
    "country": "Nowhere",
    "source_type": "local",
    "genre": "politics",
    "query": "none: written for the test",
    "quotes": [
        {"begins": "We have waited", "ends": "for this", "speaker": "Helen Marsh", "speaker_kind": "person",
         "aliases": ["Marsh"]},
        {"begins": "The pier is", "ends": "of the town", "speaker": "Helen Marsh", "speaker_kind": "person",
         "aliases": ["Marsh"]},
        {"begins": "Work can start", "ends": "spring", "speaker": "Portvale Harbour Trust",
         "speaker_kind": "organization", "aliases": ["the trust"]},
        {"begins": "I will believe", "ends": "pile driven", "speaker": "Tom Reyes", "speaker_kind": "person",
         "aliases": ["Reyes"]},
    ],
    "entities": [
        {"name": "Portvale", "kind": "place", "aliases": []},
        {"name": "Helen Marsh", "kind": "person", "aliases": ["Marsh", "Mayor Helen Marsh"]},
        {"name": "Portvale Harbour Trust", "kind": "organization", "aliases": ["the trust"]},
        {"name": "Tom Reyes", "kind": "person", "aliases": ["Reyes"]},
    ],
}  # fmt: skip


@pytest.fixture
def batch(tmp_path):
    root, manifests = tmp_path / "realnews", tmp_path / "manifests"
    (root / "t01").mkdir(parents=True)
    (root / "t01" / "t01_01_pier.txt").write_text(TEXT, encoding="utf-8")
    (root / "t01" / "t01_01_pier.ann.json").write_text(json.dumps(GOLD), encoding="utf-8")
    rn.build("t01", root, manifests)
    return root, manifests


def test_manifest_holds_offsets_and_hashes_not_sentences(batch):
    root, manifests = batch
    raw = (manifests / "t01.json").read_text(encoding="utf-8")
    assert "waited" not in raw and "pile driven" not in raw
    (entry,) = json.loads(raw)["articles"]
    spans = [TEXT[q["start"] : q["end"]] for q in entry["quotes"]]
    assert spans == [
        "We have waited three winters for this,",
        "The pier is the heart of the town.",
        "Work can start in the spring,",
        "I will believe it when I see the first pile driven,",
    ]
    assert [q["hash"] for q in entry["quotes"]] == [rn.short_hash(s) for s in spans]


def test_locate_quote_refuses_missing_and_ambiguous_quotes():
    with pytest.raises(rn.HarnessError, match="not found"):
        rn.locate_quote(TEXT, "Councillors in", "pier")  # not between quote marks
    with pytest.raises(rn.HarnessError, match="ambiguous"):
        rn.locate_quote('"Yes," she said. "Yes," he said.', "Yes", "Yes")


def test_names_match_after_normalising():
    assert rn.same_speaker("Helen Marsh", [], "Mrs. Helen Marsh")
    assert rn.same_speaker("Portvale Harbour Trust", ["the trust"], "Trust")
    assert rn.same_speaker("Tom O’Neill", [], "tom o'neill")
    # A possessive is dropped whichever apostrophe spells it.
    assert rn.normalise_name("Harbour Trust’s") == rn.normalise_name("Harbour Trust's") == "harbour trust"
    assert rn.normalise_name("THE TRUST’S") == "trust"
    # Articles and a counting "one" do not change who is described; "one of" does.
    assert rn.same_speaker("one woman", [], "woman")
    assert rn.same_speaker("one of the residents, a teacher", [], "one of the residents, teacher")
    assert not rn.same_speaker("one of the residents", [], "residents")
    assert not rn.same_speaker("Tom Reyes", ["Reyes"], "Fisherman Tom Reyes")
    assert rn.same_speaker(None, [], None)
    assert not rn.same_speaker(None, [], "Helen Marsh")
    assert not rn.same_speaker("Helen Marsh", [], None)


def test_an_entity_the_gazetteer_names_in_full_matches_the_gold_by_its_written_form():
    forms = [rn.name_forms("US", []), rn.name_forms("Hillary Clinton", ["Clinton"])]
    assert rn.entity_fits("United States", ["U.S.", "US"], forms) == [0]
    assert rn.entity_fits("United Kingdom", ["UK"], forms) == []
    # The name decides first: a mention shared with someone else does not make a second fit.
    assert rn.entity_fits("Hillary Clinton", ["Clinton", "US"], forms) == [1]


def test_score_with_the_real_engine_is_consistent(batch, nlp):
    root, manifests = batch
    counts = rn.score_batch("t01", nlp, root, manifests)
    f = counts.figures()
    assert f["articles"] == 1 and f["gold_quotes"] == 4
    wrong = [e for e in counts.errors if e.startswith("wrong speaker")]
    missed = [e for e in counts.errors if e.startswith("missed quote")]
    assert counts.found + len(missed) == 4
    assert counts.speaker_right + len(wrong) == counts.found
    assert counts.found >= 3  # every quote here has its marks and a cue next to it


def test_scores_of_a_known_prediction(batch, nlp):
    """The engine's own analysis, with quotes and entities set by hand, gives figures worked out by hand."""
    from tui.analysis import analyse
    from tui.document import load_article

    root, manifests = batch
    path = root / "t01" / "t01_01_pier.txt"
    entry = rn.load_manifest("t01", manifests)["articles"][0]
    article = load_article(str(path))
    real = analyse(article, nlp)
    q1, q2, q3, q4 = sorted(real.quotes, key=lambda q: q.start)[:4]
    speakers = [
        Speaker("s-marsh", "Mrs. Helen Marsh", SpeakerKind.PERSON, None, []),
        Speaker("s-short", "Marsh", SpeakerKind.PERSON, None, []),
    ]
    quotes = [
        replace(q1, speaker_id="s-marsh"),  # right: honorific dropped
        replace(q2, speaker_id="s-short"),  # right: an alias
        replace(q3, speaker_id=None),  # found, wrong: the trust said it
        replace(q4, start=q4.start, end=q4.start + 10, speaker_id=None),  # under half of gold 4: extra, gold missed
        replace(q1, id="echo", speaker_id=None, echo_of=q1.id),  # echoes are left out
    ]
    e = real.entities[0]

    def entity(name: str, kind: EntityKind):
        return replace(e, id=name, name=name, kind=kind, mentions=[Mention(0, 1, name)])

    entities = [
        entity("Portvale", EntityKind.PLACE),
        entity("Helen Marsh", EntityKind.PERSON),
        entity("Marsh", EntityKind.PERSON),  # a second entry for the same person
        entity("Portvale Harbour Trust", EntityKind.PLACE),  # kind confusion
        entity("Tom Reyes", EntityKind.PERSON),
    ]
    analysis = Analysis(article.source, entities, quotes, speakers)
    counts = rn.Counts()
    rn.score_quotes(entry, article, analysis, counts)
    rn.score_entities(entry, analysis, counts)
    f = counts.figures()
    assert (f["gold_quotes"], f["predicted_quotes"], f["found"], f["speaker_right"]) == (4, 4, 3, 2)
    assert (f["quote_recall"], f["quote_precision"], f["speaker_accuracy"]) == (0.75, 0.75, 0.6667)
    people, places, orgs = (f["entities"][k] for k in ("person", "place", "organization"))
    assert (people["precision"], people["recall"]) == (0.6667, 1.0)
    assert (places["precision"], places["recall"]) == (0.5, 1.0)
    assert (orgs["precision"], orgs["recall"]) == (None, 0.0)
    assert f["kind_confusions"] == {"organization->place": 1}


def test_a_changed_text_is_refused_with_where_to_collect_it(batch, nlp):
    root, manifests = batch
    (root / "t01" / "t01_01_pier.txt").write_text(TEXT + "\nMore.\n", encoding="utf-8")
    with pytest.raises(rn.HarnessError, match="differs from the manifest.*example.invalid/pier"):
        rn.score_batch("t01", nlp, root, manifests)


def test_a_missing_text_stops_the_score_unless_skipped(batch, nlp, capsys):
    """A text that could not be restored names where to collect it; --skip-missing leaves it out
    and says so, and never goes with --record (a first run covers whole batches)."""
    root, manifests = batch
    (root / "t01" / "t01_01_pier.txt").unlink()
    with pytest.raises(rn.MissingText, match="text missing.*example.invalid/pier"):
        rn.score_batch("t01", nlp, root, manifests)
    counts = rn.score_batch("t01", nlp, root, manifests, skip_missing=True)
    assert counts.articles == 0
    assert "skipped: t01_01_pier: text missing" in capsys.readouterr().err
    assert rn.main(["score", "t01", "--record", "--skip-missing", "--manifests", str(manifests)]) != 0


def test_first_runs_are_recorded_once(tmp_path):
    path = tmp_path / "first_runs.json"
    rn.record({"t01": {"quote_recall": 1.0}}, path)
    with pytest.raises(rn.HarnessError, match="already recorded"):
        rn.record({"t01": {"quote_recall": 0.5}}, path)
    runs = json.loads(path.read_text(encoding="utf-8"))
    assert [(r["batch"], r["figures"]["quote_recall"]) for r in runs] == [("t01", 1.0)]


def test_score_leaves_the_held_out_batch_alone_unless_named(batch, monkeypatch, capsys):
    root, manifests = batch
    (manifests / "final.json").write_text((manifests / "t01.json").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_REALNEWS", str(root))
    assert rn.main(["score", "--json", "--manifests", str(manifests)]) == 0
    out = capsys.readouterr()
    assert list(json.loads(out.out)["batches"]) == ["t01"]
    assert f"engine: {rn.engine_checkout()}" in out.err


def test_score_leaves_a_batch_with_no_first_run_alone_unless_named(batch, monkeypatch, capsys):
    root, manifests = batch
    (manifests / "t02.json").write_text((manifests / "t01.json").read_text(encoding="utf-8"), encoding="utf-8")
    rn.record({"t01": {"quote_recall": 1.0}}, manifests / "first_runs.json")
    monkeypatch.setenv("NEWSREADER_REALNEWS", str(root))
    assert rn.main(["score", "--json", "--manifests", str(manifests)]) == 0
    out = capsys.readouterr()
    assert list(json.loads(out.out)["batches"]) == ["t01"]
    assert "left out (no first run yet; name them to score): t02" in out.err


def test_the_engine_scored_is_the_one_this_interpreter_imports():
    import tui

    assert rn.engine_checkout() / "tui" / "__init__.py" == Path(tui.__file__).resolve()


def test_a_quote_repeated_word_for_word_is_picked_by_nth():
    text = 'Title\n\n"Same words," she said.\n\n"Same words," he said.\n'
    first, second = rn.locate_quote(text, "Same", "words", 0, 1), rn.locate_quote(text, "Same", "words", 0, 2)
    assert first < second and text[second[0] : second[1]] == "Same words,"
    with pytest.raises(rn.HarnessError, match="nth=3"):
        rn.locate_quote(text, "Same", "words", 0, 3)


def test_figures_broken_down_by_a_manifest_field(batch, monkeypatch, capsys):
    root, manifests = batch
    monkeypatch.setenv("NEWSREADER_REALNEWS", str(root))
    assert rn.main(["score", "t01", "--json", "--by", "genre", "--manifests", str(manifests)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["by_genre"]["politics"]["gold_quotes"] == out["overall"]["gold_quotes"] == 4


def test_first_runs_table_lists_every_record_in_order(tmp_path):
    path = tmp_path / "first_runs.json"
    figures = {
        "articles": 1,
        "gold_quotes": 4,
        "quote_recall": 1.0,
        "quote_precision": 0.75,
        "speaker_accuracy": 0.5,
        "speaker_end_to_end": 0.5,
        "entities": {k: {"precision": None, "recall": 1.0} for k in rn.KINDS},
    }
    rn.record({"t02": figures}, path)
    rn.record({"t01": figures}, path)
    rows = rn.first_runs_table(json.loads(path.read_text(encoding="utf-8"))).splitlines()
    assert [r.split(" | ")[0] for r in rows[2:]] == ["| t02", "| t01"]
    assert "| 100.0 / 75.0 | 50.0 / 50.0 | n/a / 100.0 |" in rows[2]


def test_a_description_left_unresolved_counts_only_in_the_lenient_figure(tmp_path):
    """The gold lists a speaker's titles as aliases, so "judge" is right for Judge Ann Cole in
    the lenient figure and wrong in the named one."""
    from tui.analysis import analyse, load_pipeline
    from tui.document import load_article

    text = 'Court\n\nJudge Ann Cole heard the case.\n\n"Sit down," the judge said.\n'
    root = tmp_path / "news"
    (root / "t02").mkdir(parents=True)
    path = root / "t02" / "t02_01_court.txt"
    path.write_text(text, encoding="utf-8")
    gold = {
        "url": "https://example.org/a",
        "headline": "Court",
        "outlet": "x",
        "country": "x",
        "source_type": "local",
        "genre": "courts",
        "query": "q",
        "quotes": [
            {
                "begins": "Sit down",
                "ends": "Sit down",
                "speaker": "Ann Cole",
                "speaker_kind": "person",
                "aliases": ["Cole", "the judge"],
            }
        ],
        "entities": [{"name": "Ann Cole", "kind": "person", "aliases": ["Cole"]}],
    }
    (root / "t02" / "t02_01_court.ann.json").write_text(json.dumps(gold), encoding="utf-8")
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    rn.build("t02", root, manifests)
    entry = rn.load_manifest("t02", manifests)["articles"][0]
    article = load_article(str(path))
    real = analyse(article, load_pipeline())
    quote = real.quotes[0]
    for speaker, named in (
        (Speaker("u1", "judge", SpeakerKind.UNNAMED, None, []), 0),
        (Speaker("p1", "Ann Cole", SpeakerKind.PERSON, None, []), 1),
    ):
        counts = rn.Counts()
        analysis = Analysis(article.source, real.entities, [replace(quote, speaker_id=speaker.id)], [speaker])
        rn.score_quotes(entry, article, analysis, counts)
        f = counts.figures()
        assert (f["speaker_right"], f["speaker_named_accuracy"]) == (1, float(named))
