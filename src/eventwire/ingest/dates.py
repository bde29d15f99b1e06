"""Publication dates from what the input says: a field, a date in the URL, or a dateline in the text."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)")
_TEXT_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .,'-]{0,40}[,(]\s*)?(?P<date>(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2},\s+(?:19|20)\d{2}|\d{1,2}\s+(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2})")


def iso_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def parse_date(value: object, source: str, number: int | None = None) -> dt.date | None:
    if value in (None, ""):
        return None
    date = iso_date(value)
    if date is None:
        raise InputError(source, f"published date {value!r} is not YYYY-MM-DD", number)
    return date


def date_from_url(url: str | None) -> dt.date | None:
    """'/2019/02/24/' in a URL is the publication date."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def date_in_text(text: str) -> dt.date | None:
    """A dateline at the start of a story: "KYIV, March 3, 2022 (Reuters) -" or "3 March 2022"."""
    for line in text.split("\n", 6)[:6]:
        match = _TEXT_DATELINE.match(line)
        if match:
            for layout in ("%B %d, %Y", "%d %B %Y"):
                try:
                    return dt.datetime.strptime(match.group("date"), layout).date()
                except ValueError:
                    continue
    return None
