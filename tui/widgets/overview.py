"""The overview column beside the article view: its own widget, one cell wide.

Its marks (`MentionMap`) change with every search keystroke; as a widget of its own, a change
repaints these 30 cells, not every row of the article view. The view owns it (`ArticleView.
overview`) and asks it to repaint when the marks, the scroll position or the layout change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from .article_view import ArticleView


class OverviewColumn(Widget):
    DEFAULT_CSS = """
    OverviewColumn { width: 1; height: 1fr; }
    """

    def __init__(self, view: ArticleView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view

    def render_line(self, y: int) -> Strip:
        return Strip([self.view.map_cell(y)], 1)

    def on_click(self, event: events.Click) -> None:
        """Jump there, like a scrollbar."""
        self.view.jump_to_map_row(event.y)
