"""Markdown emphasis kept as data (issue 11 item 6): `Article.emphasis` spans, drawn by the view."""

from __future__ import annotations

from tests.app_support import region_text
from tui.app import NewsReaderApp
from tui.document import article_from_bytes
from tui.model import Analysis, Emphasis

SOURCE = b"# Talks resume\n\nThe minister said the deal was **not final** and *might* change, `v2` aside.\n"


def test_bold_and_italic_become_spans_over_the_canonical_text():
    article = article_from_bytes(SOURCE, "story.md")
    text = article.text
    assert "**" not in text and "*might*" not in text
    found = {(text[e.start : e.end], e.style) for e in article.emphasis}
    assert ("not final", "bold") in found and ("might", "italic") in found
    assert all(isinstance(e, Emphasis) for e in article.emphasis)


def test_nested_emphasis_keeps_both_styles():
    article = article_from_bytes(b"Title\n\nA ***very*** big _and **bold**_ claim.\n", "n.md")
    found = {(article.text[e.start : e.end], e.style) for e in article.emphasis}
    assert {("very", "bold"), ("very", "italic"), ("and bold", "italic"), ("bold", "bold")} <= found


def test_plain_text_has_no_emphasis():
    article = article_from_bytes(b"Title\n\nSome **stars** stay as typed.\n", "plain.txt")
    assert article.emphasis == [] and "**stars**" in article.text


async def test_the_reader_draws_bold_and_italic():
    article = article_from_bytes(SOURCE, "story.md")
    app = NewsReaderApp([article], analyses=[Analysis(article.source, [], [], [])])
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.view
        assert "not final" in region_text(app, view)
        row = view.row_of(article.text.index("not final"))
        strip = view.render_line(row - round(view.scroll_y))
        styles = {seg.text.strip(): seg.style for seg in strip if seg.text.strip()}
        bold = next(style for text, style in styles.items() if "not final" in text)
        italic = next(style for text, style in styles.items() if text == "might")
        plain = next(style for text, style in styles.items() if "minister" in text)
        assert bold.bold and not plain.bold
        assert italic.italic and not plain.italic
        app.exit()
