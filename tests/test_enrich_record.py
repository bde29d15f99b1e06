"""The record: stable ids, the citation on every document line, and every new field in the JSON."""

import datetime as dt
import json

from eventwire import Article

TEXT = ("Police in Minsk arrested 6,700 people after the vote. Latvia and Lithuania imposed sanctions "
        "on Belarusian officials on Friday.")


def test_the_same_input_gives_the_same_event_ids(pipeline):
    first = pipeline.code(Article("a1", TEXT, published=dt.date(2020, 8, 16)))
    second = pipeline.code(Article("a1", TEXT, published=dt.date(2020, 8, 16)))
    ids = [e.id for e in first.events]
    assert ids and ids == [e.id for e in second.events]
    assert len(set(ids)) == len(ids)
    other = pipeline.code(Article("a2", TEXT, published=dt.date(2020, 8, 16)))
    assert not set(ids) & {e.id for e in other.events}


def test_every_document_line_carries_its_citation(pipeline):
    article = Article("a1", TEXT, title="Arrests", published=dt.date(2020, 8, 16),
                      url="https://example.org/a1", outlet="Example News")
    record = pipeline.code(article).to_json()
    citation = record["citation"]
    assert {k: citation[k] for k in ("url", "title", "outlet", "published", "language")} == {
        "url": "https://example.org/a1", "title": "Arrests", "outlet": "Example News",
        "published": "2020-08-16", "language": "en"}
    assert citation["eventwire_version"] and dt.datetime.fromisoformat(citation["coded_at"])
    skipped = pipeline.code(Article("a3", "Der Bundestag hat heute das Gesetz beschlossen, und die "
                                    "Opposition hat dagegen gestimmt, wie erwartet wurde.")).to_json()
    assert skipped.get("skipped") and skipped["citation"]["coded_at"]


def test_every_enrichment_field_is_in_the_event_json(pipeline):
    record = pipeline.code(Article("a1", TEXT, published=dt.date(2020, 8, 16))).to_json()
    assert {"tone", "quotes", "citation"} <= set(record)
    event = record["events"][0]
    assert {"id", "location", "dead", "injured", "arrested", "money", "quote", "tone",
            "contexts"} <= set(event)
    assert set(event["location"]) == {"text", "start", "end", "name", "country", "admin1", "lat", "lon",
                                      "geonames_id", "feature", "how"}


def test_the_store_keeps_every_enrichment_column(tmp_path):
    from pathlib import Path

    from eventwire.faces import cli
    from eventwire.store import Store

    db = tmp_path / "s.duckdb"
    seed = Path(__file__).parents[1] / "examples" / "seed-belarus.jsonl"
    assert cli.main(["code", str(seed), "--store", str(db)]) == 0
    with Store(db, read_only=True) as store:
        _, rows = store.sql("SELECT event_uid, place_country, feature, lat, lon, arrested, tone, contexts "
                            "FROM events WHERE cameo = '173'")
        _, (article,) = store.sql("SELECT tone, quotes, record FROM articles")
    [(uid, country, feature, lat, lon, arrested, event_tone, contexts)] = rows
    assert uid.startswith("ev-") and (country, feature, arrested) == ("BLR", "country", 6700)
    assert lat and lon and event_tone is not None and "repression" in contexts
    assert article[0] is not None and json.loads(article[1]) and json.loads(article[2])["citation"]
