"""The key bar at the bottom: Textual's Footer without its leak.

Textual 8's Footer re-creates its keys whenever the bindings change (every focus change, every
screen pushed or popped), and each key's `data_bind(compact=...)` leaves a watcher on the footer
that Textual only prunes when `compact` changes, which it never does here. The removed keys, their
styles and rendered lines stayed alive: ~12 widgets per visit to the help screen, 44 -> 186 MiB
over a thousand (issue 14). After each recompose the watchers of removed keys are dropped.

Second, `StylesCache.get_inner_outer` is an `lru_cache` on a method: its keys hold up to 1,024
widgets' style caches (and the rendered lines in them) long after the widgets are gone. It is
emptied at the same moments (recomputing it costs two Style objects per widget).
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.widgets import Footer


class KeyFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        self.drop_dead_watchers()
        StylesCache.get_inner_outer.cache_clear()

    def drop_dead_watchers(self) -> None:
        watchers = getattr(self, "__watchers", None)  # where textual.reactive keeps them
        for entries in (watchers or {}).values():
            entries[:] = [(node, callback) for node, callback in entries if not (node._closing or node._closed)]
