"""The `/` search bar: incremental, case-insensitive; enter keeps the matches for n/N."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search.cancel")]

    class Cancelled(Message):
        pass

    def __init__(self, id: str | None = None) -> None:
        # No select-on-focus: keys typed right after `/` arrive before the focus event and must
        # not be selected (and then replaced) by it.
        super().__init__(placeholder="search the article (enter: keep, esc: cancel)", id=id, select_on_focus=False, compact=True)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
