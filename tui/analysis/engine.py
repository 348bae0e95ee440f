"""The one entry point from an `Article` to its `Analysis`."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..model import Analysis, Article, Block, BlockKind, Mention
from .clustering import cluster
from .entities import resolve
from .kinds import decide as decide_kinds
from .parsed import ParsedBlock
from .pipeline import describe, load_pipeline
from .quotes import find_quotes
from .version import RULES_VERSION

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


Progress = Callable[[int, int], None]


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its working memory grows
# with the characters it parses at once (64 pieces of 10k characters in one nlp.pipe batch
# peaked at 1.8 GB; one piece of 100k at 0.5 GB): long blocks are cut into pieces and batches
# are capped by characters: a 1 MB one-line file peaked at 0.4 GB instead of 2.9 GB, a 5 MB
# one at 0.8 GB for the whole --json run (the parsed documents are kept for the rules).
MAX_PIECE = 20_000
MAX_BATCH_CHARS = 50_000
MAX_RUN = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN}}}")
# What spaCy's working memory really follows is tokens per call (~18 KB each at the peak, ~0.5 KB
# kept per parsed token): 20,000 characters of prose are ~4,000 tokens, of quote marks 20,000
# (370 MB). Pieces are also capped by an estimate of their tokens (words plus punctuation marks).
MAX_PIECE_TOKENS = 5_000
_TOKENISH = re.compile(r"\w+|[^\w\s]")
# Runs of marks with nothing to read between them ('" " “ ” ...', '""""') cost a token each and
# can be neither names nor cues: the parser sees them as spaces (the text keeps them, so the
# quote rules, which read the article text, still see every mark).
_MARK_NOISE = re.compile(r"[^\w\s](?:\s?[^\w\s]){7,}")
# A typographic apostrophe inside a word ("O’Leary", "Mata’afa", "don’t"): the model learnt its
# words with straight ones and cut "Michael O’Leary" to "Michael". Between two letters it is never
# a quote mark, so the parser sees a straight one there.
_INWORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[\u2019\u02bc](?=[^\W\d_])")
_INWORD_STRAIGHT = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
# C0/C1 controls, DEL and the invisible separators and bidi controls; not the soft hyphen or the
# zero-width joiner, which sit inside words and emoji.
_AS_SPACE = dict.fromkeys(
    [
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x180E,
        0x200B,
        0x200C,
        0x200E,
        0x200F,
        *range(0x2028, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        0xFEFF,
    ],
    " ",
)
# Documents longer than this show partial results while the rest is analysed.
FIRST_STAGE_CHARS = 40_000
# Each partial analysis re-runs the document-level rules on everything parsed so far; together
# they may cost at most this share of the parsing time (on a 5 MB line, stages at every doubling
# took the whole analysis from 0.91x to 0.81x of spaCy's speed).
PARTIAL_SHARE = 0.05


def _token_dense_limit(text: str, start: int, limit: int) -> int:
    """`limit`, or an earlier one so that text[start:limit] holds about MAX_PIECE_TOKENS tokens
    for the parser (mark noise excluded, as `_for_parser` blanks it)."""
    window = _MARK_NOISE.sub(lambda m: " " * len(m.group()), text[start:limit])
    if len(window) <= MAX_PIECE_TOKENS or len(_TOKENISH.findall(window)) <= MAX_PIECE_TOKENS:
        return limit
    for count, match in enumerate(_TOKENISH.finditer(window), 1):
        if count > MAX_PIECE_TOKENS:
            return start + max(match.start(), 1)
    return limit


def pieces(article: Article, block: Block) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of a block, cut after a sentence end or a space when too long (in
    characters, or in the tokens they would make)."""
    start, end = block.start, block.end
    text = article.text
    while (limit := _token_dense_limit(text, start, min(end, start + MAX_PIECE))) < end:
        cut = max(text.rfind(". ", start, limit), text.rfind("? ", start, limit), text.rfind("! ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        yield start, cut
        start = cut
    yield start, end


# "DERNA, Libya - ", "MILAN (AP) — ", "FRANKFURT, March 4 (Reuters) - ": a dateline glued to the
# first sentence makes the model miss the names right after it, so it is parsed on its own.
_DATELINE_LEAD = re.compile(r"[A-Z][A-Z.'’ -]{1,40}(?:, [A-Z][\w.' ]{1,30})?(?: \([A-Za-z ]{2,20}\))? ?[-—–]{1,2} ")


def _units(article: Article) -> list[tuple[Block, int, int]]:
    units: list[tuple[Block, int, int]] = []
    seen_paragraph = False
    for block in article.blocks:
        if block.kind.is_metadata:
            continue
        spans = list(pieces(article, block))
        if not seen_paragraph and block.kind.value == "paragraph":
            seen_paragraph = True
            m = _DATELINE_LEAD.match(article.text, block.start, spans[0][1])
            if m and m.end() < spans[0][1]:
                spans[0:1] = [(block.start, m.end()), (m.end(), spans[0][1])]
        units.extend((block, s, e) for s, e in spans)
    return units


def _batches(units: list[tuple[Block, int, int]]) -> Iterator[list[tuple[Block, int, int]]]:
    """Groups of at most 64 units and about MAX_BATCH_CHARS characters."""
    batch: list[tuple[Block, int, int]] = []
    size = 0
    for unit in units:
        if batch and (len(batch) >= 64 or size + unit[2] - unit[1] > MAX_BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(unit)
        size += unit[2] - unit[1]
    if batch:
        yield batch


def _for_parser(text: str) -> str:
    """The text spaCy sees, with every character offset where it was.

    Newlines inside a block (hard-wrapped text) become spaces so the parser sees one flow of
    words; so do control characters and invisible format characters (zero-width space, bidi
    marks and isolates), which would otherwise glue a name to its neighbours ("Marco\u200bRubio",
    "\u2066Kyiv\u2069"). Runs of more than MAX_RUN characters without a space get a space every
    MAX_RUN characters: spaCy's tokenizer is quadratic in the length of such a run (100 000
    quote marks in a row took minutes), and no word is that long.
    """
    text = text.translate(_AS_SPACE)
    text = _INWORD_APOSTROPHE.sub("'", text)
    text = _MARK_NOISE.sub(lambda m: " " * len(m.group()), text)
    if len(text) > MAX_RUN:
        text = _LONG_RUN.sub(lambda m: m.group()[:-1] + " ", text)
    return text


def _released(doc: Doc) -> Doc:
    """The parsed document as the rules need it: without `doc.tensor`, the tok2vec layer's
    96 floats per token, which no rule reads and which were two thirds of what a parsed
    document keeps (300 KB of text: 78 MB kept with it, 12 MB without)."""
    import numpy  # spaCy's own dependency, loaded with it

    doc.tensor = numpy.zeros((0,), dtype="float32")  # what spaCy gives a document it did not run through tok2vec
    return doc


def _parse_units(
    article: Article, nlp: Language, units: list[tuple[Block, int, int]], n_process: int = 1
) -> Iterator[ParsedBlock]:
    if n_process > 1:  # one pipe for all: worker processes are started once
        lazy = (_for_parser(article.text[s:e]) for _, s, e in units)
        # Small batches: each worker holds a batch's documents while it parses them.
        for (block, start, _), doc in zip(units, nlp.pipe(lazy, batch_size=16, n_process=n_process)):
            yield ParsedBlock(block, _released(doc), start)
        return
    for batch in _batches(units):
        texts = [_for_parser(article.text[s:e]) for _, s, e in batch]
        for (block, start, _), doc in zip(batch, nlp.pipe(texts, batch_size=len(batch))):
            yield ParsedBlock(block, _released(doc), start)


def parse(article: Article, nlp: Language, progress: Progress | None = None) -> list[ParsedBlock]:
    units = _units(article)
    parsed = []
    for pb in _parse_units(article, nlp, units):
        parsed.append(pb)
        if progress is not None:
            progress(len(parsed), len(units))
    return parsed


def _as_written(article: Article, mentions: list[Mention]) -> list[Mention]:
    """Mention texts are the article's own characters: the parser saw a line break inside a
    block as a space, so "Volodymyr\nZelensky" came back as "Volodymyr Zelensky"."""
    text = article.text
    return [m if text[m.start : m.end] == m.text else Mention(m.start, m.end, text[m.start : m.end]) for m in mentions]


def _name_as_written(article: Article, name: str) -> str:
    """A name with the article's own apostrophes: the parser saw "O’Leary" as "O'Leary"."""
    if "'" not in name:
        return name
    typographic = _INWORD_STRAIGHT.sub("\u2019", name)
    return typographic if typographic != name and typographic in article.text else name


def _build(article: Article, parsed: list[ParsedBlock], model: str) -> Analysis:
    body_start = next((pb.offset for pb in parsed if pb.block.kind is not BlockKind.HEADING), 0)
    entities = decide_kinds(cluster(resolve(parsed), body_start), parsed)
    quotes, speakers = find_quotes(article, parsed, entities)
    for entity in entities:
        entity.mentions = _as_written(article, entity.mentions)
        entity.name = _name_as_written(article, entity.name)
    for speaker in speakers:
        speaker.mentions = _as_written(article, speaker.mentions)
        speaker.name = _name_as_written(article, speaker.name)
    return Analysis(article.source, entities, quotes, speakers, model, RULES_VERSION)


def analyse_parsed(article: Article, parsed: list[ParsedBlock], model: str = "") -> Analysis:
    """The rules alone, on an article parsed before: benchmarks run them many times over one
    parse (each rule switched off in turn)."""
    return _build(article, parsed, model)


def analyse_stages(
    article: Article, nlp: Language, progress: Progress | None = None, *, first_stage: int = FIRST_STAGE_CHARS, n_process: int = 1
) -> Iterator[Analysis]:
    """Analyses of a growing beginning of the article, the last one complete.

    A long document shows its first highlights after `first_stage` characters; each later stage
    covers at least twice as much and waits while the partial analyses so far cost more than
    PARTIAL_SHARE of the parsing, so re-running the document-level rules stays a small part of
    the whole, while parsing (the expensive part) is done once. `n_process` > 1 lets
    spaCy parse in that many worker processes (worth it only for long texts).
    """
    units = _units(article)
    model = describe(nlp)
    parsed: list[ParsedBlock] = []
    done_chars, next_stage = 0, first_stage
    started, partial_time, paused = time.perf_counter(), 0.0, 0.0
    for pb in _parse_units(article, nlp, units, n_process):
        parsed.append(pb)
        done_chars += len(pb.text)
        if progress is not None:
            progress(len(parsed), len(units))
        if done_chars >= next_stage and len(parsed) < len(units):
            parse_time = time.perf_counter() - started - partial_time - paused
            if partial_time <= PARTIAL_SHARE * parse_time:  # the first stage always passes
                t = time.perf_counter()
                partial = _build(article, parsed, model)
                partial_time += time.perf_counter() - t
                next_stage = done_chars * 2
                t = time.perf_counter()
                yield partial
                paused += time.perf_counter() - t  # the caller's time is not parsing time
    yield _build(article, parsed, model)


def analyse(article: Article, nlp: Language | None = None, progress: Progress | None = None) -> Analysis:
    nlp = nlp if nlp is not None else load_pipeline()
    return _build(article, parse(article, nlp, progress), describe(nlp))


def analyse_many(articles: Sequence[Article], nlp: Language) -> Iterator[tuple[Article, Analysis | Exception]]:
    """(article, analysis) for many articles, in order, parsed as one stream of pieces.

    For batch runs: the pieces of consecutive articles share `nlp.pipe` batches (still capped
    by MAX_BATCH_CHARS), so short articles cost little more than raw `nlp.pipe` on them
    instead of one small batch each. Each article's analysis is built, and its parsed
    documents released, as soon as its last piece is parsed. The same pieces are parsed as by
    `analyse`, so the results are the same. A rule that fails on one article is returned as
    that article's exception; the stream goes on.
    """
    model = describe(nlp)
    plan = [(index, unit) for index, article in enumerate(articles) for unit in _units(article)]
    parsed: list[ParsedBlock] = []
    done = 0  # articles whose analysis has been given

    def finish(upto: int) -> Iterator[tuple[Article, Analysis | Exception]]:
        nonlocal done, parsed
        while done < upto:
            article = articles[done]
            try:
                result: Analysis | Exception = _build(article, parsed, model)
            except Exception as exc:  # one article's failure is reported, never the batch's
                result = exc
            parsed = []
            done += 1
            yield article, result

    position = 0
    for batch in _batches([unit for _, unit in plan]):
        owners = plan[position : position + len(batch)]
        position += len(batch)
        texts = [_for_parser(articles[index].text[s:e]) for index, (_, s, e) in owners]
        for (index, (block, start, _)), doc in zip(owners, nlp.pipe(texts, batch_size=len(texts))):
            yield from finish(index)
            parsed.append(ParsedBlock(block, _released(doc), start))
    yield from finish(len(articles))
