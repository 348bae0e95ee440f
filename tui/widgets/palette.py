"""ctrl+p: "Go to speaker/place/…" commands for every row in the sidebar.

Names are article data, so hits are displayed as plain `Content` (Textual's fuzzy highlighter would
parse them as markup) and highlighted here by offset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..safe_text import printable
from .targets import Row


class GoToHost(Protocol):
    """What the palette needs from the app, so that this module never imports the app."""

    def sidebar_rows(self) -> Mapping[str, Sequence[Row]]: ...

    def select_option(self, list_id: str, option_id: str) -> None: ...


_VERB = {"speakers": "Go to speaker", "places": "Go to place", "others": "Go to"}


class GoToProvider(Provider):
    def _entries(self) -> list[tuple[str, str, str]]:
        app = cast(GoToHost, self.app)
        entries = []
        for list_id, rows in app.sidebar_rows().items():
            for row in rows:
                entries.append((f"{_VERB[list_id]} {printable(row.name)}", row.option_id, list_id))
        return entries

    def _display(self, label: str, query: str | None = None) -> Content:
        content = Content(label)
        if query:
            _, offsets = self.matcher(query).fuzzy_search.match(query, label)
            for offset in offsets:
                content = content.stylize("bold underline", offset, offset + 1)
        return content

    async def discover(self) -> Hits:
        app = cast(GoToHost, self.app)
        for label, option_id, list_id in self._entries():
            yield DiscoveryHit(self._display(label), partial(app.select_option, list_id, option_id), text=label)

    async def search(self, query: str) -> Hits:
        app = cast(GoToHost, self.app)
        matcher = self.matcher(query)
        for label, option_id, list_id in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, self._display(label, query), partial(app.select_option, list_id, option_id), text=label)
