"""The reader with timeline marks, for `search_timeline.py` (not a test, not shipped).

Run as `python search_timeline_reader.py ROOT FILE`: the reader of checkout ROOT opens FILE with
`time.perf_counter()` marks (the same clock as the driver's, across processes) at the key's
arrival in Textual's input thread, the search bar's change, the screen's update timer, the
compositor's render, the hand-over to the writer thread, the writer's flush, each slice of the
search (`_search_more`), each article row drawn and each garbage collection, each with the
thread's CPU time (`time.thread_time`) beside it; written as JSON to
$TRACE_OUT at exit.
"""

import atexit
import gc
import json
import os
import runpy
import sys
import time

root = sys.argv[1]
sys.path.insert(0, root)
import tui  # noqa: E402

if root not in tui.__path__:
    tui.__path__.append(root)
LOG: list[tuple] = []


def mark(tag: str, *extra: object) -> None:
    LOG.append((time.perf_counter(), tag, time.thread_time(), *extra))


def timed(cls: type, name: str, tag: str) -> None:
    original = getattr(cls, name)

    def wrapper(self, *args, **kwargs):
        mark(tag + "+")
        try:
            return original(self, *args, **kwargs)
        finally:
            mark(tag + "-")

    setattr(cls, name, wrapper)


from textual import _xterm_parser  # noqa: E402
from textual._compositor import Compositor  # noqa: E402
from textual.app import App  # noqa: E402
from textual.drivers import _writer_thread  # noqa: E402
from textual.screen import Screen  # noqa: E402

from tui import app as reader_app  # noqa: E402
from tui.widgets import article_view, search  # noqa: E402

feed = _xterm_parser.XTermParser.feed
_xterm_parser.XTermParser.feed = lambda self, data: (mark("feed", data[:8]), feed(self, data))[1]
timed(Screen, "_on_timer_update", "timer")
timed(Compositor, "render_update", "render")
timed(App, "_display", "display")
timed(reader_app.NewsReaderApp, "_search_more", "more")
watch_value = search.SearchBar.watch_value


def watch(self, value: str) -> None:  # Textual counts a watcher's parameters: no *args here
    mark("typed+")
    watch_value(self, value)
    mark("typed-")


search.SearchBar.watch_value = watch
render_row = article_view.ArticleView._render_row
article_view.ArticleView._render_row = lambda self, row, base: (mark("row"), render_row(self, row, base))[1]


class MarkedFile:
    def __init__(self, file) -> None:
        self.file = file

    def flush(self) -> None:
        self.file.flush()
        mark("flushed")

    def __getattr__(self, name: str):
        return getattr(self.file, name)


writer_init = _writer_thread.WriterThread.__init__
_writer_thread.WriterThread.__init__ = lambda self, file: writer_init(self, MarkedFile(file))
gc.callbacks.append(lambda phase, info: mark("gc-" + phase, info.get("generation"), info.get("collected")))
atexit.register(lambda: json.dump(LOG, open(os.environ["TRACE_OUT"], "w")))
sys.argv = ["tui", *sys.argv[2:]]
runpy.run_module("tui", run_name="__main__")
