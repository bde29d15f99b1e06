"""Exports from the store: JSON Lines, Parquet, and GDELT 2.0 event and mention tables (TSV)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import TextIO

from ..resources import DATA_DIR, rows
from ..store.database import Store

FORMATS = ("jsonl", "parquet", "gdelt-events", "gdelt-mentions")


def gdelt_columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of a GDELT 2.0 table's columns, in codebook order."""
    return [(name, kind) for _, (which, name, kind) in rows(DATA_DIR / "gdelt_columns.tsv", 3)
            if which == table]


def export(store: Store, fmt: str, out: TextIO | None, path: str | None) -> int:
    if fmt == "jsonl":
        return _jsonl(store, out)
    if fmt == "parquet":
        if not path:
            raise ValueError("Parquet needs an output file (-o FILE)")
        store.db.execute(f"COPY (SELECT * FROM events ORDER BY article_id, start_char) TO "
                         f"'{_quoted(path)}' (FORMAT parquet)")
        return store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    table = gdelt_events(store) if fmt == "gdelt-events" else gdelt_mentions(store)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    for row in table:
        writer.writerow(["" if v is None else _clean(v) for v in row])
    return len(table)


def _quoted(path: str) -> str:
    return str(Path(path)).replace("'", "''")


def _clean(value: object) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def _jsonl(store: Store, out: TextIO) -> int:
    count = 0
    for (record,) in store.db.execute("SELECT record FROM articles ORDER BY seq").fetchall():
        out.write(json.dumps(json.loads(record), ensure_ascii=False) + "\n")
        count += 1
    return count


def _date_fields(day: dt.date | None) -> list[object]:
    if day is None:
        return [None, None, None, None]
    fraction = day.year + (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)
    return [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year, round(fraction, 4)]


def _actor_fields(codes: list[str], names: list[str]) -> list[object]:
    """Code, name, country, known group, ethnic, religion x2, type x3 (GDELT's 10 actor fields)."""
    if not codes:
        return [None] * 10
    code = codes[0]
    country = code[:3] if code[:3] not in ("IGO", "NGO", "IMG") else None
    types = [code[i:i + 3] for i in range(3, len(code), 3)][:3] if country else []
    return [code, names[0] if names else None, country, None, None, None, None,
            *(types + [None] * (3 - len(types)))]


def gdelt_events(store: Store) -> list[list[object]]:
    """One row per merged event, the 61 columns of the GDELT 2.0 event table. Fields eventwire does
    not fill (tone, ethnic and religion codes, geography) stay empty."""
    result = store.db.execute("""
        SELECT m.merged_id, m.first_date, m.source_codes, m.target_codes, m.cameo, m.root,
               e.quad_class, e.goldstein, m.num_mentions, m.num_sources, m.num_articles,
               e.sentence, a.coded_at, coalesce(a.url, a.source_path, a.id),
               (SELECT list(text ORDER BY position) FROM actors x
                WHERE x.event_id = e.event_id AND x.side = 'source'),
               (SELECT list(text ORDER BY position) FROM actors x
                WHERE x.event_id = e.event_id AND x.side = 'target')
        FROM merged_events m JOIN events e ON e.event_id = m.first_event_id
        JOIN articles a ON a.id = e.article_id
        ORDER BY m.first_date NULLS LAST, m.merged_id""").fetchall()
    table = []
    for (merged_id, day, sources, targets, cameo, root, quad, goldstein, mentions, outlets,
         articles, sentence, coded_at, url, source_names, target_names) in result:
        table.append([merged_id, *_date_fields(day),
                      *_actor_fields(sources, source_names or []),
                      *_actor_fields(targets, target_names or []),
                      1 if sentence == 0 else 0, cameo, cameo[:3], root, quad, goldstein,
                      mentions, outlets, articles, None,
                      *([None] * 24), int(coded_at.strftime("%Y%m%d%H%M%S")), url])
    return table


def gdelt_mentions(store: Store) -> list[list[object]]:
    """One row per mention of a merged event, the 16 columns of the GDELT 2.0 mentions table."""
    result = store.db.execute("""
        SELECT mm.merged_id, m.first_date, a.published, a.coded_at, a.url, a.outlet, a.source_path,
               a.id, n.sentence, n.source_char, n.target_char, n.trigger_char, e.confidence,
               length(a.text)
        FROM merged_members mm JOIN merged_events m ON m.merged_id = mm.merged_id
        JOIN mentions n ON n.event_id = mm.event_id JOIN events e ON e.event_id = mm.event_id
        JOIN articles a ON a.id = n.article_id
        ORDER BY mm.merged_id, a.seq, n.start_char""").fetchall()
    table = []
    for (merged_id, day, published, coded_at, url, outlet, source_path, article_id, sentence,
         source_char, target_char, trigger_char, confidence, length) in result:
        added = int(coded_at.strftime("%Y%m%d%H%M%S"))
        mention_time = int(published.strftime("%Y%m%d000000")) if published else added
        table.append([merged_id, int(day.strftime("%Y%m%d000000")) if day else added, mention_time,
                      1 if url else None, outlet, url or source_path or article_id, sentence + 1,
                      -1 if source_char is None else source_char,
                      -1 if target_char is None else target_char, trigger_char, 1,
                      round(confidence * 100), length, None, None, None])
    return table

