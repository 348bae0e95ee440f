"""The `/` search bar: incremental, case-insensitive; enter keeps the matches for n/N."""

from __future__ import annotations

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

    def __init__(self, id: str | None = None) -> None:
        # No select-on-focus: keys typed right after `/` arrive before the focus event and must
        # not be selected (and then replaced) by it.
        super().__init__(placeholder="search the article (enter: keep, esc: cancel)", id=id, select_on_focus=False, compact=True)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
