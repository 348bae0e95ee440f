"""The reader: article pane, sidebar of speakers and places, status line, search and help.

The app shows the text at once and analyses in a worker thread through `tui.runner` (the UI's
only door to the engine); results come back as messages and are applied on the UI thread. One
`ArticleState` per open file keeps its analysis, selection and scroll position.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Self

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList
from textual.worker import get_current_worker

from .model import Analysis, Article
from .resources import read_style
from .safe_text import printable
from .serve import stagger
from .shared_css import SharedStylesheet, css_variables
from .text_search import Search, fold
from .userdata.config import Config
from .userdata.state import ReadingState, load_state, save_state
from .widgets.article_view import LAYERS, ArticleView, Highlights, highlights
from .widgets.bars import Legend, StatusLine, TitleBar
from .widgets.origin import origin_line
from .widgets.palette import GoToProvider
from .widgets.search import SearchBar
from .widgets.sidebar import EntityList, Sidebar, sidebar_width
from .widgets.status_fit import Part, quote_parts
from .widgets.targets import (
    QuoteIndex,
    Row,
    Target,
    other_rows,
    owner_at,
    place_rows,
    search_result,
    search_target,
    speaker_rows,
    target_for,
)

if TYPE_CHECKING:  # the screens, reports and feeds are imported when first used, not at start-up
    from .userdata.corrections import Correction
    from .web import Feed, FetchLimits


def no_color_requested() -> bool:
    """NO_COLOR as Textual reads it (set at all, even empty), so both agree on what it means.

    Textual answers NO_COLOR with a grey-scale filter unless the app draws with native ANSI
    colours; then it strips colour entirely. We ask for ANSI so that no colour code at all
    reaches the terminal and the highlights live on bold, italic, underline and reverse alone.
    """
    return "NO_COLOR" in os.environ


NARROW = 90  # below this many columns the sidebar becomes a toggle (ctrl+b)
SEARCH_PREVIEW = 20_000  # characters either side of the view searched at once on a long text
# Previous matches re-checked before the frame when a query grows: "peac" to "peace" finishes at
# once, "p" to "pe" on 2 MB (34,000 of them) waits for the slices after the frame.
SEARCH_QUICK_CANDIDATES = 2_000
# How long the UI thread leaves the cores alone after a keystroke's frame before the search's
# slices start: Textual writes the frame from a thread of its own, which slices run back to back
# kept from the interpreter (and, on 2 busy cores, from a core) for up to 50 ms.
SEARCH_WRITE_GRACE = 0.004
LISTS = ("speakers", "places", "others")
# The reader's own input: it ends a status message (a mouse merely passing over does not).
USER_INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


def _settle_heap() -> None:
    """Move what the reader holds for good (the text, its layout, an analysis) out of the garbage
    collector's sight. A full collection walks every object: with a 2 MB article open that took
    0.2 s, a frozen screen whenever decoding a partial analysis triggered one. Nothing leaks: an
    article or analysis is plain dataclasses without reference cycles, freed by its reference
    count when replaced, and the widgets live as long as the app. The CLI holds collections off
    until the first frame (`cli.run_reader`): they resume here."""
    gc.freeze()
    gc.enable()


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


@dataclass(frozen=True)
class Prepared:
    """What showing an analysis takes, made by the thread that received it: the article view's
    highlights and the sidebar's rows. The UI thread only swaps them in, so a key pressed while
    a long text is analysed waits for no span building."""

    highlights: Highlights
    rows: dict[str, list[Row]]
    quotes: QuoteIndex | None = None


def rows_of(analysis: Analysis) -> dict[str, list[Row]]:
    return {"speakers": speaker_rows(analysis), "places": place_rows(analysis), "others": other_rows(analysis)}


class AnalysisReady(Message):
    """A complete analysis. From the analysis thread it comes with the corrections applied
    (`raw` is the analysis before them, `notes` what applying them reported) and `prepared`."""

    def __init__(
        self,
        index: int,
        analysis: Analysis,
        *,
        raw: Analysis | None = None,
        notes: Sequence[str] = (),
        prepared: Prepared | None = None,
    ) -> None:
        super().__init__()
        self.index, self.analysis = index, analysis
        self.raw, self.notes, self.prepared = raw, list(notes), prepared


class AnalysisPartial(Message):
    """An analysis of a growing beginning of a long text; each replaces the one before."""

    def __init__(self, index: int, analysis: Analysis, prepared: Prepared | None = None) -> None:
        super().__init__()
        self.index, self.analysis, self.prepared = index, analysis, prepared

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisPartial) and message.index == self.index


class AnalysisFailed(Message):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__()
        self.index, self.reason = index, reason


class ReaderScreen(Screen):
    """The reader's screen. Its first frame is drawn whole, so the repaints its widgets asked for
    while they were mounted and filled are already on screen: they are dropped, not drawn again.
    Textual keeps them and sent the title, legend, article, sidebar and status line again in the
    next frames (two to three more whole screens, ~6 KB each, often read by a terminal together
    with the first: in the benchmark's pty the headline showed ~50 ms after the first frame was
    rendered, ~30 ms now). So is the whole repaint Textual asks for when the screen resumes,
    right after drawing that frame there."""

    _first_frame_drawn = False
    _resuming = False  # in the handling of ScreenResume
    _drawn_on_resume = False  # the first frame was drawn whole while resuming: no repaint to follow

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler (Textual calls each class's in turn); which draws the
        # first frame when the screen is first shown, then asks for a whole repaint (`refresh`).
        self._resuming = True
        self.call_next(self._resumed)

    def _resumed(self) -> None:
        self._resuming = self._drawn_on_resume = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._drawn_on_resume and not (regions or layout or recompose):
            self._drawn_on_resume = False
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _compositor_refresh(self) -> None:
        if not self._first_frame_drawn and self is self.app.screen and self.size.region in self._compositor._dirty_regions:
            self._first_frame_drawn = True
            self._drawn_on_resume = self._resuming
            app = self.app
            if isinstance(app, NewsReaderApp):
                app.before_first_frame(self)
            for widget in self._compositor.visible_widgets:
                widget._repaint_required = False
                widget._repaint_regions.clear()
        super()._compositor_refresh()


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
        Binding(
            "m",
            "walk_mentions",
            "Quotes / mentions",
            show=False,
            tooltip="Walk the speaker's plain mentions instead of their quotes (and back)",
            id="app.walk_mentions",
        ),
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
        Binding("i", "feeds", "Feed items", show=False, tooltip="Back to the feed's items (when a feed is open)", id="app.feeds"),
        Binding("Q", "quotes", "Quotes", show=False, tooltip="List every quote: filter, sort, copy, jump", id="app.quotes"),
        Binding(
            "f", "pick_file", "Files", show=False, tooltip="Pick one of the open files (name, headline, quotes)", id="app.files"
        ),
        Binding("F", "search_all", "Search all", show=False, tooltip="Search all open files", id="app.search_all"),
        Binding(
            "t", "outline", "Outline", show=False, tooltip="Outline: subheads and who speaks when, to jump to", id="app.outline"
        ),
        Binding(
            "y", "copy_quote", "Copy quote", show=False, tooltip="Copy the quote in view with its attribution", id="app.copy"
        ),
        Binding(
            "c",
            "correct",
            "Correct",
            show=False,
            tooltip="Correct the quote in view, or the selected list entry",
            id="app.correct",
        ),
        Binding("u", "undo", "Undo", show=False, tooltip="Undo the last correction of this article", id="app.undo"),
        Binding("e", "export", "Report", show=False, tooltip="Write a who-said-what report of the open files", id="app.export"),
        Binding(
            "ctrl+b",
            "toggle_sidebar",
            "Sidebar",
            show=False,
            tooltip="Show or hide the sidebar (hidden below 90 columns)",
            id="app.sidebar",
        ),
        # The same key, shown in the footer only while the sidebar is hidden (see check_action).
        Binding(
            "ctrl+b",
            "show_sidebar",
            "Sidebar",
            tooltip="Show or hide the sidebar (hidden below 90 columns)",
            id="app.sidebar_shown_in_footer",
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
        fresh: bool = False,
        config: Config | None = None,
    ) -> None:
        """`analyses`, when given, supplies ready analyses by position (None: analyse it).
        `feeds` open on the feed screen; `notices` (sources that failed) are shown at start."""
        super().__init__(ansi_color=True if no_color_requested() else None)
        # The same variables, with the rules the SSH zygote parsed when it did (tui.shared_css).
        self.stylesheet = SharedStylesheet(variables=self.theme_variables)
        self.feeds = list(feeds)
        self.notices = list(notices)
        self.fetch_limits = fetch_limits  # None: the defaults, made when a feed is opened
        self.placeholder = not articles and bool(self.feeds)  # nothing to read until an item is opened
        if self.placeholder:
            from .screens.feed import empty_analysis, placeholder_article

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
        self._quote_index: QuoteIndex | None = None
        self._status_after_frame = False  # a scroll's status line is on its way (`_view_scrolled`)
        self._message: str | None = None  # shown in the status line until the reader's next key or click
        self._search: Search | None = None  # the search being typed, found a slice at a time
        self._search_retired: list[object] = []  # replaced searches, let go after the frame
        self._search_keys = 0  # keystrokes in the search bar, so a frame's follow-up knows it is the last
        self.crashed = False  # set with crash_log by _fatal_error; the CLI then exits 70
        self.crash_log: Path | None = None
        self._raw: dict[int, Analysis] = {}  # each file's analysis before the user's corrections
        self.fresh = fresh  # --fresh: start at the top, ignoring where each article was left
        self.config = config or Config()
        self.default_layers = {layer: self.config.layers.get(layer, True) for layer in LAYERS}
        self._layers: dict[int, dict[str, bool]] = {}  # highlight layers per open file
        self._recalled: dict[int, ReadingState] = {}  # a stored selection waiting for its analysis
        self._seen: set[int] = set()
        self._search_origin: tuple[float, Target | None] = (0.0, None)  # where `/` began: esc returns
        self._held_keys: list[events.Key] | None = []  # None once the lists and search bar are mounted
        self._late_mounted = False  # the lists and the search bar, just after the first frame
        if os.environ.get("SSH_CONNECTION") and "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"  # every animated frame is bytes on a remote link

    def get_default_screen(self) -> Screen:
        return ReaderScreen(id="_default")

    def before_first_frame(self, screen: Screen) -> None:
        """Just before the reader's first frame is drawn on `screen`, its layout done: the article
        is laid out at the width the view was given (`ArticleView.lay_out_now`), and the title bar
        and status line are fitted to theirs, so that frame draws them as they stay."""
        for view in screen.query(ArticleView).results():
            view.lay_out_now()
        for bar in screen.query(TitleBar).results():
            bar.fit_width()
        for line in screen.query(StatusLine).results():
            line.fit_width()

    def get_css_variables(self) -> dict[str, str]:
        # Computed once per theme (tui.shared_css): Textual builds them anew at each call.
        return css_variables(self, super().get_css_variables)

    def _fatal_error(self) -> None:
        """Textual's own prints a traceback with local variables (article text, paths) on the
        terminal, which may be an SSH client: record the stack in a crash log instead (tui.crash)."""
        from . import crash, hangup

        self.crashed = True
        if hangup.gone():  # the error is the terminal going away, not a bug: no log
            self._close_messages_no_wait()
            return
        self.crash_log = crash.record(sys.exc_info()[1] or RuntimeError("unhandled error"))
        self._close_messages_no_wait()

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        yield Legend(id="legend")
        with Horizontal(id="main"):
            view = ArticleView(ascii_only=self.ascii_only, id="article")
            yield view
            yield view.overview
            yield Sidebar(ascii_only=self.ascii_only, id="sidebar")
        yield StatusLine(id="status")
        # The search bar (hidden until `/`) comes after the first paint too (`_mount_footer`).
        # The footer comes after the first paint (`_mount_footer`): a widget per key, styled one
        # by one, it cost more than the rest of the first frame together.

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        for note in self.config.warnings:
            self.notify(printable(note), severity="warning", timeout=10, markup=False)
        if self.theme_name and self.theme_name in self.available_themes:
            self.theme = self.theme_name
        self.view = self.query_one(ArticleView)
        self.sidebar = self.query_one(Sidebar)
        self._match_colour_depth()
        if self.ascii_only:
            self.add_class("-ascii")  # on the app, so the help screen's frame follows it too
        self.set_class(no_color_requested(), "-no-color")
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.watch(self.view, "scroll_y", self._view_scrolled, init=False)
        self._apply_width(self.size.width)
        for index, state in enumerate(self.states):
            if state.analysis is not None:
                state.analysis = self._with_corrections(index, state.analysis)
        self._recall()
        self._load(0)
        self.view.focus()
        self.call_after_refresh(self._mount_footer, self.screen)
        for notice in self.notices:
            self.notify(printable(notice), severity="error", timeout=8, markup=False)
        if self.feeds:
            from .screens.feed import FeedScreen
            from .web.limits import FetchLimits

            self.install_screen(
                FeedScreen(
                    self.feeds, self.fetch_limits or FetchLimits(), ascii_only=self.ascii_only, has_articles=not self.placeholder
                ),
                "feeds",
            )
            self.push_screen("feeds")
        pending = [i for i, s in enumerate(self.states) if s.analysis is None]
        if pending:
            # After the first paint: even a cache hit costs imports and unpickling, which would
            # compete with the first frame for the interpreter.
            self.call_after_refresh(self._analyse_after_first_frames, pending)

    async def _analyse_after_first_frames(self, pending: list[int]) -> None:
        await stagger.siblings_painted()
        self._analyse(pending)

    async def on_event(self, event: events.Event) -> None:
        """Keys that come before the sidebar's lists and the search bar are mounted (typed ahead,
        before the first frame) wait for them: `tab`, `s`, `p` or `/` must find them there."""
        if self._held_keys is not None and isinstance(event, events.Key) and not event.is_forwarded:
            self._held_keys.append(event)
            return
        if isinstance(event, USER_INPUT) and not event.is_forwarded:
            self._message = None  # read: the status line may describe the view again
        await super().on_event(event)

    def _list(self, list_id: str) -> EntityList:
        """One of the sidebar's lists, mounted or not yet (`Sidebar.mount_lists`)."""
        return self.sidebar.by_id[list_id]

    async def _mount_footer(self, screen: Screen) -> None:
        # The sidebar's lists come after the first paint, as the footer does: three option
        # lists and their headings, styled each in turn, were a fifth of the first frame's
        # work. They are filled meanwhile; the article is the first thing painted.
        # Once, though a subclass's on_mount (the corpus view's) runs this one's a second time.
        if not self._late_mounted:
            self._late_mounted = True
            try:
                # An SSH session forked with others lets their first frames go first (tui.serve.stagger).
                await stagger.siblings_painted()
                # With the search bar, hidden until `/`: an Input, whose stylesheet and styling
                # were as much again as ours.
                reader = self.view.screen  # the reader's screen, whatever screen is on top
                await asyncio.gather(
                    self.sidebar.mount_lists(),
                    reader.mount(SearchBar(id="search", typed=self._search_typed), before=reader.query_one(StatusLine)),
                )
            finally:
                held, self._held_keys = self._held_keys, None
                for key in held or ():  # in the order typed, ahead of any key that comes later
                    self.post_message(key)
        # KeyFooter: Textual's Footer leaks a watcher per key at every focus change (the soak test).
        # The palette hint is drawn with a box glyph; an ASCII terminal gets the keys only.
        from .widgets.footer import KeyFooter  # with Textual's Footer: not needed for the first frame

        await screen.mount(KeyFooter(show_command_palette=not self.ascii_only))
        _settle_heap()

    # -- analysis in the background --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis", name="analysis")
    def _analyse(self, order: list[int]) -> None:
        """Analyse files in order; each result is posted as soon as it exists."""
        worker = get_current_worker()
        try:
            self._analyse_each(order, worker)
        finally:
            gc.enable()

    def _analyse_each(self, order: list[int], worker) -> None:
        from .runner import AnalysisCancelled, run_analysis

        for index in order:
            if worker.is_cancelled:
                return
            # No collections while this thread unpickles an analysis: one that starts inside
            # `pickle.loads` walks the half-built analysis (100,000s of objects on 2 MB) in a C
            # call that holds the GIL, and the keys wait. Each analysis is frozen once received
            # (`_post_partial`, `_settle_heap`); collections resume when the analysis is done.
            gc.disable()
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
            self._post_ready(index, analysis)

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        self.states[message.index].progress = (message.done, message.total)
        if message.index == self.current:
            self._refresh_status()

    def _post_ready(self, index: int, raw: Analysis) -> None:
        """In the analysis thread: the corrections applied and the analysis prepared here, so the
        UI thread does not stop answering keys to do it (0.1-0.2 s on 2 MB)."""
        from .userdata.apply import corrected

        analysis, notes = corrected(self.states[index].article, raw)
        layers = dict(self._layers.get(index) or self.default_layers)
        prepared = Prepared(highlights(self.states[index].article, analysis, layers), rows_of(analysis), QuoteIndex(analysis))
        self.post_message(AnalysisReady(index, analysis, raw=raw, notes=notes, prepared=prepared))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        state = self.states[message.index]
        if message.raw is None:
            state.analysis = self._with_corrections(message.index, message.analysis)
        else:
            self._raw[message.index], state.analysis = message.raw, message.analysis
            for note in message.notes:
                self.notify(printable(note), severity="warning", timeout=10, markup=False)
        state.progress = None
        prepared = message.prepared
        if message.index == self.current:
            if prepared is not None and prepared.quotes is not None and prepared.quotes.analysis is state.analysis:
                self._quote_index = prepared.quotes
            self.view.set_analysis(state.analysis, prepared.highlights if prepared else None)
            self._fill_sidebar(prepared.rows if prepared else None)
            if self._restore_selection():
                self._show_target(reveal=False)
            self._refresh_all()
        _settle_heap()

    def _post_partial(self, index: int, analysis: Analysis) -> None:
        """In the analysis thread: the partial analysis with its highlights and rows made here,
        for the layers shown now (if they change meanwhile, the UI thread makes them again)."""
        layers = dict(self._layers.get(index) or self.default_layers)
        prepared = Prepared(highlights(self.states[index].article, analysis, layers), rows_of(analysis), QuoteIndex(analysis))
        gc.freeze()  # kept until the next partial replaces it; collections stay off meanwhile
        self.post_message(AnalysisPartial(index, analysis, prepared))

    def on_analysis_partial(self, message: AnalysisPartial) -> None:
        state = self.states[message.index]
        if state.analysis is not None:
            return
        state.partial = message.analysis
        if message.index == self.current:
            prepared = message.prepared
            if prepared is not None and prepared.quotes is not None:
                self._quote_index = prepared.quotes
            self.view.set_analysis(message.analysis, prepared.highlights if prepared else None)
            self._fill_sidebar(prepared.rows if prepared else None)
            self._refresh_all()

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
        self._seen.add(index)
        remembered = index in self._recalled
        state = self.state
        self.view.set_layers(**self._layers.setdefault(index, dict(self.default_layers)))
        self.view.show(state.article, state.shown)
        self._fill_sidebar()
        self._restore_selection()
        self._show_target(reveal=False)
        self.view.scroll_to(y=state.scroll_y, animate=False, immediate=True)
        if remembered:  # the first paint of a remembered article: scroll once it is laid out
            self.call_after_refresh(self.view.scroll_to, y=state.scroll_y, animate=False, immediate=True)
        self._refresh_all()

    def action_switch(self, delta: int) -> None:
        if len(self.states) < 2:
            self.notify("Only one file is open.", timeout=2)
            return
        self._switch_to((self.current + delta) % len(self.states))

    def _switch_to(self, index: int) -> None:
        self.state.scroll_y = self.view.scroll_y
        for list_id in LISTS:
            option = self._list(list_id).highlighted_option
            self.state.highlighted[list_id] = option.id if option else None
        self._remember(self.current)
        self._load(index)

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
        return {} if analysis is None else rows_of(analysis)

    def _fill_sidebar(self, prepared: dict[str, list[Row]] | None = None) -> None:
        """`prepared`: the rows of the analysis shown, made in advance (`Prepared`)."""
        state = self.state
        waiting = "analysis failed" if state.error else ("analysing..." if self.ascii_only else "analysing…")
        rows = prepared if prepared is not None else self.sidebar_rows()
        palette = self.view.speaker_palette()
        for list_id in LISTS:
            lst = self._list(list_id)
            lst.set_rows(rows.get(list_id) if state.shown else None, waiting, palette, list(self.view.bar_patterns))
            chosen = state.highlighted.get(list_id)
            if chosen:
                lst.highlight_id(chosen)
        sidebar = self.query_one(Sidebar)
        sidebar.select(self._selected_option())
        sidebar.fit_lists()

    def _selected_option(self) -> str | None:
        target = self.state.target
        if target is None or target.kind == "search":
            return None
        return f"{target.kind}:{target.key}"

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
        lst = self._list(list_id)
        lst.highlight_id(option_id)
        if focus:
            self.screen.set_focus(lst)
        self.state.target = target
        self.query_one(Sidebar).select(option_id)
        self._show_target(reveal=at is None, fresh=True)

    def action_focus_list(self, list_id: str) -> None:
        self._show_sidebar_if_narrow()
        lst = self._list(list_id)
        self.screen.set_focus(lst)  # now, not after a refresh: keys typed right after must land here
        if lst.highlighted is None and lst.option_count:
            lst.highlighted = 0

    def action_focus_article(self) -> None:
        self.screen.set_focus(self.view)

    # -- target walking -------------------------------------------------------------------------

    def _show_target(self, reveal: bool, fresh: bool = False, *, searching: bool = False) -> None:
        """`searching`: from a search keystroke, which changes neither the title nor the legend
        (building them again was ~1 ms of the keystroke)."""
        target = self.state.target
        # Where `n` goes next: the view draws those rows ahead, between frames.
        self.view.expected = target.walk[(target.index + 1) % len(target.walk)] if target and target.walk else None
        if target is None:
            self.view.set_marks([], None)
            self.view.refresh()
        else:
            self.view.set_marks(target.marks, target.current, search=target.kind == "search")
            if reveal and target.current is not None:
                self.view.reveal(*target.current, fresh=fresh)
        if searching:
            self._refresh_status()
            self._refresh_map()
        else:
            self._refresh_all()

    def action_walk(self, delta: int) -> None:
        target = self.state.target
        if target is None:
            self._refresh_status("Nothing selected: choose a speaker (s) or place (p), or search (/)")
            return
        target.step(delta)
        self._show_target(reveal=True)

    def action_walk_mentions(self) -> None:
        """Switch the selected speaker's walk between their quotes and their plain mentions,
        continuing from where the reader is."""
        target, analysis = self.state.target, self.state.shown
        if target is None or target.kind != "speaker" or analysis is None:
            self._refresh_status("m walks a speaker's mentions: choose a speaker first (s)")
            return
        switched = target_for(analysis, f"speaker:{target.key}", mentions=target.noun == "quote")
        if switched is None or switched.noun == target.noun:
            self._refresh_status(f"{target.label} has no other mentions to walk")
            return
        here = target.current[0] if target.current else self.view.visible_span()[0]
        switched.seek(here - 1, 1)
        self.state.target = switched
        self._show_target(reveal=True)

    def action_clear(self) -> None:
        search = self.query_one(SearchBar)
        if search.has_class("-open"):
            self._close_search(keep=False)
            return
        self.state.target = None
        self.query_one(Sidebar).select(None)
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

    def _quote_index_of(self, analysis: Analysis) -> QuoteIndex:
        """`analysis`'s quotes by offset, made once per analysis (or by the analysis thread)."""
        index = self._quote_index
        if index is None or index.analysis is not analysis:
            index = self._quote_index = QuoteIndex(analysis)
        return index

    def _quote_in_view(self):
        """The selection's current quote when on screen; else the quote nearest the reading line,
        which slides from the top of the view (top of the text) to its bottom (end of the text),
        so after `G` it is the last quote on screen, at the start the first."""
        analysis = self.state.shown
        if analysis is None or not analysis.quotes:
            return None
        target = self.state.target
        start, end = self.view.visible_span()
        quotes = self._quote_index_of(analysis)
        if target and target.current and target.current[0] < end and target.current[1] > start:
            at = quotes.overlapping(*target.current)
            if at:
                return at[0]
        shown = quotes.overlapping(start, end)
        if not shown:
            return None
        rows = self.view.visible_rows()
        travel = self.view.scroll_y / self.view.max_scroll_y if self.view.max_scroll_y else 0.0
        line = rows.start + travel * (len(rows) - 1)

        def distance(quote) -> float:
            first, last = self.view.row_of(quote.outer_start), self.view.row_of(quote.outer_end - 1)
            return 0.0 if first <= line <= last else min(abs(first - line), abs(last - line))

        return min(shown, key=distance)

    def action_who_said(self) -> None:
        quote = self._quote_in_view()
        if quote is None or quote.speaker_id is None:
            self._refresh_status("No attributed quote in view")
            return
        self.select_option("speakers", f"speaker:{quote.speaker_id}", focus=True, at=quote.outer_start)

    # -- search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        # Where the search began: esc comes back here, as in less and vim.
        self._search_origin = (self.view.scroll_y, self.state.target)
        search = self.query_one(SearchBar)
        search.add_class("-open")
        search.value = ""
        self.screen.set_focus(search)
        # The case-folded copy the search runs on, made after the frame that opens the bar,
        # not in the first keystroke's (2 MB took ~2 ms of its ~7 ms of work).
        self.call_after_refresh(self._fold_ahead, self.state)

    def _fold_ahead(self, state: ArticleState) -> None:
        _ = state.folded  # made and kept by the property

    def _search_typed(self, query: str) -> None:
        """The query changed (`SearchBar` calls this as it handles its own change)."""
        # The search replaced is let go after the frame: freeing its matches (34,000 pairs for
        # "p" on 2 MB) took several milliseconds of the keystroke.
        self._search_retired.append((self._search, self.state.target))
        self._search_keys += 1
        if not query:
            self.state.target = None
            self._show_target(reveal=False, searching=True)
            self.call_after_refresh(self._search_after_frame, None, self._search_keys)
            return
        search = Search(self.state.folded, query, previous=self._search)
        self._search = search
        top, bottom = self.view.visible_span()
        if search.finishes_within(2 * SEARCH_PREVIEW, SEARCH_QUICK_CANDIDATES) and search.advance():
            target = search_result(search)
            self.call_after_refresh(self._search_after_frame, None, self._search_keys)
        else:  # a long text: the matches around the view now, the rest a slice per turn
            target = search_result(search, search.near(max(0, top - SEARCH_PREVIEW), bottom + SEARCH_PREVIEW))
            self.call_after_refresh(self._search_after_frame, search, self._search_keys)
        target.seek(top - 1, 1)
        self.state.target = target
        self._show_target(reveal=True, searching=True)

    def _search_after_frame(self, search: Search | None, key: int) -> None:
        """Keystroke `key`'s frame is handed to Textual's writer thread: the search's slices (if
        any are left) and letting go of the searches it replaced wait until the writer has had
        the interpreter and a core to send it (`SEARCH_WRITE_GRACE`)."""
        self.set_timer(SEARCH_WRITE_GRACE, partial(self._search_resume, search, key))

    def _search_resume(self, search: Search | None, key: int) -> None:
        if key == self._search_keys:  # else a later keystroke's frame is still to come
            self._search_retired.clear()
        if search is not None:
            self._search_more(search)

    def _search_more(self, search: Search) -> None:
        """One slice of a search, after the screen shows the last one; keys typed meanwhile come
        first (each waits one slice at most)."""
        target = self.state.target
        if search is not self._search or target is None or target.kind != "search" or target.key != search.query:
            return  # superseded by another keystroke, or the search was cancelled
        if not search.advance():
            self.call_after_refresh(self._search_more, search)
            return
        _settle_heap()  # the matches are kept while the search is: out of the collector's walks
        current = target.current
        full = search_result(search)
        if current is not None:
            full.seek(current[0] - 1, 1)
        self.state.target = full
        self._show_target(reveal=False, searching=True)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        self._close_search(keep=True)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self._close_search(keep=False)

    def _close_search(self, keep: bool) -> None:
        search = self.query_one(SearchBar)
        search.remove_class("-open")
        if not keep:
            scroll_y, target = self._search_origin
            self.state.target = target if target is None or target.kind != "search" else None
            self.query_one(Sidebar).select(self._selected_option())
            self._show_target(reveal=False)
            self.view.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.screen.set_focus(self.view)

    # -- layers, sidebar, help ------------------------------------------------------------------

    def action_toggle_layer(self, layer: str) -> None:
        self.view.set_layers(**{layer: not self.view.shown_layers[layer]})
        self._layers[self.current] = dict(self.view.shown_layers)
        self._refresh_legend()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Over another screen (quotes view, dialogs) only the keys that make sense everywhere work.
        ctrl+b is one key with two bindings: the footer shows it while the sidebar is hidden."""
        if self.screen is not self.screen_stack[0] and action not in ("quit", "help", "command_palette"):
            return False
        if action in ("show_sidebar", "toggle_sidebar"):
            sidebars = self.query("#sidebar")  # none yet while the app starts
            hidden = bool(sidebars) and not sidebars.first().display
            return hidden if action == "show_sidebar" else not hidden
        return True

    def action_show_sidebar(self) -> None:
        self._show_sidebar_if_narrow()

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
        sidebar.styles.width = self.config.sidebar_width or sidebar_width(width)
        if sidebar.display != show:
            sidebar.display = show
            self.refresh_bindings()
        if not show and sidebar.has_focus_within:
            self.view.focus()

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        from .screens.feed import FeedScreen
        from .screens.help import rows_of
        from .screens.outline import OutlineScreen
        from .screens.quotes import QuotesScreen

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
                + [
                    ("↑ / ↓", "Move"),
                    ("enter / click", "Select: jump to the first mention, mark all"),
                    ("wheel", "Scroll the list"),
                ],
            ),
            ("Search", [("enter", "Keep the matches for n / N"), ("esc", "Cancel the search")]),
            ("Feed", [("enter", "Fetch the item and open it beside the other files"), *rows_of(FeedScreen.BINDINGS)]),
            ("Quotes view (Q)", rows_of(QuotesScreen.BINDINGS)),
            ("Outline (t)", rows_of(OutlineScreen.BINDINGS) + [("enter", "Go to the subhead or quote")]),
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Quotes", "List every quote: filter, sort, copy, jump (Q)", self.action_quotes)
        yield SystemCommand("Outline", "Subheads and who speaks when, to jump to (t)", self.action_outline)
        yield SystemCommand("Report", "Write a who-said-what report of the open files (e)", self.action_export)

    # -- the workbench: quotes view and copy (logic in tui.report and tui.screens.quotes) ------

    def action_quotes(self) -> None:
        from .report import quote_rows
        from .screens.quotes import QuotesScreen

        state = self.state
        if state.shown is None:
            self._refresh_status("The quotes are listed once the analysis is done")
            return
        rows = quote_rows(state.article, state.shown)
        self.push_screen(QuotesScreen(rows, state.article, ascii_only=self.ascii_only), self._jump_to_quote)

    def action_pick_file(self) -> None:
        from .screens.dialogs import ChoiceScreen

        def label(index: int, state: ArticleState) -> str:
            quotes = f"{len(state.analysis.quotes)} quotes" if state.analysis else ("failed" if state.error else "analysing")
            here = "  (open)" if index == self.current else ""
            return f"{index + 1}. {state.article.source}{self._dash}{state.article.title}{self._dash}{quotes}{here}"

        options = [(str(i), label(i, s)) for i, s in enumerate(self.states)]

        def chosen(key: str | None) -> None:
            if key is not None and int(key) != self.current:
                self._switch_to(int(key))

        self.push_screen(ChoiceScreen(f"Open files ({len(self.states)})", options), chosen)

    def action_search_all(self) -> None:
        from .report.search import MAX_HITS, search_all
        from .screens.dialogs import ChoiceScreen, PromptScreen

        def search(query: str | None) -> None:
            if not query:
                return
            hits = search_all([s.article for s in self.states], query)
            if not hits:
                self._refresh_status(f"/{query}: no match in {len(self.states)} open file(s)")
                return
            options = [(f"{h.file}:{h.index}", h.label) for h in hits]
            title = f"/{query}: {len(hits)} match(es)" + (" (the first shown)" if len(hits) >= MAX_HITS else "")
            self.push_screen(ChoiceScreen(title, options), lambda key: self._go_to_match(query, key))

        self.push_screen(PromptScreen("Search all open files", hint="case-insensitive; enter searches, esc cancels"), search)

    def _go_to_match(self, query: str, key: str | None) -> None:
        if not key:
            return
        file, index = (int(part) for part in key.split(":"))
        if file != self.current:
            self._switch_to(file)
        target = search_target(self.state.article.text, query, self.state.folded)
        target.index = min(index, len(target.walk) - 1)
        self.state.target = target
        self.call_after_refresh(self._show_target, True, True)
        self.view.focus()

    def action_outline(self) -> None:
        from .report.outline import outline
        from .screens.outline import OutlineScreen

        state = self.state
        top = self.view.visible_span()[0]
        entries = outline(state.article, state.shown)
        self.push_screen(OutlineScreen(entries, ascii_only=self.ascii_only, current=top), self._jump_to_entry)

    def _jump_to_entry(self, key: str | None) -> None:
        kind, _, value = (key or "").partition(":")
        if kind == "quote":
            self._jump_to_quote(value)
        elif kind == "block" and value.isdigit():
            offset = int(value)
            self.call_after_refresh(lambda: self.view.scroll_to(y=self.view.row_of(offset), animate=False, immediate=True))
            self.view.focus()

    def _jump_to_quote(self, quote_id: str | None) -> None:
        analysis = self.state.shown
        quote = next((q for q in analysis.quotes if q.id == quote_id), None) if analysis else None
        if quote is None:
            return
        if quote.speaker_id:
            self.select_option("speakers", f"speaker:{quote.speaker_id}", focus=False, at=quote.outer_start)
        # After the reader's screen is back and laid out again: until then it cannot scroll.
        self.call_after_refresh(self.view.reveal, quote.outer_start, quote.outer_end, fresh=True)
        self.view.focus()

    def action_copy_quote(self) -> None:
        from .report import citation, quote_rows

        quote = self._quote_in_view()
        if quote is None or self.state.shown is None:
            self._refresh_status("No quote in view to copy")
            return
        row = next(r for r in quote_rows(self.state.article, self.state.shown) if r.quote_id == quote.id)
        self.copy_to_clipboard(citation(row, self.state.article, ascii_only=self.ascii_only))
        self._refresh_status(f"Copied quote {row.number} ({row.speaker}) to the clipboard")

    # -- a reader that remembers (logic in tui.userdata.state) ---------------------------------

    def _recall(self) -> None:
        if self.fresh:
            return
        for index, state in enumerate(self.states):
            stored, notes = load_state(state.article)
            for note in notes:
                self.notify(printable(note), severity="warning", timeout=10, markup=False)
            if stored is not None:
                state.scroll_y = stored.scroll_y
                self._layers[index] = {**self.default_layers, **stored.layers}
                self._recalled[index] = stored

    def _restore_selection(self) -> bool:
        """The remembered list entry, once the article's complete analysis is there."""
        state, stored = self.state, self._recalled.get(self.current)
        if stored is None or state.analysis is None:
            return False
        del self._recalled[self.current]
        target = target_for(state.analysis, stored.selection) if stored.selection else None
        if target is None or not target.walk or state.target is not None:
            return False
        target.index = min(stored.step, len(target.walk) - 1)
        state.target = target
        list_id = self._list_of(stored.selection or "")
        if list_id:
            self._list(list_id).highlight_id(stored.selection or "")
        return True

    def _remember(self, index: int) -> None:
        state = self.states[index]
        if index == self.current:
            state.scroll_y = self.view.scroll_y
        target = state.target
        selection = f"{target.kind}:{target.key}" if target and target.kind in ("speaker", "entity") else None
        if index in self._recalled and selection is None:  # never shown with its analysis: keep it
            return
        stored = ReadingState(state.scroll_y, selection, target.index if selection and target else 0, self._layers.get(index, {}))
        save_state(state.article, stored)

    def exit(self, *args, **kwargs) -> None:
        """Leaving, by any key or command: every article seen is remembered where it was."""
        for index in sorted(self._seen):
            self._remember(index)
        super().exit(*args, **kwargs)

    # -- corrections and reports (logic in tui.userdata, tui.report, tui.screens.correct) ------

    def _with_corrections(self, index: int, raw: Analysis) -> Analysis:
        """Corrections apply to complete analyses only: a partial one lacks later targets."""
        from .userdata.apply import corrected

        self._raw[index] = raw
        analysis, notes = corrected(self.states[index].article, raw)
        for note in notes:
            self.notify(printable(note), severity="warning", timeout=10, markup=False)
        return analysis

    def action_correct(self) -> None:
        from .screens.correct import start_entity_correction, start_quote_correction

        analysis = self.state.analysis
        if analysis is None:
            self._refresh_status("Corrections can be made once the analysis is done")
            return
        focused = self.focused
        if isinstance(focused, EntityList) and focused.highlighted_option is not None:
            kind, _, key = (focused.highlighted_option.id or "").partition(":")
            speaker = analysis.speaker(key) if kind == "speaker" else None
            entity = analysis.entity(speaker.entity_id if speaker and speaker.entity_id else key)
            if entity is None:
                self._refresh_status("A described speaker has no entry to correct; correct their quotes (c in the article)")
                return
            start_entity_correction(self, analysis, entity, self._save_correction)
            return
        quote = self._quote_in_view()
        if quote is None:
            self._refresh_status("No quote in view; to correct a name, select it in a list first")
            return
        start_quote_correction(self, analysis, quote, self._save_correction)

    def _save_correction(self, correction: Correction) -> None:
        from .userdata.apply import describe
        from .userdata.corrections import Store

        saved = Store.load(self.state.article).add(correction)
        what = describe(correction, self.state.article.text)
        self._recorrect(f"Corrected (u undoes): {what}" if saved else f"Corrected, not saved: {what}")

    def action_undo(self) -> None:
        from .userdata.apply import describe
        from .userdata.corrections import Store

        if self.current not in self._raw:
            self._refresh_status("Nothing to undo")
            return
        last = Store.load(self.state.article).undo()
        if last is None:
            self._refresh_status("Nothing to undo")
            return
        self._recorrect(f"Undone: {describe(last, self.state.article.text)}")

    def _recorrect(self, message: str) -> None:
        state = self.state
        state.analysis = self._with_corrections(self.current, self._raw[self.current])
        state.target = None
        state.highlighted = {}
        self.view.set_analysis(state.analysis)
        self._fill_sidebar()
        self._show_target(reveal=False)
        self._refresh_status(message)

    def action_export(self) -> None:
        from .report.export import default_report_path, export_report
        from .screens.dialogs import PromptScreen

        ready = [(s.article, s.analysis) for s in self.states if s.analysis is not None]
        if not ready:
            self._refresh_status("A report can be written once an analysis is done")
            return
        default = default_report_path([a for a, _ in ready])

        def write(path: str | None) -> None:
            if path:
                self._refresh_status(export_report(ready, path))

        self.push_screen(
            PromptScreen(
                f"Write a who-said-what report of {len(ready)} file(s) to",
                str(default),
                "the suffix picks the format: .md, .csv or .json; enter writes, esc cancels",
            ),
            write,
        )

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_sections(), ascii_only=self.ascii_only))

    # -- drawing the bars ----------------------------------------------------------------------

    def _match_colour_depth(self) -> None:
        """In 16 colours a theme's shades collapse (half the speakers came out the same grey), so
        the span styles' 16-colour values (span_styles.py) give each highlight a colour of its own there.
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
        """The status line (the quote in view) follows the scrolled page in the next frame.
        Textual redraws the box around everything that changed in a frame: the status line
        below the view and the page above made that box the whole width, so every page down
        also redrew the sidebar's ~15 widgets beside the view, their lines unchanged."""
        if self.view.has_focus and not self._status_after_frame:
            self._status_after_frame = True
            self.call_after_refresh(self._status_after_scroll)

    def _status_after_scroll(self) -> None:
        if not self._status_after_frame:
            return  # a message was shown since the scroll, which is drawn already
        self._status_after_frame = False
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
        count = len(self.states)
        position = f"{self.current + 1}/{count}" if count > 1 else ""
        before = self.states[(self.current - 1) % count].article.source.rsplit("/", 1)[-1]
        after = self.states[(self.current + 1) % count].article.source.rsplit("/", 1)[-1]
        title_bar = self.query_one(TitleBar)
        title_bar.ellipsis = "..." if self.ascii_only else "…"
        title_bar.show(state.article.title, origin_line(state.article, ascii_only=self.ascii_only), position, before, after)
        self.title = printable(state.article.title)
        self.sub_title = printable(state.article.source)

    def _refresh_legend(self) -> None:
        self.query_one(Legend).show(dict(self.view.shown_layers), {layer: self.view.layer_style(layer) for layer in LAYERS})

    def _refresh_map(self) -> None:
        target = self.state.target
        if target is None:
            self.view.set_map([], None)
            return
        if self._map_offsets[0] is not target:  # once per target
            self._map_offsets = (target, [s for s, _ in target.walk])  # walks are in text order
        self.view.set_map(self._map_offsets[1], target.current[0] if target.current else None)

    @property
    def _dash(self) -> str:
        return " - " if self.ascii_only else " — "

    def _refresh_status(self, message: str | None = None) -> None:
        """`message` ("no match in 2 open files", "Copied quote 3") stays until the reader's next
        key or click: refreshes the reader did not ask for (an analysis's progress, a focus coming
        back from a dialog) redraw it rather than wipe it before it was read."""
        if message is not None:
            self._message = message
            self._status_after_frame = False  # nothing new for a scroll's deferred status to show
        message = self._message
        try:
            status = self.query_one(StatusLine)
        except NoMatches:  # closing: the widgets are gone while an analysis thread still reports
            return
        state = self.state
        right = []
        if state.error:
            right.append(f"analysis failed: {state.error}")
        elif state.analysis is None:
            done, total = state.progress or (0, 1)
            right.append(f"analysing {100 * done // max(1, total)}%")
        if state.article.warnings:  # e.g. "Markdown nested too deep: ... flattened"
            first = state.article.warnings[0]
            right.append(first if len(first) <= 60 else first[:59] + ("..." if self.ascii_only else "…"))
        if len(self.states) > 1:
            right.append(f"file {self.current + 1}/{len(self.states)}")
        if message is not None:
            parts = [Part(message, "bold", priority=3, shrink_to=20)]
        elif state.target is not None:
            parts = [Part(f"{state.target.label}{self._dash}{state.target.counter()}", "bold", keep=True)]
        elif state.shown is None and state.error:
            # The highlights are not coming: the right side says why.
            parts = [Part("Reading without highlights", "bold", priority=3, shrink_to=20)]
        elif state.shown is None:
            parts = [Part("Reading; highlights follow when the analysis is done", "bold", priority=3, shrink_to=20)]
        else:
            parts = [Part("Choose a speaker (s) or place (p), or search (/)", "bold", priority=-1)]
        if self.view.has_focus and (quote := self._quote_in_view()) is not None:
            speaker = state.shown.speaker(quote.speaker_id) if state.shown and quote.speaker_id else None
            parts += quote_parts(quote, speaker.name if speaker else None, ascii_only=self.ascii_only)
        status.ellipsis = "..." if self.ascii_only else "…"
        status.show(parts, "  ".join(right))


def binding_keys() -> dict[str, str]:
    """Every binding id a keymap in config.toml may name, with its default key(s)."""
    from .screens.dialogs import ChoiceScreen
    from .screens.help import HelpScreen
    from .screens.outline import OutlineScreen
    from .screens.quotes import QuotesScreen

    owners = (NewsReaderApp, ArticleView, EntityList, QuotesScreen, OutlineScreen, HelpScreen, ChoiceScreen)
    return {b.id: b.key for owner in owners for b in owner.BINDINGS if isinstance(b, Binding) and b.id}


def binding_ids() -> Iterator[str]:
    """Lazily: the screens that own some of the keys are imported only when a config file with
    settings is read, not on every start-up."""
    yield from binding_keys()
