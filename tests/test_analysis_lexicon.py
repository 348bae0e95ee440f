"""Shape of the rule code: one lexicon, readable resolver functions."""

from __future__ import annotations

import ast
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parent.parent / "tui" / "analysis"


def _word_lists(tree: ast.AST) -> list[int]:
    """Lines where a module builds a set from a string of words ("a b c".split())."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
            if isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
                if len(node.func.value.value.split()) > 3:
                    out.append(node.lineno)
    return out


def test_word_lists_live_only_in_the_lexicon():
    for path in sorted(ANALYSIS.glob("*.py")):
        if path.name == "lexicon.py":
            continue
        assert not _word_lists(ast.parse(path.read_text(encoding="utf-8"))), path.name


def test_resolver_functions_are_short():
    tree = ast.parse((ANALYSIS / "attribution.py").read_text(encoding="utf-8"))
    sizes = {n.name: n.end_lineno - n.lineno + 1 for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert max(sizes.values()) < 60, sizes


def test_lexicon_lists_are_lower_case_where_they_hold_lemmas():
    from tui.analysis import lexicon

    for name in ("SPEECH_VERBS", "PERSON_NOUNS", "ORG_NOUNS", "DETERMINERS", "PLACE_NOUNS", "DOCUMENT_NOUNS"):
        words = getattr(lexicon, name)
        assert words and all(w == w.lower() for w in words), name
