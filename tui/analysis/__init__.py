"""The analysis engine: spaCy plus our rules. Never imports textual or rich (a test guards it).

Names are imported on first use, so `tui.analysis.export` (writing a cached analysis as JSON) and
the cache key (`RULES_VERSION`) cost nothing of the engine or spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import RULES_VERSION

if TYPE_CHECKING:
    from .engine import analyse, analyse_stages, parse
    from .pipeline import DEFAULT_MODELS, ModelError, describe, load_pipeline

_HOME = {
    "analyse": "engine",
    "analyse_stages": "engine",
    "parse": "engine",
    "DEFAULT_MODELS": "pipeline",
    "ModelError": "pipeline",
    "describe": "pipeline",
    "load_pipeline": "pipeline",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["DEFAULT_MODELS", "RULES_VERSION", "ModelError", "analyse", "analyse_stages", "describe", "load_pipeline", "parse"]
