"""A small learned scorer over the typing evidence: person, place, organisation, or no entity.

The hand rules in `kinds` each read one kind of evidence and overrule the NER where that
evidence is explicit. Where several weak signals disagree ("Golden Vale": a given name, never a
subject, once, after "supplies to"), weighing them by hand does not scale; this scorer weighs
them as learned from the real-news annotations (`benchmarks/kind_model.py` trains it on the
development batches only and writes `kind_weights.json`). It is a multinomial logistic
regression: no library at run time, a few hundred multiplications per entity.

Every feature is also crossed with the kind the hand rules chose, so the scorer can learn, for
instance, that a spaCy EVENT label counts against an organisation but not against a place.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LABELS = ("person", "place", "organization", "none")
WEIGHTS_FILE = "kind_weights.json"


@dataclass(frozen=True, slots=True)
class Weights:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    features: Mapping[str, tuple[float, ...]]

    @classmethod
    def from_json(cls, raw: Mapping) -> Weights:
        """From the parsed `kind_weights.json` (as `benchmarks/kind_model.py` writes it)."""
        return cls(tuple(raw["labels"]), tuple(raw["bias"]), {k: tuple(v) for k, v in raw["weights"].items()})


LEXICAL = "w:"  # features named by a word ("w:last=cup"): many and sparse, so not crossed


def expand(features: Mapping[str, float], rule_kind: str) -> dict[str, float]:
    """The base features, and each one that is not a word again crossed with the hand rules' kind."""
    out = {name: value for name, value in features.items() if value}
    out.update({f"{rule_kind}&{name}": value for name, value in list(out.items()) if not name.startswith(LEXICAL)})
    out[f"rule={rule_kind}"] = 1.0
    return out


@lru_cache(maxsize=1)
def weights() -> Weights | None:
    """The trained weights shipped with the package (None if they are missing: rules only)."""
    try:
        raw = json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return Weights.from_json(raw)


def probabilities(features: Mapping[str, float], rule_kind: str) -> dict[str, float] | None:
    w = weights()
    if w is None:
        return None
    scores = list(w.bias)
    for name, value in expand(features, rule_kind).items():
        row = w.features.get(name)
        if row is not None:
            for i, weight in enumerate(row):
                scores[i] += weight * value
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {label: e / total for label, e in zip(w.labels, exps, strict=True)}
