"""Dates that need the whole article: "the day after ..." counted from the date the text last gave, and
undated events at the top of a story given the story's news day (the day its dates name most)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..coding.dates import date_words, resolve_date
from ..model import CodedArticle

NEWS_WINDOW_DAYS = 7


def redate(coded: CodedArticle) -> None:
    published = coded.article.published
    if published is None or not coded.events:
        return
    text = coded.article.text
    dated = _dated_sentences(coded, published)
    news_day = _news_day(dated, published)
    for event in coded.events:
        reference = _last_before(dated, event.start)
        anchored = _anchored(text[event.start:event.end], event.trigger_start - event.start, reference)
        if anchored and resolve_date(text[event.start:event.end], published) is None:
            event.date, event.date_precision = anchored.isoformat(), "day"
            event.trace.append(f"date {anchored} counted from {reference} by an anchor phrase")
        elif event.date_precision == "article" and news_day and reference is None:
            event.date, event.date_precision = news_day.isoformat(), "day"
            event.trace.append(f"undated lead event: the article's news day {news_day}")


def _dated_sentences(coded: CodedArticle, published: dt.date) -> list[tuple[int, dt.date, str]]:
    """(offset, date, precision) of every dated sentence-like piece of the story text."""
    text = coded.article.text
    found = []
    for block in coded.blocks:
        if block.kind != "story":
            continue
        for piece in re.finditer(r"[^.!?\n]+[.!?]?", text[block.start:block.end]):
            date = resolve_date(piece.group(0), published)
            if date:
                found.append((block.start + piece.start(), date[0], date[1]))
    return found


def _news_day(dated: list[tuple[int, dt.date, str]], published: dt.date) -> dt.date | None:
    days = Counter(day for _, day, precision in dated
                   if precision == "day" and 0 <= (published - day).days <= NEWS_WINDOW_DAYS)
    if not days:
        return None
    return max(days, key=lambda day: (days[day], day))


def _last_before(dated: list[tuple[int, dt.date, str]], offset: int) -> dt.date | None:
    before = [day for start, day, precision in dated if start < offset and precision == "day"]
    return before[-1] if before else None


def _anchored(sentence: str, trigger: int, reference: dt.date | None) -> dt.date | None:
    """ "The announcement came the day after the ministers agreed": the agreement (after the phrase)
    is one day before the date the text last gave."""
    if reference is None:
        return None
    lower = sentence.lower()
    for phrase, days in date_words().get("anchor", {}).items():
        at = lower.find(phrase)
        if at >= 0 and trigger > at:
            return reference + dt.timedelta(days=days)
    return None
