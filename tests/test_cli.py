"""The command line on good and bad input: one clear line per bad input, the rest still coded."""

import json
from pathlib import Path

import pytest
from conftest import hears_ctrl_c

from eventwire.faces import cli
from eventwire.text import nlp


def run(capsys, *argv):
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_code_jsonl_writes_the_contract_records(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    text = "Japanese police arrested 12 activists in Tokyo on Monday."
    source.write_text(json.dumps({"id": "a1", "text": text, "published": "2022-02-02"}) + "\n")
    status, out, _ = run(capsys, "code", str(source), "--format", "jsonl")
    assert status == 0
    record = json.loads(out)
    assert record["id"] == "a1"
    event = record["events"][0]
    for key in ("type", "cameo", "source", "target", "sentence", "start", "end", "mode", "goldstein",
                "quad_class", "date_precision", "mentions", "attributed_to", "certainty", "confidence"):
        assert key in event
    for actor in event["source"] + event["target"]:
        assert text[actor["start"]:actor["end"]] == actor["text"]


def _mixed_folder(folder):
    """Good files of every kind beside one file of every kind of bad input."""
    import gzip
    from pathlib import Path
    pages = Path(__file__).parent / "pages"
    good = {
        "good.txt": b"Kenyan troops attacked rebel camps in Somalia on Friday.\n",
        "page.html": (pages / "daily-planet.html").read_bytes(),
        "feed.rss": (pages / "world-feed.rss").read_bytes(),
        "records.jsonl": b'{"id": "x", "text": "Chad expelled the French ambassador."}\n{not json\n'
                         b'{"id": "y", "title": "no text here"}\n',
        "long.txt": ("the minister said that the talks would go on and " * 2000).encode()
                    + b"police arrested protesters",
        "controls.txt": b"Mali\x07 troops\x1b attacked a convoy near Gao.",
        "wire.txt.gz": gzip.compress(b"Turkish police detained 12 journalists in Istanbul."),
    }
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02" * 50,
        "encoding.txt": bytes(range(128, 256)) * 4,
        "nomain.html": b"<html><body><nav>Home</nav></body></html>",
        "truncated.txt.gz": gzip.compress(b"Kenya said talks failed." * 100)[:40],
        "truncated.warc": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nHTTP/1.1 200",
        "huge.txt": b"Iran warned Israel. " * 10000,
    }
    for name, data in {**good, **bad}.items():
        (folder / name).write_bytes(data)
    return good, bad


def test_every_bad_input_is_reported_once_and_the_rest_coded(tmp_path, capsys):
    _, bad = _mixed_folder(tmp_path)
    missing = tmp_path / "nope.txt"
    status, out, err = run(capsys, "code", str(tmp_path), str(missing), "--max-bytes", "150000")
    assert status == 2
    lines = [line for line in err.splitlines() if "inputs failed" not in line and "stored in" not in line
             and "articles/s" not in line]  # a slow machine also prints periodic progress lines
    for name in [*bad, "nope.txt"]:
        assert sum(name in line for line in lines) == 1, name
    assert any("records.jsonl:2" in line and "not valid JSON" in line for line in lines)
    assert any("records.jsonl:3" in line and "no 'text'" in line for line in lines)
    assert "Traceback" not in err
    assert len(lines) == len(bad) + 3
    for name in ("good.txt", "page.html", "long.txt", "controls.txt", "wire.txt.gz"):
        assert name in out
    assert "== x" in out and "wire-2024-0625-001" in out
    assert "8 articles coded" in err and "10 inputs failed" in err


def test_strict_stops_at_the_first_failure(tmp_path, capsys):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-good.txt").write_text("Kenyan troops attacked rebel camps in Somalia.")
    status, out, err = run(capsys, "code", str(tmp_path), "--strict")
    assert status == 2 and "b-good.txt" not in out


def test_foreign_language_articles_are_skipped_not_coded(tmp_path, capsys):
    (tmp_path / "fr.txt").write_text("Le gouvernement français a annoncé lundi de nouvelles sanctions "
                                     "contre la Russie, selon un porte-parole du ministère.")
    status, out, err = run(capsys, "code", str(tmp_path), "--format", "jsonl")
    assert status == 0
    assert json.loads(out)["skipped"].startswith("not English") and json.loads(out)["events"] == []
    assert "1 skipped" in err


def test_missing_model_is_one_clear_error(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("no_such_model_package",))
    source = tmp_path / "a.txt"
    source.write_text("Text.")
    status, _, err = run(capsys, "code", str(source))
    assert status == 1
    assert "no English spaCy model" in err and "pip install" in err
    assert "Traceback" not in err


def test_explain_shows_trigger_and_drops(capsys):
    status, out, _ = run(capsys, "explain", "Mali's junta did not expel the envoy but condemned France.")
    assert status == 0
    assert "EVENT ACCUSE" in out and "DROPPED" in out and "negated" in out


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "small.duckdb"
    source = db.parent / "in.jsonl"
    source.write_text(json.dumps({"id": "k1", "published": "2024-07-01", "text": (
        "Kenyan police arrested 30 opposition supporters in Nairobi on Monday.")}) + "\n")
    assert cli.main(["code", str(source), "--store", str(db), "-o", "/dev/null"]) == 0
    return db


def bad_inputs(tmp_path):
    """Files a user may hand over by mistake."""
    (tmp_path / "not-json.jsonl").write_text("{nope\n")
    (tmp_path / "no-id.jsonl").write_text(json.dumps({"events": []}) + "\n")
    (tmp_path / "not-a-store.duckdb").write_text("just some text\n")
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "bad.toml").write_text("[run\n")
    return tmp_path


# every subcommand with missing, unwritable and malformed arguments
FAILING = [
    ["code"], ["code", "{t}/a-file", "-o", "/nonexistent/x"], ["code", "{t}/a-file", "--batch-size", "0"],
    ["code", "{t}/a-file", "--max-bytes", "lots"], ["code", "{t}/a-file", "--store", "{t}/a-file/x.duckdb"],
    ["code", "{t}/a-file", "--store", "{t}/not-a-store.duckdb"],
    ["code", "{t}/a-file", "--config", "{t}/bad.toml"],
    ["code", "{t}/a-file", "--config", "{t}/missing.toml"], ["code", "{t}/a-file", "--field", "text"],
    ["code", "{t}/a-file", "--format", "xml"],
    ["query", "--store", "{t}/missing.duckdb"], ["query", "--store", "{t}/not-a-store.duckdb"],
    ["query", "--store", "{db}", "--since", "notadate"],
    ["query", "--store", "{db}", "--until", "2024-13-45"],
    ["query", "--store", "{db}", "--limit", "-1"], ["query", "--store", "{db}", "--sql", "SELEC 1"],
    ["query", "--store", "{db}", "--sql", "SELECT * FROM nowhere"],
    ["query", "--store", "{db}", "--timeout", "0"],
    ["query", "--store", "{db}", "--format", "xml"],
    ["stories", "--store", "{t}/missing.duckdb"], ["stories", "--store", "{db}", "--min-articles", "many"],
    ["export"], ["export", "--store", "{db}", "--format", "parquet"],
    ["export", "--store", "{db}", "--format", "jsonl", "-o", "/nonexistent/x"],
    ["export", "--store", "{db}", "--format", "parquet", "-o", "/nonexistent/x.parquet"],
    ["export", "--store", "{db}", "--format", "gdelt-events", "-o", "{t}/a-file/x"],
    ["export", "--store", "{t}/missing.duckdb", "--format", "jsonl"],
    ["repair", "--store", "{t}/missing.duckdb"], ["repair", "--store", "{t}/not-a-store.duckdb"],
    ["eval", "/no/such/gold.jsonl"], ["eval", "{t}/not-json.jsonl"], ["eval", "{t}/no-id.jsonl"],
    ["eval", "{t}/no-id.jsonl", "--pred", "/no/such.jsonl"], ["eval", "{t}"],
    ["explain"], ["explain", "Rebels attacked.", "--published", "someday"],
    ["frobnicate"], [],
]


@pytest.mark.parametrize("argv", FAILING, ids=lambda argv: " ".join(argv)[:60] or "nothing")
def test_every_bad_argument_is_one_clear_line_and_a_failing_exit(argv, tmp_path, small_store, capsys):
    folder = bad_inputs(tmp_path)
    status = cli.main([a.format(t=folder, db=small_store) for a in argv])
    err = capsys.readouterr().err
    assert status != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("eventwire: ") and "Traceback" not in err, err
    assert "SELECT " not in lines[0] or "SELEC 1" in argv or "nowhere" in " ".join(argv)


def test_query_writes_one_json_array_or_json_lines(small_store, capsys):
    status, out, _ = run(capsys, "query", "--store", str(small_store), "--format", "json")
    records = json.loads(out)
    assert status == 0 and isinstance(records, list) and records[0]["article_id"] == "k1"
    _, out, _ = run(capsys, "query", "--store", str(small_store), "--format", "jsonl")
    assert [json.loads(line) for line in out.splitlines()] == records


def test_an_expensive_query_stops_at_the_timeout_with_one_line(small_store, capsys):
    status, _, err = run(capsys, "query", "--store", str(small_store), "--timeout", "1", "--sql",
                         "SELECT count(*) FROM range(100000000) a, range(100000000) b")
    assert status == 1 and err.strip() == ("eventwire: [E005] query stopped after the time limit of 1 s "
                                           "(--timeout)")


def test_repair_and_exports_of_an_up_to_date_store_say_nothing_stale(small_store, tmp_path, capsys):
    status, _, err = run(capsys, "repair", "--store", str(small_store))
    assert status == 0 and "up to date" in err
    status, out, err = run(capsys, "export", "--store", str(small_store), "--format", "gdelt-events")
    assert status == 0 and "warning" not in err and len(out.splitlines()) >= 1


def test_explain_on_the_seed_article(capsys):
    from pathlib import Path
    seed = Path(__file__).parents[1] / "examples" / "seed-belarus.jsonl"
    status, out, _ = run(capsys, "explain", str(seed))
    assert status == 0
    assert "not coded (caption)" in out and "not coded (reading_time)" in out
    assert "EVENT COERCE 173" in out and "lexicon entry 'arrest'" in out
    assert "frame 'agreed' (decide)" in out
    assert "DROPPED 'threats'" in out and "in the event of" in out


def _wait_for_cpu(pid: int, seconds: float, limit_s: float = 60.0) -> None:
    """Wait until the process has used this much CPU time (read from /proc; a fixed pause elsewhere)."""
    import os
    import time

    stat = f"/proc/{pid}/stat"
    deadline = time.monotonic() + limit_s
    while os.path.exists(stat) and time.monotonic() < deadline:
        fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") >= seconds:
            return
        time.sleep(0.1)
    if not os.path.exists("/proc"):
        time.sleep(3)


def test_ctrl_c_cancels_a_running_query(small_store):
    import signal
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-m", "eventwire", "query", "--store", str(small_store),
                                "--timeout", "600", "--sql",
                                "SELECT count(*) FROM range(100000000) a, range(100000000) b"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=hears_ctrl_c)
    _wait_for_cpu(process.pid, seconds=1.5)  # past the imports: the statement itself is running
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)  # not the 600 s the statement was allowed
    assert process.returncode == 130 and err.strip() == "eventwire: interrupted", (process.returncode, err)


def test_min_confidence_keeps_only_the_events_coded_that_surely(tmp_path, capsys):
    source = tmp_path / "two.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [
        {"id": "sure", "published": "2024-03-02", "text": "Ugandan police arrested 40 opposition "
                                                          "supporters in Kampala on Friday."},
        {"id": "vague", "published": "2024-03-02", "text": "It was said that some were detained."},
    ]) + "\n")
    db = tmp_path / "c.duckdb"
    assert run(capsys, "code", str(source), "--store", str(db), "-o", "/dev/null")[0] == 0
    everything = json.loads(run(capsys, "query", "--store", str(db), "--format", "json")[1])
    least = min(row["confidence"] for row in everything)
    status, out, _ = run(capsys, "query", "--store", str(db), "--format", "json", "--min-confidence",
                         str(least + 0.01))
    kept = json.loads(out)
    assert status == 0 and len(kept) < len(everything)
    assert all(row["confidence"] >= least + 0.01 for row in kept)
    status, _, err = run(capsys, "query", "--store", str(db), "--min-confidence", "2")
    assert status != 0 and "from 0 to 1" in err


def test_explain_takes_a_sentence_longer_than_any_file_name(capsys):
    sentence = ("Kenyan police arrested 30 opposition supporters in Nairobi on Monday after days of "
                "protests over the rising cost of living, " * 4).strip()
    status, out, err = run(capsys, "explain", sentence, "--published", "2024-07-01")
    assert status == 0 and "EVENT COERCE" in out and not err.strip()


def test_jsonl_output_escapes_characters_readers_take_for_line_ends(tmp_path, capsys):
    source = tmp_path / "sep.jsonl"
    source.write_text(json.dumps({"id": "s1", "title": "Arrests\u2028in Nairobi", "text":
                                  "Kenyan police arrested 30 protesters in Nairobi."}) + "\n")
    status, out, _ = run(capsys, "code", str(source), "--format", "jsonl", "--no-store")
    assert status == 0 and len(out.splitlines()) == 1 and "\\u2028" in out
    assert json.loads(out)["events"]
