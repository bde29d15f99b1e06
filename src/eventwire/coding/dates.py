"""Event dates from the words of a sentence, resolved against the article's publication date."""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("day_month", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("weekday", re.compile(r"\b(?:on |last |this )?(monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday)\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(today|tonight|this morning|this afternoon)\b", re.I)),
    ("last_week", re.compile(r"\blast week\b", re.I)),
    ("last_month", re.compile(r"\blast month\b", re.I)),
    ("in_month", re.compile(rf"\bin {_MONTH}(?:\s+(\d{{4}}))?\b", re.I)),
]


def _month(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name.lower().rstrip(".")[:3]))


def _before(published: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        date = dt.date(int(year) if year else published.year, month, day)
    except ValueError:
        return None
    if not year and date > published:
        date = date.replace(year=date.year - 1)
    return date


def resolve_date(sentence: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """The first date expression the sentence gives, as (date, precision); None when it gives none."""
    for kind, pattern in _PATTERNS:
        match = pattern.search(sentence)
        if not match:
            continue
        if kind == "iso":
            try:
                return dt.date(*map(int, match.groups())), "day"
            except ValueError:
                continue
        if published is None:
            continue
        resolved = _relative(kind, match, published)
        if resolved:
            return resolved
    return None


def _relative(kind: str, match: re.Match[str], published: dt.date) -> tuple[dt.date, str] | None:
    if kind == "day_month":
        date = _before(published, _month(match.group(2)), int(match.group(1)), match.group(3))
        return (date, "day") if date else None
    if kind == "month_day":
        date = _before(published, _month(match.group(1)), int(match.group(2)), match.group(3))
        return (date, "day") if date else None
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(match.group(1).lower())) % 7
        return published - dt.timedelta(days=back), "day"
    if kind == "yesterday":
        return published - dt.timedelta(days=1), "day"
    if kind == "today":
        return published, "day"
    if kind == "last_week":
        return published - dt.timedelta(days=7 + published.weekday()), "week"
    if kind == "last_month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    date = _before(published, _month(match.group(1)), 1, match.group(2))
    return (date, "month") if date else None


_NUMBER = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand)?\b", re.I)
_VAGUE = {"dozens": [24, 99], "hundreds": [100, 999], "thousands": [1000, 9999],
          "tens of thousands": [10000, 99999], "hundreds of thousands": [100000, 999999],
          "millions": [1000000, 9999999]}


def size_of(text: str) -> int | list[int] | None:
    """The number of people an actor's text gives: "some 6,700 people" -> 6700, "thousands" -> a range."""
    lower = text.lower()
    for phrase in sorted(_VAGUE, key=len, reverse=True):
        if re.search(rf"\b{phrase}\b", lower):
            return _VAGUE[phrase]
    match = _NUMBER.search(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    scale = {"million": 1_000_000, "thousand": 1000}.get((match.group(2) or "").lower(), 1)
    return int(value * scale)
