"""Write coded articles: JSON Lines records (events.md section 2) or a readable table."""

from __future__ import annotations

import json
import shutil
from typing import TextIO

from .model import CodedArticle

TABLE_COLUMNS = ("type", "cameo", "source", "target", "date", "sentence")


def write_jsonl(coded: CodedArticle, out: TextIO) -> None:
    out.write(json.dumps(coded.to_json(), ensure_ascii=False) + "\n")


def table_rows(coded: CodedArticle) -> list[tuple[str, ...]]:
    text = coded.article.text
    return [(e.type, e.cameo, ",".join(a.code for a in e.source) or "-",
             ",".join(a.code for a in e.target) or "-", e.date or "-",
             " ".join(text[e.start:e.end].split())) for e in coded.events]


def write_table(coded: CodedArticle, out: TextIO, width: int | None = None) -> None:
    width = width or shutil.get_terminal_size((120, 20)).columns
    rows = table_rows(coded)
    where = f" ({coded.article.source_path})" if coded.article.source_path else ""
    if coded.skipped:
        out.write(f"== {coded.article.id}{where}: skipped, {coded.skipped}\n")
        return
    out.write(f"== {coded.article.id}{where}: {len(rows)} events\n")
    if not rows:
        return
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(TABLE_COLUMNS[:-1])]
    room = max(20, width - sum(widths) - 2 * len(widths))
    header = "  ".join(c.ljust(w) for c, w in zip(TABLE_COLUMNS, widths, strict=False)) + "  sentence"
    out.write(header + "\n")
    for row in rows:
        sentence = row[-1] if len(row[-1]) <= room else row[-1][:room - 1] + "…"
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=False)) + "  " + sentence + "\n")
