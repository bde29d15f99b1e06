"""Split an article's text into blocks and tell story text from page debris, keeping offsets into the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import Block
from ..resources import DATA_DIR
from ..resources import load_debris as load_debris_patterns

_LINE = re.compile(r"[^\n]+")
_ENDS_SENTENCE = re.compile(r"[.!?\"”'’)\]…:]\s*$")
_DATELINE = re.compile(r"^([A-Z][\w.&' -]{1,40}?)\s*(?::|—|–| - )\s+(?=[A-Z\"“])")
_WIRE_DATELINE = re.compile(  # "NAIROBI, July 7 (Reuters) - ", "ISLAMABAD - ", "GENEVA, 3 May (AFP) — "
    r"^([A-Z][A-Z ,.'-]{2,40}?(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?)"
    r"(\s*\([A-Za-z .]+\))?\s*(—|–|-)\s+")


MARK_KINDS = ("caption_mark", "credit_tail", "reading_minutes")  # debris.tsv kinds searched inside a line


@dataclass(frozen=True)
class DebrisRules:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # kinds a whole line matches
    marks: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)  # MARK_KINDS

    def mark(self, kind: str, line: str) -> re.Match[str] | None:
        """The first match of a `kind` mark inside the line."""
        return next((m for m in (p.search(line) for p in self.marks.get(kind, ())) if m), None)


def load_debris(path: Path = DATA_DIR / "debris.tsv") -> DebrisRules:
    """The debris patterns, read and checked line by line through resources.py."""
    found = load_debris_patterns(path)
    marks = {kind: tuple(p for k, p in found if k == kind) for kind in MARK_KINDS}
    return DebrisRules(tuple((k, p) for k, p in found if k not in MARK_KINDS), marks)


@lru_cache(maxsize=1)
def _shipped_rules() -> DebrisRules:
    return load_debris()


def split_blocks(text: str, title: str | None, rules: DebrisRules) -> list[Block]:
    """Classify each line; story lines may start after an outlet dateline ("Daily US Times: ..."). A line
    that ends the story ("Related articles", "Reporting by ...") makes every later line `after_story`
    debris: the teasers and bodies of other articles that an extractor returns below the story."""
    blocks = []
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    title_key = _normal(title) if title else None
    first_story_seen = ended = False
    for match in lines:
        start, end = match.start(), match.end()
        line = match.group()
        single = len(lines) == 1  # a lone line is the story, however short
        kind = "story" if single else _debris_kind(line, rules, title_key, first_story_seen)
        if ended or (kind == "story_end" and not first_story_seen):
            kind = "after_story" if ended else "subheading"  # other articles' teasers and bodies
        ended = ended or kind == "story_end"
        if kind == "story" and not first_story_seen:
            dateline = _DATELINE.match(line) or _WIRE_DATELINE.match(line)
            if dateline and len(dateline.group(1).split()) <= 5:
                blocks.append(Block(start, start + dateline.end(), "dateline"))
                start += dateline.end()
        first_story_seen = first_story_seen or kind == "story"
        blocks.append(Block(start, end, kind))
    return blocks


def _debris_kind(line: str, rules: DebrisRules, title_key: str | None, story_seen: bool) -> str:
    for kind, pattern in rules.patterns:
        if pattern.fullmatch(line):
            return kind
    stripped = line.strip()
    if title_key and _normal(stripped) == title_key:
        return "headline"
    if rules.mark("caption_mark", stripped):
        return "caption"
    words = stripped.split()
    if not _ENDS_SENTENCE.search(stripped) and len(words) <= 20:
        return "subheading" if story_seen else "headline"
    if stripped.endswith("?") and len(words) <= 12:
        return "subheading"
    return "story"


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_TEASER_LEAD = re.compile(r"^\s*[\w ]{2,30}?\s*[:\-–]\s*")


def debris_metadata(text: str, blocks: list[Block], rules: DebrisRules | None = None) -> dict[str, object]:
    """What the page debris says, kept as article metadata: captions, photo credits, the outlet a
    dateline names, the stated reading time, teaser headlines, and headlines."""
    rules = rules or _shipped_rules()
    meta: dict[str, list[str]] = {}
    for block in blocks:
        line = text[block.start:block.end].strip()
        if block.kind == "story":
            continue
        if block.kind in ("caption", "credit"):
            credit = rules.mark("credit_tail", line)
            if credit:
                meta.setdefault("photo_credits", []).append(credit.group("credit").strip())
                line = line[:credit.start()].strip()
            if line and block.kind == "caption":
                meta.setdefault("captions", []).append(line)
        elif block.kind == "dateline":
            wire = _WIRE_DATELINE.match(line + " ")
            if wire:  # "NAIROBI, July 7 (Reuters) -": a place, a date and the agency
                meta.setdefault("dateline", []).append(wire.group(1).strip())
                if wire.group(2):
                    meta.setdefault("outlet", []).append(wire.group(2).strip(" ()"))
            else:  # "Daily US Times:": the outlet
                meta.setdefault("dateline", []).append(line.strip(" :—–-"))
                meta.setdefault("outlet", []).append(line.strip(" :—–-"))
        elif block.kind == "teaser":
            meta.setdefault("teasers", []).append(_TEASER_LEAD.sub("", line, count=1))
        elif block.kind == "after_story":
            meta["after_story_lines"] = [*meta.get("after_story_lines", []), line[:200]]
        elif block.kind == "reading_time":
            minutes = rules.mark("reading_minutes", line)
            meta["reading_time_minutes"] = [minutes.group(1)] if minutes else [line]
        else:
            meta.setdefault(block.kind + "s", []).append(line)
    result: dict[str, object] = dict(meta)
    if "reading_time_minutes" in meta:
        result["reading_time_minutes"] = int(meta["reading_time_minutes"][0]) \
            if meta["reading_time_minutes"][0].isdigit() else meta["reading_time_minutes"][0]
    return result
