"""Quote marks alone: which stretches of a block are quoted, without any parsing."""

from __future__ import annotations

import pytest

from tui.analysis.quote_marks import find_marked


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked(text, 0, len(text))]


def test_straight_double_quotes_drop_marks_and_trailing_comma():
    assert quoted('"We want peace," Rubio said.') == ["We want peace"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "\"If the response is, 'yes', then we know we've made progress,\" he added."
    assert quoted(text) == ["If the response is, 'yes', then we know we've made progress"]


def test_uk_single_quotes_with_apostrophes_inside():
    text = "'I don't think it's the club's fault,' he said, 'but we'll see.'"
    assert quoted(text) == ["I don't think it's the club's fault", "but we'll see."]


def test_uk_single_quotes_with_nested_double():
    text = "'They told people the water \"wouldn't get that high\". It did,' she said."
    assert quoted(text) == ['They told people the water "wouldn\'t get that high". It did']


@pytest.mark.parametrize(
    "text",
    [
        "Russia's army and the soldiers' families don't agree.",
        "Prices last seen in the '90s returned.",
        "Rock ’n’ roll is back, and it’s loud.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert quoted(text) == []


def test_curly_quotes_pair_by_direction():
    text = "“We are ‘very’ pleased,” the company said. “Next year will be better.”"
    assert quoted(text) == ["We are ‘very’ pleased", "Next year will be better."]


def test_headline_single_quote_at_end():
    assert quoted("US wants Russia to agree to Ukraine truce 'unconditionally'") == ["unconditionally"]


def test_unclosed_quote_runs_to_the_end_of_its_block_only():
    text = '"For thirty years we waited.\n"Now the waiting is over."'
    first_block = text.index("\n")
    spans = find_marked(text, 0, first_block)
    assert len(spans) == 1 and not spans[0].closed
    assert text[spans[0].start : spans[0].end] == "For thirty years we waited."
    assert spans[0].outer_end == first_block


def test_lone_single_mark_mid_paragraph_is_not_a_quote():
    assert quoted("The players' wages rose while 'the board said nothing.") == []


def test_offsets_are_relative_to_the_whole_text():
    text = 'Headline\nShe said it was "fine".'
    lo = text.index("\n") + 1
    (span,) = find_marked(text, lo, len(text))
    assert text[span.outer_start : span.outer_end] == '"fine"'
    assert text[span.start : span.end] == "fine"


# ---- properties -------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(['"', "'", "“", "”", "‘", "’", " ", "word", "it's", ",", ".", "\n", "Smith said", "'90s", ":"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_spans_are_ordered_disjoint_and_inside_the_block(pieces):
    text = "".join(pieces)
    spans = find_marked(text, 0, len(text))
    prev_end = 0
    for s in spans:
        assert prev_end <= s.outer_start <= s.start <= s.end <= s.outer_end <= len(text)
        assert text[s.outer_start] in "\"'“‘„‚«‹”"  # ” only before a word (quote.right_mark_opens)
        prev_end = s.outer_end


def test_deeply_alternating_marks_do_not_recurse_without_bound():
    text = " ".join(["\"a 'b"] * 5000)
    find_marked(text, 0, len(text))  # returns, no RecursionError


def test_many_stray_apostrophes_in_a_huge_block_stay_fast():
    import time

    text = "the ' quick " * 100_000
    t0 = time.process_time()  # CPU time: a quadratic scan shows, a loaded machine does not
    assert find_marked(text, 0, len(text)) == []
    assert time.process_time() - t0 < 5


def test_two_apostrophes_make_one_double_mark():
    """quote.paired_apostrophes: typewriter copy, mixed with ordinary marks and apostrophes."""
    from tui.analysis.rules import switched_off

    text = "Fire came. ''We lost the shed, it's gone,'' Ms Hale said. \"I said, 'Yes, I'm fine', and ran,'' she added."
    spans = find_marked(text, 4, len(text))
    assert [text[s.start : s.end] for s in spans] == ["We lost the shed, it's gone", "I said, 'Yes, I'm fine', and ran"]
    assert [text[s.outer_start : s.outer_end] for s in spans][0] == "''We lost the shed, it's gone,''"
    assert all(s.closed and s.style == "double" for s in spans)
    with switched_off("quote.paired_apostrophes"):
        assert [text[s.start : s.end] for s in find_marked(text, 4, len(text))] != [text[s.start : s.end] for s in spans]


def test_a_paragraph_opened_by_two_apostrophes_runs_on():
    text = "''The water came in fast"
    (span,) = find_marked(text, 0, len(text))
    assert (span.outer_start, text[span.start : span.end], span.closed) == (0, "The water came in fast", False)


def test_a_right_hand_mark_before_a_word_opens():
    """quote.right_mark_opens: copy that uses ” on both sides; a ” after a word still closes."""
    from tui.analysis.rules import switched_off

    text = "\u201dFour bodies were found last night,\u201d a witness said. \u201dIt was a gory sight.\u201d"
    assert quoted(text) == ["Four bodies were found last night", "It was a gory sight."]
    with switched_off("quote.right_mark_opens"):
        assert quoted(text) == []


def test_a_capitalised_word_said_between_other_words_is_still_a_quote():
    assert quoted('He said "Yes" and left.') == ["Yes"]
    assert quoted('Smith called it "Madness" on Friday.') == ["Madness"]


def test_two_curly_single_marks_make_one_double_mark():
    """quote.paired_curly: "“We held the line,’’ she said" closes where the two right marks are
    (off, the quote runs to the paragraph's end)."""
    from tui.analysis.rules import switched_off

    text = "“We held the line,’’ the chief said. ‘‘It was close,’’ she added, ‘tired’."
    spans = find_marked(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == ["We held the line", "It was close", "tired"]
    assert [s.style for s in spans] == ["double", "double", "single"]
    with switched_off("quote.paired_curly"):
        assert [text[s.start : s.end] for s in find_marked(text, 0, len(text))][0] != "We held the line"


def test_a_double_mark_glued_to_the_cue_still_closes():
    """quote.glued_close: "…agencies,"said Ana Cruz" lost its space; a capital after the mark
    ("time."They were") may open the next quote and is left alone."""
    from tui.analysis.rules import switched_off

    text = 'Schools shut. "We warned the local agencies,"said Ana Cruz. She left.'
    (span,) = find_marked(text, 0, len(text))
    assert text[span.start : span.end] == "We warned the local agencies"
    with switched_off("quote.glued_close"):
        (off,) = find_marked(text, 0, len(text))
    assert not off.closed
