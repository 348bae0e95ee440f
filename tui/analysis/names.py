"""First names, from the name dictionary that ships with gender-guesser (about 45,000 given
names from many countries, compiled by Jörg Michael).

A name the model calls a place or an organisation ("Candice Fife", "Stanley Zyambo") is a
person's when it opens with a given name and nothing else in it names a place or a body.
The list is read once per process (~0.1 s); only names of one word are kept.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    out = set()
    data = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_text("utf-8")
    for line in data.splitlines():
        if line[:1] in "#=" or len(line) < 4:
            continue
        parts = line.split(maxsplit=2)
        if len(parts) >= 2 and "+" not in parts[1]:
            out.add(parts[1])
    return frozenset(out)


def is_first_name(word: str) -> bool:
    """ "Candice", "Stanley": a capitalised given name (dictionary spelling)."""
    return word[:1].isupper() and word in first_names()
