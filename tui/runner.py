"""The UI's single door into the analysis engine: called from a worker thread, never the UI
thread. A cached analysis is returned without importing spaCy; otherwise the pipeline is loaded
(once per process) and the result is stored for next time."""

from __future__ import annotations

from collections.abc import Callable

from . import cache
from .model import Analysis, Article

Progress = Callable[[int, int], None]


def cached_analysis(article: Article, model: str | None = None) -> Analysis | None:
    from .analysis.engine import RULES_VERSION
    from .analysis.pipeline import model_identity

    identity = model_identity(model)
    if identity is None:
        return None
    return cache.load(article, identity, RULES_VERSION)


def run_analysis(article: Article, model: str | None = None, *, use_cache: bool = True,
                 progress: Progress | None = None) -> Analysis:
    """Analyse `article` (blocking). Safe to call from a thread; `progress(done, total)` is called
    from that same thread as blocks are parsed."""
    if use_cache:
        hit = cached_analysis(article, model)
        if hit is not None:
            if progress is not None:
                progress(1, 1)
            return hit
    from .analysis import RULES_VERSION, analyse, load_pipeline

    analysis = analyse(article, load_pipeline(model), progress)
    if use_cache:
        cache.store(article, analysis, RULES_VERSION)
    return analysis
