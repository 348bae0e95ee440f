"""The corpus entity gold (tests/corpus/*.gold.json "entities") and its scorer, with the real engine."""

from __future__ import annotations

import json

import pytest

from benchmarks.corpus_entity_eval import evaluate
from benchmarks.quote_eval import gold_files
from benchmarks.realnews_eval import KINDS
from tui.document import load_article

PAIRS = gold_files()


@pytest.mark.parametrize(("article", "gold"), PAIRS, ids=[g.name for _, g in PAIRS])
def test_every_gold_entity_is_named_in_its_article(article, gold):
    entities = json.loads(gold.read_text(encoding="utf-8"))["entities"]
    text = load_article(str(article)).text.lower()
    names = [e["name"] for e in entities]
    assert len(names) == len(set(names))
    forms: dict[str, str] = {}
    for e in entities:
        assert e["kind"] in KINDS
        assert any(f.lower() in text for f in [e["name"], *e["aliases"]]), e
        for f in [e["name"], *e["aliases"]]:
            assert forms.setdefault(f, e["name"]) == e["name"], f"{f!r} names two entities"


def test_the_seed_scored_with_the_real_engine(nlp):
    seed = [(a, g) for a, g in PAIRS if g.parent.name == "seed"]
    counts = evaluate(nlp, seed)
    gold = len(json.loads(seed[0][1].read_text(encoding="utf-8"))["entities"])
    f = counts.figures()
    assert f["articles"] == 1
    assert sum(e["gold"] for e in f["entities"].values()) == gold
    missed = sum(1 for e in counts.errors if e.startswith("entity missed"))
    assert sum(counts.entity_found.values()) + missed == gold
    assert sum(counts.entity_right.values()) == sum(counts.entity_found.values())
    assert f["entities"]["person"]["recall"] == 1.0  # Zelensky, Trump, Rubio, Putin, Peskov, Waltz, Dunayevsky
