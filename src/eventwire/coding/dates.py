"""Event dates from the words of a sentence, resolved against the article's publication date, and the
numbers of people an actor's words give. Relative expressions ("two days ago", "last year", "next
Monday") resolve against the publication date, forward where they point forward; each result carries
its precision (day, week, month or year)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..datafiles import kind_table
from ..resources import DATA_DIR, rows

_UNIT = r"(day|week|month|year)s?"
_PRENOMINAL = ("day_month", "month_day", "weekday")  # kinds that can stand before a noun


@dataclass(frozen=True)
class Quantity:
    """A number word or phrase from data/numbers.tsv."""

    kind: str  # number, scale, range
    low: int
    high: int


@cache
def numbers() -> dict[str, Quantity]:
    return {phrase.lower(): Quantity(kind, int(low), int(high))
            for _, (phrase, kind, low, high) in rows(DATA_DIR / "numbers.tsv", 4)}


@cache
def date_words() -> dict[str, dict[str, int]]:
    """kind -> {phrase: value} from data/dates.tsv."""
    return {kind: {phrase: int(value or 0) for phrase, value in table.items()}
            for kind, table in kind_table(DATA_DIR / "dates.tsv").items()}


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    count = rf"(\d+|{_alternation([p for p, q in numbers().items() if q.kind == 'number'])})"
    month = rf"({_alternation(list(date_words()['month']))})\.?"
    weekday = rf"({_alternation(list(date_words()['weekday']))})"
    return [
        ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
        ("day_month", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{month}(?:,?\s+(\d{{4}}))?\b", re.I)),
        ("month_day", re.compile(rf"\b{month}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
        ("ago", re.compile(rf"\b{count}\s+{_UNIT}\s+ago\b", re.I)),
        ("next_weekday", re.compile(rf"\b(?:next|this coming|coming) {weekday}\b", re.I)),
        ("weekday", re.compile(rf"\b(?:on |last |this )?{weekday}\b", re.I)),
        ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
        ("yesterday", re.compile(r"\b(yesterday|last night)\b", re.I)),
        ("today", re.compile(r"\b(today|tonight|this morning|this afternoon)\b", re.I)),
        ("earlier_this", re.compile(r"\b(?:earlier|later) this (week|month|year)\b", re.I)),
        ("last_unit", re.compile(r"\b(?:last|past|previous) (week|month|year)\b", re.I)),
        ("next_unit", re.compile(r"\bnext (week|month|year)\b", re.I)),
        ("in_month", re.compile(rf"\bin {month}(?:\s+(\d{{4}}))?\b", re.I)),
        ("this_unit", re.compile(r"\bthis (week|month|year)\b", re.I)),
        ("in_year", re.compile(r"\b(?:in|during) (1[89]\d\d|20\d\d)\b(?!\s*[-–]\d)", re.I)),
    ]


def _month(name: str) -> int:
    return date_words()["month"][name.lower().rstrip(".")]


def _weekday(name: str) -> int:
    return date_words()["weekday"][name.lower()]


def _before(published: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        date = dt.date(int(year) if year else published.year, month, day)
    except ValueError:
        return None
    if not year and date > published:
        date = date.replace(year=date.year - 1)
    return date


@cache
def _word_groups() -> dict[str, tuple[str, ...]]:
    """Lower-case strings a date expression cannot do without, by group."""
    return {"digit": tuple("0123456789"), "month": tuple(date_words()["month"]),
            "weekday": tuple(date_words()["weekday"]), "ago": ("ago",), "tomorrow": ("tomorrow",),
            "yesterday": ("yesterday", "last night"), "this": ("this",), "next": ("next",),
            "today": ("today", "tonight", "this morning", "this afternoon"),
            "last": ("last", "past", "previous")}


# for each pattern, the groups every match of it holds one string of: a sentence without them is not searched
NEEDS = {"iso": ("digit",), "day_month": ("digit", "month"), "month_day": ("digit", "month"), "ago": ("ago",),
         "next_weekday": ("weekday",), "weekday": ("weekday",), "tomorrow": ("tomorrow",),
         "yesterday": ("yesterday",), "today": ("today",), "earlier_this": ("this",), "last_unit": ("last",),
         "next_unit": ("next",), "in_month": ("month",), "this_unit": ("this",), "in_year": ("digit",)}
# what `re.I` and `\d` match but a test on the lower-cased text would miss: "İ", "ı", "ſ", non-ASCII digits
_UNUSUAL = re.compile(r"[İıſ]|(?![0-9])\d")


class _Words:
    """Which word groups a sentence holds, each looked up once (all of them when it has unusual letters)."""

    def __init__(self, sentence: str) -> None:
        self.lower = sentence.lower() if sentence.isascii() or not _UNUSUAL.search(sentence) else None
        self.found: dict[str, bool] = {}

    def may_match(self, kind: str) -> bool:
        return self.lower is None or all(self._holds(group) for group in NEEDS[kind])

    def _holds(self, group: str) -> bool:
        if group not in self.found:
            self.found[group] = any(word in self.lower for word in _word_groups()[group])
        return self.found[group]


def resolve_date(sentence: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """The first date expression the sentence gives for when something happened, as (date, precision);
    None when it gives none. A date that only names a thing ("the 9 August election", "last week's
    vote") is passed over."""
    words = _Words(sentence)
    for kind, pattern in _patterns():
        if not words.may_match(kind):
            continue
        for match in pattern.finditer(sentence):
            if kind != "iso" and _nominal(sentence, match, kind):
                continue
            resolved = _resolved(kind, match, published)
            if resolved:
                return resolved
    return None


def _resolved(kind: str, match: re.Match[str], published: dt.date | None) -> tuple[dt.date, str] | None:
    if kind == "iso":
        try:
            return dt.date(*map(int, match.groups())), "day"
        except ValueError:
            return None
    if kind == "in_year":
        return dt.date(int(match.group(1)), 1, 1), "year"
    if published is None:
        return None
    return _relative(kind, match, published)


def _nominal(sentence: str, match: re.Match[str], kind: str) -> bool:
    """A date that modifies a noun: followed by a possessive, or after a determiner with at most one
    word between ("the disputed 9 August election") and no preposition."""
    if re.match(r"['’]s\b", sentence[match.end():]):
        return True
    if kind not in _PRENOMINAL or match.group(0).lower().startswith(("on ", "last ", "this ")):
        return False
    words = date_words()
    before = re.findall(r"[\w’']+", sentence[:match.start()].lower())[-2:]
    for word in reversed(before):
        if word in words.get("preposition", {}):
            return False
        if word in words.get("determiner", {}):
            return True
    return False


def _relative(kind: str, match: re.Match[str], published: dt.date) -> tuple[dt.date, str] | None:
    if kind in ("day_month", "month_day"):
        day, month = (1, 2) if kind == "day_month" else (2, 1)
        date = _before(published, _month(match.group(month)), int(match.group(day)), match.group(3))
        return (date, "day") if date else None
    if kind in ("ago", "earlier_this", "last_unit", "next_unit", "this_unit"):
        return _unit_date(kind, match, published)
    if kind == "next_weekday":
        ahead = (_weekday(match.group(1)) - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), "day"
    if kind == "weekday":
        back = (published.weekday() - _weekday(match.group(1))) % 7
        return published - dt.timedelta(days=back), "day"
    shift = {"tomorrow": 1, "yesterday": -1, "today": 0}.get(kind)
    if shift is not None:
        return published + dt.timedelta(days=shift), "day"
    date = _before(published, _month(match.group(1)), 1, match.group(2))
    return (date, "month") if date else None


def _unit_date(kind: str, match: re.Match[str], published: dt.date) -> tuple[dt.date, str]:
    """ "two days ago", "three weeks ago", "earlier this month", "last year", "next week", "this year"."""
    unit = match.group(2 if kind == "ago" else 1).lower()
    steps = -_count(match.group(1)) if kind == "ago" else {"last_unit": -1, "next_unit": 1}.get(kind, 0)
    if unit == "day":
        return published + dt.timedelta(days=steps), "day"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if kind == "ago":  # "three weeks ago" is a day three weeks back, known to the week
            return published + dt.timedelta(weeks=steps), "week"
        return monday + dt.timedelta(weeks=steps), "week"
    if unit == "month":
        months = published.year * 12 + published.month - 1 + steps
        return dt.date(months // 12, months % 12 + 1, 1), "month"
    return dt.date(published.year + steps, 1, 1), "year"


def _count(text: str) -> int:
    found = numbers().get(text.lower())
    return found.low if found else int(text)


# -- numbers of people ----------------------------------------------------------------------------
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@cache
def _number_pattern() -> re.Pattern[str]:
    table = numbers()
    words = _alternation([p for p, q in table.items() if q.kind != "scale" and p not in ("a", "an")])
    scales = _alternation([p for p, q in table.items() if q.kind == "scale"])
    return re.compile(rf"(?<![\w.,])(at least |more than |over |nearly |almost |about |some |up to )?"
                      rf"({_DIGITS}|{words})(?:\s*({scales}))?\b", re.I)


def quantities(text: str) -> list[tuple[int, int, int | list[int]]]:
    """Every count in the text as (start, end, value): an int, or [low, high] for a vague amount
    ("hundreds", "tens of thousands") or a lower bound ("at least 12" -> [12, None])."""
    found = []
    for match in _number_pattern().finditer(text):
        value = _quantity(match)
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found


def _quantity(match: re.Match[str]) -> int | list[int | None] | None:
    qualifier, number, scale = (match.group(1) or "").strip().lower(), match.group(2), match.group(3)
    table = numbers()
    entry = table.get(number.lower())
    if entry and entry.kind == "range" and not scale:
        return [entry.low, entry.high]
    low = entry.low if entry else float(number.replace(",", ""))
    if scale:
        low *= table[scale.lower()].low
    if low != int(low) or (not scale and len(number) == 4 and number.isdigit() and 1800 < low < 2100):
        return None  # a year or a fraction is not a head count
    if qualifier in ("at least", "more than", "over"):
        return [int(low), None]
    return int(low)


def size_of(text: str) -> int | list[int] | None:
    """The number of people an actor's text gives: "some 6,700 people" -> 6700, "twelve" -> 12,
    "thousands" -> [1000, 9999], "at least 30" -> [30, None]."""
    found = quantities(text)
    return found[0][2] if found else None
