"""The search behind `/`: exact matches whether found at once, in slices, or by narrowing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import text_search
from tui.text_search import Search, fold

# Few letters, so matches and self-overlapping runs are common; plus characters whose case
# mapping is wider or irregular.
ALPHABET = st.sampled_from(list("aAbB İıßẞΣσς\n"))


def reference(text: str, query: str) -> list[tuple[int, int]]:
    """The definition: leftmost non-overlapping occurrences of the folded query in the folded text."""
    if not query:
        return []
    return [m.span() for m in re.finditer(re.escape(fold(query)), fold(text))]


def test_fold_keeps_every_offset():
    text = "İstanbul, STRAẞE and ΣΟΦΊΑ"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("istanbul, straße and σοφία")


def test_matches_in_a_text_whose_lower_case_is_longer():
    text = "İstanbul and ISTANBUL and istanbul; Straße STRASSE"
    found = Search(fold(text), "istanbul").run()
    assert [text[s:e] for s, e in found.matches] == ["İstanbul", "ISTANBUL", "istanbul"]
    assert found.done and not found.truncated


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=60), query=st.text(ALPHABET, min_size=1, max_size=4))
def test_slices_find_what_one_pass_finds(text, query):
    search = Search(fold(text), query, slice_chars=3)
    while not search.advance():
        pass
    assert search.matches == reference(text, query)
    assert search.starts == [s for s, _ in search.matches]


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=60), query=st.text(ALPHABET, min_size=2, max_size=5))
def test_typing_narrows_to_the_same_matches(text, query):
    folded = fold(text)
    previous = None
    for n in range(1, len(query) + 1):  # one keystroke at a time, each narrowing the last
        previous = Search(folded, query[:n], previous, slice_candidates=2).run()
        assert previous.matches == reference(text, query[:n])


def test_narrowing_is_used_when_it_is_exact():
    folded = fold("the theme, then the end " * 3)
    the = Search(folded, "the").run()
    assert Search(folded, "them", the)._candidates is the.starts
    aa = Search(folded, "aa").run()
    assert Search(folded, "aab", aa)._candidates is None  # "aa" overlaps itself: scan again


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.sampled_from(list("abc Ab")), max_size=80),
    query=st.sampled_from(["a", "ab", "b a", "cab"]),
    window=st.tuples(st.integers(0, 80), st.integers(0, 80)),
)
def test_near_the_view_is_what_the_whole_search_holds_there(text, query, window):
    start, end = min(window), max(window)
    whole = Search(fold(text), query).run().matches
    assert Search(fold(text), query).near(start, end) == [m for m in whole if start <= m[0] < end]


def test_many_matches_are_capped_and_say_so(monkeypatch):
    monkeypatch.setattr(text_search, "MAX_MATCHES", 10)
    found = Search(fold("e" * 100), "e").run()
    assert found.count == 10 and found.truncated and found.done


@pytest.mark.parametrize("query", ["", "zz", "[bold]"])
def test_nothing_to_find(query):
    found = Search(fold("plain [text] here"), query).run()
    assert found.matches == [] and found.done


def test_finishes_within_says_when_one_slice_completes_the_search():
    text = fold("peace and peaches, " * 100)  # 1,900 characters
    assert Search(text, "p", slice_chars=5_000).finishes_within(2_000, 10)
    assert not Search(text, "p", slice_chars=5_000).finishes_within(1_000, 10)
    assert not Search(text, "p", slice_chars=500).finishes_within(2_000, 10)  # more than one slice
    first = Search(text, "peac").run()  # 200 matches to narrow
    assert Search(text, "peace", previous=first).finishes_within(0, 200)
    assert not Search(text, "peace", previous=first).finishes_within(10_000, 199)
    narrowed = Search(text, "peace", previous=first)
    assert narrowed.advance() and narrowed.matches == reference(text, "peace")
