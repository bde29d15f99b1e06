"""The DuckDB store: idempotence, crash safety, stories, cross-article merging, queries and exports."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED, event_rows, hears_ctrl_c
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import StoreError, UsageError
from eventwire.options import Options
from eventwire.run import RunReport, run
from eventwire.store import Store
from eventwire.store.export import export, gdelt_columns
from eventwire.store.query import Filters, build_query
from eventwire.stories import EventRow, chains_to_reopen, merge_events

EXAMPLES = Path(__file__).parents[1] / "examples"

WIRE = ("Kenyan police arrested 30 opposition supporters in Nairobi on Monday after they marched on "
        "parliament to protest against new taxes, a police spokesman said. The protesters had gathered "
        "outside the central bank before moving towards the assembly, where officers fired tear gas. "
        "Opposition leader Raila Odinga condemned the arrests and demanded the release of all "
        "detainees. The finance ministry said the taxes were needed to pay the country's debts.")


def rewrite(outlet: str, intro: str) -> dict:
    text = f"{intro} " + WIRE.replace("a police spokesman said", f"a police spokesman told {outlet}")
    return {"id": f"{outlet.lower().replace(' ', '-')}-1", "text": text, "outlet": outlet,
            "published": "2024-07-02"}


COPIES = [rewrite("Daily Nation", "NAIROBI (Wire) -"), rewrite("The Standard", "From our wire service:"),
          rewrite("Capital FM", "Reported by wire agencies.")]
INDEPENDENT = {"id": "star-1", "outlet": "The Star", "published": "2024-07-03", "text": (
    "In Nairobi, dozens of officers moved in on Monday against a crowd of government critics. Kenyan "
    "police arrested 30 opposition supporters, according to witnesses, and took them to a station "
    "in the city centre. Several of those held were student leaders, their families said.")}


def code_into(db, inputs, pipeline, **options) -> RunReport:
    return run([str(i) for i in inputs], Options(store=str(db), **options), pipeline)


def counts(path):
    with Store(path, read_only=True) as store:
        return {t: store.sql(f"SELECT count(*) FROM {t}")[1][0][0]
                for t in ("articles", "events", "mentions", "actors", "merged_events", "merged_members")}


def merged_table(path):
    with Store(path, read_only=True) as store:
        return store.sql("SELECT * FROM merged_events ORDER BY merged_id")[1], \
            store.sql("SELECT * FROM merged_members ORDER BY merged_id, event_id")[1]


def test_coding_the_same_input_twice_adds_nothing(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    first_run = code_into(db, [EXAMPLES], pipeline)
    first = counts(db)
    assert first_run.stored == first["articles"] == 4 and first["events"] > 10
    again = code_into(db, [EXAMPLES], pipeline)
    assert (again.known, again.stored, again.coded) == (4, 0, 0) and counts(db) == first


def test_batches_merge_as_a_full_rebuild_would(tmp_path, pipeline):
    one_by_one, at_once = tmp_path / "one.duckdb", tmp_path / "all.duckdb"
    code_into(one_by_one, [EXAMPLES], pipeline, batch_size=1)
    code_into(at_once, [EXAMPLES], pipeline, batch_size=50)
    assert merged_table(one_by_one) == merged_table(at_once)
    with Store(one_by_one) as store:
        with store.transaction():
            store.rebuild_merged()
        assert store.stale_events() == 0
    assert merged_table(one_by_one) == merged_table(at_once)


EVENT_ROWS = event_rows(last_day=30)


def add_rows(store: Store, batch: list[EventRow]) -> None:
    """The events (and their articles) as the merge reads them back, without coding anything."""
    for row in batch:
        store.db.execute("INSERT INTO articles (id, outlet, story_id, seq) SELECT ?, ?, ?, 0 "
                         "WHERE ? NOT IN (SELECT id FROM articles)",
                         [row.article_id, row.outlet, row.story_id, row.article_id])
        store.db.execute("INSERT INTO events (event_id, article_id, type, root, source_codes, target_codes, "
                         "date, num_mentions, cameo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [row.event_id, row.article_id, row.type, row.root, list(row.source),
                          list(row.target), row.date, row.mentions, row.cameo])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(EVENT_ROWS, max_size=8), max_size=6), st.sets(st.integers(1, 5)))
def test_the_store_merges_batch_by_batch_as_merging_everything(tmp_path, batches, reopened_before):
    """What the store hands the incremental merge (its in-memory chain spans, kept up to date batch
    by batch, read again when the store is opened again) gives what merging everything gives."""
    db, seen, everything = tmp_path / f"m{len(list(tmp_path.iterdir()))}.duckdb", set(), []
    store = Store(db)
    for number, batch in enumerate(batches):
        if number in reopened_before:
            store.close()
            store = Store(db)
        batch = list({row.event_id: row for row in batch if row.event_id not in seen}.values())
        seen.update(row.event_id for row in batch)
        everything += batch
        with store.transaction():
            add_rows(store, batch)
            reopened = chains_to_reopen(store.merged_spans(batch), batch)
            store.replace_merged(reopened, merge_events(store.take_chain_members(reopened) + batch))
    members = store.sql("SELECT merged_id, event_id FROM merged_members ORDER BY merged_id, event_id")[1]
    store.close()
    expected = sorted((m.merged_id, r.event_id) for m in merge_events(everything) for r in m.members)
    assert members == expected


def test_a_run_killed_with_sigkill_completes_on_rerun(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with open(corpus, "w") as handle:
        for n in range(60):
            handle.write(json.dumps({"id": f"a{n}", "text": f"Report {n}. " + WIRE}) + "\n")
    db = tmp_path / "k.duckdb"
    command = [sys.executable, "-m", "eventwire", "code", str(corpus), "--store", str(db),
               "--batch-size", "4", "-o", os.devnull]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if "stored in" in line and not line.startswith("eventwire: 4 "):
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL
    partial = counts(db)
    assert 0 < partial["articles"] < 60
    assert partial["merged_members"] == partial["events"]  # merged in the batch's own transaction
    subprocess.run(command, check=True, capture_output=True)
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.sql("SELECT id FROM articles")[1]]
        assert sorted(ids) == sorted(f"a{n}" for n in range(60))
        events = store.sql("SELECT count(*), count(DISTINCT event_id) FROM events")[1][0]
        assert events[0] == events[1] == 60 * store.sql(
            "SELECT count(*) FROM events WHERE article_id = 'a0'")[1][0][0]
        assert store.stale_events() == 0


def test_ctrl_c_finishes_or_drops_the_batch_prints_the_summary_and_exits_130(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"c{n}", "text": f"Update {n}. " + WIRE}) + "\n"
                              for n in range(200)))
    db = tmp_path / "c.duckdb"
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "code", str(corpus), "--store",
                                str(db), "--batch-size", "5", "-o", os.devnull],
                               stderr=subprocess.PIPE, text=True, preexec_fn=hears_ctrl_c)
    lines = []
    for line in process.stderr:
        lines.append(line)
        if "stored in" in line:
            process.send_signal(signal.SIGINT)
            break
    lines += process.stderr.readlines()
    assert process.wait() == 130, lines
    assert "Traceback" not in "".join(lines)
    assert lines[-1].startswith("eventwire: interrupted: ") and "articles coded" in lines[-1], lines
    stored = counts(db)
    assert 0 < stored["articles"] < 200 and stored["articles"] % 5 == 0
    assert stored["merged_members"] == stored["events"]


def test_reads_in_another_process_see_committed_batches_while_a_run_writes(tmp_path):
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"r{n}", "text": f"Bulletin {n}. " + WIRE}) + "\n"
                              for n in range(80)))
    db = tmp_path / "busy.duckdb"
    writer = subprocess.Popen([sys.executable, "-m", "eventwire", "code", str(corpus), "--store", str(db),
                               "--batch-size", "4", "-o", os.devnull], stderr=subprocess.PIPE, text=True)
    seen = []
    while writer.poll() is None:
        if db.exists():
            with Store(db, read_only=True) as store:  # waits briefly while a batch commits
                seen.append(store.sql("SELECT count(*) FROM articles")[1][0][0])
                assert store.stale_events() == 0
    writer.stderr.read()
    assert writer.returncode == 0
    during = [n for n in seen if 0 < n < 80]
    assert during and during == sorted(during) and all(n % 4 == 0 for n in during)
    assert counts(db)["articles"] == 80


def test_a_store_of_the_old_layout_opens_and_is_brought_up_to_date(tmp_path, pipeline):
    import duckdb

    from eventwire.store.database import MIGRATIONS

    new, old = tmp_path / "new.duckdb", tmp_path / "old.duckdb"
    code_into(new, [EXAMPLES], pipeline)
    with duckdb.connect(str(old)) as db:  # what an older eventwire left: merged tables never rebuilt
        db.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        db.execute(MIGRATIONS[0][1])
        db.execute("INSERT INTO migrations VALUES ('001_core', current_timestamp)")
        db.execute(f"ATTACH '{new}' AS new (READ_ONLY)")
        for table in ("articles", "events", "mentions", "actors"):  # the columns the old layout had
            columns = ", ".join(r[0] for r in db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND "
                "table_catalog = 'old' ORDER BY ordinal_position", [table]).fetchall())
            db.execute(f"INSERT INTO {table} SELECT {columns} FROM new.{table}")
        db.execute("UPDATE articles SET story_id = 'stale', signature = NULL")
    with Store(old, read_only=True) as store:
        assert store.pending_migrations() == [name for name, _ in MIGRATIONS[1:]]
        assert store.stale_events() == counts(new)["events"]
    with Store(old) as store:
        assert store.pending_migrations() == [] and store.stale_events() == 0
    assert merged_table(old) == merged_table(new)


def test_a_store_with_list_signatures_migrates_and_its_founders_still_gather_copies(tmp_path, pipeline):
    import duckdb

    first, last = tmp_path / "first.jsonl", tmp_path / "last.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in [COPIES[0], INDEPENDENT]) + "\n")
    last.write_text("\n".join(json.dumps(r) for r in COPIES[1:]) + "\n")
    db = tmp_path / "old.duckdb"
    code_into(db, [first], pipeline)
    with duckdb.connect(str(db)) as old:  # the layout before 004_signature_array
        before = dict(old.execute("SELECT id, signature FROM articles").fetchall())
        old.execute("ALTER TABLE articles ALTER COLUMN signature TYPE UBIGINT[]")
        old.execute("DELETE FROM migrations WHERE name = '004_signature_array'")
    with Store(db) as store:
        assert store.pending_migrations() == []
        assert dict(store.sql("SELECT id, signature FROM articles")[1]) == before
        assert store.sql("SELECT typeof(signature) FROM articles LIMIT 1")[1] == [("UBIGINT[128]",)]
    code_into(db, [last], pipeline)
    with Store(db, read_only=True) as store:
        stories = dict(store.sql("SELECT id, story_id FROM articles")[1])
    assert stories["the-standard-1"] == stories["capital-fm-1"] == "daily-nation-1" != stories["star-1"]


def test_a_store_without_member_fields_migrates_and_merges_later_batches_as_a_fresh_one(tmp_path, pipeline):
    import duckdb

    first, last = tmp_path / "first.jsonl", tmp_path / "last.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in [COPIES[0], INDEPENDENT]) + "\n")
    last.write_text("\n".join(json.dumps(r) for r in COPIES[1:]) + "\n")
    db, fresh = tmp_path / "old.duckdb", tmp_path / "fresh.duckdb"
    code_into(db, [first], pipeline)
    before = merged_table(db)
    fields = "article_id, date, num_mentions, outlet, story_id, cameo"
    with duckdb.connect(str(db)) as old:  # the layout before 005_member_fields
        for column in fields.split(", "):
            old.execute(f"ALTER TABLE merged_members DROP COLUMN {column}")
        old.execute("DELETE FROM migrations WHERE name = '005_member_fields'")
    with Store(db) as store:
        assert store.pending_migrations() == []
        filled = store.sql(f"SELECT {fields} FROM merged_members ORDER BY event_id")[1]
        derived = store.sql("SELECT e.article_id, e.date, e.num_mentions, coalesce(a.outlet, a.url, "
                            "a.source_path, a.id), a.story_id, e.cameo FROM events e JOIN articles a "
                            "ON a.id = e.article_id ORDER BY e.event_id")[1]
    assert merged_table(db) == before and filled == derived
    assert {row[3] for row in filled} == {"Daily Nation", "The Star"} and all(r[0] and r[5] for r in filled)
    code_into(db, [last], pipeline)
    code_into(fresh, [first], pipeline)
    code_into(fresh, [last], pipeline)
    assert merged_table(db) == merged_table(fresh)
    counted = [row[8:12] for row in merged_table(db)[0]]  # mentions, outlets, articles, stories
    assert (4, 4, 4, 2) in counted and (3, 3, 3, 1) in counted  # read back: outlets and stories kept


def test_story_founders_share_the_very_keys_looked_up_not_only_their_leading_bits(tmp_path):
    from eventwire.stories import Report, band_keys

    wire, other = Report.of("wire-1", WIRE), Report.of("other-1", INDEPENDENT["text"])
    big_seq = 2**40  # the index keeps 63 - 41 leading bits of each key
    wanted = band_keys(wire.signature)[:3]
    alike = [(key >> 41 << 41) | ((key + 1) & (2**41 - 1)) for key in wanted]  # same leading bits
    with Store(tmp_path / "bands.duckdb") as store, store.transaction():
        for report, seq in ((wire, big_seq), (other, 7)):
            store.db.execute("INSERT INTO articles (id, signature, facts, seq) VALUES (?, ?, ?, ?)",
                             [report.article_id, report.signature, report.facts, seq])
        rows = [[key, big_seq] for key in band_keys(wire.signature)] + \
            [[key, 7] for key in band_keys(other.signature) + alike]
        store.db.executemany("INSERT INTO story_bands VALUES (?, ?)", rows)
        founders = store.story_founders(wanted + [band_keys(other.signature)[5]])
    assert sorted((f.article_id, f.keys) for f in founders) == [
        ("other-1", (band_keys(other.signature)[5],)), ("wire-1", tuple(wanted))]


def test_rewrites_form_one_story_and_count_as_one_independent_source(tmp_path, pipeline):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [*COPIES, INDEPENDENT]) + "\n")
    db = tmp_path / "n.duckdb"
    assert code_into(db, [corpus], pipeline).stored == 4
    with Store(db, read_only=True) as store:
        stories = dict(store.sql("SELECT id, story_id FROM articles")[1])
        assert stories["daily-nation-1"] == stories["the-standard-1"] == stories["capital-fm-1"]
        assert stories["star-1"] != stories["daily-nation-1"]
        overlap = store.sql("SELECT story_overlap FROM articles WHERE id = 'capital-fm-1'")[1][0][0]
        assert 0.5 < overlap < 1.0
        arrests = store.sql("SELECT num_sources, num_articles, num_independent_sources, num_mentions "
                            "FROM merged_events WHERE cameo = '173'")[1]
        assert (4, 4, 2) in [row[:3] for row in arrests]
        listed = store.sql("SELECT articles FROM stories ORDER BY articles DESC")[1]
    assert listed[0][0] == 3


def test_copies_alone_give_three_sources_one_independent(tmp_path, pipeline):
    corpus = tmp_path / "copies.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in COPIES) + "\n")
    db = tmp_path / "c.duckdb"
    code_into(db, [corpus], pipeline)
    with Store(db, read_only=True) as store:
        row = store.sql("SELECT num_sources, num_independent_sources FROM merged_events "
                        "WHERE cameo = '173'")[1]
    assert row == [(3, 1)]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    assert code_into(db, [EXAMPLES / "seed-belarus.jsonl"], pipeline).stored == 1
    return db


def query(db, **filters):
    with Store(db, read_only=True) as store:
        columns, rows = store.sql(*build_query(Filters(**filters)))
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_query_filters_find_the_seed_dyads(seed_store):
    rows = query(seed_store, source="RUS", type="agree")
    assert rows and all(r["source"].startswith("RUS") for r in rows)
    assert any(r["target"].startswith("BLR") for r in rows)
    cameos = [r["cameo"] for r in query(seed_store, cameo="17")]
    assert "173" in cameos and all(c.startswith("17") for c in cameos)
    assert len(query(seed_store, actor="LTU", merged=True, since="2020-08-15", until="2020-08-15")) > 1


def test_a_filter_date_that_is_no_date_is_a_usage_error():
    with pytest.raises(UsageError, match="--since wants a date") as caught:
        build_query(Filters(since="notadate"))
    assert "SELECT" not in str(caught.value)


@pytest.mark.parametrize("statement", [
    "DELETE FROM events", "DROP TABLE articles",
    "INSERT INTO merged_members (merged_id, event_id) VALUES (1, 'x')",
    "COPY events TO '/tmp/eventwire-leak.csv'", "ATTACH '/tmp/eventwire-other.duckdb' AS other",
    "SET enable_external_access = true"])
def test_user_sql_can_never_write(seed_store, statement):
    before = counts(seed_store)
    with Store(seed_store, read_only=True) as store, pytest.raises(StoreError) as caught:
        store.sql(statement, timeout_s=10)
    assert "\n" not in str(caught.value)
    assert counts(seed_store) == before
    assert not Path("/tmp/eventwire-leak.csv").exists()


def test_user_sql_stops_at_the_time_limit(seed_store):
    with Store(seed_store, read_only=True) as store:
        with pytest.raises(StoreError, match="time limit of 0.5 s"):
            store.sql("SELECT count(*) FROM range(100000000) a, range(100000000) b", timeout_s=0.5)
        assert store.sql("SELECT count(*) FROM events", timeout_s=5)[1][0][0] > 10  # still usable


def _header(table: str) -> list[str]:
    names = [name for name, _ in gdelt_columns(table)]
    shared = SHARED / "peers" / "gdelt2HeaderRows" / "schema_csvs"
    if shared.exists():  # the codebook's own header rows, where this checkout has them
        if table == "events":
            with open(shared / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv") as handle:
                assert names == [row[0] for row in list(csv.reader(handle))[1:]]
        else:
            lines = (shared / "GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv"
                     ).read_text().splitlines()[1:17]
            assert names == [line.split("\t")[1] for line in lines]
    return names


@pytest.mark.parametrize("table,width", [("events", 61), ("mentions", 16)])
def test_gdelt_exports_load_back_with_codebook_columns_and_types(seed_store, tmp_path, table, width):
    import duckdb

    out = tmp_path / f"{table}.tsv"
    with Store(seed_store, read_only=True) as store, open(out, "w", encoding="utf-8") as handle:
        assert export(store, f"gdelt-{table}", handle, str(out)) > 0
    names = _header(table)
    types = dict(gdelt_columns(table))
    columns = "{" + ", ".join(f"'{n}': '{types[n]}'" for n in names) + "}"
    loaded = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\\t', header=false, "
                        f"quote='', escape='', columns={columns})")
    assert loaded.columns == names and len(loaded.columns) == width
    rows = loaded.fetchall()
    assert rows
    if table == "events":
        first = dict(zip(names, rows[0], strict=True))
        assert isinstance(first["SQLDATE"], int) and str(first["SQLDATE"]).startswith("2020")
        assert first["EventRootCode"] == first["EventCode"][:2]
        assert first["QuadClass"] in (1, 2, 3, 4) and isinstance(first["AvgTone"], float)
        assert all(r[names.index("NumArticles")] >= 1 for r in rows)


def test_jsonl_and_parquet_exports(seed_store, tmp_path):
    import io

    import duckdb

    with Store(seed_store, read_only=True) as store:
        out = io.StringIO()
        assert export(store, "jsonl", out, None) == 1
    assert json.loads(out.getvalue().splitlines()[0])["id"] == "seed-belarus-2020"
    parquet = tmp_path / "events.parquet"
    with Store(seed_store, read_only=True, allow_files=True) as store:
        assert export(store, "parquet", None, str(parquet)) > 10
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] > 10
