"""Single-row bars: the title bar, the highlight legend and the status line.

All three draw `rich.text.Text` built from `printable` strings, so an article's title or a
speaker's name can never be taken for markup or reach the terminal as a control sequence.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widgets import Static

from ..safe_text import printable
from .status_fit import Part, fit

LAYER_LABELS = {"people": "People", "places": "Places", "organizations": "Organisations", "quotes": "Quotes"}
LAYER_KEYS = {"people": "1", "places": "2", "organizations": "3", "quotes": "4"}


def _put(static: Static, text: Text, *, layout: bool = False) -> None:
    """Show `text` unless it is already shown. The bars are one row high and as wide as the
    screen, so new text needs no layout pass (Static.update's default), which re-arranged the
    whole screen on every key that touched the status line: 60 ms on a long article."""
    if getattr(static, "_shown_text", None) == text:
        return
    static._shown_text = text  # type: ignore[attr-defined]
    static.update(text, layout=layout)


class TitleBar(Static):
    """The file first (the headline is the article's own first line), its place among the open
    files with the neighbours' names (what `[` and `]` lead to), then the headline if room is left."""

    parts: list[Part] = []
    ellipsis = "…"

    def show(self, title: str, source: str, position: str = "", before: str = "", after: str = "") -> None:
        parts = [Part(source, "bold", keep=True)]
        if position:
            parts.append(Part(position, "bold", keep=True, lead="  "))
            neighbours = f"[ {before}  ] {after}" if before != after else f"[ ] {after}"  # two files: one neighbour
            parts.append(Part(neighbours, "dim", priority=1, shrink_to=12, lead="  "))
        parts.append(Part(title or "(untitled)", "dim", priority=0, shrink_to=12, lead="  "))
        self.parts = parts
        self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or self.size.width or 80
        text = Text(no_wrap=True, overflow="crop", end="")
        for part in fit(self.parts, width, self.ellipsis):
            text.append(printable(part.lead))
            text.append(printable(part.text), style=part.style)
        _put(self, text)

    def fit_width(self) -> None:
        """Fit the parts to the width the layout gave the bar (before it, 80 columns are assumed)."""
        if self.parts:
            self._draw()

    def on_resize(self) -> None:
        self.fit_width()


class Legend(Static):
    """What each highlight means and the key that toggles it; a hidden layer is struck through."""

    def show(self, layers: dict[str, bool], styles: dict[str, Style]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for i, (layer, on) in enumerate(layers.items()):
            if i:
                text.append("  ")
            text.append(LAYER_KEYS[layer], style="bold" if on else "dim")
            text.append(" ")
            style = styles.get(layer, Style()) if on else Style(dim=True, strike=True)
            text.append(LAYER_LABELS[layer], style=style)
        _put(self, text)


class StatusLine(Horizontal):
    """Selection, position and the quote in view on the left, fitted by priority
    (`status_fit`); analysis progress and the file counter in their own place on the right."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    StatusLine > #status-left { width: 1fr; height: 1; }
    StatusLine > #status-right { width: auto; height: 1; }
    """

    plain = ""
    parts: list[Part] = []
    ellipsis = "…"

    def compose(self) -> ComposeResult:
        yield Static(id="status-left")
        yield Static(id="status-right")

    def show(self, parts: list[Part], right: str = "") -> None:
        self.parts = parts
        shown = Text(f" {printable(right)}" if right else "", style="dim", end="")
        # The right part is as wide as its text: a layout pass only when that width changes.
        _put(self.query_one("#status-right", Static), shown, layout=len(right) != len(getattr(self, "_right", "")))
        self._right = right
        self._draw()

    def _draw(self) -> None:
        try:
            left = self.query_one("#status-left", Static)
        except NoMatches:  # removed (the app closing) before a deferred draw came round
            return
        width = left.size.width or self.size.width or 80
        text = Text(no_wrap=True, overflow="crop", end="")
        for part in fit(self.parts, width, self.ellipsis):
            text.append(printable(part.lead))
            text.append(printable(part.text), style=part.style)
        _put(left, text)
        right = getattr(self, "_right", "")
        self.plain = text.plain + ("  " + right if right else "")

    def fit_width(self) -> None:
        """Fit the parts to the width the layout gave the line (before it, 80 columns are assumed)."""
        self._draw()

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw)
