"""Parsing and coding in worker processes. Each worker holds one `Pipeline` and codes chunks of articles;
only `Article`s go in and `CodedArticle`s come back (plain dataclasses that pickle), so no spaCy object
leaves a worker. The parent keeps the articles' order and writes the store itself.

On Linux, from the main thread, workers are forked from this process once it holds a pipeline built from
the `PipelineSpec`: they start with the model, lexicons and gazetteer in memory instead of importing
spaCy and building all three each (about 3 CPU s per worker, 10 ms an article in a short run). Elsewhere
they are spawned and build their own from the spec (macOS's system libraries are not safe to fork).
Forking while the store is open is safe here: every store statement runs on this thread and has returned
before a fork, so DuckDB's threads are idle, and a forked worker never touches DuckDB or the progress bar
and leaves through `os._exit`, which runs no destructor."""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
import queue
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, count, islice

from ..errors import EventwireError
from ..model import Article, CodedArticle
from ..options import Options
from ..pipeline import Pipeline

CHUNK_ARTICLES = 16  # articles per task: small enough to balance the workers, large for nlp.pipe batches
TASKS_PER_WORKER = 2  # tasks queued per worker beyond the one it codes: the bound on articles in flight
CHUNKS_PER_WORKER = 2  # chunks per worker when the stream is too short for full chunks
POLL_SECONDS = 1.0


class WorkerError(EventwireError):
    """A worker process could not load its pipeline or stopped (killed, out of memory)."""

    code = "E010"


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build its own `Pipeline`: names only, so it pickles."""

    model: str | None = None
    actors: tuple[str, ...] = ()
    prefilter: bool = True  # as the shipped settings

    @classmethod
    def of(cls, options: Options) -> PipelineSpec:
        return cls(options.model, tuple(options.actors), options.prefilter)

    def build(self) -> Pipeline:
        return Pipeline(model=self.model, actor_dictionaries=list(self.actors), prefilter=self.prefilter)


def machine_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(options: Options) -> int:
    return options.jobs if options.jobs > 0 else machine_cores()


class ParallelCoder:
    """Codes like `Pipeline.code_many`, in `jobs` worker processes, in the given order. `stream` keeps
    the workers fed from a whole run's articles, so they go on coding while this process writes the store.
    Workers start once the stream holds at least `min_articles` articles; a shorter stream before that is
    coded in this process, so a run of a few articles never pays for starting workers."""

    def __init__(self, spec: PipelineSpec, jobs: int, pipeline: Pipeline | None = None,
                 min_articles: int = 2 * CHUNK_ARTICLES, chunk: int = CHUNK_ARTICLES,
                 batch_size: int = 50, start_method: str | None = None) -> None:
        self.spec, self.jobs, self.chunk, self.min_articles = spec, jobs, chunk, min_articles
        self.start_method = start_method or _start_method()
        self.batch_size = batch_size  # run()'s batch: articles per store transaction
        self._pipeline = pipeline
        self._from_spec: Pipeline | None = None  # built here from the spec: what forked workers share
        self._workers: list[mp.Process] = []
        self._tasks: mp.Queue | None = None
        self._results: mp.Queue | None = None
        self._numbered = 0  # tasks numbered so far: numbers stay unique across calls

    def __call__(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        return self.stream(articles)

    def stream(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        pending = iter(articles)
        ahead = list(islice(pending, max(self.min_articles, self.jobs * CHUNKS_PER_WORKER * self.chunk)))
        if not self._workers and len(ahead) < self.min_articles:
            yield from self.local_pipeline().code_many(ahead)
            return
        self._start()
        size = max(1, min(self.chunk, -(-len(ahead) // (self.jobs * CHUNKS_PER_WORKER))))
        yield from self._code_in_workers(_chunks(chain(ahead, pending), size))

    def local_pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self._spec_pipeline()
        return self._pipeline

    def _spec_pipeline(self) -> Pipeline:
        """A pipeline of the spec, as a spawned worker builds it (not the caller's, whose settings may
        differ), built once."""
        if self._from_spec is None:
            self._from_spec = self.spec.build()
        return self._from_spec

    def close(self) -> None:
        for _ in self._workers:
            try:
                self._tasks.put(None, timeout=POLL_SECONDS)
            except queue.Full:  # a worker stopped with tasks queued; terminate() below ends the rest
                break
        for worker in self._workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.terminate()
        self._workers = []

    def _start(self) -> None:
        if self._workers:
            return
        context = mp.get_context(self.start_method)
        self._tasks = context.Queue(maxsize=self.jobs * TASKS_PER_WORKER)
        self._results = context.Queue()
        built = self._spec_pipeline().warmed() if self.start_method == "fork" else self.spec
        arguments = (built, self._tasks, self._results, os.getpid())
        self._workers = [context.Process(target=_work, args=arguments, daemon=True,
                                         name=f"eventwire-worker-{n}") for n in range(self.jobs)]
        gc.freeze()  # forked workers share the parent's objects: a collection there would copy their pages
        try:
            for worker in self._workers:
                worker.start()
        finally:
            gc.unfreeze()

    def _code_in_workers(self, chunks: Iterator[list[Article]]) -> Iterator[CodedArticle]:
        """Send chunks while fewer than the window are unanswered; yield answers in the chunks' order."""
        window = self.jobs * (TASKS_PER_WORKER + 1)
        first = sent = self._numbered
        done: dict[int, list[CodedArticle]] = {}
        for position in count(first):
            for chunk in islice(chunks, max(0, window - (sent - position))):
                self._put((sent, chunk))
                sent = self._numbered = sent + 1
            if position == sent:
                return
            while position not in done:
                number, coded = self._next_result()
                if number >= first:  # not a late answer to a stream abandoned before this one
                    done[number] = coded
            yield from done.pop(position)

    def _put(self, task: tuple[int, list[Article]]) -> None:
        while True:
            try:
                self._tasks.put(task, timeout=POLL_SECONDS)
                return
            except queue.Full:
                self._check_workers()

    def _next_result(self) -> tuple[int, list[CodedArticle]]:
        while True:
            try:
                number, coded = self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                self._check_workers()
                continue
            if isinstance(coded, str):
                raise WorkerError(coded)
            return number, coded

    def _check_workers(self) -> None:
        dead = [worker for worker in self._workers if not worker.is_alive()]
        if dead:
            raise WorkerError(f"{dead[0].name} stopped (exit code {dead[0].exitcode}); "
                              "a rerun resumes after the stored articles")


def _start_method() -> str:
    """fork on Linux from the main thread; spawn elsewhere (a fork copies only the calling thread, and
    another thread of a server may hold a lock the copy would wait on forever)."""
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread():
        return "fork"
    return "spawn"


def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(articles, size)):
        yield chunk


def _work(built: Pipeline | PipelineSpec, tasks: mp.Queue, results: mp.Queue, parent: int) -> None:
    """A worker's loop: take the forked pipeline or build one, then code chunks until the parent sends
    None or is gone."""
    if isinstance(built, Pipeline):  # forked: lines the parent logs for its own long articles stay there,
        logging.getLogger("eventwire").handlers.clear()  # as in a spawned worker, not across its bar
    try:
        pipeline = built.build() if isinstance(built, PipelineSpec) else built
    except EventwireError as error:
        results.put((-1, f"a worker could not load its pipeline: {error}"))
        return
    while True:
        if os.getppid() != parent:  # the parent was killed: nobody will read what we code
            results.cancel_join_thread()  # exit without waiting to flush results into a dead pipe
            return
        try:
            task = tasks.get(timeout=POLL_SECONDS * 5)
        except queue.Empty:
            continue
        if task is None:
            return
        number, articles = task
        results.put((number, list(pipeline.code_many(articles))))
