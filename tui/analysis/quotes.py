"""Direct quotes and who said them.

Quotes come from the quote marks (`quote_marks`); speakers from the dependency parse
(`attribution`). For each quote, in order of preference:

1. a cue right after it, before the sentence ends: ``"…," Rubio said`` / ``"…," said Rubio`` /
   ``"…," he told AFP`` / ``"…," according to the ministry`` / the first half of a split quote
   (rule ``cue.after``);
2. the speech verb that governs it in the parse (``cue.governing``), which also covers a cue
   before it (``He added: "…"``; a separate before-the-quote step changed nothing on the corpus
   and cost a quote on real news, so it was deleted). For a partial quote inside reported speech
   (``The United States said it was asking Russia to "unconditionally" agree``) the outermost
   speech verb wins, climbing through clausal complements but never out of a relative clause
   (``a move the government called "a step forward"`` is the government's), except that words
   someone *called* something stay theirs inside another speaker's report;
3. for a partial quote the parse did not attach, the speech verb of its sentence (``cue.sentence``);
4. for a quote that makes up whole sentences and has no cue of its own, the latest speaker in the
   same paragraph or the two before it (``inherit.speaker``), or the person the paragraph just
   before was about (``inherit.topic``), when mentioned later than that speaker.

Every credited quote carries `Quote.attribution`: the deciding rule (the subject rule of
`attribution` when the cue's subject needed resolving, "he" or "the Ukrainian leader"), a one-line
explanation and the spans it rests on.

A cue whose subject cannot be resolved still blocks step 4: the quote stays without a speaker
rather than going to someone else, unless that subject is a pronoun ("…," it said) and the latest
speaker in the same window fits it (``pronoun.speaker``: "it" a body, "he"/"she" a person). A
partial quote that reads as a title (``released "Battlefield V"``), words named rather than said
(``the words "pandemic risk"``) and a scare quote with no speech verb in its sentence get no
speaker. Quotes in headlines and subheadings are echoes of the
body quote they condense (same words, or all their content words): its speaker, `echo_of` set,
not counted among the speaker's quotes.

A quote running over several paragraphs (each paragraph opens with a mark, only the last one
closes) is reported as one `Quote` per paragraph, all with the same speaker: each stays inside
its block, so highlighting, jumping and the JSON offsets never straddle a paragraph break.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Attribution, Block, BlockKind, Entity, EntityKind, Quote, Span, Speaker, SpeakerKind
from .attribution import Resolver
from .lexicon import (
    DETERMINERS,
    DOCUMENT_NOUNS,
    NAME_FUNCTION_WORDS,
    NAMING_NOUNS,
    NAMING_VERBS,
    PRONOUN_GENDER,
    RANK_ABBREVIATIONS,
    SPEECH_VERBS,
)
from .parsed import ParsedBlock
from .quote_marks import MarkedSpan, find_marked
from .referents import Referent, Referents, Resolved
from .rules import enabled
from .syntax import (
    MAIN_SUBJECT,
    according_to,
    is_speech_verb,
    issues_document,
    may_be_speaker,
    salience,
    speech_salience,
    spoken_of,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_TERMINAL = frozenset({".", "!", "?"})
_CLAUSE_END = ",?!—–-…:;"
_MAX_CUE_DISTANCE = 12  # words between a closing mark and its cue verb
_MAX_CUE_AFTER_STOP = 4  # the same after a quote closed by a full stop
_INHERIT_BLOCKS = 2
# How far on a phrase quoted with no cue is looked for again (`partial.repeated`), in paragraphs.
_REPEAT_BLOCKS = 15
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(slots=True)
class _Cue:
    verb: Token
    resolved: Resolved
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Draft:
    span: MarkedSpan
    pb: ParsedBlock
    block_index: int
    first: int  # token indexes in pb.doc covered by the quote (inclusive), -1 if none
    last: int
    whole: bool  # makes up whole sentences, rather than words inside a sentence
    referent: Referent | None = None
    cue: _Cue | None = None
    direct: bool = False  # attributed by its own cue, not inherited
    continues: bool = False  # opened in an earlier paragraph that did not close it
    rule: str = ""  # the rule that gave it its speaker (tui.analysis.rules)
    reason: str = ""
    evidence: tuple[Span, ...] = ()
    echo_of: _Draft | None = None  # the body quote a headline quote repeats

    def credit(self, referent: Referent | None, rule: str, reason: str, evidence: tuple[Span, ...] = ()) -> None:
        self.referent, self.rule, self.reason, self.evidence = referent, rule, reason, evidence


def find_quotes(article: Article, parsed: list[ParsedBlock], entities: list[Entity]) -> tuple[list[Quote], list[Speaker]]:
    refs = Referents(entities)
    resolver = Resolver(refs)
    drafts: list[_Draft] = []
    events: list[_Event] = []  # every speech act: its speaker, where it was said
    topics: list[_Event] = []  # people who are the main subject of a sentence
    sentence_base = 0
    blocks: list[Block] = []  # analysed blocks, by block index
    for pb in parsed:
        if not blocks or pb.block is not blocks[-1]:
            blocks.append(pb.block)
        sentence_base = _attribute_piece(article, pb, len(blocks) - 1, resolver, drafts, events, topics, sentence_base)

    _link_continuations(article, drafts)
    if enabled("cue.label_below"):
        _labels_below(article, drafts, refs, blocks, events)
    _propagate_groups(drafts, events)
    _inherit(drafts, events, topics)
    _name_the_lede(drafts, refs, blocks, topics)
    _repeated_words(article, drafts)
    _headings(article, drafts)
    return _build(article, drafts)


@dataclass(frozen=True, slots=True)
class _Event:
    """A speaker (or a topic person) at a place in the text: the phrase that names them."""

    start: int
    end: int
    block_index: int
    referent: Referent


# ---- one parsed piece -------------------------------------------------------------------------
def _attribute_piece(
    article: Article,
    pb: ParsedBlock,
    block_index: int,
    resolver: Resolver,
    drafts: list[_Draft],
    events: list[_Event],
    topics: list[_Event],
    sentence_base: int,
) -> int:
    """Find the quotes of one parsed piece and attribute those with a cue of their own; returns
    the next global sentence number."""
    doc = pb.doc
    lo = pb.offset
    spans = find_marked(article.text, lo, pb.end)
    inside, members = _token_membership(pb, spans)
    sentence = [0] * len(doc)
    n = sentence_base
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sentence[i] = n
        n += 1

    heading = pb.block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING)
    for start, end, ref in _note_names(pb, resolver.refs, inside, sentence):
        topics.append(_Event(start, end, block_index, ref))
    cues = {} if heading else _speech_acts(article, pb, block_index, resolver, inside, sentence, events, topics)

    for qi, span in enumerate(spans):
        toks = members[qi]
        first, last = (toks[0], toks[-1]) if toks else (-1, -1)
        draft = _Draft(span, pb, block_index, first, last, _is_whole(article.text, span, lo))
        drafts.append(draft)
        if first >= 0 and not heading:
            _own_cue(article, draft, qi, inside, cues, sentence)
            if (draft.cue is None or not _named_person(draft.referent)) and enabled("cue.inverted_name"):
                _inverted_name(article, draft, resolver)
            if draft.cue is None and not draft.direct and draft.whole and enabled("cue.label"):
                _label(article, draft, resolver)
            if draft.cue is None and not draft.whole and enabled("partial.subject"):
                _sentence_subject(article, draft, qi, inside, resolver, sentence)
            if draft.referent is not None:
                events.append(_Event(span.start, span.end, block_index, draft.referent))
    return n


_WHERE = {
    "cue.after": "right after the quote",
    "cue.governing": "the verb the quote depends on",
    "cue.sentence": "same sentence",
}


def _own_cue(article: Article, d: _Draft, qi: int, inside: list[int], cues: dict[int, _Cue], sentence: list[int]) -> None:
    """Credit a quote by a cue of its own: after it, above it in the parse (which covers a cue
    before it, "He added: "…""), or (a partial quote) in its sentence."""
    doc, span, first, last = d.pb.doc, d.span, d.first, d.last
    title = not d.whole and (_looks_like_title(article.text[span.start : span.end]) or _is_mention(doc, inside, qi, first, last))
    tries: tuple[tuple[str, Callable[[], _Cue | None]], ...] = (
        ("cue.after", lambda: _after_cue(doc, inside, last, cues, span) if d.whole else None),
        ("cue.governing", lambda: _governing_cue(doc, inside, qi, first, last, cues, title)),
        ("cue.sentence", lambda: None if d.whole or title else _same_sentence_cue(doc, first, sentence, cues)),
    )
    for rule, find in tries:
        cue = find() if enabled(rule) else None
        if cue is None:
            continue
        d.cue, d.direct = cue, True
        found = cue.resolved
        if found.referent is None:
            d.credit(None, rule, "")
            return
        explanation = f"cue '{cue.text}', {_WHERE[rule]}"
        if found.reason:
            explanation += f"; {found.reason}"
        decided = rule if found.rule in ("subject.name", "name.untagged", "") else found.rule
        d.credit(found.referent, decided, explanation, (Span(cue.start, cue.end), *found.evidence))
        return


def _named_person(ref: Referent | None) -> bool:
    return ref is not None and ref.entity_id is not None and ref.kind is SpeakerKind.PERSON


def _inverted_name(article: Article, d: _Draft, resolver: Resolver) -> None:
    """ "…," said Brenda Dennis, who co-owns the store: a speech verb right after the quote, then
    a person's name, names the speaker even where the parser gave the verb no subject (or took a
    title, "said Kottayam Superintendent of Police Hari Shankar", for it). The name must head the
    phrase: not behind "for" or "of", nor an owner ("said Ramaphosa's spokesperson, Vincent
    Magwenya" is Magwenya's, in apposition)."""
    doc, lo = d.pb.doc, d.pb.offset
    i = d.last + 1
    while i < len(doc) and doc[i].is_punct and i - d.last <= 3:
        i += 1
    if i >= len(doc) or doc[i].lemma_.lower() not in SPEECH_VERBS or doc[i].tag_ not in ("VBD", "VBZ", "VBP"):
        return
    first = i + 1
    end = first
    while end < len(doc) and end - first < 12 and doc[end].text not in (",", ".", ";", ":", "(") and not doc[end].is_quote:
        end += 1
    if end == first:
        return
    phrase = doc[first:end]
    if any(t.lower_ in ("who", "which", "that") for t in phrase):
        return
    # "said Superintendent of Police Hari Shankar": a title may hold "of" when the name ends the
    # phrase; "said a spokesman for Mayor Smith" is the spokesman's.
    titled = phrase[0].text[:1].isupper() and phrase[0].lower_ not in DETERMINERS
    start_c, end_c = lo + phrase[0].idx, lo + phrase[-1].idx + len(phrase[-1].text)
    text = article.text
    people = [
        (s, e, ent)
        for s, e, ent in resolver.refs.mentions_in(start_c, end_c)
        if ent.kind is EntityKind.PERSON
        and text[e : e + 2] not in ("'s", "’s")
        and (not any(t.pos_ == "ADP" for t in phrase) or (titled and e == end_c))
    ]
    if not people and end < len(doc) and doc[end].text == "," and end + 1 < len(doc):
        after = lo + doc[end + 1].idx  # "said Ramaphosa's spokesperson, Vincent Magwenya,"
        people = [(s, e, ent) for s, e, ent in resolver.refs.mentions_in(after, after + 1) if ent.kind is EntityKind.PERSON]
        if people and text[people[0][1] : people[0][1] + 1] not in (",", ".", ""):
            people = []
    if len(people) != 1:
        return
    start, stop, ent = people[0]
    d.direct = True
    d.credit(
        resolver.refs.of_entity(ent),
        "cue.inverted_name",
        f"cue '{doc[i].text} {text[start:stop]}', right after the quote",
        (Span(start, stop),),
    )


def _label(article: Article, d: _Draft, resolver: Resolver) -> None:
    """ "Sir Alex Ferguson: "It was an amazing finish."": a person's name and a colon opening the
    paragraph, right before the quote, say whose words follow (round-ups, match reports)."""
    lo = d.pb.offset
    before = article.text[lo : d.span.start].rstrip().rstrip("\"“‘'").rstrip()
    if not before.endswith(":") or len(before) > 80 or "\n" in before:
        return
    colon = lo + len(before) - 1
    named = [(s, e, ent) for s, e, ent in resolver.refs.mentions_in(lo, colon) if e == colon and ent.kind is EntityKind.PERSON]
    if len(named) != 1:
        return
    start, end, ent = named[0]
    ref = resolver.refs.of_entity(ent)
    d.direct = True
    d.credit(ref, "cue.label", f"'{article.text[start:end]}:' opens the paragraph, a label", (Span(start, end),))


def _labels_below(article: Article, drafts: list[_Draft], refs: Referents, blocks: list[Block], events: list[_Event]) -> None:
    """Round-ups ("Quick Quotes: what MPs said") print each quote, then a line naming who said it:
    "Ken McDonald, MP for Avalon". Uncued quote paragraphs right above such a line are that
    person's."""
    text = article.text
    by_block: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_block.setdefault(d.block_index, []).append(d)
    for b, block in enumerate(blocks):
        ref = _name_line(text, block, refs)
        if ref is None:
            continue
        k = b - 1
        while k >= 0 and _quote_paragraph(text, blocks[k], by_block.get(k, [])):
            for d in by_block[k]:
                if d.cue is None and not d.direct:
                    d.direct = True
                    d.credit(
                        ref, "cue.label_below", f"'{text[block.start : block.end].strip()}' names the speaker below the quote"
                    )
                    events.append(_Event(d.span.start, d.span.end, k, ref))
            k -= 1


def _name_line(text: str, block: Block, refs: Referents) -> Referent | None:
    """A short line with no quote and no sentence, opening with a person's name (titles before it
    allowed) and, after a comma, what they are: "Employment Minister Randy Boissonnault, MP for
    Edmonton Centre"."""
    line = text[block.start : block.end].strip()
    if block.kind is not BlockKind.PARAGRAPH or not line or len(line.split()) > 14 or line[-1] in ".?!:;":
        return None
    if any(mark in line for mark in '"“”‘'):
        return None
    people = [(s, e, ent) for s, e, ent in refs.mentions_in(block.start, block.end) if ent.kind is EntityKind.PERSON]
    if not people:
        return None
    start, end, ent = people[0]
    before = text[block.start : start].strip(" —–-")
    after = text[end : block.end].strip()
    if any(not w[:1].isupper() for w in before.split() if w.lower() != "and") or (after and not after.startswith(",")):
        return None
    return refs.of_entity(ent)


def _quote_paragraph(text: str, block: Block, drafts: list[_Draft]) -> bool:
    """A paragraph that is quoted words and nothing else."""
    body = text[block.start : block.end].strip()
    return bool(drafts) and all(d.whole for d in drafts) and body[:1] in '"“‘' and body[-1:] in '"”’'


def _sentence_subject(article: Article, d: _Draft, qi: int, inside: list[int], resolver: Resolver, sentence: list[int]) -> None:
    """A partial quote in a sentence with no speech verb ("She noticed the rain started
    "twirling.""): the words are those of the person the sentence is about, its main subject."""
    doc = d.pb.doc
    if _looks_like_title(article.text[d.span.start : d.span.end]) or _is_mention(doc, inside, qi, d.first, d.last):
        return
    root = doc[d.first].sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and inside[c.i] < 0), None)
    candidates = [subj] if subj is not None and subj.i < d.first else []
    nearest = _clause_subject(doc[d.first], inside) if enabled("partial.clause_subject") else None
    if nearest is not None and nearest is not subj:
        candidates.insert(0, nearest)  # "the Commission, who ordered the union to "cease"": the Commission
    for subj in candidates:
        if spoken_of(subj):
            return  # "Ormsby was described as a "gentle giant"": he is spoken of, not speaking
        found = resolver.resolve(d.pb, subj, sentence[subj.i], salience(subj))
        ref = found.referent
        if ref is None or not (ref.is_person or ref.kind is SpeakerKind.ORGANIZATION) or ref.plural:
            continue
        reason = f"no speech verb; {ref.name} is the subject of the sentence"
        d.credit(ref, "partial.subject", reason, (Span(found.start, found.end), *found.evidence))
        return


def _clause_subject(tok: Token, inside: list[int]) -> Token | None:
    """The subject of the nearest clause above a quoted word, outside the quote and before it;
    a relative pronoun stands for the noun its clause describes ("X, who called it "…"")."""
    for verb in tok.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and inside[c.i] < 0), None)
        if subj is None:
            continue
        if subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            subj = verb.head
        return subj if subj.i < tok.i else None
    return None


def _token_membership(pb: ParsedBlock, spans: list[MarkedSpan]) -> tuple[list[int], list[list[int]]]:
    """For each token the index of the quote holding it (-1 outside quotes, marks count as
    inside), and for each quote its tokens. One sweep: both are in text order."""
    doc, lo = pb.doc, pb.offset
    inside = [-1] * len(doc)
    members: list[list[int]] = [[] for _ in spans]
    qi = 0
    for tok in doc:
        while qi < len(spans) and spans[qi].outer_end - lo <= tok.idx:
            qi += 1
        if qi < len(spans) and spans[qi].outer_start - lo <= tok.idx:
            inside[tok.i] = qi
            members[qi].append(tok.i)
    return inside, members


def _note_names(pb: ParsedBlock, refs: Referents, inside: list[int], sentence: list[int]) -> list[tuple[int, int, Referent]]:
    """Names outside quotes go into the discourse history, for pronouns and role nouns later;
    so do bare surnames spaCy did not tag ("Okafor, who joined in the summer, levelled").
    Returns the people that are main subjects, with their offsets."""
    doc, lo = pb.doc, pb.offset
    topics: list[tuple[int, int, Referent]] = []
    people: dict[int, dict[str, tuple[int, Entity]]] = {}  # sentence -> person -> first token
    for s, e, ent in refs.mentions_in(lo, pb.end):
        span = doc.char_span(s - lo, e - lo, alignment_mode="expand")
        if span is not None and inside[span.root.i] < 0:
            ent = refs.as_person(ent, s)
            ref, level = refs.note_entity_mention(pb, span.root, ent, sentence[span.root.i])
            if level >= MAIN_SUBJECT and ref.is_person:
                topics.append((s, e, ref))
            people.setdefault(sentence[span.root.i], {}).setdefault(ent.id, (span.start, ent))
    pronouns: dict[int, list[tuple[int, str]]] = {}
    for tok in doc:
        if inside[tok.i] >= 0:
            continue
        if tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper()):
            owner = refs.surname_owner(tok.text)
            if owner is not None and refs.entity_at_token(lo, tok) is None:
                ref, level = refs.note_entity_mention(pb, tok, owner, sentence[tok.i])
                if level >= MAIN_SUBJECT:
                    topics.append((lo + tok.idx, lo + tok.idx + len(tok.text), ref))
                people.setdefault(sentence[tok.i], {}).setdefault(owner.id, (tok.i, owner))
        elif tok.lower_ in PRONOUN_GENDER:
            pronouns.setdefault(sentence[tok.i], []).append((tok.i, PRONOUN_GENDER[tok.lower_]))
    # "Oyelaran, 39, started keeping bees after losing her job": one person, then pronouns of
    # one gender, in a sentence tell us how a later "she says" can refer to her. ("Her business
    # partner, Leon Marsh" is someone else's partner: pronouns before the name do not count.)
    for sid, found in pronouns.items():
        named = [(i, e) for i, e in people.get(sid, {}).values() if e.kind is EntityKind.PERSON]
        if len(named) != 1:
            continue
        at, ent = named[0]
        genders = {g for i, g in found if i > at}
        if len(genders) == 1 and all(i > at for i, _ in found):
            refs.learn_gender(refs.of_entity(ent), genders.pop())
    return sorted(topics, key=lambda t: t[0])


def _speech_acts(
    article: Article,
    pb: ParsedBlock,
    block_index: int,
    resolver: Resolver,
    inside: list[int],
    sentence: list[int],
    events: list[_Event],
    topics: list[_Event],
) -> dict[int, _Cue]:
    """Every speech verb (and "according to") outside quotes with its resolved speaker, by the
    verb's token index. Subjects are resolved in text order so pronouns see what came before;
    people introduced without speaking ("a 67-year-old farmer stood ...") are noted too, and a
    pronoun that is the main subject ("Today she runs the kitchen.") makes its person the topic
    for a quoted paragraph that follows with no cue."""
    doc = pb.doc
    found: list[tuple[int, Token | None, Token, bool]] = []  # (order, verb, subject, "according to")
    for tok in doc:
        if inside[tok.i] >= 0:
            continue
        source = according_to(tok)
        if source is not None:
            found.append((source.i, tok, source, True))
        elif is_speech_verb(tok):
            subj = subject_of(tok)
            if subj is not None and inside[subj.i] < 0:
                found.append((min(subj.i, tok.i), tok, subj, False))
        elif (
            tok.dep_ in ("nsubj", "nsubjpass")
            and not is_speech_verb(tok.head)
            and (
                may_be_speaker(tok)
                or (tok.lower_ in ("he", "she") and _leads_sentence(tok))
                or (issues_document(tok) and enabled("inherit.issued"))
            )
        ):
            found.append((tok.i, None, tok, False))
        elif tok.dep_ == "ROOT" and tok.pos_ == "NOUN" and may_be_speaker(tok):
            found.append((tok.i, None, tok, False))  # a fragment parse: "An ornithologist who ... said"
        elif tok.dep_ == "ROOT" and tok.pos_ == "VERB":
            stray = subject_of(tok)
            if stray is not None and stray.dep_ in ("appos", "conj") and inside[stray.i] < 0:
                found.append((stray.i, None, stray, False))
    cues: dict[int, _Cue] = {}
    # '"…," the statement reads, according to Allkpop': where a sentence has its own speech verb,
    # "according to" names where the report came from, not someone speaking there.
    voiced = {sentence[verb.i] for _, verb, _, according in found if verb is not None and not _relays(verb, according)}
    for _, verb, subj, according in sorted(found, key=lambda f: f[0]):
        if verb is None:
            issuing = issues_document(subj) and enabled("inherit.issued")
            level = speech_salience(subj.head) if issuing else salience(subj)
            seen = resolver.resolve(pb, subj, sentence[subj.i], level).referent
            if subj.pos_ == "PRON" and seen is not None and _leads_sentence(subj):
                at = pb.offset + subj.idx
                topics.append(_Event(at, at + len(subj.text), block_index, seen))
            if seen is not None and issuing:
                # "His family issued a statement." then its words: putting a text out is speaking.
                at = pb.offset + subj.idx
                events.append(_Event(at, at + len(subj.text), block_index, seen))
            continue
        resolved = resolver.resolve(pb, subj, sentence[subj.i], speech_salience(verb))
        if spoken_of(subj) and enabled("cue.passive_none"):
            resolved = Resolved(None, resolved.start, resolved.end)  # "we were told": a cue, no speaker
        if resolved.referent is None:
            # "In the city of X, a 44-year-old serviceman said": the parser may make the place
            # the subject and the speaker its conjunct.
            for other in subj.conjuncts:
                alt = resolver.resolve(pb, other, sentence[other.i])
                if alt.referent is not None:
                    resolved = alt
                    break
        if resolved.referent is not None and enabled("gender.said_that"):
            told = _reported_pronoun(verb)
            if told is not None:
                resolver.refs.told_gender(resolved.referent, told)
        cues[verb.i] = _make_cue(pb, verb, resolved, according, article.text)
        relayed = _relays(verb, according) and sentence[verb.i] in voiced and enabled("inherit.not_source")
        if resolved.referent is not None and not relayed:
            events.append(_Event(resolved.start, resolved.end, block_index, resolved.referent))
    return cues


def _reported_pronoun(verb: Token) -> str | None:
    """ "Siya Ndlovu added that he was proud": "he" or "she" as the subject of the reported clause,
    with no other name in it before the pronoun, is the speaker. Not from a relative clause: in
    "her nephew, James Reid, who said she had been ill", the one the story is about."""
    if verb.dep_ == "relcl":
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("he", "she") and not any(t.pos_ == "PROPN" for t in verb.doc[verb.i : subj.i]):
            return "m" if subj.lower_ == "he" else "f"
    return None


def _relays(verb: Token, according: bool) -> bool:
    """ "according to X", "X reported": words that say where a report came from."""
    return according or verb.lemma_.lower() == "report"


def _leads_sentence(tok: Token) -> bool:
    """The subject of the main clause, or opening the sentence ("He stops, kicks at the soil",
    which the parser may hang on a noun)."""
    return salience(tok) >= MAIN_SUBJECT or tok.i == tok.sent.start


def _make_cue(pb: ParsedBlock, verb: Token, resolved: Resolved, according: bool, text: str) -> _Cue:
    v_start = pb.offset + verb.idx
    v_end = v_start + len(verb.text)
    if according:
        start, end = v_start, resolved.end
    else:
        start, end = min(v_start, resolved.start), max(v_end, resolved.end)
        between = text[min(v_end, resolved.end) : max(v_start, resolved.start)]
        if len(between) > 80 or any(c in between for c in '"“”'):
            start, end = v_start, v_end  # subject far from its verb: the verb alone
    return _Cue(verb, resolved, start, end, text[start:end])


def _usable(cue: _Cue | None) -> bool:
    return cue is not None and cue.resolved.referent is not None


def _after_cue(doc, inside, last, cues, span: MarkedSpan) -> _Cue | None:
    """``"…," Rubio said`` and ``"…," said Rubio``: a cue before the sentence goes on."""
    if not span.closed:
        return None
    words = 0
    limit = _MAX_CUE_DISTANCE
    for i in range(last + 1, len(doc)):
        tok = doc[i]
        if inside[i] >= 0:
            return None
        if i == last + 1 and tok.text not in _CLAUSE_END and not _ends_clause(doc, last):
            if not enabled("cue.after_stop"):
                return None
            # ""…we will win." Coach Ogum said." : a quote closed by a full stop, then a
            # sentence that is only its cue; the cue verb must come within a few words.
            limit = _MAX_CUE_AFTER_STOP
        if tok.text in _TERMINAL and not _abbreviation_dot(doc, i):
            return None
        cue = cues.get(i)
        if cue is not None and cue.verb.dep_ != "relcl":  # not "…, who asked not to be named, said"
            # Even when its subject cannot be resolved ("she adds" with no woman in sight), the
            # quote has its own cue and must not inherit someone else.
            if limit == _MAX_CUE_AFTER_STOP and not _cue_only_sentence(cue):
                return None
            return cue
        if not tok.is_punct:
            words += 1
            if words > limit:
                return None
    return None


def _abbreviation_dot(doc, i: int) -> bool:
    """The full stop of a rank before a name that the tokenizer still splits off: "DC.", "PC."
    and ranks in lower case ("det."); "Const." and "Det." are one token since rules 76
    (`pipeline._keep_title_abbreviations`)."""
    return doc[i].text == "." and i > 0 and doc[i - 1].lower_ in RANK_ABBREVIATIONS and i + 1 < len(doc) and doc[i + 1].is_title


def _cue_only_sentence(cue: _Cue) -> bool:
    """After a quote closed by a full stop, the cue counts only when its sentence says nothing
    else: "Coach Ogum said at the briefing." yes, "He said the team would rest." no."""
    speaker = subject_of(cue.verb)
    return all(
        c.dep_ in _CUE_ONLY_DEPS or (speaker is not None and c.i == speaker.i) for c in cue.verb.children if c.i > cue.verb.i
    )


_CUE_ONLY_DEPS = frozenset({"prep", "advmod", "npadvmod", "punct", "agent", "nsubj", "advcl"})  # advcl: ", adding: …"


def _ends_clause(doc, last: int) -> bool:
    """The quoted words end with a comma, question mark, dash... before the closing mark."""
    i = last
    while i >= 0 and doc[i].is_quote:
        i -= 1
    return i >= 0 and doc[i].text[-1:] in _CLAUSE_END


def _governing_cue(doc, inside, qi, first, last, cues, title: bool) -> _Cue | None:
    """The speech verb above the quote in the parse. Reported speech nests ("X said it was
    asking Russia to "unconditionally" agree"): from the nearest speech verb we keep climbing
    through clausal complements and take the outermost, but never out of a relative clause or
    apposition ("a move the government called "a step forward"" is the government's)."""
    best: _Cue | None = None
    best_depth = 1 << 30
    for i in range(first, last + 1):
        tok = doc[i]
        if inside[tok.head.i] == qi or tok.head.i == tok.i or tok.is_punct:
            continue  # marks and commas hang anywhere; words carry the syntax
        if title and tok.dep_ not in _COMPLEMENT_DEPS:
            # "released "Battlefield V"", "In "Standing Alone", she writes": a title, not speech.
            continue
        found, t = None, tok.head
        while True:
            cue = cues.get(t.i)
            if found is not None and cue is not None and cue.verb.lemma_.lower() == "report" and enabled("cue.relayed"):
                break  # '"…," Hodges admitted, the Herald reported': the paper relays Hodges
            if _usable(cue):
                found = cue
                if cue is not None and cue.verb.lemma_.lower() in NAMING_VERBS and _names_other(cue, cues, t):
                    break  # "she reminded him that Rudd had called it "…"": Rudd's words
            if t.head.i == t.i or (found is not None and t.dep_ in _CLAUSE_BOUNDARY_DEPS):
                break
            t = t.head
        if found is not None:
            # Among the quote's attachment points, the one reaching highest wins.
            top = _depth(found.verb)
            if top < best_depth:
                best, best_depth = found, top
    return best


def _names_other(cue: _Cue, cues: dict[int, _Cue], verb: Token) -> bool:
    """Whether a speech verb further up has a different speaker: then words the inner speaker
    called something are the inner speaker's, not the outer narrator's."""
    t = verb
    while t.head.i != t.i:
        t = t.head
        outer = cues.get(t.i)
        if outer is not None and outer.resolved.referent is not None:
            return outer.resolved.referent is not cue.resolved.referent
    return False


_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "oprd", "acomp", "attr", "advcl", "conj", "parataxis"})
_CLAUSE_BOUNDARY_DEPS = frozenset({"relcl", "acl", "appos"})


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i:
        tok = tok.head
        d += 1
    return d


def _same_sentence_cue(doc, first, sentence, cues) -> _Cue | None:
    """A partial quote the parse did not attach: the nearest speech verb of its sentence,
    preferring one before it. A sentence the parser cut at the opening mark ("he told the radio
    "what really mattered" was ...") counts as one with the part before."""
    sid = sentence[first]
    sids = {sid}
    if first > 0 and sentence[first - 1] != sid and doc[first - 1].text not in _TERMINAL:
        sids.add(sentence[first - 1])
    before = [c for i, c in cues.items() if i < first and sentence[i] in sids and _usable(c)]
    if before:
        return max(before, key=lambda c: c.verb.i)
    after = [c for i, c in cues.items() if i > first and sentence[i] == sid and _usable(c)]
    return min(after, key=lambda c: c.verb.i) if after else None


def _is_whole(text: str, span: MarkedSpan, lo: int) -> bool:
    """Whole sentences of speech rather than words inside the writer's sentence: the quote
    opens its paragraph or follows a sentence end, a colon or a comma."""
    j = span.outer_start - 1
    while j >= lo and text[j].isspace():
        j -= 1
    if j >= lo and text[j] not in ".!?:,;—–-\"”'’":
        return False
    inner = text[span.start : span.end]
    if j >= lo and text[j] == ",":
        # "…, "we will go on"" is speech; ", "Battlefield V", …" in a list is not.
        return bool(inner) and (inner[0].isupper() or len(inner.split()) > 3)
    return True


def _is_mention(doc, inside, qi, first, last) -> bool:
    """ "The words "pandemic risk" do not appear", "the slogan "Take back control"": words
    named, not said."""
    for i in range(first, last + 1):
        tok = doc[i]
        if inside[tok.head.i] != qi and not tok.is_punct:
            return tok.dep_ in ("appos", "compound", "npadvmod", "nmod") and tok.head.lemma_.lower() in NAMING_NOUNS
    return False


def _looks_like_title(inner: str) -> bool:
    """ "Battlefield V", "The Lord of the Rings": short, capitalised, not a sentence."""
    words = _WORD.findall(inner)
    if not words or len(words) > 8 or inner.rstrip()[-1:] in ".!?":
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in NAME_FUNCTION_WORDS for w in words)


# ---- across paragraphs ------------------------------------------------------------------------
def _link_continuations(article: Article, drafts: list[_Draft]) -> None:
    """A paragraph that opens with a mark right after a paragraph whose quote did not close
    continues that quote."""
    for prev, cur in zip(drafts, drafts[1:]):
        if not prev.span.closed and cur.block_index == prev.block_index + 1 and cur.span.outer_start == cur.pb.block.start:
            cur.continues = True


def _propagate_groups(drafts: list[_Draft], events: list[_Event]) -> None:
    """All paragraphs of one multi-paragraph quote share the first cue found in any of them.
    With `continuation.speaks`, each paragraph so credited is that speaker speaking there, for
    a quoted paragraph with no cue after a paragraph of narration ("It was a backs-to-the-wall
    victory." between two runs of the coach's words)."""
    if not enabled("continuation"):
        return
    i = 0
    while i < len(drafts):
        j = i
        while j + 1 < len(drafts) and drafts[j + 1].continues:
            j += 1
        if j > i:
            group = drafts[i : j + 1]
            source = next((d for d in group if d.direct and d.referent is not None), None)
            if source is not None and source.referent is not None and source.cue is not None:
                cue = source.cue
                reason = f"one quote over several paragraphs; cue '{cue.text}'"
                for d in group:
                    if d.referent is None:
                        d.credit(source.referent, "continuation", reason, (Span(cue.start, cue.end),))
                        if enabled("continuation.speaks"):
                            events.append(_Event(d.span.start, d.span.end, d.block_index, source.referent))
        i = j + 1


def _inherit(drafts: list[_Draft], events: list[_Event], topics: list[_Event]) -> None:
    """A whole-sentence quote with no cue takes the latest speaker just before it, in its own
    paragraph or the two before; or, when more recent, the person the paragraph just before was
    about ("Nwosu dedicated the win to his father." then a quoted paragraph)."""
    events = sorted(events, key=lambda e: e.start)
    topics = sorted(topics, key=lambda t: t.start)
    offsets = [e.start for e in events]
    topic_offsets = [t.start for t in topics]
    for k, d in enumerate(drafts):
        if d.referent is None and d.cue is None and not d.whole and not _is_heading(d):
            _inherit_partial(d, events, offsets)
            continue
        if d.referent is None and d.cue is not None and not _is_heading(d):
            if _pronoun_speaker(d, events, offsets):
                _speaks_here(d, events, offsets)
            continue
        if d.referent is not None or d.cue is not None or not d.whole or _is_heading(d):
            continue
        best: _Event | None = None
        i = bisect.bisect_left(offsets, d.span.outer_start) - 1
        if i >= 0 and d.block_index - events[i].block_index <= _INHERIT_BLOCKS and enabled("inherit.speaker"):
            best = events[i]
        j = bisect.bisect_left(topic_offsets, d.span.outer_start) - 1
        if (
            j >= 0
            and topics[j].start > (best.start if best else -1)
            and d.block_index - topics[j].block_index <= 1
            and not d.continues
            and enabled("inherit.topic")
        ):
            d.credit(topics[j].referent, "inherit.topic", f"no cue; the paragraph before is about {topics[j].referent.name}")
            d.evidence = (Span(topics[j].start, topics[j].end),)
        elif best is not None:
            d.credit(best.referent, "inherit.speaker", f"no cue; {best.referent.name} was speaking just before")
            d.evidence = (Span(best.start, best.end),)
        elif (after := _next_speaker(drafts, k, events, offsets)) is not None:
            d.credit(after.referent, "inherit.next", f"no cue and no one before; {after.referent.name} speaks next")
            d.evidence = (Span(after.start, after.end),)
        else:
            continue
        _speaks_here(d, events, offsets)


def _speaks_here(d: _Draft, events: list[_Event], offsets: list[int]) -> None:
    """A quote just credited is its speaker speaking there, for the quotes after it."""
    assert d.referent is not None
    at = bisect.bisect_left(offsets, d.span.start)
    offsets.insert(at, d.span.start)
    events.insert(at, _Event(d.span.start, d.span.end, d.block_index, d.referent))


# What a pronoun cue's subject can stand for: "it" a body, "he"/"she" one person, "they" a group.
_PRONOUN_FITS: dict[str, Callable[[Referent], bool]] = {
    "it": lambda r: r.kind is SpeakerKind.ORGANIZATION,
    "he": lambda r: r.is_person and not r.plural and r.gender in (None, PRONOUN_GENDER["he"]),
    "she": lambda r: r.is_person and not r.plural and r.gender in (None, PRONOUN_GENDER["she"]),
    "they": lambda r: r.plural or r.kind is SpeakerKind.ORGANIZATION,
}


def _unsigned(words: str) -> bool:
    """ "a statement", "a written statement": a document named by its noun alone, its issuer not said."""
    split = words.split()
    return len(split) >= 2 and split[0] in ("a", "an") and split[-1] in DOCUMENT_NOUNS


def _anyone(r: Referent) -> bool:
    return True


def _pronoun_speaker(d: _Draft, events: list[_Event], offsets: list[int]) -> bool:
    """A cue whose pronoun subject found no antecedent ("…," it said, after "the bank said"):
    the latest speaker the pronoun fits, in the quote's paragraph or the two before. A reporter
    writes "it said" right after the source spoke; the entity list may not hold the source."""
    assert d.cue is not None
    lo = d.pb.offset
    pronoun = d.pb.text[d.cue.resolved.start - lo : d.cue.resolved.end - lo].lower()
    fits = _PRONOUN_FITS.get(pronoun)
    if pronoun == "it" and d.cue.verb.lemma_.lower() == "read" and enabled("inherit.issued"):
        fits = _anyone  # "It read:": the text just issued, whoever issued it
    elif _unsigned(pronoun) and enabled("document.unsigned"):
        fits = _anyone  # "…," a statement said: one put out by whoever was speaking just before
    if fits is None or not enabled("pronoun.speaker"):
        return False
    i = bisect.bisect_left(offsets, d.span.outer_start) - 1
    while i >= 0 and d.block_index - events[i].block_index <= _INHERIT_BLOCKS:
        e = events[i]
        if fits(e.referent):
            d.credit(e.referent, "pronoun.speaker", f"'{pronoun}' → {e.referent.name}, the last speaker it fits")
            d.evidence = (Span(e.start, e.end),)
            return True
        i -= 1
    return False


def _next_speaker(drafts: list[_Draft], k: int, events: list[_Event], offsets: list[int]) -> _Event | None:
    """A quoted paragraph with no one before it ("She cannot leave the house." then the quote)
    is given to a named person whose speech act comes first in the paragraph after the quote
    (after all its paragraphs, when it runs on): "Pauline said she was grateful ...". The
    reporter names the source after the words. `drafts[k]` is the quote; only its run-on
    paragraphs are walked (no copy of the rest: a long text may have thousands of quotes)."""
    d = drafts[k]
    last_block = d.block_index
    j = k + 1
    while j < len(drafts) and drafts[j].continues:
        last_block = drafts[j].block_index
        j += 1
    i = bisect.bisect_left(offsets, d.span.end)
    if i >= len(events) or events[i].block_index != last_block + 1 or not enabled("inherit.next"):
        return None
    e = events[i]
    return e if e.referent.kind is SpeakerKind.PERSON else None


def _inherit_partial(d: _Draft, events: list[_Event], offsets: list[int]) -> None:
    """A partial quote with no cue and no person as its subject ("The talks will "take time"")
    goes on the words of the latest speaker when that speaker was quoted in the same paragraph
    or the one just before: a reporter rarely drops a new source's words in without a verb.
    A sentence with a speech verb of its own had its chance at a cue and keeps what it found."""
    lo, doc = d.pb.offset, d.pb.doc
    if not enabled("inherit.partial") or _looks_like_title(d.pb.text[d.span.start - lo : d.span.end - lo]):
        return
    if any(is_speech_verb(t) for t in doc[d.first].sent if not d.span.start <= t.idx + lo < d.span.end):
        return  # a verb nobody could be found for ("the study warned", "Silva noted" of a mere term)
    i = bisect.bisect_left(offsets, d.span.outer_start) - 1
    if i < 0 or d.block_index - events[i].block_index > 1:
        return
    e = events[i]
    d.credit(e.referent, "inherit.partial", f"no cue; {e.referent.name} was quoted just before")
    d.evidence = (Span(e.start, e.end),)


def _words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+(?:['’]\w+)?", text.lower()))


def _repeated_words(article: Article, drafts: list[_Draft]) -> None:
    """A phrase quoted with no cue of its own whose words come back later inside a quote that a
    cue credits ("left her "intimidated and frightened"" in the lead; then "Prosecuting barrister
    Amanda Brady said … left her "intimidated and frightened""): the lead quotes a phrase before
    it names who said it, so the phrase is the later speaker's."""
    if not enabled("partial.repeated"):
        return
    texts = [_words_of(article.text[d.span.start : d.span.end]) for d in drafts]
    for i, d in enumerate(drafts):
        if d.whole or d.direct or d.echo_of is not None or len(texts[i].split()) < 2:
            continue
        for j in range(i + 1, len(drafts)):
            later = drafts[j]
            if later.block_index - d.block_index > _REPEAT_BLOCKS:
                break  # an article's lead and body, not a long text end to end
            if later.direct and later.referent is not None and f" {texts[i]} " in f" {texts[j]} ":
                reason = f"its words come back in a quote of {later.referent.name}"
                d.credit(later.referent, "partial.repeated", reason, (Span(later.span.start, later.span.end),))
                break


def _name_the_lede(drafts: list[_Draft], refs: Referents, blocks: list[Block], topics: list[_Event]) -> None:
    """News copy often opens with a description and names the person in the next paragraph:
    "A former cabinet minister has accused her party of "cowardice" ..." then "Margaret Hillier,
    who served as business secretary, writes that ...". A quoted, described (unnamed, singular)
    speaker is the person who is the main subject of the next paragraph, named there for the
    first time with a matching title or age; after the lede, a person given no title at all fits
    too (`lede.untitled`). Reaching three paragraphs ahead (`lede.later`) gave more wrong names
    than right ones on real news and was deleted in rules 68."""
    lede = next((i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH), None)
    if lede is None or lede + 1 >= len(blocks) or not enabled("lede.named"):
        return
    quoted = {id(d.referent) for d in drafts if d.referent is not None}
    described = [r for r in refs.described if r.kind is SpeakerKind.UNNAMED and not r.plural and r.mentions and id(r) in quoted]
    # Blocks are in text order and apart, topics in block order: both are looked up by bisection
    # (scanning them per description was quadratic on a long text of many paragraphs).
    starts = [b.start for b in blocks]
    topic_blocks = [t.block_index for t in topics]
    for unnamed in described:
        first = unnamed.mentions[0].start
        at = bisect.bisect_right(starts, first) - 1
        if at < 0 or first >= blocks[at].end or at < lede:
            continue
        named = _named_later(unnamed, at, at == lede, refs, blocks, topics, topic_blocks)
        if named is None or (unnamed.gender and named[0].gender and unnamed.gender != named[0].gender):
            continue
        person, topic = named
        reason = f"'{unnamed.name}' is {person.name}, named later with the same title or age"
        for d in drafts:
            if d.referent is unnamed:
                d.credit(person, "lede.named", reason, (*d.evidence, Span(topic.start, topic.end)))
        person.mentions.extend(unnamed.mentions)


def _named_later(
    unnamed: Referent,
    at: int,
    in_lede: bool,
    refs: Referents,
    blocks: list[Block],
    topics: list[_Event],
    topic_blocks: list[int],
) -> tuple[Referent, _Event] | None:
    """The person a description is: the main subject of a later paragraph, named there for the
    first time, with the description's title or age (in the paragraph right after the lede, a
    person given no title at all also fits). `topic_blocks` is each topic's block index."""
    lo, hi = bisect.bisect_right(topic_blocks, at), bisect.bisect_right(topic_blocks, at + 1)
    for t in topics[lo:hi]:
        if t.referent.entity_id is None:
            continue
        if refs.first_mention(t.referent.entity_id) < blocks[t.block_index].start:
            continue
        untitled = in_lede and t.block_index == at + 1 and not t.referent.descriptors and enabled("lede.untitled")
        if refs.same_role(unnamed, t.referent) or untitled:
            return t.referent, t
        if t.block_index == at + 1 and in_lede:
            return None  # the lede's next paragraph is about someone else
    return None


def _is_heading(d: _Draft) -> bool:
    return d.pb.block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING)


def _headings(article: Article, drafts: list[_Draft]) -> None:
    """A quote in a headline condenses a quote in the body: same words, or all its content
    words inside one body quote. It is an echo of that quote, with its speaker."""
    heads = [d for d in drafts if _is_heading(d)]
    if not heads or not enabled("echo"):
        return
    body = [
        (" " + " ".join(_words(article.text[d.span.start : d.span.end])) + " ", d)
        for d in drafts
        if not _is_heading(d) and d.referent is not None
    ]
    for d in heads:
        text = article.text[d.span.start : d.span.end]
        key = " ".join(_words(text))
        if not key or (_looks_like_title(text) and len(key.split()) > 1 and not any(f" {key} " in b for b, _ in body)):
            continue
        source = _match_body(key, d, body)
        if source is not None:
            assert source.referent is not None
            d.echo_of = source
            reason = f"repeats a quote of {source.referent.name} in the body"
            d.credit(source.referent, "echo", reason, (Span(source.span.start, source.span.end),))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _match_body(key: str, d: _Draft, body: list[tuple[str, _Draft]]) -> _Draft | None:
    for words, b in body:
        if words == f" {key} ":
            return b
    for words, b in body:
        if f" {key} " in words:
            return b
    content = (
        {t.lemma_.lower() for t in d.pb.doc[d.first : d.last + 1] if t.is_alpha and not t.is_stop} if d.first >= 0 else set()
    )
    if content:
        for _, b in body:
            lemmas = {t.lemma_.lower() for t in b.pb.doc[b.first : b.last + 1]} if b.first >= 0 else set()
            if content <= lemmas:
                return b
    return None


# ---- output -----------------------------------------------------------------------------------
def _build(article: Article, drafts: list[_Draft]) -> tuple[list[Quote], list[Speaker]]:
    """Quotes in text order and their speakers; an echo names its speaker but is not counted
    among the speaker's quotes."""
    qids = {id(d): f"quote-{n}" for n, d in enumerate(drafts, 1)}
    quotes: list[Quote] = []
    speakers: dict[int, Speaker] = {}
    unnamed = itertools.count(1)  # numbers for speakers without an entity (counting them per new one was quadratic)
    for d in drafts:
        qid = qids[id(d)]
        sp = _speaker_of(d.referent, speakers, unnamed) if d.referent is not None else None
        if sp is not None and d.echo_of is None:
            sp.quote_ids.append(qid)
        s = d.span
        cue = d.cue if d.direct and d.referent is not None and d.cue is not None else None
        why = Attribution(d.rule, d.reason, d.evidence) if d.referent is not None and d.rule else None
        quotes.append(
            Quote(
                qid,
                s.start,
                s.end,
                article.text[s.start : s.end],
                s.outer_start,
                s.outer_end,
                sp.id if sp is not None else None,
                cue.text if cue else None,
                cue.start if cue else None,
                cue.end if cue else None,
                attribution=why,
                echo_of=qids[id(d.echo_of)] if d.echo_of is not None else None,
            )
        )
    return quotes, list(speakers.values())


def _speaker_of(ref: Referent, speakers: dict[int, Speaker], unnamed: Iterator[int]) -> Speaker:
    sp = speakers.get(id(ref))
    if sp is None:
        sid = ref.entity_id or f"unnamed-{next(unnamed)}"
        mentions = sorted({(m.start, m.end): m for m in ref.mentions}.values(), key=lambda m: m.start)
        sp = speakers[id(ref)] = Speaker(sid, ref.name, ref.kind, ref.entity_id, [], list(mentions))
    return sp
