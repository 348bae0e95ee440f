"""The discourse history: who can speak, in text order, and one backward search over it.

A `Referent` is an entity (its kind decided once, by `kinds`) or someone described ("a
44-year-old serviceman"). Its name, kind and entity never change once made; what the text
tells about it along the way (gender, titles, the phrases that referred to it) accumulates.
Pronouns and role nouns ("the Ukrainian leader", "the 56-year-old") look back through
`Referents.search_back`, each with its own `Search` (what qualifies, how candidates rank, how
far back).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind, Mention, Span, SpeakerKind
from . import gazetteer
from .lexicon import COMPANY_SUFFIXES, HONORIFICS, ORG_NOUNS, ROLE_CLASSES, TITLE_NOUNS
from .names import sex_of_name, surname_core
from .parsed import ParsedBlock
from .rules import enabled
from .syntax import OTHER, descriptors, gender_of_words, is_role, salience

if TYPE_CHECKING:
    from spacy.tokens import Token

LOOKBACK_SENTENCES = 6  # how far back a pronoun looks
LOOKBACK_ITEMS = 400  # how many earlier mentions a title ("the Ukrainian leader") is matched against

_SPEAKER_KIND = {
    EntityKind.PERSON: SpeakerKind.PERSON,
    EntityKind.ORGANIZATION: SpeakerKind.ORGANIZATION,
    EntityKind.PLACE: SpeakerKind.PLACE,
}


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
    gender_guessed: bool = False  # the gender came from the given name's lists, not the text

    @property
    def is_person(self) -> bool:
        return self.kind in (SpeakerKind.PERSON, SpeakerKind.UNNAMED)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A subject phrase resolved: to whom, by which rule, and on what evidence."""

    referent: Referent | None
    start: int  # the subject noun phrase (or the "according to X" phrase)
    end: int
    rule: str = ""  # a rule id of tui.analysis.rules
    reason: str = ""  # "he → Zelensky, last person named as subject"; "" for a plain name
    evidence: tuple[Span, ...] = ()  # the antecedent's mention, when there is one


@dataclass(order=True, slots=True)
class Seen:
    offset: int
    sentence: int
    salience: int = field(compare=False)
    referent: Referent = field(compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Search:
    """One way of looking back. `rank` returns None for an item that does not qualify, else a
    tuple: the highest wins, the latest on a tie. `sentences` bounds the distance in sentences."""

    rank: Callable[[Seen], tuple[int, ...] | None]
    sentences: int | None = LOOKBACK_SENTENCES
    items: int = LOOKBACK_ITEMS


def by_prominence(want: Callable[[Referent], bool]) -> Search:
    """For a pronoun: in the nearest sentence with a prominent mention `want` accepts, the most
    prominent (a speaker over a main-clause subject over an embedded one); failing that, the
    latest other mention."""

    def rank(item: Seen) -> tuple[int, ...] | None:
        if not want(item.referent):
            return None
        if item.salience > OTHER:
            return (1, item.sentence, item.salience)
        return (0,)

    return Search(rank)


class Referents:
    """Entities and described speakers in text order, with what is needed to resolve pronouns
    and role nouns against them."""

    def __init__(self, entities: list[Entity]) -> None:
        self._spans: list[tuple[int, int, Entity]] = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self._starts = [s for s, _, _ in self._spans]
        self._first: dict[str, int] = {e.id: min(m.start for m in e.mentions) for e in entities if e.mentions}
        self._by_entity: dict[str, Referent] = {}
        self._seen: list[Seen] = []
        self.described: list[Referent] = []
        self._surnames: dict[str, Entity] | None = None

    # ---- entities -------------------------------------------------------------------------
    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), if any."""
        j = bisect.bisect_right(self._starts, start) - 1
        if j >= 0 and self._spans[j][1] > start:
            return self._spans[j][2]
        if j + 1 < len(self._spans) and self._spans[j + 1][0] < end:
            return self._spans[j + 1][2]
        return None

    def entity_at_token(self, offset: int, tok: Token) -> Entity | None:
        """The entity with a mention over `tok`, a token of the block that starts at `offset`."""
        start = offset + tok.idx
        return self.entity_at(start, start + len(tok.text))

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
            gender = sex_of_name(ent.name) if kind is SpeakerKind.PERSON and enabled("gender.given_name") else None
            ref = self._by_entity[ent.id] = Referent(ent.name, kind, ent.id, gender=gender, gender_guessed=gender is not None)
        return ref

    def entity_referents(self) -> list[Referent]:
        return list(self._by_entity.values())

    def surname_owner(self, word: str) -> Entity | None:
        """The person whose name ends in `word`, for a bare surname spaCy did not tag; a person
        known by one name ("Pochettino") owns it too, where spaCy tagged it only elsewhere; and
        a given name used alone ("Shumeez ran to a neighbour") is its one bearer's, when exactly
        one person in the text has it and nobody has it as a surname."""
        if self._surnames is None:
            self._surnames = {}
            people = {id(ent): ent for _, _, ent in self._spans if ent.kind is EntityKind.PERSON}
            for ent in people.values():
                words = ent.name.split()
                if len(words) > 1:
                    self._surnames.setdefault(words[-1], ent)
                    self._surnames.setdefault(surname_core(words[-1]), ent)  # "al-Deen" is "Deen"
            for ent in people.values():
                if " " not in ent.name:
                    self._surnames.setdefault(ent.name, ent)
            if enabled("name.given_alone"):
                given: dict[str, list[Entity]] = {}
                for ent in people.values():
                    words = ent.name.split()
                    if len(words) > 1 and words[0].istitle() and words[0].isalpha() and not _title_word(words[0]):
                        given.setdefault(words[0], []).append(ent)
                for first, bearers in given.items():
                    if len(bearers) == 1:
                        self._surnames.setdefault(first, bearers[0])
        return self._surnames.get(word) or self._surnames.get(surname_core(word))

    def as_person(self, ent: Entity, start: int) -> Entity:
        """A one-word place or organisation that is the surname of a person named earlier
        ("Ahmed Salem ... Salem's family": Salem is also a city) is that person."""
        if ent.kind is EntityKind.PERSON or " " in ent.name:
            return ent
        owner = self.surname_owner(ent.name)
        if owner is not None and self.first_mention(owner.id) < start:
            return owner
        return ent

    def learn_gender(self, ref: Referent, gender: str | None) -> None:
        if ref.gender is None and ref.is_person:
            ref.gender = gender

    def told_gender(self, ref: Referent, gender: str) -> None:
        """The text's own word ("Siya Ndlovu added that he was proud") over the name lists' guess
        ("Siya" is a woman's name in one locale's list)."""
        if ref.is_person and (ref.gender is None or ref.gender_guessed):
            ref.gender, ref.gender_guessed = gender, False

    # ---- history --------------------------------------------------------------------------
    def note(self, offset: int, sentence: int, referent: Referent, salience: int, end: int = 0) -> None:
        bisect.insort(self._seen, Seen(offset, sentence, salience, referent, end or offset))

    def note_entity_mention(self, pb: ParsedBlock, tok: Token, ent: Entity, sentence: int) -> tuple[Referent, int]:
        """Record a name seen outside quotes, with the titles and appositions around it;
        returns its referent and how prominent this mention is."""
        ref = self.of_entity(ent)
        if ref.kind is not SpeakerKind.PLACE or gazetteer.lookup(ref.name) is None:
            ref.descriptors.update(descriptors(tok, ref.kind is not SpeakerKind.PERSON))  # "Norwegian shipping group Nordvik"
        if ref.kind is SpeakerKind.PERSON:
            self.learn_gender(ref, gender_of_words(w.lower_ for w in tok.doc[max(0, tok.i - 3) : tok.i + 1] if w.dep_ != "poss"))
        level = salience(tok)
        start = pb.offset + tok.idx
        self.note(start, sentence, ref, level, start + len(tok.text))
        return ref, level

    def search_back(self, before: int, sentence: int, search: Search) -> Seen | None:
        """The best earlier mention by `search`, scanning back from `before`."""
        end = bisect.bisect_left(self._seen, Seen(before, 0, 0, None))  # type: ignore[arg-type]
        best: Seen | None = None
        best_rank: tuple[int, ...] | None = None
        for item in reversed(self._seen[max(0, end - search.items) : end]):
            if search.sentences is not None and sentence - item.sentence > search.sentences:
                break
            rank = search.rank(item)
            if rank is not None and (best_rank is None or rank > best_rank):
                best, best_rank = item, rank
        return best


def person_shaped_org(ref: Referent) -> bool:
    """An organisation entity whose name looks like a person's ("Duncan MacLeod")."""
    words = ref.name.split()
    return (
        ref.kind is SpeakerKind.ORGANIZATION
        and ref.entity_id is not None
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].isalpha() and w not in COMPANY_SUFFIXES and w.lower() not in ORG_NOUNS for w in words)
        and not ref.descriptors & ORG_NOUNS
    )


def _title_word(word: str) -> bool:
    """ "Chair", "Minister", "Dr": a name's first word that is a title, not a given name."""
    low = word.lower()
    return low in TITLE_NOUNS or low in HONORIFICS or is_role(low)
