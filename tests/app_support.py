"""Helpers for the reader's Pilot tests: what is on screen, and seed analyses with quotes.

`with_quotes` builds quotes by hand from the seed's real text and real entities. It is test data
for the UI (the quotes engine is tested on its own), not a stand-in for the engine.
"""

from __future__ import annotations

import copy
import time

from tui.model import Analysis, Article, Quote, Speaker, SpeakerKind

# (opening words of the quote, speaker entity name or None for the unnamed serviceman)
SEED_QUOTES = [
    ("That's what we want", "Marco Rubio"),
    ("If the response is", "Marco Rubio"),
    ("I understand that we", "Volodymyr Zelensky"),
    ("Everything depends on", "Volodymyr Zelensky"),
    ("I have emphasised", "Volodymyr Zelensky"),
    ("They'll say in public", None),
    ("Peace will come when", "Roman Dunayevsky"),
    ("clearly trying to put", "Volodymyr Zelensky"),
]


def screen_text(app) -> str:
    """The characters on screen now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def region_text(app, widget) -> str:
    """The characters on screen inside `widget`'s region."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom])


def with_quotes(article: Article, analysis: Analysis, quotes=SEED_QUOTES) -> Analysis:
    result = copy.deepcopy(analysis)
    result.quotes = []  # the hand-made quotes replace whatever the engine found
    speakers: dict[str, Speaker] = {}
    found = []
    for opening, name in quotes:
        start = article.text.index(opening)
        assert article.text[start - 1] == '"', opening
        end = article.text.index('"', start)
        if name is None:
            sid = "unnamed-1"
            speakers.setdefault(sid, Speaker(sid, "a 44-year-old serviceman", SpeakerKind.UNNAMED, None, []))
        else:
            entity = next(e for e in result.entities if e.name == name)
            sid = entity.id
            speakers.setdefault(sid, Speaker(sid, name, SpeakerKind.PERSON, entity.id, []))
        found.append((start, end, sid))
    found.sort()
    for i, (start, end, sid) in enumerate(found, 1):
        quote = Quote(f"quote-{i}", start, end, article.text[start:end], start - 1, end + 1, sid)
        result.quotes.append(quote)
        speakers[sid].quote_ids.append(quote.id)
    result.speakers = list(speakers.values())
    return result


async def until(pilot, condition, timeout: float = 30.0) -> None:
    """Pause until `condition()` holds: the reader draws some lines a frame or a slice later (the
    status line after a scroll, a search's later matches), so a fixed number of pauses is a race."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        await pilot.pause(0.05)
