"""Who is speaking: from the subject of a speech verb to a referent the reader can follow.

A subject can be a name (an `Entity` mention), a pronoun ("he added"), a role noun that points
back to a title or apposition seen earlier ("the Ukrainian leader" for "Ukrainian President
Volodymyr Zelensky"), an organisation-like noun phrase spaCy did not tag ("the Russian foreign
ministry"), or a description of someone never named ("a 44-year-old serviceman"). `Referents`
keeps the discourse history needed to resolve the first three, in text order.

The statistical NER mislabels names often enough that resolution corrects kinds where the text
is explicit: "the Swedish company" makes an unknown "place" an organisation, "Harmon, who led"
or "Okoro's mother, Grace," makes an "organisation" a person, "shipping group Skarvik" makes a
"person" an organisation. Only the speaker's kind changes; entities keep the NER's verdict.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind, Mention, SpeakerKind
from . import gazetteer
from .names import HONORIFICS
from .parsed import ParsedBlock
from .speech_verbs import (
    ADDRESSEE_VERBS,
    ANAPHORIC_ORG_NOUNS,
    GROUP_PRONOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PHRASAL_SPEECH,
    RELATIVE_PRONOUNS,
    ROLE_CLASSES,
    SPEECH_VERBS,
    TRADE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Links along which a verb without its own subject shares its head's: "and added",
# "went on to say", "adding that", "was quoted as saying".
_SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep"})
# Parts of a noun phrase left out of a short description.
_NOT_IN_DESCRIPTION = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl"})
_DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "report",
        "letter",
        "document",
        "release",
        "filing",
        "post",
        "message",
        "communique",
        "note",
        "memo",
        "email",
        "tweet",
    }
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "one", "another"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_LOOKBACK_SENTENCES = 6
_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_ROLE_LOOKBACK = 400  # earlier mentions searched for "the Ukrainian leader"
_DEMONYM = re.compile(r"^[A-Z][a-z]+(ian|ean|ese|ish|an|i|man|woman|men)$")
_ORG_SUFFIXES = frozenset(
    (
        "Inc Inc. Corp Corp. Ltd Ltd. LLC plc PLC AG SA GmbH Group Holdings Mineral Minerals Mining Bank Motors Energy Airlines Telecom Systems Technologies Labs Partners Capital "
        "Beverages Foods Brands Pharmaceuticals Industries Airways Logistics Shipping Resources Insurance Software Networks Studios Records"
    ).split()
)
_FEMALE = frozenset(
    "mrs ms miss dame lady madam spokeswoman woman mother daughter wife widow girl queen princess actress chairwoman congresswoman servicewoman businesswoman grandmother sister sportswoman policewoman".split()
)
_MALE = frozenset(
    "mr sir lord spokesman man father son husband boy king prince actor chairman congressman serviceman businessman grandfather brother widower sportsman policeman".split()
)


@dataclass(eq=False, slots=True)
class Referent:
    """Someone who can speak: an entity, or a described person or organisation."""

    name: str
    kind: SpeakerKind
    entity_id: str | None = None
    head: str = ""  # head noun of a description
    descriptors: set[str] = field(default_factory=set)  # titles, ages, adjectives seen with it
    gender: str | None = None  # "m" / "f" once the text tells us
    plural: bool = False  # "officials", "most workers"
    mentions: list[Mention] = field(default_factory=list)  # non-name references resolved to it

    @property
    def is_person(self) -> bool:
        return self.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED)


@dataclass(slots=True)
class Resolved:
    referent: Referent | None
    start: int  # the subject noun phrase (or the "according to X" phrase)
    end: int


# How prominent a mention is, for pronouns: the speaker of a speech verb, the subject of the
# main clause, the subject of an embedded clause, anything else.
SPEAKER, MAIN_SUBJECT, SUBJECT, OTHER = 3, 2, 1, 0


@dataclass(order=True, slots=True)
class _Seen:
    offset: int
    sentence: int
    salience: int = field(compare=False)
    referent: Referent = field(compare=False)


_SPEAKER_KIND = {
    EntityKind.PERSON: SpeakerKind.PERSON,
    EntityKind.ORGANIZATION: SpeakerKind.ORGANIZATION,
    EntityKind.PLACE: SpeakerKind.PLACE,
}


def is_speech_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return True
    if lemma == "put" and any(c.lower_ == "it" for c in tok.children) and any(c.lower_ == "as" for c in tok.children):
        return True  # "as he puts it"
    return any((lemma, c.lower_) in PHRASAL_SPEECH for c in tok.children if c.dep_ == "prt")


def according_to(tok: Token) -> Token | None:
    """The noun after "according to", when `tok` is "according"."""
    if tok.lower_ != "according":
        return None
    for prep in tok.children:
        if prep.lower_ == "to":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a speech verb, climbing to a head verb that shares it."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # Two subjects ("Supporters' trust chair Julie Barnes said", "OSLO (AP) - Norwegian
            # group Nordvik said"): the one nearest the verb.
            return min(subjects, key=lambda c: abs(tok.i - c.i))
        if tok is verb:
            # "said Rubio" is sometimes parsed with the name as an object.
            for child in tok.rights:
                if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN" and child.i == tok.i + 1:
                    # Only right after a quote or a comma: "…," said Rubio.
                    if tok.lemma_.lower() not in ADDRESSEE_VERBS and tok.i > 0 and tok.nbor(-1).is_punct:
                        return child
        if tok.dep_ not in _SHARED_SUBJECT_DEPS or tok.head.i == tok.i:
            return _stray_subject(tok)
        tok = tok.head
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A main verb the parser left without a subject ("In the village of X, a 67-year-old
    farmer stood", with the farmer hung on the place): the person noun just before it."""
    if verb.dep_ != "ROOT":
        return None
    for t in reversed(list(verb.doc[verb.sent.start : verb.i])):
        if (
            t.dep_ in ("appos", "conj")
            and t.pos_ == "NOUN"
            and (t.lemma_.lower() in PERSON_NOUNS or any(c.like_num for c in t.subtree))
        ):
            return t
        if t.pos_ == "VERB":
            return None
    return None


def _np_bounds(head: Token) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by `head`, without clauses and appositions."""
    lo, hi = head.i, head.i + 1
    for child in head.children:
        if child.dep_ in _NOT_IN_DESCRIPTION:
            continue
        lo = min(lo, child.left_edge.i)
        hi = max(hi, child.right_edge.i + 1)
    doc = head.doc
    while hi > lo + 1 and doc[hi - 1].is_punct:
        hi -= 1
    return lo, hi


class Referents:
    """Entities and described speakers in text order, with what is needed to resolve pronouns
    and role nouns against them."""

    def __init__(self, entities: list[Entity]) -> None:
        self._spans: list[tuple[int, int, Entity]] = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self._starts = [s for s, _, _ in self._spans]
        self._first: dict[str, int] = {e.id: min(m.start for m in e.mentions) for e in entities if e.mentions}
        self._by_entity: dict[str, Referent] = {}
        self._seen: list[_Seen] = []
        self.described: list[Referent] = []
        self._surnames: dict[str, Entity] | None = None
        self._resolved: dict[int, Resolved] = {}  # by subject offset: one referent per phrase

    # ---- entities -------------------------------------------------------------------------
    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), if any."""
        j = bisect.bisect_right(self._starts, start) - 1
        if j >= 0 and self._spans[j][1] > start:
            return self._spans[j][2]
        if j + 1 < len(self._spans) and self._spans[j + 1][0] < end:
            return self._spans[j + 1][2]
        return None

    def mentions_in(self, lo: int, hi: int) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of every entity mention starting in [lo, hi)."""
        return self._spans[bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)]

    def first_mention(self, entity_id: str) -> int:
        return self._first.get(entity_id, -1)

    @staticmethod
    def same_role(described: Referent, named: Referent) -> bool:
        """Whether a description fits what the text says about a named person: the same or a
        related title ("former cabinet minister" / "business secretary") or the same age."""
        roles = ROLE_CLASSES.get(described.head, frozenset()) | {described.head}
        ages = {d for d in described.descriptors if d.isdigit()}
        return bool(named.descriptors & roles or ages & named.descriptors)

    def of_entity(self, ent: Entity) -> Referent:
        ref = self._by_entity.get(ent.id)
        if ref is None:
            kind = _SPEAKER_KIND[ent.kind]
            if kind is SpeakerKind.PERSON and ent.name.split()[-1] in _ORG_SUFFIXES:
                kind = SpeakerKind.ORGANIZATION  # "Castellan Beverages" tagged as a person
            ref = Referent(ent.name, kind, ent.id)
            self._by_entity[ent.id] = ref
        return ref

    def surname_owner(self, word: str) -> Entity | None:
        """The person whose name ends in `word`, for a bare surname spaCy did not tag."""
        if self._surnames is None:
            self._surnames = {}
            for _, _, ent in self._spans:
                if ent.kind is EntityKind.PERSON and len(ent.name.split()) > 1:
                    self._surnames.setdefault(ent.name.split()[-1], ent)
        return self._surnames.get(word)

    def as_person(self, ent: Entity, start: int) -> Entity:
        """A one-word place or organisation that is the surname of a person named earlier
        ("Ahmed Salem ... Salem's family": Salem is also a city) is that person."""
        if ent.kind is EntityKind.PERSON or " " in ent.name:
            return ent
        owner = self.surname_owner(ent.name)
        if owner is not None and self.first_mention(owner.id) < start:
            return owner
        return ent

    def learn_gender(self, ent: Entity, gender: str) -> None:
        ref = self.of_entity(ent)
        if ref.gender is None:
            ref.gender = gender

    # ---- history --------------------------------------------------------------------------
    def note(self, offset: int, sentence: int, referent: Referent, salience: int) -> None:
        bisect.insort(self._seen, _Seen(offset, sentence, salience, referent))

    def note_entity_mention(self, pb: ParsedBlock, tok: Token, ent: Entity, sentence: int) -> tuple[Referent, int]:
        """Record a name seen outside quotes, with the titles and appositions around it;
        returns its referent and how prominent this mention is."""
        ref = self.of_entity(ent)
        if ref.kind is not SpeakerKind.PLACE or gazetteer.lookup(ref.name) is None:
            ref.descriptors.update(_descriptors(tok, ref.kind is not SpeakerKind.PERSON))  # "Norwegian shipping group Nordvik"
        if ref.kind is SpeakerKind.PERSON:
            if ref.gender is None:
                ref.gender = _gender_of_words(w.lower_ for w in tok.doc[max(0, tok.i - 3) : tok.i + 1] if w.dep_ != "poss")
        level = salience(tok)
        self.note(pb.offset + tok.idx, sentence, ref, level)
        return ref, level

    def _recent(self, before: int, sentence: int, want) -> Referent | None:
        """For a pronoun: in the nearest sentence with a subject that `want` accepts, the most
        salient one (a speaker over a main-clause subject over an embedded one); failing that,
        the latest other mention in the nearest sentence that has one."""
        fallback: Referent | None = None
        best: _Seen | None = None
        i = bisect.bisect_left(self._seen, _Seen(before, 0, 0, None)) - 1  # type: ignore[arg-type]
        while i >= 0:
            item = self._seen[i]
            i -= 1
            if best is not None and item.sentence != best.sentence:
                break
            if sentence - item.sentence > _LOOKBACK_SENTENCES:
                break
            if not want(item.referent):
                continue
            if item.salience > OTHER:
                if best is None or item.salience > best.salience:
                    best = item
            elif fallback is None:
                fallback = item.referent
        return best.referent if best is not None else fallback

    def _recent_org(self, before: int, sentence: int, modifiers: set[str], loose: bool) -> Referent | None:
        """For "the company" / "the Norwegian firm": an earlier organisation introduced with
        one of the modifiers ("Norwegian shipping group Nordvik"), else, when the phrase says no
        more than a nationality (`loose`), the latest one that was a subject in the last few
        sentences, else the latest one mentioned there. "The national highways agency" is new."""
        end = bisect.bisect_left(self._seen, _Seen(before, 0, 0, None))  # type: ignore[arg-type]
        salient = fallback = None
        for item in reversed(self._seen[max(0, end - _ROLE_LOOKBACK) : end]):
            ref = item.referent
            if not _may_be_org(ref):
                continue
            if modifiers and ref.descriptors & modifiers:
                return ref
            if loose and sentence - item.sentence <= _LOOKBACK_SENTENCES:
                if salient is None and item.salience > OTHER:
                    salient = ref
                if fallback is None:
                    fallback = ref
        return salient or fallback

    # ---- resolution -----------------------------------------------------------------------
    def resolve(self, pb: ParsedBlock, head: Token, sentence: int, salience: int = SPEAKER) -> Resolved:
        """The referent of the noun phrase headed by `head` (a subject or an "according to"
        object); records it in the history. A phrase is resolved once, however often asked."""
        key = pb.offset + head.idx
        if key not in self._resolved:
            self._resolved[key] = self._resolve(pb, head, sentence, salience)
        return self._resolved[key]

    def _resolve(self, pb: ParsedBlock, head: Token, sentence: int, salience: int) -> Resolved:
        lo, hi = _np_bounds(head)
        doc = head.doc
        start, end = pb.offset + doc[lo].idx, pb.offset + doc[hi - 1].idx + len(doc[hi - 1].text)
        offset = pb.offset + head.idx
        lower = head.lower_

        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            return self.resolve(pb, head.head.head, sentence, salience)
        described = _appos_person(head)
        if described is not None:  # "One of them, a retired teacher, organised"
            return self.resolve(pb, described, sentence, salience)

        # "the Frenchman", "the Italian" (which the NER may tag as an organisation) describe a
        # person already in the story; they are not names.
        epithet = (
            hi - lo == 2
            and doc[lo].lower_ in _DEFINITE
            and head.pos_ == "PROPN"
            and (head.ent_type_ == "NORP" or head.lower_.endswith(("man", "woman")))
        )
        ent = None if epithet else self._entity_of(pb, head)
        if ent is not None:
            ref = self.of_entity(ent)
            if ref.kind is SpeakerKind.PERSON and head.pos_ == "NOUN" and head.lemma_.lower() in ORG_NOUNS:
                ref.kind = SpeakerKind.ORGANIZATION  # "shipping group Skarvik", Skarvik tagged a person
            elif (
                ref.kind is not SpeakerKind.PERSON
                and head.pos_ == "NOUN"
                and lower in PERSON_NOUNS
                and lower not in ORG_NOUNS
                and (ref.kind is SpeakerKind.ORGANIZATION or gazetteer.lookup(ref.name) is None)
            ):
                ref.kind = SpeakerKind.PERSON  # "Okoro's mother, Grace," with Grace tagged an organisation
            elif (
                ref.kind is not SpeakerKind.PERSON
                and head.pos_ == "PROPN"
                and _introduces_person(head)
                and (_person_shaped_org(ref) or (ref.kind is SpeakerKind.PLACE and gazetteer.lookup(ref.name) is None))
            ):
                ref.kind = SpeakerKind.PERSON  # "Marcus Webb, 44, who has been at the plant" tagged a place
            if ref.kind is SpeakerKind.PERSON and ref.gender is None:
                ref.gender = _gender_of_words(t.lower_ for t in doc[lo:hi] if t.dep_ != "poss")
            self.note(offset, sentence, ref, salience)
            return Resolved(ref, start, end)

        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS:
            ref = None
            if lower in PERSON_PRONOUNS:
                gender = "m" if lower == "he" else "f"
                ref = self._recent(offset, sentence, lambda r: r.is_person and not r.plural and r.gender in (None, gender))
                if ref is None:
                    # No person in sight, but "Duncan MacLeod climbed ..." was tagged as an
                    # organisation: a name shaped like a person's that a pronoun follows is one.
                    ref = self._recent(offset, sentence, _person_shaped_org)
                    if ref is not None:
                        ref.kind = SpeakerKind.PERSON
                if ref is not None and ref.gender is None and salience == SPEAKER:
                    ref.gender = gender
            elif lower in GROUP_PRONOUNS:
                ref = self._recent(offset, sentence, lambda r: not r.is_person or r.plural)
            if ref is not None:
                ref.mentions.append(Mention(offset, offset + len(head.text), head.text))
                self.note(offset, sentence, ref, salience)
            return Resolved(ref, offset, offset + len(head.text))

        lemma = head.lemma_.lower()
        if lemma in _DOCUMENT_NOUNS:
            return self._document_source(pb, head, sentence, start, end)

        words = [t for t in doc[lo:hi]]
        text = doc[lo:hi].text
        definite = bool(words) and (words[0].lower_ in _DEFINITE or words[0].dep_ == "poss")
        age = _age_of(words)
        modifiers = {t.lemma_.lower() for t in words if t.i != head.i and t.pos_ in ("ADJ", "PROPN", "NOUN", "NUM")}
        if age:
            modifiers.add(age)

        # "the Italian", "the Welshman", "the Pole": names do not take "the".
        demonym = head.ent_type_ == "NORP" or bool(_DEMONYM.match(head.text)) or (hi - lo == 2 and head.pos_ == "PROPN")
        named_org = (
            next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) if lemma in ORG_NOUNS else None
        )
        if named_org is not None:  # "Consumer group FairCall"
            head, words, text = named_org, list(doc[named_org.left_edge.i : named_org.right_edge.i + 1]), named_org.text
        if head.pos_ == "PROPN" and not _is_role(lemma) and not (definite and demonym):
            ref = self._proper_name(text, words, named_org is not None or _org_like(head), _introduces_person(head))
            self.note(offset, sentence, ref, salience)
            return Resolved(ref, start, end)

        if lemma in TRADE_NOUNS and words[0].lower_ in _DEFINITE and head.tag_ not in ("NNS", "NNPS"):
            loose = all(t.i == head.i or not t.is_title or _is_nationality(t) for t in words[1:])
            ref = self._recent_org(offset, sentence, modifiers, loose)
            if ref is not None:  # "the tech giant", "the Canadian miner"
                if ref.kind is SpeakerKind.PLACE:
                    ref.kind = SpeakerKind.ORGANIZATION
                ref.mentions.append(Mention(start, end, text))
                self.note(offset, sentence, ref, salience)
                return Resolved(ref, start, end)

        ref = None
        is_org = lemma in ORG_NOUNS and not age and not (lemma in TRADE_NOUNS and _introduces_person(head))
        is_person = _is_role(lemma) or bool(age) or (definite and demonym) or _introduces_person(head)
        if not (is_org or is_person):
            return Resolved(None, start, end)
        # "Her neighbour", "his lawyer": someone new, related to a person already in the story.
        relational = bool(words) and words[0].dep_ == "poss" and words[0].pos_ in ("PRON", "PROPN")
        if is_person and not is_org:
            named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:  # "Okoro's mother, Grace," with Grace untagged
                ref = self._proper_name(named.text, list(doc[named.left_edge.i : named.i + 1]), False, True)
                if ref.kind is SpeakerKind.ORGANIZATION and ref.entity_id is None:
                    ref = None
                if ref is not None:
                    ref.mentions.append(Mention(start, end, text))
                    self.note(offset, sentence, ref, salience)
                    return Resolved(ref, start, end)
        if definite:
            ref = self._by_role(lemma, modifiers, age, offset, is_org, head.tag_ in ("NNS", "NNPS"))
            if ref is None and is_person and not relational and head.tag_ not in ("NNS", "NNPS"):
                # "the 23-year-old", "the Italian", "the veteran": in news copy a definite
                # description points back to someone already in the story.
                gender = _gender_of_words([lemma])
                ref = self._recent(
                    offset,
                    sentence,
                    lambda r: (
                        r.kind is not SpeakerKind.ORGANIZATION and r.kind is not SpeakerKind.PLACE and r.gender in (None, gender)
                        if gender
                        else r.is_person
                    ),
                )
            if ref is None and is_org and lemma in ANAPHORIC_ORG_NOUNS and words[0].lower_ in _DEFINITE:
                # "the company", "the Swedish company", "the Norwegian firm": the organisation
                # just mentioned (one introduced as Norwegian first), or a name tagged as a
                # place that no gazetteer knows.
                ref = self._recent_org(offset, sentence, modifiers, _only_nationality(words, head))
                if ref is not None and ref.kind is SpeakerKind.PLACE:
                    ref.kind = SpeakerKind.ORGANIZATION
        if ref is None and not definite and lemma in _SPOKES and len(words) <= 2:
            # A bare "a spokesperson said" speaks for the organisation just mentioned.
            ref = self._recent(offset, sentence, lambda r: r.kind is SpeakerKind.ORGANIZATION)
        given = _given_name(head) if ref is None and is_person and not is_org else None
        if given is not None:
            # "A worker, who gave his name only as Serhiy, said": named after all.
            ref = Referent(
                given,
                SpeakerKind.PERSON,
                None,
                given.split()[-1].lower(),
                modifiers | {lemma},
                _gender_of_words([lemma, *_appos_lemmas(head)]),
            )
            self.described.append(ref)
        if ref is None:
            kind = SpeakerKind.ORGANIZATION if is_org else SpeakerKind.UNNAMED
            ref = Referent(
                _description(words, head),
                kind,
                None,
                lemma,
                modifiers | {lemma},
                _gender_of_words([lemma, *_appos_lemmas(head)]),
                head.tag_ in ("NNS", "NNPS"),
            )
            self.described.append(ref)
        ref.mentions.append(Mention(start, end, text))
        self.note(offset, sentence, ref, salience)
        return Resolved(ref, start, end)

    def _entity_of(self, pb: ParsedBlock, head: Token) -> Entity | None:
        ent = self.entity_at(pb.offset + head.idx, pb.offset + head.idx + len(head.text))
        if ent is not None:
            return self.as_person(ent, pb.offset + head.idx)
        for child in head.children:  # "The company's chief executive, Jane Doe, said"
            if child.dep_ == "appos":
                # The apposition's own name, not one inside a phrase of it ("a teacher from Kent").
                for t in child.subtree:
                    if _under_phrase(t, child):
                        continue
                    ent = self.entity_at(pb.offset + t.idx, pb.offset + t.idx + len(t.text))
                    if ent is not None:  # an apposition names the same thing
                        return ent
        return None

    def _proper_name(self, text: str, words: list[Token], org: bool, person: bool = False) -> Referent:
        """A name spaCy did not tag: join an entity sharing its last word, else stand alone.
        `person`: the text says it is someone ("Harmon, who led by three shots"), so an entity
        tagged as an organisation with a person's name shape ("American Scott Harmon") is one."""
        names = [w.text for w in words if w.pos_ == "PROPN" and w.lower_.rstrip(".") not in HONORIFICS]
        last = names[-1] if names else text
        for ent_ref in reversed(list(self._by_entity.values())):
            if ent_ref.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION) and ent_ref.name.split()[-1] == last:
                if person and _person_shaped_org(ent_ref):
                    ent_ref.kind = SpeakerKind.PERSON
                    first = ent_ref.name.split()[0]
                    if _DEMONYM.match(first) and len(ent_ref.name.split()) > 2:
                        ent_ref.name = ent_ref.name.split(" ", 1)[1]  # "American Scott Harmon"
                return ent_ref
        for ref in self.described:
            if ref.name.split()[-1] == last:
                return ref
        kind = SpeakerKind.ORGANIZATION if org else SpeakerKind.PERSON
        ref = Referent(" ".join(names) or text, kind, None, last.lower(), set())
        self.described.append(ref)
        return ref

    def _by_role(
        self, lemma: str, modifiers: set[str], age: str | None, offset: int, is_org: bool, plural: bool = False
    ) -> Referent | None:
        """ "the Ukrainian leader", "the 56-year-old", "the ministry": the best-matching earlier
        referent by title and modifiers; the most recent one on a tie."""
        roles = ROLE_CLASSES.get(lemma, frozenset()) | {lemma}
        best, best_score = None, 0
        end = bisect.bisect_left(self._seen, _Seen(offset, 0, 0, None))  # type: ignore[arg-type]
        for item in reversed(self._seen[max(0, end - _ROLE_LOOKBACK) : end]):
            ref = item.referent
            if is_org != (ref.kind is SpeakerKind.ORGANIZATION) or (ref.plural and not plural):
                continue
            score = 0
            if ref.head == lemma or ref.descriptors & roles:
                score += 2
            if age and age in ref.descriptors:
                score += 2  # "the 58-year-old" for "Carlo Neri, 58"
            score += len(ref.descriptors & modifiers - {age})
            if score > best_score:
                best, best_score = ref, score
        return best if best_score >= 2 else None

    def _document_source(self, pb: ParsedBlock, head: Token, sentence: int, start: int, end: int) -> Resolved:
        """ "A statement from the ministry said", "Google's statement said": the issuer speaks."""
        for child in head.children:
            if child.dep_ == "poss":
                return self.resolve(pb, child, sentence)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.resolve(pb, obj, sentence)
        if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
            # "the statement said": the statement just mentioned, so its author.
            offset = pb.offset + head.idx
            ref = self._recent(offset, sentence, lambda r: True)
            if ref is not None:
                return Resolved(ref, start, end)
        return Resolved(None, start, end)


def salience(tok: Token) -> int:
    t = tok
    while t.dep_ in ("compound", "flat", "appos") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "ROOT" and t.pos_ in ("PROPN", "NOUN"):
        return MAIN_SUBJECT  # "Okafor, who joined ..., levelled": a fragment parse
    if t.dep_ == "poss" and t.head.dep_ in _SUBJECT_DEPS:
        return SUBJECT  # "Salem's family is staying with relatives. He says ..."
    if t.dep_ not in _SUBJECT_DEPS:
        return OTHER
    verb = t.head
    if is_speech_verb(verb):
        return SPEAKER
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return MAIN_SUBJECT if verb.dep_ == "ROOT" else SUBJECT


def _org_like(head: Token) -> bool:
    """An untagged name that behaves like an organisation: "Andes Mineral, which operates"."""
    if any(w.lemma_.lower() in ORG_NOUNS or w.text in _ORG_SUFFIXES for w in head.subtree if w.pos_ in ("PROPN", "NOUN")):
        return True
    return any(c.dep_ == "relcl" and any(g.lower_ == "which" for g in c.children) for c in head.children)


def _only_nationality(words: list[Token], head: Token) -> bool:
    """ "the company", "the Swedish company": nothing but a nationality to go on."""
    return all(t.i == head.i or t.pos_ in ("DET", "PUNCT") or _is_nationality(t) or _in_based(t) for t in words)


def _in_based(t: Token) -> bool:
    """Part of "Brussels-based" / "London-based": where a company sits, not its name."""
    return any(a.lower_ == "based" for a in (t, *t.ancestors)) or (
        t.i + 2 < len(t.doc) and t.nbor(1).text == "-" and t.nbor(2).lower_ == "based"
    )


def _is_nationality(t: Token) -> bool:
    return t.ent_type_ == "NORP" or bool(_DEMONYM.match(t.text))


def _given_name(head: Token) -> str | None:
    """The name in "who gave his name only as Serhiy" / "who gave only her first name, Rosa" /
    "identified only as Karim" inside the description headed by `head`."""
    for v in head.subtree:
        if v.lemma_.lower() not in ("give", "identify", "use") or v.i < head.i:
            continue
        if v.lemma_.lower() != "identify" and not any(c.lemma_.lower() == "name" for c in v.children):
            continue
        for t in v.subtree:
            if t.pos_ == "PROPN" and (
                (t.dep_ == "appos" and t.head.lemma_.lower() == "name") or t.doc[t.left_edge.i - 1].lower_ == "as"
            ):
                return " ".join(w.text for w in t.doc[t.left_edge.i : t.i + 1] if w.pos_ == "PROPN") or t.text
    return None


def _under_phrase(t: Token, top: Token) -> bool:
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("prep", "pobj", "relcl", "acl", "poss"):
            return True
        t = t.head
    return False


def _person_shaped_org(ref: Referent) -> bool:
    words = ref.name.split()
    return (
        ref.kind is SpeakerKind.ORGANIZATION
        and ref.entity_id is not None
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].isalpha() and w not in _ORG_SUFFIXES and w.lower() not in ORG_NOUNS for w in words)
        and not ref.descriptors & ORG_NOUNS
    )


def _may_be_org(ref: Referent) -> bool:
    if ref.kind is SpeakerKind.ORGANIZATION:
        return not ref.plural
    return ref.kind is SpeakerKind.PLACE and gazetteer.lookup(ref.name) is None


def _introduces_person(head: Token, depth: int = 0) -> bool:
    """A noun only a person fits: "a conservationist", one followed by "who", one in
    apposition with a person ("Her employer, a former lawyer")."""
    lemma = head.lemma_.lower()
    if head.pos_ == "NOUN" and (
        (len(lemma) > 6 and lemma.endswith("ist")) or (len(lemma) > 5 and lemma.endswith(("man", "woman")))
    ):
        return True  # conservationist, postman, fisherwoman
    for c in head.children:
        if c.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") and g.i > head.i for g in c.children):
            return True
        if depth == 0 and c.dep_ == "appos" and c.pos_ == "NOUN" and (_is_role(c.lemma_.lower()) or _introduces_person(c, 1)):
            return True
    return False


def _appos_person(head: Token) -> Token | None:
    """ "One of them, a retired teacher": the apposition says who "one" is."""
    if head.lower_ not in ("one", "another", "some") or head.pos_ not in ("NUM", "PRON"):
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and (_is_role(c.lemma_.lower()) or _introduces_person(c)):
            return c
    return None


def may_be_speaker(tok: Token) -> bool:
    """A subject worth remembering though it does not speak yet: a person description
    ("a 67-year-old farmer stood"), a name followed by "who" that the NER missed."""
    if tok.pos_ == "NOUN":
        return _is_role(tok.lemma_.lower()) or _introduces_person(tok) or any(t.like_num for c in tok.lefts for t in c.subtree)
    if tok.pos_ == "PROPN":
        return _introduces_person(tok)
    return _appos_person(tok) is not None


def _appos_lemmas(head: Token) -> list[str]:
    return [c.lemma_.lower() for c in head.children if c.dep_ == "appos"]


def _gender_of_words(words) -> str | None:
    for w in words:
        w = w.rstrip(".")
        if w in _FEMALE:
            return "f"
        if w in _MALE:
            return "m"
    return None


def _is_role(lemma: str) -> bool:
    return lemma in PERSON_NOUNS or lemma in ROLE_CLASSES


def _age_of(words: list[Token]) -> str | None:
    text = "".join(t.text_with_ws for t in words).replace(" ", "")
    m = re.search(r"(\d{1,3})-year-old", text)
    return m.group(1) if m else None


def _descriptors(tok: Token, org: bool = False) -> set[str]:
    """Words around a name that a later role noun may refer back to: "Ukrainian President",
    "Kremlin spokesman", ", 56,", ", the club's captain,"."""
    head = tok
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    out: set[str] = set()
    for child in head.lefts:
        for t in child.subtree:
            if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and t.ent_type_ != "PERSON":
                out.add(t.lemma_.lower())
    for child in head.rights:
        if child.dep_ in ("appos", "nummod", "amod", "npadvmod"):
            for t in child.subtree:
                if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    out.add(t.lemma_.lower())
    for child in head.rights:
        if child.dep_ == "relcl":  # ", who served as business secretary,"
            for t in child.subtree:
                if t.dep_ == "attr" or (t.dep_ == "pobj" and t.head.lower_ == "as"):
                    out.update(w.lemma_.lower() for w in t.subtree if w.pos_ in ("NOUN", "PROPN", "ADJ"))
    if head.dep_ == "appos" and org:
        # "Norwegian shipping group Skarvik": only beside an organisation noun, and only that
        # phrase (a dateline "(Reuters)" hangs on the whole lede).
        # "OSLO (AP) - Norwegian shipping group Nordvik said" hangs both on the dateline.
        beside = [head.head] + [c for c in head.head.children if c.dep_ == "appos" and c.i != head.i]
        for noun in beside:
            if noun.lemma_.lower() not in ORG_NOUNS:
                continue
            lo, hi = _np_bounds(noun)
            for t in head.doc[lo:hi]:
                if (t.i < head.left_edge.i or t.i > head.right_edge.i) and t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    out.add(t.lemma_.lower())
    elif head.dep_ == "appos":
        for t in head.head.subtree:
            if t.i < head.left_edge.i or t.i > head.right_edge.i:
                if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    out.add(t.lemma_.lower())
    return out


def _description(words: list[Token], head: Token) -> str:
    """ "a 44-year-old serviceman" -> "44-year-old serviceman"; "one victim, an 84-year-old
    widow" keeps the apposition, which says more than the head noun; at most ten words."""
    while words and (words[0].lower_ in _DETERMINERS or (words[0].dep_ == "poss" and words[0].pos_ == "PRON")):
        words = words[1:]
    text = "".join(t.text_with_ws for t in words[:8]).strip()
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            a_lo, a_hi = _np_bounds(child)  # without its "who ..." clause
            appos = list(head.doc[a_lo:a_hi])
            while appos and appos[0].lower_ in _DETERMINERS:
                appos = appos[1:]
            if appos and len(appos) <= 9:
                text += ", " + "".join(t.text_with_ws for t in appos).strip()
            break
    return text
