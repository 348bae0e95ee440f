"""`t`: the outline — headline, subheads and the quote timeline (who speaks when) to jump to.

Dismissed with the chosen entry's key (`block:<start>` or `quote:<id>`), or None. Labels are
`rich.text.Text` from `printable` strings: article text is never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..report.outline import OutlineEntry
from ..safe_text import printable


class OutlineScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape,t", "dismiss(None)", "Back", tooltip="Back to the article", id="outline.close"),
        Binding("j", "move(1)", "Down", show=False, tooltip="Next entry", id="outline.down"),
        Binding("k", "move(-1)", "Up", show=False, tooltip="Previous entry", id="outline.up"),
    ]
    DEFAULT_CSS = """
    OutlineScreen { align: center middle; }
    OutlineScreen > Vertical { width: 100; max-width: 100%; height: 100%; border: round $accent; background: $surface; padding: 0 1; }
    OutlineScreen #outline-title { height: 1; text-style: bold; }
    OutlineScreen #outline-list { height: 1fr; border: none; padding: 0; background: $surface; }
    """

    def __init__(self, entries: list[OutlineEntry], *, ascii_only: bool = False, current: int = 0) -> None:
        super().__init__()
        self.entries = entries
        self.ascii_only = ascii_only
        self.current = current  # the offset at the top of the article view: start the list there
        self.width_hint = 96

    def _label(self, entry: OutlineEntry) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if entry.kind == "heading":
            text.append(printable(entry.title), style="bold")
        elif entry.kind == "subheading":
            text.append(printable(entry.title), style="bold underline")
        else:
            opening, closing = ('"', '"') if self.ascii_only else ("“", "”")
            mark = "P" if self.ascii_only else "¶"
            where = "" if entry.paragraph is None else f"{mark}{entry.paragraph}"
            text.append(f"  {where:>4}  ", style="dim")
            text.append(printable(entry.speaker), style="bold")
            # One line per entry (an OptionList wraps long prompts): the words cut to what fits.
            room = max(12, self.width_hint - 15 - len(entry.speaker))  # indent, marks, scrollbar
            words = (
                entry.title if len(entry.title) <= room else entry.title[: room - 1].rstrip() + ("~" if self.ascii_only else "…")
            )
            text.append(f": {opening}{printable(words)}{closing}")
        return text

    def compose(self) -> ComposeResult:
        self.width_hint = min(100, self.app.size.width) - 4  # frame and padding
        quotes = sum(1 for e in self.entries if e.kind == "quote")
        dash = " - " if self.ascii_only else " — "
        with Vertical(id="outline-frame"):
            yield Static(
                Text(f"Outline{dash}subheads and {quotes} quotes, in order (enter: go there)", end=""), id="outline-title"
            )
            yield OptionList(*[Option(self._label(e), id=e.key) for e in self.entries], id="outline-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        self.set_focus(options)
        if self.entries:
            before = [i for i, e in enumerate(self.entries) if e.offset <= self.current]
            options.highlighted = before[-1] if before else 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
