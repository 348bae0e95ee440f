"""Who a subject phrase refers to: small named rules, tried in order, and one decision.

A speech verb's subject (or the object of "according to") can be a name, a pronoun ("he
added"), a role noun pointing back to a title seen earlier ("the Ukrainian leader" for
"Ukrainian President Volodymyr Zelensky"), an organisation noun ("the company", which stays
described: pointing it back cost quotes on real news), a document
("a statement from the ministry") or a description of someone never named ("a 44-year-old
serviceman"). Each rule (ids and descriptions in `rules`) looks at the phrase and either
declines or resolves it; the first that resolves decides, and its id, a one-line reason and
the antecedent's span travel with the result, so the reader can see why. A phrase no rule
resolves is unattributed: the quote keeps no speaker rather than a guessed one.

Kinds are not decided here: an entity's kind comes from `kinds`, and resolution only reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind, Mention, Span, SpeakerKind
from .lexicon import (
    AGENT_SUFFIXES,
    CHILD_NOUNS,
    COLLECTIVE_NOUNS,
    DEAD_NOUNS,
    DEFINITE,
    DEMONYM,
    DOCUMENT_NOUNS,
    DYING_VERBS,
    EVENT_WORDS,
    HONORIFICS,
    KILLING_VERBS,
    KIN_NOUNS,
    ORG_NOUNS,
    PARTITIVE_HEADS,
    PERSON_PRONOUNS,
    QUANTIFIER_PRONOUNS,
    ROLE_CLASSES,
    SITE_NOUNS,
    SPEAKING_FOR_NOUNS,
    STALE_TITLE_WORDS,
    TITLE_NOUNS,
    TRADE_NOUNS,
    WRITTEN_NOUNS,
    YOUNG_AGES,
)
from .parsed import ParsedBlock
from .referents import Referent, Referents, Resolved, Search, Seen, by_prominence
from .rules import enabled
from .syntax import (
    MAIN_SUBJECT,
    SPEAKER,
    age_of,
    appos_lemmas,
    description,
    gender_of_words,
    given_name,
    introduces_person,
    is_postnominal,
    is_rank_abbreviation,
    is_role,
    issuer_of,
    np_bounds,
    org_like,
    under_phrase,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_PLURAL_TAGS = ("NNS", "NNPS")
_SPELT_AGE = re.compile(r"\b([a-z]+)\s*-\s*year\s*-\s*old\b")


@dataclass(slots=True)
class Phrase:
    """A subject noun phrase and what the rules ask of it, worked out once."""

    pb: ParsedBlock
    head: Token
    sentence: int
    salience: int
    lo: int  # token range of the phrase, without clauses and appositions
    hi: int
    start: int  # its character span
    end: int

    @classmethod
    def of(cls, pb: ParsedBlock, head: Token, sentence: int, salience: int) -> Phrase:
        lo, hi = np_bounds(head)
        doc = head.doc
        return cls(
            pb, head, sentence, salience, lo, hi, pb.offset + doc[lo].idx, pb.offset + doc[hi - 1].idx + len(doc[hi - 1].text)
        )

    @property
    def offset(self) -> int:
        return self.pb.offset + self.head.idx

    @property
    def lemma(self) -> str:
        return self.head.lemma_.lower()

    @property
    def words(self) -> list[Token]:
        return list(self.head.doc[self.lo : self.hi])

    @property
    def text(self) -> str:
        return self.head.doc[self.lo : self.hi].text

    @property
    def definite(self) -> bool:
        first = self.head.doc[self.lo]
        return first.lower_ in DEFINITE or first.dep_ == "poss" or self._split_definite()

    def _split_definite(self) -> bool:
        """ "the lifelong Holden, Louisiana, resident said": the parser may cut one subject in
        two, leaving a bare singular noun whose "the" sits with the other half."""
        head, doc = self.head, self.head.doc
        if head.tag_ != "NN" or any(c.dep_ in ("det", "poss") for c in head.children) or not enabled("subject.split"):
            return False
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i and doc[c.left_edge.i].lower_ in DEFINITE
            for c in head.head.children
        )

    @property
    def plural(self) -> bool:
        collective = self.lemma in COLLECTIVE_NOUNS and enabled("description.collective")
        return self.head.tag_ in _PLURAL_TAGS or collective

    @property
    def age(self) -> str | None:
        return age_of(self.words)

    @property
    def child(self) -> bool:
        """ "a five-year-old boy", "the baby": rarely the one a later "he said" quotes."""
        age = self.age
        if age is not None:
            return int(age) < 13
        spelt = _SPELT_AGE.search(self.text.lower())
        return bool(spelt and spelt.group(1) in YOUNG_AGES) or self.lemma in CHILD_NOUNS

    @property
    def dead(self) -> bool:
        """ "her father was among the dead", "a man died", "the woman was stabbed": someone whose
        death the clause tells is rarely the one a later "he said" quotes."""
        head = self.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "a child as well as her father were among the dead"
        verb = head.head
        if head.dep_ == "nsubjpass":
            return verb.lemma_ in KILLING_VERBS
        if head.dep_ != "nsubj":
            return False
        if verb.lemma_ in DYING_VERBS:
            return True
        return verb.lemma_ == "be" and any(
            c.lower_ == "dead" or (c.dep_ == "prep" and c.lower_ == "among" and any(o.lemma_ in DEAD_NOUNS for o in c.children))
            for c in verb.children
        )

    @property
    def modifiers(self) -> set[str]:
        out = {t.lemma_.lower() for t in self.words if t.i != self.head.i and t.pos_ in ("ADJ", "PROPN", "NOUN", "NUM")}
        age = self.age
        return out | {age} if age else out

    @property
    def demonym(self) -> bool:
        """ "the Italian", "the Welshman", "the Pole": names do not take "the"."""
        head = self.head
        return head.ent_type_ == "NORP" or bool(DEMONYM.match(head.text)) or (self.hi - self.lo == 2 and head.pos_ == "PROPN")

    @property
    def is_org(self) -> bool:
        lemma = self.lemma
        return lemma in ORG_NOUNS and not self.age and not (lemma in TRADE_NOUNS and introduces_person(self.head))

    @property
    def quantifier(self) -> bool:
        """ "some said", "others shouted": part of a crowd, described by the word itself."""
        return self.head.lower_ in QUANTIFIER_PRONOUNS and self.hi - self.lo == 1 and enabled("description.quantifier")

    @property
    def is_person(self) -> bool:
        return (
            is_role(self.lemma)
            or bool(self.age)
            or (self.definite and self.demonym)
            or introduces_person(self.head)
            or self.quantifier
        )


Rule = Callable[["Resolver", Phrase], "Resolved | None"]


class Resolver:
    """Resolves subject phrases against the discourse history, once per phrase."""

    def __init__(self, refs: Referents) -> None:
        self.refs = refs
        self._resolved: dict[int, Resolved] = {}  # by head offset: one referent per phrase

    def resolve(self, pb: ParsedBlock, head: Token, sentence: int, salience: int = SPEAKER) -> Resolved:
        """The referent of the noun phrase headed by `head`; records it in the history."""
        key = pb.offset + head.idx
        if key not in self._resolved:
            self._resolved[key] = self.decide(Phrase.of(pb, head, sentence, salience))
        return self._resolved[key]

    def decide(self, p: Phrase) -> Resolved:
        """The first enabled rule that resolves the phrase; pronouns and phrases that are
        neither a person nor an organisation stop early, unattributed."""
        for rule_id, rule, applies in _ORDER:
            if applies(p) and enabled(rule_id):
                found = rule(self, p)
                if found is not None:
                    return found
            if rule_id == "pronoun.person" and (p.head.pos_ == "PRON" or p.head.lower_ in PERSON_PRONOUNS) and not p.quantifier:
                return Resolved(None, p.offset, p.offset + len(p.head.text))
            if rule_id == "name.untagged" and not (p.is_org or p.is_person or _cue_noun(p)):
                break
        return Resolved(None, p.start, p.end)

    # ---- what a rule returns --------------------------------------------------------------
    def _found(
        self, p: Phrase, ref: Referent, rule: str, reason: str = "", seen: Seen | None = None, *, mention: bool = False
    ) -> Resolved:
        pronoun = p.head.pos_ == "PRON" or p.head.lower_ in PERSON_PRONOUNS
        start, end = (p.offset, p.offset + len(p.head.text)) if pronoun else (p.start, p.end)
        if mention:
            ref.mentions.append(Mention(start, end, p.pb.text[start - p.pb.offset : end - p.pb.offset]))
        spoken_of = (p.child and enabled("salience.child")) or (enabled("salience.dead") and p.dead)
        if p.salience == SPEAKER or not spoken_of:
            # "a five-year-old boy was among the injured. ... he said": a child spoken of is no
            # antecedent for a later speaker
            self.refs.note(p.offset, p.sentence, ref, p.salience, p.offset + len(p.head.text))
        evidence = (Span(seen.offset, seen.end),) if seen is not None else ()
        return Resolved(ref, start, end, rule, reason, evidence)

    # ---- the rules, in the order they are tried -------------------------------------------

    def name(self, p: Phrase) -> Resolved | None:
        ent = self._entity_of(p.pb, p.head) or self._titled_name(p)
        if ent is None:
            return None
        ref = self.refs.of_entity(ent)
        self.refs.learn_gender(ref, gender_of_words(t.lower_ for t in p.words if t.dep_ != "poss"))
        return self._found(p, ref, "subject.name")

    def person_inside(self, p: Phrase) -> Resolved | None:
        """ "pastor Tom Welles of Grace Harbor Church in Midvale, told", "lawmaker Marta Oliveira
        of the Civic Alliance party said": the parser made the organisation the subject and hung
        the person on it as a noun of their own (not a modifier: "the Hale campaign said")."""
        holder = self._named_after_of(p)
        if holder is not None:
            return holder
        if not enabled("subject.person_inside"):
            return None
        doc, lo = p.head.doc, p.pb.offset
        head = self.refs.entity_at_token(lo, p.head)
        if head is not None and head.kind is EntityKind.PERSON:
            return None
        for t in doc[p.lo : p.head.i]:
            if t.pos_ == "PROPN" and _hung_on(t, p.head):
                ent = self.refs.entity_at_token(lo, t)
                if ent is not None and ent.kind is EntityKind.PERSON:
                    return self._found(p, self.refs.of_entity(ent), "subject.person_inside")
        return None

    def _named_after_of(self, p: Phrase) -> Resolved | None:
        """ "Chief Executive of Galway County Council Liam Conneally confirmed", "Cathaoirleach of
        the Carrick-on-Suir District Kieran Bourke says": a title "of" a body, then a person's
        name the parser hung inside the "of" phrase: that person holds the title."""
        if not enabled("subject.holder_after_of") or p.head.pos_ not in ("NOUN", "PROPN"):
            return None
        of = _of_phrase(p.head)
        if of is None or p.lemma not in TITLE_NOUNS:  # a title: not "the son of Speaker George Furey"
            return None
        holder = self.refs.entity_at_token(p.pb.offset, of.right_edge)
        if holder is None or holder.kind is not EntityKind.PERSON:
            return None
        return self._found(p, self.refs.of_entity(holder), "subject.holder_after_of")

    def person_pronoun(self, p: Phrase) -> Resolved | None:
        gender = "m" if p.head.lower_ == "he" else "f"
        search = by_prominence(lambda r: r.is_person and not r.plural and r.gender in (None, gender) and _may_be_he_or_she(r))
        seen = self.refs.search_back(p.offset, p.sentence, search)
        far = seen is None and enabled("pronoun.far")
        if far:
            # "…," she said, many sentences after the last woman named: still her.
            seen = self.refs.search_back(p.offset, p.sentence, replace(search, sentences=None))
        if seen is None:
            return None
        if p.salience == SPEAKER:
            self.refs.learn_gender(seen.referent, gender)
        why = {SPEAKER: "the last person quoted", MAIN_SUBJECT: "the last person named as subject"}.get(
            seen.salience, "the last person named"
        ) + (", far back" if far else "")
        rule = "pronoun.far" if far else "pronoun.person"
        return self._found(p, seen.referent, rule, f"{p.head.text} → {seen.referent.name}, {why}", seen, mention=True)

    def document(self, p: Phrase) -> Resolved:
        """ "A statement from the ministry said", "Google's statement said": the issuer speaks."""
        for child in p.head.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN" and enabled("document.compound")):
                # "the ministry's statement", "a White House statement": the issuer speaks.
                return self.resolve(p.pb, child, p.sentence)
            if child.dep_ == "compound" and child.lemma_.lower() in ORG_NOUNS and enabled("document.body_noun"):
                return self.resolve(p.pb, child, p.sentence)  # "a ministry statement": the ministry just named
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.resolve(p.pb, obj, p.sentence)
        issuer = issuer_of(p.head) if enabled("document.issued") else None
        if issuer is not None and issuer.i != p.head.i:
            return self.resolve(p.pb, issuer, p.sentence)
        if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in p.head.children):
            # "the statement said": the statement just mentioned, so its author.
            seen = self.refs.search_back(p.offset, p.sentence, by_prominence(lambda r: True))
            if seen is not None:
                reason = f"'{p.text}' → {seen.referent.name}, named just before"
                return Resolved(seen.referent, p.start, p.end, "document.issuer", reason, (Span(seen.offset, seen.end),))
        return Resolved(None, p.start, p.end)

    def untagged_name(self, p: Phrase) -> Resolved | None:
        head, words, text = p.head, p.words, p.text
        named_org = (
            next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) if p.lemma in ORG_NOUNS else None
        )
        if named_org is not None:  # "Consumer group FairCall"
            head, words, text = named_org, list(head.doc[named_org.left_edge.i : named_org.right_edge.i + 1]), named_org.text
        if head.pos_ != "PROPN" or is_role(p.lemma) or (p.definite and p.demonym):
            return None
        # "Police Commissioner B Dayananda": a title before the name makes it a person's.
        titled = any(t.i < head.i and t.lower_ in TITLE_NOUNS for t in words)
        of = _of_phrase(head)
        if of is not None and named_org is None and enabled("name.title_of_place"):
            # "The Archbishop of Canterbury", "the Duke of Sussex": the title is who speaks, not the place
            words = [w for w in words if w.i <= of.right_edge.i and (w.i >= head.i or w.pos_ == "PROPN")]
            return self._found(p, self._proper_name(text, words, False, whole=True), "name.untagged")
        ref = self._proper_name(text, words, named_org is not None or (org_like(head) and not titled))
        return self._found(p, ref, "name.untagged")

    def role(self, p: Phrase) -> Resolved | None:
        """ "the Ukrainian leader", "the 56-year-old", "the ministry": the best-matching earlier
        referent by title and modifiers; the most recent one on a tie."""
        search = self._not_own_modifier(p, _role_search(p.lemma, p.modifiers, p.age, p.is_org, p.plural))
        seen = self.refs.search_back(_before(p), p.sentence, search)
        if seen is None:
            return None
        what = "same age" if p.age and p.age in seen.referent.descriptors else "same title"
        return self._found(p, seen.referent, "role.antecedent", f"'{p.text}' → {seen.referent.name}, {what}", seen, mention=True)

    def _not_own_modifier(self, p: Phrase, search: Search) -> Search:
        """`search` without whoever is named inside the phrase: "the Obrecht campaign manager" is
        not Obrecht, "the Green Party leader" not the party."""
        if not enabled("role.not_own_modifier"):
            return search
        own = {e.id for _, _, e in self.refs.mentions_in(p.start, p.offset)}
        if not own:
            return search
        rank = search.rank
        return replace(search, rank=lambda item: None if item.referent.entity_id in own else rank(item))

    def definite_person(self, p: Phrase) -> Resolved | None:
        """ "the 23-year-old", "the Italian", "the veteran": in news copy a definite description
        points back to someone already in the story."""
        relational = p.head.doc[p.lo].dep_ == "poss" and p.head.doc[p.lo].pos_ in ("PRON", "PROPN")
        if relational or p.plural:
            return None  # "her neighbour" is someone new
        gender = gender_of_words([p.lemma])

        def want(r: Referent) -> bool:
            if r.plural:
                return False  # "the former adviser" is not "several sources"
            if gender:
                return r.kind not in (SpeakerKind.ORGANIZATION, SpeakerKind.PLACE) and r.gender in (None, gender)
            return r.is_person

        seen = self.refs.search_back(_before(p), p.sentence, self._not_own_modifier(p, by_prominence(want)))
        if seen is None:
            return None
        return self._found(
            p,
            seen.referent,
            "description.antecedent",
            f"'{p.text}' → {seen.referent.name}, the last person named",
            seen,
            mention=True,
        )

    def given(self, p: Phrase) -> Resolved | None:
        """ "A worker, who gave his name only as Serhiy, said": named after all."""
        span = given_name(p.head)
        if span is None:
            return None
        gender = gender_of_words([p.lemma, *appos_lemmas(p.head)])
        start = p.pb.offset + span.start_char
        ent = self.refs.entity_at(start, p.pb.offset + span.end_char)
        if ent is not None and ent.kind is EntityKind.PERSON:
            ref = self.refs.of_entity(ent)  # the name is in the people list: that entry speaks
            self.refs.learn_gender(ref, gender)
        else:
            name = " ".join(w.text for w in span if w.pos_ == "PROPN") or span.text
            ref = Referent(name, SpeakerKind.PERSON, None, name.split()[-1].lower(), p.modifiers | {p.lemma}, gender)
            self.refs.described.append(ref)
        return self._found(p, ref, "description.given_name", mention=True)

    def new_description(self, p: Phrase) -> Resolved:
        kind = SpeakerKind.ORGANIZATION if p.is_org else SpeakerKind.UNNAMED
        gender = gender_of_words([p.lemma, *appos_lemmas(p.head)])
        ref = Referent(
            description(p.words, p.head), kind, None, p.lemma, p.modifiers | {p.lemma}, gender, p.plural or p.quantifier
        )
        self.refs.described.append(ref)
        return self._found(p, ref, "description.new", mention=True)

    # ---- helpers --------------------------------------------------------------------------
    def _entity_of(self, pb: ParsedBlock, head: Token) -> Entity | None:
        refs = self.refs
        if is_postnominal(head.text) and head.i > 0 and head.doc[head.i - 1].dep_ == "compound":
            name = head.doc[head.i - 1]  # "Joanna Korner QC said": the person named before the letters
            ent = refs.entity_at_token(pb.offset, name)
            if ent is not None and ent.kind is EntityKind.PERSON:
                return ent
        ent = refs.entity_at_token(pb.offset, head)
        if ent is not None:
            return refs.as_person(ent, pb.offset + head.idx)
        owner = refs.surname_owner(head.text) if head.text[:1].isupper() else None
        if owner is not None and refs.first_mention(owner.id) < pb.offset + head.idx:
            return owner  # "Deans added", "Bridges called": a surname the tagger took for a noun
        for child in head.children:  # "The company's chief executive, Jane Doe, said"
            if child.dep_ == "appos":
                own = refs.entity_at_token(pb.offset, child) if enabled("subject.appos_head") else None
                if own is not None:
                    return own  # "his wife, UNAIDS executive director Winnie Byanyima": her, not UNAIDS
                # The apposition's own name, not one inside a phrase of it ("a teacher from Kent").
                for t in child.subtree:
                    if not under_phrase(t, child):
                        ent = refs.entity_at_token(pb.offset, t)
                        if ent is not None:
                            return ent  # an apposition names the same thing
        return None

    def _titled_name(self, p: Phrase) -> Entity | None:
        """ "Ireland's Minister for Agriculture Michael Creed", "Adviser to the chief minister on
        information Murtaza Wahab": a title phrase ending in a person's name is that person."""
        if not is_role(p.lemma) or (p.lemma in KIN_NOUNS and _of_someone(p.head) and enabled("subject.kin_of")):
            return None  # "The son of Senate Speaker George Pell said": not George Pell
        if p.lemma in SPEAKING_FOR_NOUNS and _of_someone(p.head, ("for", "of", "to")) and enabled("subject.speaks_for"):
            return None  # "A spokesman for Prime Minister Ann Ridley told": not her
        ent = self.refs.entity_at(p.end - 1, p.end)
        if ent is None or ent.kind is not EntityKind.PERSON or not any(m.end == p.end for m in ent.mentions):
            return self._second_title_name(p) if enabled("subject.titles_joined") else None
        return ent

    def _second_title_name(self, p: Phrase) -> Entity | None:
        """ "Recording Academy president and CEO Neil Portnow", "Deputy Prime Minister and Minister
        for Defence Richard Marles": two titles joined by "and", the second ending in the name."""
        for conj in p.head.children:
            if conj.dep_ != "conj" or conj.pos_ != "PROPN":
                continue
            start = p.pb.offset + conj.idx
            ent = self.refs.entity_at(start, start + len(conj.text))
            mention = next((m for m in ent.mentions if m.start <= start < m.end), None) if ent is not None else None
            if ent is None or ent.kind is not EntityKind.PERSON or mention is None:
                continue
            cc = next((c for c in p.head.children if c.dep_ == "cc" and c.i < conj.i), None)
            before = [t for t in p.head.doc[cc.i + 1 : conj.i] if p.pb.offset + t.idx < mention.start] if cc is not None else []
            if any(t.lower_ in TITLE_NOUNS or is_role(t.lemma_.lower()) or (t.is_upper and len(t.text) >= 2) for t in before):
                return ent
        return None

    def _proper_name(self, text: str, words: list[Token], org: bool, whole: bool = False) -> Referent:
        """A name spaCy did not tag: join an entity sharing its last word, else stand alone.
        `whole`: the words are the name as they stand ("Archbishop of Canterbury")."""
        run = words if whole else [w for w in _name_run(words) if w.lower_.rstrip(".") not in HONORIFICS]
        name = "".join(w.text_with_ws for w in run).strip()
        last = run[-1].text if run else text
        for ent_ref in reversed(self.refs.entity_referents()):
            if ent_ref.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION) and ent_ref.name.split()[-1:] == [last]:
                if _other_given_name(run, ent_ref) and enabled("name.untagged_given"):
                    continue  # "Giani Gurbachan Singh" is not the "Surinder Singh" named elsewhere
                return ent_ref
        for ref in self.refs.described:
            if ref.name.split()[-1:] == [last]:  # a description can be all punctuation
                return ref
        ref = Referent(name or text, SpeakerKind.ORGANIZATION if org else SpeakerKind.PERSON, None, last.lower(), set())
        self.refs.described.append(ref)
        return ref


def _other_given_name(run: list[Token], ref: Referent) -> bool:
    """An untagged full name whose first word differs from a named person's, surname shared."""
    theirs = ref.name.split()
    if len(run) < 2 or len(theirs) < 2 or ref.kind is not SpeakerKind.PERSON:
        return False
    return run[0].text != theirs[0] and not (len(run[0].text) <= 2 or len(theirs[0]) <= 2)


def _name_run(words: list[Token]) -> list[Token]:
    """The proper nouns that end the phrase, side by side: the name itself. "New Zealand fashion
    designer Andy Blake" is Andy Blake; a place or title before a common noun is not part of it."""
    last = max((i for i, w in enumerate(words) if w.pos_ == "PROPN"), default=None)
    if last is None:
        return []
    first = last
    while first > 0 and words[first - 1].i == words[first].i - 1 and _in_name(words[first - 1]):
        first -= 1
    return words[first : last + 1] if words[first].pos_ == "PROPN" else words[first + 1 : last + 1]


def _in_name(w: Token) -> bool:
    """A proper noun, or the hyphen inside one ("Sanwo-Olu"); not an abbreviated rank, which
    ends what comes before it ("Ontario Provincial Police Const. Kelly Daniels")."""
    if is_rank_abbreviation(w):
        return False
    return w.pos_ == "PROPN" or (w.text == "-" and not w.whitespace_ and w.i > 0 and not w.doc[w.i - 1].whitespace_)


def _role_search(lemma: str, modifiers: set[str], age: str | None, is_org: bool, plural: bool) -> Search:
    roles = ROLE_CLASSES.get(lemma, frozenset()) | {lemma}

    def rank(item: Seen) -> tuple[int, ...] | None:
        ref = item.referent
        if (
            is_org != (ref.kind is SpeakerKind.ORGANIZATION)
            or (ref.plural and not plural)
            or (plural and not ref.plural and not is_org)
        ):
            return None  # "the authors" are not the one lead author named before
        score = 2 if ref.head == lemma or ref.descriptors & roles else 0
        if age and age in ref.descriptors:
            score += 2  # "the 58-year-old" for "Carlo Neri, 58"
        score += len(ref.descriptors & modifiers - {age})
        if score < 2:
            return None
        # "the Pope" after "Pope Francis" and "Pope Emeritus Benedict": the one who holds it now
        stale = bool(ref.descriptors & STALE_TITLE_WORDS - modifiers) and enabled("role.former_title")
        return (score, 0 if stale else 1)

    return Search(rank, sentences=None)


def _before(p: Phrase) -> int:
    """Where a description looks back from: its first word, since what is named inside it is
    whose role it is, never who it is."""
    return p.start if enabled("role.not_own_modifier") else p.offset


def _hung_on(tok: Token, head: Token) -> bool:
    """`tok` reaches `head` through a noun of its own ("nmod", an apposition), never as a mere
    modifier, an owner or inside a prepositional phrase."""
    links = []
    t = tok
    while t.i != head.i:
        if t.dep_ not in ("compound", "flat", "appos", "nmod") or t.head.i == t.i:
            return False
        links.append(t.dep_)
        t = t.head
    return links[-1] == "nmod" if links else False


def _may_be_he_or_she(ref: Referent) -> bool:
    """A named person (also a name the NER missed, "said Pisharody"), or someone described by a
    noun for a person ("the caller", "a retired educator", "one of the girls"): not "the result"
    or "a scan" that "confirmed" or "revealed" something and so became a speaker."""
    if ref.kind is SpeakerKind.PERSON or ref.gender is not None or ref.name[:1].isupper() or not enabled("pronoun.person_noun"):
        return True
    return any(is_role(word) or _agent_noun(word) for word in (ref.head, *ref.descriptors)) or ref.head in PARTITIVE_HEADS


def _of_phrase(head: Token) -> Token | None:
    """The "of" of "Archbishop of Canterbury", "Chief Executive of Galway County Council …"."""
    return next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)


def _of_someone(head: Token, prepositions: tuple[str, ...] = ("of",)) -> bool:
    """ "the son of X", "X's widow", and with ("for", "of", "to") "a spokesman for X", "an aide
    to X": a noun that names someone by another person."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in prepositions) for c in head.children)


def _agent_noun(word: str) -> bool:
    """ "educator", "neighbour", "seamstress", "resident": shaped like a noun for a person."""
    return word.endswith(AGENT_SUFFIXES) and not word.endswith("ment")


def _always(p: Phrase) -> bool:
    return True


_ORDER: tuple[tuple[str, Callable[[Resolver, Phrase], Resolved | None], Callable[[Phrase], bool]], ...] = (
    ("subject.person_inside", Resolver.person_inside, lambda p: p.head.pos_ in ("NOUN", "PROPN")),
    ("subject.name", Resolver.name, lambda p: not _epithet(p)),
    ("pronoun.person", Resolver.person_pronoun, lambda p: p.head.lower_ in PERSON_PRONOUNS),
    ("document.issuer", Resolver.document, lambda p: p.lemma in DOCUMENT_NOUNS),
    ("name.untagged", Resolver.untagged_name, _always),
    ("role.antecedent", Resolver.role, lambda p: p.definite),
    ("description.antecedent", Resolver.definite_person, lambda p: p.definite and p.is_person),
    ("description.given_name", Resolver.given, lambda p: p.is_person and not p.is_org),
    ("description.new", Resolver.new_description, _always),
)


def _cue_noun(p: Phrase) -> bool:
    """ "…," said the former all-rounder; "…," the caller told us: a common noun that a quote is
    given to is someone, whether or not the lexicon lists it (documents were tried before). Not
    a place, an event or a text, nor a passive subject ("Her death was confirmed by ..."), nor a
    noun with a conjunct ("In the city of X, a serviceman said" may be parsed with the city as
    the subject; its conjunct is then tried)."""
    return (
        p.salience == SPEAKER
        and (p.head.pos_ == "NOUN" or _partitive(p.head))
        and p.head.dep_ != "nsubjpass"
        and not p.head.conjuncts
        and p.lemma not in SITE_NOUNS | EVENT_WORDS | WRITTEN_NOUNS
        and enabled("description.cue_noun")
    )


def _partitive(head: Token) -> bool:
    """ "one of the residents", "two of the workers": a part of a group of nouns."""
    return head.pos_ in ("NUM", "PRON") and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in c.children)
        for c in head.children
    )


def _epithet(p: Phrase) -> bool:
    """ "the Frenchman", "the Italian" (which the NER may tag as an organisation) describe a
    person already in the story; they are not names."""
    head, doc = p.head, p.head.doc
    return (
        p.hi - p.lo == 2
        and doc[p.lo].lower_ in DEFINITE
        and head.pos_ == "PROPN"
        and (head.ent_type_ == "NORP" or head.lower_.endswith(("man", "woman")))
    )
