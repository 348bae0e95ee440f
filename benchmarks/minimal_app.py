"""The floor for start-up figures: the smallest Textual app that shows a file's first non-empty line."""

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, path: str) -> None:
        super().__init__()
        with open(path, encoding="utf-8") as fh:
            self.first_line = next((line.strip() for line in fh if line.strip()), "")

    def compose(self) -> ComposeResult:
        yield Static(Text(self.first_line))


if __name__ == "__main__":
    Minimal(sys.argv[1]).run()
