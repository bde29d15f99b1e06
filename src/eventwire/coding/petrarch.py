"""Read PETRARCH/TABARI-format actor and agent dictionaries as an optional knowledge source.

Actor records are a primary phrase with an optional default code, synonym lines starting with "+", and
date restrictions on tab-indented lines: `[RUSGOV 991231-080507]`, `[RUSGOV >080508]`, `[USAELI <450703]`.
Dates are YYMMDD (YY <= 30 is 20YY) or YYYYMMDD; bounds are inclusive. Agent records map a phrase to a
sector code written `[~GOV]` (a suffix) or `[GOV~]` (a prefix).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..resources import PersonTerm

_CODE = re.compile(r"\[([^\]\s]+)(?:\s+([^\]]*))?\]")


@dataclass
class DictionaryActor:
    names: list[str]
    default: str | None
    terms: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)


@dataclass
class DictionaryProblem:
    path: str
    line: int
    problem: str


def _phrase(text: str) -> str:
    words = [w for w in text.replace("_", " ").split() if not w.startswith("!")]
    return " ".join(w.title() if w.isupper() else w for w in words)


def _date(text: str) -> dt.date:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _restriction(text: str) -> tuple[dt.date | None, dt.date | None]:
    text = text.strip()
    if not text:
        return None, None
    if text.startswith("<"):
        return None, _date(text[1:].strip())
    if text.startswith(">"):
        return _date(text[1:].strip()), None
    start, _, end = text.partition("-")
    return _date(start.strip()), _date(end.strip())


def read_actors(path: str | Path) -> tuple[list[DictionaryActor], list[DictionaryProblem]]:
    """Every actor record of the file, and the lines that could not be read (file and line named)."""
    actors: list[DictionaryActor] = []
    problems: list[DictionaryProblem] = []
    current: DictionaryActor | None = None
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.split(r"\s[#;]|^[#;]", raw, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if current is None:
                problems.append(DictionaryProblem(str(path), number, "date restriction before any actor"))
                continue
            match = _CODE.search(line)
            try:
                start, end = _restriction(match.group(2) or "") if match else (None, None)
            except ValueError as error:
                problems.append(DictionaryProblem(str(path), number, f"bad date {error}"))
                continue
            if match and (start or end):
                current.terms.append((match.group(1), start, end))
            elif match:
                current.default = match.group(1)
            continue
        if line.startswith("+"):
            if current is not None:
                current.names.append(_phrase(line[1:]))
            continue
        match = _CODE.search(line)
        name = line[:match.start()] if match else line
        current = DictionaryActor([_phrase(name)], match.group(1) if match else None)
        actors.append(current)
    return actors, problems


def read_agents(path: str | Path) -> dict[str, str]:
    """Agent phrase (lower case) -> sector code, from `[~GOV]` and `[GOV~]` entries."""
    agents: dict[str, str] = {}
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = re.split(r"[#;]", raw, maxsplit=1)[0].strip()
        match = re.search(r"\[~?([A-Z]{3})~?\]", line)
        if line and match:
            agents[_phrase(line[:match.start()]).lower()] = match.group(1)
    return agents


def as_people(actors: list[DictionaryActor]) -> list[PersonTerm]:
    """Date-restricted actors (people who held roles) as knowledge-base terms, dated terms first."""
    terms: list[PersonTerm] = []
    for actor in actors:
        if not actor.terms:
            continue
        names = tuple(n for n in actor.names if n)
        terms += [PersonTerm(names, code, start, end) for code, start, end in actor.terms]
        if actor.default:
            terms.append(PersonTerm(names, actor.default, None, None))
    return terms


def load_actor_dictionary(path: str | Path) -> list[PersonTerm]:
    """The people of a PETRARCH actor dictionary; a missing file is an `InputError` naming it."""
    try:
        actors, _ = read_actors(path)
    except OSError as error:
        raise InputError(str(path), f"actor dictionary cannot be read ({error.strerror or error})") from None
    return as_people(actors)
