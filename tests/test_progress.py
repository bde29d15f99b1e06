"""Progress of a run: periodic lines off a terminal, a bar on one, file lines with -v, silence with -q."""

from __future__ import annotations

import io
import json

from eventwire import Article
from eventwire.faces.cli import main
from eventwire.faces.progress import Progress

TEXTS = {
    "a.txt": ["Iraqi troops attacked militants near Mosul on Sunday.",
              "Police in Lagos arrested three journalists on Monday."],
    "b.txt": ["The fog lifted over the harbour by noon."],
}


def coded_results(pipeline):
    articles = [Article(f"{name}#{n}", text, source_path=name)
                for name, texts in TEXTS.items() for n, text in enumerate(texts)]
    return list(pipeline.code_many(articles))


def test_off_a_terminal_progress_writes_lines_with_rate_events_and_eta(pipeline):
    results = coded_results(pipeline)
    out = io.StringIO()
    progress = Progress(total=6, out=out, interval=0.0)
    for result in results:
        progress.coded(result)
    progress.close()
    lines = out.getvalue().splitlines()
    events = sum(len(r.events) for r in results)
    assert events >= 2
    assert lines[0].startswith("eventwire: 1 of 6 articles, ") and "ETA" in lines[0]
    assert lines[-1].startswith("eventwire: 3 of 6 articles, ") and f"{events} events" in lines[-1]
    assert all("articles/s" in line for line in lines)


def test_verbose_progress_names_each_file_with_its_counts(pipeline):
    results = coded_results(pipeline)
    out = io.StringIO()
    progress = Progress(out=out, verbose=True, interval=3600.0)
    for result in results:
        progress.coded(result)
    progress.close()
    first_file_events = sum(len(r.events) for r in results[:2])
    lines = out.getvalue().splitlines()
    assert f"eventwire: a.txt: 2 articles, {first_file_events} events" in lines
    assert "eventwire: b.txt: 1 articles, 0 events" in lines
    assert "ETA" not in out.getvalue()  # no total, no estimate


def test_on_a_terminal_a_bar_counts_articles_and_events(pipeline):
    results = coded_results(pipeline)
    out = io.StringIO()
    progress = Progress(total=3, out=out, bar=True)
    for result in results:
        progress.coded(result)
    progress.close()
    shown = out.getvalue()
    assert "3/3" in shown and f"{sum(len(r.events) for r in results)} events" in shown


def test_a_run_shorter_than_one_interval_prints_no_progress_line(pipeline):
    out = io.StringIO()
    progress = Progress(out=out, interval=3600.0)
    for result in coded_results(pipeline):
        progress.coded(result)
    progress.close()
    assert out.getvalue() == ""


def test_the_code_command_names_files_with_verbose_unless_quiet(tmp_path, capsys):
    source = tmp_path / "wire.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"w{n}", "text": text})
                                for n, text in enumerate(TEXTS["a.txt"])) + "\n")
    assert main(["code", str(source), "--no-store", "--format", "jsonl", "-v"]) == 0
    err = capsys.readouterr().err
    assert f"eventwire: {source}: 2 articles, " in err
    assert main(["code", str(source), "--no-store", "--format", "jsonl", "-v", "-q"]) == 0
    err = capsys.readouterr().err
    assert f"{source}: 2 articles" not in err and "2 articles coded" in err
