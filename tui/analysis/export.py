"""The public JSON Lines format of `newsreader --json` (documented in the README)."""

from __future__ import annotations

from typing import Any

from ..model import Analysis, Article, Attribution, Entity, EntityKind, Mention


def _mention(article: Article, m: Mention) -> dict[str, Any]:
    start, end = article.to_source_span(m.start, m.end)
    return {"start": start, "end": end, "text": m.text}


def _entity(article: Article, e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "name": e.name, "mentions": [_mention(article, m) for m in e.mentions]}
    if e.corrected:  # changed by the user's corrections (tui.userdata)
        out["corrected"] = True
    return out


def _attribution(article: Article, why: Attribution | None) -> dict[str, Any] | None:
    """The deciding rule, its one-line explanation and the spans it rests on (source offsets)."""
    if why is None:
        return None
    evidence = [dict(zip(("start", "end"), article.to_source_span(e.start, e.end))) for e in why.evidence]
    return {"rule": why.rule, "explanation": why.explanation, "evidence": evidence}


def to_json(article: Article, analysis: Analysis) -> dict[str, Any]:
    names = {s.id: s.name for s in analysis.speakers}
    return {
        "source": article.source,
        "title": article.title,
        "format": article.format,
        "encoding": article.encoding,
        "url": article.url,
        "site": article.site,
        "author": article.author,
        "published": article.published,
        "model": analysis.model,
        "people": [_entity(article, e) for e in analysis.of_kind(EntityKind.PERSON)],
        "places": [_entity(article, e) for e in analysis.of_kind(EntityKind.PLACE)],
        "organizations": [_entity(article, e) for e in analysis.of_kind(EntityKind.ORGANIZATION)],
        "quotes": [
            {
                "id": q.id,
                "text": q.text,
                **dict(zip(("start", "end"), article.to_source_span(q.start, q.end))),
                "speaker": names.get(q.speaker_id) if q.speaker_id else None,
                "speaker_id": q.speaker_id,
                "cue": q.cue,
                "attribution": _attribution(article, q.attribution),
                "echo_of": q.echo_of,
                **({"corrected": True} if q.corrected else {}),
            }
            for q in analysis.quotes
        ],
        "speakers": [
            {"id": s.id, "name": s.name, "kind": s.kind.value, "entity_id": s.entity_id, "quotes": s.quote_count}
            for s in analysis.speakers
        ],
        "warnings": [*article.warnings, *analysis.warnings],  # e.g. Markdown flattened past its depth limit
    }


def error_json(source: str, message: str) -> dict[str, Any]:
    return {"source": source, "error": message}
