"""A "who said what" report as plain, JSON-ready data; `formats` writes it as Markdown, CSV or JSON.

Per article: the quotes (one row each, offsets into the decoded file as in `--json`), the
speakers with their quote counts, and the places and organisations with their mention counts.
Per report: quotes per speaker, named and unnamed sources, people and organisations. A headline
quote that echoes a body quote is listed but not counted again (`echo_of`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Analysis, Article, EntityKind, SpeakerKind
from .rows import UNATTRIBUTED, quote_rows

REPORT_VERSION = 1


def article_report(article: Article, analysis: Analysis) -> dict[str, Any]:
    rows = quote_rows(article, analysis)
    counted = Counter(r.speaker_id for r in rows if r.echo_of is None)
    quotes = []
    for row in rows:
        start, end = article.to_source_span(row.start, row.end)
        quotes.append(
            {
                "number": row.number,
                "id": row.quote_id,
                "speaker": None if row.speaker_id is None else row.speaker,
                "speaker_id": row.speaker_id,
                "speaker_kind": row.speaker_kind or None,
                "text": row.text,
                "cue": row.cue or None,
                "paragraph": row.paragraph,
                "start": start,
                "end": end,
                "echo_of": row.echo_of,
                "corrected": row.corrected,
            }
        )
    speakers = [
        {"id": s.id, "name": s.name, "kind": s.kind.value, "quotes": counted.get(s.id, 0)}
        for s in sorted(analysis.speakers, key=lambda s: (-counted.get(s.id, 0), s.name.casefold()))
    ]

    def entities(kind: EntityKind) -> list[dict[str, Any]]:
        chosen = sorted(analysis.of_kind(kind), key=lambda e: (-len(e.mentions), e.name.casefold()))
        return [{"name": e.name, "mentions": len(e.mentions), "corrected": e.corrected} for e in chosen]

    return {
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "quotes": quotes,
        "unattributed": counted.get(None, 0),
        "speakers": speakers,
        "people": entities(EntityKind.PERSON),
        "places": entities(EntityKind.PLACE),
        "organizations": entities(EntityKind.ORGANIZATION),
    }


def build_report(items: list[tuple[Article, Analysis]]) -> dict[str, Any]:
    articles = [article_report(article, analysis) for article, analysis in items]
    per_speaker: Counter[tuple[str, str]] = Counter()
    sources: Counter[str] = Counter()  # speakers, by named / unnamed
    quotes_by: Counter[str] = Counter()  # quotes, by named / unnamed / unattributed
    kinds: Counter[str] = Counter()  # speakers by kind
    for report in articles:
        for speaker in report["speakers"]:
            per_speaker[(speaker["name"], speaker["kind"])] += speaker["quotes"]
            named = "unnamed" if speaker["kind"] == SpeakerKind.UNNAMED.value else "named"
            sources[named] += 1
            quotes_by[named] += speaker["quotes"]
            kinds[speaker["kind"]] += 1
        quotes_by[UNATTRIBUTED] += report["unattributed"]
    total = sum(quotes_by.values())
    return {
        "report_version": REPORT_VERSION,
        "articles": articles,
        "totals": {
            "articles": len(articles),
            "quotes": total,
            "quotes_per_speaker": [
                {"name": name, "kind": kind, "quotes": count}
                for (name, kind), count in sorted(per_speaker.items(), key=lambda item: (-item[1], item[0][0].casefold()))
            ],
            "sources": {"named": sources["named"], "unnamed": sources["unnamed"]},
            "quotes_by_source": {
                "named": quotes_by["named"],
                "unnamed": quotes_by["unnamed"],
                "unattributed": quotes_by[UNATTRIBUTED],
            },
            "speakers_by_kind": {kind.value: kinds[kind.value] for kind in SpeakerKind},
        },
    }
