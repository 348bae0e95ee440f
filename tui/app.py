"""The reader: article pane, sidebar of speakers and places, status line, search and help.

The app shows the text at once and analyses in a worker thread through `tui.runner` (the UI's
only door to the engine); results come back as messages and are applied on the UI thread. One
`ArticleState` per open file keeps its analysis, selection and scroll position.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.worker import get_current_worker

from .model import Analysis, Article
from .resources import read_style
from .safe_text import printable
from .screens.feed import FeedScreen, empty_analysis, placeholder_article
from .screens.help import HelpScreen, rows_of
from .text_search import Search, fold
from .web import Feed, FetchLimits
from .widgets.article_view import LAYERS, ArticleView
from .widgets.bars import Legend, StatusLine, TitleBar
from .widgets.origin import origin_line
from .widgets.palette import GoToProvider
from .widgets.search import SearchBar
from .widgets.sidebar import EntityList, Sidebar
from .widgets.targets import Row, Target, other_rows, owner_at, place_rows, quote_at, search_result, speaker_rows, target_for


def no_color_requested() -> bool:
    """NO_COLOR as Textual reads it (set at all, even empty), so both agree on what it means.

    Textual answers NO_COLOR with a grey-scale filter unless the app draws with native ANSI
    colours; then it strips colour entirely. We ask for ANSI so that no colour code at all
    reaches the terminal and the highlights live on bold, italic, underline and reverse alone.
    """
    return "NO_COLOR" in os.environ


NARROW = 90
SEARCH_PREVIEW = 50_000  # characters either side of the view searched at once on a long text  # below this many columns the sidebar becomes a toggle (ctrl+b)
LISTS = ("speakers", "places", "others")


def _settle_heap() -> None:
    """Move what the reader holds for good (the text, its layout, an analysis) out of the garbage
    collector's sight. A full collection walks every object: with a 2 MB article open that took
    0.2 s, a frozen screen whenever decoding a partial analysis triggered one. Nothing leaks: an
    article or analysis is plain dataclasses without reference cycles, freed by its reference
    count when replaced, and the widgets live as long as the app."""
    gc.freeze()


@dataclass
class ArticleState:
    """Everything that belongs to one open file and survives switching away from it."""

    article: Article
    analysis: Analysis | None = None
    partial: Analysis | None = None  # shown while a long text is still being analysed
    error: str | None = None
    progress: tuple[int, int] | None = None
    target: Target | None = None
    scroll_y: float = 0.0
    highlighted: dict[str, str | None] = field(default_factory=dict)
    _folded: str | None = None

    @property
    def folded(self) -> str:
        """The text case-folded once for searching (`text_search.fold`), made on first use."""
        if self._folded is None:
            self._folded = fold(self.article.text)
        return self._folded

    @property
    def shown(self) -> Analysis | None:
        """What the screen shows: the analysis, or the partial one while it grows."""
        return self.analysis or self.partial


class AnalysisProgress(Message):
    def __init__(self, index: int, done: int, total: int) -> None:
        super().__init__()
        self.index, self.done, self.total = index, done, total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress) and message.index == self.index


class AnalysisReady(Message):
    def __init__(self, index: int, analysis: Analysis) -> None:
        super().__init__()
        self.index, self.analysis = index, analysis


class AnalysisPartial(Message):
    """An analysis of a growing beginning of a long text; each replaces the one before."""

    def __init__(self, index: int, analysis: Analysis) -> None:
        super().__init__()
        self.index, self.analysis = index, analysis

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisPartial) and message.index == self.index


class AnalysisFailed(Message):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__()
        self.index, self.reason = index, reason


class NewsReaderApp(App[int]):
    CSS = read_style()
    COMMANDS = App.COMMANDS | {GoToProvider}
    TITLE = "newsreader"

    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", tooltip="Show this list of keys", id="app.help"),
        Binding("slash", "search", "Search", tooltip="Search the article (incremental, case-insensitive)", id="app.search"),
        Binding("n", "walk(1)", "Next", tooltip="Next mention, quote or match of the selection (wraps)", id="app.next"),
        Binding("N", "walk(-1)", "Previous", show=False, tooltip="Previous mention, quote or match (wraps)", id="app.previous"),
        Binding("s", "focus_list('speakers')", "Speakers", tooltip="Go to the Speakers list", id="app.speakers"),
        Binding("p", "focus_list('places')", "Places", tooltip="Go to the Places list", id="app.places"),
        Binding(
            "o",
            "focus_list('others')",
            "Also mentioned",
            show=False,
            tooltip="Go to the Also mentioned list (people and organisations not quoted)",
            id="app.others",
        ),
        Binding("a", "focus_article", "Article", show=False, tooltip="Go back to the article", id="app.article"),
        Binding("w", "who_said", "Who said it", show=False, tooltip="From the quote in view to its speaker", id="app.who_said"),
        Binding(
            "escape", "clear", "Clear selection", show=False, tooltip="Clear the selection (or cancel the search)", id="app.clear"
        ),
        Binding(
            "left_square_bracket", "switch(-1)", "Previous file", show=False, tooltip="Previous open file", id="app.previous_file"
        ),
        Binding("right_square_bracket", "switch(1)", "Next file", show=False, tooltip="Next open file", id="app.next_file"),
        Binding(
            "1",
            "toggle_layer('people')",
            "Toggle people",
            show=False,
            tooltip="Show or hide the people highlights",
            id="app.layer_people",
        ),
        Binding(
            "2",
            "toggle_layer('places')",
            "Toggle places",
            show=False,
            tooltip="Show or hide the place highlights",
            id="app.layer_places",
        ),
        Binding(
            "3",
            "toggle_layer('organizations')",
            "Toggle organisations",
            show=False,
            tooltip="Show or hide the organisation highlights",
            id="app.layer_organizations",
        ),
        Binding(
            "4",
            "toggle_layer('quotes')",
            "Toggle quotes",
            show=False,
            tooltip="Show or hide the quote highlights",
            id="app.layer_quotes",
        ),
        Binding("f", "feeds", "Feeds", show=False, tooltip="Back to the feed (when one is open)", id="app.feeds"),
        Binding(
            "ctrl+b",
            "toggle_sidebar",
            "Sidebar",
            show=False,
            tooltip="Show or hide the sidebar (hidden below 90 columns)",
            id="app.sidebar",
        ),
    ]

    def __init__(
        self,
        articles: list[Article],
        *,
        model: str | None = None,
        use_cache: bool = True,
        ascii_only: bool = False,
        theme_name: str | None = None,
        analyses: Sequence[Analysis | None] | None = None,
        feeds: Sequence[Feed] = (),
        notices: Sequence[str] = (),
        fetch_limits: FetchLimits | None = None,
    ) -> None:
        """`analyses`, when given, supplies ready analyses by position (None: analyse it).
        `feeds` open on the feed screen; `notices` (sources that failed) are shown at start."""
        super().__init__(ansi_color=True if no_color_requested() else None)
        self.feeds = list(feeds)
        self.notices = list(notices)
        self.fetch_limits = fetch_limits or FetchLimits()
        self.placeholder = not articles and bool(self.feeds)  # nothing to read until an item is opened
        if self.placeholder:
            articles, analyses = [placeholder_article(self.feeds[0])], [empty_analysis(self.feeds[0].source)]
        if not articles:
            raise ValueError("NewsReaderApp needs at least one article")
        self.articles = articles
        self.model_name = model
        self.use_cache = use_cache
        self.ascii_only = ascii_only
        self.theme_name = theme_name
        given = list(analyses or [])
        self.states = [ArticleState(a, given[i] if i < len(given) else None) for i, a in enumerate(articles)]
        self.current = 0
        self.sidebar_forced: bool | None = None  # None: follow the width
        self.started = time.monotonic()
        self._map_offsets: tuple[Target | None, list[int]] = (None, [])
        self._search: Search | None = None  # the search being typed, found a slice at a time
        if os.environ.get("SSH_CONNECTION") and "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"  # every animated frame is bytes on a remote link

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        yield Legend(id="legend")
        with Horizontal(id="main"):
            yield ArticleView(ascii_only=self.ascii_only, id="article")
            yield Sidebar(ascii_only=self.ascii_only, id="sidebar")
        yield SearchBar(id="search")
        yield StatusLine(id="status")
        # The footer comes after the first paint (`_mount_footer`): a widget per key, styled one
        # by one, it cost more than the rest of the first frame together.

    def on_mount(self) -> None:
        if self.theme_name and self.theme_name in self.available_themes:
            self.theme = self.theme_name
        self._match_colour_depth()
        if self.ascii_only:
            self.add_class("-ascii")  # on the app, so the help screen's frame follows it too
        self.view = self.query_one(ArticleView)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.watch(self.view, "scroll_y", self._view_scrolled, init=False)
        self._apply_width(self.size.width)
        self._load(0)
        self.view.focus()
        self.call_after_refresh(self._mount_footer, self.screen)
        for notice in self.notices:
            self.notify(printable(notice), severity="error", timeout=8, markup=False)
        if self.feeds:
            self.install_screen(
                FeedScreen(self.feeds, self.fetch_limits, ascii_only=self.ascii_only, has_articles=not self.placeholder), "feeds"
            )
            self.push_screen("feeds")
        pending = [i for i, s in enumerate(self.states) if s.analysis is None]
        if pending:
            # After the first paint: even a cache hit costs imports and unpickling, which would
            # compete with the first frame for the interpreter.
            self.call_after_refresh(self._analyse, pending)

    async def _mount_footer(self, screen: Screen) -> None:
        # The palette hint is drawn with a box glyph; an ASCII terminal gets the keys only.
        await screen.mount(Footer(show_command_palette=not self.ascii_only))
        _settle_heap()

    # -- analysis in the background --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis", name="analysis")
    def _analyse(self, order: list[int]) -> None:
        """Analyse files in order; each result is posted as soon as it exists."""
        from .runner import AnalysisCancelled, run_analysis

        worker = get_current_worker()
        for index in order:
            if worker.is_cancelled:
                return
            last = [-1]

            def progress(done: int, total: int, index: int = index, last: list[int] = last) -> None:
                percent = 100 * done // max(1, total)
                if percent != last[0]:
                    last[0] = percent
                    self.post_message(AnalysisProgress(index, done, total))

            self.post_message(AnalysisProgress(index, 0, 1))
            try:
                analysis = run_analysis(
                    self.states[index].article,
                    self.model_name,
                    use_cache=self.use_cache,
                    progress=progress,
                    on_partial=partial(self._post_partial, index),
                    should_stop=lambda: worker.is_cancelled,
                )
            except AnalysisCancelled:
                return
            except Exception as exc:  # the text stays readable; the status line says why
                self.post_message(AnalysisFailed(index, " ".join(str(exc).split()) or type(exc).__name__))
                continue
            self.post_message(AnalysisReady(index, analysis))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        self.states[message.index].progress = (message.done, message.total)
        if message.index == self.current:
            self._refresh_status()

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        state = self.states[message.index]
        state.analysis, state.progress = message.analysis, None
        if message.index == self.current:
            self.view.set_analysis(state.analysis)
            self._fill_sidebar()
            self._refresh_all()
        _settle_heap()

    def _post_partial(self, index: int, analysis: Analysis) -> None:
        self.post_message(AnalysisPartial(index, analysis))

    def on_analysis_partial(self, message: AnalysisPartial) -> None:
        state = self.states[message.index]
        if state.analysis is not None:
            return
        state.partial = message.analysis
        if message.index == self.current:
            self.view.set_analysis(message.analysis)
            self._fill_sidebar()
            self._refresh_all()
        _settle_heap()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        state = self.states[message.index]
        state.error, state.progress = message.reason, None
        if message.index == self.current:
            self._fill_sidebar()
            self._refresh_status()

    @property
    def state(self) -> ArticleState:
        return self.states[self.current]

    @property
    def analysis_settled(self) -> bool:
        """True once every open file has an analysis or an error (tests wait on this)."""
        return all(s.analysis is not None or s.error is not None for s in self.states)

    async def wait_for_analysis(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.analysis_settled:
            if time.monotonic() > deadline:
                raise TimeoutError("analysis did not finish")
            await asyncio.sleep(0.05)
        await asyncio.sleep(0)

    # -- switching files ------------------------------------------------------------------------

    def _load(self, index: int) -> None:
        self.current = index
        state = self.state
        self.view.show(state.article, state.shown)
        self._fill_sidebar()
        self._show_target(reveal=False)
        self.view.scroll_to(y=state.scroll_y, animate=False, immediate=True)
        self._refresh_all()

    def action_switch(self, delta: int) -> None:
        if len(self.states) < 2:
            self.notify("Only one file is open.", timeout=2)
            return
        self.state.scroll_y = self.view.scroll_y
        for list_id in LISTS:
            option = self.query_one(f"#{list_id}", EntityList).highlighted_option
            self.state.highlighted[list_id] = option.id if option else None
        self._load((self.current + delta) % len(self.states))

    def action_feeds(self) -> None:
        if not self.feeds:
            self.notify("No feed is open.", timeout=2)
            return
        self.push_screen("feeds")

    def add_article(self, article: Article) -> None:
        """Open an article fetched from a feed and show it; it joins `[` / `]`."""
        self.state.scroll_y = self.view.scroll_y
        same = [i for i, s in enumerate(self.states) if article.url and s.article.url == article.url]
        if same:
            self.states[same[0]].article.warnings[:] = article.warnings
            index = same[0]
        elif self.placeholder:
            self.placeholder, self.states[0], index = False, ArticleState(article), 0
        else:
            self.states.append(ArticleState(article))
            index = len(self.states) - 1
        self._load(index)
        for warning in article.warnings:
            self.notify(printable(warning), severity="warning", timeout=6, markup=False)
        pending = [i for i, s in enumerate(self.states) if s.analysis is None and s.error is None]
        if pending:
            # After the paint, as at start: the worker's imports would hold up the first frame.
            self.call_after_refresh(self._analyse, sorted(pending, key=lambda i: i != index))

    # -- sidebar --------------------------------------------------------------------------------

    def sidebar_rows(self) -> dict[str, list[Row]]:
        analysis = self.state.shown
        if analysis is None:
            return {}
        return {"speakers": speaker_rows(analysis), "places": place_rows(analysis), "others": other_rows(analysis)}

    def _fill_sidebar(self) -> None:
        state = self.state
        waiting = "analysis failed" if state.error else ("analysing..." if self.ascii_only else "analysing…")
        rows = self.sidebar_rows()
        palette = self.view.speaker_palette()
        for list_id in LISTS:
            lst = self.query_one(f"#{list_id}", EntityList)
            lst.set_rows(rows.get(list_id) if state.shown else None, waiting, palette)
            chosen = state.highlighted.get(list_id)
            if chosen:
                lst.highlight_id(chosen)

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_list.id in LISTS:
            self.select_option(event.option_list.id, event.option_id, focus=False)

    def select_option(self, list_id: str, option_id: str, *, focus: bool = True, at: int | None = None) -> None:
        """Make a sidebar row the target and jump to its first mention (or the one at `at`)."""
        analysis = self.state.shown
        if analysis is None:
            return
        target = target_for(analysis, option_id)
        if target is None:
            return
        if at is not None:
            # From the text itself (a click, a quote in view): the walk continues from there and
            # the view stays where the reader is looking.
            inside = [i for i, (start, end) in enumerate(target.walk) if start <= at < end]
            if inside:
                target.index = inside[0]
            else:
                target.seek(at, 1)
        if focus:
            self._show_sidebar_if_narrow()
        lst = self.query_one(f"#{list_id}", EntityList)
        lst.highlight_id(option_id)
        if focus:
            self.screen.set_focus(lst)
        self.state.target = target
        self._show_target(reveal=at is None, fresh=True)

    def action_focus_list(self, list_id: str) -> None:
        self._show_sidebar_if_narrow()
        lst = self.query_one(f"#{list_id}", EntityList)
        self.screen.set_focus(lst)  # now, not after a refresh: keys typed right after must land here
        if lst.highlighted is None and lst.option_count:
            lst.highlighted = 0

    def action_focus_article(self) -> None:
        self.screen.set_focus(self.view)

    # -- target walking -------------------------------------------------------------------------

    def _show_target(self, reveal: bool, fresh: bool = False) -> None:
        target = self.state.target
        if target is None:
            self.view.set_marks([], None)
            self.view.refresh()
        else:
            self.view.set_marks(target.marks, target.current, search=target.kind == "search")
            if reveal and target.current is not None:
                self.view.reveal(*target.current, fresh=fresh)
        self._refresh_all()

    def action_walk(self, delta: int) -> None:
        target = self.state.target
        if target is None:
            self._refresh_status("Nothing selected: choose a speaker (s) or place (p), or search (/)")
            return
        target.step(delta)
        self._show_target(reveal=True)

    def action_clear(self) -> None:
        search = self.query_one(SearchBar)
        if search.has_class("-open"):
            self._close_search(keep=False)
            return
        self.state.target = None
        for list_id in LISTS:
            self.query_one(f"#{list_id}", EntityList).highlighted = None
        self._show_target(reveal=False)

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        analysis = self.state.shown
        if analysis is None:
            return
        owner = owner_at(analysis, message.offset)
        if owner:
            list_id = self._list_of(owner)
            if list_id:
                self.select_option(list_id, owner, focus=False, at=message.offset)

    def _list_of(self, option_id: str) -> str | None:
        for list_id, rows in self.sidebar_rows().items():
            if any(r.option_id == option_id for r in rows):
                return list_id
        return None

    def _quote_in_view(self):
        analysis = self.state.shown
        if analysis is None or not analysis.quotes:
            return None
        target = self.state.target
        start, end = self.view.visible_span()
        if target and target.current and target.current[0] < end and target.current[1] > start:
            quote = quote_at(analysis, *target.current)
            if quote:
                return quote
        return quote_at(analysis, start, end)

    def action_who_said(self) -> None:
        quote = self._quote_in_view()
        if quote is None or quote.speaker_id is None:
            self._refresh_status("No attributed quote in view")
            return
        self.select_option("speakers", f"speaker:{quote.speaker_id}", focus=True, at=quote.outer_start)

    # -- search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one(SearchBar)
        search.add_class("-open")
        search.value = ""
        self.screen.set_focus(search)

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        query = event.value
        if not query:
            self.state.target = None
            self._show_target(reveal=False)
            return
        search = Search(self.state.folded, query, previous=self._search)
        self._search = search
        top, bottom = self.view.visible_span()
        if search.advance():
            target = search_result(search)
        else:  # a long text: the matches around the view now, the rest a slice per turn
            target = search_result(search, search.near(max(0, top - SEARCH_PREVIEW), bottom + SEARCH_PREVIEW))
            self.call_later(self._search_more, search)
        target.seek(top - 1, 1)
        self.state.target = target
        self._show_target(reveal=True)

    def _search_more(self, search: Search) -> None:
        """One slice of a search; keys typed meanwhile come first (each waits one slice at most)."""
        target = self.state.target
        if search is not self._search or target is None or target.kind != "search" or target.key != search.query:
            return  # superseded by another keystroke, or the search was cancelled
        if not search.advance():
            self.call_later(self._search_more, search)
            return
        current = target.current
        full = search_result(search)
        if current is not None:
            full.seek(current[0] - 1, 1)
        self.state.target = full
        self._show_target(reveal=False)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        self._close_search(keep=True)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self._close_search(keep=False)

    def _close_search(self, keep: bool) -> None:
        search = self.query_one(SearchBar)
        search.remove_class("-open")
        if not keep and self.state.target and self.state.target.kind == "search":
            self.state.target = None
            self._show_target(reveal=False)
        self.screen.set_focus(self.view)

    # -- layers, sidebar, help ------------------------------------------------------------------

    def action_toggle_layer(self, layer: str) -> None:
        self.view.set_layers(**{layer: not self.view.shown_layers[layer]})
        self._refresh_legend()

    def action_toggle_sidebar(self) -> None:
        shown = self.query_one("#sidebar").display
        self.sidebar_forced = not shown
        self._apply_width(self.size.width)

    def _show_sidebar_if_narrow(self) -> None:
        if not self.query_one("#sidebar").display:
            self.sidebar_forced = True
            self._apply_width(self.size.width)

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW
        show = self.sidebar_forced if self.sidebar_forced is not None else not narrow
        self.screen.set_class(narrow, "-narrow")
        sidebar = self.query_one("#sidebar")
        sidebar.display = show
        if not show and sidebar.has_focus_within:
            self.view.focus()

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [
            (
                "Everywhere",
                rows_of([b for b in self.BINDINGS if isinstance(b, Binding)])
                + [
                    ("tab / shift+tab", "Move focus between article and lists"),
                    ("ctrl+p", "Command palette: go to speaker/place …"),
                ],
            ),
            ("Article", rows_of(ArticleView.BINDINGS) + [("click", "Select the person, place or speaker under the pointer")]),
            (
                "Lists",
                rows_of(EntityList.BINDINGS)
                + [("↑ / ↓", "Move"), ("enter / click", "Select: jump to the first mention, mark all")],
            ),
            ("Search", [("enter", "Keep the matches for n / N"), ("esc", "Cancel the search")]),
            ("Feed", [("enter", "Fetch the item and open it beside the other files"), *rows_of(FeedScreen.BINDINGS)]),
        ]

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections(), ascii_only=self.ascii_only))

    # -- drawing the bars ----------------------------------------------------------------------

    def _match_colour_depth(self) -> None:
        """In 16 colours a theme's shades collapse (half the speakers came out the same grey), so
        the stylesheet's `-colours-16` rules give each highlight a colour of its own there.
        ANSI themes already speak in the terminal's 16 colours and keep theirs. A headless app
        (tests, screenshots) draws for no terminal, so the TERM it happens to inherit is ignored."""
        sixteen = self.console.color_system == "standard" and not self.native_ansi_color and not self.is_headless
        self.set_class(sixteen, "-colours-16")

    def _theme_changed(self, _theme) -> None:
        """Swatches in the sidebar and legend are drawn with the theme's colours: redraw them."""
        self._match_colour_depth()
        self.call_after_refresh(self._fill_sidebar)
        self.call_after_refresh(self._refresh_legend)

    def _view_scrolled(self, _old: float, _new: float) -> None:
        if self.view.has_focus:
            self._refresh_status()

    def on_descendant_focus(self, _event) -> None:
        self._refresh_status()

    def _refresh_all(self) -> None:
        self._refresh_title()
        self._refresh_legend()
        self._refresh_status()
        self._refresh_map()

    def _refresh_title(self) -> None:
        state = self.state
        position = f"{self.current + 1}/{len(self.states)}" if len(self.states) > 1 else ""
        self.query_one(TitleBar).show(state.article.title, origin_line(state.article, ascii_only=self.ascii_only), position)
        self.title = printable(state.article.title)
        self.sub_title = printable(state.article.source)

    def _refresh_legend(self) -> None:
        self.query_one(Legend).show(dict(self.view.shown_layers), {layer: self.view.layer_style(layer) for layer in LAYERS})

    def _refresh_map(self) -> None:
        target = self.state.target
        if target is None:
            self.view.set_map([], None)
            return
        if self._map_offsets[0] is not target:  # sorted once per target
            self._map_offsets = (target, sorted(s for s, _ in target.walk))
        self.view.set_map(self._map_offsets[1], target.current[0] if target.current else None)

    @property
    def _dash(self) -> str:
        return " - " if self.ascii_only else " — "

    def _refresh_status(self, message: str | None = None) -> None:
        state = self.state
        right = []
        if state.error:
            right.append(f"analysis failed: {state.error}")
        elif state.analysis is None:
            done, total = state.progress or (0, 1)
            right.append(f"analysing {100 * done // max(1, total)}%")
        if len(self.states) > 1:
            right.append(f"{self.current + 1}/{len(self.states)}")
        note = ""
        if message is not None:
            left = message
        elif state.target is not None:
            left = f"{state.target.label}{self._dash}{state.target.counter()}"
        elif state.shown is None:
            left = "Reading; highlights follow when the analysis is done"
        else:
            left = "Choose a speaker (s) or place (p), or search (/)"
        if self.view.has_focus and (quote := self._quote_in_view()) is not None:
            speaker = state.shown.speaker(quote.speaker_id) if state.shown and quote.speaker_id else None
            who = speaker.name if speaker else "unattributed"
            excerpt = quote.text if len(quote.text) <= 36 else quote.text[:35].rstrip() + ("..." if self.ascii_only else "…")
            opening, closing = ('"', '"') if self.ascii_only else ("“", "”")
            note = f"{opening}{excerpt}{closing}{self._dash}{who}" + ("  (w: go to speaker)" if speaker else "")
        self.query_one(StatusLine).show(left, "  ".join(right), note)
