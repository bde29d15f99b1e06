"""Write coded articles: JSON Lines records (events.md section 2) or a readable table."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from typing import TextIO

from ..model import CodedArticle
from ..store.export import json_line

TABLE_COLUMNS = ("type", "cameo", "source", "target", "date", "sentence")
ROW_FORMATS = ("table", "csv", "json", "jsonl")


def write_jsonl(coded: CodedArticle, out: TextIO) -> None:
    out.write(json_line(coded.to_json()))


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


def write_rows(columns: list[str], rows: list[tuple], fmt: str, out: TextIO) -> None:
    """Query results as an aligned table, CSV, one JSON array (`json`) or JSON Lines (`jsonl`)."""
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    if fmt in ("json", "jsonl"):
        records = (json.dumps(dict(zip(columns, row, strict=True)), default=_json_value, ensure_ascii=False)
                   for row in rows)
        if fmt == "jsonl":
            out.writelines(record + "\n" for record in records)
        else:
            out.write("[" + ",\n ".join(records) + "]\n")
        return
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} rows)\n")


def _cell(value: object) -> str:
    if value is None:
        return "-"
    return " ".join(str(value).split())


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)


def write_explanation(result: object) -> None:
    """`eventwire explain`: each event with its actors, rules and steps, and why each candidate dropped."""
    text = result.article.text
    print(f"== {result.article.id}")
    skipped = [b for b in result.blocks if b.kind != "story"]
    for block in skipped:
        print(f"  not coded ({block.kind}): {text[block.start:block.end].strip()[:80]!r}")
    for event in result.events:
        print(f"\nEVENT {event.type} {event.cameo} confidence={event.confidence:.2f} "
              f"certainty={event.certainty} date={event.date} ({event.date_precision})")
        print(f"  sentence {event.sentence}: {' '.join(text[event.start:event.end].split())}")
        print(f"  source: {[a.code for a in event.source]}  target: {[a.code for a in event.target]}")
        for side, actor in [("source", a) for a in event.source] + [("target", a) for a in event.target]:
            print(f"  {side} {actor_line(actor, text)}")
        print(f"  rules: {', '.join(event.rules) or '-'}")
        for step in event.trace:
            print(f"  - {step}")
    for dropped in result.dropped:
        print(f"\nDROPPED {dropped.trigger!r} ({dropped.cameo}) in sentence {dropped.sentence}: "
              f"{dropped.reason} [rule {dropped.rule}]")


def actor_line(actor: object, text: str) -> str:
    """How an actor was resolved: its mention, code, resolved_by, and the name and mention it refers to."""
    record = actor.to_json()
    mention = "(implied)" if record["implied"] else f"{record['text']!r} [{record['start']}:{record['end']}]"
    line = f"{mention} -> {record['code'] or '-'} resolved_by={record['resolved_by']}"
    if record["name"] and record["name"] != record["text"]:
        line += f" name={record['name']!r}"
    if actor.antecedent:
        start, end = actor.antecedent
        line += f" antecedent={text[start:end]!r} [{start}:{end}]"
    return line
