"""A read-only table drawn line by line: only the rows in view cost anything.

Textual's DataTable measures and styles every row it holds, which took hundreds of
milliseconds for a few hundred rows; the corpus view must answer every key within 50 ms on a
large archive. This widget keeps rows as tuples of plain strings, draws a visible row when asked
(`render_line`, the Line API) and moves its cursor by redrawing two lines. Cells are plain
text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..safe_text import printable


def clean(text: object) -> str:
    """One line of plain, terminal-safe text."""
    return " ".join(printable("" if text is None else str(text)).split())


class LineTable(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("down,j", "move(1)", "Next row", show=False, id="table.next"),
        Binding("up,k", "move(-1)", "Previous row", show=False, id="table.previous"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("home,g", "jump(0)", "First row", show=False, id="table.first"),
        Binding("end,G", "jump(-1)", "Last row", show=False, id="table.last"),
        Binding("enter", "select", "Open", show=False, id="table.select"),
    ]
    DEFAULT_CSS = """
    LineTable { height: 1fr; overflow-x: hidden; overflow-y: auto; }
    """

    class Selected(Message):
        def __init__(self, table: LineTable, index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

        @property
        def control(self) -> LineTable:
            return self.table

    def __init__(self, columns: Sequence[tuple[str, int]], *, id: str | None = None, classes: str | None = None) -> None:
        """`columns`: (title, width in cells); width 0 takes what is left."""
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.rows: Sequence[Sequence[object]] = []
        self.cursor = 0

    def set_columns(self, columns: Sequence[tuple[str, int]]) -> None:
        self.columns = list(columns)
        self.refresh()

    def set_rows(self, rows: Sequence[Sequence[object]]) -> None:
        """Rows of any values; each is made a clean line of text only when drawn."""
        self.rows = rows
        self.cursor = 0
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    # -- drawing --------------------------------------------------------------------------------

    def _widths(self, total: int) -> list[int]:
        fixed = sum(w + 1 for _, w in self.columns if w)
        return [w if w else max(1, total - fixed) for _, w in self.columns]

    def _line(self, cells: Sequence[object], width: int, style: Style) -> Strip:
        text = " ".join(set_cell_size(clean(cell), w) for cell, w in zip(cells, self._widths(width)))
        return Strip([Segment(set_cell_size(text, width), style)], width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._line([t for t, _ in self.columns], width, base + Style(bold=True))
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        if index == self.cursor:
            style = base + (Style(reverse=True) if self.has_focus else Style(bold=True, underline=True))
        else:
            style = base
        return self._line(self.rows[index], width, style)

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- moving ---------------------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        old, self.cursor = self.cursor, index
        top = int(self.scroll_offset.y)
        rows_in_view = max(1, self.size.height - 1)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
            self.refresh()
        elif index >= top + rows_in_view:
            self.scroll_to(y=index - rows_in_view + 1, animate=False, immediate=True)
            self.refresh()
        else:
            self.refresh_line(old + 1)  # virtual lines: the header is line 0
            self.refresh_line(index + 1)

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        self.move_to(self.cursor + delta * max(1, self.size.height - 2))

    def action_jump(self, index: int) -> None:
        self.move_to(index if index >= 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            self.move_to(index)
            self.post_message(self.Selected(self, index))
