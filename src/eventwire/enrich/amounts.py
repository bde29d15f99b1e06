"""How many: the dead, injured and arrested (PLOVER's size fields), the number of participants, and
money with its currency on AID and SANCTION events, from the numbers in the event's sentence."""

from __future__ import annotations

import re
from functools import cache

from ..coding.dates import quantities
from ..datafiles import kind_table
from ..model import Event, Money
from ..resources import DATA_DIR

WINDOW = 40  # characters between a number and the word that says what it counts
IMMEDIATE = 12  # "killed 12": a counting word this close before the number binds it first
COUNTED = ("dead", "injured", "arrested")
MONEY_TYPES = ("AID", "SANCTION")
MONEY_CAMEO = ("033", "07", "16")  # promised material aid, provided aid, reduced relations
_PARTICIPANTS = ("PROTEST", "MOBILIZE", "ASSAULT", "COERCE")
_COUNTED_ON = {"dead": _PARTICIPANTS, "injured": _PARTICIPANTS, "arrested": ("COERCE", "PROTEST")}


@cache
def amount_words() -> dict[str, dict[str, str]]:
    """kind -> {word: value} from data/amounts.tsv."""
    return kind_table(DATA_DIR / "amounts.tsv")


@cache
def _kind_patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for kind, found in amount_words().items():
        words = "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))
        patterns[kind] = re.compile(rf"(?<!\w)({words})(?!\w)", re.I)
    return patterns


def count(event: Event, sentence: str) -> None:
    """Fill dead, injured, arrested and, where the actors gave none, size."""
    patterns = _kind_patterns()
    for start, end, value in quantities(sentence):
        if _money_at(sentence, start, end):
            continue
        kind = _bound_kind(sentence, start, end, patterns)
        if kind in COUNTED and event.type in _COUNTED_ON[kind] and getattr(event, kind) is None:
            setattr(event, kind, value)
        elif kind == "people" and event.size is None and event.type in _PARTICIPANTS:
            event.size = value


def _bound_kind(sentence: str, start: int, end: int, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """What the number counts: a counting word right before it ("killing 12", "wounded at least 30"),
    else one just after it ("6,700 people were arrested", "12 dead"), else one a little before it,
    else people ("Twelve protesters")."""
    after = sentence[end:end + WINDOW]
    before = sentence[max(0, start - WINDOW // 2):start]
    for kind in COUNTED:
        if patterns[kind].search(before[-IMMEDIATE:]):
            return kind
    people = patterns["people"].search(after)
    hits = [(hit.start(), kind) for kind in COUNTED if (hit := patterns[kind].search(after))]
    if hits:
        position, kind = min(hits)
        if people is None or position < people.start() or position - people.end() < 15:
            return kind
    for kind in COUNTED:
        if patterns[kind].search(before):
            return kind
    return "people" if people else None


def _money_at(sentence: str, start: int, end: int) -> bool:
    return bool(_currency(sentence, start, end))


def _currency(sentence: str, start: int, end: int) -> tuple[str, int] | None:
    """(ISO 4217 code, end of the amount's text) for a number with a currency sign or word."""
    currencies = amount_words().get("currency", {})
    before = sentence[max(0, start - 3):start].replace(" ", "")
    for symbol, code in currencies.items():
        if not symbol.isalpha() and before.endswith(symbol):
            return code, end
    word = re.match(r"\s*([a-z]+)", sentence[end:end + 12], re.I)
    if word and word.group(1).lower() in currencies:
        return currencies[word.group(1).lower()], end + word.end()
    return None


def money(event: Event, sentence: str, offset: int) -> None:
    """Sums of money on AID and SANCTION events: "$204m in aid", "5 million euros"."""
    if event.type not in MONEY_TYPES and not event.cameo.startswith(MONEY_CAMEO):
        return
    for start, end, value in quantities(sentence):
        found = _currency(sentence, start, end)
        if found and isinstance(value, int):
            currency, text_end = found
            text_start = sentence.rfind(" ", 0, start) + 1 if start and not sentence[start - 1].isspace() \
                else start
            event.money.append(Money(float(value), currency, sentence[text_start:text_end],
                                     offset + text_start, offset + text_end))
