"""Quote rows and citations (tui.report): the data behind the quotes view, `y` and reports."""

from __future__ import annotations

from tests.app_support import with_quotes
from tui.document import load_article
from tui.model import Quote
from tui.report import QuoteRow, citation, clean, paragraph_number, quote_rows


def test_rows_follow_the_text_with_speaker_cue_and_paragraph(seed_article, seed_analysis):
    rows = quote_rows(seed_article, with_quotes(seed_article, seed_analysis))
    assert [r.number for r in rows] == list(range(1, 9))
    assert [r.start for r in rows] == sorted(r.start for r in rows)
    first = rows[0]
    assert first.speaker == "Marco Rubio" and first.text.startswith("That's what we want")
    assert seed_article.text[first.start : first.end] == first.text
    # paragraph numbers count body paragraphs from 1 and grow with the text
    numbers = [r.paragraph for r in rows]
    assert all(isinstance(n, int) and n > 0 for n in numbers)
    assert numbers == sorted(numbers)
    assert {r.speaker for r in rows} == {"Marco Rubio", "Volodymyr Zelensky", "Roman Dunayevsky", "a 44-year-old serviceman"}


def test_paragraph_numbers_skip_headline_and_subheads(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text('Headline "with a quote"\n\nFirst paragraph.\n\n- Subhead -\n\nSecond "one" here.\n', encoding="utf-8")
    article = load_article(str(path))
    assert paragraph_number(article, article.text.index("with a")) is None
    assert paragraph_number(article, article.text.index("First")) == 1
    assert paragraph_number(article, article.text.index("Subhead")) is None
    assert paragraph_number(article, article.text.index("one")) == 2


def _row(text: str, speaker: str = "Marco Rubio", speaker_id: str | None = "person-3") -> QuoteRow:
    return QuoteRow(1, "quote-1", speaker, speaker_id, "person", text, "Rubio said", 3, 0, len(text))


def test_citation_in_news_style(seed_article):
    row = _row("That's what we want to know")
    assert citation(row, seed_article) == (
        "“That's what we want to know,” Marco Rubio said. "
        "(US wants Russia to agree to Ukraine truce 'unconditionally', " + seed_article.source + ")"
    )
    assert citation(_row("Is it over?"), seed_article).startswith("“Is it over?” Marco Rubio said.")
    assert citation(_row("It is over."), seed_article).startswith("“It is over,” Marco Rubio said.")
    assert citation(_row("hi", "unattributed", None), seed_article).startswith("“hi” (unattributed). (")
    assert citation(row, seed_article, ascii_only=True).startswith('"That\'s what we want to know," Marco')


def test_copied_text_has_no_control_characters(seed_article):
    hostile = "Peace\x1b]52;c;ZXZpbA==\x07 will\n\ncome\u202e now\x9b31m\u200b"
    assert clean(hostile) == "Peace]52;c;ZXZpbA== will come now31m"
    text = citation(_row(hostile, speaker="Ro\x1b[2Jman"), seed_article)
    assert all(ch.isprintable() for ch in text), repr(text)
    assert "Ro[2Jman said" in text  # the ESC is gone; the visible rest is kept as typed


def test_unattributed_quote_row(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis)
    quote = analysis.quotes[0]
    analysis.quotes[0] = Quote(quote.id, quote.start, quote.end, quote.text, quote.outer_start, quote.outer_end, None)
    row = quote_rows(seed_article, analysis)[0]
    assert row.speaker == "unattributed" and row.speaker_id is None and not row.named
