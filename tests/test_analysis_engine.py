"""The engine's staging and parallel parsing give the same analysis as one plain pass."""

from __future__ import annotations

from tui.analysis import analyse, analyse_stages
from tui.analysis_worker import PARALLEL_FROM_CHARS, parser_processes
from tui.document import article_from_bytes
from tui.model import EntityKind


def test_two_parser_processes_give_the_same_analysis(seed_path, nlp):
    article = article_from_bytes(b"\n\n".join([seed_path.read_bytes()] * 8), "eight.txt")
    single = analyse(article, nlp)
    stages = list(analyse_stages(article, nlp, n_process=2, first_stage=10_000))
    assert len(stages) >= 2
    assert stages[-1] == single


def test_parallel_parsing_only_for_long_texts(monkeypatch):
    monkeypatch.delenv("NEWSREADER_PROCESSES", raising=False)
    assert parser_processes(10_000) == 1
    assert parser_processes(PARALLEL_FROM_CHARS) in (1, 2)
    monkeypatch.setenv("NEWSREADER_PROCESSES", "1")
    assert parser_processes(10 * PARALLEL_FROM_CHARS) == 1


def test_a_typographic_apostrophe_does_not_cut_a_name(analyse_text):
    """The model learnt "O'Leary" with a straight apostrophe; the parser sees one, the reader
    keeps the article's own."""
    text = (
        "Airline lifts profit forecast\n\n"
        "The airline\u2019s chief executive Michael O\u2019Leary said fares had held up.\n\n"
        "\u201cWe would caution that not all of this is due to our model,\u201d O\u2019Leary said.\n"
    )
    article, an = analyse_text(text)
    people = [e.name for e in an.entities if e.kind is EntityKind.PERSON]
    assert people == ["Michael O\u2019Leary"]
    (quote,) = an.quotes
    assert next(s.name for s in an.speakers if s.id == quote.speaker_id) == "Michael O\u2019Leary"
    assert article.text[quote.start : quote.end] == quote.text
