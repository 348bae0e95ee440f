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
                 progress: Progress | None = None,
                 on_partial: Callable[[Analysis], None] | None = None) -> Analysis:
    """Analyse `article` (blocking) and return the complete analysis.

    Safe to call from a worker thread: `progress(done, total)` and `on_partial(analysis)` are
    called from that same thread. For long documents `on_partial` receives analyses of a growing
    beginning of the text (each replaces the previous), so highlights appear before the end.
    """
    if use_cache:
        hit = cached_analysis(article, model)
        if hit is not None:
            if progress is not None:
                progress(1, 1)
            return hit
    from .analysis import RULES_VERSION, analyse_stages, load_pipeline

    analysis = None
    for analysis in analyse_stages(article, load_pipeline(model), progress):
        if on_partial is not None:
            on_partial(analysis)
    assert analysis is not None
    if use_cache:
        cache.store(article, analysis, RULES_VERSION)
    return analysis
