"""Two small dialogs the workbench asks with: pick one of a list, or type a line.

Options and default values may be article text (names), so every label is a `rich.text.Text`
built from `printable`, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..safe_text import printable

_ASCII = str.maketrans({"“": '"', "”": '"', "…": "...", "—": "-", "¶": "P"})


def shown(app: object, text: str) -> Text:
    """A label as drawn: printable, and in ASCII when the reader draws with ASCII only."""
    plain = printable(text)
    if getattr(app, "ascii_only", False):
        plain = plain.translate(_ASCII)
    return Text(plain, end="")


DIALOG_CSS = """
ChoiceScreen, PromptScreen { align: center middle; }
ChoiceScreen > Vertical, PromptScreen > Vertical {
    width: 64; max-width: 100%; height: auto; max-height: 90%;
    border: round $primary; background: $surface; padding: 0 1;
}
ChoiceScreen .dialog-title, PromptScreen .dialog-title { text-style: bold; height: auto; }
ChoiceScreen #choices { height: auto; max-height: 16; border: none; padding: 0; }
PromptScreen Input { border: none; height: 1; padding: 0; margin: 1 0 0 0; }
PromptScreen .dialog-hint { color: $text-muted; height: auto; }
.-ascii ChoiceScreen > Vertical, .-ascii PromptScreen > Vertical { border: ascii $primary; }
"""


class ChoiceScreen(ModalScreen[str | None]):
    """Dismissed with the chosen option's id, or None (esc)."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # one stylesheet for both dialogs, with full selectors
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(shown(self.app, self.title_text), classes="dialog-title")
            yield OptionList(*[Option(shown(self.app, label), id=key) for key, label in self.options], id="choices")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        self.set_focus(choices)
        if self.options:
            choices.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)


class PromptScreen(ModalScreen[str | None]):
    """Dismissed with the typed line (stripped), or None (esc or nothing typed)."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False  # one stylesheet for both dialogs, with full selectors
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.hint = title, value, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(shown(self.app, self.title_text), classes="dialog-title")
            yield Input(value=printable(self.value), id="prompt", select_on_focus=False)
            if self.hint:
                yield Static(shown(self.app, self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # the reader's search bar listens for Input messages further up

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(value or None)
