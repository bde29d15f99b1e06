"""The command line on good and bad input: one clear line per bad input, the rest still coded."""

import json

import pytest

from eventwire import cli, nlp


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


def test_bad_inputs_are_reported_once_and_the_rest_coded(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Kenyan troops attacked rebel camps in Somalia on Friday.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": "Chad expelled the French ambassador."}\n{not json\n')
    missing = tmp_path / "nope.txt"
    status, out, err = run(capsys, "code", str(tmp_path), str(missing))
    assert status == 2
    lines = [line for line in err.splitlines() if "failed" not in line]
    assert any("empty.txt" in line and "empty file" in line for line in lines)
    assert any("binary.txt" in line and "binary" in line for line in lines)
    assert any("broken.jsonl:2" in line and "not valid JSON" in line for line in lines)
    assert any("nope.txt" in line and "no such file" in line for line in lines)
    assert len(lines) == 4
    assert "== good" in out and "== x" in out


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


@pytest.mark.parametrize("argv", [["eval", "/no/such/gold.jsonl", "--pred", "/no/such.jsonl"]])
def test_eval_missing_file_is_an_error(argv, capsys):
    with pytest.raises(FileNotFoundError):
        cli.main(argv)
