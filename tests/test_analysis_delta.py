"""Partial analyses sent as what changed: the reader rebuilds exactly what the engine made."""

from __future__ import annotations

import copy
import pickle

import pytest

from tui.analysis import analyse, analyse_stages, engine
from tui.analysis_delta import delta, rebuild
from tui.document import article_from_bytes
from tui.model import Analysis, Attribution, Entity, EntityKind, Mention, Quote, Span, Speaker, SpeakerKind


@pytest.fixture(scope="module")
def staged(seed_path, nlp):
    """The seed six times over (26 KB) as the engine streams it: partial analyses, then the whole."""
    article = article_from_bytes(b"\n\n".join([seed_path.read_bytes()] * 6), "long.txt")
    with pytest.MonkeyPatch.context() as mp:
        # A stage at every doubling: small parsing batches, and however long the rules take.
        mp.setattr(engine, "MAX_BATCH_CHARS", 3_000)
        mp.setattr(engine, "PARTIAL_SHARE", 100.0)
        stages = list(analyse_stages(article, nlp, first_stage=4_000))
    assert len(stages) >= 3, "the test needs several partial analyses before the complete one"
    return article, stages


def _through_the_pipe(stages: list[Analysis], text: str) -> list[Analysis]:
    """Each stage as the child sends it (a pickled delta) and the reader rebuilds it."""
    sent_before, rebuilt_before, rebuilt = None, None, []
    for stage in stages:
        wire = pickle.loads(pickle.dumps(delta(sent_before, stage, text), protocol=pickle.HIGHEST_PROTOCOL))
        rebuilt_before = rebuild(rebuilt_before, wire, text)
        rebuilt.append(rebuilt_before)
        sent_before = stage
    return rebuilt


def test_rebuilt_stages_equal_the_engines_and_the_last_the_one_shot_analysis(staged, nlp):
    article, stages = staged
    rebuilt = _through_the_pipe(stages, article.text)
    assert rebuilt == stages
    assert rebuilt[-1] == analyse(article, nlp)


def test_a_growing_stage_sends_only_its_new_mentions_and_quotes(staged):
    article, stages = staged
    before, after = stages[-2], stages[-1]
    wire = delta(before, after, article.text)
    sent_mentions = sum(len(e[6][0]) // 2 for e in wire[1]) + sum(len(s[8][0]) // 2 for s in wire[3])
    all_mentions = sum(len(e.mentions) for e in after.entities) + sum(len(s.mentions) for s in after.speakers)
    new_mentions = all_mentions - sum(len(e.mentions) for e in before.entities) - sum(len(s.mentions) for s in before.speakers)
    assert 0 < sent_mentions <= new_mentions + all_mentions // 10  # a few earlier lists may change
    kept_quotes, sent_quotes = wire[2]
    assert kept_quotes > 0 and len(sent_quotes) < len(after.quotes)


def test_rebuilding_leaves_the_stage_before_as_it_was(staged):
    article, stages = staged
    first = rebuild(None, delta(None, stages[0], article.text), article.text)
    kept = copy.deepcopy(first)
    second = rebuild(first, delta(stages[0], stages[1], article.text), article.text)
    assert first == kept and second == stages[1]


TEXT = "Anna Berg met Tom Holt in Oslo. Berg said: \u201cWe agree.\u201d Holt said: \u201cWe do.\u201d\n"


def _analysis(entities: list[Entity], quotes: list[Quote], speakers: list[Speaker]) -> Analysis:
    return Analysis("a.txt", entities, quotes, speakers, "en_core_web_sm 3.8.0", "rules-9")


def _quote(qid: str, start: int, speaker: str | None, rule: str = "cue.subject") -> Quote:
    why = Attribution(rule, "cue", (Span(start - 9, start - 5),))
    return Quote(qid, start, start + 9, TEXT[start : start + 9], start - 1, start + 10, speaker, "Berg said", 32, 41, why)


def test_changes_to_earlier_parts_are_rebuilt_too():
    """The rules re-run on the whole text at each stage: entities merge, ids are renumbered, an
    earlier quote changes its speaker, a mention's text differs from the article's characters."""
    anna = Mention(0, 9, "Anna Berg")
    berg = Mention(32, 36, "Berg")
    tom = Mention(14, 22, "Tom Holt")
    before = _analysis(
        [Entity("person-1", EntityKind.PERSON, "Anna Berg", [anna]), Entity("person-2", EntityKind.PERSON, "Tom Holt", [tom])],
        [_quote("quote-1", 44, None)],
        [Speaker("unnamed-1", "someone", SpeakerKind.UNNAMED, None, ["quote-1"], [Mention(32, 36, "Berg")])],
    )
    after = _analysis(
        [
            Entity("person-1", EntityKind.PERSON, "Tom Holt", [tom, Mention(55, 59, "Holt")]),  # renumbered
            Entity("person-2", EntityKind.PERSON, "Anna Berg", [anna, berg], corrected=True),
            Entity("place-1", EntityKind.PLACE, "Oslo", [Mention(26, 30, "OSLO")]),  # not as written
        ],
        [_quote("quote-1", 44, "person-2", "cue.subject.after"), _quote("quote-2", 67, "person-1")],
        [
            Speaker("person-2", "Anna Berg", SpeakerKind.PERSON, "person-2", ["quote-1"]),
            Speaker("person-1", "Tom Holt", SpeakerKind.PERSON, "person-1", ["quote-2"], [Mention(55, 59, "Holt")]),
        ],
    )
    wire = pickle.loads(pickle.dumps(delta(before, after, TEXT)))
    assert rebuild(before, wire, TEXT) == after
    assert rebuild(None, delta(None, after, TEXT), TEXT) == after


def test_rebuilt_in_a_background_thread_that_gives_the_lock_away_the_stages_are_the_same(staged, monkeypatch):
    """The reader rebuilds stages in the thread that receives them, offering the interpreter lock
    to the keys between entities, speakers and runs of quotes (`tui.yielding`)."""
    import threading
    import time

    from tui import analysis_delta, yielding

    article, stages = staged
    monkeypatch.setattr(yielding, "EVERY", 0.0)  # offer the lock at every chance
    monkeypatch.setattr(analysis_delta, "QUOTES_PER_PAUSE", 3)
    offers = []
    sleep = time.sleep
    monkeypatch.setattr(yielding.time, "sleep", lambda s: (offers.append(threading.current_thread().name), sleep(s)))
    done: list[list[Analysis]] = []
    worker = threading.Thread(target=lambda: done.append(_through_the_pipe(stages, article.text)), name="receiver")
    worker.start()
    worker.join()
    assert done[0] == stages
    assert len(offers) >= sum(len(s.entities) for s in stages) and set(offers) == {"receiver"}
    offers.clear()
    assert _through_the_pipe(stages, article.text) == stages
    assert not offers  # on the main thread (the UI's own) the lock is never given away
