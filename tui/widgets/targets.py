"""What the reader can select and walk through, derived from an `Analysis` (no widgets here).

A target is anything with a list of spans to step through with n/N: a speaker (their quotes), an
entity (its mentions) or a search (its matches). Sidebar rows are ordered by how much they matter:
quotes first, then mentions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..model import Analysis, EntityKind, Quote, Speaker, SpeakerKind
from ..text_search import Search, fold

SPEAKER_COLOURS = 6  # speaker-0 ... speaker-5 in the stylesheet; cycled after that

Span = tuple[int, int]
_END = float("inf")


@dataclass
class Target:
    kind: str  # "speaker", "entity" or "search"
    key: str  # speaker id, entity id or the search query
    label: str  # shown in the status line
    noun: str  # "quote", "mention", "match"
    walk: list[Span]  # what n/N step through, in text order
    marks: list[Span] = field(default_factory=list)  # everything to mark (walk included)
    index: int = 0
    more: bool = False  # the walk is not complete yet (a search still counting, or capped)

    @property
    def current(self) -> Span | None:
        return self.walk[self.index] if self.walk else None

    def step(self, delta: int) -> Span | None:
        if not self.walk:
            return None
        self.index = (self.index + delta) % len(self.walk)
        return self.current

    def seek(self, offset: int, delta: int) -> Span | None:
        """Next (delta=1) or previous (delta=-1) span strictly after/before `offset`, wrapping."""
        if not self.walk:
            return None
        if delta > 0:  # the walk is in text order: bisect, not a pass over 100,000 matches
            i = bisect_right(self.walk, (offset, _END))
            self.index = i if i < len(self.walk) else 0
        else:
            i = bisect_left(self.walk, (offset, -1))
            self.index = i - 1 if i > 0 else len(self.walk) - 1
        return self.current

    def counter(self) -> str:
        if not self.walk:
            return f"no {self.noun}es" if self.noun.endswith(("ch", "sh", "s")) else f"no {self.noun}s"
        return f"{self.noun} {self.index + 1}/{len(self.walk)}{'+' if self.more else ''}"


@dataclass(frozen=True)
class Row:
    """One sidebar line."""

    option_id: str  # "speaker:<id>" or "entity:<id>"
    name: str
    detail: str  # "person", "organization", "unnamed", ...
    count: int  # quotes for speakers, mentions otherwise
    colour: int | None = None  # speaker colour index


def short_label(name: str) -> str:
    """'Volodymyr Zelensky' -> 'Zelensky' for the status line; descriptions stay whole."""
    parts = name.split()
    return parts[-1] if 1 < len(parts) <= 4 and all(p[:1].isupper() for p in parts) else name


def speaker_colours(analysis: Analysis) -> dict[str, int]:
    return {s.id: i % SPEAKER_COLOURS for i, s in enumerate(ranked_speakers(analysis))}


def ranked_speakers(analysis: Analysis) -> list[Speaker]:
    counts = {e.id: len(e.mentions) for e in analysis.entities}

    def mentions(s: Speaker) -> int:
        return counts.get(s.entity_id, 0) if s.entity_id else len(s.mentions)

    return sorted(analysis.speakers, key=lambda s: (-s.quote_count, -mentions(s), s.name.casefold()))


def speaker_rows(analysis: Analysis) -> list[Row]:
    colours = speaker_colours(analysis)
    return [Row(f"speaker:{s.id}", s.name, s.kind.value, s.quote_count, colours[s.id]) for s in ranked_speakers(analysis)]


def _entity_rows(analysis: Analysis, kinds: tuple[EntityKind, ...], skip: set[str]) -> list[Row]:
    chosen = [e for e in analysis.entities if e.kind in kinds and e.id not in skip]
    chosen.sort(key=lambda e: (-len(e.mentions), e.name.casefold()))
    return [Row(f"entity:{e.id}", e.name, e.kind.value, len(e.mentions)) for e in chosen]


def place_rows(analysis: Analysis) -> list[Row]:
    return _entity_rows(analysis, (EntityKind.PLACE,), set())


def other_rows(analysis: Analysis) -> list[Row]:
    """People and organisations that are mentioned but never quoted."""
    quoted = {s.entity_id for s in analysis.speakers if s.entity_id}
    return _entity_rows(analysis, (EntityKind.PERSON, EntityKind.ORGANIZATION), quoted)


def _quote_span(q: Quote) -> Span:
    return (q.outer_start, q.outer_end)


def target_for(analysis: Analysis, option_id: str) -> Target | None:
    kind, _, key = option_id.partition(":")
    if kind == "speaker":
        speaker = analysis.speaker(key)
        if speaker is None:
            return None
        quotes = sorted((q for q in analysis.quotes if q.speaker_id == speaker.id), key=lambda q: q.start)
        walk = [_quote_span(q) for q in quotes]
        entity = analysis.entity(speaker.entity_id) if speaker.entity_id else None
        marks = walk + [(m.start, m.end) for m in speaker.mentions]
        if entity:
            marks += [(m.start, m.end) for m in entity.mentions]
        label = short_label(speaker.name) if speaker.kind is SpeakerKind.PERSON else speaker.name
        if not walk and entity:  # a speaker without quotes still walks through mentions
            return Target("speaker", key, label, "mention", sorted(set(marks)), sorted(set(marks)))
        return Target("speaker", key, label, "quote", walk, sorted(set(marks)))
    if kind == "entity":
        entity = analysis.entity(key)
        if entity is None:
            return None
        walk = sorted((m.start, m.end) for m in entity.mentions)
        label = short_label(entity.name) if entity.kind is EntityKind.PERSON else entity.name
        return Target("entity", key, label, "mention", walk, list(walk))
    return None


def search_target(text: str, query: str, folded: str | None = None) -> Target:
    """Case-insensitive literal matches, all of them (offsets stay exact: see `text_search`)."""
    return search_result(Search(fold(text) if folded is None else folded, query).run())


def search_result(search: Search, walk: list[Span] | None = None) -> Target:
    """The target of a search: its matches so far, or `walk` (those near the view) before the
    slices reach them."""
    found = search.matches if walk is None else walk
    more = walk is not None or search.truncated or not search.done
    return Target("search", search.query, f"/{search.query}", "match", found, found, more=more)


def quote_at(analysis: Analysis, start: int, end: int) -> Quote | None:
    """The first quote overlapping [start, end)."""
    for quote in analysis.quotes:
        if quote.outer_start < end and quote.outer_end > start:
            return quote
    return None


def owner_at(analysis: Analysis, offset: int) -> str | None:
    """The option id of what sits at `offset`: a mention's entity (or its speaker), else a quote's speaker."""
    speakers_by_entity = {s.entity_id: s.id for s in analysis.speakers if s.entity_id}
    for entity in analysis.entities:
        for m in entity.mentions:
            if m.start <= offset < m.end:
                sid = speakers_by_entity.get(entity.id)
                return f"speaker:{sid}" if sid else f"entity:{entity.id}"
    for quote in analysis.quotes:
        if quote.outer_start <= offset < quote.outer_end and quote.speaker_id:
            return f"speaker:{quote.speaker_id}"
    return None
