"""The learned entity-kind scorer: the weights ship, were trained on the development batches only,
and weigh the evidence the way the annotations taught them."""

from __future__ import annotations

import json
import math
from importlib import resources

from tui.analysis import kind_scorer
from tui.analysis.rules import switched_off


def test_the_weights_ship_with_the_package_and_were_trained_on_development_batches_only():
    raw = json.loads(resources.files("tui.analysis").joinpath(kind_scorer.WEIGHTS_FILE).read_text("utf-8"))
    # The blind batches from b125 on measure the scorer: none of them may be in its training set.
    assert raw["trained_on"] == "b01-b124"
    weights = kind_scorer.weights()
    assert weights is not None and weights.labels == kind_scorer.LABELS
    assert len(weights.features) > 500


def test_word_features_are_not_crossed_with_the_rules_kind_and_the_others_are():
    out = kind_scorer.expand({"speaks": 1.0, "w:last=cup": 1.0, "digit": 0.0}, "organization")
    assert out == {"speaks": 1.0, "w:last=cup": 1.0, "organization&speaks": 1.0, "rule=organization": 1.0}


def _evidence(**features: float) -> dict[str, float]:
    return {"mentions": math.log1p(2), **features}


def test_the_obvious_readings_win():
    person = kind_scorer.probabilities(
        _evidence(**{"ner=person": 1, "spacy=PERSON": 1, "given_first": 1, "person_shaped": 1, "speaks": 1, "words=2": 1}),
        "person",
    )
    place = kind_scorer.probabilities(
        _evidence(
            **{"ner=place": 1, "spacy=GPE": 1, "gazetteer=country": 1, "gazetteer_big": 1, "object_of_in": 1, "words=1": 1}
        ),
        "place",
    )
    assert person is not None and place is not None
    assert max(person, key=person.__getitem__) == "person"
    assert max(place, key=place.__getitem__) == "place"
    assert math.isclose(sum(person.values()), 1.0)


def test_the_scorer_drops_an_amount_and_makes_a_person_of_who_speaks(analyse_text):
    text = (
        "Dealer fined after raid\n\n"
        "Police in Lagos said officers found N7,180 and a Ford F-150 at the house of a trader on Monday.\n\n"
        '"We will prosecute him," Superintendent Ade Bello said. The Premier League match between '
        "Arsenal and Chelsea went ahead on Saturday.\n\n"
        "Bello said the trader had told officers that he bought the truck in Abuja.\n"
    )
    _, on = analyse_text(text)
    # entities.titled_other_label would make a person of the titled name on its own.
    with switched_off("kinds.learned", "entities.titled_other_label"):
        _, off = analyse_text(text)
    kinds_on = {e.name: e.kind.value for e in on.entities}
    kinds_off = {e.name: e.kind.value for e in off.entities}
    # The hand rules keep the amount and take the speaker for a place.
    assert "N7,180" in kinds_off and kinds_off["Bello"] == "place"
    assert "N7,180" not in kinds_on
    assert kinds_on["Ade Bello"] == "person"
    assert kinds_on["Lagos"] == kinds_on["Abuja"] == "place"
