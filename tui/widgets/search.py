"""The `/` search bar: incremental, case-insensitive; enter keeps the matches for n/N."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search.cancel")]

    # Input sets its virtual size to the text's width on every keystroke, and a widget's virtual
    # size asks for a layout of the whole screen. The bar is one row of fixed size, scrolled to
    # its cursor from the virtual size directly: a repaint of the bar is all a keystroke needs
    # (on 2 MB the layout and the repaint of every row it caused were half the keystroke).
    virtual_size = Reactive(Size(0, 0), layout=False)

    class Cancelled(Message):
        pass

    def __init__(self, id: str | None = None, typed: Callable[[str], None] | None = None) -> None:
        # No select-on-focus: keys typed right after `/` arrive before the focus event and must
        # not be selected (and then replaced) by it.
        super().__init__(placeholder="search the article (enter: keep, esc: cancel)", id=id, select_on_focus=False, compact=True)
        self._typed = typed

    def watch_value(self, value: str) -> None:
        """`typed` runs as the key that changed the value is handled, before the bar's turn
        ends: what it repaints (the matches in the article view, the overview column, the
        status line) then reaches the screen with the bar's own repaint, in the frame that
        echoes the key. Run from the `Changed` message, even in the bar's own handler, it came
        too late: Textual had already sent the bar's repaint (the bar counts as idle between
        the repaint request and the message), the echo's frame was drawn while the search ran
        and the matches waited for the next frame, ~16 ms later plus the time to draw it."""
        if self._typed is not None:
            self._typed(value)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
