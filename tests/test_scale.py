"""Coding in worker processes and on a Dask LocalCluster gives what one process gives, in the same order."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import threading

import pytest

from eventwire import Article
from eventwire.errors import ModelError
from eventwire.options import load_options
from eventwire.run import run
from eventwire.scale import ParallelCoder, PipelineSpec, open_coder
from eventwire.scale.parallel import WorkerError
from eventwire.store import Store

STORIES = [
    "Kenyan police arrested twelve opposition activists in Nairobi on Tuesday. The weather was mild.",
    "The foreign minister of Turkey met his Greek counterpart in Athens on Monday to discuss maritime "
    "borders.",
    "Thousands of farmers protested outside the parliament in New Delhi against the new tax law.",
    "Nigerian troops attacked a rebel camp near the border, the army said on Friday.",
    "The European Union imposed sanctions on Belarusian officials after the disputed election.",
    "Prices of rice rose again this month, traders in the capital said.",
]


def corpus() -> list[Article]:
    return [Article(f"s{n}", text, published=dt.date(2021, 3, 10 + n)) for n, text in enumerate(STORIES)]


def without_clock(record: dict) -> str:
    """The record as JSON without the moment it was coded, which differs between any two runs."""
    record.get("citation", {}).pop("coded_at", None)
    return json.dumps(record, sort_keys=True)


def coded_json(results) -> list[str]:
    return [without_clock(r.to_json()) for r in results]


def stored(path) -> dict[str, list[tuple]]:
    with Store(path, read_only=True) as store:
        articles = store.sql("SELECT id, skipped, record, story_id, seq FROM articles ORDER BY seq")[1]
        return {
            "articles": [(a, s, without_clock(json.loads(r)), *rest) for a, s, r, *rest in articles],
            "events": store.sql("SELECT event_id, article_id, type, cameo, source_codes, target_codes, date "
                                "FROM events ORDER BY event_id")[1],
            "merged": store.sql("SELECT type, cameo, source_codes, target_codes, num_articles "
                                "FROM merged_events ORDER BY ALL")[1],
        }


START_METHODS = [method for method in ("fork", "spawn") if method in mp.get_all_start_methods()]


@pytest.mark.parametrize("start_method", START_METHODS)
def test_two_worker_processes_code_like_one_process_in_the_same_order(pipeline, start_method):
    alone = coded_json(pipeline.code_many(corpus()))
    coder = ParallelCoder(PipelineSpec(), jobs=2, min_articles=0, chunk=2, start_method=start_method)
    try:
        together = coded_json(coder(corpus()))
    finally:
        coder.close()
    assert together == alone
    assert any('"ARREST"' in line or '"COERCE"' in line for line in alone)


def test_a_run_under_jobs_streams_many_batches_into_the_store_as_one_process_does(tmp_path, pipeline):
    many = [Article(f"{a.id}-{n}", a.text, published=a.published) for n in range(6) for a in corpus()]
    options = load_options().but(batch_size=5)
    run(many, options.but(store=str(tmp_path / "one.duckdb")), pipeline)
    report = run(many, options.but(store=str(tmp_path / "jobs.duckdb"), jobs=2))
    assert report.coded == len(many) and report.stored == len(many)
    assert stored(tmp_path / "jobs.duckdb") == stored(tmp_path / "one.duckdb")

    again = run(many, options.but(store=str(tmp_path / "jobs.duckdb"), jobs=2))
    assert (again.known, again.coded) == (len(many), 0)


def test_a_small_run_under_jobs_codes_in_this_process(pipeline):
    coder = open_coder(load_options().but(jobs=4), pipeline)
    try:
        results = list(coder(corpus()[:2]))
    finally:
        coder.close()
    assert [r.article.id for r in results] == ["s0", "s1"]
    assert coder._workers == []


@pytest.mark.parametrize("start_method", START_METHODS)
def test_a_model_that_cannot_load_stops_the_run_with_one_clear_line(start_method):
    """Forked workers take the pipeline this process built, so the error is this process's own."""
    coder = ParallelCoder(PipelineSpec(model="no_such_spacy_model"), jobs=1, min_articles=0,
                          start_method=start_method)
    error = WorkerError if start_method == "spawn" else ModelError
    try:
        with pytest.raises(error, match="no_such_spacy_model|no English spaCy model"):
            list(coder(corpus()))
    finally:
        coder.close()


@pytest.mark.skipif("fork" not in START_METHODS, reason="no fork on this platform")
def test_forked_workers_code_with_the_options_pipeline_not_the_callers(pipeline):
    """As spawned ones do: a caller's pipeline with other settings codes only what runs in this process."""
    callers = ParallelCoder(PipelineSpec(), jobs=1, pipeline=pipeline, min_articles=0, start_method="fork")
    try:
        list(callers(corpus()))
        assert callers._from_spec is not None and callers._from_spec is not pipeline
        assert callers.local_pipeline() is pipeline
    finally:
        callers.close()


def test_workers_are_forked_only_from_the_main_thread():
    """A server codes from its own threads, one of which may hold a lock a forked copy would wait on."""
    methods: list[str] = []
    def make_coder() -> None:
        methods.append(ParallelCoder(PipelineSpec(), jobs=2).start_method)

    thread = threading.Thread(target=make_coder)
    thread.start()
    thread.join()
    assert methods == ["spawn"]
    assert ParallelCoder(PipelineSpec(), jobs=2).start_method == START_METHODS[0]


def test_a_dask_local_cluster_fills_the_store_as_one_process_does_and_a_rerun_skips_its_parts(tmp_path,
                                                                                          pipeline):
    pytest.importorskip("distributed")
    options = load_options().but(batch_size=4)
    run(corpus(), options.but(store=str(tmp_path / "one.duckdb")), pipeline)
    dasked = options.but(store=str(tmp_path / "dask.duckdb"), dask="local:2")
    report = run(corpus(), dasked)
    assert report.coded == len(STORIES) and report.failed == 0
    assert stored(tmp_path / "dask.duckdb") == stored(tmp_path / "one.duckdb")

    parts = sorted((tmp_path / "dask.duckdb.parts").glob("*.parquet"))
    assert parts
    written = {part: part.stat().st_mtime_ns for part in parts}
    (tmp_path / "dask.duckdb").unlink()  # the store is gone, the coded parts are kept
    run(corpus(), dasked)
    assert {part: part.stat().st_mtime_ns for part in parts} == written
    assert stored(tmp_path / "dask.duckdb") == stored(tmp_path / "one.duckdb")
