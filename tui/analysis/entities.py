"""Named-entity candidates from spaCy, corrected by document-level evidence and a gazetteer.

The small English model is fast but often wrong on names it has rarely seen. Corrections here
are general: a gazetteer for places, label consistency across the document, name-part matching
(a single "Trump" labelled ORG is the person "Donald Trump"), and splitting coordinated spans.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..model import BlockKind, EntityKind
from . import gazetteer
from .lexicon import (
    AREA_WORDS,
    CELESTIAL_BODIES,
    COMPANY_SUFFIXES,
    COMPOUND_TAILS,
    DEMONYM,
    EVENT_WORDS,
    GENERATION_SUFFIXES,
    GENERIC_BODY_WORDS,
    GROUP_POSSESSORS,
    HONORIFIC_PAIRS,
    HONORIFICS,
    KIN_NOUNS,
    LEGAL_FORMS,
    LOSS_WORDS,
    MATCH_WORDS,
    MEDIA_WORDS,
    NAME_PARTICLES,
    NOT_BEFORE_NAMES,
    ON_AIR_VERBS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_NAME_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLATFORM_LETTERS,
    PLATFORMS,
    PORTFOLIO_TITLES,
    RANK_ABBREVIATIONS,
    SITE_PREPOSITIONS,
    SPORT_WORDS,
    TEAM_PREPOSITIONS,
    TEAM_VERBS,
    THING_ACRONYMS,
    THING_LAST_WORDS,
    TITLE_NOUNS,
    TITLE_PHRASES,
)
from .names import is_first_name, is_surname, surname_core
from .parsed import ParsedBlock
from .rules import enabled
from .syntax import is_postnominal, is_rank_abbreviation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_KIND_OF_LABEL = {
    "PERSON": EntityKind.PERSON,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "ORG": EntityKind.ORGANIZATION,
}
# Labels the model gives to unfamiliar place names; kept only when the gazetteer agrees.
# Initials written with full stops and no spaces, before a name: "C.V.", "K.V.", "J.R.R.".
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_MAYBE_PLACE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW", "LANGUAGE"})
# "FRANKFURT, March 4 (Reuters) -", "MILAN (AP) —", "DERNA, Libya -": the dateline's place.
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?=,| \(| [-—–])")
# "Kigali: President Kagame on Tuesday ...": a title-case dateline ended by a colon (Indian and
# African outlets); taken only when the gazetteer knows the place.
_COLON_DATELINE = re.compile(r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}): \S")
# Broadcasters' call signs: "KHNL", "WBRC-TV".
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?$")
_BAD_NAME = re.compile(r"[\d/@_\n]|--")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    label: str
    kind: EntityKind | None
    prev: str  # the word before, lower-cased ("" at sentence start)
    next: str  # the word after, lower-cased
    adjectival: bool = False  # every token tagged as an adjective ("Ukrainian officials")
    determined: bool = False  # an article or possessive before it ("the App Store")
    prev2: str = ""  # the word before `prev`, lower-cased
    described_as_person: bool = False  # ", a 41-year-old teacher," follows the name
    team_cue: bool = False  # acts as a side would in a match report ("England declared")
    kin: bool = False  # someone a relative is named by: "the son of Senate Speaker George Pell"

    @property
    def key(self) -> str:
        return normalise(self.text)

    @property
    def words(self) -> list[str]:
        return self.text.split()


def normalise(text: str) -> str:
    text = text.strip()
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if text[:4].lower() == "the ":
        text = text[4:]
    return " ".join(text.split()).lower()


def _trim(span: Span) -> Span | None:
    """Drop leading articles, trailing possessives and punctuation, trailing lower-case
    words ("Verdi board" -> "Verdi": names end in a capitalised word) and a bracket left open."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or doc[start].is_punct
        or (doc[start].is_lower and doc[start].is_alpha and doc[start].lower_ not in NAME_PARTICLES and end - start > 1)
    ):
        start += 1  # "said Chiyembekeza" tagged as one name
    while end > start and (
        doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct or (doc[end - 1].is_lower and end - 1 > start)
    ):
        if (
            end - start >= 3
            and doc[end - 1].is_alpha
            and doc[end - 2].text == "-"
            and not doc[end - 3].whitespace_ + doc[end - 2].whitespace_
        ):
            break  # "Li Ping-wah": a hyphenated part of the name
        if (
            doc[end - 1].text == "."
            and end - start >= 3
            and doc[end - 2].text + "." in GENERATION_SUFFIXES
            and not doc[end - 2].whitespace_
        ):
            break  # "Michael Brown Sr." keeps its full stop
        end -= 1
    opening = next((i for i in range(start, end) if doc[i].text == "("), None)
    if opening is not None:
        end = opening  # "Democratic Alliance (DA" or "Margao (Goa)": the bracket is not the name's
    return doc[start:end] if end > start else None


def _person_shaped_span(span: Span) -> bool:
    """Two to four capitalised words, no place the gazetteer knows: what a name before
    post-nominal letters looks like."""
    return (
        2 <= len(span) <= 4
        and all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in span)
        and gazetteer.lookup(span.text) is None
        and not any(t.text in ORG_NAME_WORDS or t.text in PLACE_NAME_WORDS for t in span)
    )


def _titled_person(span: Span) -> bool:
    """A title, then two or three capitalised proper nouns: "CFO Blake Jorgensen"; not a body's
    name that opens with a title's word ("Foreign Affairs Ministry")."""
    rest = [t for t in span[1:]]
    return (
        (span[0].lower_.rstrip(".") in TITLE_NOUNS or span[0].lower_ in PERSON_NOUNS)
        and span[0].lower_ not in ORG_NOUNS
        and 2 <= len(rest) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text not in COMPANY_SUFFIXES for t in rest)
        and not (enabled("entities.titled_body") and any(t.text in ORG_NAME_WORDS for t in rest))
    )


def _without_titles(span: Span) -> Span:
    """ "COO and CFO Blake Jorgensen", "PM Lee Hsien Loong", "Ireland's Minister for Agriculture
    Michael Creed", "Management Patrick F. Kennedy": titles, roles, possessives and lower-case
    words glued before a name are not part of it."""
    doc, start, end = span.doc, span.start, span.end
    if end - start > 1 and doc[start].lower_ in ("said", "says", "added", "adds"):
        if (
            (end < len(doc) and doc[end].text in ",:")
            or (start > 0 and doc[start - 1].is_quote and enabled("entities.name_edges"))
            or (_speaks_rest(doc, start, end) and enabled("entities.said_first"))
        ):
            start += 1  # 'Said Chiyembekeza, "…"', '"…" Said Kiir.': an inverted cue, not a first name
    for k in range(end - 3, start - 1, -1):
        word = doc[k]
        if (
            (word.is_lower and word.is_alpha and word.lower_ not in NAME_PARTICLES)
            or word.lower_ in ("'s", "’s")
            or word.lower_.rstrip(".") in TITLE_NOUNS
        ):
            start = k + 1
            if word.lower_ in ("for", "of", "on") and end - start > 2:
                start = end - 2  # "Minister for Agriculture Michael Creed": the portfolio goes too
            break
    else:
        before = [t.lower_ for t in doc[max(0, start - 2) : start]]
        if end - start > 2 and len(before) == 2 and before[1] in ("for", "of") and before[0] in TITLE_NOUNS:
            start = end - 2  # "Minister for [Agriculture Michael Creed]"
        elif end - start > 2 and before[-1:] in (["and"], ["&"]) and _after_portfolio(doc, start - 1):
            start += 1  # "Minister for Information and [Broadcasting Chaudhry Fawad Hussain]"
    while end - start >= 2:
        word = doc[start]
        lower = word.lower_.rstrip(".")
        if (
            lower in TITLE_NOUNS
            or lower in PERSON_NOUNS
            or (len(lower) > 6 and lower.endswith("ist"))  # "Meteorologist Ken Graham"
            or lower in ("and", "&")
            or (end - start >= 3 and (word.pos_ == "NOUN" or lower in HONORIFICS))
        ):
            start += 1
        elif end - start >= 4 and f"{lower} {doc[start + 1].lower_}" in HONORIFIC_PAIRS and enabled("entities.honorific_pairs"):
            start += 2  # "Tan Sri Razarudin Husain"
        else:
            break
    if enabled("entities.before_given_name"):
        start = _from_given_name(doc, start, end)
    return doc[start:end]


def _speaks_rest(doc: Doc, start: int, end: int) -> bool:
    """ "Said Kruger on the union's website:": the parse makes the first word a verb whose
    subject is the rest of the span."""
    return doc[start].tag_ in ("VBD", "VBZ") and any(t.dep_ == "nsubj" and t.head.i == start for t in doc[start + 1 : end])


def _from_given_name(doc: Doc, start: int, end: int) -> int:
    """Where the name proper opens with a given name and at least a surname follows, the
    capitalised words glued before it that are titles, ranks, roles, acronyms or portfolios go:
    "TD Joe Costello", "Comptroller Michael Hsu", "Senators Bob Corker", "Policing Martin Dole".
    A word that might be a given name itself ("Bola Ahmed Tinubu", "Saif Ali Khan") stops it."""
    after_title = start > 0 and doc[start - 1].lower_.rstrip(".") in TITLE_NOUNS and enabled("entities.portfolio_before_name")
    loose = False  # a word that is no title: allowed only in a portfolio right after a title
    for k in range(start, end - 1):
        word = doc[k].text
        if loose and doc[k - 1].lower_.endswith(_FIELD_ENDINGS):
            # A portfolio ends in a field's name ("-ism", "-ity", ...): "Assistant Commissioner
            # Counter Terrorism Scott Lee", "Minister of Foreign [Affairs] Chrystia Freeland".
            return k
        if is_first_name(word):
            return start if loose else k  # "President Bola Ahmed Tinubu" keeps "Bola"
        if not _glued_title(word):
            if not after_title or is_surname(word):
                return start
            loose = True
    return start


_FIELD_ENDINGS = ("ism", "ity", "ics", "ance", "ence", "ure", "ology", "affairs")


def _glued_title(word: str) -> bool:
    low = word.lower().rstrip(".")
    singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
    return (
        any(w in TITLE_NOUNS or w in PERSON_NOUNS or w in HONORIFICS or w in RANK_ABBREVIATIONS for w in (low, singular))
        or (len(word) >= 2 and word.isupper() and word.isalpha())  # "TD", "QC", "ASP", "NDP"
        or low.endswith(("ing", "tion", "ment"))  # "Policing", "Transportation", "Environment"
    )


def _after_portfolio(doc: Doc, i: int) -> bool:
    """Token `i` ends a list of portfolios after a title: "Minister of Tourism and", "Secretary
    for Housing, Planning and"."""
    for k in range(i - 1, max(0, i - 8), -1):
        if doc[k].lower_ in ("for", "of") and k > 0 and doc[k - 1].lower_ in TITLE_NOUNS:
            return enabled("entities.name_edges")
        if not (doc[k].text[:1].isupper() or doc[k].text in (",", "and", "&")):
            return False
    return False


def _after_title_of(span: Span) -> bool:
    """The span follows "Minister of" or "Minister of Foreign": a title, "of" or "for", and at
    most three capitalised words of the portfolio outside the span."""
    doc, k = span.doc, span.start - 1
    while k > 1 and k > span.start - 4 and doc[k].is_title:
        k -= 1
    return k >= 1 and doc[k].lower_ in ("of", "for") and doc[k - 1].lower_ in TITLE_NOUNS


def _name_after_portfolio(span: Span) -> int | None:
    """Where the person's name starts in a span after "Minister of" that holds the portfolio and
    the name: at a given name, or after a field's name ("Foreign Affairs"); a place that is also a
    given name goes with the portfolio ("Minister for Western Sydney Stuart Ayres")."""
    if not _after_title_of(span):
        return None
    doc = span.doc
    given = next(
        (
            k
            for k in range(span.start + 1, span.end - 1)
            if is_first_name(doc[k].text) or doc[k - 1].lower_.endswith(_FIELD_ENDINGS)
        ),
        None,
    )
    if given is None:
        return None
    if gazetteer.lookup(doc[given].text) and given + 2 < span.end and is_first_name(doc[given + 1].text):
        given += 1
    return given if _person_shaped_rest(doc[given : span.end]) else None


def _place_before_name(span: Span) -> int | None:
    """A known place glued before a given name and a surname, in one span: where the person
    starts. A place name that is also a given name ("Sydney Lee Johnson") keeps the span whole."""
    doc = span.doc
    if is_first_name(doc[span.start].text):
        return None
    for k in range(span.start + 1, span.end - 1):
        if not is_first_name(doc[k].text):
            continue
        place = gazetteer.lookup(doc[span.start : k].text)
        if place is not None and place.kind != "city":
            # A country, state or province ("Illinois General Assembly" stays whole: "General"
            # is a title, and the rest names a body).
            return k if _person_shaped_rest(doc[k : span.end]) else None
    return None


def _person_shaped_rest(rest: Span) -> bool:
    """Two or three capitalised proper nouns, none a title or a word that names a body or a site."""
    return (
        2 <= len(rest) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha and not _glued_title(t.text) for t in rest)
        and not any(t.text in ORG_NAME_WORDS or t.text in PLACE_NAME_WORDS or t.text in COMPANY_SUFFIXES for t in rest)
    )


def _body_named_before(span: Span) -> int | None:
    """After a body's common noun ("rights group", "the firm"), a name whose second or later
    word is a given name opens with the body's own name: where the person's name starts."""
    doc = span.doc
    if span.start == 0 or not doc[span.start - 1].is_lower or doc[span.start - 1].lower_ not in ORG_NOUNS:
        return None
    return next((k for k in range(span.start + 1, span.end - 1) if is_first_name(doc[k].text)), None)


def _body_word_before_name(span: Span) -> int | None:
    """Where a person's name starts in a span that opens with a body's own name, ended by a body
    word ("Sky News Mark Benson", "Nurses and Midwives Organisation Phil Kelly", "Lark Productions
    Dan Hale")."""
    return _name_after(span, lambda t: t.text in ORG_NAME_WORDS or t.text in COMPANY_SUFFIXES)


def _title_before_name(span: Span) -> int | None:
    """Where a person's name starts in a span tagged as a body that ends in a capitalised title
    and a given name and surname ("Board Chair Ann Kerr", "Council President Joe Bell"): the
    words before the title say what the title is of, and the name is a person's."""
    return _name_after(span, lambda t: t.lower_ in TITLE_NOUNS and t.text[:1].isupper())


def _name_after(span: Span, ends_other: Callable[[Token], bool]) -> int | None:
    """Right after the first word `ends_other` accepts, when the two or three words left start
    with a given name and look like a person's name: where that name starts."""
    doc = span.doc
    for k in range(span.start + 1, span.end - 1):
        if ends_other(doc[k - 1]) and is_first_name(doc[k].text) and 2 <= span.end - k <= 3:
            return k if _person_shaped_rest(doc[k : span.end]) else None
    return None


def _extend_person_left(span: Span) -> Span:
    """ "figure Ismael Sacko" tagged as "Sacko": take in capitalised proper nouns before it that
    are not titles or known places."""
    doc, start = span.doc, span.start
    while start > 0:
        prev = doc[start - 1]
        if enabled("entities.dotted_initials") and _DOTTED_INITIALS.match(prev.text) and not gazetteer.lookup(prev.text):
            start -= 1  # "C.V. Ananda Bose" tagged as "Ananda Bose", a sentence often ended at "C.V."
            continue
        if doc[start].is_sent_start:
            break
        if enabled("entities.name_edges") and _hyphen_joined(doc, start - 1):
            start -= 2  # "I-Ching Chen" tagged as "Ching Chen"
            continue
        if prev.pos_ != "PROPN" or prev.ent_type_ or not prev.text[:1].isupper() or not prev.text.isalpha():
            break
        if prev.lower_ in HONORIFICS or prev.lower_ in TITLE_NOUNS or gazetteer.lookup(prev.text):
            break
        if enabled("entities.person_rank") and _glued_title(prev.text) and not is_first_name(prev.text):
            break  # "3rd District Councilman Chris Hilbert", "Defender Luke Shaw"
        if enabled("entities.org_before_name") and prev.lower_ in ORG_NOUNS:
            break  # "tripartite Presidency Milorad Dodik"
        if enabled("entities.body_word_edge") and (prev.text in ORG_NAME_WORDS or prev.text in AREA_WORDS):
            break  # "Cathaoirleach of the Carrick-on-Suir District Kieran Bourke"
        start -= 1
    return doc[start : span.end]


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """A hyphen at `i` with no space either side, after a capitalised word: the first half of a
    hyphenated given name."""
    return (
        i > 0
        and doc[i].text == "-"
        and not doc[i].whitespace_
        and not doc[i - 1].whitespace_
        and doc[i - 1].text[:1].isupper()
        and doc[i - 1].is_alpha
        and not doc[i - 1].ent_type_
    )


def _with_generation(span: Span) -> Span:
    """ "Mutula Kilonzo Junior", "Martin Luther King Jr.": the generation closes the name."""
    doc = span.doc
    if enabled("entities.name_edges") and span.end < len(doc) and doc[span.end].text in GENERATION_SUFFIXES:
        return doc[span.start : span.end + 1]
    return _with_hyphen_tail(span)


def _with_name_tail(span: Span) -> Span:
    """ "Chief Justice Satiu Simativa Perese" tagged as "Satiu Simativa": an untagged proper noun
    right after the name, which the parser makes the head the name's last word hangs on, ends it."""
    doc, k = span.doc, span.end
    if k >= len(doc) or not enabled("entities.name_tail"):
        return span
    tail = doc[k]
    if (
        tail.pos_ == "PROPN"
        and not tail.ent_type_
        and tail.text[:1].isupper()
        and doc[k - 1].head.i == k
        and doc[k - 1].dep_ in ("compound", "flat")
        and doc[k - 1].whitespace_
        and tail.text not in ORG_NAME_WORDS
        and tail.text not in PLACE_NAME_WORDS
        and tail.lower_ not in TITLE_NOUNS
        and gazetteer.lookup(tail.text) is None
    ):
        return doc[span.start : k + 1]
    return span


def _with_hyphen_tail(span: Span) -> Span:
    """ "Yoon Suk-yeol" tagged as "Yoon Suk": the lower-case second syllable of a hyphenated given
    name, which the tokenizer split off, belongs to it."""
    doc, k = span.doc, span.end
    if (
        k + 1 < len(doc)
        and enabled("entities.hyphen_tail")
        and doc[k].text == "-"
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
        and doc[k + 1].is_alpha
        and doc[k + 1].is_lower
        and len(doc[k + 1]) <= 5
        and not doc[k + 1].lower_.endswith("ed")  # "Khan-led", "Dunedin-based"
        and doc[k + 1].lower_ not in COMPOUND_TAILS
    ):
        return doc[span.start : k + 2]
    return span


def _split_possessive(span: Span) -> tuple[Span, Span] | None:
    """ "Spain's Inditex", "Labour's Lisa Nandy", "Joy News' Latif Iddris": two names joined by
    a possessive are two entities (the owner and the owned)."""
    for tok in span[1:-1]:
        if tok.tag_ == "POS" or tok.lower_ in ("'s", "’s"):
            first, second = span.doc[span.start : tok.i], span.doc[tok.i + 1 : span.end]
            if first.text.lower() in GROUP_POSSESSORS:
                return None  # "Children's Haematology Oncology Clinics": one name
            owner = gazetteer.lookup(first.text)
            by_place = owner is not None and _well_known(owner) and second[-1].text not in COMPANY_SUFFIXES
            if second[0].text[:1].isupper() and (_person_after_owner(second) or by_place):
                return first, second  # not "Hudson's Bay Co.", "King's College London"
    return None


def _person_after_owner(span: Span) -> bool:
    """Two or three proper nouns, none a word of a firm's or a place's name: "Lisa Nandy"."""
    words = span.text.split()
    return (
        2 <= len(words) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in span)
        and not any(w in COMPANY_SUFFIXES or w in ORG_NAME_WORDS or w in PLACE_NAME_WORDS for w in words)
        and gazetteer.lookup(span.text) is None
    )


def _split_at_rank(span: Span) -> tuple[Span, Span] | None:
    """A body and a person tagged as one name around an abbreviated rank ("Ontario Provincial
    Police Const. Kelly Daniels"): the words before the rank and the name after it."""
    for k, tok in enumerate(span[1:-1], start=1):
        if is_rank_abbreviation(tok):
            rest = span[k + 1 :]
            if not (1 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper for t in rest)):
                return None
            if any(_glued_title(t.text) or is_rank_abbreviation(t) for t in span[:k]):
                return None  # "Lt. Gov. Dan Patrick": titles, not a body
            return span[:k], rest
    return None


def _split_coordination(span: Span) -> list[Span]:
    """ "Rubio and National Security" -> ["Rubio", "National Security"]; parts are re-judged later."""
    parts, begin = [], span.start
    for tok in span:
        if tok.lower_ in ("and", "&", ",") and tok.i > begin:
            parts.append(span.doc[begin : tok.i])
            begin = tok.i + 1
    if begin == span.start:
        return [span]
    if begin < span.end:
        parts.append(span.doc[begin : span.end])
    return [p for p in parts if len(p)]


def _with_shared_surname(parts: list[Candidate]) -> list[Candidate]:
    """ "Jayne and Bruce Moffatt": given names alone before a full name share its surname, so a
    later "Mrs Moffatt" has a woman to be."""
    last = parts[-1]
    if last.kind is not EntityKind.PERSON or len(last.words) < 2 or not is_first_name(last.words[0]):
        return parts
    if not all(len(p.words) == 1 and is_first_name(p.text) for p in parts[:-1]):
        return parts
    surname = " ".join(last.words[1:])
    return [replace(p, text=f"{p.text} {surname}") for p in parts[:-1]] + [last]


def _whole_org_names(cands: list[Candidate]) -> None:
    """ "Crowded House said" tagged "House" where "Crowded House" is named elsewhere: the word
    before is the name's first half."""
    whole = {(c.words[-2].lower(), c.words[-1]): c.text for c in cands if c.kind is EntityKind.ORGANIZATION and len(c.words) == 2}
    for c in cands:
        if c.kind is EntityKind.ORGANIZATION and len(c.words) == 1:
            name = whole.get((c.prev, c.text))
            if name is not None:
                c.start, c.text = c.start - (len(name) - len(c.text)), name


def _couples(cands: list[Candidate]) -> list[Candidate]:
    """ "Jayne and Bruce Moffatt" tagged as two names: the given name alone takes the surname."""
    at = {c.start: c for c in cands if c.kind is EntityKind.PERSON}
    out = []
    for c in cands:
        partner = at.get(c.end + len(" and ")) if c.next == "and" and c.kind is EntityKind.PERSON else None
        if partner is not None and len(c.words) == 1:
            c = _with_shared_surname([c, partner])[0]
        out.append(c)
    return out


def _candidate(pb: ParsedBlock, span: Span, label: str) -> Candidate:
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 and not doc[span.start].is_sent_start else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    start, end = pb.span_offsets(span)
    kind = _KIND_OF_LABEL.get(label)
    adjectival = all(t.pos_ == "ADJ" or t.tag_ in ("JJ", "NNPS") for t in span)
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    determined = before in NOT_BEFORE_NAMES
    prev2 = doc[span.start - 2].lower_ if prev and span.start > 1 else ""
    return Candidate(
        start,
        end,
        span.text,
        label,
        kind,
        prev,
        nxt,
        adjectival,
        determined=determined,
        prev2=prev2,
        described_as_person=_described_as_person(span),
        team_cue=_team_cue(span),
        kin=_kin(span),
    )


def _kin(span: Span) -> bool:
    """ "the son of Senate Speaker George Pell": the parse puts the name after a kin noun's
    "of", however many titles come between. (An apposition, "the victim's uncle, Tom
    Reid,", is the relative who then speaks: not this.)"""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in KIN_NOUNS


def _team_cue(span: Span) -> bool:
    """What a side does in a match report: the subject of a verb ("Canada won 127-118", "South
    Africa were skittled"), the owner of a side's people or parts ("England's slide", "the
    England opener"), the object of a win or a match ("beat India", "against Norway", "loss to
    Chicago", "England v India"). Only read where the article is about sport."""
    root, doc = span.root, span.doc
    head = root.head
    if span.start > 0 and doc[span.start - 1].lower_ in TEAM_PREPOSITIONS:
        return True
    if span.end < len(doc) and doc[span.end].lower_ in MATCH_WORDS:
        return True
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ in ("poss", "compound") and head.pos_ == "NOUN":
        return True
    if root.dep_ == "dobj" and head.lemma_.lower() in TEAM_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in LOSS_WORDS:
        return True
    return False


def _described_as_person(span: Span) -> bool:
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            if child.lemma_.lower() in PERSON_NOUNS or "year-old" in child.doc[child.left_edge.i : child.i + 1].text.replace(
                " ", ""
            ):
                return True
    return False


def collect(parsed: list[ParsedBlock]) -> tuple[list[Candidate], list[list[Candidate]]]:
    """Raw candidates, plus coordinated spans held back for a decision with document evidence."""
    plain: list[Candidate] = []
    coordinated: list[list[Candidate]] = []
    dateline = _dateline(parsed)
    if dateline is not None:
        plain.append(dateline)
    for pb in parsed:
        for ent in _joined_names(pb.doc):
            if ent.label_ not in _KIND_OF_LABEL and ent.label_ not in _MAYBE_PLACE:
                continue
            span = _trim(ent)
            if span is None or span.text.lower() in TITLE_NOUNS:
                continue  # "COO" tagged as an organisation
            label = ent.label_
            if enabled("entities.postnominal") and len(span) >= 2 and is_postnominal(span[-1].text):
                span = span[:-1]  # "Mary Lou McDonald TD", "Ciaran O'Mahony BL": letters after a name
                if label == "ORG" and _person_shaped_span(span):
                    label = "PERSON"
            given = _name_after_portfolio(span) if label == "ORG" and enabled("entities.portfolio_before_name") else None
            if given is not None:  # "Minister of [Transportation Todd Stone]" tagged as a body
                span, label = span.doc[given : span.end], "PERSON"
            at = _place_before_name(span) if enabled("entities.place_before_name") else None
            if at is not None:  # "the northwestern Khyber Pakhtunkhwa Akbar Hoti": the province, then the man
                plain.append(_candidate(pb, span.doc[span.start : at], "GPE"))
                span, label = span.doc[at : span.end], "PERSON"
            body_end = _body_named_before(span) if label in ("PERSON", "ORG") and enabled("entities.org_before_name") else None
            if body_end is None and label in ("PERSON", "ORG") and enabled("entities.body_word_before_name"):
                body_end = _body_word_before_name(span)  # "Sky News Mark Benson": the outlet, then the man
            if body_end is not None:  # "rights group Liberty Emmanuelle Andrews": the group, then the person
                plain.append(_candidate(pb, span.doc[span.start : body_end], "ORG"))
                span, label = span.doc[body_end : span.end], "PERSON"
            titled_at = _title_before_name(span) if label == "ORG" and enabled("entities.title_before_name") else None
            if titled_at is not None:  # "[Board Chair Ann Kerr]" tagged as a body: the title is hers
                span, label = span.doc[titled_at : span.end], "PERSON"
            if label == "ORG" and _titled_person(span):
                label = "PERSON"  # "CFO Blake Jorgensen" tagged as an organisation
            elif label in _MAYBE_PLACE and _titled_person(span) and enabled("entities.titled_other_label"):
                label = "PERSON"  # "Cardinal Fridolin Ambongo" tagged as a work of art
            ranked = _split_at_rank(span) if label != "PERSON" or enabled("entities.person_rank") else None
            if ranked is not None:  # "Ontario Provincial Police Const. Kelly Daniels"
                body, span, was_person, label = ranked[0], ranked[1], label == "PERSON", "PERSON"
                if not (was_person and is_first_name(body[0].text)):  # "Cal Fire" would pass for a man
                    plain.append(_candidate(pb, body, "ORG"))
            if label == "PERSON":
                if (
                    enabled("entities.body_word_edge")
                    and len(span) > 1
                    and span[0].text in ORG_NAME_WORDS
                    and is_first_name(span[1].text)
                ):
                    span = span[1:]  # "the Chicago Tribune Paul was asked" tagged "Tribune Paul"
                span = _with_generation(_without_titles(_extend_person_left(_with_name_tail(span))))
            owner = _split_possessive(span) if label != "PERSON" else None
            if owner is not None:  # "Eskom's Mashangu Shivambu": the firm, then the person
                first, second = owner
                plain.append(_candidate(pb, first, "GPE" if gazetteer.lookup(first.text) else "ORG"))
                span, label = second, ("PERSON" if _person_after_owner(second) else label)
            parts = _split_coordination(span)
            whole = _candidate(pb, span, label)
            if len(parts) > 1:
                coordinated.append([whole] + [_candidate(pb, p, label) for p in parts])
            else:
                plain.append(whole)
        plain.extend(_untagged_names(pb))
    return plain, coordinated


def _joined_names(doc: Doc) -> list[Span]:
    """The model's entities, with a person's name it cut in two made whole again: "Amy Berman"
    and "Jackson" side by side are one person."""
    ents = list(doc.ents)
    if not enabled("entities.joined_names"):
        return ents
    across = enabled("entities.name_across_spans")
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        halves = (
            prev is not None and prev.label_ == ent.label_ == "PERSON" and prev.end == ent.start and bool(prev[-1].whitespace_)
        )
        if prev is not None and (halves or _surname_tagged_apart(prev, ent)):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        elif prev is not None and across and (mended := _name_across(prev, ent)):
            out[-1:] = mended
        else:
            out.append(ent)
    return out


def _surname_tagged_apart(prev: Span, ent: Span) -> bool:
    """ "Luhut Binsar" + "Panjaitan" (tagged a place): one capitalised word right after a person's
    name of two words or more, no place the gazetteer knows, is the rest of the name."""
    word = ent[0]
    return (
        enabled("entities.surname_apart")
        and prev.label_ == "PERSON"
        and ent.label_ in ("GPE", "ORG", "NORP", "LOC")
        and len(ent) == 1
        and len(prev) >= 2
        and prev.end == ent.start
        and bool(prev[-1].whitespace_)
        and word.is_title
        and word.is_alpha
        and gazetteer.lookup(word.text) is None
        and not (word.i + 1 < len(word.doc) and word.nbor(1).text in ("'s", "’s"))
    )


def _name_across(prev: Span, ent: Span) -> list[Span]:
    """One person's name the model cut across two spans, as the spans that replace both (none
    when it did not): "Md Yani" + "Mat" + "Zin" and "Jeroen van" + "der" + "Veer" are one name;
    in "Party Committee Dinh" + "Tien Dung" the given name ending the body's span is the person's."""
    doc = prev.doc
    gap = doc[prev.end : ent.start]
    if len(gap) > 2 or not ent[0].is_title:
        return []
    if (
        prev.label_ == ent.label_ == "PERSON"
        and gap
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha and not t.ent_type_ for t in gap)
    ):
        return [Span(doc, prev.start, ent.end, label="PERSON")]
    # Particles close the first span or fill the gap: "Agnes von" + "der" + "Muhll".
    tail = [t for t in prev if t.lower_ in NAME_PARTICLES and t.is_lower]
    particles = list(prev[len(prev) - len(tail) :]) == tail and all(t.lower_ in NAME_PARTICLES and t.is_lower for t in gap)
    named = prev.label_ == "PERSON" or is_first_name(prev[0].text)
    if particles and (tail or gap) and len(tail) < len(prev) and named and len(ent) <= 2:
        return [Span(doc, prev.start, ent.end, label="PERSON")]
    last = prev[-1]
    if (
        not gap
        and ent.label_ == "PERSON"
        and prev.label_ != "PERSON"
        and len(prev) >= 2
        and len(ent) <= 2
        and last.pos_ == "PROPN"
        and last.is_title
        and last.is_alpha
        and ent.start <= last.head.i < ent.end
        and not _glued_title(last.text)
        and last.lower_ not in ORG_NOUNS
        and gazetteer.lookup(last.text) is None
    ):
        return [Span(doc, prev.start, prev.end - 1, label=prev.label_), Span(doc, last.i, ent.end, label="PERSON")]
    return []


def _dateline(parsed: list[ParsedBlock]) -> Candidate | None:
    """The all-capitals place that opens wire copy's first paragraph is a place, whatever the
    model thinks (it usually calls it an organisation)."""
    first = next((pb for pb in parsed if pb.block.kind.value == "paragraph"), None)
    if first is None:
        return None
    m = _DATELINE.match(first.text)
    if m is None and enabled("entities.place_cues"):
        m = _COLON_DATELINE.match(first.text)
        if m is not None and gazetteer.lookup(m.group("place")) is None:
            m = None
    if m is None or len(m.group("place")) < 3:
        return None
    start, end = first.offset + m.start("place"), first.offset + m.end("place")
    return Candidate(start, end, m.group("place"), "DATELINE", EntityKind.PLACE, "", "")


def _untagged_names(pb: ParsedBlock) -> list[Candidate]:
    """Runs of proper nouns the model left untagged that the words around them make a place or
    a news outlet: the gazetteer's places after "in"/"near"/... or listed beside a tagged place,
    countries anywhere, platforms, and outlets that are told things or cited."""
    doc = pb.doc
    found: list[Candidate] = []
    i = 0
    while i < len(doc):
        if not _untagged_proper(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (_untagged_proper(doc[j]) or _joining_hyphen(doc, j)):
            j += 1
        found.extend(_untagged_run(pb, doc[i:j]))
        i = j
    return found


def _untagged_proper(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and not tok.ent_type_


def _joining_hyphen(doc: Doc, j: int) -> bool:
    """The hyphen inside "Star-Advertiser" (not the one of a party tag, "R-N.C.")."""
    return (
        doc[j].text == "-"
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and j + 1 < len(doc)
        and _untagged_proper(doc[j + 1])
        and len(doc[j - 1]) > 1
        and doc[j + 1].is_alpha
    )


def _untagged_run(pb: ParsedBlock, span: Span) -> list[Candidate]:
    doc, i = span.doc, span.start
    opens = span[0].is_sent_start or i == 0
    place = gazetteer.lookup(span.text)
    if place and not opens and doc[i - 1].lower_ in PLACE_PREPOSITIONS and _well_known(place):
        return [_typed(pb, span, "GAZETTEER", EntityKind.PLACE)]
    if place and enabled("entities.place_cues") and _place_cue(span, place):
        return [_typed(pb, span, "GAZETTEER", EntityKind.PLACE)]
    named = _after_honorific(span)
    if named is not None and enabled("entities.untagged_titled"):
        return [_typed(pb, named, "PERSON", EntityKind.PERSON)]  # "County Coun Don Mackenzie"
    named = _after_title(span)
    if named is not None and enabled("entities.untagged_title"):
        return [_typed(pb, named, "PERSON", EntityKind.PERSON)]  # "Mayor Sheikh Fazle Noor Tuhin"
    if not enabled("entities.untagged"):
        return []
    if place and not opens and _listed_with_place(span.root):
        return [_typed(pb, span, "GAZETTEER", EntityKind.PLACE)]  # "Birmingham, Cardiff and Winchester"
    first = span[:1]
    country = gazetteer.lookup(first.text)
    if country and country.kind == "country" and not is_first_name(first.text):
        return [_typed(pb, first, "GAZETTEER", EntityKind.PLACE)]  # "Barbados PM Mia Mottley says"
    if span.text in PLATFORMS or (span.text in PLATFORM_LETTERS and _object_of(span.root, "on")):
        return [_typed(pb, span, "OUTLET", EntityKind.ORGANIZATION)]  # "a Facebook group", "shared on X"
    if _outlet_shaped(span) and _cited(span.root):
        return [_typed(pb, span, "OUTLET", EntityKind.ORGANIZATION)]  # "told the Star-Advertiser"
    return []


def _after_honorific(span: Span) -> Span | None:
    """The one to three capitalised words that close a run after an honorific or a rank ("Coun
    Don Mackenzie", "Mrs Adaeze Obi", "Insp Jon Grainge"): a person the model left untagged. "St"
    is a saint's place; a rank in capitals ("DC", "PC") may be anything."""
    for k, tok in enumerate(span[:-1]):
        word = tok.lower_.rstrip(".")
        rank = word in RANK_ABBREVIATIONS and not tok.is_upper
        if (word in HONORIFICS or rank) and word != "st" and tok.text[:1].isupper():
            rest = span[k + 1 :]
            if len(rest) <= 3 and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in rest):
                return rest
    return None


def _after_title(span: Span) -> Span | None:
    """Two to four capitalised words the model left untagged right after a capitalised title
    ("Mayor Sheikh Fazle Noor Tuhin credited", "Danish MEP Kasper Brixtofte warned"): a
    person, unless a word of them names a place or a body. One word after a title is left alone
    ("Mayor Bristol" is rarer than a one-word place or team)."""
    doc, first = span.doc, span[0]
    if first.lower_ in TITLE_NOUNS and first.text[:1].isupper():
        k = 1
        while k < len(span) and span[k].lower_ in TITLE_NOUNS:
            k += 1  # "Prime Minister", "Mayor Sheikh"
        rest = span[k:]
    elif span.start > 0 and doc[span.start - 1].lower_ in TITLE_NOUNS and doc[span.start - 1].text[:1].isupper():
        rest = span
    else:
        return None
    if not 2 <= len(rest) <= 4 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in rest):
        return None
    for t in rest:
        place = gazetteer.lookup(t.text)
        if t.text in ORG_NAME_WORDS or t.text in PLACE_NAME_WORDS or t.lower_ in TITLE_NOUNS or t.lower_ in ORG_NOUNS:
            return None
        if place is not None and place.kind == "country":
            return None
    return None if gazetteer.lookup(rest.text) is not None else rest


# Nouns a place can be the home of: "a Christchurch resident", "Kiambu Senator".
_HOME_NOUNS = PERSON_NOUNS | TITLE_NOUNS


def _place_cue(span: Span, place: gazetteer.Place) -> bool:
    """A gazetteer place the grammar puts on the map: the object of "in" even with a word
    between ("in central Christchurch"), the home of a person or an office ("a Christchurch
    resident", "Kiambu Senator"), or a US state anywhere (the "Nev." of "D-Nev.")."""
    root, head = span.root, span.root.head
    if place.kind == "state" and not (len(span) == 1 and is_first_name(span.text)):
        return True
    if root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS and _well_known(place):
        return True
    home = root.dep_ in ("compound", "nmod") and head.i > root.i and head.lemma_.lower() in _HOME_NOUNS
    return home and (_well_known(place) or place.kind in ("region", "country")) and not is_first_name(span[0].text)


def _typed(pb: ParsedBlock, span: Span, label: str, kind: EntityKind) -> Candidate:
    cand = _candidate(pb, span, label)
    cand.kind = kind
    return cand


def _listed_with_place(root: Token) -> bool:
    """One of a list whose other members the model tagged as places."""
    return any(t.ent_type_ in ("GPE", "LOC") for t in root.conjuncts)


def _object_of(root: Token, preposition: str) -> bool:
    return root.dep_ == "pobj" and root.head.lower_ == preposition


def _outlet_shaped(span: Span) -> bool:
    """ "Sky News", "the Star", "WBRC-TV": a newspaper's or broadcaster's last word (alone, after
    "the"), or a call sign."""
    doc = span.doc
    if span[-1].text in MEDIA_WORDS:
        return len(span) > 1 or (span.start > 0 and doc[span.start - 1].lower_ == "the")
    return bool(_CALL_SIGN.match(span.text))


def _cited(root: Token) -> bool:
    """Told something, the source of "according to", or the channel someone appeared on."""
    head = root.head
    if root.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell":
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return root.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in ON_AIR_VERBS


def _well_known(place: gazetteer.Place) -> bool:
    return place.kind != "city" or place.population >= 100_000


def _plausible_person(c: Candidate) -> bool:
    words = c.words
    if not words or _BAD_NAME.search(c.text):
        return False
    if not words[0][:1].isupper() or not surname_core(words[-1])[:1].isupper():
        return False  # "Thamer al-Jedaei" ends in a capitalised name all the same
    if len(words) > 1 and len(words[-1].rstrip(".")) == 1:
        return False  # "Serie A.": names end in a surname
    if len(words) > 1 and words[-1].lower() in TITLE_NOUNS and not is_first_name(words[0]) and enabled("entities.title_last"):
        return False  # "Kottayam Superintendent", "Nasarawa Governor": a place or body and a title
    meaningful = [w for w in words if w.lower().rstrip(".") not in HONORIFICS and w.lower() not in TITLE_NOUNS]
    return bool(meaningful)


def _portfolio(c: Candidate) -> bool:
    """A mention right before "Minister" or "Secretary" that is neither an acronym ("MITI
    minister") nor ends in a body word ("County Council secretary"); a body named in full before a
    title ("Council of Circuit Judges secretary") is lost with it, once in 35 on dev."""
    return (
        c.next in PORTFOLIO_TITLES
        and not c.text.isupper()
        and c.words[-1] not in ORG_NAME_WORDS
        and enabled("entities.portfolio")
    )


def _is_title_fragment(c: Candidate) -> bool:
    """ "State" in "Secretary of State", "National Security" in "National Security Advisor"."""
    if c.key not in TITLE_PHRASES:
        return False
    return c.prev == "of" or c.next in TITLE_NOUNS


def resolve(parsed: list[ParsedBlock]) -> list[Candidate]:
    """Candidates with their final kind; dropped ones are gone."""
    plain, coordinated = collect(parsed)

    person_words: set[str] = set()
    for c in plain:
        if c.kind is EntityKind.PERSON and _plausible_person(c) and len(c.words) > 1:
            person_words.update(w for w in c.words if w.lower().rstrip(".") not in HONORIFICS)
    known_keys = {c.key for c in plain}

    if enabled("entities.couple_surname"):
        plain = _couples(plain)
    if enabled("entities.org_left_part"):
        _whole_org_names(plain)
    for group in coordinated:
        whole, parts = group[0], group[1:]
        if enabled("entities.couple_surname"):
            parts = _with_shared_surname(parts)
        if any(p.text in person_words or p.key in known_keys or gazetteer.lookup(p.text) for p in parts):
            plain.extend(parts)
        else:
            plain.append(whole)

    # Words of multi-word organisations and places: "Yorkshire" alone, tagged as a person, is
    # more likely a part of "North Yorkshire Council" than somebody's name.
    other_words = {w for c in plain if c.kind not in (EntityKind.PERSON, None) and len(c.words) > 1 for w in c.words}
    datelines = [c for c in plain if c.label == "DATELINE"]
    kept: list[Candidate] = []
    for c in plain:
        if not any(ch.isupper() for ch in c.text) or c.key in CELESTIAL_BODIES:
            continue  # "distributor", "n’t": names are capitalised; "Earth", "Jupiter" are not places here
        if c.label != "DATELINE" and any(c.start < d.end and d.start < c.end for d in datelines):
            continue
        if c.label == "DATELINE":
            kept.append(c)
            continue
        place = gazetteer.lookup_any_case(c.text)
        is_person_word = len(c.words) == 1 and c.words[0] in person_words
        after_title = c.prev.rstrip(".") in HONORIFICS or c.prev in TITLE_NOUNS
        if _is_title_fragment(c):
            continue
        if c.kind is None:  # PRODUCT, NORP, ... : a place or nothing
            if place is None or (c.label == "NORP" and c.text[:1].islower()):
                continue
            c.kind = EntityKind.PLACE
        elif is_person_word and c.kind is not EntityKind.PLACE:
            c.kind = EntityKind.PERSON  # "Trump" tagged ORG once
        elif c.kind is EntityKind.PERSON and place and not is_person_word and not after_title and _well_known(place):
            c.kind = EntityKind.PLACE  # "Kyiv" tagged PERSON
        elif c.kind is EntityKind.ORGANIZATION and place and _well_known(place) and place.kind != "continent":
            c.kind = EntityKind.PLACE  # "Moscow said" tagged ORG
        if c.kind is EntityKind.PERSON and not is_person_word and not after_title:
            if c.next in PLACE_NOUNS:
                c.kind = EntityKind.PLACE  # "the Yorkshire town of Selby"
            elif c.determined and not (c.prev == "the" and DEMONYM.match(c.text)):
                c.kind = EntityKind.ORGANIZATION  # "the App Store": names take no article
            elif len(c.words) == 1 and c.words[0] in other_words:
                continue
        if c.kind is EntityKind.PERSON and len(c.words) == 1:
            if c.prev == "the" and DEMONYM.match(c.text):
                continue  # "the Welshman", "the Italian": a description
            if c.prev in PLACE_PREPOSITIONS and place:
                c.kind = EntityKind.PLACE  # "in Margate"
        if c.prev == "of" and c.prev2 in PLACE_NOUNS and c.prev2 != "state":
            c.kind = EntityKind.PLACE  # "the village of Alcora", "the island of Leyte" ("a state of Emergency" is not)
        if (
            c.kind is EntityKind.ORGANIZATION
            and (c.prev in PERSON_NOUNS or c.described_as_person)
            and _plausible_person(c)
            and len(c.words) > 1
            and place is None
        ):
            c.kind = EntityKind.PERSON  # "chef Amara Osei", "Nadia Petrova, a 41-year-old teacher" tagged ORG
        if c.kind is EntityKind.PLACE and place is None and c.words[-1] in COMPANY_SUFFIXES:
            c.kind = EntityKind.ORGANIZATION  # "Cordillera Capital" tagged LOC
        if c.kind is EntityKind.PERSON and not _plausible_person(c):
            continue  # "serviceman", desk codes
        if c.kind is EntityKind.PLACE and place is None and (c.adjectival or DEMONYM.match(c.text)):
            continue  # "Ukrainian officials": a demonym, not a place
        if c.kind is EntityKind.ORGANIZATION and place is None and len(c.words) == 1 and DEMONYM.match(c.text):
            continue  # "Ugandan" tagged as an organisation
        if c.kind is EntityKind.ORGANIZATION and _title_only(c):
            continue  # "Minister of Finance", "Additional Public Prosecutor": an office, not a body
        if c.kind is EntityKind.ORGANIZATION and _portfolio(c):
            continue  # "Internal Affairs Minister Ronald Plasterk": the office's field, not a body
        kept.append(c)

    kept = [c for c in _without_events(kept) if not _generic(c)]
    kept = _without_sentence_case(kept, parsed)
    _trim_to_known_names(kept)
    kept = _headings_agree(kept, parsed)
    _make_consistent(kept, person_words)
    if _about_sport(parsed):
        _sides(kept)
    kept.sort(key=lambda c: c.start)
    return _dedupe(kept)


def _without_sentence_case(cands: list[Candidate], parsed: list[ParsedBlock]) -> list[Candidate]:
    """ "Farmers say ...", "Anger grew": a one-word name found only at the start of sentences,
    whose word the text also writes in lower case, is a common word capitalised there. People and
    places the gazetteer knows well keep their capital ("Will", "Reading")."""
    if not enabled("entities.sentence_case"):
        return cands
    elsewhere: dict[str, bool] = {}
    for c in cands:
        if len(c.words) == 1:
            elsewhere[c.text] = elsewhere.get(c.text, False) or c.prev != "" or _keeps_capital(c)
    suspects = {w for w, kept in elsewhere.items() if not kept and w[:1].isupper() and w[1:].islower()}
    if not suspects:
        return cands
    wanted = {w.lower() for w in suspects}
    lower = {t.text for pb in parsed for t in pb.doc if t.text in wanted}  # not every word of a 2 MB text
    return [c for c in cands if not (c.text in suspects and c.text.lower() in lower)]


def _keeps_capital(c: Candidate) -> bool:
    if c.kind is EntityKind.PERSON:
        return True  # a surname written in lower case elsewhere ("putin" in a text of fragments) is still a name
    place = gazetteer.lookup(c.text)
    return c.kind is EntityKind.PLACE and place is not None and _well_known(place)


def _title_only(c: Candidate) -> bool:
    """A title the model took for an organisation: it opens or ends with a title noun, and holds
    no given name ("Police Commissioner Jane Doe" is someone) and no organisation noun."""
    words = [w.lower().rstrip(".,") for w in c.words]
    if not words or any(is_first_name(w) for w in c.words) or any(w in ORG_NOUNS for w in words):
        return False
    return words[0] in TITLE_NOUNS or words[-1] in TITLE_NOUNS


def _headings_agree(cands: list[Candidate], parsed: list[ParsedBlock]) -> list[Candidate]:
    """Headlines are set in title case, where the model finds names in common words ("Kogi Govt
    Denies Rumour", "Boks Win Big"). A name found only in a headline or subhead is kept when the
    body names it too, alone or inside a longer name ("Guardiola" / "Pep Guardiola"); otherwise
    it is dropped."""
    if not enabled("entities.headings_agree"):
        return cands
    spans = [(pb.offset, pb.end) for pb in parsed if pb.block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING)]
    if not spans:
        return cands
    in_heading = [any(lo <= c.start < hi for lo, hi in spans) for c in cands]
    body = [c.key for c, h in zip(cands, in_heading, strict=True) if not h]
    if not body:
        return cands  # a text that is all headings: nothing to check against
    body_keys = [f" {k} " for k in body]

    def named_in_body(key: str) -> bool:
        return any(f" {key} " in k for k in body_keys)

    # A place the gazetteer knows is a place wherever it is named ("Quake hits Christchurch"),
    # and an acronym is a name in any case.
    return [
        c
        for c, h in zip(cands, in_heading, strict=True)
        if not h
        or named_in_body(c.key)
        or (c.kind is EntityKind.PLACE and gazetteer.lookup(c.text))
        or (c.text.isupper() and len(c.text) <= 6)  # "EU", "NATO": headlines abbreviate, title case does not make these
    ]


def _trim_to_known_names(cands: list[Candidate]) -> None:
    """ "George Floyd Reacts", "Happy Mary Keitany", "Barrister Gabrielle Bashir": a headline's
    title-case words or a role glued to a name the article writes elsewhere; cut to that name
    so headline and body agree."""
    known = {c.text for c in cands if c.kind is EntityKind.PERSON and 2 <= len(c.words) <= 3}
    for c in cands:
        words = c.words
        if c.kind is not EntityKind.PERSON or len(words) < 3 or c.text != " ".join(words):
            continue
        runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i + 1, -1) if j - i < len(words)]
        run = next((r for r in sorted(runs, key=len, reverse=True) if r in known), None)
        if run is not None and words[-1] in GENERATION_SUFFIXES and enabled("clustering.generation"):
            run = None  # "Michael Brown Sr" is not the "Michael Brown" named elsewhere: his son
        if run is not None and not c.text.startswith(run):
            dropped = c.text[: c.text.index(run)].split()
            if any(is_first_name(w) or w.lower() in NAME_PARTICLES for w in dropped):
                run = None  # "Andrés Manuel López Obrador" is the full name of "López Obrador"
        if run is not None:
            offset = c.text.index(run)
            c.start, c.end, c.text = c.start + offset, c.start + offset + len(run), run


def _generic(c: Candidate) -> bool:
    """ "Federal Government", "Cabinet", "ICU": a body or a thing with no name of its own."""
    if c.kind is not EntityKind.ORGANIZATION:
        return False
    return c.text in THING_ACRONYMS or all(w.lower() in GENERIC_BODY_WORDS for w in c.words)


def _without_events(cands: list[Candidate]) -> list[Candidate]:
    """Storms, races, games and diseases are not entities: "Typhoon Mangkhut", "London
    Marathon", "Covid-19"; nor is the storm's own name where it later stands alone."""
    things = enabled("entities.thing_names")
    events = [
        c
        for c in cands
        if any(w.lower() in EVENT_WORDS for w in c.words) or (things and len(c.words) > 1 and c.words[-1] in THING_LAST_WORDS)
    ]
    # `c in events` looked through the whole list per candidate: quadratic on a long text.
    # Equal candidates share their offsets, so only those at the same place are compared.
    at: dict[tuple[int, int], list[Candidate]] = {}
    for c in events:
        at.setdefault((c.start, c.end), []).append(c)

    def is_event(c: Candidate) -> bool:
        return c in at.get((c.start, c.end), ())

    storm_names = {w for c in events for w in c.words if w.lower() not in EVENT_WORDS}
    storm_names -= {w for c in cands if not is_event(c) for w in c.words if gazetteer.lookup(w)}
    return [c for c in cands if not is_event(c) and not (len(c.words) == 1 and c.words[0] in storm_names)]


def _about_sport(parsed: list[ParsedBlock]) -> bool:
    """A match report: at least four words of sport, of three kinds ("wickets", "Test", "coach")."""
    seen = [t.lower_ for pb in parsed for t in pb.doc if t.lower_ in SPORT_WORDS]
    return len(seen) >= 4 and len(set(seen)) >= 3


def _sides(cands: list[Candidate]) -> None:
    """In a match report, a country or city that acts as a side is the team, an organisation:
    every mention of it, except those that put something in it ("a series win in South Africa"),
    where it stays the place. Nicknames the model calls places ("the Proteas beat") go too."""
    acting = {c.key for c in cands if c.kind is EntityKind.PLACE and c.team_cue and _side_shaped(c)}
    for c in cands:
        if c.key in acting and (c.team_cue or c.prev not in SITE_PREPOSITIONS):
            c.kind = EntityKind.ORGANIZATION


def _side_shaped(c: Candidate) -> bool:
    """A side bears a place's name or a plural nickname ("Proteas"); "Rabada" is neither."""
    return gazetteer.lookup(c.text) is not None or (c.words[-1].endswith("s") and len(c.words[-1]) > 4)


def firm_key(text: str) -> str | None:
    """The key of a company's name without its legal form ("Rio Tinto Ltd" -> "rio tinto"), when
    two words or more are left (a one-word rest may be anybody's surname)."""
    words = text.split()
    while len(words) > 2 and words[-1] in LEGAL_FORMS:
        words.pop()
    return normalise(" ".join(words)) if len(words) < len(text.split()) else None


def _make_consistent(cands: list[Candidate], person_words: set[str]) -> None:
    """One written form, one kind across the document: the majority wins; ties go to the
    gazetteer for places and to name parts for people. A company's name without its legal form
    is the company ("Rio Tinto" after "Rio Tinto Ltd", which the model may call a person)."""
    firms = {firm_key(c.text) for c in cands if c.kind is EntityKind.ORGANIZATION} - {None}
    votes: dict[str, Counter[EntityKind]] = {}
    for c in cands:
        if c.key in firms:
            c.kind = EntityKind.ORGANIZATION
        assert c.kind is not None
        votes.setdefault(c.key, Counter())[c.kind] += 1
    for c in cands:
        counter = votes[c.key]
        if len(counter) < 2:
            continue
        ranked = counter.most_common()
        best, n = ranked[0]
        tied = [k for k, m in ranked if m == n]
        if len(tied) > 1:
            if c.text in person_words and EntityKind.PERSON in tied:
                best = EntityKind.PERSON
            elif gazetteer.lookup(c.text) and EntityKind.PLACE in tied:
                best = EntityKind.PLACE
        c.kind = best


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
