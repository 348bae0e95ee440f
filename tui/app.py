"""The reader: article pane, sidebar of speakers and places, status line, search and help.

The app shows the text at once and analyses in a worker thread through `tui.runner` (the UI's
only door to the engine); results come back as messages and are applied on the UI thread. One
`ArticleState` per open file keeps its analysis, selection and scroll position.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import OptionList
from textual.worker import get_current_worker

from .model import Analysis, Article
from .resources import read_style
from .safe_text import printable
from .screens.help import HelpScreen, rows_of
from .widgets.article_view import LAYERS, ArticleView
from .widgets.bars import Legend, StatusLine, TitleBar
from .widgets.footer import KeyFooter
from .widgets.palette import GoToProvider
from .widgets.search import SearchBar
from .widgets.sidebar import EntityList, Sidebar
from .widgets.targets import Row, Target, other_rows, owner_at, place_rows, quote_at, search_target, speaker_rows, target_for


def no_color_requested() -> bool:
    """NO_COLOR as Textual reads it (set at all, even empty), so both agree on what it means.

    Textual answers NO_COLOR with a grey-scale filter unless the app draws with native ANSI
    colours; then it strips colour entirely. We ask for ANSI so that no colour code at all
    reaches the terminal and the highlights live on bold, italic, underline and reverse alone.
    """
    return "NO_COLOR" in os.environ


NARROW = 90  # below this many columns the sidebar becomes a toggle (ctrl+b)
LISTS = ("speakers", "places", "others")


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
    ) -> None:
        """`analyses`, when given, supplies ready analyses by position (None: analyse it)."""
        super().__init__(ansi_color=True if no_color_requested() else None)
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
        self.crashed = False  # set with crash_log by _fatal_error; the CLI then exits 70
        self.crash_log: Path | None = None
        if os.environ.get("SSH_CONNECTION") and "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"  # every animated frame is bytes on a remote link

    def _fatal_error(self) -> None:
        """Textual's own prints a traceback with local variables (article text, paths) on the
        terminal, which may be an SSH client: record the stack in a crash log instead (tui.crash)."""
        from . import crash

        self.crashed = True
        self.crash_log = crash.record(sys.exc_info()[1] or RuntimeError("unhandled error"))
        self._close_messages_no_wait()

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        yield Legend(id="legend")
        with Horizontal(id="main"):
            yield ArticleView(ascii_only=self.ascii_only, id="article")
            yield Sidebar(ascii_only=self.ascii_only, id="sidebar")
        yield SearchBar(id="search")
        yield StatusLine(id="status")
        # The palette hint is drawn with a box glyph; an ASCII terminal gets the keys only.
        yield KeyFooter(show_command_palette=not self.ascii_only)

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
        pending = [i for i, s in enumerate(self.states) if s.analysis is None]
        if pending:
            # After the first paint: even a cache hit costs imports and unpickling, which would
            # compete with the first frame for the interpreter.
            self.call_after_refresh(self._analyse, pending)

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
        target = search_target(self.state.article.text, query)
        top = self.view.visible_span()[0]
        target.seek(top - 1, 1)
        self.state.target = target
        self._show_target(reveal=True)

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
        self.query_one(TitleBar).show(state.article.title, state.article.source, position)
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
        if state.article.warnings:  # e.g. "Markdown nested too deep: ... flattened"
            first = state.article.warnings[0]
            right.append(first if len(first) <= 60 else first[:59] + ("..." if self.ascii_only else "…"))
        if len(self.states) > 1:
            right.append(f"{self.current + 1}/{len(self.states)}")
        note = ""
        if message is not None:
            left = message
        elif state.target is not None:
            left = f"{state.target.label}{self._dash}{state.target.counter()}"
        elif state.shown is None and state.error:
            left = "Reading without highlights"  # they are not coming: the right side says why
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
