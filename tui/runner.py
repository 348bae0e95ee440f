"""The UI's single door into the analysis engine: called from a worker thread, never the UI
thread. spaCy is imported here lazily, only when an analysis actually has to be computed."""

from __future__ import annotations

from collections.abc import Callable

from .model import Analysis, Article

Progress = Callable[[int, int], None]


def run_analysis(article: Article, model: str | None = None, *, use_cache: bool = True,
                 progress: Progress | None = None) -> Analysis:
    """Analyse `article` (blocking). Safe to call from a thread; `progress(done, total)` is called
    from that same thread as blocks are parsed."""
    from .analysis import analyse, load_pipeline

    return analyse(article, load_pipeline(model), progress)
