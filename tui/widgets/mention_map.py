"""The overview column at the article's right edge: where every mention of the current target lies.

It replaces the scrollbar: each cell stands for a slice of the document's rows, shaded where the
view is, marked where the target is mentioned and solid at the current mention. It is a widget
one cell wide beside the article view (`OverviewColumn`, made by the view), so new marks repaint
that column and only the article rows whose marks changed: drawn as the last cell of every
article row, any change of the marks (each search keystroke) repainted the whole view.
Marks are kept as character offsets and looked up per cell, so a target with 50,000 mentions
costs a few bisections per screen row, not one per mention.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.segment import Segment
from rich.style import Style

from .layout import Layout


class MentionMap:
    def __init__(self, *, ascii_only: bool = False) -> None:
        self.ascii_only = ascii_only
        self.offsets: list[int] = []  # sorted start offsets of the marks
        self.current: int | None = None  # start offset of the current mark

    def update(self, offsets: list[int], current: int | None) -> bool:
        """Returns True when something changed (the caller repaints)."""
        if offsets is self.offsets and current == self.current:
            return False
        self.offsets, self.current = offsets, current
        return True

    @staticmethod
    def slice_of(y: int, height: int, total: int) -> range:
        """The document rows that screen row `y` stands for."""
        height = max(1, height)
        total = max(total, height)
        return range(y * total // height, max(y * total // height + 1, (y + 1) * total // height))

    def row_at(self, y: int, height: int, layout: Layout) -> int:
        return self.slice_of(y, height, len(layout)).start

    def cell(self, y: int, height: int, view: range, layout: Layout, styles: dict[str, Style]) -> Segment:
        rows = self.slice_of(y, height, len(layout))
        in_view = bool(view) and rows.start < view.stop and rows.stop > view.start
        style = styles["view"] if in_view else styles["track"]
        if rows.start >= len(layout):
            return Segment(" ", style)
        first = layout.starts[rows.start]
        last = layout.starts[rows.stop] if rows.stop < len(layout) else float("inf")
        if self.current is not None and first <= self.current < last:
            return Segment("#" if self.ascii_only else "█", style + styles["current"])
        i = bisect_left(self.offsets, first)
        if i < len(self.offsets) and self.offsets[i] < last:
            return Segment("-" if self.ascii_only else "━", style + styles["mark"])
        return Segment(" ", style)
