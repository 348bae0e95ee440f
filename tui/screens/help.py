"""The `?` screen: every key, generated from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KeyRow = tuple[str, str]  # (keys as shown, description)


_ASCII = {"↓": "down", "↑": "up", "…": "...", "—": "-"}


def ascii_text(text: str) -> str:
    """The same words without arrows, dashes and ellipses, for terminals without those glyphs."""
    for glyph, plain in _ASCII.items():
        text = text.replace(glyph, plain)
    return text


def key_label(keys: str) -> str:
    """'pagedown,space' -> 'PgDn / space' (the same wording as the README's table)."""
    names = {
        "pagedown": "PgDn",
        "pageup": "PgUp",
        "home": "Home",
        "end": "End",
        "down": "↓",
        "up": "↑",
        "question_mark": "?",
        "slash": "/",
        "escape": "esc",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "shift+tab": "shift+tab",
        "ctrl+p": "ctrl+p",
        "enter": "enter",
    }
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def rows_of(bindings: Sequence[Binding | tuple[str, ...]]) -> list[KeyRow]:
    """The long wording (the binding's tooltip) where there is one; the footer keeps the short one."""
    rows = [(key_label(b.key), b.tooltip or b.description) for b in bindings if isinstance(b, Binding) and b.description]
    return list(dict.fromkeys(rows))  # one key bound twice (ctrl+b) is listed once


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", tooltip="Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="help.page_up"),
        Binding("home,g", "edge(0)", "Top", show=False, id="help.top"),
        Binding("end,G", "edge(1)", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, sections: list[tuple[str, list[KeyRow]]], *, ascii_only: bool = False) -> None:
        super().__init__()
        if ascii_only:
            sections = [(title, [(ascii_text(k), ascii_text(d)) for k, d in rows]) for title, rows in sections]
        self.sections = sections
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        text = Text(end="")
        text.append("newsreader - keys\n" if self.ascii_only else "newsreader — keys\n", style="bold")
        width = max((len(k) for _, rows in self.sections for k, _ in rows), default=8) + 2
        for title, rows in self.sections:
            text.append(f"\n{title}\n", style="bold underline")
            for keys, description in rows:
                text.append(f"  {keys:<{width}}", style="bold")
                text.append(f"{description}\n")
        text.append("\nesc, q or ? closes this screen.", style="dim")
        with VerticalScroll(id="help-body"):
            yield Static(text, id="help-text")

    def action_page(self, delta: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=delta * max(1, body.scrollable_content_region.height - 1), animate=False)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_edge(self, bottom: int) -> None:
        """The same keys as in the article: g / Home to the top, G / End to the end."""
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.max_scroll_y if bottom else 0, animate=False)
