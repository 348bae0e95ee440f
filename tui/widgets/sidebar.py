"""The sidebar: Speakers, Places and the people/organisations mentioned but never quoted.

Each list gets a share of the sidebar's height (`share_rows`) and scrolls inside it, so the cursor
row is always on screen and the wheel works; its heading carries the count, and the cursor's
position in a list longer than its share. One cursor is drawn, in the focused list only; the
row that is the current selection carries its own marker, whatever list has the focus.

Names come from articles, so every row is built from `printable` strings and the lists run with
markup off: a name like "[@click=app.quit]" is shown, never obeyed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._context import active_app
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, Visual
from textual.widget import AwaitMount
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..safe_text import printable
from .targets import Row

_KIND_NOTE = {"organization": "org", "place": "", "unnamed": "unnamed", "person": ""}
LIST_IDS = ("speakers", "places", "others")
_TITLES = {"speakers": "Speakers", "places": "Places", "others": "Also mentioned"}


def sidebar_width(columns: int) -> int:
    """Three tenths of the terminal, between 36 and 60 columns (32 when it is shown on demand in
    a narrow one): at 200 columns a long description and its count fit whole, and the article
    keeps its full measure from 130 columns on."""
    if columns < 90:
        return 32
    return max(36, min(60, round(columns * 0.3)))


def share_rows(needs: list[int], available: int) -> list[int]:
    """Rows for each list: all it needs when everything fits, else fair shares (water-filling),
    every list at least one row while there are rows to give."""
    shares = [0] * len(needs)
    left = max(0, available)
    open_ = [i for i, need in enumerate(needs) if need > 0]
    while left and open_:
        each = max(1, left // len(open_))
        for i in list(open_):
            give = min(each, needs[i] - shares[i], left)
            shares[i] += give
            left -= give
            if shares[i] >= needs[i]:
                open_.remove(i)
            if not left:
                break
    return shares


def clip(text: str, width: int, ellipsis: str) -> str:
    """`text` cut to `width` cells, the cut marked."""
    if cell_len(text) <= width:
        return text
    if width <= cell_len(ellipsis):
        return ellipsis[:width]
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - cell_len(ellipsis):
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ellipsis


class RowLabel(Visual):
    """One row drawn at the width it is given: the name is cut, never the count.

    A Textual Visual of exactly one line, so a list of thousands of rows is measured without
    rendering each one (a Rich renderable would be rendered once just to count its lines). Its
    pieces are made by `make` when it is first drawn: a partial analysis of a long text gives
    hundreds of new rows, of which a screenful is seen (making them all took 30 ms a stage)."""

    def __init__(self, make: Callable[[], tuple[Text | None, str, Text, Text | None, str]]) -> None:
        self._make: Callable[[], tuple[Text | None, str, Text, Text | None, str]] | None = make
        self._parts: tuple[Text | None, str, Text, Text | None, str] | None = None

    @property
    def made(self) -> bool:
        return self._parts is not None

    def text(self, width: int) -> Text:
        if self._parts is None:
            assert self._make is not None
            self._parts, self._make = self._make(), None
        swatch, name, count, note, ellipsis = self._parts
        fixed = (swatch.cell_len if swatch else 0) + 2 + count.cell_len
        if note is not None and fixed + note.cell_len + cell_len(name) > width:
            note = None  # the kind note goes before any of the name
        room = width - fixed - (note.cell_len if note else 0)
        text = Text(no_wrap=True, overflow="crop", end="")
        if swatch:
            text.append_text(swatch)
        text.append(clip(name, max(1, room), ellipsis))
        text.append("  ")
        text.append_text(count)
        if note:
            text.append_text(note)
        return text

    def render_strips(self, width: int, height: int | None, style: VisualStyle, options: RenderOptions) -> list[Strip]:
        console = active_app.get().console
        segments = self.text(width).render(console, end="")
        return [Strip(Segment.apply_style(segments, style.rich_style)).crop_extend(0, width, style.rich_style)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.text(10_000).cell_len

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


class EntityList(OptionList):
    """One sidebar list; j/k move like the arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next row", id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous row", id="list.up"),
    ]

    def __init__(self, empty: str, *, unit: str, id: str | None = None, ascii_only: bool = False) -> None:
        super().__init__(id=id, markup=False)
        self.empty = empty
        self.unit = unit
        self.ascii_only = ascii_only
        self.rows: list[Row] = []
        self.palette: list[Style] = []
        self.patterns: list[str] = []
        self.selected_id: str | None = None  # the row that is the current target, if any
        # Rows drawn before, by (row, is the selection): a partial analysis of a long text changes
        # a few counts among hundreds of rows, and making every prompt again cost 30 ms a stage.
        self._prompts: dict[tuple[Row, bool], RowLabel] = {}
        self._title: tuple[str, str] | None = None  # what the title label shows now
        self.focused = False  # set in on_focus, which runs before Textual updates `has_focus`
        self.title_label = Label(_TITLES.get(id or "", ""), classes="sidebar-title", id=f"{id}-title" if id else None)

    @property
    def cursor_visible(self) -> bool:
        """The cursor row is drawn only while the list has the focus (see the stylesheet)."""
        return self.focused and self.highlighted is not None

    def set_rows(
        self,
        rows: list[Row] | None,
        waiting: str = "analysing…",
        palette: list[Style] | None = None,
        patterns: list[str] | None = None,
    ) -> None:
        """`None` while the analysis runs; an empty list shows the empty state. `palette` and
        `patterns` are the speakers' colours and bar glyphs, so a speaker looks the same here
        and in the article."""
        palette, patterns = palette or [], patterns or []
        if rows and rows == self.rows and palette == self.palette and patterns == self.patterns:
            return  # a partial analysis that changed nothing here: no rows rebuilt, no repaint
        if palette != self.palette or patterns != self.patterns:
            self._prompts = {}
        self.palette, self.patterns = palette, patterns
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.rows = rows or []
        if rows is None:
            self.set_options([Option(Text(waiting, style="italic dim"), disabled=True)])
        elif not rows:
            self.set_options([Option(Text(self.empty, style="italic dim"), disabled=True)])
        else:
            self.set_options([Option(self._cached_prompt(row), id=row.option_id) for row in rows])
            self._prompts = {key: self._prompts[key] for key in ((row, row.option_id == self.selected_id) for row in rows)}
            if keep is not None:
                self.highlight_id(keep)
        self.refresh_title()

    def highlight_id(self, option_id: str) -> bool:
        try:
            self.highlighted = self.get_option_index(option_id)
        except Exception:
            return False
        return True

    def select_id(self, option_id: str | None) -> None:
        """Mark the current target's row (or none); the cursor stays where it is."""
        if option_id == self.selected_id:
            return
        self.selected_id = option_id
        if self.rows:
            for i, row in enumerate(self.rows):
                self.replace_option_prompt_at_index(i, self._cached_prompt(row))

    def _cached_prompt(self, row: Row) -> RowLabel:
        key = (row, row.option_id == self.selected_id)
        prompt = self._prompts.get(key)
        if prompt is None:
            prompt = self._prompts[key] = self._prompt(row)
        return prompt

    def refresh_title(self) -> None:
        """ "Places  12", or "Places  4/12" where the cursor is, when the list has one.

        Updated only when it changes: a label's update lays the whole screen out again."""
        name = _TITLES.get(self.id or "", "")
        total = len(self.rows)
        where = f"{self.highlighted + 1}/{total}" if self.highlighted is not None and self.focused else str(total)
        if self._title == (name, where if self.rows else ""):
            return
        self._title = (name, where if self.rows else "")
        if not self.rows:
            self.title_label.update(Text(name, end=""))
            return
        title = Text(name, end="")
        title.append(f"  {where}", style="not bold")
        self.title_label.update(title)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_title()

    def on_focus(self) -> None:
        self.focused = True
        if self.highlighted is None and self.rows:
            chosen = self.selected_id and self.highlight_id(self.selected_id)
            if not chosen:
                self.highlighted = 0
        self.title_label.add_class("-focused")
        self.refresh_title()

    def on_blur(self) -> None:
        self.focused = False
        self.title_label.remove_class("-focused")
        self.refresh_title()

    def _prompt(self, row: Row) -> RowLabel:
        selected = row.option_id == self.selected_id
        return RowLabel(lambda: self._pieces(row, selected))

    def _pieces(self, row: Row, selected: bool) -> tuple[Text | None, str, Text, Text | None, str]:
        swatch = None
        if row.colour is not None:
            style = self.palette[row.colour] if row.colour < len(self.palette) else Style(bold=True)
            glyph = self.patterns[row.pattern] if row.pattern < len(self.patterns) else ("|" if self.ascii_only else "▌")
            swatch = Text(f"{glyph} ", style=style, end="")
        marker = (">" if self.ascii_only else "▸") if selected else " "
        lead = Text(marker, style="bold", end="")
        if swatch is not None:
            lead.append_text(swatch)
        note_word = _KIND_NOTE.get(row.detail, row.detail)
        count = Text(end="")
        count.append(str(row.count), style="bold")
        count.append(f" {self.unit if row.count == 1 else self.unit + 's'}", style="dim")
        note = Text(f" - {note_word}" if self.ascii_only else f" · {note_word}", style="dim", end="") if note_word else None
        return lead, printable(row.name), count, note, "..." if self.ascii_only else "…"


class Sidebar(Vertical):
    def __init__(self, *, ascii_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_only = ascii_only
        self.lists = [
            EntityList("No quotes found", unit="quote", id="speakers", ascii_only=ascii_only),
            EntityList("No places found", unit="mention", id="places", ascii_only=ascii_only),
            EntityList("Nobody else", unit="mention", id="others", ascii_only=ascii_only),
        ]
        self.by_id = {lst.id: lst for lst in self.lists}

    def mount_lists(self) -> AwaitMount:
        """The lists and their headings, mounted by the app after its first frame (styling them
        was a fifth of that frame's work); until then they are filled as if they were shown."""
        return self.mount_all([widget for lst in self.lists for widget in (lst.title_label, lst)])

    def fit_lists(self) -> None:
        """Share the height between the lists: what each needs, fairly when they do not all fit."""
        height = self.scrollable_content_region.height
        if not height:
            return
        needs = [max(1, lst.option_count) for lst in self.lists]
        shares = share_rows(needs, height - len(self.lists))
        for lst, rows in zip(self.lists, shares):
            lst.styles.height = max(1, rows)

    def on_resize(self) -> None:
        self.fit_lists()

    def select(self, option_id: str | None) -> None:
        """The one selected row across the lists (None: nothing selected)."""
        for lst in self.lists:
            lst.select_id(option_id if option_id and any(r.option_id == option_id for r in lst.rows) else None)
