"""The overview column at the article's right edge: where every mention of the current target lies.

It replaces the scrollbar: each cell stands for a slice of the document's rows, shaded where the
view is, marked where the target is mentioned and solid at the current mention. It is drawn as
the last cell of the article view's own rows, so scrolling repaints one region, not two widgets.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.segment import Segment
from rich.style import Style


class MentionMap:
    def __init__(self, *, ascii_only: bool = False) -> None:
        self.ascii_only = ascii_only
        self.total_rows = 0
        self.mark_rows: list[int] = []
        self.current_row: int | None = None
        self._source: list[int] | None = None

    def update(self, total_rows: int, mark_rows: list[int], current_row: int | None) -> bool:
        """Returns True when something changed (the caller repaints)."""
        if mark_rows is not self._source:
            self._source = mark_rows
            self.mark_rows = sorted(set(mark_rows))
        elif (total_rows, current_row) == (self.total_rows, self.current_row):
            return False
        self.total_rows, self.current_row = total_rows, current_row
        return True

    def slice_of(self, y: int, height: int) -> range:
        """The document rows that screen row `y` stands for."""
        height = max(1, height)
        total = max(self.total_rows, height)
        return range(y * total // height, max(y * total // height + 1, (y + 1) * total // height))

    def row_at(self, y: int, height: int) -> int:
        return self.slice_of(y, height).start

    def cell(self, y: int, height: int, view: range, styles: dict[str, Style]) -> Segment:
        rows = self.slice_of(y, height)
        in_view = bool(view) and rows.start < view.stop and rows.stop > view.start
        style = styles["view"] if in_view else styles["track"]
        if self.current_row is not None and self.current_row in rows:
            return Segment("#" if self.ascii_only else "█", style + styles["current"])
        i = bisect_left(self.mark_rows, rows.start)
        if i < len(self.mark_rows) and self.mark_rows[i] < rows.stop:
            return Segment("-" if self.ascii_only else "━", style + styles["mark"])
        return Segment(" ", style)
