"""printable() and escape_json(): nothing a terminal acts on survives, lengths are kept."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.safe_text import PLACEHOLDER_C1, PLACEHOLDER_DEL, PLACEHOLDER_FORMAT, escape_json, printable

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BLANK_LETTERS = "\u115f\u1160\u3164\uffa0"
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in UNSAFE_CATEGORIES or ch in BLANK_LETTERS


# Text a reader sees every day: letters (CJK, accents), combining marks, digits, punctuation,
# symbols (emoji) and spaces (including no-break and ideographic spaces).
ordinary_text = st.text(
    st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters=BLANK_LETTERS),
    max_size=200,
)
# Anything at all, surrogates included, with the characters attackers use drawn often.
HOSTILE = BIDI + ZERO_WIDTH + BLANK_LETTERS + "\x1b\x07\x9b\x9d\x9c\x85\x7f\x00\r\t\u2028"
any_text = st.text(
    st.one_of(st.characters(codec=None, exclude_categories=()), st.sampled_from(HOSTILE)),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_same_length_and_nothing_unsafe_left(text):
    shown = printable(text)
    assert len(shown) == len(text)
    assert not [ch for ch in shown if unsafe(ch)]


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_each_character_is_kept_or_replaced_in_place(text):
    shown = printable(text)
    for before, after in zip(text, shown):
        assert after == before or unsafe(before)
    assert printable(shown) == shown  # placeholders are themselves printable


@settings(max_examples=300, deadline=None)
@given(ordinary_text)
def test_identity_on_ordinary_text(text):
    assert printable(text) == text
    assert printable(text, keep_newlines=True) == text


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_keep_newlines_keeps_only_newlines(text):
    shown = printable(text, keep_newlines=True)
    assert len(shown) == len(text)
    assert [i for i, ch in enumerate(shown) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]
    assert not [ch for ch in shown if ch != "\n" and unsafe(ch)]


def test_known_placeholders():
    assert printable("a\x1b[2Jb") == "a\u241b[2Jb"
    assert printable("\x07\t\n\r\x00") == "\u2407\u2409\u240a\u240d\u2400"
    assert printable("\x7f") == PLACEHOLDER_DEL
    assert printable("\x9b2J\x9d0;t\x9c") == PLACEHOLDER_C1 + "2J" + PLACEHOLDER_C1 + "0;t" + PLACEHOLDER_C1
    assert printable(BIDI) == PLACEHOLDER_FORMAT * len(BIDI)
    assert printable(ZERO_WIDTH) == PLACEHOLDER_FORMAT * len(ZERO_WIDTH)
    assert printable(BLANK_LETTERS) == PLACEHOLDER_FORMAT * len(BLANK_LETTERS)
    assert printable("\u2028\u2029\ue000\U0010fffd") == PLACEHOLDER_FORMAT * 4


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said “yes” — naïve café, Søren Kierkegaard",
        "習近平主席は東京で語った。",
        "Emoji 👍🏽 and ❤️ and flags 🇺🇦",
        "e\u0301 (combining acute), NBSP\u00a0and ideographic\u3000space",
    ],
)
def test_ordinary_examples_unchanged(text):
    assert printable(text) is text or printable(text) == text


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | any_text,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
        max_leaves=12,
    )
)
def test_escape_json_is_the_same_value_and_safe(value):
    line = escape_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(line) == value
    assert not [ch for ch in line if unsafe(ch)]
    line.encode("utf-8")  # no lone surrogates left to fail on a strict stdout


def test_escape_json_examples():
    assert escape_json(json.dumps("\x9b\u202e\udcff", ensure_ascii=False)) == '"\\u009b\\u202e\\udcff"'
    assert escape_json(json.dumps("\U000e0001", ensure_ascii=False)) == '"\\udb40\\udc01"'
    assert escape_json(json.dumps("x\x1b]52;c;AAAA\x07", ensure_ascii=False)) == '"x\\u001b]52;c;AAAA\\u0007"'
    plain = json.dumps({"a": "Kyiv — Київ 👍"}, ensure_ascii=False)
    assert escape_json(plain) == plain
