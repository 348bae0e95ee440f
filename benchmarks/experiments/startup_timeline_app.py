"""An app with start-up timeline marks, for `startup_timeline.py` (not a test, not shipped).

Run as `python startup_timeline_app.py reader ROOT FILE` or `... minimal FILE`: marks
(`time.perf_counter()`, the driver's clock too, with the process's CPU time) at the end of the
imports, `App.run`, each compositor render, each hand-over to the writer thread and each flush;
written as JSON to $TRACE_OUT at exit. With $FRAMES_OUT, every write to the terminal too; with
$PROFILE_OUT, a cProfile of the main thread until the first frame is handed over.
"""

import atexit
import json
import os
import runpy
import sys
import time

LOG: list[tuple] = []


def mark(tag: str) -> None:
    LOG.append((time.perf_counter(), time.process_time(), tag))


mark("python")
PROFILE = None
if os.environ.get("PROFILE_OUT"):  # cProfile of the main thread until the first frame is handed over
    import cProfile

    PROFILE = cProfile.Profile()
    PROFILE.enable()
kind = sys.argv[1]
if kind == "reader":
    root = sys.argv[2]
    sys.path.insert(0, root)
    import tui

    if root not in tui.__path__:
        tui.__path__.append(root)
    args = sys.argv[3:]
else:
    args = sys.argv[2:]


def timed(cls: type, name: str, tag: str) -> None:
    original = getattr(cls, name)

    def wrapper(self, *a, **k):
        if tag == "display" and ACC and not any(t == "display+" for _, _, t in LOG):
            for name, total in ACC.items():
                LOG.append((0.0, total, "acc " + name))
        mark(tag + "+")
        try:
            return original(self, *a, **k)
        finally:
            mark(tag + "-")

    setattr(cls, name, wrapper)


from textual._compositor import Compositor  # noqa: E402
from textual.app import App  # noqa: E402
from textual.drivers import _writer_thread  # noqa: E402

mark("textual imported")
ACC: dict[str, float] = {}


def accumulated(cls: type, name: str, tag: str) -> None:
    """CPU time spent in cls.name, summed (nested calls counted once), written at the first frame."""
    original = getattr(cls, name)
    depth = [0]

    def wrapper(*a, **k):
        depth[0] += 1
        start = time.thread_time()
        try:
            return original(*a, **k)
        finally:
            depth[0] -= 1
            if not depth[0]:
                ACC[tag] = ACC.get(tag, 0.0) + time.thread_time() - start

    setattr(cls, name, wrapper)


from textual.css.stylesheet import Stylesheet  # noqa: E402

accumulated(Stylesheet, "_parse_rules", "css parse")
accumulated(Stylesheet, "apply", "css apply")
timed(App, "run", "run")
timed(App, "_display", "display")
if PROFILE is not None:
    display = App._display

    def display_then_stop(self, *a, **k):
        result = display(self, *a, **k)
        if PROFILE is not None and any(tag == "render-" for _, _, tag in LOG):
            PROFILE.disable()
            PROFILE.dump_stats(os.environ["PROFILE_OUT"])
        return result

    App._display = display_then_stop
timed(Compositor, "render_update", "render")
timed(Compositor, "reflow", "reflow")


class MarkedFile:
    def __init__(self, file) -> None:
        self.file = file

    def write(self, data: str) -> int:
        mark(f"write {len(data)}")
        if FRAMES is not None:
            FRAMES.append(data)
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()
        mark("flushed")

    def __getattr__(self, name: str):
        return getattr(self.file, name)


FRAMES: list[str] | None = [] if os.environ.get("FRAMES_OUT") else None
if FRAMES is not None:
    atexit.register(lambda: json.dump(FRAMES, open(os.environ["FRAMES_OUT"], "w")))
if kind == "reader":
    from tui import app as reader_app

    mark("tui.app imported")

    def marked(name: str):
        original = getattr(reader_app.NewsReaderApp, name)

        def plain(self):  # Textual counts a handler's parameters: no *args
            mark(name + "+")
            try:
                return original(self)
            finally:
                mark(name + "-")

        setattr(reader_app.NewsReaderApp, name, plain)

    marked("on_mount")
    for name, tag in (("_analyse_each", "analysis"), ("_post_ready", "post_ready")):
        timed(reader_app.NewsReaderApp, name, tag)
    timed(reader_app.NewsReaderApp, "on_analysis_ready", "applied")
    marked("compose")
    timed(reader_app.NewsReaderApp, "__init__", "app init")
timed(App, "_init_mode", "init_mode")
from textual.screen import Screen  # noqa: E402

timed(Screen, "_on_screen_resume", "resume")
writer_init = _writer_thread.WriterThread.__init__
_writer_thread.WriterThread.__init__ = lambda self, file: writer_init(self, MarkedFile(file))
atexit.register(lambda: json.dump(LOG, open(os.environ["TRACE_OUT"], "w")))
if kind == "reader":
    sys.argv = ["tui", *args]
    runpy.run_module("tui", run_name="__main__")
else:
    sys.argv = ["minimal_app.py", *args]
    runpy.run_path(os.path.join(os.path.dirname(__file__), "..", "minimal_app.py"), run_name="__main__")
