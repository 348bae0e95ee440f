"""What the dependency parse says about a phrase: speech verbs and their subjects, noun-phrase
bounds, how prominent a mention is, and what a description tells about the one it describes.

Functions of tokens only: no discourse state (that is `referents`), no decisions (`attribution`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .lexicon import (
    ADDRESSEE_VERBS,
    ANAPHORIC_ORG_NOUNS,
    COMPANY_SUFFIXES,
    CUE_VERBS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    FEMALE_WORDS,
    ISSUING_VERBS,
    MALE_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PHRASAL_SPEECH,
    POSTNOMINALS,
    QUESTIONING_VERBS,
    ROLE_CLASSES,
    SPEECH_VERBS,
    SPOKEN_OF_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_NOUNS,
    TITLE_PREFIXES,
)
from .rules import enabled

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Links along which a verb without its own subject shares its head's: "and added",
# "went on to say", "adding that", "was quoted as saying".
_SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"})  # acomp: "was keen to stress"
# Parts of a noun phrase left out of a short description.
_NOT_IN_DESCRIPTION = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl"})

# How prominent a mention is, for pronouns: the speaker of a speech verb, the subject of the
# main clause, the subject of an embedded clause, anything else.
SPEAKER, MAIN_SUBJECT, SUBJECT, OTHER = 3, 2, 1, 0


def is_speech_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return True
    if lemma in CUE_VERBS and _just_after_quote(tok):
        return True
    if lemma == "read" and enabled("cue.read"):
        # "the statement read", "It read:", "which read": a text's words; not "she read a poem".
        return any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in DOCUMENT_NOUNS or c.lower_ in ("it", "which", "that"))
            for c in tok.children
        )
    if lemma == "put" and any(c.lower_ == "it" for c in tok.children) and any(c.lower_ == "as" for c in tok.children):
        return True  # "as he puts it"
    if quoted_as_saying(tok):
        return True
    return any((lemma, c.lower_) in PHRASAL_SPEECH for c in tok.children if c.dep_ == "prt")


def _just_after_quote(tok: Token) -> bool:
    """ "…," accepted Farrell / "…," he continued: a closing mark within the three tokens
    before the verb, with only punctuation or the subject between."""
    doc = tok.doc
    for j in range(tok.i - 1, max(-1, tok.i - 4), -1):
        t = doc[j]
        if t.is_quote:
            return True  # a verb inside the quote (after its opening mark) is never a cue anyway
        if not (t.is_punct or t.dep_ in ("nsubj", "nsubjpass") or t.pos_ in ("PRON", "PROPN")):
            return False
    return False


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
    if verb.tag_ == "VBG" and verb.i > 0 and verb.nbor(-1).pos_ == "PROPN" and verb.nbor(-1).ent_type_ not in ("DATE", "TIME"):
        return verb.nbor(-1)  # "with Senator Ruth Okafor saying"; not "a statement on Wednesday saying"
    if quoted_as_saying(verb):
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if quoted is not None:
            return quoted  # "Reuters quoted Dario Belmonte as saying": Belmonte, not Reuters
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if len(subjects) > 1 and tok.lemma_.lower() in ADDRESSEE_VERBS and enabled("subject.not_listener"):
            # "X, who runs the unit, told CTV Vancouver": the parser may make the listener a
            # second subject; whoever is told comes after the verb.
            subjects = [c for c in subjects if c.i < tok.i] or subjects
        if subjects:
            # Two subjects ("Supporters' trust chair Julie Barnes said", "OSLO (AP) - Norwegian
            # group Nordvik said"): the one nearest the verb.
            subject = min(subjects, key=lambda c: abs(tok.i - c.i))
            if subject.head.i == tok.i and spoken_of(subject):
                # "Knowles has been described as '…' by his family": the agent speaks. With no
                # agent the subject is kept, and the cue credits no one (tui.analysis.quotes).
                return _passive_agent(tok) or subject
            if subject.tag_ in ("WDT", "WP") and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
                return tok.head  # "a police statement that said '…'", "Jones, who called it '…'"
            if subject.tag_ == "VBG" and tok.dep_ == "ROOT" and enabled("subject.participle_opening"):
                # "Writing on Twitter, Hazel Dunn, who works in Leeds, said:" parsed with "Writing"
                # as the subject and the writer hung on "Twitter"
                return stray_subject(tok) or subject
            return subject
        if tok is verb:
            # "said Rubio" is sometimes parsed with the name as an object.
            for child in tok.rights:
                if child.dep_ in ("dobj", "attr", "npadvmod") and _inverted_speaker(child, tok):
                    # Only right after a quote or a comma: "…," said Rubio.
                    # Not "told AFP": a listener, except a person noun ending the sentence ("asked the judge.").
                    addressee = tok.lemma_.lower() in ADDRESSEE_VERBS and child.pos_ == "PROPN"
                    if not addressee and tok.i > 0 and tok.nbor(-1).is_punct:
                        return child
        if tok.dep_ not in _SHARED_SUBJECT_DEPS or tok.head.i == tok.i:
            return stray_subject(tok)
        tok = tok.head
    return None


def spoken_of(subject: Token) -> bool:
    """The subject of a passive speech verb about someone: "Knowles has been described as",
    "we were told". Not its speaker."""
    return subject.dep_ == "nsubjpass" and subject.head.lemma_.lower() in SPOKEN_OF_VERBS and enabled("cue.passive_agent")


def quoted_as_saying(verb: Token) -> bool:
    """ "Reuters quoted Dario Belmonte as saying", "Colonel Amsel was quoted as saying": the one quoted speaks."""
    return (
        verb.lemma_.lower() == "quote"
        and enabled("cue.quoted_as_saying")
        and any(c.lower_ == "as" and any(g.tag_ == "VBG" for g in c.children) for c in verb.children)
    )


def _passive_agent(verb: Token) -> Token | None:
    """Who does the speaking in a passive: "by his family", also where the parser hung the "by"
    on the quoted words ("described as a "gentle giant" by his neighbours")."""
    bys = [t for t in verb.subtree if t.lower_ == "by" and t.dep_ in ("agent", "prep")]
    bys.sort(key=lambda t: (t.dep_ != "agent" or t.head.i != verb.i, -t.i))
    for by in bys:
        obj = next((o for o in by.children if o.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
            return obj
    return None


def _inverted_speaker(child: Token, verb: Token) -> bool:
    """The name after the verb in ""…," said Rubio", or a person noun with a name in
    apposition: ""…." recalled her daughter, Alison Godin" (both parsed as objects)."""
    if child.pos_ == "PROPN":
        if child.ent_type_ in ("DATE", "TIME") and enabled("subject.not_date"):
            return False  # "the sale, announced Tuesday, includes"
        return child.left_edge.i == verb.i + 1  # "said Rubio", "opened Minister Jo Creed"
    if child.pos_ != "NOUN" or child.i - verb.i > 4 or not is_role(child.lemma_.lower()):
        return False
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in child.children):
        return True
    # ""…?" asked the judge.": a definite person noun ending the sentence.
    ends = child.i + 1 >= len(child.doc) or child.nbor(1).text in (".", "!", "?")
    return ends and any(c.dep_ == "det" and c.lower_ == "the" for c in child.children)


def is_rank_abbreviation(tok: Token) -> bool:
    """ "Const.", "Sgt.", "Gov.": an abbreviated title kept as one token, which ends whatever
    name comes before it ("Ontario Provincial Police Const. Kelly Daniels")."""
    return tok.text.endswith(".") and tok.lower_.rstrip(".") in TITLE_ABBREVIATIONS


def is_postnominal(word: str) -> bool:
    """ "QC", "TD", "M.P.": letters after a name that say an office or a rank."""
    return word.replace(".", "") in POSTNOMINALS


def stray_subject(verb: Token) -> Token | None:
    """A main verb the parser left without a subject ("In the village of X, a 67-year-old
    farmer stood", with the farmer hung on the place): the person noun just before it."""
    if verb.dep_ != "ROOT":
        return None
    names = enabled("subject.stray_name")
    for t in reversed(list(verb.doc[verb.sent.start : verb.i])):
        if _name_right_before(t, verb) and enabled("subject.stray_name_before"):
            return t  # "… linked to fund flows, Ravi Menon, managing director at the bank, said"
        if names and _in_noun_clause(t, verb):
            continue  # "the squad and Okafor, who will now retire, told Harbour Radio"
        if t.dep_ in ("appos", "conj") and (
            (t.pos_ == "NOUN" and (t.lemma_.lower() in PERSON_NOUNS or _numbered(t)))
            or (names and t.pos_ == "PROPN" and t.ent_type_ == "PERSON")
        ):
            return t
        if t.i == verb.i - 1 and t.dep_ == "pobj" and t.ent_type_ == "PERSON" and enabled("subject.stray_pobj"):
            return t  # "At a press conference on Friday Minister Ashworth says": parsed "on … Ashworth"
        if t.pos_ == "VERB":
            return None
    return None


def _name_right_before(t: Token, verb: Token) -> bool:
    """A person's name whose phrase (", managing director at the bank,") ends right before the
    verb, whatever clause the parser hung it in."""
    if t.pos_ != "PROPN" or t.ent_type_ != "PERSON" or t.dep_ not in ("appos", "conj") or t.right_edge.i >= verb.i:
        return False
    return all(w.is_punct for w in t.doc[t.right_edge.i + 1 : verb.i]) and t.doc[t.right_edge.i].is_punct


def _numbered(noun: Token) -> bool:
    """ "a 67-year-old farmer" (a number in the phrase); with `subject.age_only`, only an age: "an
    800-pupil comprehensive" is a school."""
    words = list(noun.subtree)
    if enabled("subject.age_only"):
        return age_of(words) is not None
    return any(c.like_num for c in words)


def _in_noun_clause(tok: Token, verb: Token) -> bool:
    """Inside a clause that describes a noun ("who will now leave his role"), below `verb`."""
    for a in (tok, *tok.ancestors):
        if a.i == verb.i:
            return False
        if a.dep_ in ("relcl", "acl") and a.head.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def np_bounds(head: Token) -> tuple[int, int]:
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


def salience(tok: Token) -> int:
    t = tok
    while t.dep_ in ("compound", "flat", "appos") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "ROOT" and t.pos_ in ("PROPN", "NOUN"):
        return MAIN_SUBJECT  # "Okafor, who joined ..., levelled": a fragment parse
    if enabled("salience.asked") and _in_question(t):
        return OTHER  # "When asked if Mr Doran was involved, he said": the topic, not "he"
    if enabled("salience.addressee") and _asked(t):
        return SPEAKER  # "Judge Price asked Dunn if he had discussed the case, he replied"
    if t.dep_ == "poss" and t.head.dep_ in SUBJECT_DEPS:
        return SUBJECT  # "Salem's family is staying with relatives. He says ..."
    if t.dep_ not in SUBJECT_DEPS:
        return OTHER
    verb = t.head
    if is_speech_verb(verb) and not (t.dep_ == "nsubjpass" and enabled("salience.passive")):
        return SPEAKER  # not "Milligan was dismissed", "she was asked": the one spoken of or to
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return MAIN_SUBJECT if verb.dep_ == "ROOT" else SUBJECT


def _in_question(tok: Token) -> bool:
    """Inside the question a verb of asking puts: "Pressed on whether Frost knew", "asked
    if Mr Doran was involved" (not a request: "asked the army to be ready")."""
    t = tok
    while t.head.i != t.i:
        if t.head.lemma_.lower() in QUESTIONING_VERBS and t.i > t.head.i and _question(t):
            return True
        t = t.head
    return False


def _asked(tok: Token) -> bool:
    """The one a question is put to: "asked Dunn if he had", "asked the minister about it"."""
    verb = tok.head
    return (
        tok.dep_ == "dobj"
        and verb.lemma_.lower() in QUESTIONING_VERBS
        and any(_question(c) for c in verb.children if c.i > tok.i)
    )


def _question(clause: Token) -> bool:
    """A verb of asking's dependent that holds the question: "if/whether …", "what …", "about …"."""
    if clause.dep_ == "prep":
        return clause.lower_ in ("about", "on", "over")
    return clause.dep_ in ("ccomp", "advcl") and any(
        m.lower_ in ("if", "whether") or m.tag_ in ("WDT", "WP", "WRB") for m in clause.children
    )


def speech_salience(verb: Token) -> int:
    """A speech act in the main clause makes its speaker the most prominent person for a later
    "he said"; one in a subordinate clause ("Andrews hit out when a reporter suggested ...") does
    not outrank the main clause's subject. For a cue's speaker only: a name's own mention stays a
    speaker's wherever its verb is (giving it this too cost a blind quote, "with Dilkens saying")."""
    if not enabled("salience.subordinate"):
        return SPEAKER
    t = verb
    while t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
        t = t.head
    return SPEAKER if t.dep_ in ("ROOT", "parataxis") or _in_cue_position(verb) else SUBJECT


def _in_cue_position(verb: Token) -> bool:
    """ "…," he said / "…," said X: a cue beside a quote, whatever the parser made of it."""
    doc = verb.doc
    return any(doc[j].is_quote for j in range(max(0, verb.i - 3), verb.i)) or any(c.is_quote for c in verb.children)


def org_like(head: Token) -> bool:
    """An untagged name that behaves like an organisation: "Andes Mineral, which operates"."""
    if any(w.lemma_.lower() in ORG_NOUNS or w.text in COMPANY_SUFFIXES for w in head.subtree if w.pos_ in ("PROPN", "NOUN")):
        return True
    return any(c.dep_ == "relcl" and any(g.lower_ == "which" for g in c.children) for c in head.children)


def given_name(head: Token) -> Span | None:
    """The name in "who gave his name only as Serhiy" / "who gave only her first name, Rosa" /
    "identified herself as Esther Nathaniel" inside the description headed by `head`."""
    for v in head.subtree:
        if v.lemma_.lower() not in ("give", "identify", "use") or v.i < head.i:
            continue
        if v.lemma_.lower() != "identify" and not any(c.lemma_.lower() == "name" for c in v.children):
            continue
        for t in v.subtree:
            if t.pos_ == "PROPN" and (
                (t.dep_ == "appos" and t.head.lemma_.lower() == "name") or t.doc[t.left_edge.i - 1].lower_ == "as"
            ):
                while t.dep_ in ("compound", "flat") and t.head.pos_ == "PROPN" and t.head.i == t.i + 1:
                    t = t.head  # the whole name, not its first word
                return t.doc[t.left_edge.i : t.i + 1]
    return None


def under_phrase(t: Token, top: Token) -> bool:
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("prep", "pobj", "relcl", "acl", "poss"):
            return True
        t = t.head
    return False


def introduces_person(head: Token, depth: int = 0) -> bool:
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
        if depth == 0 and c.dep_ == "appos" and c.pos_ == "NOUN" and (is_role(c.lemma_.lower()) or introduces_person(c, 1)):
            return True
    return False


def appos_person(head: Token) -> Token | None:
    """ "One of them, a retired teacher": the apposition says who "one" is."""
    if head.lower_ not in ("one", "another", "some") or head.pos_ not in ("NUM", "PRON"):
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and (is_role(c.lemma_.lower()) or introduces_person(c)):
            return c
    return None


def may_be_speaker(tok: Token) -> bool:
    """A subject worth remembering though it does not speak yet: a person description
    ("a 67-year-old farmer stood"), a name followed by "who" that the NER missed."""
    if tok.pos_ == "NOUN":
        return (
            is_role(tok.lemma_.lower())
            or introduces_person(tok)
            or any(t.like_num for c in tok.lefts for t in c.subtree)
            or _introduces_group(tok)
        )
    if tok.pos_ == "PROPN":
        return introduces_person(tok)
    return appos_person(tok) is not None


def _introduces_group(tok: Token) -> bool:
    """ "A bipartisan group of senators issued a statement": a body introduced with "a", which a
    later "the group said" means (rather than the last organisation named)."""
    return tok.lemma_.lower() in ANAPHORIC_ORG_NOUNS and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def appos_lemmas(head: Token) -> list[str]:
    return [c.lemma_.lower() for c in head.children if c.dep_ == "appos"]


def gender_of_words(words: Iterable[str]) -> str | None:
    for w in words:
        w = w.rstrip(".")
        if w in FEMALE_WORDS:
            return "f"
        if w in MALE_WORDS:
            return "m"
    return None


def is_role(lemma: str) -> bool:
    return lemma in PERSON_NOUNS or lemma in ROLE_CLASSES


def age_of(words: list[Token]) -> str | None:
    text = "".join(t.text_with_ws for t in words).replace(" ", "")
    m = re.search(r"(\d{1,3})-year-old", text)
    return m.group(1) if m else None


def _prefixed(t: Token, word: str) -> str:
    """ "co-host" for the "host" of "his co-host": a title glued to a prefix that makes it another."""
    doc = t.doc
    if (
        t.i >= 2
        and doc[t.i - 1].text == "-"
        and not doc[t.i - 1].whitespace_
        and not doc[t.i - 2].whitespace_
        and doc[t.i - 2].lower_ in TITLE_PREFIXES
        and enabled("role.prefixed_title")
    ):
        return f"{doc[t.i - 2].lower_}-{word}"
    return word


def descriptors(tok: Token, org: bool = False) -> set[str]:
    """Words around a name that a later role noun may refer back to: "Ukrainian President",
    "Kremlin spokesman", ", 56,", ", the club's captain,"."""
    head = tok
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    out: set[str] = set()
    for child in head.lefts:
        for t in child.subtree:
            lemma = t.lemma_.lower()
            title = TITLE_ABBREVIATIONS.get(lemma.rstrip("."), lemma)  # "Gov." is "governor"
            title = _prefixed(t, title)
            # A title the NER took into the name ("Councillor Amos Tembe") is still a title.
            if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and (t.ent_type_ != "PERSON" or title in TITLE_NOUNS):
                out.add(title)
    for child in head.rights:
        if child.dep_ in ("appos", "nummod", "amod", "npadvmod"):
            for t in child.subtree:
                if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    out.add(_prefixed(t, t.lemma_.lower()))
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
            lo, hi = np_bounds(noun)
            for t in head.doc[lo:hi]:
                if (t.i < head.left_edge.i or t.i > head.right_edge.i) and t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    out.add(t.lemma_.lower())
    elif head.dep_ == "appos":
        for t in head.head.subtree:
            if t.i < head.left_edge.i or t.i > head.right_edge.i:
                if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                    out.add(_prefixed(t, t.lemma_.lower()))
    return out


def _at_most_words(words: list[Token], head: Token, limit: int) -> list[Token]:
    """`words` if they make at most `limit` words ("Norfolk-based" is one); else without what
    follows the head's first prepositional phrase ("the three judges of the San Francisco-based
    9th U.S. Circuit Court of Appeals" is "three judges"), and at most `limit` words still."""

    def cut(ts: list[Token]) -> list[Token]:
        """The tokens of the first `limit` words (a word ends at a token followed by a space)."""
        n = 1
        for k, t in enumerate(ts):
            if t.whitespace_ and k + 1 < len(ts):
                n += 1
                if n > limit:
                    return ts[: k + 1]
        return ts

    if len(cut(words)) < len(words):
        prep = next((c for c in head.rights if c.dep_ == "prep"), None)
        if prep is not None:
            words = [t for t in words if t.i < prep.left_edge.i]
    return cut(words)


def description(words: list[Token], head: Token) -> str:
    """ "a 44-year-old serviceman" -> "44-year-old serviceman"; "one victim, an 84-year-old
    widow" keeps the apposition, which says more than the head noun; at most ten words."""
    while (
        words
        and words[0].i != head.i
        and (words[0].lower_ in DETERMINERS or (words[0].dep_ == "poss" and words[0].pos_ == "PRON"))
    ):
        if words[0].lower_ == "another" and enabled("description.another"):
            break  # "another resident" is not the resident quoted before
        words = words[1:]
    marks = [k for k, t in enumerate(words) if t.is_quote and t.i < head.i]
    if marks:  # the parse hung the quote on the phrase: '"…," one resident said'
        words = words[marks[-1] + 1 :]
        while words and (words[0].is_punct or words[0].lower_ in DETERMINERS):
            words = words[1:]
    clause = next((t for t in words if t.dep_ in ("acl", "relcl") and t.i > head.i), None)
    if clause is not None:  # "group of 22 senators working on the deal": the group, not the clause
        words = [t for t in words if t.i < clause.left_edge.i]
    # "a group of senators on Wednesday afternoon", "a 14-year-old boy – with the pseudonym …":
    # when and asides are not part of who.
    cut = next(
        (
            t.left_edge.i if t.dep_ == "prep" else t.i
            for t in words
            if t.i > head.i
            and ((t.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in t.subtree)) or t.text in ("–", "—", "("))
        ),
        None,
    )
    if cut is not None:
        words = [t for t in words if t.i < cut]
    if enabled("description.whole_words"):
        words = _at_most_words(words, head, 10)
    else:
        words = words[:8]
    text = "".join(t.text_with_ws for t in words).strip()
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            a_lo, a_hi = np_bounds(child)  # without its "who ..." clause
            appos = list(head.doc[a_lo:a_hi])
            while appos and appos[0].lower_ in DETERMINERS:
                appos = appos[1:]
            if appos and len(appos) <= 9:
                text += ", " + "".join(t.text_with_ws for t in appos).strip()
            break
    return text


def issuer_of(document: Token) -> Token | None:
    """Who put a document out, where the words around it say so: "the FAA released a statement
    which read", "a statement released by Trafford Council read", "a post on the department's
    Facebook page said"."""
    verb = document.head
    if _issued(document):
        return subject_of(verb)
    for child in document.children:
        if child.dep_ == "acl" and child.lemma_.lower() in ISSUING_VERBS:
            for by in child.children:
                if by.dep_ == "agent" or (by.dep_ == "prep" and by.lower_ == "by"):
                    return next((o for o in by.children if o.dep_ == "pobj"), None)
        if child.dep_ == "prep" and child.lower_ == "on":
            for page in child.children:
                owner = next((o for o in page.children if o.dep_ == "poss"), None)
                if page.dep_ == "pobj" and owner is not None:
                    return owner
    return None


def issues_document(subject: Token) -> bool:
    """ "His family issued a statement", "the FAA released a statement": the subject of a verb
    that puts a document out."""
    return any(_issued(c) for c in subject.head.children)


def _issued(document: Token) -> bool:
    return document.dep_ == "dobj" and document.lemma_.lower() in DOCUMENT_NOUNS and document.head.lemma_.lower() in ISSUING_VERBS
