"""benchmarks/realnews_restore.py rebuilds a collected text from its excerpt, checked by sha256."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from realnews_restore import restore  # noqa: E402


def _entry(text: str, headline: str, quoted: str) -> dict:
    start = text.index(quoted)
    end = start + len(quoted)
    return {
        "headline": headline,
        "length": len(text),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "quotes": [{"start": start, "end": end, "hash": hashlib.sha256(quoted.encode("utf-8")).hexdigest()[:8]}],
    }


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        # a menu line and a cut-off last line dropped, lines stripped
        (
            "Ferry fares rise\nHome | News | Sport\nThe operator raised fares.\n"
            '"We had no choice," a spokeswoman said.\nMore on this story from our',
            ["Ferry fares rise", "The operator raised fares.", '"We had no choice," a spokeswoman said.'],
        ),
        # an indented bullet kept with its indent, and "date YYYY-MM" (no day) before the headline
        (
            "date 2025-03 Ferry fares rise\nThe operator listed changes:\n  \u2022 Fares up 5%\n"
            '"We had no choice," a spokeswoman said.',
            [
                "Ferry fares rise",
                "The operator listed changes:",
                "  \u2022 Fares up 5%",
                '"We had no choice," a spokeswoman said.',
            ],
        ),
    ],
    ids=["stripped", "indent-and-month-date"],
)
def test_an_excerpt_gives_back_the_collected_text(raw, kept):
    text = "\n\n".join(kept) + "\n"
    assert restore(raw, _entry(text, "Ferry fares rise", "We had no choice")) == text


def test_no_text_when_no_way_of_keeping_lines_gives_the_sha256():
    text = 'Ferry fares rise\n\nThe operator raised fares sharply.\n\n"We had no choice," she said.\n'
    raw = 'Ferry fares rise\nThe operator raised fares.\n"We had no choice," she said.'
    assert restore(raw, _entry(text, "Ferry fares rise", "We had no choice")) is None
