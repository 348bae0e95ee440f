"""The developer-written corpus with gold speakers: floors just under today's figures, so a
regression in quote detection or attribution fails here. Figures: benchmarks/quote_eval.py."""

from __future__ import annotations

import json

import pytest

from benchmarks.quote_eval import CORPUS, evaluate, gold_files, same_speaker

# Measured when set: corpus recall 100%, speaker accuracy 97.9% (469 quotes, 99 articles; 40-99
# were written as unseen tests of the attribution rules, first run before any fix);
# seed 100% / 100% (17 quotes). Rules 68 (94.0%, 518 quotes) deleted org.antecedent ("the
# company said"), trade.antecedent, spokesperson.org and lede.later: on 2,513 real articles they
# cost 22 quotes (14 credited by name) and moved none on the newest blind batches; the corpus,
# written with them in mind, lost 16. Real news decides.
CORPUS_RECALL_FLOOR = 0.98
CORPUS_SPEAKER_FLOOR = 0.93


@pytest.fixture(scope="module")
def scores(nlp):
    return evaluate(nlp)


def test_corpus_is_big_enough_and_well_formed():
    pairs = [(a, g) for a, g in gold_files() if g.parent == CORPUS]
    assert len(pairs) >= 12
    for article, gold in pairs:
        data = json.loads(gold.read_text(encoding="utf-8"))
        assert data["quotes"], gold.name
        text = article.read_text(encoding="utf-8")
        for q in data["quotes"]:
            assert set(q) == {"start", "speaker"}
            assert q["start"].split()[0] in text, (gold.name, q["start"])


def test_corpus_floors(scores):
    corpus = scores["corpus"]
    assert corpus.gold >= 400
    assert corpus.recall >= CORPUS_RECALL_FLOOR, corpus.errors
    assert corpus.accuracy >= CORPUS_SPEAKER_FLOOR, corpus.errors


def test_seed_is_fully_right(scores):
    seed = scores["seed"]
    assert seed.gold == 17
    assert seed.recall == 1.0 and seed.accuracy == 1.0 and seed.precision == 1.0, seed.errors


@pytest.mark.parametrize(
    "gold,predicted,ok",
    [
        ("Zelensky", "Volodymyr Zelensky", True),
        ("44-year-old serviceman", "44-year-old serviceman", True),
        ("Marco Rubio", "Donald Trump", False),
        (None, None, True),
        (None, "Rubio", False),
        ("Rubio", None, False),
    ],
)
def test_speaker_matching_used_by_the_eval(gold, predicted, ok):
    assert same_speaker(gold, predicted) is ok
