"""The analysis engine: spaCy plus our rules. Never imports textual or rich (a test guards it)."""

from .engine import RULES_VERSION, analyse, analyse_stages, parse
from .pipeline import DEFAULT_MODELS, ModelError, describe, load_pipeline

__all__ = ["DEFAULT_MODELS", "RULES_VERSION", "ModelError", "analyse", "analyse_stages", "describe", "load_pipeline", "parse"]
