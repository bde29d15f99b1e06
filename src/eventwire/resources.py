"""Load and validate the language data under ``eventwire/data`` once, into one `Resources` object.

Each loader reads one documented TSV file, checks every row and names the file and line of any problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from .datafiles import cameo_code, iso_date, load_debris, load_word_classes, rows
from .errors import DataFileError
from .policy import AGENT_CODES, FRAME_CLASSES, PLOVER_TYPES, Policy, load_policy

__all__ = ["DATA_DIR", "Resources", "load_debris", "load_resources", "rows"]

DATA_DIR = Path(__file__).parent / "data"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CameoInfo:
    code: str
    name: str
    plover: str
    mode: str
    goldstein: float | None
    quad_class: int


@dataclass(frozen=True)
class Gazetteer:
    """Surface names of actors, indexed by their first word for matching against a text."""

    kind: str  # country, adjective, capital, city, region, igo, group
    name: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class PersonTerm:
    names: tuple[str, ...]
    code: str
    start: dt.date | None
    end: dt.date | None

    def holds(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]  # the head lemma first, then dependents' lemmas that must be present
    cameo: str
    line: int
    weight: float = 1.0  # how sure the trigger is of its sense (the lexicon's confidence column)


@dataclass(frozen=True)
class Words:
    """The word classes of words.tsv, one set of lower-case words each (the file documents them)."""

    target_prep: frozenset[str]
    verb_target_prep: frozenset[str]
    frame_noun_target_prep: frozenset[str]
    agent_prep: frozenset[str]
    owner_prep: frozenset[str]
    part_prep: frozenset[str]
    genitive_prep: frozenset[str]
    hands_prep: frozenset[str]
    hands_noun: frozenset[str]
    place_prep: frozenset[str]
    place_phrase_prep: frozenset[str]
    engaged_prep: frozenset[str]
    circumstance_prep: frozenset[str]
    reason_prep: frozenset[str]
    complaint_prep: frozenset[str]
    partner_prep: frozenset[str]
    asked_prep: frozenset[str]
    harm_verb: frozenset[str]
    accusation_prep: frozenset[str]
    modal_hypothetical: frozenset[str]
    modal_obligation: frozenset[str]
    modal_intent: frozenset[str]
    conditional_mark: frozenset[str]
    until_mark: frozenset[str]
    no_determiner: frozenset[str]
    negating_verb: frozenset[str]
    alleging_verb: frozenset[str]
    accusing_verb: frozenset[str]
    denying_verb: frozenset[str]
    report_noun: frozenset[str]
    condition_noun: frozenset[str]
    warning_verb: frozenset[str]
    stance_passive: frozenset[str]
    announcing_verb: frozenset[str]
    claiming_verb: frozenset[str]
    responsibility_noun: frozenset[str]
    relative_pronoun: frozenset[str]
    phrase_prep: frozenset[str]
    location_prep: frozenset[str]
    person_pronoun: frozenset[str]
    plural_pronoun: frozenset[str]
    thing_pronoun: frozenset[str]
    owner_pronoun: frozenset[str]
    pair_count: frozenset[str]
    pair_noun: frozenset[str]
    abstract_agent_noun: frozenset[str]
    generic_agent: frozenset[str]
    body_noun: frozenset[str]
    ethnic_word: frozenset[str]
    pattern_prep: frozenset[str]
    natural_force: frozenset[str] = frozenset()
    accident_verb: frozenset[str] = frozenset()
    peacekeeping: frozenset[str] = frozenset()
    name_head: frozenset[str] = frozenset()
    dateline_mark: frozenset[str] = frozenset()
    recipient_prep: frozenset[str] = frozenset()
    instrument_noun: frozenset[str] = frozenset()
    topic_noun: frozenset[str] = frozenset()


@dataclass
class Resources:
    cameo: dict[str, CameoInfo]
    gazetteer: dict[str, list[Gazetteer]]
    agents: dict[str, tuple[str, str]]
    people: list[PersonTerm]
    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    frames: dict[str, str]
    compose: dict[str, list[tuple[str, str]]]
    implied: dict[tuple[str, str], str]
    things: frozenset[str]
    words: Words
    policy: Policy
    stances: dict[str, frozenset[str]] = field(default_factory=dict)
    sport: dict[str, frozenset[str]] = field(default_factory=dict)
    objects: frozenset[str] = frozenset()
    people_by_name: dict[str, list[PersonTerm]] = field(default_factory=dict)
    debris: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def __post_init__(self) -> None:
        self._index_people(self.people)

    def add_people(self, terms: list[PersonTerm]) -> None:
        """More knowledge (e.g. a PETRARCH actor dictionary), consulted after what is already known."""
        self.people.extend(terms)
        self._index_people(terms)

    def _index_people(self, terms: list[PersonTerm]) -> None:
        for term in terms:
            for name in term.names:
                self.people_by_name.setdefault(name.lower(), []).append(term)
                self.people_by_name.setdefault(name.split()[-1].lower(), []).append(term)

    def info(self, cameo: str) -> CameoInfo | None:
        code = cameo
        while code:
            if code in self.cameo and self.cameo[code].plover:
                return self.cameo[code]
            code = code[:-1]
        return None

    def person(self, name: str, day: dt.date | None) -> PersonTerm | None:
        terms = self.people_by_name.get(name.lower(), [])
        for term in terms:
            if term.holds(day):
                return term
        return terms[-1] if terms and day is None else None


def load_cameo(path: Path) -> dict[str, CameoInfo]:
    table = {}
    for number, (code, name, plover, mode, goldstein, quad) in rows(path, 6):
        cameo_code(path, number, code)
        if plover and plover not in PLOVER_TYPES:
            raise DataFileError(str(path), number, f"unknown PLOVER type {plover!r}")
        table[code] = CameoInfo(code, name, plover, mode, float(goldstein) if goldstein else None,
                                int(quad))
    return table


def _add_name(gaz: dict[str, list[Gazetteer]], kind: str, name: str, codes: tuple[str, ...]) -> None:
    first = _WORD.match(name)
    if first:
        gaz.setdefault(first.group(), []).append(Gazetteer(kind, name, codes))


def load_gazetteer(data_dir: Path) -> dict[str, list[Gazetteer]]:
    import pycountry

    gaz: dict[str, list[Gazetteer]] = {}
    path = data_dir / "countries.tsv"
    listed = set()
    for number, (code, names, adjectives, capitals) in rows(path, 4):
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise DataFileError(str(path), number, f"bad country code {code!r}")
        listed.add(code)
        for kind, field_text in (("country", names), ("adjective", adjectives),
                                 ("capital", capitals)):
            for name in filter(None, field_text.split("|")):
                _add_name(gaz, kind, name, (code,))
    for country in pycountry.countries:
        if country.alpha_3 in listed:
            continue
        for name in {country.name, getattr(country, "common_name", country.name)}:
            if "," not in name and "(" not in name:
                _add_name(gaz, "country", name, (country.alpha_3,))
    path = data_dir / "cities.tsv"
    for number, (code, names) in rows(path, 2):
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise DataFileError(str(path), number, f"bad country code {code!r}")
        for name in names.split("|"):
            _add_name(gaz, "city", name, (code,))
    path = data_dir / "regions.tsv"
    for number, (names, codes) in rows(path, 2):
        members = tuple(codes.split())
        if not members or not all(re.fullmatch(r"[A-Z]{3}", c) for c in members):
            raise DataFileError(str(path), number, f"bad member codes {codes!r}")
        for name in names.split("|"):
            _add_name(gaz, "region", name, members)
    for kind, name_of_file, pattern in (("igo", "igos.tsv", r"(IGO|NGO)[A-Z0-9]*"),
                                        ("group", "groups.tsv", r"[A-Z]{3}([A-Z]{3})*")):
        path = data_dir / name_of_file
        for number, (code, names) in rows(path, 2):
            if not re.fullmatch(pattern, code):
                raise DataFileError(str(path), number, f"bad actor code {code!r}")
            for name in names.split("|"):
                _add_name(gaz, kind, name, (code,))
    for entries in gaz.values():
        entries.sort(key=lambda g: -len(g.name))
    return gaz


def load_agents(path: Path) -> dict[str, tuple[str, str]]:
    agents = {}
    for number, (phrase, agent, kind) in rows(path, 3):
        if agent not in AGENT_CODES or kind not in ("title", "group"):
            raise DataFileError(str(path), number, f"bad agent code or kind {agent!r} {kind!r}")
        agents[phrase.lower()] = (agent, kind)
    return agents


def load_people(path: Path) -> list[PersonTerm]:
    people = []
    for number, (names, code, start, end) in rows(path, 4):
        if not re.fullmatch(r"[A-Z]{3}([A-Z]{3})*|IGO[A-Z]*", code):
            raise DataFileError(str(path), number, f"bad actor code {code!r}")
        people.append(PersonTerm(tuple(names.split("|")), code, iso_date(path, number, start),
                                 iso_date(path, number, end)))
    return people


def load_triggers(path: Path, prepositions: frozenset[str], head_last: bool = False
                  ) -> dict[str, list[Trigger]]:
    """Patterns indexed by their head word. Noun patterns name compounds head last ("hunger strike")
    unless a preposition follows the head ("call for"); they are stored head first like verbs."""
    triggers: dict[str, list[Trigger]] = {}
    for number, (pattern, cameo, weight) in rows(path, 3):
        words = tuple(pattern.lower().split())
        if not words:
            raise DataFileError(str(path), number, "empty pattern")
        sure = trigger_weight(path, number, weight)
        if head_last and len(words) > 1 and words[1] not in prepositions:
            words = (words[-1], *words[:-1])
        entry = Trigger(words, cameo_code(path, number, cameo), number, sure)
        same = next((t for t in triggers.get(words[0], []) if t.words == words), None)
        if same is not None:
            raise DataFileError(str(path), number, f"pattern {pattern!r} repeats line {same.line}")
        triggers.setdefault(words[0], []).append(entry)
    for entries in triggers.values():
        # longest first; of equal length, objects ("fire gas") before prepositions ("fire at")
        entries.sort(key=lambda t: (-len(t.words), sum(w in prepositions for w in t.words)))
    return triggers


def trigger_weight(path: Path, number: int, text: str) -> float:
    """The optional confidence column of a trigger row: a number in (0, 1], 1 when empty."""
    if not text:
        return 1.0
    try:
        weight = float(text)
    except ValueError:
        weight = -1.0
    if not 0 < weight <= 1:
        raise DataFileError(str(path), number, f"bad confidence {text!r} (want a number in (0, 1])")
    return weight


def load_frames(path: Path) -> dict[str, str]:
    frames = {}
    for number, (lemma, cls) in rows(path, 2):
        if cls not in FRAME_CLASSES:
            raise DataFileError(str(path), number, f"unknown frame class {cls!r}")
        if lemma in frames:
            raise DataFileError(str(path), number, f"{lemma!r} is listed twice")
        frames[lemma] = cls
    return frames


def load_compose(path: Path) -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for number, (cls, prefix, result) in rows(path, 3):
        if cls not in FRAME_CLASSES:
            raise DataFileError(str(path), number, f"unknown frame class {cls!r}")
        if result != "=":
            cameo_code(path, number, result)
        table.setdefault(cls, []).append(("" if prefix == "*" else prefix, result))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def load_implied(path: Path) -> dict[tuple[str, str], str]:
    table = {}
    for number, (event_type, side, agent) in rows(path, 3):
        if event_type not in PLOVER_TYPES or side not in ("source", "target") or \
                agent not in AGENT_CODES:
            raise DataFileError(str(path), number, f"bad row {event_type} {side} {agent}")
        table[(event_type, side)] = agent
    return table


def load_words(path: Path) -> Words:
    """words.tsv: every class Words names, each with at least one word."""
    names = [f.name for f in fields(Words)]
    found: dict[str, set[str]] = {name: set() for name in names}
    number = 0
    for number, (word, name) in rows(path, 2):
        if name not in found:
            raise DataFileError(str(path), number, f"unknown word class {name!r}")
        if not word or word != word.lower():
            raise DataFileError(str(path), number, f"want one lower-case word, not {word!r}")
        found[name].add(word)
    empty = [name for name in names if not found[name]]
    if empty:
        raise DataFileError(str(path), number, f"no words for class {', '.join(empty)}")
    return Words(**{name: frozenset(found[name]) for name in names})


def load_resources(data_dir: Path = DATA_DIR) -> Resources:
    words = load_words(data_dir / "words.tsv")
    cameo = load_cameo(data_dir / "cameo.tsv")
    resources = Resources(
        cameo=cameo,
        gazetteer=load_gazetteer(data_dir),
        agents=load_agents(data_dir / "agents.tsv"),
        people=load_people(data_dir / "people.tsv"),
        verbs=load_triggers(data_dir / "verbs.tsv", words.pattern_prep),
        nouns=load_triggers(data_dir / "nouns.tsv", words.pattern_prep, head_last=True),
        frames=load_frames(data_dir / "frames.tsv"),
        compose=load_compose(data_dir / "compose.tsv"),
        implied=load_implied(data_dir / "implied.tsv"),
        things=frozenset(lemma.lower() for _, (lemma,) in rows(data_dir / "things.tsv", 1)),
        stances=load_word_classes(data_dir / "stances.tsv", ("before", "after")),
        sport=load_word_classes(data_dir / "sport.tsv", ("context", "verb")),
        objects=frozenset(lemma.lower() for _, (lemma,) in rows(data_dir / "objects.tsv", 1)),
        words=words,
        policy=load_policy(data_dir / "policy.tsv", cameo),
        debris=load_debris(data_dir / "debris.tsv"),
    )
    _check_codes(resources, data_dir)
    return resources


def _check_codes(resources: Resources, data_dir: Path) -> None:
    for name, table in (("verbs.tsv", resources.verbs), ("nouns.tsv", resources.nouns)):
        for entries in table.values():
            for entry in entries:
                if resources.info(entry.cameo) is None and not entry.cameo.startswith("01"):
                    raise DataFileError(str(data_dir / name), entry.line,
                                        f"CAMEO code {entry.cameo} is not in cameo.tsv")
