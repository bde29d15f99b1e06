"""Where each event happened: place names in its sentence, looked up in the offline gazetteer and
disambiguated by the countries the article and the event's actors are about; else the article's
dateline; else the actors' country, at country precision."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..model import CodedArticle, Event, Location
from ..resources import DATA_DIR, rows
from .gazetteer import Gazetteer, Place, gazetteer, weight

MAX_WORDS = 4
_WORD = re.compile(r"[\w’'.-]+")
_SPECIFIC = {"city": 3, "admin1": 2, "country": 1}
_MATERIAL = (3, 4)  # GDELT quad classes of material acts: where the target is, usually


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    places: tuple[Place, ...]
    located: bool  # after a word such as "in", "near": where something is
    qualified: bool = False  # narrowed by the name after it ("Athens, Georgia")
    attributive: bool = False  # after a determiner: "a California man"


@cache
def place_words() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for _, (kind, word) in rows(DATA_DIR / "places.tsv", 2):
        words.setdefault(kind, set()).add(word.lower())
    return {kind: frozenset(found) for kind, found in words.items()}


def mentions(text: str, offset: int = 0, names: Gazetteer | None = None) -> list[Mention]:
    """Capitalised word sequences of the text that the gazetteer knows, longest first."""
    names = names or gazetteer()
    words = place_words()
    tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    found, i = [], 0
    while i < len(tokens):
        match = _longest(tokens, i, names) if tokens[i][2][0].isupper() else None
        if match is None:
            i += 1
            continue
        j, places, name = match
        previous = tokens[i - 1][2].lower().rstrip(".") if i else ""
        if previous not in words.get("title", ()) and _alone(tokens, i, j, places):
            start, end = tokens[i][0], tokens[i][0] + len(name)
            found.append(Mention(offset + start, offset + end, name, places, _located(tokens, i),
                                 attributive=previous in words.get("determiner", ())))
        i = j
    return _qualified(found, text, offset)


def _located(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """After "in", "near", ..., or after one of them and a lower-case word ("in northern Mali")."""
    at = place_words().get("at", frozenset())
    previous = [t[2] for t in tokens[max(0, i - 2):i]]
    if previous and previous[-1].lower() in at:
        return True
    return len(previous) == 2 and previous[1].islower() and previous[0].lower() in at


def _qualified(found: list[Mention], text: str, offset: int) -> list[Mention]:
    """ "Athens, Georgia", "Paris, Texas", "Kharkiv, Ukraine": the second name picks the first's place."""
    kept = []
    for index, mention in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        gap = text[mention.end - offset:following.start - offset] if following else ""
        if following and gap.strip() == ",":
            inside = [p for p in mention.places for q in following.places if q.feature != "city"
                      and p.country == q.country and (q.feature == "country" or p.admin1 == q.admin1)]
            if inside:
                mention = Mention(mention.start, mention.end, mention.text, tuple(inside), mention.located,
                                  True, mention.attributive)
        kept.append(mention)
    return kept


def _longest(tokens: list[tuple[int, int, str]], i: int, names: Gazetteer
             ) -> tuple[int, tuple[Place, ...], str] | None:
    not_place = place_words().get("not_place", frozenset())
    for j in range(min(len(tokens), i + MAX_WORDS), i, -1):
        particles = place_words().get("particle", frozenset())
        if not all(t[2][0].isupper() or t[2] in particles for t in tokens[i:j]):
            continue
        name = " ".join(t[2] for t in tokens[i:j])
        name = re.sub(r"['’]s$|\.$", "", name)
        places = names.lookup(name)
        if places and name.lower() not in not_place:
            return j, tuple(places), name
    return None


def _alone(tokens: list[tuple[int, int, str]], i: int, j: int, places: tuple[Place, ...]) -> bool:
    """A town name inside a longer capitalised name ("Victoria Nuland", "Washington Post") is not a
    place; a country name is still one ("Belarus President")."""
    if any(p.feature == "country" for p in places):
        return True
    not_place = place_words().get("not_place", frozenset())
    after = tokens[j][2] if j < len(tokens) else ""
    before = tokens[i - 1][2] if i else ""
    gap_before = i and tokens[i][0] - tokens[i - 1][1] == 1
    joined_after = after[:1].isupper() and tokens[j][0] - tokens[j - 1][1] == 1 and \
        after.lower() not in not_place and not re.search(r"['’]s$", tokens[j - 1][2])
    return not joined_after and not (before[:1].isupper() and gap_before and i > 1)


def choose(mention: Mention, countries: Counter[str], actors: set[str]) -> Place | None:
    """The mention's most likely place: known country of the article or actors first, then size."""
    def score(place: Place) -> float:
        return (weight(place) + 3 * (countries[place.country] > 0) + 2 * (place.country in actors)
                + 1.5 * (place.feature == "country"))
    best = max(mention.places, key=score)
    known = countries[best.country] > 0 or best.country in actors
    if best.feature == "city" and not known and best.population < 200_000 and not mention.located:
        return None
    return best


def article_countries(coded: CodedArticle, found: list[Mention]) -> Counter[str]:
    countries: Counter[str] = Counter()
    for event in coded.events:
        countries.update(actor_countries(event))
    for mention in found:
        countries.update({p.country for p in mention.places if p.feature != "city"})
    return countries


def actor_countries(event: Event, sides: tuple[str, ...] = ("source", "target")) -> list[str]:
    names = gazetteer()
    return [a.code[:3] for side in sides for a in getattr(event, side)
            if a.code and a.code[:3] in names.countries]


def locate(coded: CodedArticle) -> None:
    """Set `location` on every event of the article."""
    text = coded.article.text
    by_sentence: dict[int, list[Mention]] = {}
    for event in coded.events:
        if event.sentence not in by_sentence:
            by_sentence[event.sentence] = mentions(text[event.start:event.end], event.start)
    _one_sense(by_sentence)
    countries = article_countries(coded, [m for found in by_sentence.values() for m in found])
    dateline = _dateline_place(coded, countries)
    for event in coded.events:
        event.location = (_in_sentence(event, by_sentence[event.sentence], countries)
                          or dateline or _actor_place(event))


def _one_sense(by_sentence: dict[int, list[Mention]]) -> None:
    """A name the article once qualified ("Athens, Georgia") means that place wherever it recurs."""
    narrowed = {m.text: m.places for found in by_sentence.values() for m in found if m.qualified}
    for found in by_sentence.values():
        for index, mention in enumerate(found):
            if mention.text in narrowed and not mention.qualified:
                found[index] = Mention(mention.start, mention.end, mention.text, narrowed[mention.text],
                                       mention.located, True, mention.attributive)


def _in_sentence(event: Event, found: list[Mention], countries: Counter[str]) -> Location | None:
    actors = set(actor_countries(event))
    ranked = []
    for mention in found:
        place = choose(mention, countries, actors)
        if place is None:
            continue
        if place.feature == "country" and not mention.located:
            continue  # "Latvia and Lithuania said": actors, not where it happened
        if not mention.located and mention.attributive:
            continue  # "a California man", "the Kabul government"
        rank = (mention.located, _SPECIFIC[place.feature],
                -abs(mention.start - event.trigger_start))
        ranked.append((rank, mention, place))
    if not ranked:
        return None
    _, mention, place = max(ranked, key=lambda item: item[0])
    if place.feature == "country":  # "the bombing in the capital Tripoli" refines "in Libya"
        inside = [item for item in ranked if item[2].feature == "city" and item[2].country == place.country]
        if inside:
            _, mention, place = max(inside, key=lambda item: item[0])
    return _location(place, mention, "sentence")


def _dateline_place(coded: CodedArticle, countries: Counter[str]) -> Location | None:
    text = coded.article.text
    for block in coded.blocks:
        if block.kind == "dateline":
            return _first_place(text[block.start:block.end], block.start, countries)
        if block.kind == "story":
            break
    head = re.match(r"\s*([A-Z][A-Z .'’-]{2,40}?)(?:,[^\n]{0,30}?)?\s*(?:\([^)]{1,30}\)\s*)?[-—–:]\s",
                    text)
    if head:
        return _first_place(head.group(1).title(), head.start(1), countries)
    return None


def _first_place(text: str, offset: int, countries: Counter[str]) -> Location | None:
    """The place a dateline starts with ("KYIV, March 3 (Reuters) -"); none for an outlet's name."""
    found = mentions(text, offset)
    if not found or found[0].start != offset + len(text) - len(text.lstrip()):
        return None
    place = choose(found[0], countries, set())
    return _location(place, found[0], "dateline") if place else None


def _actor_place(event: Event) -> Location | None:
    sides = ("target", "source") if event.quad_class in _MATERIAL else ("source", "target")
    for country in actor_countries(event, sides):
        place = gazetteer().country(country)
        if place:
            return _location(place, None, "actor_country")
    return None


def _location(place: Place, mention: Mention | None, how: str) -> Location:
    return Location(mention.text if mention else None, mention.start if mention else None,
                    mention.end if mention else None, place.name, place.country, place.admin1,
                    place.lat, place.lon, place.geonames_id, place.feature, how)
