"""Mentions to entities: one entity per real-world person, place or organisation."""

from __future__ import annotations

import bisect

from ..model import Entity, EntityKind, Mention
from . import gazetteer
from .entities import Candidate, firm_key, normalise
from .lexicon import FEMALE_WORDS, GENERATION_SUFFIXES, HONORIFICS, KIN_NOUNS, MALE_WORDS, NAME_FUNCTION_WORDS, TITLE_NOUNS
from .names import sex_of_name, surname_core, title_case
from .rules import enabled


class _Cluster:
    def __init__(self, kind: EntityKind, key: str) -> None:
        self.kind = kind
        self.key = key
        self.place: gazetteer.Place | None = None
        self.cands: list[Candidate] = []
        self.starts: list[int] = []  # sorted starts of cands, for last_before()
        self.name_words: list[str] = []

    def add(self, cand: Candidate, words: list[str] | None = None) -> None:
        self.cands.append(cand)
        bisect.insort(self.starts, cand.start)
        if words is not None and len(words) > len(self.name_words):
            self.name_words = words

    def last_before(self, offset: int) -> int:
        """Start of the latest mention before `offset`, or -1. A bisection, not a scan: a
        scan per short name made clustering quadratic (46 s on a 1 MB text)."""
        i = bisect.bisect_left(self.starts, offset)
        return self.starts[i - 1] if i else -1


def _name_words(text: str) -> list[str]:
    words = text.replace("’s", "").split()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    while len(words) > 1 and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in TITLE_NOUNS):
        words = words[1:]
    return words


def _same_surname(a: str, b: str) -> bool:
    """ "Musallam al-Barrack" is "Al-Barrack" too."""
    return a == b or surname_core(a) == surname_core(b)


def _surname(words: list[str]) -> str:
    """The last word of a name, past a generation: "Brown" of "Michael Brown Sr"."""
    if len(words) > 2 and words[-1] in GENERATION_SUFFIXES and enabled("clustering.generation"):
        return words[-2]
    return words[-1]


def _same_generation(a: list[str], b: list[str]) -> bool:
    """ "Michael Brown Sr" is the father of "Michael Brown", not him."""
    if not enabled("clustering.generation"):
        return True
    return (a[-1] if a[-1] in GENERATION_SUFFIXES else "") == (b[-1] if b[-1] in GENERATION_SUFFIXES else "")


def _contains_run(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _compatible_first(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _people(cands: list[Candidate], body_start: int = 0) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    singles: list[Candidate] = []
    for c in cands:
        words = _name_words(c.text)
        if len(words) < 2:
            singles.append(c)
            continue
        home = next(
            (
                k
                for k in clusters
                if _same_surname(_surname(k.name_words), _surname(words))
                and _compatible_first(k.name_words[0], words[0])
                and _same_generation(k.name_words, words)
            ),
            None,
        ) or next(
            # "López Obrador" after "Andrés Manuel López Obrador"
            (k for k in clusters if len(k.name_words) > len(words) and _contains_run(k.name_words, words)),
            None,
        )
        if home is None:
            home = _Cluster(EntityKind.PERSON, " ".join(words).lower())
            clusters.append(home)
        home.add(c, words)
    # Everyone named in full so far, by surname: a lookup, not a scan of every cluster per bare
    # name (a scan made clustering quadratic on a 1 MB text).
    bearers: dict[str, list[_Cluster]] = {}
    for k in clusters:
        bearers.setdefault(surname_core(_surname(k.name_words)), []).append(k)
    # The body's bare surnames first, in text order: a headline's "Netanyahu" is whoever the
    # body means by it.
    bare = _named_alone_first(singles, bearers, body_start) if enabled("clustering.shared_surname") else {}
    alone = {(_name_words(c.text) or c.words)[0] for c in singles}  # "Chase", "Sweetwood": words used alone
    for c in sorted(singles, key=lambda c: (c.start < body_start, c.start)):
        words = _name_words(c.text) or c.words
        word = words[0]
        options = list(bearers.get(surname_core(word), ()))
        if enabled("clustering.shared_surname"):
            known = bare.get(surname_core(word))
            if known is not None and not known.cands:
                clusters.append(known)
            if known is not None:
                (_by_honorific_or_title(c, options) or known).add(c, words)
                continue
            if len(options) > 1:
                _principal(c, options, alone).add(c)
                continue
        if not options:
            options = [k for k in clusters if word in k.name_words]
        if options:
            before = [k for k in options if k.last_before(c.start) >= 0]
            pool = before or options
            # The most recently mentioned candidate wins: "Mr Smith" refers to the Smith just named.
            home = max(pool, key=lambda k: (k.last_before(c.start), len(k.cands)))
            home.add(c)
        else:
            home = _Cluster(EntityKind.PERSON, word.lower())
            home.add(c, words)
            clusters.append(home)
    return clusters


def _named_alone_first(singles: list[Candidate], bearers: dict[str, list[_Cluster]], body_start: int) -> dict[str, _Cluster]:
    """Surnames the body uses alone, twice or more, before anyone bearing them is named in full:
    that is someone of their own ("Netanyahu says …" long before "Sara Netanyahu"), not the
    relative named later. Once only, or "the Petit family", proves nothing."""
    counts: dict[str, int] = {}
    for c in singles:
        if c.start < body_start or c.determined:
            continue
        core = surname_core((_name_words(c.text) or c.words)[0])
        named = bearers.get(core, [])
        if named and all(k.starts[0] > c.start for k in named):
            counts[core] = counts.get(core, 0) + 1
    return {core: _Cluster(EntityKind.PERSON, core.lower()) for core, n in counts.items() if n >= 2}


def _by_honorific_or_title(c: Candidate, bearers: list[_Cluster]) -> _Cluster | None:
    """The one bearer a "Mrs" or "Mr" fits by sex, or the one the text gave the same title
    ("Speaker Adams" after "Speaker Adrienne Adams", with "Mayor Eric Adams" about)."""
    first = (c.text.split()[0] if len(c.text.split()) > 1 else c.prev).lower().rstrip(".")
    sex = "f" if first in FEMALE_WORDS else "m" if first in MALE_WORDS else None
    if sex is not None:
        fitting = [k for k in bearers if sex_of_name(" ".join(k.name_words)) == sex]
        if len(fitting) == 1:
            return fitting[0]
    if first in TITLE_NOUNS:
        titled = [k for k in bearers if any(_titled(m, first) for m in k.cands)]
        if len(titled) == 1:
            return titled[0]
    return None


def _titled(c: Candidate, title: str) -> bool:
    return c.prev == title or c.text.split()[0].lower().rstrip(".") == title


def _principal(c: Candidate, bearers: list[_Cluster], alone: set[str]) -> _Cluster:
    """Which of several people sharing a surname a bare "Hayman" means: the one a "Mrs" or a
    title fits; else the one named most recently, unless that one came in as someone's relative
    ("father of Inbar Hayman", "his son Dallas Warner") or is called by the given name alone
    elsewhere ("Chase was one of nine"): a story keeps the bare surname for the other one."""
    fitting = _by_honorific_or_title(c, bearers)
    if fitting is not None:
        return fitting
    principals = [k for k in bearers if not _as_relative(min(k.cands, key=lambda m: m.start))] or bearers
    if enabled("clustering.given_name_alone"):
        principals = [k for k in principals if k.name_words[0] not in alone or len(k.name_words) < 2] or principals
    before = [k for k in principals if k.last_before(c.start) >= 0] or principals
    return max(before, key=lambda k: (k.last_before(c.start), len(k.cands)))


def _as_relative(c: Candidate) -> bool:
    return c.prev in KIN_NOUNS or (c.prev == "of" and c.prev2 in KIN_NOUNS) or (c.kin and enabled("clustering.kin_parse"))


def _by_key(cands: list[Candidate], kind: EntityKind) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    for c in cands:
        key = c.key
        if kind is EntityKind.ORGANIZATION:
            key = firm_key(c.text) or key  # "Rio Tinto Ltd" and "Rio Tinto" are one
        if kind is EntityKind.PLACE:
            place = gazetteer.lookup_any_case(c.text)
            if place is not None:
                key = place.key
        home = clusters.get(key)
        if home is None:
            home = clusters[key] = _Cluster(kind, key)
            if kind is EntityKind.PLACE:
                home.place = place
        words = _display_words(c.text)
        # Prefer "Frankfurt" to the dateline's "FRANKFURT" when both are written.
        if home.name_words and len(words) == len(home.name_words) and " ".join(home.name_words).isupper():
            home.name_words = []
        home.add(c, words)
    return list(clusters.values())


def _display_words(text: str) -> list[str]:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return words


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in NAME_FUNCTION_WORDS and w[:1].isupper())


def _merge_acronyms(clusters: list[_Cluster]) -> list[_Cluster]:
    """ "CIA" joins "Central Intelligence Agency" when both are in the document."""
    by_initials: dict[str, _Cluster] = {}
    for k in clusters:
        if len(k.name_words) > 1:
            by_initials.setdefault(_initials(k.name_words), k)
    out = []
    for k in clusters:
        name = " ".join(k.name_words).replace(".", "")
        target = by_initials.get(name) if name.isupper() and 2 <= len(name) <= 6 else None
        if target is not None and target is not k:
            target.cands.extend(k.cands)
        else:
            out.append(k)
    return out


def _merge_name_parts(clusters: list[_Cluster]) -> list[_Cluster]:
    """ "Inter" joins "Inter Milan" and "the Commission" joins "European Commission", when exactly
    one longer name in the document starts (or, after "the", ends) with that word."""
    out = []
    for k in clusters:
        target = None
        if len(k.name_words) == 1:
            word = k.name_words[0]
            after_the = any(c.determined for c in k.cands)
            options = [
                o
                for o in clusters
                if len(o.name_words) > 1 and (word == o.name_words[0] or (after_the and word == o.name_words[-1]))
            ]
            if len(options) == 1:
                target = options[0]
        if target is not None:
            target.cands.extend(k.cands)
        else:
            out.append(k)
    return out


def _display_name(k: _Cluster) -> str:
    name = " ".join(k.name_words)
    # Written only as "US" or "U.K.": the gazetteer's name is the fuller form.
    if k.place is not None and name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4:
        return k.place.name
    # A place known only from an all-capitals dateline ("DERNA") is named "Derna".
    if name.isupper() and len(name) > 4 and all(c.label == "DATELINE" or c.text.isupper() for c in k.cands):
        return title_case(name)
    return name


def cluster(cands: list[Candidate], body_start: int = 0) -> list[Entity]:
    """`body_start`: where the text after the headline begins."""
    by_kind: dict[EntityKind, list[Candidate]] = {k: [] for k in EntityKind}
    for c in cands:
        assert c.kind is not None
        by_kind[c.kind].append(c)
    clusters = (
        _people(by_kind[EntityKind.PERSON], body_start)
        + _by_key(by_kind[EntityKind.PLACE], EntityKind.PLACE)
        + _merge_name_parts(_merge_acronyms(_by_key(by_kind[EntityKind.ORGANIZATION], EntityKind.ORGANIZATION)))
    )
    for k in clusters:
        k.cands.sort(key=lambda c: c.start)
    clusters.sort(key=lambda k: k.cands[0].start)
    counters = {k: 0 for k in EntityKind}
    entities = []
    for k in clusters:
        counters[k.kind] += 1
        name = _display_name(k) or normalise(k.cands[0].text)
        mentions = [Mention(c.start, c.end, c.text) for c in k.cands]
        entities.append(Entity(f"{k.kind.value}-{counters[k.kind]}", k.kind, name, mentions))
    return entities
