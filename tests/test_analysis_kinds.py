"""Entity kinds decided once, from the grammar around every mention: short texts written for
these tests, through the real pipeline."""

from __future__ import annotations

from tui.model import EntityKind


def kind_of(analysis, name: str) -> EntityKind:
    hits = [e for e in analysis.entities if e.name == name]
    assert hits, (name, [(e.name, e.kind.value) for e in analysis.entities])
    return hits[0].kind


def test_a_name_in_apposition_to_a_relative_is_a_person(analyse_text):
    _, an = analyse_text(
        "Fight night\n\n"
        "Okoro trains six days a week at a gym in Leeds.\n\n"
        'His mother, Grace, will be ringside. "I close my eyes and pray," she says.\n'
    )
    assert kind_of(an, "Grace") is EntityKind.PERSON
    grace = next(s for s in an.speakers if s.name == "Grace")
    assert grace.kind.value == "person"


def test_a_company_suffix_or_a_trade_noun_makes_an_organisation(analyse_text):
    _, an = analyse_text(
        "Brewer sold\n\n"
        "Dutch brewer Hoogland agreed on Monday to sell its African business. "
        '"This lets us focus on Europe," the Dutch company said.\n\n'
        "On Tuesday, Castellan Beverages said it was not interested.\n"
    )
    assert kind_of(an, "Hoogland") is EntityKind.ORGANIZATION
    assert kind_of(an, "Castellan Beverages") is EntityKind.ORGANIZATION
    assert next(s for s in an.speakers if s.name == "Hoogland").kind.value == "organization"


def test_a_title_noun_that_can_name_a_person_does_not_make_an_organisation(analyse_text):
    _, an = analyse_text(
        "Debate\n\n"
        "The moderator, veteran broadcaster Alan Price, had to intervene twice. "
        '"Let\'s give each other room to finish," he said.\n'
    )
    assert kind_of(an, "Alan Price") is EntityKind.PERSON


def test_kinds_are_the_same_for_entity_and_speaker(analyse_text, seed_analysis):
    for an in (seed_analysis,):
        for s in an.speakers:
            if s.entity_id is not None:
                assert an.entity(s.entity_id).kind.value == s.kind.value
    assert not {e.name for e in seed_analysis.places} & {e.name for e in seed_analysis.people}


def test_a_name_the_next_he_refers_to_is_a_person_even_past_a_place(analyse_text):
    _, an = analyse_text(
        "Crowds gather\n\n"
        "Marco Bellini is a 30-year-old chef from Ponte Alto near Milan.\n\n"
        "He arrived before dawn with two friends.\n\n"
        'He says: "I wanted to see it with my own eyes."\n'
    )
    quote = next(q for q in an.quotes if q.text.startswith("I wanted"))
    speaker = an.speaker(quote.speaker_id)
    assert speaker is not None and speaker.name == "Marco Bellini"
    assert speaker.kind.value == "person"
