"""Property-based tests of the analysis on the real spaCy pipeline: arbitrary Unicode text never
makes loading or analysing raise anything but DocumentError, every offset lies inside the text,
`text[start:end]` is the reported text, and the JSON export points into the decoded file."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.analysis import analyse
from tui.analysis.export import to_json
from tui.document import DocumentError, load_article
from tui.model import Analysis, Article
from tui.safe_text import escape_json

ANALYSIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# News-like pieces, so that generated text has names, places, quotes and cues for the rules to
# work on, mixed with arbitrary characters (controls, bidi, emoji, CJK), CRLF and BOMs.
NEWS = [
    "Volodymyr Zelensky",
    "Zelensky",
    "President",
    "Mr",
    "Donald Trump",
    "Trump",
    "Marco Rubio",
    "Rubio and National Security Advisor Mike Waltz",
    "Kyiv",
    "Kramatorsk",
    "the United States",
    "US",
    "Moscow",
    "Saudi Arabia",
    "Kremlin",
    "NATO",
    "said",
    "told AFP",
    "added",
    "according to",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    " ",
    " ",
    " ",
    ". ",
    ", ",
    ": ",
    "\n",
    "\n\n",
    "\r\n",
    "- 'No trust' -",
    "burs-jc/jbr/jhb",
    "C.Stevenson--TNT",
    "By Jane Doe",
    "\ufeff",
    "\x1b[2J",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "é",
    "ü",
    "日本",
    "👍🏽",
    "[bold red]",
    "[/]",
    "[@click=app.quit]",
]
any_char = st.characters(codec="utf-8")
news_text = st.lists(st.one_of(st.sampled_from(NEWS), st.text(any_char, min_size=1, max_size=5)), min_size=1, max_size=60).map(
    "".join
)


def check_analysis(article: Article, analysis: Analysis) -> None:
    text = article.text
    ids = set()
    for e in analysis.entities:
        assert e.id not in ids and e.mentions and e.name
        ids.add(e.id)
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text), (e, m)
            assert text[m.start : m.end] == m.text, (e, m)
    for q in analysis.quotes:
        assert 0 <= q.outer_start <= q.start <= q.end <= q.outer_end <= len(text), q
        assert text[q.start : q.end] == q.text, q
        if q.cue_start is not None:
            assert 0 <= q.cue_start < q.cue_end <= len(text), q
            assert text[q.cue_start : q.cue_end] == q.cue, q
        assert q.speaker_id is None or analysis.speaker(q.speaker_id) is not None, q
    for s in analysis.speakers:
        assert s.entity_id is None or analysis.entity(s.entity_id) is not None, s
        for m in s.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text, (s, m)
    # The cache stores the lossless form; it must round-trip too.
    assert Analysis.from_dict(json.loads(json.dumps(analysis.to_dict()))) == analysis


def check_export(article: Article, analysis: Analysis, decoded: str) -> None:
    """The `--json` line, serialised as the CLI does, read back against the decoded file."""
    record = json.loads(escape_json(json.dumps(to_json(article, analysis), ensure_ascii=False)))
    for key in ("people", "places", "organizations"):
        for entity in record[key]:
            for m in entity["mentions"]:
                assert 0 <= m["start"] < m["end"] <= len(decoded)
                if article.format == "text":
                    assert decoded[m["start"] : m["end"]] == m["text"], m
    for q in record["quotes"]:
        assert 0 <= q["start"] <= q["end"] <= len(decoded)
        if article.format == "text":
            assert decoded[q["start"] : q["end"]] == q["text"], q


def run(nlp, raw: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(raw)
        try:
            article = load_article(str(path))
        except DocumentError:
            return
        assert path.read_bytes() == raw
    analysis = analyse(article, nlp)
    check_analysis(article, analysis)
    decoded = article.source_text or article.text
    check_export(article, analysis, decoded)


@ANALYSIS
@given(news_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), st.booleans())
@example(
    "Kyiv\n\n"  # hard-wrapped prose: a name across a line break
    "This is a long line of prose that was wrapped by an editor, and President Volodymyr\n"
    "Zelensky said on Monday that the talks in Geneva with Marco Rubio would resume\n"
    "soon, as books and e-mails are wrapped at about seventy columns in the file.\n",
    "utf-8",
    False,
)
@example('"Unclosed quote, Zelensky said.\n\n“Another ” one” and ‘x', "utf-8", True)
def test_plain_text_analysis(nlp, text, encoding, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    run(nlp, text.encode(encoding), "article.txt")


@ANALYSIS
@given(
    st.lists(
        st.one_of(
            st.sampled_from(NEWS + ["# ", "**", "*", "> ", "- ", "`", "&amp;", "\\*", "[x](u)"]),
            st.text(any_char, min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=60,
    ).map("".join)
)
@example("# Talks\n\nMayor **Carlos Moedas** of AT&amp;T visited *Lisbon*, \\*Rubio\\* said.\n")
def test_markdown_analysis(nlp, text):
    run(nlp, text.encode("utf-8"), "article.md")


# --- pathological inputs: bounded CPU time, valid offsets -------------------------------------


def test_long_runs_without_spaces_are_bounded(nlp):
    """spaCy's tokenizer is quadratic in a run without spaces: 20 000 quote marks in a row took
    45 s to parse before the engine put a space every 200 characters for the parser (~5 s now)."""
    import time

    from tui.document import article_from_bytes

    text = "Title\n\n" + '"' * 20_000 + "\n\n" + "(" * 5_000 + " Zelensky said " + "“" * 5_000 + "\n"
    article = article_from_bytes(text.encode(), "runs.txt")
    started = time.process_time()
    analysis = analyse(article, nlp)
    assert time.process_time() - started < 30
    check_analysis(article, analysis)


def test_invisible_characters_do_not_glue_names_together(nlp):
    """Web copy carries zero-width spaces, bidi isolates and stray controls between words; the
    parser sees them as spaces, the mentions keep the article's own characters."""
    from tui.document import article_from_bytes

    text = (
        "Talks resume in Geneva\n\n"
        "Ukrainian President Volodymyr Zelensky\x1b]0;x\x07 met Vladimir Putin\u202e in \u2066Kyiv\u2069 on Monday, "
        "while Marco\u200bRubio\x9b said Washington agreed.\n"
    )
    article = article_from_bytes(text.encode(), "glued.txt")
    analysis = analyse(article, nlp)
    check_analysis(article, analysis)
    assert {"Volodymyr Zelensky", "Vladimir Putin", "Marco Rubio"} <= {e.name for e in analysis.people}
    assert {"Kyiv", "Washington"} <= {e.name for e in analysis.places}
    rubio = next(e for e in analysis.people if e.name == "Marco Rubio")
    assert [m.text for m in rubio.mentions] == ["Marco\u200bRubio"]
