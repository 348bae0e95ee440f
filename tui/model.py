"""Plain data shared by every layer: the loader fills `Article`, the engine fills `Analysis`.

Everything points into `Article.text` with half-open character offsets ``[start, end)``, so a
mention, a quote, a search hit and a highlight on screen are the same kind of thing.
This module imports nothing but the standard library; the UI and the engine both depend on it.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class BlockKind(str, Enum):
    HEADING = "heading"  # the article's headline
    SUBHEADING = "subheading"  # "- 'No trust' -" in wire copy, ## in Markdown
    PARAGRAPH = "paragraph"
    BLOCKQUOTE = "blockquote"
    LIST_ITEM = "list_item"
    BYLINE = "byline"  # "By Jane Doe" under the headline
    CREDIT = "credit"  # desk codes, "(Reporting by ...)", copyright lines

    @property
    def is_metadata(self) -> bool:
        """Metadata is shown (dimmed) but never analysed for entities or quotes."""
        return self in (BlockKind.BYLINE, BlockKind.CREDIT)


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level for headings, nesting depth for lists/quotes


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Inline style the source asked for (Markdown `**bold**`, `*italic*`), kept as data over the
    canonical text, so the view styles it by offset and never parses markup."""

    start: int
    end: int
    style: str  # "bold" or "italic"


@dataclass(slots=True)
class Article:
    """One decoded document. `text` is canonical: every offset in the program indexes it."""

    source: str  # the path as given ("-" for stdin)
    title: str
    text: str
    blocks: list[Block]
    format: str = "text"  # "text" or "markdown"
    encoding: str = "utf-8"
    # For Markdown the canonical text has inline markup removed. `source_text` is the decoded file
    # (BOM removed, CRLF -> LF) and `offset_runs` maps canonical offsets back into it as sorted
    # (canonical_start, source_start, length) runs. Both stay empty for plain text, where the
    # canonical text *is* the decoded file.
    source_text: str = ""
    offset_runs: list[tuple[int, int, int]] = field(default_factory=list)
    # Where a web article came from (None for files): filled by the HTML and feed loaders.
    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, as the page gives it
    warnings: list[str] = field(default_factory=list)  # "Markdown nested too deep: flattened", ...
    emphasis: list[Emphasis] = field(default_factory=list)  # sorted by start; empty for plain text

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def to_source(self, offset: int) -> int:
        """Map a canonical offset to an offset in the decoded file."""
        if not self.offset_runs:
            return offset
        starts = [run[0] for run in self.offset_runs]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.offset_runs[0][1]
        cstart, sstart, length = self.offset_runs[i]
        return sstart + min(offset - cstart, length)

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open canonical span; the end is mapped through its last character so
        markup right after the span ("**Name**") stays outside it."""
        if not self.offset_runs or end <= start:
            return self.to_source(start), self.to_source(end)
        return self.to_source(start), self.to_source(end - 1) + 1


class EntityKind(str, Enum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"


class SpeakerKind(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    UNNAMED = "unnamed"  # "a 44-year-old serviceman": described, not named


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """Why a quote was credited to its speaker: the deciding rule and the text it rests on.

    The reader shows `explanation` for the quote in view; `--json` exports all three fields.
    """

    rule: str  # a rule id of the resolver: "cue.subject", "pronoun.subject", ...
    explanation: str = ""  # one line for people: "cue 'Rubio said', same sentence"
    evidence: tuple[Span, ...] = ()  # the cue, the antecedent mention, ...


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """One real-world person, place or organisation with every mention of it."""

    id: str  # stable within one analysis: "person-1", "place-3", ...
    kind: EntityKind
    name: str  # the fullest form seen ("Volodymyr Zelensky", "United States")
    mentions: list[Mention]
    corrected: bool = False  # changed by the user's corrections (tui.userdata)


@dataclass(slots=True)
class Quote:
    id: str  # "quote-1", ... in text order
    start: int  # the quoted words, without the quote marks
    end: int
    text: str
    outer_start: int  # including the opening and closing marks
    outer_end: int
    speaker_id: str | None  # a Speaker.id, or None when nobody can be credited
    cue: str | None = None  # the words that attribute it: "Rubio said", "he added"
    cue_start: int | None = None
    cue_end: int | None = None
    attribution: Attribution | None = None
    # A headline or subhead quote that repeats a body quote: the id of that body quote. Echoes are
    # shown but not counted as extra quotes by the speaker.
    echo_of: str | None = None
    corrected: bool = False  # changed by the user's corrections (tui.userdata)


@dataclass(slots=True)
class Speaker:
    """Someone quoted. Linked to an Entity when named; unnamed speakers carry a description."""

    id: str  # equal to the entity id when linked, else "unnamed-1", ...
    name: str
    kind: SpeakerKind
    entity_id: str | None
    quote_ids: list[str]
    # How the text refers to the speaker beyond the entity's named mentions
    # ("the Ukrainian leader", "he", "a 44-year-old serviceman").
    mentions: list[Mention] = field(default_factory=list)

    @property
    def quote_count(self) -> int:
        return len(self.quote_ids)


@dataclass(slots=True)
class Analysis:
    source: str
    entities: list[Entity]
    quotes: list[Quote]
    speakers: list[Speaker]
    model: str = ""  # "en_core_web_sm 3.8.0"
    rules_version: str = ""
    warnings: list[str] = field(default_factory=list)

    def of_kind(self, kind: EntityKind) -> list[Entity]:
        return [e for e in self.entities if e.kind is kind]

    @property
    def people(self) -> list[Entity]:
        return self.of_kind(EntityKind.PERSON)

    @property
    def places(self) -> list[Entity]:
        return self.of_kind(EntityKind.PLACE)

    @property
    def organizations(self) -> list[Entity]:
        return self.of_kind(EntityKind.ORGANIZATION)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def speaker(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def to_dict(self) -> dict[str, Any]:
        """A lossless, JSON-ready form (for the cache; the public export lives in analysis)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        def mentions(items: list[dict[str, Any]]) -> list[Mention]:
            return [Mention(**m) for m in items]

        def quote(item: dict[str, Any]) -> Quote:
            fields = dict(item)
            why = fields.pop("attribution", None)
            if why is not None:
                fields["attribution"] = Attribution(
                    why["rule"],
                    why.get("explanation", ""),
                    tuple(Span(e["start"], e["end"]) for e in why.get("evidence", ())),
                )
            return Quote(**fields)

        return cls(
            source=data["source"],
            entities=[
                Entity(e["id"], EntityKind(e["kind"]), e["name"], mentions(e["mentions"]), e.get("corrected", False))
                for e in data["entities"]
            ],
            quotes=[quote(q) for q in data["quotes"]],
            speakers=[
                Speaker(
                    s["id"],
                    s["name"],
                    SpeakerKind(s["kind"]),
                    s["entity_id"],
                    list(s["quote_ids"]),
                    mentions(s.get("mentions", [])),
                )
                for s in data["speakers"]
            ],
            model=data.get("model", ""),
            rules_version=data.get("rules_version", ""),
            warnings=list(data.get("warnings", [])),
        )
