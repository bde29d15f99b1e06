"""Exports: GDELT TSV that every reader splits the same way, with geography and tone filled; compound
actors as one row per pair; web URLs only; PLOVER records in the manual's field names."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED

from eventwire.faces import cli
from eventwire.store.export import gdelt_columns

EXAMPLES = Path(__file__).parents[1] / "examples"
WIDTH = {"events": 61, "mentions": 16}
NASTY = {"id": "nasty-1", "url": "https://example.org/a?b=\"c\"\r\n\tx\\y\u2028z",
         "outlet": "Odd\rOutlet\t\"Q\"\\",
         "title": "T\u0085itle", "published": "2024-05-02",
         "text": "Kenyan troops attacked Somali militants in Kismayo on Friday, officials said."}
LOCAL = {"id": "local-1", "published": "2024-05-02",
         "text": "Latvia and Lithuania imposed sanctions on Belarusian officials on Friday."}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    extra = folder / "extra.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in (NASTY, LOCAL)) + "\n", encoding="utf-8")
    db = folder / "s.duckdb"
    assert cli.main(["code", str(EXAMPLES), str(extra), "--store", str(db), "--format", "jsonl",
                     "-o", str(folder / "out.jsonl")]) == 0
    return db


def exported(store: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"{fmt}.out"
    assert cli.main(["export", "--store", str(store), "--format", fmt, "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("table", ["events", "mentions"])
def test_every_reader_sees_the_codebook_width_on_every_row(store, tmp_path, table):
    import duckdb

    path = exported(store, f"gdelt-{table}", tmp_path)
    raw = path.read_bytes().decode("utf-8")
    lines = raw.split("\n")[:-1]
    assert lines and raw.endswith("\n") and len(raw.splitlines()) == len(lines)
    assert "\\\\" not in raw and '"' not in raw  # nothing backslash-escaped, no quoting
    if table == "mentions":
        assert "\tOdd Outlet 'Q'\\\t" in raw  # the outlet's own backslash, as it was
    with open(path, newline="", encoding="utf-8") as handle:
        for dialect in ({"quoting": csv.QUOTE_NONE}, {}):
            handle.seek(0)
            rows = list(csv.reader(handle, delimiter="\t", **dialect))
            assert len(rows) == len(lines) and {len(r) for r in rows} == {WIDTH[table]}
    for options in ("quote='', escape=''", "quote='\"'"):
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(WIDTH[table]))
        loaded = duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\\t', header=false, {options}, "
                            f"auto_detect=false, columns={{{columns}}})")
        assert len(loaded.fetchall()) == len(lines)
    if shutil.which("awk"):
        widths = subprocess.run(["awk", "-F", "\t", "{print NF}", str(path)], capture_output=True,
                                text=True, check=True).stdout.split()
        assert set(widths) == {str(WIDTH[table])} and len(widths) == len(lines)


def _rows(store: Path, tmp_path: Path, table: str = "events") -> list[dict[str, str]]:
    names = [name for name, _ in gdelt_columns(table)]
    path = exported(store, f"gdelt-{table}", tmp_path)
    with open(path, newline="", encoding="utf-8") as handle:
        return [dict(zip(names, row, strict=True))
                for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_geography_and_tone_are_filled_on_the_examples(store, tmp_path):
    rows = _rows(store, tmp_path)
    action = [c for c in rows[0] if c.startswith("ActionGeo_") and c != "ActionGeo_ADM2Code"]
    empty = {c: sum(1 for r in rows if not r[c]) for c in (*action, "AvgTone")}
    assert empty == dict.fromkeys(empty, 0), empty
    for side in ("Actor1", "Actor2"):
        with_actor = [r for r in rows if r[f"{side}Code"]]
        assert with_actor and sum(1 for r in with_actor if not r[f"{side}Geo_Type"]) == 0
    for row in rows:
        assert row["ActionGeo_Type"] in "12345" and re.fullmatch(r"[A-Z]{2}", row["ActionGeo_CountryCode"])
        assert row["ActionGeo_ADM1Code"].startswith(row["ActionGeo_CountryCode"])
        assert -90 <= float(row["ActionGeo_Lat"]) <= 90 and -180 <= float(row["ActionGeo_Long"]) <= 180
        assert -100 <= float(row["AvgTone"]) <= 100


def test_fips_codes_as_the_codebook_defines_them(store, tmp_path):
    kismayo = [r for r in _rows(store, tmp_path) if "Kismayo" in r["ActionGeo_FullName"]]
    assert kismayo and kismayo[0]["ActionGeo_CountryCode"] == "SO" and kismayo[0]["ActionGeo_Type"] == "4"
    belarus = [r for r in _rows(store, tmp_path) if r["ActionGeo_FullName"] == "Belarus"]
    assert belarus and {r["ActionGeo_CountryCode"] for r in belarus} == {"BO"}  # ISO would be BY


def test_compound_actors_give_one_row_per_pair(store, tmp_path):
    rows = _rows(store, tmp_path)
    sanctions = [r for r in rows if r["EventRootCode"] == "16" and r["Actor2Code"] == "BLRGOV"
                 and r["Actor1Code"] in ("LVAGOV", "LTUGOV")]
    assert {r["Actor1Code"] for r in sanctions} == {"LVAGOV", "LTUGOV"}
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    assert {r["Actor1Name"] for r in sanctions} == {"Latvia", "Lithuania"}


def test_source_url_is_a_web_address_or_empty(store, tmp_path):
    rows = _rows(store, tmp_path)
    assert all(r["SOURCEURL"] == "" or r["SOURCEURL"].startswith("https://") for r in rows)
    assert any(r["SOURCEURL"].startswith("https://example.org/") for r in rows)
    mentions = _rows(store, tmp_path, "mentions")
    assert all(m["MentionType"] in ("1", "2") for m in mentions)
    assert not any("/" in m["MentionIdentifier"] and not m["MentionIdentifier"].startswith("https://")
                   for m in mentions)


# -- PLOVER -----------------------------------------------------------------------------------------
OWN_FIELDS = {  # the manual's "PLOVER JSON" table, its size object and (nested) its other objects
    "record": {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
               "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
               "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment",
               "dead", "injured", "arrested"},
    "entity": {"code", "sector", "entity_text", "identifier_id", "identifier_text", "religion",
               "ethnicity", "office", "gender", "age"},
    "text_info": {"sequence", "start", "end", "text_story"},
    "cite_info": {"corpus", "citation", "url", "title", "language", "publication", "license",
                  "copyright", "coder", "codebook", "version"},
    "event_loc": {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district",
                  "province", "country", "country_code", "feature_class", "feature_code", "resolution"},
}
REQUIRED = {"id", "date", "actor", "event"}


def manual_fields(tex: str) -> dict[str, set[str]]:
    """Field names of the manual's tables in its "Data Fields" chapter, by table caption."""
    chapter = tex[tex.index("\\chapter{Data Fields}"):]
    tables = {}
    for table in re.findall(r"\\begin\{table\}.*?\\end\{table\}", chapter, re.S):
        caption = re.search(r"\\caption\{([^}]*)", table).group(1)
        names = re.findall(r"^\s*([a-z][a-z\\_]*)\s*&", table, re.M)
        tables[caption.strip()] = {n.replace("\\_", "_") for n in names if n != "name"}
    return tables


def _check(records: list[dict], fields: dict[str, set[str]]) -> None:
    assert records
    for record in records:
        assert set(record) <= fields["record"] and set(record) >= REQUIRED
        assert record["event"] and record["actor"] is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", record["date"])
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) <= fields["entity"]
        assert set(record["text_info"]) <= fields["text_info"]
        assert set(record["cite_info"]) <= fields["cite_info"]
        if record["event_loc"]:
            assert set(record["event_loc"]) <= fields["event_loc"]


def test_plover_export_uses_only_the_manual_s_fields(store, tmp_path):
    records = [json.loads(line) for line in exported(store, "plover", tmp_path).read_text().splitlines()]
    _check(records, OWN_FIELDS)
    assert any(r["arrested"] == 6700 for r in records)
    assert all(r["event_loc"] for r in records)


def test_plover_export_against_the_manual_itself(store, tmp_path):
    manual = SHARED / "peers" / "PLOVER" / "PLOVER_manual.tex"
    if not manual.exists():
        pytest.skip(f"{manual} is not here")
    tables = manual_fields(manual.read_text(encoding="utf-8"))
    fields = {"record": tables["PLOVER JSON"] | tables["Information object for size"],
              "entity": tables["Information object for entities"],
              "text_info": tables["Information object for text"],
              "cite_info": tables["Information object for citations"],
              "event_loc": next(v for k, v in tables.items() if k.startswith("Location object"))}
    assert fields == OWN_FIELDS  # our own list is the manual's
    records = [json.loads(line) for line in exported(store, "plover", tmp_path).read_text().splitlines()]
    _check(records, fields)
