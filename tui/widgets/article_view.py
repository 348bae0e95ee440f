"""The article pane: one Line-API widget that draws only the rows on screen.

The document is wrapped once per width into rows of offsets (`layout.lay_out`); `render_line`
turns a visible row into a `Strip`, styling spans by offset, and keeps recent strips in an LRU
cache that is dropped whenever highlights, marks or the width change. Article text is always
built into `rich.text.Text` as data (after `printable`), never parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter, itemgetter, sub

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Analysis, Article, BlockKind, EntityKind
from ..safe_text import printable
from ..yielding import Yielder
from .layout import BLANK, KINDS, Layout, lay_out
from .mention_map import MentionMap
from .overview import OverviewColumn
from .span_styles import NAMES, span_style
from .targets import ASCII_BAR_PATTERNS, BAR_PATTERNS, SPEAKER_COLOURS, Span, speaker_looks

# The reading measure: at most 88 cells a line (about 75 characters of running text on average,
# inside the 45-90 that typographers give for comfortable reading). A wider pane does not widen
# the text: the text is centred in it, so the spare room is split between both sides.
MAX_TEXT_WIDTH = 88
GUTTER = 2  # a quote bar in the speaker's colour, then a space

LAYERS = ("people", "places", "organizations", "quotes")
_LAYER_OF_KIND = {EntityKind.PERSON: "people", EntityKind.PLACE: "places", EntityKind.ORGANIZATION: "organizations"}

_OFFSETS = attrgetter("start", "end")  # a mention's (start, end), made in C

_BLOCK_STYLES = {
    BlockKind.HEADING: "article-view--heading",
    BlockKind.SUBHEADING: "article-view--subheading",
    BlockKind.CREDIT: "article-view--credit",
    BlockKind.BYLINE: "article-view--byline",
    BlockKind.BLOCKQUOTE: "article-view--blockquote",
}

# Drawing order: later layers win where spans overlap (the source's own emphasis first).
_EMPHASIS, _QUOTE, _ENTITY, _SEARCH, _MARK, _CURRENT = range(6)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    rank: int
    style: str  # span style name (span_styles.NAMES)


class _SpanIndex:
    """Styled spans sorted by start, for finding those that overlap one row quickly."""

    def __init__(self, spans: list[_Span]) -> None:
        spans.sort(key=lambda s: (s.start, s.rank))
        self.spans = spans
        self.starts = [s.start for s in spans]
        self.longest = max((s.end - s.start for s in spans), default=0)

    def overlapping(self, start: int, end: int) -> list[_Span]:
        hi = bisect_left(self.starts, end)
        lo = bisect_left(self.starts, start - self.longest)
        return [s for s in self.spans[lo:hi] if s.end > start and s.start < end]


def _selection_in(selection: list[_UniformIndex], current: Span | None, start: int, end: int) -> list[_Span]:
    """What the selection layers draw on the characters [start, end)."""
    found = [span for index in selection for span in index.overlapping(start, end)]
    if current is not None and current[0] < end and current[1] > start:
        found.append(_Span(*current, _CURRENT, "article-view--current"))
    return found


class _UniformIndex:
    """Plain (start, end) pairs drawn in one style: no per-span objects until a row needs them."""

    def __init__(self, spans: list[Span], rank: int, style: str) -> None:
        # Sorting, the starts and the longest span in C (sorted input sorts in one pass): made
        # for every partial analysis of a long text (50,000 spans), in Python loops they held
        # the interpreter lock, and so the keys, for 40 ms a stage.
        self.spans = sorted(spans)
        self.starts = list(map(itemgetter(0), self.spans))
        self.longest = max(map(sub, map(itemgetter(1), self.spans), self.starts), default=0)
        self.rank, self.style = rank, style

    def overlapping(self, start: int, end: int) -> list[_Span]:
        hi = bisect_left(self.starts, end)
        lo = bisect_left(self.starts, start - self.longest)
        return [_Span(s, e, self.rank, self.style) for s, e in self.spans[lo:hi] if e > start and s < end]


@dataclass(frozen=True, eq=False)
class Highlights:
    """An analysis's spans as the article view draws them. Made without the widget, so a worker
    thread can make them for a partial analysis of a long text: the UI thread, which answers
    the keys, then only swaps them in (building them there took 0.1 s on 2 MB, a key's wait)."""

    article: Article | None
    analysis: Analysis | None
    layers: tuple[tuple[str, bool], ...]
    base: _SpanIndex
    indexes: list[_UniformIndex]
    bars: list[tuple[int, int, str, int]]
    bar_starts: list[int]
    quote_spans: set[Span]

    def fits(self, article: Article | None, analysis: Analysis | None, layers: dict[str, bool]) -> bool:
        return self.article is article and self.analysis is analysis and self.layers == tuple(layers.items())


def highlights(article: Article | None, analysis: Analysis | None, layers: dict[str, bool]) -> Highlights:
    """The source's emphasis and the analysis's layers that are shown, indexed by offset.

    Spans are kept as plain (start, end) pairs grouped by style, not one object each: a 2 MB
    text has tens of thousands of mentions, and making an object per mention for every partial
    analysis cost most of a second (mostly the garbage collector)."""
    spans: list[_Span] = []
    by_style: dict[tuple[int, str], list[Span]] = {}
    bars: list[tuple[int, int, str, int]] = []
    pause = Yielder()  # made by the thread that received the analysis: the keys go first
    if article is not None:
        spans.extend(_Span(e.start, e.end, _EMPHASIS, f"article-view--{e.style}") for e in article.emphasis)
    if analysis is not None:
        if layers["quotes"]:
            looks = speaker_looks(analysis)
            plain = by_style.setdefault((_QUOTE, "article-view--quote"), [])
            for i, q in enumerate(analysis.quotes):
                if not i % 500:
                    pause()
                colour, pattern = looks.get(q.speaker_id, (None, 0)) if q.speaker_id else (None, 0)
                style = f"article-view--speaker-{colour}" if colour is not None else "article-view--quote"
                plain.append((q.outer_start, q.outer_end))
                if colour is not None:
                    by_style.setdefault((_QUOTE, style), []).append((q.outer_start, q.outer_end))
                bars.append((q.outer_start, q.outer_end, style, pattern))
        for entity in analysis.entities:
            pause()
            layer = _LAYER_OF_KIND[entity.kind]
            if layers[layer]:
                name = f"article-view--{entity.kind.value}"
                by_style.setdefault((_ENTITY, name), []).extend(map(_OFFSETS, entity.mentions))
    bars.sort()
    return Highlights(
        article,
        analysis,
        tuple(layers.items()),
        _SpanIndex(spans),
        [_UniformIndex(found, rank, style) for (rank, style), found in by_style.items() if found],
        bars,
        [b[0] for b in bars],
        {(q.outer_start, q.outer_end) for q in analysis.quotes} if analysis else set(),
    )


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, highlighted article; keyboard scrolling never animates (few bytes per key)."""

    BINDINGS = [
        Binding("down,j", "line(1)", "Down", show=False, tooltip="Scroll down a line", id="article.down"),
        Binding("up,k", "line(-1)", "Up", show=False, tooltip="Scroll up a line", id="article.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, tooltip="Page down", id="article.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, tooltip="Page up", id="article.page_up"),
        Binding("home,g", "edge(0)", "Top", show=False, tooltip="Top of the article", id="article.top"),
        Binding("end,G", "edge(1)", "Bottom", show=False, tooltip="End of the article", id="article.bottom"),
    ]

    # The overview column (`overview`, a widget beside the view) is the scrollbar: Textual's own
    # is hidden.
    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 0; }
    """

    class Clicked(Message):
        """A click on the text: `offset` is the character under the pointer."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, ascii_only: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.ascii_only = ascii_only
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.shown_layers = {name: True for name in LAYERS}
        self.marks: list[Span] = []
        self.current: Span | None = None
        self.search_hits: list[Span] = []
        self._layout = Layout(0)
        self._base = _SpanIndex([])
        self._layers: list[_UniformIndex] = []  # the analysis's spans, one index per style
        self._selection: list[_UniformIndex] = []
        self._quote_spans: set[Span] = set()
        self._quote_bars: list[tuple[int, int, str, int]] = []
        self._left = 0  # columns left of the gutter that centre the text in a wide pane
        self._quote_bar_starts: list[int] = []
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._looks: dict[tuple, Style] = {}  # (base, style names...) -> a row segment's style (`_render_row`)
        self._mode: tuple[dict[str, str], bool, bool, bool] | None = None  # variables and colour mode
        self._frame_cache: tuple = ((), ())
        self._map_cache: tuple[tuple[tuple, list[int] | None], list[Segment]] = (((), None), [])  # `_map_cells`
        self._ahead: list[int] = []  # rows to draw ahead of need, between frames (`_draw_ahead`)
        self._ahead_busy = False
        self.expected: Span | None = None  # where the reader may go next (the next mention), drawn ahead too
        self.map = MentionMap(ascii_only=ascii_only)
        self.overview = OverviewColumn(self)  # mounted beside the view by its container

    # -- content -------------------------------------------------------------------------------

    def show(self, article: Article, analysis: Analysis | None = None) -> None:
        self.article = article
        self.analysis = analysis
        self.marks, self.current, self.search_hits = [], None, []
        self._relayout()
        self._rebuild_spans()

    def set_analysis(self, analysis: Analysis | None, prepared: Highlights | None = None) -> None:
        """`prepared`: the highlights of `analysis` made in advance (`highlights`), e.g. by the
        thread that received a partial analysis, so the UI thread only swaps them in."""
        self.analysis = analysis
        self._rebuild_spans(prepared, keep=True)

    def set_layers(self, **layers: bool) -> None:
        self.shown_layers.update(layers)
        self._rebuild_spans()

    def set_marks(self, marks: list[Span], current: Span | None, search: bool = False) -> None:
        """Marks the selection; stepping to the next mention (same marks) redraws only the rows
        of the old and the new current mention."""
        marks_now, hits_now = ([], list(marks)) if search else (list(marks), [])
        if marks_now == self.marks and hits_now == self.search_hits:
            old, self.current = self.current, current
            for span in (old, current):
                if span is not None:
                    self._forget_rows(span)
        else:
            before = (self._selection, self.current)
            self.marks, self.search_hits, self.current = marks_now, hits_now, current
            self._rebuild_marks(before)
        if not search:  # a search keystroke leaves its slices the event loop to themselves
            self._plan_ahead()

    def _forget_rows(self, span: Span) -> None:
        first, last = self.row_of(span[0]), self.row_of(max(span[0], span[1] - 1))
        for row in range(first, last + 1):
            self._strips.discard(row)
        self.refresh_lines(first, last - first + 1)

    @property
    def text_width(self) -> int:
        return max(10, min(MAX_TEXT_WIDTH, self.scrollable_content_region.width - GUTTER - 1))

    @property
    def left_margin(self) -> int:
        """Blank columns before the gutter: half the room the measure leaves unused."""
        spare = self.scrollable_content_region.width - GUTTER - self._layout.width - 1
        return max(0, spare // 2)

    @property
    def line_count(self) -> int:
        return len(self._layout)

    def row_of(self, offset: int) -> int:
        return self._layout.row_of(offset)

    def visible_rows(self) -> range:
        top = round(self.scroll_y)
        return range(top, min(self.line_count, top + self.scrollable_content_region.height))

    def visible_span(self) -> Span:
        """Character offsets covered by the rows on screen."""
        rows = self.visible_rows()
        if not rows:
            return (0, 0)
        return (self._layout.starts[rows.start], self._layout.ends[rows.stop - 1])

    def reveal(self, start: int, end: int | None = None, *, fresh: bool = False) -> None:
        """Bring the span on screen without animation, a third from the top, when any of it is off
        screen; for a `fresh` selection also when it sits in the lower half (what follows a
        first mention is usually what the reader wants to see)."""
        first = self.row_of(start)
        last = self.row_of(max(start, (end or start + 1) - 1))
        rows = self.visible_rows()
        height = self.scrollable_content_region.height
        low = fresh and first > rows.start + height // 2
        if first < rows.start or last >= rows.stop or low:
            self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True)

    # -- layout and span index -----------------------------------------------------------------

    def _relayout(self) -> None:
        if self.article is None or not self.scrollable_content_region.width:
            return  # not laid out yet: the first Resize lays the text out at its real width
        width = self.text_width
        self._layout = lay_out(self.article, width)
        self.virtual_size = Size(width + GUTTER, len(self._layout))
        self._strips.clear()
        self.refresh()
        self.overview.refresh()

    def lay_out_now(self) -> None:
        """Lay the text out now if it waits for its first frame (see `_frame`), with the
        scrollbars' state that follows: the reader's screen calls this just before drawing its
        first frame whole (`app.ReaderScreen`), so nothing asked for here is drawn twice."""
        if self.article is not None and self.analysis is None and not self.line_count:
            self._relayout()
            if self.line_count:
                self._scroll_update(self.virtual_size)

    def on_resize(self, event: events.Resize) -> None:
        if self.article is not None and (self.text_width != self._layout.width or not self.line_count):
            anchor = self._layout.starts[round(self.scroll_y)] if self.line_count else 0
            self._relayout()
            self.scroll_to(y=self.row_of(anchor), animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._looks.clear()
        self._mode = None
        self._strips.clear()
        self._frame_cache = ((), ())
        self.overview.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.overview.refresh()  # the shade that shows where the view is

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.span_style(name)
        return style

    def span_style(self, name: str) -> Style:
        """The partial Rich style of one of the view's span styles (`span_styles.NAMES`) in the
        app's theme and colour mode; looked up again whenever the view's styles change (a new
        theme, or the app's `-colours-16` class)."""
        if name not in NAMES:
            raise KeyError(name)
        if self._mode is None:
            app = self.app
            self._mode = (
                app.get_css_variables(),
                app.current_theme.dark,
                app.has_class("-colours-16"),
                app.native_ansi_color,
            )
        variables, dark, sixteen, ansi = self._mode
        return span_style(name, variables, dark=dark, sixteen=sixteen, ansi=ansi)

    def _rebuild_spans(self, prepared: Highlights | None = None, *, keep: bool = False) -> None:
        """The analysis layers: rebuilt when the analysis or the shown layers change, or taken
        as `prepared` off the UI thread when they were made for this very article, analysis
        and layers. With `keep` (the same text and layout), the rows on screen that look the
        same under the new layers keep their drawing: a partial analysis of a long text mostly
        adds spans further on than the reader is, and redrawing the whole page for each one
        delayed the key pressed then."""
        if prepared is None or not prepared.fits(self.article, self.analysis, self.shown_layers):
            prepared = highlights(self.article, self.analysis, self.shown_layers)
        looks = self._looks_on_screen() if keep else None
        self._base = prepared.base
        self._layers = prepared.indexes
        self._quote_bars = prepared.bars
        self._quote_bar_starts = prepared.bar_starts
        self._quote_spans = prepared.quote_spans
        self._rebuild_marks(looks=looks)
        self._plan_ahead()

    def _look(self, row: int) -> tuple:
        """Everything a row's drawing depends on besides its text and the styles."""
        start, end = self._layout.starts[row], self._layout.ends[row]
        bar = self._bar_in(start, end) if self.shown_layers["quotes"] else None
        return self._spans_in(start, end), bar

    def _looks_on_screen(self) -> dict[int, tuple[Strip, tuple]]:
        """The drawn rows on screen with their looks, to keep those a change leaves alone."""
        if self.article is None or not self.line_count:
            return {}
        looks = {}
        for row in self.visible_rows():
            strip = self._strips.get(row)
            if strip is not None:
                looks[row] = (strip, self._look(row))
        return looks

    def _rebuild_marks(
        self,
        before: tuple[list[_UniformIndex], Span | None] | None = None,
        looks: dict[int, tuple[Strip, tuple]] | None = None,
    ) -> None:
        """The selection layers: rebuilt on their own, cheaply (a search may hit 50,000 times).

        `before`: the selection layers and current span these replace; the rows on screen whose
        selection is the same keep their drawing (a search keystroke otherwise redrew every row,
        ~1 ms each, when only the rows with a match had changed). `looks`: the rows on screen
        drawn before the analysis layers changed, kept where they look the same now."""
        # A marked quote is underlined, not reversed: whole reversed paragraphs would drown the
        # current one, which is the only quote shown in reverse.
        quotes = self._quote_spans
        marked_quotes = [m for m in self.marks if m in quotes] if quotes else []
        plain = [m for m in self.marks if m not in quotes] if quotes else self.marks
        self._selection = [
            _UniformIndex(plain, _MARK, "article-view--mark"),
            _UniformIndex(marked_quotes, _MARK, "article-view--mark-quote"),
            _UniformIndex(self.search_hits, _SEARCH, "article-view--search"),
        ]
        # The rows to keep are read before the cache is cleared (read after, none were kept).
        if before is not None:
            kept = self._unchanged_rows(*before)
        else:
            kept = {row: strip for row, (strip, look) in (looks or {}).items() if self._look(row) == look}
        self._strips.clear()
        if before is None and not looks:
            self.refresh()
            return
        for row, strip in kept.items():
            self._strips[row] = strip
        # Only the rows whose selection changed are drawn again (Textual keeps the others' lines),
        # one region per run of them: Textual's compositor pays per region for finding and
        # cropping what it overlaps.
        top, width = round(self.scroll_y), self.size.width
        runs: list[list[int]] = []
        for row in self.visible_rows():
            if row in kept:
                continue
            if runs and runs[-1][1] == row:
                runs[-1][1] = row + 1
            else:
                runs.append([row, row + 1])
        if runs:
            self.refresh(*(Region(0, first - top, width, last - first) for first, last in runs))

    def _unchanged_rows(self, selection: list[_UniformIndex], current: Span | None) -> dict[int, Strip]:
        """The drawn rows on screen whose selection spans are the same under the new selection."""
        kept = {}
        layout = self._layout
        for row in self.visible_rows():
            strip = self._strips.get(row)
            if strip is not None:
                start, end = layout.starts[row], layout.ends[row]
                if _selection_in(selection, current, start, end) == _selection_in(self._selection, self.current, start, end):
                    kept[row] = strip
        return kept

    def _spans_in(self, start: int, end: int) -> list[_Span]:
        found = self._base.overlapping(start, end)
        for index in (*self._layers, *self._selection):
            found.extend(index.overlapping(start, end))
        if self.current is not None and self.current[0] < end and self.current[1] > start:
            found.append(_Span(*self.current, _CURRENT, "article-view--current"))
        found.sort(key=lambda s: (s.rank, s.start))
        return found

    def _bar_in(self, start: int, end: int) -> tuple[str, int] | None:
        i = bisect_right(self._quote_bar_starts, end - 1)
        for bar_start, bar_end, style, pattern in reversed(self._quote_bars[max(0, i - 4) : i]):
            if bar_start < end and bar_end > start:
                return style, pattern
        return None

    @property
    def bar_patterns(self) -> tuple[str, ...]:
        return ASCII_BAR_PATTERNS if self.ascii_only else BAR_PATTERNS

    # -- drawing -------------------------------------------------------------------------------

    def set_map(self, offsets: list[int], current: int | None) -> None:
        """Marks for the overview column: sorted start offsets and the current one. Only its
        cells that change are repainted, one region per run of them (Textual draws each
        repainted cell anew: the whole column was ~2.5 ms of a search keystroke on 2 MB)."""
        if not self.line_count or not self.overview.size.height:  # not laid out: drawn whole later
            self.map.update(offsets, current)
            self.overview.refresh()
            return
        before = self._map_cells()
        if not self.map.update(offsets, current):
            return
        runs: list[list[int]] = []
        for y, (old, new) in enumerate(zip(before, self._map_cells())):
            if old == new:
                continue
            if runs and runs[-1][1] == y:
                runs[-1][1] = y + 1
            else:
                runs.append([y, y + 1])
        if runs:
            self.overview.refresh(*(Region(0, first, 1, last - first) for first, last in runs))

    def _map_cells(self) -> list[Segment]:
        """The overview column's cells, made once per frame and marks: the column's repaint
        reads them (`map_cell`) and `set_map` compares them, instead of each bisecting and
        combining styles again (~40 us a cell, a search keystroke's frame drew ~25)."""
        _, height, _, view, styles, _ = self._frame()  # once, not per cell
        key = (self._frame_cache[0], self.overview.size.height, self.map.current)
        (cached_key, offsets), cells = self._map_cache
        if offsets is self.map.offsets and cached_key == key:  # the marks: the same list, not an equal one
            return cells
        cell, layout = self.map.cell, self._layout
        cells = [cell(y, height, view, layout, styles) for y in range(self.overview.size.height)]
        self._map_cache = ((key, self.map.offsets), cells)
        return cells

    def _frame(self) -> tuple:
        """What every row of one frame shares (region, base style, map styles, left margin),
        looked up once: the key is cheap (Textual computes the content region anew at each
        call, `size` included: the outer size is a field), and the rest follows from it (the
        view has no padding, border or scrollbar)."""
        key = (round(self.scroll_y), self.outer_size, id(self._layout), len(self._styles))
        if self._frame_cache[0] != key:
            if self.article is not None and self.analysis is None and not self.line_count:
                # The first frame of a text whose analysis is still to come (the reader's start):
                # the text is laid out now, at the width the layout has just given the view, not
                # on the Resize event that follows the frame, which drew an empty view first and
                # sent the whole screen again frames later (over SSH, the headline came ~4 full
                # frames late). With an analysis at hand (tests, the corpus view) the old order
                # stays: the status line's first words depend on it, and the snapshots keep them.
                self._relayout()
                key = (round(self.scroll_y), self.outer_size, id(self._layout), len(self._styles))
            region = self.scrollable_content_region
            styles = {k: self._style(f"article-view--map-{k}") for k in ("track", "view", "mark", "current")}
            frame = (region.width, region.height, self.rich_style, self.visible_rows(), styles, self.left_margin)
            self._frame_cache = (key, frame)
            self._plan_ahead()
        return self._frame_cache[1]

    # Rows drawn per turn of the event loop when drawing ahead: ~0.1-0.3 ms each, so a key
    # that arrives meanwhile waits a millisecond or two at most.
    AHEAD_SLICE = 6
    AHEAD_DELAY = 0.03  # after the frame has been written out, not while it is

    def _plan_ahead(self) -> None:
        """Draw the next page and the one before into the row cache between frames, so a page
        down, a line down or a page up finds its rows drawn (then only the frame is written,
        as for a line down, instead of drawing ~30 rows with their spans while the key waits)."""
        if self.article is None or not self.line_count or not self.is_attached:
            return
        rows = self.visible_rows()
        height = max(1, len(rows))
        wanted: list[int] = []
        if self.expected is not None:
            first = self.row_of(self.expected[0])
            last = self.row_of(max(self.expected[0], self.expected[1] - 1))
            if first < rows.start or last >= rows.stop:  # `reveal` would scroll there
                top = max(0, min(first - height // 3, self.line_count - height))
                wanted.extend(range(top, min(self.line_count, top + height)))
        wanted.extend(range(rows.stop, min(self.line_count, rows.stop + height)))
        wanted.extend(range(max(0, rows.start - height), rows.start))
        self._ahead = [row for row in reversed(wanted) if row not in self._strips]
        if self._ahead and not self._ahead_busy:
            self._ahead_busy = True
            self.set_timer(self.AHEAD_DELAY, self._draw_ahead)

    def _draw_ahead(self) -> None:
        """One slice of the rows planned by `_plan_ahead`; the next slice after the events
        waiting now (a key pressed meanwhile goes first)."""
        if self.article is None or not self._ahead:
            self._ahead_busy = False
            return
        base = self._frame()[2]
        for _ in range(self.AHEAD_SLICE):
            if not self._ahead:
                break
            row = self._ahead.pop()
            if row < self.line_count and row not in self._strips:
                self._strips[row] = self._render_row(row, base)
        if self._ahead:
            self.call_later(self._draw_ahead)
        else:
            self._ahead_busy = False

    def map_cell(self, y: int) -> Segment:
        """The overview column's cell beside screen row `y`."""
        cells = self._map_cells()
        if 0 <= y < len(cells):
            return cells[y]
        _, height, _, view, styles, _ = self._frame()
        return self.map.cell(y, height, view, self._layout, styles)

    def jump_to_map_row(self, y: int) -> None:
        """A click on the overview column: the view goes there, like a scrollbar."""
        if self.article is None:
            return
        height = self.scrollable_content_region.height
        row = self.map.row_at(y, height, self._layout)
        self.scroll_to(y=max(0, row - height // 2), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width, _, base, view, _, left = self._frame()
        row = view.start + y if view else round(self.scroll_y) + y
        strip = self._strips.get(row)
        if strip is None:
            strip = self._render_row(row, base)
            self._strips[row] = strip
        if left:
            strip = Strip.join([Strip.blank(left, base), strip])
        return strip.crop_extend(0, width, base).simplify()

    def _render_row(self, row: int, base: Style) -> Strip:
        """`base`: the widget's style, looked up once per frame (`_frame`): Textual computes it
        from every ancestor at each call, a third of a page down's rendering when done per row."""
        layout, article = self._layout, self.article
        if article is None or row >= len(layout) or layout.kinds[row] == BLANK:
            return Strip.blank(GUTTER, base)
        start, end = layout.starts[row], layout.ends[row]
        kind = KINDS[layout.kinds[row]]
        # The spaces a row was broken at are not drawn, so a reversed span ends at its last word.
        raw = article.text[start:end].replace("\n", " ").rstrip(" ")
        end = start + len(raw)
        text = printable(raw)
        length = len(text)
        # The styles as Rich's `Text.stylize` and `render` would layer them (the block's style,
        # then the spans by rank and start, each over the one before, the widget's style under
        # all), cut at the spans' edges, with neighbours of one style joined: the same segments
        # as through a `Text`, without its per-row objects (a row with a dozen search matches
        # took ~150 us that way, ~10 rows of each keystroke of a one-letter search).
        names = [_BLOCK_STYLES[kind]] if kind in _BLOCK_STYLES else []
        cuts = {0, length}
        edges: list[tuple[int, int, str]] = []
        for span in self._spans_in(start, end):
            first, last = max(span.start, start) - start, min(span.end, end) - start
            if first < last:
                edges.append((first, last, span.style))
                cuts.add(first)
                cuts.add(last)
        bar = self._bar_in(start, end) if self.shown_layers["quotes"] else None
        glyph = self.bar_patterns[bar[1]] if bar else " "
        pieces = [(glyph, base + (base + self._style(bar[0]) if bar else base)), (" " * (GUTTER - 1), base + base)]
        if layout.indents[row]:
            pieces.append((" " * layout.indents[row], base + base))
        looks = self._looks
        order = sorted(cuts)
        for a, b in zip(order, order[1:]):
            active = [*names, *[name for first, last, name in edges if first <= a < last]]
            key = (base, *active)
            style = looks.get(key)
            if style is None:
                combined = Style.null()
                for name in active:
                    combined = combined + self._style(name)
                style = looks[key] = base + combined
            pieces.append((text[a:b], style))
        if not length:
            pieces.append(("", base))
        segments = [Segment(*pieces[0])]
        for piece, style in pieces[1:]:
            if style == segments[-1].style:
                segments[-1] = Segment(segments[-1].text + piece, style)
            else:
                segments.append(Segment(piece, style))
        return Strip(segments)

    # -- input ---------------------------------------------------------------------------------

    def action_line(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)

    def action_page(self, delta: int) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + delta * step, animate=False, immediate=True)

    def action_edge(self, bottom: int) -> None:
        self.scroll_to(y=self.max_scroll_y if bottom else 0, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if self.article is None:
            return
        offset = self._layout.offset_at(round(self.scroll_y) + event.y, event.x - GUTTER - self.left_margin, self.article.text)
        if offset is not None:
            self.post_message(self.Clicked(offset))

    def speaker_palette(self) -> list[Style]:
        """The speakers' colours, for drawing the same swatch in the sidebar and legend."""
        return [self._style(f"article-view--speaker-{i}") for i in range(SPEAKER_COLOURS)]

    def layer_style(self, layer: str) -> Style:
        name = {"people": "person", "places": "place", "organizations": "organization", "quotes": "quote"}[layer]
        return self._style(f"article-view--{name}")
