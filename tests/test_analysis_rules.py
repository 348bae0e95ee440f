"""The reason carried with each quote, echoes of body quotes, and switching rules off: through
the real pipeline on short texts written for these tests."""

from __future__ import annotations

import pytest

from tui.analysis.rules import RULES, enabled, switched_off


def quote(analysis, start: str):
    hits = [q for q in analysis.quotes if q.text.startswith(start)]
    assert hits, (start, [q.text for q in analysis.quotes])
    return hits[0]


def speaker(analysis, q):
    return next((s for s in analysis.speakers if s.id == q.speaker_id), None)


STORY = (
    "Council backs new bridge\n\n"
    "Mayor Helen Ortiz said the vote was a turning point. "
    '"We have waited twenty years for this," Ortiz said.\n\n'
    '"The river will not divide us any more," she added.\n\n'
    '"Construction starts in spring."\n'
)


def test_every_attributed_quote_says_why(analyse_text):
    article, an = analyse_text(STORY)
    q = quote(an, "We have waited")
    assert q.attribution.rule == "cue.after"
    assert q.attribution.explanation == "cue 'Ortiz said', right after the quote"
    (cue,) = q.attribution.evidence
    assert article.text[cue.start : cue.end] == "Ortiz said"

    q = quote(an, "The river will not")
    assert q.attribution.rule == "pronoun.person"
    assert "she → Helen Ortiz" in q.attribution.explanation
    cue, antecedent = q.attribution.evidence
    assert article.text[cue.start : cue.end] == "she added"
    assert article.text[antecedent.start : antecedent.end] in ("Ortiz", "Helen Ortiz")

    q = quote(an, "Construction starts")
    assert q.attribution.rule == "inherit.speaker"
    assert speaker(an, q).name == "Helen Ortiz"
    assert all(q.attribution.rule in RULES for q in an.quotes if q.attribution)


def test_unattributed_quote_has_no_reason(analyse_text):
    _, an = analyse_text('Signs\n\nThe banner read "No entry" in red letters.\n')
    q = quote(an, "No entry")
    assert q.speaker_id is None and q.attribution is None


def test_headline_quote_is_an_echo_and_not_counted(analyse_text):
    _, an = analyse_text(
        "Mayor: 'We have waited twenty years'\n\n"
        "Mayor Helen Ortiz welcomed the vote on Tuesday. "
        '"We have waited twenty years for this," Ortiz said.\n'
    )
    head, body = an.quotes[0], quote(an, "We have waited twenty years for this")
    assert head.echo_of == body.id and body.echo_of is None
    assert head.speaker_id == body.speaker_id
    assert head.attribution.rule == "echo"
    assert speaker(an, body).quote_ids == [body.id]


def test_switching_a_rule_off_changes_the_outcome(analyse_text):
    with switched_off("pronoun.person", "pronoun.speaker"):  # the second is the first's fallback
        assert not enabled("pronoun.person")
        _, an = analyse_text(STORY)
    assert enabled("pronoun.person")
    assert quote(an, "The river will not").speaker_id is None
    with switched_off("cue.after", "cue.governing", "cue.sentence"):
        _, an = analyse_text(STORY)
    # With no cue at all, the later quotes still inherit from the narration's subject.
    assert quote(an, "We have waited").attribution is None or quote(an, "We have waited").attribution.rule.startswith("inherit")


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError), switched_off("no.such.rule"):
        pass
