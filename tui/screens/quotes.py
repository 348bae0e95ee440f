"""`Q`: every quote of the article in one table, to read down, filter, copy and jump from.

The rows come from `tui.report.quote_rows` (the same rows a report writes). Cells are
`rich.text.Text` built from `printable` strings: a DataTable parses plain strings as markup, and
article text must never be. The quote column is cut to fit; the selected row's full text, cue and
paragraph are shown under the table.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ..model import Article
from ..report import QuoteRow, citation
from ..safe_text import printable
from ..widgets.footer import KeyFooter

ORDERS = ("text", "speaker")


def matches(row: QuoteRow, query: str) -> bool:
    """Every word of the query occurs in the speaker, the quote or the cue (any case)."""
    haystack = f"{row.speaker}\n{row.text}\n{row.cue}".casefold()
    return all(word in haystack for word in query.casefold().split())


def ordered(rows: list[QuoteRow], order: str) -> list[QuoteRow]:
    if order == "speaker":
        return sorted(rows, key=lambda r: (r.speaker_id is None, r.speaker.casefold(), r.number))
    return sorted(rows, key=lambda r: r.number)


class QuotesScreen(Screen[str | None]):
    """Dismissed with the id of the quote to jump to, or None."""

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the article (clears the filter first)", id="quotes.close"),
        Binding("enter", "jump", "Go to quote", tooltip="Jump to the selected quote in the article", id="quotes.jump"),
        Binding("y", "copy", "Copy", tooltip="Copy the selected quote with its attribution", id="quotes.copy"),
        Binding("o", "order", "Order", tooltip="Sort by order in the text or by speaker", id="quotes.order"),
        Binding("slash", "filter", "Filter", tooltip="Filter by speaker or words (typing filters too)", id="quotes.filter"),
        Binding("j", "move(1)", "Down", show=False, tooltip="Next quote", id="quotes.down"),
        Binding("k", "move(-1)", "Up", show=False, tooltip="Previous quote", id="quotes.up"),
    ]

    DEFAULT_CSS = """
    QuotesScreen { layout: vertical; }
    QuotesScreen #quotes-heading { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    QuotesScreen #quotes-filter { height: 1; border: none; padding: 0 1; }
    QuotesScreen #quotes-table { height: 1fr; }
    QuotesScreen #quotes-detail { height: 4; padding: 0 1; border-top: solid $panel-lighten-2; }
    QuotesScreen #quotes-status { height: 1; padding: 0 1; }
    """

    def __init__(self, rows: list[QuoteRow], article: Article, *, ascii_only: bool = False) -> None:
        super().__init__()
        self.rows = rows
        self.article = article
        self.ascii_only = ascii_only
        self.order = "text"
        self.query_text = ""
        self.shown: list[QuoteRow] = list(rows)

    def compose(self) -> ComposeResult:
        yield Static(id="quotes-heading")
        yield Input(placeholder="Filter: speaker or words (/ or just type)", id="quotes-filter", select_on_focus=False)
        table: DataTable = DataTable(id="quotes-table", cursor_type="row", zebra_stripes=False)
        yield table
        yield Static(id="quotes-detail")
        yield Static(id="quotes-status")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self._columns(self.size.width)
        self._fill()
        table.focus()

    # -- drawing --------------------------------------------------------------------------------

    def _columns(self, width: int) -> None:
        """Speaker and cue get what they need up to a cap; the quote takes the rest."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        speaker = min(24 if width >= 100 else 20, max([len(r.speaker) for r in self.rows] + [7]))
        cue = 0 if width < 100 else min(24, max([len(r.cue) for r in self.rows] + [3]))
        columns = 5 if cue else 4
        # DataTable pads each cell by one column a side; two more for the vertical scrollbar.
        quote = max(12, width - (3 + speaker + cue + 4) - 2 * columns - 2)
        table.add_column("#", key="number", width=3)
        table.add_column("Speaker", key="speaker", width=speaker)
        table.add_column("Quote", key="quote", width=quote)
        if cue:
            table.add_column("Cue", key="cue", width=cue)
        table.add_column("¶" if not self.ascii_only else "P", key="paragraph", width=4)
        self._widths = (speaker, quote, cue)

    def _cut(self, text: str, width: int) -> Text:
        flat = printable(" ".join(text.split()))
        if len(flat) > width:
            flat = flat[: max(0, width - 1)].rstrip() + ("~" if self.ascii_only else "…")
        return Text(flat, no_wrap=True, end="")

    def _fill(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        speaker_width, quote_width, cue_width = self._widths
        self.shown = [r for r in ordered(self.rows, self.order) if matches(r, self.query_text)]
        for row in self.shown:
            cells = [
                Text(str(row.number), justify="right", end=""),
                self._cut(row.speaker, speaker_width),
                self._cut(row.text, quote_width),
            ]
            if cue_width:
                cells.append(self._cut(row.cue, cue_width))
            cells.append(Text("" if row.paragraph is None else str(row.paragraph), justify="right", end=""))
            table.add_row(*cells, key=row.quote_id)
        if keep is not None:
            index = next((i for i, r in enumerate(self.shown) if r.quote_id == keep), 0)
            if self.shown:
                table.move_cursor(row=index, animate=False)
        self._heading()
        self._detail()

    def _heading(self) -> None:
        dash = " - " if self.ascii_only else " — "
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f"Quotes{dash}")
        if len(self.shown) == len(self.rows):
            text.append(f"{len(self.rows)}")
        else:
            text.append(f"{len(self.shown)} of {len(self.rows)}")
        text.append(f"{dash}by {'order in the text' if self.order == 'text' else 'speaker'}")
        text.append(f"{dash}{printable(self.article.title)}", style="dim")
        self.query_one("#quotes-heading", Static).update(text)

    @property
    def selected(self) -> QuoteRow | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _detail(self) -> None:
        row = self.selected
        text = Text(end="")
        if row is None:
            text.append("No quote matches the filter." if self.rows else "No quotes found in this article.", style="dim")
        else:
            opening, closing = ('"', '"') if self.ascii_only else ("“", "”")
            text.append(f"{opening}{printable(' '.join(row.text.split()))}{closing}", style="italic")
            text.append(f"\n{printable(row.speaker)}", style="bold")
            if row.cue:
                text.append(f" ({printable(row.cue)})")
            where = "headline or subhead" if row.paragraph is None else f"paragraph {row.paragraph}"
            text.append(f", {where}", style="dim")
            if row.corrected:
                text.append(" (corrected)", style="dim")
        self.query_one("#quotes-detail", Static).update(text)

    def say(self, message: str) -> None:
        self.query_one("#quotes-status", Static).update(Text(printable(message), no_wrap=True, overflow="ellipsis", end=""))

    def on_resize(self, event) -> None:
        keep = self.selected.quote_id if self.selected else None
        self._columns(event.size.width)
        self._fill(keep)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    # -- filtering ------------------------------------------------------------------------------

    @on(Input.Changed, "#quotes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()  # the reader's own search bar listens for Input messages further up
        keep = self.selected.quote_id if self.selected else None
        self.query_text = event.value
        self._fill(keep)

    @on(Input.Submitted, "#quotes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(self.query_one(DataTable))

    def on_key(self, event) -> None:
        """Typing a character the table has no use for starts the filter with it.

        Keys typed fast arrive queued at the table before the focus has moved; the Input stops
        every character it takes, so a character that reaches the screen while the Input has
        focus was meant for it and is inserted here (before any binding can take it).
        """
        filter_input = self.query_one("#quotes-filter", Input)
        table = self.query_one(DataTable)
        # `self.focused`, not `has_focus`: the latter follows a Focus event that may still be queued.
        if not (event.is_printable and event.character and event.character != " "):
            if self.focused is filter_input and event.key in ("down", "up"):
                self.set_focus(table)
            return
        bound = {b.key for b in self.BINDINGS if isinstance(b, Binding)}
        if self.focused is filter_input or (self.focused is table and event.key not in bound):
            self.set_focus(filter_input)
            filter_input.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    # -- actions --------------------------------------------------------------------------------

    def action_close(self) -> None:
        filter_input = self.query_one("#quotes-filter", Input)
        if filter_input.value:
            filter_input.value = ""
            self.set_focus(self.query_one(DataTable))
            return
        self.dismiss(None)

    def action_jump(self) -> None:
        row = self.selected
        if row is not None:
            self.dismiss(row.quote_id)

    def action_copy(self) -> None:
        row = self.selected
        if row is None:
            self.say("No quote selected")
            return
        self.app.copy_to_clipboard(citation(row, self.article, ascii_only=self.ascii_only))
        self.say(f"Copied quote {row.number} ({row.speaker}) to the clipboard")

    def action_order(self) -> None:
        keep = self.selected.quote_id if self.selected else None
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._fill(keep)

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#quotes-filter", Input))

    def action_move(self, delta: int) -> None:
        table = self.query_one(DataTable)
        if delta > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()
