"""The run function: inputs + options + store -> a run report that faces print."""

from __future__ import annotations

import json

import pytest

from eventwire import Article
from eventwire.options import Options
from eventwire.run import RunListener, run
from eventwire.store import Store

GOOD = "Kenyan police arrested 30 opposition supporters in Nairobi on Monday, a police spokesman said."
FRENCH = ("Le gouvernement français a annoncé lundi de nouvelles sanctions contre la Russie, selon un "
          "porte-parole du ministère des affaires étrangères.")


def corpus(parent):
    folder = parent / "inputs"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD)
    (folder / "b-empty.txt").write_text("")
    (folder / "c-french.txt").write_text(FRENCH)
    (folder / "d-records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Turkish police detained 12 journalists in Istanbul."}) + "\n"
        + "{broken\n")
    return folder


def test_the_report_counts_coded_skipped_failed_and_known(tmp_path, pipeline):
    inputs = corpus(tmp_path)
    options = Options(store=str(tmp_path / "r.duckdb"), batch_size=2)
    report = run([str(inputs)], options, pipeline)
    assert (report.coded, report.skipped, report.known, report.failed) == (2, 1, 0, 2)
    assert report.stored == 3 and report.events >= 2 and not report.stopped
    reasons = sorted(str(f) for f in report.failures)
    assert "b-empty.txt" in reasons[0] and "empty" in reasons[0]
    assert "d-records.jsonl:2" in reasons[1] and "not valid JSON" in reasons[1]
    assert report.skips[0][0].endswith("c-french.txt") and report.skips[0][1].startswith("not English")
    again = run([str(inputs)], options, pipeline)
    assert (again.coded, again.skipped, again.known, again.failed, again.stored) == (0, 0, 3, 2, 0)
    assert "3 already stored, 2 inputs failed" in again.summary()


def test_strict_stops_at_the_first_failure(tmp_path, pipeline):
    report = run([str(corpus(tmp_path))], Options(store=None, strict=True), pipeline)
    assert report.stopped and report.failed == 1 and report.coded + report.skipped <= 1


def test_articles_are_coded_without_a_store_and_heard_by_the_listener(pipeline):
    heard: list[str] = []

    class Listener(RunListener):
        def coded(self, result):
            heard.append(result.article.id)

    articles = [Article("x1", GOOD), Article("x2", "Chad expelled the French ambassador on Friday.")]
    report = run(articles, Options(store=None), pipeline, Listener())
    assert heard == ["x1", "x2"] and report.coded == 2 and report.stored == 0


def test_ctrl_c_keeps_the_stored_batches_and_marks_the_report(tmp_path, pipeline):
    class Interrupting(RunListener):
        def coded(self, result):
            if result.article.id == "n5":
                raise KeyboardInterrupt

    db = tmp_path / "i.duckdb"
    articles = [Article(f"n{k}", f"Dispatch {k}. {GOOD}") for k in range(10)]
    report = run(articles, Options(store=str(db), batch_size=2), pipeline, Interrupting())
    assert report.interrupted and report.stored == 4 and report.summary().startswith("interrupted: ")
    with Store(db, read_only=True) as store:
        assert store.sql("SELECT count(*) FROM articles")[1][0][0] == 4
        assert store.stale_events() == 0


def test_a_store_that_cannot_be_opened_fails_before_coding(tmp_path, pipeline):
    from eventwire.errors import StoreError

    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot be opened"):
        run([GOOD], Options(store=str(tmp_path / "file" / "s.duckdb")), pipeline)
