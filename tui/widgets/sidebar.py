"""The sidebar: Speakers, Places and the people/organisations mentioned but never quoted.

Names come from articles, so every row is a `rich.text.Text` built from `printable` strings and the
lists run with markup off: a name like "[@click=app.quit]" is shown, never obeyed.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..safe_text import printable
from .targets import Row

_KIND_NOTE = {"organization": "org", "place": "", "unnamed": "unnamed", "person": ""}


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

    def set_rows(self, rows: list[Row] | None, waiting: str = "analysing…", palette: list[Style] | None = None) -> None:
        """`None` while the analysis runs; an empty list shows the empty state. `palette` holds
        the speaker colours used in the article, so a speaker looks the same in both places."""
        self.palette = palette or []
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.rows = rows or []
        if rows is None:
            self.set_options([Option(Text(waiting, style="italic dim"), disabled=True)])
            return
        if not rows:
            self.set_options([Option(Text(self.empty, style="italic dim"), disabled=True)])
            return
        self.set_options([Option(self._prompt(row), id=row.option_id) for row in rows])
        if keep is not None:
            self.highlight_id(keep)

    def highlight_id(self, option_id: str) -> bool:
        try:
            self.highlighted = self.get_option_index(option_id)
        except Exception:
            return False
        return True

    def _prompt(self, row: Row) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if row.colour is not None:
            style = self.palette[row.colour] if row.colour < len(self.palette) else Style(bold=True)
            text.append("| " if self.ascii_only else "▌ ", style=style)
        text.append(printable(row.name))
        note = _KIND_NOTE.get(row.detail, row.detail)
        text.append(f"  {row.count}", style="bold")
        text.append(f" {self.unit if row.count == 1 else self.unit + 's'}", style="dim")
        if note:
            text.append(f" - {note}" if self.ascii_only else f" · {note}", style="dim")
        return text


class Sidebar(Vertical):
    def __init__(self, *, ascii_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        yield Label("Speakers", classes="sidebar-title")
        yield EntityList("No quotes found", unit="quote", id="speakers", ascii_only=self.ascii_only)
        yield Label("Places", classes="sidebar-title")
        yield EntityList("No places found", unit="mention", id="places", ascii_only=self.ascii_only)
        yield Label("Also mentioned", classes="sidebar-title")
        yield EntityList("Nobody else", unit="mention", id="others", ascii_only=self.ascii_only)
