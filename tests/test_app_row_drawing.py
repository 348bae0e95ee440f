"""The article view draws a row's segments itself (`ArticleView._render_row`) instead of through
a Rich `Text` (stylize, render, apply the widget's style, simplify), which cost ~150 us a row
with a dozen search matches. Every row must come out as the `Text` made it: the same segments,
text and styles, under every layer, selection, search, block kind and theme."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.app import NewsReaderApp
from tui.document import article_from_bytes
from tui.model import Analysis, BlockKind
from tui.safe_text import printable
from tui.widgets.article_view import GUTTER, ArticleView
from tui.widgets.layout import BLANK, KINDS
from tui.widgets.targets import search_target

SIZE = (110, 32)

MARKDOWN = (
    b"# A headline with *emphasis*\n\n"
    b"By Jane Doe\n\n"
    b"A paragraph with **bold**, _italic_ and ***both*** words, a tab\there and a bell \x07 too, "
    b"long enough to wrap onto a second row of the view so that a span crosses the break.\n\n"
    b'> A block quote, "quoted words" inside it, and **bold** in the quote.\n\n'
    b"- a list item that is indented\n- another item with *emphasis*\n\n"
    b"## A subheading\n\n"
    b"(Reporting by Jane Doe; editing by John Roe)\n"
)

BLOCK_STYLES = {
    BlockKind.HEADING: "article-view--heading",
    BlockKind.SUBHEADING: "article-view--subheading",
    BlockKind.CREDIT: "article-view--credit",
    BlockKind.BYLINE: "article-view--byline",
    BlockKind.BLOCKQUOTE: "article-view--blockquote",
}


def through_text(view: ArticleView, row: int, base: Style) -> list[Segment]:
    """A row drawn as the view drew it before: through a Rich `Text`."""
    layout, article = view._layout, view.article
    assert article is not None
    if row >= len(layout) or layout.kinds[row] == BLANK:
        return list(Strip.blank(GUTTER, base))
    start, end = layout.starts[row], layout.ends[row]
    raw = article.text[start:end].replace("\n", " ").rstrip(" ")
    end = start + len(raw)
    text = Text(printable(raw), end="", no_wrap=True)
    block = BLOCK_STYLES.get(KINDS[layout.kinds[row]])
    if block:
        text.stylize(view._style(block))
    for span in view._spans_in(start, end):
        text.stylize(view._style(span.style), max(span.start, start) - start, min(span.end, end) - start)
    bar = view._bar_in(start, end) if view.shown_layers["quotes"] else None
    glyph = view.bar_patterns[bar[1]] if bar else " "
    segments = [Segment(glyph, base + view._style(bar[0]) if bar else base), Segment(" " * (GUTTER - 1), base)]
    if layout.indents[row]:
        segments.append(Segment(" " * layout.indents[row], base))
    segments.extend(text.render(view.app.console))
    return list(Strip(segments).apply_style(base).simplify())


def assert_rows_as_through_text(view: ArticleView, what: str) -> int:
    base = view._frame()[2]
    styled = 0
    for row in range(view.line_count):
        drawn = list(view._render_row(row, base))
        assert drawn == through_text(view, row, base), (what, row)
        styled += len({s.style for s in drawn}) > 2
    return styled


async def test_rows_drawn_directly_are_what_a_rich_text_draws(seed_article, seed_analysis):
    """The seed with every layer, a speaker's quotes marked (the current one too), a search
    hitting inside entities and quotes, then with layers off, in two themes."""
    app = NewsReaderApp([seed_article], analyses=[seed_analysis])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert assert_rows_as_through_text(view, "layers") > 10
        speaker = max(seed_analysis.speakers, key=lambda s: s.quote_count)
        app.select_option("speakers", f"speaker:{speaker.id}")
        await pilot.pause()
        assert view.marks and view.current
        assert_rows_as_through_text(view, "speaker")
        for query in ("e", "the", "zelensky"):
            target = search_target(seed_article.text, query)
            view.set_marks(target.walk, target.walk[len(target.walk) // 2], search=True)
            assert_rows_as_through_text(view, f"search {query}")
        view.set_layers(quotes=False, places=False)
        assert_rows_as_through_text(view, "layers off")
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert_rows_as_through_text(view, "other theme")


async def test_rows_of_every_block_kind_with_emphasis_are_what_a_rich_text_draws():
    """Headline, byline, block quote, list items (indented), subheading and credit, with the
    source's emphasis, a control character and a search over it all."""
    article = article_from_bytes(MARKDOWN, "story.md")
    kinds = {b.kind for b in article.blocks}
    assert {BlockKind.HEADING, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM} <= kinds
    assert article.emphasis
    app = NewsReaderApp([article], analyses=[Analysis(article.source, [], [], [], "test", "test")])
    async with app.run_test(size=(60, 30)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert any(view._layout.indents)
        assert assert_rows_as_through_text(view, "plain") >= 3  # the emphasis, the headline, the bold quote
        for query in ("a", "o", " "):
            target = search_target(article.text, query)
            view.set_marks(target.walk, target.walk[0], search=True)
            assert_rows_as_through_text(view, f"search {query!r}")
