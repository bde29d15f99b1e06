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
from conftest import SHARED

from eventwire.faces import cli
from eventwire.store import Store
from eventwire.store.export import gdelt_columns

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


def code(capsys, *argv):
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def counts(path):
    with Store(path, read_only=True) as store:
        return {t: store.sql(f"SELECT count(*) FROM {t}")[1][0][0]
                for t in ("articles", "events", "mentions", "actors")}


def test_coding_the_same_input_twice_adds_nothing(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    assert code(capsys, "code", str(EXAMPLES), "--store", str(db))[0] == 0
    first = counts(db)
    assert first["articles"] == 4 and first["events"] > 10
    status, out, err = code(capsys, "code", str(EXAMPLES), "--store", str(db), "--format", "jsonl")
    assert status == 0 and counts(db) == first
    assert "4 already stored" in err
    assert any(json.loads(line)["id"] == "seed-belarus-2020" for line in out.splitlines())


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
    partial = counts(db)["articles"]
    assert 0 < partial < 60
    subprocess.run(command, check=True, capture_output=True)
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.sql("SELECT id FROM articles")[1]]
        assert sorted(ids) == sorted(f"a{n}" for n in range(60))
        events = store.sql("SELECT count(*), count(DISTINCT event_id) FROM events")[1][0]
        assert events[0] == events[1] == 60 * store.sql(
            "SELECT count(*) FROM events WHERE article_id = 'a0'")[1][0][0]


def test_rewrites_form_one_story_and_count_as_one_independent_source(tmp_path, capsys):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [*COPIES, INDEPENDENT]) + "\n")
    db = tmp_path / "n.duckdb"
    assert code(capsys, "code", str(corpus), "--store", str(db))[0] == 0
    with Store(db, read_only=True) as store:
        stories = dict(store.sql("SELECT id, story_id FROM articles")[1])
        assert stories["daily-nation-1"] == stories["the-standard-1"] == stories["capital-fm-1"]
        assert stories["star-1"] != stories["daily-nation-1"]
        overlap = store.sql("SELECT story_overlap FROM articles WHERE id = 'capital-fm-1'")[1][0][0]
        assert 0.5 < overlap < 1.0
        arrests = store.sql("SELECT num_sources, num_articles, num_independent_sources, num_mentions "
                            "FROM merged_events WHERE cameo = '173'")[1]
    assert (4, 4, 2) in [row[:3] for row in arrests]
    status, out, _ = code(capsys, "stories", "--store", str(db), "--format", "csv")
    assert status == 0 and list(csv.reader(out.splitlines()))[1][1] == "3"


def test_copies_alone_give_three_sources_one_independent(tmp_path, capsys):
    corpus = tmp_path / "copies.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in COPIES) + "\n")
    db = tmp_path / "c.duckdb"
    code(capsys, "code", str(corpus), "--store", str(db))
    with Store(db, read_only=True) as store:
        row = store.sql("SELECT num_sources, num_independent_sources FROM merged_events "
                        "WHERE cameo = '173'")[1]
    assert row == [(3, 1)]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    assert cli.main(["code", str(EXAMPLES / "seed-belarus.jsonl"), "--store", str(db),
                     "-o", os.devnull]) == 0
    return db


def test_query_filters_find_the_seed_dyads(seed_store, capsys):
    status, out, _ = code(capsys, "query", "--store", str(seed_store), "--source", "RUS",
                          "--type", "agree", "--format", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and rows and all(r["source"].startswith("RUS") for r in rows)
    assert any(r["target"].startswith("BLR") for r in rows)
    _, out, _ = code(capsys, "query", "--store", str(seed_store), "--cameo", "17", "--format", "json")
    cameos = [json.loads(line)["cameo"] for line in out.splitlines()]
    assert "173" in cameos and all(c.startswith("17") for c in cameos)
    _, out, _ = code(capsys, "query", "--store", str(seed_store), "--actor", "LTU", "--merged",
                     "--since", "2020-08-15", "--until", "2020-08-15", "--format", "csv")
    assert len(out.splitlines()) > 2


@pytest.mark.parametrize("statement", [
    "DELETE FROM events", "DROP TABLE articles", "INSERT INTO merged_members VALUES (1, 'x')",
    "COPY events TO '/tmp/eventwire-leak.csv'", "ATTACH '/tmp/eventwire-other.duckdb' AS other",
    "SET enable_external_access = true"])
def test_user_sql_can_never_write(seed_store, capsys, statement):
    before = counts(seed_store)
    status, _, err = code(capsys, "query", "--store", str(seed_store), "--sql", statement)
    assert status == 1 and "eventwire:" in err
    assert counts(seed_store) == before
    assert not Path("/tmp/eventwire-leak.csv").exists()


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
    assert cli.main(["export", "--store", str(seed_store), "--format", f"gdelt-{table}",
                     "-o", str(out)]) == 0
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


def test_jsonl_and_parquet_exports(seed_store, tmp_path, capsys):
    import duckdb

    status, out, _ = code(capsys, "export", "--store", str(seed_store), "--format", "jsonl")
    assert status == 0 and json.loads(out.splitlines()[0])["id"] == "seed-belarus-2020"
    parquet = tmp_path / "events.parquet"
    assert cli.main(["export", "--store", str(seed_store), "--format", "parquet",
                     "-o", str(parquet)]) == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] > 10
