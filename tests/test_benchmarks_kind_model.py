"""The kind scorer's trainer: batch ranges, a model learnt from rows, and the weights file format."""

from __future__ import annotations

import json

from benchmarks import kind_model
from tui.analysis import kind_scorer


def test_batch_ranges_cross_from_two_to_three_digits_and_skip_missing_manifests():
    names = kind_model.batch_range("b98-b101")
    assert names == [n for n in ("b98", "b99", "b100", "b101") if (kind_model.R.MANIFESTS / f"{n}.json").is_file()]
    assert "b100" in names


def _row(label: str, rule: str, **evidence: float) -> dict:
    return {"batch": "b01", "id": "x", "name": "x", "rule": rule, "label": label, "evidence": evidence}


def test_training_learns_what_separates_the_labels_and_the_file_reads_back(tmp_path, monkeypatch):
    rows = [_row("person", "person", **{"spacy=PERSON": 1.0}) for _ in range(30)]
    rows += [_row("place", "person", **{"spacy=GPE": 1.0}) for _ in range(30)]
    rows += [_row("none", "organization", digit=1.0) for _ in range(30)]
    weights = kind_model.train(rows, l2=1e-4, steps=300)
    path = tmp_path / kind_scorer.WEIGHTS_FILE
    path.write_text(kind_model.weights_text({**weights, "trained_on": "b01"}), encoding="utf-8")
    assert json.loads(path.read_text())["weights"] == weights["weights"]
    loaded = kind_scorer.Weights.from_json(json.loads(path.read_text()))  # the file as written
    monkeypatch.setattr(kind_scorer, "weights", lambda: loaded)
    for features, rule, expected in (
        ({"spacy=PERSON": 1.0}, "person", "person"),
        ({"spacy=GPE": 1.0}, "person", "place"),
        ({"digit": 1.0}, "organization", "none"),
    ):
        probs = kind_scorer.probabilities(features, rule)
        assert probs is not None and max(probs, key=probs.__getitem__) == expected
