"""Given names, from the person-name lists Faker ships for its ~80 locales (about 16,000 names
in Latin letters, from many countries; Faker is MIT-licensed and pinned, because the entity
and speaker figures depend on its lists).

A name the model calls a place or an organisation ("Candice Fife", "Stanley Zyambo") is a
person's when it opens with a given name and nothing else in it names a place or a body. A
given name that only the lists of one sex hold ("Gwen", "Errol") tells "she" from "he"; one
that both hold somewhere ("Andrea", "Jean", "Kim") tells nothing.
The lists are read once per process (~0.3 s, only when a text needs them).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

from .lexicon import HONORIFIC_PAIRS, NAME_PARTICLES
from .rules import enabled

_LISTS = {"first_names": "", "first_names_male": "m", "first_names_female": "f", "last_names": "surname"}


def _names_of(provider: type, attr: str) -> set[str]:
    # Class attributes, looked up without instantiating (some locales define them as
    # properties on the instance; those are skipped).
    value = next((vars(k)[attr] for k in provider.__mro__ if attr in vars(k)), None)
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return {n for n in value if isinstance(n, str) and n.isalpha() and n[:1].isupper()}
    return set()


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    """Every locale's names, by list: "" for all given names, "m", "f", and "surname"."""
    import faker.providers.person as person

    out: dict[str, set[str]] = {sex: set() for sex in ("", *_LISTS.values())}
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr, sex in _LISTS.items():
            found = _names_of(provider, attr)
            out[sex] |= found
            if sex != "surname":
                out[""] |= found
    return {sex: frozenset(names) for sex, names in out.items()}


def first_names() -> frozenset[str]:
    return _lists()[""]


def is_first_name(word: str) -> bool:
    """ "Candice", "Stanley": a capitalised given name (dictionary spelling)."""
    return word[:1].isupper() and word in first_names()


def is_surname(word: str) -> bool:
    """ "Chan", "Khan": a capitalised word some locale's surname list holds."""
    return word[:1].isupper() and word in _lists()["surname"]


def surname_core(word: str) -> str:
    """ "al-Jedaei" → "Jedaei": an Arabic article or other name particle hyphened to a surname
    is written in lower case ("Thamer al-Jedaei") or capitalised ("Al-Barrack said") at will."""
    head, hyphen, rest = word.partition("-")
    if hyphen and rest[:1].isupper() and head.lower() in NAME_PARTICLES and enabled("entities.particle_surname"):
        return rest
    return word


def sex_of_name(name: str) -> str | None:
    """ "m" or "f" from a full name's given name ("Cecilia Scholefeld" → "f"); None for a
    one-word name (a surname as often as not) or a given name both sexes bear."""
    words = name.split()
    if len(words) < 2:
        return None
    lists = _lists()
    # Every word before the surname has its say: an honorific may pass for a given name
    # ("Tan Sri Muhammad Shafee Abdullah": "Tan" is a woman's name), and two that disagree say nothing.
    if len(words) > 3 and f"{words[0]} {words[1]}".lower() in HONORIFIC_PAIRS and enabled("entities.honorific_pairs"):
        words = words[2:]  # "Tan Sri Razarudin Husain": "Tan" is no woman's name here
    sexes = set()
    for word in words[:-1] if enabled("gender.all_given") else words[:1]:
        given = word.split("-")[0]
        male, female = given in lists["m"], given in lists["f"]
        if male != female:
            sexes.add("m" if male else "f")
    return sexes.pop() if len(sexes) == 1 else None


def title_case(text: str) -> str:
    """ "ST. JOHN’S" → "St. John’s", not str.title()'s "St. John’S": a letter after an
    apostrophe that ends the word is a suffix ("’s"), not a new word ("O’Neill")."""
    return re.sub(r"(?<=['’])([A-Z])\b", lambda m: m.group(1).lower(), text.title())
