"""Throughput of eventwire against the bare spaCy pipeline on the same generated news-like corpus.

usage: python benchmarks/throughput.py [--articles 600] [--words 210] [--latency-runs 30]

Each configuration runs in a fresh Python process on the same texts: the bare spaCy pipeline as it ships
with 1 and 2 processes (`nlp.pipe(n_process=N)`), the ratios' yardstick; bare spaCy with 2 processes and
numpy's BLAS kept to one thread, as eventwire keeps it (text/nlp.py), to show what that setting alone gives;
then `eventwire code` into a fresh store with `--jobs 1` and `--jobs 2`
(shipped settings: prefilter on), both again without the prefilter, and `--dask local:2`. Prints one table
(articles/s, words/s, peak RSS of the parent and of the largest worker, ratio to bare spaCy with as many
processes, and CPU time per article summed over all processes, which a busy machine disturbs less than
wall time), then the median time of one ~600-word article through the Python API after the pipeline is
loaded, beside the bare pipeline's on the same text. Times include loading the model (bare spaCy) or
building the pipeline and starting workers (eventwire); imports are done before.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ACTORS = ["Russian President Vladimir Putin", "the European Union", "Kenyan police", "Iraqi troops",
          "thousands of protesters", "the Turkish foreign ministry", "Chinese officials", "rebels in Mali",
          "the United Nations", "Brazil's opposition", "Israeli warplanes", "Nigerian soldiers"]
TARGETS = ["Belarus", "Ukraine", "the government in Kabul", "Somali militants", "Venezuela",
           "opposition leaders", "Syrian forces", "the Japanese embassy", "journalists", "Iran"]
ACTIONS = ["condemned", "met with", "imposed sanctions on", "attacked", "promised aid to", "arrested",
           "urged", "threatened", "praised", "accused", "signed an agreement with", "rejected"]
FILLER = ["Analysts said the move could reshape relations in the region for years.",
          "The statement came after a week of tense negotiations in the capital.",
          "Local media reported long queues at fuel stations and markets.",
          "Officials declined to give further details about the timetable.",
          "The weather in the city remained hot and dry for most of the week.",
          "Economists expect growth to slow in the second half of the year."]
DAYS = ["on Monday", "on Tuesday", "last week", "on Friday", "yesterday", "on 9 August"]
CONFIGS = {  # name: (kind, processes, options)
    "bare spaCy, 1 process": ("bare", 1, {}),
    "bare spaCy, n_process=2": ("bare", 2, {}),
    "bare spaCy, n_process=2, 1 BLAS thread": ("bare, 1 BLAS thread", 2, {}),
    "eventwire --jobs 1": ("eventwire", 1, {"jobs": 1}),
    "eventwire --jobs 2": ("eventwire", 2, {"jobs": 2}),
    "eventwire --jobs 1, no prefilter": ("eventwire", 1, {"jobs": 1, "prefilter": False}),
    "eventwire --jobs 2, no prefilter": ("eventwire", 2, {"jobs": 2, "prefilter": False}),
    "eventwire --dask local:2": ("eventwire", 2, {"dask": "local:2"}),
}


def make_corpus(count: int, words: int, seed: int = 11) -> list:
    from eventwire import Article

    rng = random.Random(seed)
    articles = []
    for n in range(count):
        paragraphs, size = [], 0
        while size < words:
            if rng.random() < 0.5:
                line = (f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(TARGETS)} "
                        f"{rng.choice(DAYS)}, officials said.")
            else:
                line = " ".join(rng.sample(FILLER, 2))
            paragraphs.append(line)
            size += len(line.split())
        articles.append(Article(f"bench-{n}", "\n\n".join(paragraphs), published=None))
    return articles


class PeakMemory:
    """Samples the resident memory of this process and all its children while a run goes on."""

    def __init__(self, every: float = 0.1) -> None:
        import psutil

        self.me = psutil.Process()
        self.peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}  # CPU seconds each process had used when last seen
        self.every, self._stop = every, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for process in [self.me, *self._children()]:
                try:
                    rss = process.memory_info().rss / 2**20
                    times = process.cpu_times()
                except Exception:  # the process ended between listing and reading it
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), rss)
                self.cpu[process.pid] = times.user + times.system
            self._stop.wait(self.every)

    def _children(self) -> list:
        try:
            return self.me.children(recursive=True)
        except Exception:
            return []

    def parent_and_worker(self) -> tuple[float, float]:
        workers = [rss for pid, rss in self.peaks.items() if pid != self.me.pid and rss > 100]
        return self.peaks.get(self.me.pid, 0.0), max(workers, default=0.0)


def measure(name: str, articles: int, words: int) -> dict:
    """Run one configuration in this process; return its numbers."""
    kind, processes, options = CONFIGS[name]
    corpus = make_corpus(articles, words)
    total_words = sum(len(a.text.split()) for a in corpus)
    run_once = (_eventwire(corpus, options) if kind == "eventwire"
                else _bare(corpus, processes, one_blas_thread=kind != "bare"))
    with PeakMemory() as memory:
        cpu_before = memory.me.cpu_times()
        start = time.perf_counter()
        events = run_once()
        seconds = time.perf_counter() - start
        memory.cpu[memory.me.pid] = sum(memory.me.cpu_times()[:2]) - sum(cpu_before[:2])
    parent, worker = memory.parent_and_worker()
    return {"name": name, "processes": processes, "articles": len(corpus), "words": total_words,
            "seconds": seconds, "events": events, "parent_mb": parent, "worker_mb": worker,
            "cpu_seconds": sum(memory.cpu.values())}


def _bare(corpus: list, processes: int, one_blas_thread: bool) -> Callable[[], int]:
    """spaCy as it ships: the model package's own load(), numpy's BLAS with its default threads (eventwire
    keeps BLAS to one thread: text/nlp.py); with `one_blas_thread`, bare spaCy with that setting too. The
    model is loaded in the timed run, as eventwire builds its pipeline in its own; the imports of both are
    done before."""
    import importlib
    import importlib.util

    from eventwire.text.nlp import MODEL_PACKAGES, single_threaded_blas

    if one_blas_thread:
        single_threaded_blas()
    package = next(name for name in MODEL_PACKAGES if importlib.util.find_spec(name))
    module = importlib.import_module(package)

    def run() -> int:
        nlp = module.load()
        for _ in nlp.pipe((a.text for a in corpus), batch_size=64, n_process=processes):
            pass
        return 0
    return run


def _eventwire(corpus: list, changes: dict) -> Callable[[], int]:
    from eventwire.options import load_options
    from eventwire.run import run as run_eventwire

    folder = tempfile.mkdtemp(prefix="eventwire-bench-")
    options = load_options().but(store=str(Path(folder) / "bench.duckdb"), **changes)

    def run() -> int:
        return run_eventwire(corpus, options).events
    return run


def latency(runs: int) -> dict[str, float]:
    """Median milliseconds of one ~600-word article through `Pipeline.code` after loading, and of the same
    text through the bare spaCy pipeline as its package ships it (`nlp(text)`; numpy's BLAS kept to one
    thread in this process, as eventwire keeps it): the yardstick of the machine's speed at the time,
    which moves between runs by more than a tenth."""
    import importlib
    import importlib.util

    from eventwire import Pipeline
    from eventwire.text.nlp import MODEL_PACKAGES

    pipeline = Pipeline()
    package = next(name for name in MODEL_PACKAGES if importlib.util.find_spec(name))
    bare = importlib.import_module(package).load()
    article = make_corpus(1, 600, seed=5)[0]
    pipeline.code(article)
    bare(article.text)
    times: dict[str, list[float]] = {"eventwire": [], "bare": []}
    for n in range(runs):
        article.id = f"latency-{n}"
        start = time.perf_counter()
        pipeline.code(article)
        middle = time.perf_counter()
        bare(article.text)
        times["eventwire"].append((middle - start) * 1000)
        times["bare"].append((time.perf_counter() - middle) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def in_subprocess(arguments: list[str]) -> dict:
    command = [sys.executable, __file__, *arguments]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict], corpus: str) -> None:
    bare = {row["processes"]: row["articles"] / row["seconds"]
            for row in rows if CONFIGS[row["name"]][0] == "bare"}
    print(f"{'configuration':32s} {'corpus':20s} {'articles':>8s} {'words/s':>8s} {'articles/s':>10s} "
          f"{'RSS parent':>10s} {'RSS worker':>10s} {'vs bare':>7s} {'CPU ms/art':>10s} {'events':>7s}")
    for row in rows:
        rate = row["articles"] / row["seconds"]
        worker = f"{row['worker_mb']:.0f} MB" if row["worker_mb"] else "-"
        print(f"{row['name']:32s} {corpus:20s} {row['articles']:8d} {row['words'] / row['seconds']:8.0f} "
              f"{rate:10.1f} {row['parent_mb']:7.0f} MB {worker:>10s} "
              f"{rate / bare[row['processes']]:6.2f}x {1000 * row['cpu_seconds'] / row['articles']:10.0f} "
              f"{row['events']:7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--words", type=int, default=210)
    parser.add_argument("--latency-runs", type=int, default=30)
    parser.add_argument("--only", choices=sorted(CONFIGS), action="append",
                        help="run only these configurations (repeatable)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one configuration, JSON out
    parser.add_argument("--latency", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.articles, args.words)))
        return
    if args.latency:
        print(json.dumps(latency(args.latency_runs)))
        return
    sizes = ["--articles", str(args.articles), "--words", str(args.words)]
    names = args.only or list(CONFIGS)
    names = [n for n in CONFIGS if n in names or (CONFIGS[n][0] == "bare" and CONFIGS[n][1] in
                                                    {CONFIGS[m][1] for m in names})]
    rows = [in_subprocess(["--one", name, *sizes]) for name in names]
    print(f"cores: {os.cpu_count()}; every run in a fresh process, into a fresh store, worker start included")
    print_table(rows, f"generated ~{args.words} words")
    median = in_subprocess(["--latency", "--latency-runs", str(args.latency_runs)])
    print(f"\none ~600-word article through Pipeline.code: {median['eventwire']:.0f} ms median of "
          f"{args.latency_runs} runs after load (the bare spaCy pipeline on the same text, alternating "
          f"with it: {median['bare']:.0f} ms)")


if __name__ == "__main__":
    main()
