"""A one-column overview beside the article: where every mention of the current target lies.

Each cell stands for a slice of the document's rows, so the reader sees at a glance where a
speaker appears, which mark is the current one, and where the view is.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget


class MentionMap(Widget):
    COMPONENT_CLASSES = {"mention-map--mark", "mention-map--current", "mention-map--view"}

    DEFAULT_CSS = """
    MentionMap { width: 1; height: 1fr; }
    """

    def __init__(self, *, ascii_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_only = ascii_only
        self.total_rows = 0
        self.mark_rows: list[int] = []
        self.current_row: int | None = None
        self.view_rows = range(0)

    def update_map(self, total_rows: int, mark_rows: list[int], current_row: int | None, view_rows: range) -> None:
        state = (total_rows, mark_rows, current_row, view_rows)
        if state != (self.total_rows, self.mark_rows, self.current_row, self.view_rows):
            self.total_rows, self.mark_rows, self.current_row, self.view_rows = total_rows, sorted(mark_rows), current_row, view_rows
            self.refresh()

    def _slice(self, y: int) -> range:
        height = max(1, self.size.height)
        total = max(self.total_rows, height)
        return range(y * total // height, max(y * total // height + 1, (y + 1) * total // height))

    def render_line(self, y: int) -> Strip:
        rows = self._slice(y)
        base = self.rich_style
        in_view = bool(self.view_rows) and rows.start < self.view_rows.stop and rows.stop > self.view_rows.start
        style = base + self.get_component_rich_style("mention-map--view", partial=True) if in_view else base
        glyph = " "
        i = bisect_left(self.mark_rows, rows.start)
        if self.current_row is not None and self.current_row in rows:
            glyph = "#" if self.ascii_only else "█"
            style += self.get_component_rich_style("mention-map--current", partial=True)
        elif i < len(self.mark_rows) and self.mark_rows[i] < rows.stop:
            glyph = "-" if self.ascii_only else "━"
            style += self.get_component_rich_style("mention-map--mark", partial=True)
        return Strip([Segment(glyph, style)], 1)
