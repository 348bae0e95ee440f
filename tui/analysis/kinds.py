"""Entity kinds, decided once: after clustering, before anything reads them.

`entities` gives each mention a kind from the NER, the gazetteer and the words around it;
`clustering` groups mentions. Here the grammar around *every* mention of an entity adds
evidence the NER cannot see: "Marcus Webb, 44, who has worked there" and "his mother, Grace,"
are people; "shipping group Skarvik" and "Castellan Beverages" are organisations. A kind changes
only where the evidence is explicit and the other reading is weak (a place no gazetteer knows,
an organisation whose name is shaped like a person's). `Entity.kind` and, through it,
`Speaker.kind` read the result; the resolver never changes a kind.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..model import Entity, EntityKind
from . import gazetteer, kind_scorer
from .lexicon import (
    COMPANY_SUFFIXES,
    COMPASS_WORDS,
    DEMONYM,
    DEMONYM_GIVEN_NAMES,
    FIRM_NOUNS,
    HONORIFICS,
    IN_PLACE_PREPOSITIONS,
    NAME_PARTICLES,
    ORG_NAME_OPENINGS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLACE_NAME_OPENINGS,
    PLACE_NAME_WORDS,
    PLACE_NOUNS,
    PLATFORM_WORDS,
    PLATFORMS,
    SITE_NOUNS,
    SPEECH_VERBS,
    TITLE_NOUNS,
)
from .names import is_first_name, is_surname
from .parsed import ParsedBlock
from .rules import enabled
from .syntax import SUBJECT_DEPS, introduces_person

if TYPE_CHECKING:
    from spacy.tokens import Token


def decide(entities: list[Entity], parsed: list[ParsedBlock]) -> list[Entity]:
    """The entities with their final kinds (ids renumbered when a kind changed)."""
    changed = False
    kept = []
    starts = [pb.offset for pb in parsed]
    speaking: set[str] = set()
    for ent, kind, evidence in typed(entities, parsed):
        if evidence.get("speaks"):
            speaking.add(ent.id)
        decided = learned(kind, evidence)
        if decided is EntityKind.PERSON:
            roots = [r for r in (_root(parsed, starts, m.start, m.end) for m in ent.mentions) if r is not None]
            if (
                kind is not EntityKind.PERSON
                and enabled("kinds.bracketed_label")
                and roots
                and all(_bracketed_label(r) for r in roots)
            ):
                decided = kind  # "Annabel Kerridge (Con)": a party's label, not a second person
            elif (
                enabled("kinds.comma_label")
                and roots
                and all(_comma_label(r) for r in roots)
                and not _opens_with_first_name(ent.name)
            ):
                decided = EntityKind.ORGANIZATION  # "Cllr Padraig Dolan, Fianna Fáil, agreed": his party
        if decided is None:
            changed = True  # no entity at all: "Budget", "N7,180", "Moruga/Tableland"
            continue
        kept.append(ent)
        if decided is not ent.kind:
            ent.kind, changed = decided, True
        if ent.kind is EntityKind.PERSON:
            ent.name = _without_demonym(ent.name)
    if changed or enabled("kinds.surname_any_kind"):
        joined = _surnames_joined(kept, speaking, people=changed)
        changed = changed or len(joined) != len(kept)
        kept = joined
    return _renumbered(kept) if changed else kept


def typed(entities: list[Entity], parsed: list[ParsedBlock]) -> list[tuple[Entity, EntityKind, dict[str, float]]]:
    """Each entity with the kind the hand rules give it and the evidence the scorer weighs
    (`benchmarks/kind_model.py` trains on these rows)."""
    starts = [pb.offset for pb in parsed]
    bare = _bare_names(parsed)
    picked_up = _picked_up_by_pronoun(parsed)
    out = []
    for ent in entities:
        roots = [r for r in (_root(parsed, starts, m.start, m.end) for m in ent.mentions) if r is not None]
        words = ent.name.split()
        if len(words) > 1:
            roots += bare.get(words[-1], [])  # "Harmon, who led" after "Scott Harmon"
        kind = _kind(ent, roots)
        picked = any(m.start in picked_up for m in ent.mentions)
        evidence = _evidence(ent, roots, picked)
        if kind is EntityKind.ORGANIZATION and _person_shaped(ent.name, 1 if _speaks(roots) else 2) and picked:
            if not (evidence.get("the_before") and enabled("kinds.the_no_person")):
                kind = EntityKind.PERSON  # "Guardiola said ..." and later "Guardiola has ... He said"
        out.append((ent, kind, evidence))
    return out


# The scorer drops an entry when "no entity" is 65 % likely and the name never speaks. It changes
# a kind only where the hand rules kept the NER's: their explicit evidence ("Dutch brewer
# Hoogland", "in Lantiville and Carrow") stands (on b125-b148, letting the scorer overrule it
# too would gain 9 right entries and 9 fewer wrong ones). Dropping from 50 % would remove 96
# more wrong entries there, but 34 more right ones ("NATO" once, as a modifier): a reader misses
# a real name more than a stray one.
DROP = 0.65


def learned(kind: EntityKind, evidence: dict[str, float]) -> EntityKind | None:
    """The scorer's decision on the hand rules' kind: the same, another kind, or no entity."""
    if not enabled("kinds.learned"):
        return kind
    probs = kind_scorer.probabilities(evidence, kind.value)
    if probs is None:
        return kind
    if probs["none"] >= DROP and not evidence.get("speaks"):
        return None
    if not evidence.get(f"ner={kind.value}") or any(evidence.get(name) for name in EXPLICIT.get(kind, ())):
        return kind
    return max(EntityKind, key=lambda k: probs[k.value])


# Evidence that settles a kind by itself: "Councillor Briggs", "Okoro's mother, Grace," are people
# even where they were "told" something, as outlets are.
EXPLICIT = {
    EntityKind.PERSON: ("title_before", "title_in_span", "apposed_to_person", "honorific_first", "introduced_as_person"),
    EntityKind.ORGANIZATION: ("company_suffix", "org_noun_beside", "firm_noun_before", "on_platform", "which"),
    EntityKind.PLACE: ("then_region",),
}


def _evidence(ent: Entity, roots: list[Token], picked_up: bool) -> dict[str, float]:
    """What the scorer weighs: the NER's kind, the gazetteer, the name's own words, and the share
    of its mentions in each grammatical role or beside each kind of word."""
    name = ent.name
    words = name.split()
    place = gazetteer.lookup(name)
    n = len(roots) or 1

    def share(test: Callable[[Token], bool]) -> float:
        return sum(1 for r in roots if test(r)) / n

    features: dict[str, float] = {
        f"ner={ent.kind.value}": 1.0,
        f"gazetteer={place.kind if place else 'none'}": 1.0,
        "gazetteer_big": float(place is not None and place.population >= 100_000),
        f"words={min(len(words), 4)}": 1.0,
        "capitals": float(len(name) > 1 and name.isupper()),
        "digit": float(any(c.isdigit() for c in name)),
        "joiner": float(any(c in "/&+" for c in name)),
        "lower_word": float(any(w.islower() for w in words)),
        "possessive": float(any(w.endswith(("'s", "’s")) for w in words)),
        "given_first": float(is_first_name(words[0])),
        "given_alone": float(len(words) == 1 and is_first_name(name)),
        "org_word_last": float(words[-1] in ORG_NAME_WORDS),
        "place_word_last": float(words[-1] in PLACE_NAME_WORDS),
        "place_opening": float(words[0] in PLACE_NAME_OPENINGS),
        "company_suffix": float(words[-1] in COMPANY_SUFFIXES),
        "org_noun_word": float(any(w.lower() in ORG_NOUNS for w in words)),
        "title_word": float(any(w.lower().rstrip(".") in TITLE_NOUNS for w in words)),
        "honorific_first": float(words[0].lower().rstrip(".") in HONORIFICS),
        "title_in_span": share(_title_in_span),
        "then_region": share(_then_region),
        "demonym_first": float(bool(DEMONYM.match(words[0]))),
        "compass_first": float(words[0] in COMPASS_WORDS),
        "platform": float(name in PLATFORMS),
        "person_shaped": float(_person_shaped(name)),
        "mentions": math.log1p(len(ent.mentions)),
        "once": float(len(ent.mentions) == 1),
        "no_root": float(not roots),
        "picked_up": float(picked_up),
        "speaks": float(_speaks(roots)),
        "subject": share(lambda r: r.dep_ in SUBJECT_DEPS),
        "possessor": share(lambda r: r.dep_ == "poss"),
        "compound": share(lambda r: r.dep_ == "compound"),
        "appos": share(lambda r: r.dep_ == "appos"),
        "object_of_in": share(lambda r: r.dep_ == "pobj" and r.head.lower_ in IN_PLACE_PREPOSITIONS),
        "object_other": share(lambda r: r.dep_ == "pobj" and r.head.lower_ not in IN_PLACE_PREPOSITIONS),
        "the_before": share(lambda r: r.i > 0 and r.doc[r.i - 1].lower_ == "the"),
        "sentence_start": share(lambda r: bool(_first_word(r).is_sent_start)),
    }
    for label in SPACY_LABELS:
        features[f"spacy={label or 'none'}"] = share(lambda r, label=label: r.ent_type_ == label)  # type: ignore[misc]
    features["spacy=other"] = share(lambda r: r.ent_type_ not in SPACY_LABELS)
    for test in (*STRONG_PERSON_EVIDENCE, *PERSON_EVIDENCE, *ORG_EVIDENCE, *OUTLET_EVIDENCE, *PLACE_EVIDENCE, _trade_before):
        features[test.__name__.lstrip("_")] = share(test)
    # The words themselves (kind_scorer.LEXICAL: not crossed with the rules' kind): the name's
    # first and last word ("Cup", "Stadium", "United"), and the words around its mentions.
    features[f"w:last={words[-1].lower()}"] = 1.0
    if len(words) > 1:
        features[f"w:first={words[0].lower()}"] = 1.0
    for r in roots:
        first = _first_word(r)
        if first.i > 0:
            _add(features, f"w:before={first.doc[first.i - 1].lower_}", 1 / n)
        after = _name_end(r)
        if after < len(r.doc):
            _add(features, f"w:after={r.doc[after].lower_}", 1 / n)
        if r.dep_ != "ROOT":
            _add(features, f"w:head={r.dep_}>{r.head.lemma_.lower()}", 1 / n)
    return features


def _add(features: dict[str, float], name: str, value: float) -> None:
    features[name] = features.get(name, 0.0) + value


SPACY_LABELS = ("PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "")


def _surnames_joined(entities: list[Entity], speaking: AbstractSet[str] = frozenset(), *, people: bool = True) -> list[Entity]:
    """A one-word person (or "Mr X") left on its own, often because it became a person only
    here, joins the one person whose full name ends with it: "Rabada" and "Kagiso Rabada" are
    one entry. With two such people ("Bill Clinton", "Hillary Clinton") it stays apart. So does
    a one-word place or organisation that never speaks, unless the gazetteer knows a sizeable
    town by that name. `people`: join one-word people too (clustering joined them already
    unless a kind changed here)."""
    by_surname: dict[str, list[Entity]] = {}
    for ent in entities:
        words = ent.name.split()
        if ent.kind is EntityKind.PERSON and len(words) > 1 and words[0].lower() not in HONORIFICS:
            by_surname.setdefault(words[-1], []).append(ent)
    out = []
    for ent in entities:
        words = ent.name.split()
        short = (
            people and ent.kind is EntityKind.PERSON and (len(words) == 1 or (len(words) == 2 and words[0].lower() in HONORIFICS))
        )
        if ent.kind is not EntityKind.PERSON and len(words) == 1 and ent.id not in speaking and enabled("kinds.surname_any_kind"):
            # "Holm, Berglund and Sand scored" after "Anders Berglund": the NER's place or
            # organisation is the man, unless it is a real town ("Jackson") of some size, or it
            # speaks (then it is someone in its own right: "Mr Reid said" beside "Ann Reid").
            place = gazetteer.lookup(ent.name)
            short = place is None or place.population < 100_000
        homes = by_surname.get(words[-1], []) if short else []
        if len(homes) == 1 and homes[0] is not ent:
            homes[0].mentions = sorted(homes[0].mentions + ent.mentions, key=lambda m: m.start)
        else:
            out.append(ent)
    return out


def _kind(ent: Entity, roots: list[Token]) -> EntityKind:
    """The name's own words first (an opening: "City of Cape Town"; its last word: "Taifa Road",
    "Hong Kong Observatory"), then the grammar around its mentions, then a given name at its start."""
    words = ent.name.split()
    if ent.name in PLATFORMS:
        return EntityKind.ORGANIZATION  # "Twitter" tagged as a person
    if len(words) > 1 and words[0].lower() in HONORIFICS and words[0].istitle() and not words[0].startswith("St"):
        return EntityKind.PERSON  # "Mr Munetsi" tagged as an organisation
    if ent.name.startswith(ORG_NAME_OPENINGS):
        return EntityKind.ORGANIZATION  # "City of Cape Town": the council
    named = _kind_by_last_word(ent)
    if named is not None:
        return named
    if ent.kind is EntityKind.PERSON and len(words) > 1 and words[0] in COMPASS_WORDS:
        return EntityKind.PLACE  # "North Shropshire", "West Maui" tagged as people
    kind = _kind_by_grammar(ent, roots)
    if kind is not EntityKind.PERSON and _opens_with_first_name(ent.name):
        return EntityKind.PERSON  # "Candice Fife", "Stanley Zyambo" tagged as an organisation
    single = len(ent.name.split()) == 1  # "Twitter" tagged as a person; a full name stays one
    outlet_possible = kind is EntityKind.PLACE or (kind is EntityKind.PERSON and single)
    if outlet_possible and any(test(r) for r in roots for test in OUTLET_EVIDENCE):
        return EntityKind.ORGANIZATION  # "complained on Twitter", "power utility Eskom"
    if kind is EntityKind.PERSON and single and enabled("kinds.town_not_subject") and _idle_town(ent.name, roots):
        return EntityKind.PLACE  # "Llanelli's Prince Philip": a town the model took for a person
    if kind is EntityKind.PLACE and single and _speaks(roots) and gazetteer.lookup(ent.name) is None:
        return EntityKind.PERSON  # "Rabada said": an unknown place does not speak
    if kind is EntityKind.PLACE and _speaks(roots) and _minor_place(ent.name):
        return EntityKind.ORGANIZATION  # "Meta said": a Colombian department by name only
    if kind is not EntityKind.PLACE and single and _could_be_a_place(ent) and any(_in_a_place(r) for r in roots):
        return EntityKind.PLACE  # "arrested in Kayonza", "Katundu village"
    return kind


def _bracketed_label(root: Token) -> bool:
    """ "Annabel Kerridge (Con) said": a word in brackets right after a person's name."""
    doc = root.doc
    i = root.i
    return 2 <= i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")" and doc[i - 2].ent_type_ == "PERSON"


def _comma_label(root: Token) -> bool:
    """ "Cllr Padraig Dolan, Fianna Fáil, agreed": a name set off by commas in apposition to a
    person's name right before it labels him (his party, his club), as a bracket does."""
    doc = root.doc
    head, first = root.head, _first_word(root)
    return (
        root.dep_ == "appos"
        and head.ent_type_ == "PERSON"
        and head.i == first.i - 2
        and doc[first.i - 1].text == ","
        and root.i + 1 < len(doc)
        and doc[root.i + 1].text in (",", ".", ";")
    )


def _speaks(roots: list[Token]) -> bool:
    return any(r.dep_ in SUBJECT_DEPS and r.head.lemma_.lower() in SPEECH_VERBS for r in roots)


def _idle_town(name: str, roots: list[Token]) -> bool:
    """A one-word name that is a town in the gazetteer and not a given name, never the subject
    of a verb nor beside a person noun or title: "Llanelli's hospital", not "Taylor scored"."""
    place = gazetteer.lookup(name)
    return (
        place is not None
        and place.kind == "city"
        and not is_first_name(name)
        and not any(r.dep_ in SUBJECT_DEPS for r in roots)
        and not any(test(r) for r in roots for test in (*STRONG_PERSON_EVIDENCE, *PERSON_EVIDENCE))
    )


def _minor_place(name: str) -> bool:
    """A province or county the reader may not know: a firm that speaks is likelier."""
    place = gazetteer.lookup(name)
    return place is not None and place.kind == "region"


def _could_be_a_place(ent: Entity) -> bool:
    """A one-word name that no evidence ties to a person or a firm: not a given name, not a
    company suffix, not a body's noun ("Parliament"), not written in capitals (an acronym)."""
    name = ent.name
    return (
        not is_first_name(name)
        and name not in COMPANY_SUFFIXES
        and name.lower() not in ORG_NOUNS
        and not name.isupper()
        and name.isalpha()
    )


def _kind_by_last_word(ent: Entity) -> EntityKind | None:
    words = ent.name.split()
    if len(words) < 2 or (ent.kind is EntityKind.PERSON and len(words) == 2 and is_first_name(words[0])):
        return None  # "Peter Lane", "Grace Park": a surname that is also a street word
    if words[-1] == "State" and gazetteer.lookup(" ".join(words[:-1])) is None:
        return None  # "Lagos State" is a place, "Islamic State" or "Golden State" is not
    if words[-1] in PLACE_NAME_WORDS:
        return EntityKind.PLACE
    if words[-1] in ORG_NAME_WORDS:
        return EntityKind.ORGANIZATION
    if words[0] in PLACE_NAME_OPENINGS and enabled("kinds.place_opening"):
        return EntityKind.PLACE
    return None


def _opens_with_first_name(name: str) -> bool:
    """Two or three words, the first a given name, none a place or organisation word, and
    no gazetteer place: "Candice Fife", not "Owen Sound" (a town) or "Reed Elsevier Group"."""
    words = name.split()
    return (
        _person_shaped(name)
        and (is_first_name(words[0]) or is_first_name(words[0].split("-")[0]))  # "Paul-Henri Nargeolet"
        and not _well_known_place(words[0])  # "London Stock Exchange", but "Stanley Mwale"
        and words[0] not in DEMONYM_GIVEN_NAMES  # "Christian Democrats"; "Susan", "Ali" fit DEMONYM too
        and words[0] not in COMPASS_WORDS  # "West Maui": "West" is a given name somewhere
        and words[0].lower() not in NAME_PARTICLES  # "De Beers", "Al Jazeera"
        and not words[-1].isupper()
        and gazetteer.lookup(name) is None
        and not any(w in PLACE_NAME_WORDS or w in ORG_NAME_WORDS for w in words)
    )


def _well_known_place(word: str) -> bool:
    place = gazetteer.lookup(word)
    return place is not None and (place.kind != "city" or place.population >= 100_000)


def _kind_by_grammar(ent: Entity, roots: list[Token]) -> EntityKind:
    unknown_place = ent.kind is EntityKind.PLACE and gazetteer.lookup(ent.name) is None
    if ent.kind is EntityKind.ORGANIZATION or unknown_place:
        if _person_shaped(ent.name, 1) and any(test(r) for r in roots for test in STRONG_PERSON_EVIDENCE):
            return EntityKind.PERSON
        if (unknown_place or _person_shaped(ent.name)) and any(test(r) for r in roots for test in PERSON_EVIDENCE):
            return EntityKind.PERSON
    if ent.kind is EntityKind.PERSON or unknown_place:
        if ent.name.split()[-1] in COMPANY_SUFFIXES or any(test(r) for r in roots for test in ORG_EVIDENCE):
            return EntityKind.ORGANIZATION
    if unknown_place and any(_trade_before(r) for r in roots):
        return EntityKind.ORGANIZATION
    return ent.kind


# ---- evidence ---------------------------------------------------------------------------------
def _introduced_as_person(root: Token) -> bool:
    """ "Marcus Webb, 44, who has been at the plant", "Harmon, a veteran coach,"."""
    return root.pos_ == "PROPN" and introduces_person(root)


def _apposed_to_person(root: Token) -> bool:
    """ "Okoro's mother, Grace, said": a name in apposition to a person noun."""
    head = root.head
    return (
        root.dep_ == "appos"
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in PERSON_NOUNS
        and head.lemma_.lower() not in ORG_NOUNS
    )


def _title_before(root: Token) -> bool:
    """ "Police Commissioner B Dayananda", "Minister Creed": a title right before the name
    (initials skipped)."""
    i = _first_word(root).i - 1
    while i >= 0 and len(root.doc[i].text.rstrip(".")) == 1 and root.doc[i].text[:1].isupper():
        i -= 1
    return i >= 0 and root.doc[i].lower_.rstrip(".") in TITLE_NOUNS


def _title_in_span(root: Token) -> bool:
    """ "told Councillor Briggs": the NER took the title into the name, which is the rest."""
    first = _first_word(root)
    return first.i < root.i and (first.lower_.rstrip(".") in TITLE_NOUNS or first.lower_.rstrip(".") in HONORIFICS)


def _then_region(root: Token) -> bool:
    """ "the longtime Slidell, Louisiana, resident": a name followed by its state or country."""
    end = _name_end(root)
    if end + 1 >= len(root.doc) or root.doc[end].text != ",":
        return False
    region = root.doc[end + 1]
    place = gazetteer.lookup(root.doc[region.i : _name_end(region)].text)
    return place is not None and place.kind in ("state", "region", "country")


def _org_noun_beside(root: Token) -> bool:
    """ "shipping group Skarvik", "Consumer group FairCall": a name beside an organisation noun."""
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and _org_only(head):
        return True
    lefts = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return bool(lefts) and _org_only(lefts[-1])


def _trade_before(root: Token) -> bool:
    """ "Dutch brewer Hoogland": a common noun before a name says what it is; for a place that
    noun would be "town" or "river", so any other noun that is not a person's makes it a firm."""
    noun = root.head if root.dep_ == "appos" and root.head.i < root.i else None
    if noun is None:
        lefts = [c for c in root.lefts if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN"]
        noun = lefts[-1] if lefts else None
    if noun is None or noun.pos_ != "NOUN":
        return False
    lemma = noun.lemma_.lower()
    return lemma not in PLACE_NOUNS and lemma not in PERSON_NOUNS


def _org_only(noun: Token) -> bool:
    """An organisation noun that cannot name a person ("group", not "broadcaster")."""
    lemma = noun.lemma_.lower()
    return lemma in ORG_NOUNS and lemma not in PERSON_NOUNS


def _which(root: Token) -> bool:
    """ "Andes Mineral, which operates the mine": "which" is for things."""
    return any(c.dep_ == "relcl" and any(g.lower_ == "which" and g.i > root.i for g in c.children) for c in root.children)


def _on_platform(root: Token) -> bool:
    """ "posted on Twitter", "wrote on Facebook": the object of "on" after a posting verb."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in ("on", "to") and prep.head.lemma_.lower() in PLATFORM_WORDS


def _firm_noun_before(root: Token) -> bool:
    """ "power utility Eskom", "methanol distributor Methanex": what the firm does, before it."""
    lefts = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    noun = root.head if root.dep_ == "appos" and root.head.i < root.i else (lefts[-1] if lefts else None)
    return noun is not None and noun.lemma_.lower() in FIRM_NOUNS and noun.lemma_.lower() not in PERSON_NOUNS


def _in_a_place(root: Token) -> bool:
    """ "arrested in Kayonza", "deployed near Wabag", "Kayonza town", "the provincial capital,
    Wabag": where things happen, or a settlement noun beside the name."""
    for tok in (root, *root.conjuncts):  # "Kainji, Jebba and Shiroro dams": any of the list
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.is_lower and nxt.lemma_.lower() in SITE_NOUNS:
            return True
    head = root.head
    if root.i > 0 and root.doc[root.i - 1].lower_ == "the":
        return False  # "in the House": a body
    if root.dep_ == "pobj" and head.lower_ in IN_PLACE_PREPOSITIONS:
        return True
    first = _first_of_list(root) if enabled("kinds.listed_site") else root
    if first is not root and first.dep_ == "pobj" and first.head.lower_ in IN_PLACE_PREPOSITIONS:
        return True  # "in Beetham, Morvant and Laventille"
    return root.dep_ == "appos" and head.lemma_.lower() in PLACE_NOUNS


def _first_word(root: Token) -> Token:
    """The first word of the name whose root `root` is ("Lane" in "Peter Lane": "Peter")."""
    i = root.i
    while i > 0 and root.doc[i].ent_iob_ == "I":
        i -= 1
    return root.doc[i]


def _name_end(tok: Token) -> int:
    """The index just after the name `tok` is in (its last word when the NER tagged no name)."""
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    return end


def _first_of_list(tok: Token) -> Token:
    """The first member of the list `tok` is in ("Laventille" in "Beetham, Morvant and Laventille")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


# Evidence enough to make a person of any organisation or unknown place ...
STRONG_PERSON_EVIDENCE: tuple[Callable[[Token], bool], ...] = (_apposed_to_person, _title_before)
# ... and evidence enough only for a name shaped like a person's.
PERSON_EVIDENCE: tuple[Callable[[Token], bool], ...] = (_introduced_as_person,)
ORG_EVIDENCE: tuple[Callable[[Token], bool], ...] = (_org_noun_beside, _which)
# Evidence that a name is a news organisation or a platform, whatever the model said.
OUTLET_EVIDENCE: tuple[Callable[[Token], bool], ...] = (_on_platform, _firm_noun_before)
# Evidence that a one-word name the model took for a body or a person is a place.
PLACE_EVIDENCE: tuple[Callable[[Token], bool], ...] = (_in_a_place,)


# ---- helpers ----------------------------------------------------------------------------------
def _root(parsed: list[ParsedBlock], starts: list[int], start: int, end: int) -> Token | None:
    i = bisect.bisect_right(starts, start) - 1
    if i < 0:
        return None
    pb = parsed[i]
    span = pb.doc.char_span(start - pb.offset, end - pb.offset, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _picked_up_by_pronoun(parsed: list[ParsedBlock]) -> set[int]:
    """Starts of names that are a subject and that the next he/she subject refers back to, with
    no other subject name in between: "Duncan MacLeod climbed the stairs." ... "He still lives
    there"."""
    out: set[int] = set()
    last: int | None = None  # the latest subject name, while no other name has come since
    for pb in parsed:
        names = {e.start: e for e in pb.doc.ents if e.label_ in ("PERSON", "ORG")}
        for t in pb.doc:
            name = names.get(t.i)
            if name is not None and name.root.dep_ in SUBJECT_DEPS:
                last = pb.offset + t.idx  # a name in another role ("from San Vito") does not compete
            elif last is not None and t.lower_ in PERSON_PRONOUNS and t.dep_ in SUBJECT_DEPS:
                out.add(last)
                last = None
    return out


def _bare_names(parsed: list[ParsedBlock]) -> dict[str, list[Token]]:
    """Proper nouns by their text: where a surname stands alone, untagged or tagged as a person
    or organisation (not where "Pakistan" is the country)."""
    out: dict[str, list[Token]] = {}
    for pb in parsed:
        for t in pb.doc:
            if t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON", "ORG"):
                out.setdefault(t.text, []).append(t)
    return out


def _person_shaped(name: str, fewest: int = 2) -> bool:
    """Two (or `fewest`) to three capitalised words, none of them an organisation word:
    "Duncan MacLeod"."""
    words = name.split()
    if len(words) == 1 and len(name) > 2 and name.isupper():
        return False  # "NYCC", "BBC": an acronym names a body, not a person
    return fewest <= len(words) <= 3 and all(
        (_name_word(w) and w not in COMPANY_SUFFIXES and w.lower() not in ORG_NOUNS)
        or (0 < i < len(words) - 1 and w in NAME_PARTICLES)  # "Quinton de Kock", "Eduardo del Rosario"
        for i, w in enumerate(words)
    )


def _name_word(word: str) -> bool:
    """A capitalised word, its parts joined by hyphens or apostrophes capitalised too or not
    ("Sanwo-Olu", "O'Brien", "Paul-Henri"), or an initial ("J.")."""
    if word[1:] in ("", "."):
        return word[:1].isupper()
    parts = word.replace("’", "'").replace("'", "-").split("-")
    return word[:1].isupper() and all(p.isalpha() for p in parts)


def _without_demonym(name: str) -> str:
    """ "American Scott Harmon" is Scott Harmon: a nationality glued to a name is not part of it."""
    words = name.split()
    # The pattern also fits given names ("Salman", "Brian", "Kazi"): those stay.
    if len(words) > 2 and DEMONYM.match(words[0]) and not is_first_name(words[0]):
        if enabled("kinds.demonym_strict") and not _nationality(words[0]):
            return name  # "Chan Foong Hin", "Rusdi Mohd Isa"
        return " ".join(words[1:])
    return name


def _nationality(word: str) -> bool:
    """A word shaped like a nationality that is one: not a surname ("Chan", "Khan"), and if it
    ends in "i", a country's name before it ("Iraqi", "Nepali"; not "Rusdi", "Dahi"). No
    nationality is four letters or fewer ending in "an" ("Doan Nguyen Duc")."""
    if is_surname(word) or (len(word) <= 4 and word.endswith("an")):
        return False
    if word.endswith("i"):
        place = gazetteer.lookup(word[:-1])
        return place is not None and place.kind == "country"
    return True


def _renumbered(entities: list[Entity]) -> list[Entity]:
    counters = {k: 0 for k in EntityKind}
    for ent in entities:
        counters[ent.kind] += 1
        ent.id = f"{ent.kind.value}-{counters[ent.kind]}"
    return entities
