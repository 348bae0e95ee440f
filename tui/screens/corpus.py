"""The corpus view: who is quoted across an archive, and where, over a corpus index.

It is a modal screen on top of the usual reader, so the reader's own keys stay quiet while it
is shown. `enter` on a quote opens that article in the reader with the quote marked; `esc` in
the reader comes back here with the lists as they were. All data comes from `tui.corpus.query`
(SQLite reads, no spaCy); article text and names are shown as plain text, never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input

from ..corpus.query import LISTS, Corpus, Hit, NameRow, locate
from ..document import article_from_bytes
from ..model import Analysis, Article, Block, BlockKind
from ..safe_text import printable
from ..widgets.line_table import LineTable, clean

_KEYS = {"speakers": "s", "places": "p", "organizations": "o"}
_NAME_COLUMNS = [("Name", 32), ("Articles", 8), ("First", 10), ("Last", 10)]
_HINT = "enter: quotes / open   esc: back   s p o: lists   /: search   q: quit"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


class Line(Widget):
    """One line of plain text that changes without a new layout (a Static's update re-lays
    out the screen, which cost more than the rest of a key press)."""

    DEFAULT_CSS = "Line { height: 1; width: 1fr; padding: 0 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()

    def show(self, text: str | Text) -> None:
        self.text = text if isinstance(text, Text) else Text(clean(text))
        self.refresh()

    def render(self) -> Text:
        return self.text


class CorpusScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("q", "quit", "Quit", id="corpus.quit"),
        Binding("s", "show_list('speakers')", "Speakers", id="corpus.speakers"),
        Binding("p", "show_list('places')", "Places", id="corpus.places"),
        Binding("o", "show_list('organizations')", "Organisations", id="corpus.organizations"),
        Binding("slash", "search", "Search", id="corpus.search"),
        Binding("escape", "back", "Back", id="corpus.back"),
    ]

    DEFAULT_CSS = """
    CorpusScreen { background: $background; layout: vertical; }
    CorpusScreen #corpus-title { background: $panel; }
    CorpusScreen #corpus-tabs, CorpusScreen #hits-title, CorpusScreen #corpus-keys { color: $text-muted; }
    CorpusScreen #names { height: 1fr; }
    CorpusScreen #hits { height: 1fr; }
    CorpusScreen #corpus-search { height: 1; }
    """

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.list_id = "speakers"
        self.lists: dict[str, list[NameRow]] = {}  # read on first view, then kept
        self._cells: dict[str, list[tuple[object, ...]]] = {}
        self._cursors: dict[str, int] = {}
        self.hits: list[Hit] = []
        self.query_text = ""  # the search the hits came from ("" for a name's quotes)

    @property
    def rows(self) -> list[NameRow]:
        return self.lists.get(self.list_id, [])

    def compose(self) -> ComposeResult:
        yield Line(id="corpus-title")
        yield Line(id="corpus-tabs")
        yield LineTable(_NAME_COLUMNS, id="names", classes="names")
        yield Line(id="hits-title")
        yield LineTable([("Article", 36), ("Date", 10), ("Quote", 0)], id="hits")
        # Always shown (showing and hiding it re-lays out the screen): `/` only focuses it.
        yield Input(placeholder="/ search all quotes and texts", id="corpus-search", compact=True)
        yield Line(id="corpus-keys")

    def on_mount(self) -> None:
        t = self.corpus.totals
        self.query_one("#corpus-title", Line).show(
            f"{self.corpus.path.name} — {_count(t.articles, 'article')}, {_count(t.quotes, 'quote')}, {_count(t.names, 'name')}"
        )
        self.query_one("#corpus-keys", Line).show(_HINT)
        self.action_show_list("speakers")

    # -- lists ----------------------------------------------------------------------------------

    @property
    def names_table(self) -> LineTable:
        return self.query_one("#names", LineTable)

    @property
    def hits_table(self) -> LineTable:
        return self.query_one("#hits", LineTable)

    def action_show_list(self, list_id: str) -> None:
        table = self.names_table
        self._cursors[self.list_id] = table.cursor
        self.list_id = list_id
        if list_id not in self.lists:
            rows = self.lists[list_id] = self.corpus.names(list_id)
            count = (lambda r: r.quotes) if list_id == "speakers" else (lambda r: r.mentions)
            self._cells[list_id] = [
                (r.name, f"{count(r):,}", f"{r.articles:,}", r.first_date or "", r.last_date or "") for r in rows
            ]
        count_title = "Quotes" if list_id == "speakers" else "Mentions"
        table.set_columns(_NAME_COLUMNS[:1] + [(count_title, 8)] + _NAME_COLUMNS[1:])
        table.set_rows(self._cells[list_id])
        table.move_to(self._cursors.get(list_id, 0))
        tabs = Text()
        for lid, title, _ in LISTS:
            tabs.append(f"{_KEYS[lid]} {title}", style="reverse" if lid == list_id else "")
            tabs.append("   ")
        self.query_one("#corpus-tabs", Line).show(tabs)
        if not self.hits:
            self._show_hits([], "Choose a name (enter) to see its quotes across the archive; / searches")
        table.focus()

    @on(LineTable.Selected, "#names")
    def _name_chosen(self, event: LineTable.Selected) -> None:
        rows = self.rows
        if 0 <= event.index < len(rows):
            row = rows[event.index]
            hits = self.corpus.hits_of(row.name_id)
            if row.quotes:
                shown = f"{len(hits):,} of {row.quotes:,}" if len(hits) < row.quotes else f"{len(hits):,}"
                title = f"{row.name}: {shown} quotes, newest first"
            else:
                title = f"{row.name}: mentioned in {row.articles:,} articles" + (
                    f" (newest {len(hits):,})" if len(hits) < row.articles else ""
                )
            self.query_text = ""
            self._show_hits(hits, title)
            self.hits_table.focus()

    def _show_hits(self, hits: list[Hit], title: str) -> None:
        self.hits = hits
        self.query_one("#hits-title", Line).show(title)
        self.hits_table.set_rows([(h.title, h.date, h.text) for h in hits])

    @on(LineTable.Selected, "#hits")
    def _hit_chosen(self, event: LineTable.Selected) -> None:
        if 0 <= event.index < len(self.hits):
            hit = self.hits[event.index]
            same = [h for h in self.hits if h.article == hit.article and h.end > h.start]
            opener: Any = self.app
            opener.open_from_corpus(hit, same, self.query_text)

    # -- search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#corpus-search", Input)
        box.value = ""
        box.focus()

    @on(Input.Changed, "#corpus-search")
    def _typing(self, event: Input.Changed) -> None:
        event.stop()  # the reader's own search box is an Input too: its handlers must not see ours

    @on(Input.Submitted, "#corpus-search")
    def _search(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        hits = self.corpus.search(query) if query else []
        self.query_text = query
        self._show_hits(hits, f"/{query}: {len(hits):,} matches (quotes first, then article texts)")
        self.hits_table.focus()

    def action_back(self) -> None:
        if self.query_one("#corpus-search", Input).has_focus or self.hits_table.has_focus:
            self.names_table.focus()

    def action_quit(self) -> None:
        self.app.exit(0)


def stored_article(corpus: Corpus, hit: Hit) -> tuple[Article, tuple[int, int]]:
    """The article of a hit, decoded as the batch decoded it, and the hit's span in its
    canonical text (Markdown text loses its markup, so offsets move)."""
    stored = corpus.article(hit.article)
    article = article_from_bytes(
        stored.text.encode("utf-8", "surrogatepass"), stored.source, markdown=stored.format == "markdown"
    )
    return article, _span(article, hit)


def _span(article: Article, hit: Hit) -> tuple[int, int]:
    return _canonical(article, hit.start), _canonical(article, hit.end)


def _canonical(article: Article, offset: int) -> int:
    if not article.offset_runs:
        return min(offset, len(article.text))
    for cstart, sstart, length in article.offset_runs:
        if sstart <= offset <= sstart + length:
            return cstart + (offset - sstart)
    return 0


def corpus_app(corpus: Corpus, **options: Any):
    """The reader with the corpus view on top (built here so tui.app stays unaware of corpora)."""
    from ..app import ArticleState, NewsReaderApp
    from ..widgets.search import SearchBar
    from ..widgets.targets import Target

    class CorpusReaderApp(NewsReaderApp):
        def __init__(self) -> None:
            text = f"{corpus.path.name}\n"
            placeholder = Article(str(corpus.path), corpus.path.name, text, [Block(BlockKind.HEADING, 0, len(text) - 1)])
            super().__init__([placeholder], analyses=[Analysis(str(corpus.path), [], [], [])], **options)
            self.corpus_screen = CorpusScreen(corpus)

        def on_mount(self) -> None:
            super().on_mount()
            # Installed, not just pushed: popping it for the reader then keeps it (lists, cursor
            # and search results) for `esc` to come back to.
            self.install_screen(self.corpus_screen, name="corpus")
            self.push_screen("corpus")

        def open_from_corpus(self, hit: Hit, same_article: list[Hit], query: str) -> None:
            """Show the hit's article with the hit marked and current; the other hits in the
            same article (the speaker's other quotes there) are marked too, for n / N."""
            article, span = stored_article(corpus, hit)
            if hit.start < 0:  # an article-text search match: find the words now
                span = locate(article.text, query)
            self.states = [ArticleState(article)]
            self.pop_screen()
            self._load(0)
            walk = sorted({_span(article, h) for h in same_article} | {span if span[1] > span[0] else (span[0], span[0] + 1)})
            label = hit.speaker or printable(article.title)
            target = Target("search", "corpus", label, "quote" if hit.speaker else "match", walk, list(walk))
            target.index = next(i for i, s in enumerate(walk) if s[0] == span[0])
            self.state.target = target
            self._show_target(reveal=True, fresh=True)
            self._analyse([0])

        def action_clear(self) -> None:
            if self.query_one(SearchBar).has_class("-open"):
                super().action_clear()
                return
            self.workers.cancel_group(self, "analysis")
            self.push_screen("corpus")

    return CorpusReaderApp()
