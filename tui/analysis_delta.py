"""A partial analysis as what changed since the one before it: how the analysis child sends stages.

Each stage of a long text (`analysis.engine.analyse_stages`) is a whole analysis of a growing
beginning of the text; sent whole, the reader spent ~0.3 s decoding the fourth of a 2 MB text
(most of it in the per-object `__setstate__` of frozen dataclasses), and the keys waited for the
interpreter lock meanwhile. So the child sends only the difference, in plain tuples and ints:

- an entity or speaker is matched to the one with the same id in the stage before; what it kept
  of that one's mentions (and quote ids) is sent as a count, the rest in full. The rules re-run
  on the whole text at every stage, so an earlier part can change (entities merged, kinds
  re-decided, ids renumbered): a changed list is simply kept up to where it first differs, an
  unmatched entity is sent whole. Entities and speakers are few; their mentions are the bulk.
- quotes are kept up to the first that differs from the stage before, the rest sent in full.
- a mention travels as two offsets: its text is the article's own characters (the engine makes
  it so), cut again by the receiver; any that is not is sent with its text.

`rebuild(before, delta, text)` gives an analysis equal to the one `delta(before, after)` was made
from, sharing the unchanged mentions and quotes with `before` (which it never modifies).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Analysis, Attribution, Entity, EntityKind, Mention, Quote, Span, Speaker, SpeakerKind
from .yielding import Yielder

# Wire shapes (tuples of plain values; see `delta`):
#   mentions: (flat offsets [s0, e0, s1, e1, ...], {index: text} for mentions not as written)
#   entity:   (id, kind, name, corrected, base index or -1, mentions kept, mentions)
#   speaker:  (id, name, kind, entity_id, base index or -1, quote ids kept, quote ids, mentions kept, mentions)
#   quote:    (id, start, end, text, outer_start, outer_end, speaker_id, cue, cue_start, cue_end,
#              attribution (rule, explanation, flat evidence offsets) or None, echo_of, corrected)
Delta = tuple[Any, ...]

QUOTES_PER_PAUSE = 200  # quotes rebuilt between offers of the interpreter lock (`yielding`)


def _common_prefix(old: Sequence[Any], new: Sequence[Any]) -> int:
    """How many leading items `new` shares with `old` (usually all of `old`: lists grow)."""
    n = min(len(old), len(new))
    if old[:n] == new[:n]:
        return n
    i = 0
    while i < n and old[i] == new[i]:
        i += 1
    return i


def _mentions_out(mentions: Sequence[Mention], text: str) -> tuple[list[int], dict[int, str]]:
    flat: list[int] = []
    odd: dict[int, str] = {}
    for i, m in enumerate(mentions):
        flat += (m.start, m.end)
        if text[m.start : m.end] != m.text:
            odd[i] = m.text
    return flat, odd


def _mentions_in(wire: tuple[list[int], dict[int, str]], text: str) -> list[Mention]:
    flat, odd = wire
    pairs = iter(flat)
    made = [Mention(s, e, text[s:e]) for s, e in zip(pairs, pairs)]
    for i, written in odd.items():
        made[i] = Mention(made[i].start, made[i].end, written)
    return made


def _quote_out(q: Quote) -> tuple[Any, ...]:
    why = q.attribution
    attribution = None if why is None else (why.rule, why.explanation, [x for s in why.evidence for x in (s.start, s.end)])
    return (
        q.id, q.start, q.end, q.text, q.outer_start, q.outer_end, q.speaker_id,
        q.cue, q.cue_start, q.cue_end, attribution, q.echo_of, q.corrected,
    )  # fmt: skip


def _quote_in(wire: tuple[Any, ...]) -> Quote:
    qid, start, end, text, outer_start, outer_end, speaker_id, cue, cue_start, cue_end, attribution, echo_of, corrected = wire
    why = None
    if attribution is not None:
        rule, explanation, flat = attribution
        pairs = iter(flat)
        why = Attribution(rule, explanation, tuple(Span(s, e) for s, e in zip(pairs, pairs)))
    return Quote(qid, start, end, text, outer_start, outer_end, speaker_id, cue, cue_start, cue_end, why, echo_of, corrected)


def delta(before: Analysis | None, after: Analysis, text: str) -> Delta:
    """What `rebuild` needs, besides `before` and the article `text`, to make `after` again."""
    old_entities = {e.id: i for i, e in enumerate(before.entities)} if before else {}
    old_speakers = {s.id: i for i, s in enumerate(before.speakers)} if before else {}
    entities = []
    for e in after.entities:
        base = old_entities.get(e.id, -1)
        kept = _common_prefix(before.entities[base].mentions, e.mentions) if before and base >= 0 else 0
        entities.append((e.id, e.kind.value, e.name, e.corrected, base, kept, _mentions_out(e.mentions[kept:], text)))
    speakers = []
    for s in after.speakers:
        base = old_speakers.get(s.id, -1)
        old = before.speakers[base] if before and base >= 0 else None
        kept_ids = _common_prefix(old.quote_ids, s.quote_ids) if old else 0
        kept = _common_prefix(old.mentions, s.mentions) if old else 0
        speakers.append(
            (
                s.id,
                s.name,
                s.kind.value,
                s.entity_id,
                base,
                kept_ids,
                s.quote_ids[kept_ids:],
                kept,
                _mentions_out(s.mentions[kept:], text),
            )
        )
    kept_quotes = _common_prefix(before.quotes, after.quotes) if before else 0
    quotes = (kept_quotes, [_quote_out(q) for q in after.quotes[kept_quotes:]])
    return (after.source, entities, quotes, speakers, after.model, after.rules_version, list(after.warnings))


def rebuild(before: Analysis | None, wire: Delta, text: str) -> Analysis:
    """The analysis `wire` describes, from the stage `before` it (None for the first)."""
    source, entities_in, (kept_quotes, quotes_in), speakers_in, model, rules_version, warnings = wire
    pause = Yielder()  # in the receiving thread, the keys go first (`yielding`)
    entities = []
    for id_, kind, name, corrected, base, kept, mentions in entities_in:
        pause()
        earlier = before.entities[base].mentions[:kept] if before and base >= 0 else []
        entities.append(Entity(id_, EntityKind(kind), name, earlier + _mentions_in(mentions, text), corrected))
    speakers = []
    for id_, name, kind, entity_id, base, kept_ids, quote_ids, kept, mentions in speakers_in:
        pause()
        old = before.speakers[base] if before and base >= 0 else None
        speakers.append(
            Speaker(
                id_,
                name,
                SpeakerKind(kind),
                entity_id,
                (old.quote_ids[:kept_ids] if old else []) + quote_ids,
                (old.mentions[:kept] if old else []) + _mentions_in(mentions, text),
            )
        )
    quotes = before.quotes[:kept_quotes] if before else []
    for i in range(0, len(quotes_in), QUOTES_PER_PAUSE):
        pause()
        quotes += [_quote_in(q) for q in quotes_in[i : i + QUOTES_PER_PAUSE]]
    return Analysis(source, entities, quotes, speakers, model, rules_version, warnings)
