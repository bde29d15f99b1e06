"""Exports from the store: JSON Lines, Parquet, and GDELT 2.0 event and mention tables (TSV)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..enrich.gazetteer import gazetteer
from ..enrich.plover import plover_events
from ..resources import DATA_DIR, rows
from ..store.database import Store
from ..stories import stable_id

FORMATS = ("jsonl", "parquet", "gdelt-events", "gdelt-mentions", "plover")
# Characters that end a line or a field for some reader (csv, DuckDB, awk, str.splitlines): a space in
# the GDELT TSV, which has no quoting or escaping. A double quote becomes a single quote, so readers
# that do honour quotes see the same columns as those that do not.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def gdelt_columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of a GDELT 2.0 table's columns, in codebook order."""
    return [(name, kind) for _, (which, name, kind) in rows(DATA_DIR / "gdelt_columns.tsv", 3)
            if which == table]


def export(store: Store, fmt: str, out: TextIO | None, path: str | None) -> int:
    if fmt == "jsonl":
        return _jsonl(store, out)
    if fmt == "plover":
        return _write_json_lines(plover_records(store), out)
    if fmt == "parquet":
        if not path:
            raise ValueError("Parquet needs an output file (-o FILE)")
        store.db.execute(f"COPY (SELECT * FROM events ORDER BY article_id, start_char) TO "
                         f"'{_quoted(path)}' (FORMAT parquet)")
        return store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    table = gdelt_events(store) if fmt == "gdelt-events" else gdelt_mentions(store)
    for row in table:
        out.write("\t".join("" if v is None else _clean(v) for v in row) + "\n")
    return len(table)


def _quoted(path: str) -> str:
    return str(Path(path)).replace("'", "''")


def _clean(value: object) -> str:
    """A GDELT field: no tab, line break or other separator inside it, and no escaping."""
    return _BREAKS.sub(" ", str(value)).replace('"', "'")


def _web_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.I) else None


def json_line(record: dict) -> str:
    """One JSON Lines line: characters that some readers take for line ends are written escaped."""
    text = json.dumps(record, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085") + "\n"


def _write_json_lines(records: Iterable[dict], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json_line(record))
        count += 1
    return count


def _jsonl(store: Store, out: TextIO) -> int:
    count = 0
    for (record,) in store.db.execute("SELECT record FROM articles ORDER BY seq").fetchall():
        out.write(json_line(json.loads(record)))
        count += 1
    return count


def _date_fields(day: dt.date | None) -> list[object]:
    if day is None:
        return [None, None, None, None]
    fraction = day.year + (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)
    return [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year, round(fraction, 4)]


def _actor_fields(code: str | None, name: str | None) -> list[object]:
    """Code, name, country, known group, ethnic, religion x2, type x3 (GDELT's 10 actor fields)."""
    if not code:
        return [None] * 10
    country = code[:3] if code[:3] not in ("IGO", "NGO", "IMG", "---") else None
    types = [code[i:i + 3] for i in range(3, len(code), 3)][:3] if country else []
    known = code[:6] if code[:3] in ("IGO", "NGO") else None
    return [code, name or None, country, known, None, None, None,
            *(types + [None] * (3 - len(types)))]


def gdelt_geo(place: tuple | None) -> list[object]:
    """GDELT's 8 geography fields (type 1-5, full name, FIPS country, ADM1, ADM2, lat, long, feature
    id) for a stored place (feature, name, ISO3 country, admin1, lat, lon, GeoNames id)."""
    if not place or not place[2]:
        return [None] * 8
    feature, name, iso3, admin1, lat, lon, geonames_id = place
    names = gazetteer()
    info = names.countries.get(iso3)
    if info is None:
        return [None] * 8
    us = iso3 == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}[feature]
    state = names.us_states.get(admin1 or "") if us else None
    parts = [name] if feature == "city" else []
    parts += [state] if state else []
    parts += [info.name] if feature != "country" else [name]
    adm1 = info.fips + (admin1 or "") if feature != "country" else info.fips
    feature_id = info.fips if feature == "country" else str(geonames_id or "")
    return [kind, ", ".join(dict.fromkeys(p for p in parts if p)), info.fips, adm1, None, lat, lon,
            feature_id]


def _actor_geo(code: str | None, action: tuple | None) -> list[object]:
    """An actor's place: the event's own place when it is in the actor's country (or the actor has
    none, as an IGO), else the actor's country."""
    if not code:
        return [None] * 8
    country = code[:3]
    if action and (action[2] == country or country not in gazetteer().countries):
        return gdelt_geo(action)
    place = gazetteer().country(country)
    if place is None:
        return gdelt_geo(action)
    return gdelt_geo(("country", place.name, country, None, place.lat, place.lon, place.geonames_id))


def _pairs(codes: list[str] | None, names: list[str] | None) -> list[tuple[str | None, str | None]]:
    names = names or []
    pairs = [(code, names[i] if i < len(names) else None) for i, code in enumerate(codes or [])]
    return pairs or [(None, None)]


def gdelt_events(store: Store) -> list[list[object]]:
    """The 61 columns of the GDELT 2.0 event table: one row per merged event and source-target pair
    (a compound actor gives several rows). Ethnic and religion codes and ADM2 stay empty."""
    result = store.db.execute("""
        SELECT m.merged_id, m.first_date, e.cameo, m.root, e.quad_class, e.goldstein, m.num_mentions,
               m.num_sources, m.num_articles, e.sentence, a.coded_at, a.url, e.tone,
               e.feature, e.place_name, e.place_country, e.place_admin1, e.lat, e.lon, e.geonames_id,
               (SELECT list(code ORDER BY position) FROM actors x
                WHERE x.event_id = e.event_id AND x.side = 'source'),
               (SELECT list(text ORDER BY position) FROM actors x
                WHERE x.event_id = e.event_id AND x.side = 'source'),
               (SELECT list(code ORDER BY position) FROM actors x
                WHERE x.event_id = e.event_id AND x.side = 'target'),
               (SELECT list(text ORDER BY position) FROM actors x
                WHERE x.event_id = e.event_id AND x.side = 'target')
        FROM merged_events m JOIN events e ON e.event_id = m.first_event_id
        JOIN articles a ON a.id = e.article_id
        ORDER BY m.first_date NULLS LAST, m.merged_id""").fetchall()
    table = []
    for row in result:
        (merged_id, day, cameo, root, quad, goldstein, mentions, outlets, articles, sentence,
         coded_at, url, tone) = row[:13]
        action = tuple(row[13:20]) if row[13] else None
        pairs = [(s, t) for s in _pairs(row[20], row[21]) for t in _pairs(row[22], row[23])]
        for index, ((source, source_name), (target, target_name)) in enumerate(pairs):
            table.append([pair_id(merged_id, index), *_date_fields(day),
                          *_actor_fields(source, source_name), *_actor_fields(target, target_name),
                          1 if sentence == 0 else 0, cameo, cameo[:3], root, quad, goldstein,
                          mentions, outlets, articles, tone, *_actor_geo(source, action),
                          *_actor_geo(target, action), *gdelt_geo(action),
                          int(coded_at.strftime("%Y%m%d%H%M%S")), _web_url(url)])
    return table


def pair_id(merged_id: int, index: int) -> int:
    """GLOBALEVENTID of one source-target pair of a merged event: the merged id for the first pair."""
    return merged_id if index == 0 else stable_id(f"{merged_id}|{index}")


def gdelt_mentions(store: Store) -> list[list[object]]:
    """One row per mention of a merged event (and source-target pair), the 16 columns of the GDELT 2.0
    mentions table. MentionType is 1 (WEB) with the URL as identifier, or 2 (CITATIONONLY) with the
    article id where the article has no web address."""
    result = store.db.execute("""
        SELECT mm.merged_id, m.first_date, a.published, a.coded_at, a.url, a.outlet,
               a.id, n.sentence, n.source_char, n.target_char, n.trigger_char, e.confidence,
               length(a.text), greatest(len(f.source_codes), 1) * greatest(len(f.target_codes), 1)
        FROM merged_members mm JOIN merged_events m ON m.merged_id = mm.merged_id
        JOIN mentions n ON n.event_id = mm.event_id JOIN events e ON e.event_id = mm.event_id
        JOIN events f ON f.event_id = m.first_event_id
        JOIN articles a ON a.id = n.article_id
        ORDER BY mm.merged_id, a.seq, n.start_char""").fetchall()
    table = []
    for (merged_id, day, published, coded_at, url, outlet, article_id, sentence,
         source_char, target_char, trigger_char, confidence, length, pairs) in result:
        added = int(coded_at.strftime("%Y%m%d%H%M%S"))
        mention_time = int(published.strftime("%Y%m%d000000")) if published else added
        web = _web_url(url)
        for index in range(pairs):
            table.append([pair_id(merged_id, index), int(day.strftime("%Y%m%d000000")) if day else added,
                          mention_time, 1 if web else 2, outlet, web or article_id, sentence + 1,
                          -1 if source_char is None else source_char,
                          -1 if target_char is None else target_char, trigger_char, 1,
                          round(confidence * 100), length, None, None, None])
    return table


def plover_records(store: Store) -> Iterable[dict]:
    """One PLOVER record per event of every stored article (the manual's field names)."""
    result = store.db.execute("SELECT record, text FROM articles WHERE skipped IS NULL ORDER BY seq")
    while batch := result.fetchmany(500):
        for record, text in batch:
            yield from plover_events(json.loads(record), text)
