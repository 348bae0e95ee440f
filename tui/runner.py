"""The UI's single door into the analysis engine, called from a worker thread.

A cached analysis is returned without importing spaCy. Otherwise the analysis runs in a child
process (`tui.analysis_worker`) and its progress and partial results are relayed to callbacks
in the calling thread; the result is stored in the cache for next time.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable

from . import cache
from .model import Analysis, Article

Progress = Callable[[int, int], None]


class AnalysisError(Exception):
    """The analysis could not be made (model missing, child crashed); one-line message."""


class AnalysisCancelled(Exception):
    """`should_stop` asked to give up; the child process has been ended."""


def cached_analysis(article: Article, model: str | None = None) -> Analysis | None:
    from .analysis.pipeline import model_identity
    from .analysis.version import RULES_VERSION

    identity = model_identity(model)
    if identity is None:
        return None
    if _resident:
        held = _resident.get(cache.cache_key(article, identity, RULES_VERSION))
        if held is not None:
            return dataclasses.replace(held, source=article.source)
    return cache.load(article, identity, RULES_VERSION)


_resident: dict[str, Analysis] = {}  # cache key -> analysis, see keep_resident


def keep_resident(article: Article, model: str | None = None) -> bool:
    """Hold `article`'s cached analysis in memory for this process's life (False: not cached).
    The serve zygote does this for the served files: every reader forked from it then shares one
    copy instead of reading and checking the cache entry again."""
    from .analysis.pipeline import model_identity
    from .analysis.version import RULES_VERSION

    identity = model_identity(model)
    analysis = cached_analysis(article, model)
    if identity is None or analysis is None:
        return False
    _resident[cache.cache_key(article, identity, RULES_VERSION)] = analysis
    return True


def run_analysis(
    article: Article,
    model: str | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    on_partial: Callable[[Analysis], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Analysis:
    """Analyse `article` (blocking) and return the complete analysis.

    `progress(done, total)` and `on_partial(analysis)` are called from the calling thread. For
    long documents `on_partial` receives analyses of a growing beginning of the text (each
    replaces the previous; the last equals the result), each rebuilt from what the child says
    changed since the one before (`analysis_delta`), sharing the unchanged mentions and quotes.
    `should_stop()` is polled a few times a second; when it turns true the child is ended and
    `AnalysisCancelled` raised.
    """
    if use_cache:
        hit = cached_analysis(article, model)
        if hit is not None:
            if progress is not None:
                progress(1, 1)
            return hit
    # The child stores the result in the cache itself (`use_cache`), off this process's GIL.
    return _analyse_in_child(article, model, progress, on_partial, should_stop, use_cache)


def remember_analysis(article: Article, analysis: Analysis) -> bool:
    """Store a fresh analysis in the cache (False when the cache cannot be written)."""
    from .analysis.version import RULES_VERSION

    return cache.store(article, analysis, RULES_VERSION)


def _analyse_in_child(
    article: Article,
    model: str | None,
    progress: Progress | None,
    on_partial: Callable[[Analysis], None] | None,
    should_stop: Callable[[], bool] | None,
    remember: bool = False,
) -> Analysis:
    from .analysis_delta import rebuild
    from .analysis_worker import receive, send

    child = subprocess.Popen(
        [sys.executable, "-m", "tui.analysis_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # a Ctrl-C meant for the reader does not kill the analysis mid-write
    )
    assert child.stdin is not None and child.stdout is not None
    stop_watch = threading.Event()

    def watch() -> None:
        while not stop_watch.wait(0.1):
            if should_stop is not None and should_stop():
                _kill_group(child)
                return

    watcher = threading.Thread(target=watch, name="analysis-watch", daemon=True)
    watcher.start()
    try:
        send(child.stdin, (article, model, remember))
        # stdin stays open: the child ends itself when it closes, i.e. when this process dies.
        result: Analysis | None = None
        while True:
            try:
                message = receive(child.stdout)
            except (EOFError, pickle.UnpicklingError):
                if should_stop is not None and should_stop():
                    raise AnalysisCancelled() from None
                err = (child.stderr.read() if child.stderr else b"").decode("utf-8", "replace").strip()
                last = err.splitlines()[-1] if err else f"exit status {child.wait()}"
                raise AnalysisError(f"analysis process failed: {last}") from None
            kind = message[0]
            if kind == "progress" and progress is not None:
                progress(message[1], message[2])
            elif kind == "stage":
                result = rebuild(result, message[1], article.text)
                if on_partial is not None:
                    on_partial(result)
            elif kind == "error":
                raise AnalysisError(message[1])
            elif kind == "done":
                assert result is not None
                return result
    except BrokenPipeError:
        raise AnalysisError("analysis process ended early") from None
    finally:
        stop_watch.set()
        _kill_group(child)
        child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()


def _kill_group(child: subprocess.Popen) -> None:
    """End the analysis child and any parsing processes it started (its own process group)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
