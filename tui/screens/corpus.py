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
from textual.widgets import DataTable, Footer, Input, Static

from ..corpus.query import LISTS, Corpus, Hit, NameRow, locate
from ..document import article_from_bytes
from ..model import Analysis, Article, Block, BlockKind
from ..safe_text import printable


def _cell(text: str | None, limit: int = 0) -> Text:
    line = " ".join(printable(text or "").split())
    if limit and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return Text(line)


_KEYS = {"speakers": "s", "places": "p", "organizations": "o"}


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
    CorpusScreen #corpus-title { height: 1; padding: 0 1; background: $panel; }
    CorpusScreen #corpus-tabs, CorpusScreen #hits-title { height: 1; padding: 0 1; color: $text-muted; }
    CorpusScreen .names { height: 1fr; }
    CorpusScreen #hits { height: 1fr; }
    CorpusScreen #corpus-search { display: none; }
    CorpusScreen #corpus-search.-open { display: block; }
    """

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.list_id = "speakers"
        self.lists: dict[str, list[NameRow]] = {}  # filled on first view, then kept
        self.hits: list[Hit] = []
        self.query_text = ""  # the search the hits came from ("" for a name's quotes)

    @property
    def rows(self) -> list[NameRow]:
        return self.lists.get(self.list_id, [])

    def compose(self) -> ComposeResult:
        yield Static(id="corpus-title")
        yield Static(id="corpus-tabs")
        for list_id, _, _ in LISTS:
            yield DataTable(id=f"names-{list_id}", classes="names", cursor_type="row")
        yield Static(id="hits-title")
        yield DataTable(id="hits", cursor_type="row")
        yield Input(placeholder="search all quotes and texts (enter: search, esc: cancel)", id="corpus-search", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        t = self.corpus.totals
        name = printable(self.corpus.path.name)
        self.query_one("#corpus-title", Static).update(
            Text(f"{name} — {t.articles:,} articles, {t.quotes:,} quotes, {t.names:,} names")
        )
        hits = self.query_one("#hits", DataTable)
        hits.add_column("Article", width=36, key="title")
        hits.add_column("Date", width=10, key="date")
        hits.add_column("Quote", key="text")
        self.action_show_list("speakers")

    # -- lists ----------------------------------------------------------------------------------

    def _table(self, list_id: str) -> DataTable:
        return self.query_one(f"#names-{list_id}", DataTable)

    def _fill(self, list_id: str) -> None:
        rows = self.lists[list_id] = self.corpus.names(list_id)
        table = self._table(list_id)
        table.add_column("Name", width=32, key="name")
        table.add_column("Quotes" if list_id == "speakers" else "Mentions", key="count")
        table.add_column("Articles", key="articles")
        table.add_column("First", width=10, key="first")
        table.add_column("Last", width=10, key="last")
        table.add_rows(
            (
                _cell(r.name, 32),
                r.quotes if list_id == "speakers" else r.mentions,
                r.articles,
                _cell(r.first_date),
                _cell(r.last_date),
            )
            for r in rows
        )

    def action_show_list(self, list_id: str) -> None:
        self.list_id = list_id
        if list_id not in self.lists:
            self._fill(list_id)
        for other, _, _ in LISTS:
            self._table(other).display = other == list_id
        tabs = Text()
        for lid, title, _ in LISTS:
            tabs.append(f"{_KEYS[lid]} {title}", style="reverse" if lid == list_id else "")
            tabs.append("   ")
        self.query_one("#corpus-tabs", Static).update(tabs)
        if not self.hits:
            self._show_hits([], "Choose a name (enter) to see its quotes across the archive; / searches")
        self._table(list_id).focus()

    @on(DataTable.RowSelected, ".names")
    def _name_chosen(self, event: DataTable.RowSelected) -> None:
        rows = self.rows
        if 0 <= event.cursor_row < len(rows):
            row = rows[event.cursor_row]
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
            self.query_one("#hits", DataTable).focus()

    def _show_hits(self, hits: list[Hit], title: str) -> None:
        self.hits = hits
        self.query_one("#hits-title", Static).update(_cell(title))
        table = self.query_one("#hits", DataTable)
        table.clear()
        table.add_rows((_cell(h.title, 36), _cell(h.date), _cell(h.text, 300)) for h in hits)

    @on(DataTable.RowSelected, "#hits")
    def _hit_chosen(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.hits):
            hit = self.hits[event.cursor_row]
            same = [h for h in self.hits if h.article == hit.article and h.end > h.start]
            opener: Any = self.app
            opener.open_from_corpus(hit, same, self.query_text)

    # -- search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#corpus-search", Input)
        box.add_class("-open")
        box.value = ""
        box.focus()

    @on(Input.Submitted, "#corpus-search")
    def _search(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        event.input.remove_class("-open")
        hits = self.corpus.search(query) if query else []
        self.query_text = query
        self._show_hits(hits, f"/{query}: {len(hits):,} matches (quotes first, then article texts)")
        # After the box has gone: hiding a focused widget moves the focus on its own.
        self.call_after_refresh(self.query_one("#hits", DataTable).focus)

    def action_back(self) -> None:
        box = self.query_one("#corpus-search", Input)
        if box.has_class("-open"):
            box.remove_class("-open")
            self.call_after_refresh(self._table(self.list_id).focus)
        elif self.query_one("#hits", DataTable).has_focus:
            self._table(self.list_id).focus()

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
