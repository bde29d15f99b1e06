"""Reading eventwire's documented TSV data files: rows with line numbers, and the checks several files share.

Every problem is a `DataFileError` naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import DataFileError


def rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of a TSV data file, skipping comments and the header row."""
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        fields = line.split("\t")
        if len(fields) < columns:
            fields += [""] * (columns - len(fields))
        if len(fields) != columns:
            raise DataFileError(str(path), number, f"expected {columns} tab-separated fields, "
                                f"found {len(fields)}")
        yield number, [f.strip() for f in fields]


def kind_table(path: Path) -> dict[str, dict[str, str]]:
    """A three-column file `kind  phrase  value` as kind -> {lower-cased phrase: value}."""
    table: dict[str, dict[str, str]] = {}
    for _, (kind, phrase, value) in rows(path, 3):
        table.setdefault(kind, {})[phrase.lower()] = value
    return table


def iso_date(path: Path, number: int, text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataFileError(str(path), number, f"bad date {text!r} (want YYYY-MM-DD)") from None


def cameo_code(path: Path, number: int, text: str) -> str:
    if not re.fullmatch(r"\d{2,4}", text):
        raise DataFileError(str(path), number, f"bad CAMEO code {text!r}")
    return text


def load_word_classes(path: Path, classes: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """A two-column file of words and the class each belongs to (stances.tsv, sport.tsv)."""
    words: dict[str, set[str]] = {name: set() for name in classes}
    for number, (word, name) in rows(path, 2):
        if name not in words:
            raise DataFileError(str(path), number, f"class must be one of {', '.join(classes)}, not {name!r}")
        words[name].add(word.lower())
    return {name: frozenset(found) for name, found in words.items()}


def load_debris(path: Path) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """debris.tsv: a kind and a regular expression a whole line of page debris matches."""
    patterns = []
    for number, (kind, pattern) in rows(path, 2):
        if not re.fullmatch(r"[a-z_]+", kind):
            raise DataFileError(str(path), number, f"bad debris kind {kind!r}")
        try:
            patterns.append((kind, re.compile(rf"\s*(?:{pattern})\s*", re.I)))
        except re.error as error:
            raise DataFileError(str(path), number, f"bad pattern: {error}") from None
    return tuple(patterns)
