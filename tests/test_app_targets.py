"""What can be selected and walked, derived from an analysis (no widgets involved)."""

from __future__ import annotations

from tests.app_support import with_quotes
from tui.widgets.targets import (
    Target,
    other_rows,
    owner_at,
    place_rows,
    search_target,
    short_label,
    speaker_rows,
    target_for,
)


def test_walk_wraps_both_ways_and_counts():
    target = Target("entity", "x", "X", "mention", [(1, 2), (5, 6), (9, 10)])
    assert target.counter() == "mention 1/3"
    target.step(-1)
    assert target.counter() == "mention 3/3"
    target.step(1)
    assert target.current == (1, 2)
    assert target.seek(5, 1) == (9, 10)
    assert target.seek(9, 1) == (1, 2)  # past the last: wraps to the first
    assert target.seek(1, -1) == (9, 10)  # before the first: wraps to the last
    assert Target("search", "q", "/q", "match", []).counter() == "no matches"


def test_search_is_case_insensitive_and_offsets_are_exact():
    text = "İstanbul and ISTANBUL and istanbul; Straße STRASSE"
    target = search_target(text, "istanbul")
    assert [text[s:e] for s, e in target.walk] == ["İstanbul", "ISTANBUL", "istanbul"]
    assert [text[s:e] for s, e in search_target(text, "STRAẞE").walk] == ["Straße"]
    assert search_target(text, "[bold]").walk == []  # a literal search, not a pattern


def test_short_labels():
    assert short_label("Volodymyr Zelensky") == "Zelensky"
    assert short_label("a 44-year-old serviceman") == "a 44-year-old serviceman"
    assert short_label("Kremlin") == "Kremlin"


def test_rows_are_ranked_by_quotes_then_mentions(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis)
    speakers = speaker_rows(analysis)
    assert [r.count for r in speakers] == sorted((r.count for r in speakers), reverse=True)
    assert speakers[0].name == "Volodymyr Zelensky" and speakers[0].colour == 0
    places = place_rows(analysis)
    assert [r.count for r in places] == sorted((r.count for r in places), reverse=True)
    quoted = {s.entity_id for s in analysis.speakers}
    assert not any(r.option_id.split(":")[1] in quoted for r in other_rows(analysis))


def test_a_speaker_walks_quotes_and_marks_mentions_too(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis)
    rubio = next(s for s in analysis.speakers if s.name == "Marco Rubio")
    target = target_for(analysis, f"speaker:{rubio.id}")
    assert target.noun == "quote" and len(target.walk) == 2
    assert all(seed_article.text[s] == '"' for s, _ in target.walk)
    entity = analysis.entity(rubio.entity_id)
    assert {(m.start, m.end) for m in entity.mentions} <= set(target.marks)


def test_owner_of_a_click(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis)
    text = seed_article.text
    dunayevsky = next(s for s in analysis.speakers if s.name == "Roman Dunayevsky")
    assert owner_at(analysis, text.index("Peace will come")) == f"speaker:{dunayevsky.id}"
    kramatorsk = next(e for e in analysis.places if e.name == "Kramatorsk")
    assert owner_at(analysis, text.index("Kramatorsk") + 2) == f"entity:{kramatorsk.id}"
    assert owner_at(analysis, text.index("Tens of thousands")) is None


def test_only_people_get_short_labels(seed_article, seed_analysis):
    from tui.model import Speaker, SpeakerKind

    analysis = with_quotes(seed_article, seed_analysis)
    us = next(e for e in analysis.places if e.name == "United States")
    analysis.speakers.append(Speaker(us.id, us.name, SpeakerKind.PLACE, us.id, []))
    assert target_for(analysis, f"speaker:{us.id}").label == "United States"
    rubio = next(s for s in analysis.speakers if s.name == "Marco Rubio")
    assert target_for(analysis, f"speaker:{rubio.id}").label == "Rubio"


def test_a_speakers_walk_skips_headline_echoes_so_it_counts_like_the_list(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis)
    rubio = next(s for s in analysis.speakers if s.name == "Marco Rubio")
    first, second = (q for q in analysis.quotes if q.speaker_id == rubio.id)
    second.echo_of = first.id  # as if it repeated the first in a subhead
    rubio.quote_ids.remove(second.id)
    target = target_for(analysis, f"speaker:{rubio.id}")
    assert target.walk == [(first.outer_start, first.outer_end)]
    assert target.counter() == f"quote 1/{rubio.quote_count}"
    assert (second.outer_start, second.outer_end) in target.marks  # still marked in the text
