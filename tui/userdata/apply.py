"""Corrections applied to an analysis: a pure function from an `Analysis` to a new one.

source → Article → Analysis → corrections → widgets, `--json` and reports. Each corrected quote
or entity gets `corrected = True`; a quote credited by hand carries the attribution rule
`user.correction`. A correction whose target is not in this analysis (the engine changed what
it finds) is returned as vanished; `corrected()` reports it once and drops it from the file.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from ..model import Analysis, Article, Attribution, Entity, EntityKind, Mention, Speaker, SpeakerKind
from .corrections import Correction, Span, Store

USER_RULE = "user.correction"
_SPEAKER_KIND = {
    EntityKind.PERSON: SpeakerKind.PERSON,
    EntityKind.PLACE: SpeakerKind.PLACE,
    EntityKind.ORGANIZATION: SpeakerKind.ORGANIZATION,
}


def describe(correction: Correction, text: str) -> str:
    """One line for people: what the correction was about."""

    def words(span: Span | None) -> str:
        if span is None:
            return ""
        piece = " ".join(text[span[0] : span[1]].split())
        return piece if len(piece) <= 40 else piece[:39] + "…"

    target = correction.quote or correction.entity
    return {
        "speaker": f"quote “{words(target)}” credited to {correction.name}",
        "not_quote": f"“{words(target)}” marked not a quote",
        "kind": f"{words(target)} made a {correction.kind}",
        "merge": f"{words(correction.other)} merged into {words(target)}",
        "split": f"{len(correction.mentions)} mention(s) split from {words(target)}",
        "rename": f"{words(target)} renamed {correction.name}",
    }[correction.op]


class _Vanished(Exception):
    pass


def _entity_at(analysis: Analysis, span: Span) -> Entity:
    for entity in analysis.entities:
        if any((m.start, m.end) == span for m in entity.mentions):
            return entity
    raise _Vanished()


def _speaker_for_entity(analysis: Analysis, entity: Entity) -> Speaker:
    found = next((s for s in analysis.speakers if s.entity_id == entity.id), None)
    if found is None:
        found = Speaker(entity.id, entity.name, _SPEAKER_KIND[entity.kind], entity.id, [])
        analysis.speakers.append(found)
    return found


def _speaker_named(analysis: Analysis, name: str) -> Speaker:
    key = name.casefold()
    found = next((s for s in analysis.speakers if s.name.casefold() == key), None)
    if found:
        return found
    entity = next((e for e in analysis.entities if e.kind is not EntityKind.PLACE and e.name.casefold() == key), None)
    if entity:
        return _speaker_for_entity(analysis, entity)
    n = 1 + sum(1 for s in analysis.speakers if s.id.startswith("typed-"))
    speaker = Speaker(f"typed-{n}", name, SpeakerKind.PERSON, None, [])
    analysis.speakers.append(speaker)
    return speaker


def _apply_one(analysis: Analysis, c: Correction, text: str) -> None:
    name = " ".join(c.name.split())
    if c.op in ("speaker", "not_quote"):
        quote = next((q for q in analysis.quotes if (q.start, q.end) == c.quote), None)
        if quote is None:
            raise _Vanished()
        if c.op == "not_quote":
            analysis.quotes.remove(quote)
            return
        speaker = _speaker_named(analysis, name)
        quote.speaker_id = speaker.id
        quote.corrected = True
        quote.attribution = Attribution(USER_RULE, "credited by you (u undoes)")
        return
    assert c.entity is not None
    entity = _entity_at(analysis, c.entity)
    entity.corrected = True
    if c.op == "kind":
        entity.kind = EntityKind(c.kind)
        for s in analysis.speakers:
            if s.entity_id == entity.id:
                s.kind = _SPEAKER_KIND[entity.kind]
    elif c.op == "rename":
        entity.name = name
        for s in analysis.speakers:
            if s.entity_id == entity.id:
                s.name = name
    elif c.op == "merge":
        assert c.other is not None
        other = _entity_at(analysis, c.other)
        if other is entity:
            return
        entity.mentions = sorted(entity.mentions + other.mentions, key=lambda m: m.start)
        if len(other.name) > len(entity.name):
            entity.name = other.name
        analysis.entities.remove(other)
        keep = _speaker_for_entity(analysis, entity) if any(s.entity_id == other.id for s in analysis.speakers) else None
        for s in list(analysis.speakers):
            if s.entity_id == other.id and keep is not None:
                for q in analysis.quotes:
                    if q.speaker_id == s.id:
                        q.speaker_id = keep.id
                keep.mentions = sorted(keep.mentions + s.mentions, key=lambda m: m.start)
                analysis.speakers.remove(s)
        for s in analysis.speakers:
            if s.entity_id == entity.id:
                s.name = entity.name
    elif c.op == "split":
        moving = [m for m in entity.mentions if (m.start, m.end) in set(c.mentions)]
        if len(moving) != len(c.mentions) or len(moving) == len(entity.mentions):
            raise _Vanished()
        entity.mentions = [m for m in entity.mentions if m not in moving]
        n = 1 + sum(1 for e in analysis.entities if e.id.startswith("split-"))
        first = moving[0]
        name = " ".join(text[first.start : first.end].split())
        analysis.entities.append(Entity(f"split-{n}", entity.kind, name, [Mention(m.start, m.end, m.text) for m in moving], True))


def _relink(analysis: Analysis) -> None:
    """Speakers' quote lists follow the quotes; a speaker left without quotes is dropped."""
    order = sorted(analysis.quotes, key=lambda q: q.start)
    for s in analysis.speakers:
        s.quote_ids = [q.id for q in order if q.speaker_id == s.id]
    analysis.speakers = [s for s in analysis.speakers if s.quote_ids]


def apply_corrections(analysis: Analysis, corrections: Sequence[Correction], text: str) -> tuple[Analysis, list[Correction]]:
    """A corrected copy of `analysis`, and the corrections whose target is not in it."""
    if not corrections:
        return analysis, []
    result = copy.deepcopy(analysis)
    vanished = []
    for c in corrections:
        try:
            _apply_one(result, c, text)
        except _Vanished:
            vanished.append(c)
    _relink(result)
    return result, vanished


def corrected(article: Article, analysis: Analysis, directory: Path | None = None) -> tuple[Analysis, list[str]]:
    """The analysis with the stored corrections applied, and one line per problem: a damaged file
    (moved aside) or a correction whose target is gone (dropped from the file, so it is reported
    once). The lines are also added to the analysis's `warnings`."""
    store = Store.load(article, directory)
    result, vanished = apply_corrections(analysis, store.corrections, article.text)
    notes = list(store.warnings)
    if vanished:
        for c in vanished:
            notes.append(f"correction dropped, its target is gone: {describe(c, article.text)}")
        store.corrections = [c for c in store.corrections if c not in vanished]
        store.save()
    if notes:
        if result is analysis:
            result = copy.copy(analysis)
        result.warnings = list(analysis.warnings) + notes
    return result, notes
