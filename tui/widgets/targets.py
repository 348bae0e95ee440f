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

SPEAKER_COLOURS = 5  # speaker-0 ... speaker-4 in span_styles.py: five hues clear of the layers
# The second cue once the hues are used up: the quote bar's glyph (and the sidebar swatch's).
BAR_PATTERNS = ("▌", "┃", "╏")
ASCII_BAR_PATTERNS = ("|", "!", ":")

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
    pattern: int = 0  # bar pattern index (a second cue when speakers outnumber hues)


def short_label(name: str) -> str:
    """'Volodymyr Zelensky' -> 'Zelensky' for the status line; descriptions stay whole."""
    parts = name.split()
    return parts[-1] if 1 < len(parts) <= 4 and all(p[:1].isupper() for p in parts) else name


def speaker_looks(analysis: Analysis) -> dict[str, tuple[int, int]]:
    """Speaker id -> (colour, bar pattern): every hue once, then every hue again with the next
    pattern, so no two speakers look alike until hues x patterns (15) are used up."""
    hues = SPEAKER_COLOURS
    return {s.id: (i % hues, (i // hues) % len(BAR_PATTERNS)) for i, s in enumerate(ranked_speakers(analysis))}


def ranked_speakers(analysis: Analysis) -> list[Speaker]:
    counts = {e.id: len(e.mentions) for e in analysis.entities}

    def mentions(s: Speaker) -> int:
        return counts.get(s.entity_id, 0) if s.entity_id else len(s.mentions)

    return sorted(analysis.speakers, key=lambda s: (-s.quote_count, -mentions(s), s.name.casefold()))


def speaker_rows(analysis: Analysis) -> list[Row]:
    looks = speaker_looks(analysis)
    return [Row(f"speaker:{s.id}", s.name, s.kind.value, s.quote_count, *looks[s.id]) for s in ranked_speakers(analysis)]


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


def target_for(analysis: Analysis, option_id: str, *, mentions: bool = False) -> Target | None:
    """The target of a sidebar row. A speaker walks their quotes, or with `mentions` every plain
    mention of them (named or described: "Zelensky", "the Ukrainian leader")."""
    kind, _, key = option_id.partition(":")
    if kind == "speaker":
        speaker = analysis.speaker(key)
        if speaker is None:
            return None
        quotes = sorted((q for q in analysis.quotes if q.speaker_id == speaker.id), key=lambda q: q.start)
        # A headline or subhead echo repeats a body quote: marked, not walked, so "quote 2/5"
        # counts what the list's "5 quotes" counts.
        body = [q for q in quotes if q.echo_of is None] or quotes
        walk = [_quote_span(q) for q in body]
        entity = analysis.entity(speaker.entity_id) if speaker.entity_id else None
        named = [(m.start, m.end) for m in speaker.mentions] + ([(m.start, m.end) for m in entity.mentions] if entity else [])
        marks = sorted(set([_quote_span(q) for q in quotes] + named))
        label = short_label(speaker.name) if speaker.kind is SpeakerKind.PERSON else speaker.name
        if (mentions or not walk) and named:  # a speaker without quotes still walks through mentions
            return Target("speaker", key, label, "mention", sorted(set(named)), sorted(set(named)))
        return Target("speaker", key, label, "quote", walk, marks)
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


class QuoteIndex:
    """An analysis's quotes found by offset by bisection. The status line looks for the quote in
    view at every scroll: scanning all of them (7,735 on 2 MB) took ~1.5 ms of each key."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        quotes = analysis.quotes
        self.order = sorted(range(len(quotes)), key=lambda i: quotes[i].outer_start)
        self.starts = [quotes[i].outer_start for i in self.order]
        self.longest = max((q.outer_end - q.outer_start for q in quotes), default=0)

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotes overlapping [start, end), in the analysis's order."""
        quotes = self.analysis.quotes
        hi = bisect_left(self.starts, end)
        lo = bisect_left(self.starts, start - self.longest)
        return [quotes[i] for i in sorted(i for i in self.order[lo:hi] if quotes[i].outer_end > start)]


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
