"""Placeholder reader app: the reader issue replaces this with the real screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from .model import Article


class NewsReaderApp(App[int]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, articles: list[Article], *, model: str | None = None, use_cache: bool = True,
                 ascii_only: bool = False, theme_name: str | None = None) -> None:
        super().__init__()
        self.articles = articles
        self.model_name = model

    def compose(self) -> ComposeResult:
        yield Header()
        article = self.articles[0]
        with VerticalScroll():
            for block in article.blocks:
                yield Static(Text(article.block_text(block)))
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.articles[0].title
