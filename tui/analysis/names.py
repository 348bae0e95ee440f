"""Given names, from the person-name lists Faker ships for its ~80 locales (about 16,000 names
in Latin letters, from many countries; Faker is MIT-licensed and pinned, because the entity
figures depend on its lists).

A name the model calls a place or an organisation ("Candice Fife", "Stanley Zyambo") is a
person's when it opens with a given name and nothing else in it names a place or a body.
The lists are read once per process (~0.3 s, only when a text needs them).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

_LISTS = ("first_names", "first_names_male", "first_names_female")


def _names_of(provider: type) -> set[str]:
    out: set[str] = set()
    for attr in _LISTS:
        # Class attributes, looked up without instantiating (some locales define them as
        # properties on the instance; those are skipped).
        value = next((vars(k)[attr] for k in provider.__mro__ if attr in vars(k)), None)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, (list, tuple, set, frozenset)):
            out.update(n for n in value if isinstance(n, str) and n.isalpha() and n[:1].isupper())
    return out


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    import faker.providers.person as person

    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        out |= _names_of(provider)
    return frozenset(out)


def is_first_name(word: str) -> bool:
    """ "Candice", "Stanley": a capitalised given name (dictionary spelling)."""
    return word[:1].isupper() and word in first_names()
