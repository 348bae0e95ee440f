"""A small learned scorer for one choice the rules make among earlier people: whom "he"/"she"
(the subject of a speech verb or a sentence) refers to.

The candidates are the people the discourse history offers within `REACH` sentences, of a
gender the pronoun allows. Each is described by a few facts the engine already knows (how far
back and how prominent its latest mention is, whether it was the last one quoted, whether the
hand rule would pick it, ...); a linear score over those facts picks one. The weights are
learned from the hand-annotated real-news batches by `benchmarks/train_ranker.py`, which calls
`pronoun_candidates` itself, through `tracing`, so training and inference share one feature
function. Inference is deterministic: the highest score wins, the hand rule's pick and then the
latest mention on a tie.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from ..model import SpeakerKind
from .names import is_first_name
from .referents import Referent, Referents, Seen, by_prominence
from .syntax import MAIN_SUBJECT, SPEAKER, SUBJECT

T = TypeVar("T")
REACH = 6  # sentences back, as far as the hand rule looks
WEIGHTS_FILE = "ranker_weights.json"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One earlier person a pronoun may mean, its latest mention in reach, and its facts."""

    referent: Referent
    seen: Seen
    features: dict[str, float]


@dataclass(frozen=True, slots=True)
class Decision:
    """What `tracing` records for training: which choice ("pronoun" or "inherit"), where (the
    pronoun, or the quote's start), and each candidate's name (None: nobody) and facts."""

    kind: str
    offset: int
    names: tuple[str | None, ...]
    features: tuple[dict[str, float], ...]


_TRACE: ContextVar[list[Decision] | None] = ContextVar("ranker_trace", default=None)
_WEIGHTS: ContextVar[dict[str, dict[str, float]] | None] = ContextVar("ranker_weights", default=None)


@contextmanager
def tracing(weights: dict[str, dict[str, float]] | None = None) -> Iterator[list[Decision]]:
    """Record every pronoun decision made inside the block; with `weights`, score with them
    instead of the shipped ones ({} makes every score 0, so the hand rule's pick wins)."""
    out: list[Decision] = []
    t1 = _TRACE.set(out)
    t2 = _WEIGHTS.set(weights)
    try:
        yield out
    finally:
        _TRACE.reset(t1)
        _WEIGHTS.reset(t2)


@cache
def shipped_weights() -> dict[str, dict[str, float]]:
    data: dict[str, Any] = json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    return {str(kind): {str(k): float(v) for k, v in w.items()} for kind, w in data.items()}


def weights(kind: str) -> dict[str, float]:
    override = _WEIGHTS.get()
    return (shipped_weights() if override is None else override).get(kind, {})


def score(features: dict[str, float], w: dict[str, float]) -> float:
    return sum(w.get(name, 0.0) * value for name, value in features.items())


def pronoun_candidates(refs: Referents, offset: int, sentence: int, gender: str, paragraph_start: int) -> list[Candidate]:
    """The people "he"/"she" at `offset` may mean, with their facts; recorded when tracing."""
    want = _fits(gender)
    rule = refs.search_back(offset, sentence, by_prominence(want, sentence))
    history = refs.sightings(offset, sentence, 10**9)  # as far back as the history keeps
    mentions: dict[int, int] = {}
    for item in history:
        mentions[id(item.referent)] = mentions.get(id(item.referent), 0) + 1
    reach = [item for item in history if sentence - item.sentence <= REACH]
    last_speaker = next((i.referent for i in reach if i.salience >= SPEAKER), None)
    last_quoted_ever = next((i.referent for i in history if i.salience >= SPEAKER and want(i.referent)), None)
    last_main = next((i.referent for i in reach if i.salience >= MAIN_SUBJECT), None)
    latest: dict[int, list[Seen]] = {}
    for item in reach:
        if want(item.referent):
            latest.setdefault(id(item.referent), []).append(item)
    most = max((mentions[k] for k in latest), default=0)
    out = []
    for rank, items in enumerate(latest.values()):
        seen, ref = items[0], items[0].referent
        back = sentence - seen.sentence
        f = {
            "rule_pick": float(rule is not None and rule.referent is ref),
            "nearest": float(rank == 0),
            "second": float(rank == 1),
            "same_sentence": float(back == 0),
            "one_back": float(back == 1),
            "two_three_back": float(2 <= back <= 3),
            "far_back": float(back >= 4),
            "same_paragraph": float(seen.offset >= paragraph_start),
            "latest_speaker": float(seen.salience >= SPEAKER),
            "latest_main": float(seen.salience == MAIN_SUBJECT),
            "latest_subject": float(seen.salience == SUBJECT),
            "quoted_in_reach": float(any(i.salience >= SPEAKER for i in items)),
            "main_in_reach": float(any(i.salience >= MAIN_SUBJECT for i in items)),
            "last_quoted": float(ref is last_speaker),
            "last_main_subject": float(ref is last_main),
            "gender_known": float(ref.gender == gender),
            "named": float(ref.entity_id is not None),
            "mentions_log": math.log1p(mentions[id(ref)]),
            "in_reach_log": math.log1p(len(items)),
            "most_mentioned": float(mentions[id(ref)] == most),
            "last_quoted_fitting": float(ref is last_quoted_ever),
            "given_name": float(ref.entity_id is not None and is_first_name(ref.name.split()[0])),
            "one_word": float(ref.entity_id is not None and " " not in ref.name),
            "described": float(ref.kind is SpeakerKind.UNNAMED),
        }
        out.append(Candidate(ref, seen, f))
    trace = _TRACE.get()
    if trace is not None:
        trace.append(Decision("pronoun", offset, tuple(c.referent.name for c in out), tuple(c.features for c in out)))
    return out


def best(candidates: list[Candidate]) -> Candidate | None:
    """The highest-scoring candidate; the hand rule's pick, then the latest mention, on a tie."""
    w = weights("pronoun")
    return _top(candidates, lambda c: (score(c.features, w), c.features["rule_pick"]))


def _top(candidates: list[T], key: Callable[[T], tuple[float, float]]) -> T | None:
    """The first candidate (they come latest first) with the highest key."""
    best: T | None = None
    top: tuple[float, float] | None = None
    for c in candidates:
        k = key(c)
        if top is None or k > top:
            best, top = c, k
    return best


def explain(c: Candidate, sentence: int) -> str:
    """What the choice rests on, in words: "the last person quoted, 1 sentence back"."""
    f = c.features
    if f["last_quoted"]:
        who = "the last person quoted"
    elif f["last_main_subject"]:
        who = "the last person named as subject"
    elif f["latest_speaker"] or f["quoted_in_reach"]:
        who = "quoted just before"
    else:
        who = "named just before"
    back = sentence - c.seen.sentence
    where = "same sentence" if back == 0 else f"{back} sentence{'s' if back > 1 else ''} back"
    return f"{who}, {where}"


def _fits(gender: str) -> Callable[[Referent], bool]:
    def want(r: Referent) -> bool:
        return r.is_person and not r.plural and r.gender in (None, gender)

    return want


# ---- a whole quote with no cue: whose words ------------------------------------------------

INHERIT_REACH = 4  # paragraphs back


@dataclass(frozen=True, slots=True)
class Sighting:
    """A speaker (`speech`) or a person a sentence is about, at a place in the text."""

    start: int
    end: int
    block: int
    referent: Referent
    speech: bool


@dataclass(frozen=True, slots=True)
class InheritCandidate:
    """A person a quote with no cue may be given to (None: to nobody), and its facts."""

    sighting: Sighting | None
    features: dict[str, float]


def inherit_candidates(
    offset: int,
    block: int,
    before: list[Sighting],
    after: Sighting | None,
    rule: Referent | None,
    naming: set[int],
    quoted: str = "",
    opens: bool = False,
) -> list[InheritCandidate]:
    """Everyone a cue-less quote at `offset` (paragraph `block`) may inherit: the speakers and
    sentence subjects in `before` (latest first, within `INHERIT_REACH` paragraphs), the next
    paragraph's speaker `after`, and nobody; `rule` is the hand rules' pick, `naming` the
    paragraphs that name a person, `quoted` the quote's words and `opens` whether it opens its
    paragraph. Recorded when tracing."""
    words = set(quoted.replace("’", "'").split())
    groups: dict[int, list[Sighting]] = {}
    for s in before:
        groups.setdefault(id(s.referent), []).append(s)
    last_speech = next((s.referent for s in before if s.speech), None)
    last_topic = next((s.referent for s in before if not s.speech), None)
    out = []
    for rank, items in enumerate(groups.values()):
        s, ref = items[0], items[0].referent
        back = block - s.block
        speeches = [x for x in items if x.speech]
        f = {
            "rule_pick": float(ref is rule),
            "nearest": float(rank == 0),
            "second": float(rank == 1),
            "same_paragraph": float(back == 0),
            "one_back": float(back == 1),
            "two_back": float(back == 2),
            "far_back": float(back >= 3),
            "latest_is_speech": float(s.speech),
            "last_speaker": float(ref is last_speech),
            "last_topic": float(ref is last_topic),
            "speaker_gap_named": float(bool(speeches) and any(b in naming for b in range(speeches[0].block + 1, block + 1))),
            "speeches_log": math.log1p(len(speeches)),
            "topics_log": math.log1p(len(items) - len(speeches)),
            "speaks_next": float(after is not None and after.referent is ref),
            "named_in_quote": float(_named_in(ref, words)),
            "opens_nearest": float(opens and rank == 0),
            "opens_last_speaker": float(opens and ref is last_speech),
            **_identity(ref),
        }
        out.append(InheritCandidate(s, f))
    if after is not None and id(after.referent) not in groups:
        f = {"rule_pick": float(after.referent is rule), "next_only": 1.0, "speaks_next": 1.0, **_identity(after.referent)}
        out.append(InheritCandidate(after, f))
    out.append(InheritCandidate(None, {"nobody": 1.0, "rule_pick": float(rule is None), "nobody_near": float(not before)}))
    trace = _TRACE.get()
    if trace is not None:
        names = tuple(c.sighting.referent.name if c.sighting else None for c in out)
        trace.append(Decision("inherit", offset, names, tuple(c.features for c in out)))
    return out


def _named_in(ref: Referent, words: set[str]) -> bool:
    """A name's last word among the quote's words: people seldom name themselves."""
    last = ref.name.split()[-1] if ref.entity_id is not None and ref.name else ""
    return bool(last) and any(w.strip(".,;:!?\"'“”‘") in (last, last + "'s") for w in words)


def _identity(ref: Referent) -> dict[str, float]:
    return {
        "named": float(ref.entity_id is not None),
        "described": float(ref.kind is SpeakerKind.UNNAMED),
        "organisation": float(ref.kind is SpeakerKind.ORGANIZATION),
        "plural": float(ref.plural),
        "given_name": float(ref.entity_id is not None and is_first_name(ref.name.split()[0])),
    }


def best_inherit(candidates: list[InheritCandidate]) -> InheritCandidate | None:
    """The highest-scoring candidate; the hand rules' pick, then the latest (nobody last), on a tie."""
    w = weights("inherit")
    return _top(candidates, lambda c: (score(c.features, w), c.features["rule_pick"]))


def explain_inherit(c: InheritCandidate, block: int) -> str:
    """ "Smith was speaking just before, 1 paragraph back"."""
    assert c.sighting is not None
    s = c.sighting
    back = block - s.block
    if back < 0:
        return f"{s.referent.name} speaks next"
    what = "was speaking" if s.speech else "was the subject"
    where = "same paragraph" if back == 0 else f"{back} paragraph{'s' if back > 1 else ''} back"
    return f"{s.referent.name} {what} just before, {where}"
