"""The library's run function: inputs + options + store -> a run report. The CLI, the REST API and the
Dask workers all code through `run`; none of them has a coding loop of its own."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from . import stories
from .errors import InputError
from .ingest import read_inputs
from .model import Article, CodedArticle
from .options import Options
from .pipeline import Pipeline
from .scale import Coder, open_coder
from .store import Store

Item = TypeVar("Item")


class RunListener:
    """What a face wants to hear about while a run goes on; every method is optional."""

    def coded(self, result: CodedArticle) -> None:
        """An article was coded (or skipped with its reason in `result.skipped`)."""

    def known(self, article: Article, record: dict | None) -> None:
        """An article already in the store, with its stored record."""

    def failed(self, error: InputError) -> None:
        """An input could not be read; the run goes on."""

    def stored(self, count: int, total: int) -> None:
        """A batch of `count` articles was committed; `total` stored so far in this run."""


@dataclass
class RunReport:
    coded: int = 0
    skipped: int = 0
    known: int = 0
    events: int = 0
    stored: int = 0
    failures: list[InputError] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)  # (article, reason)
    stopped: bool = False  # --strict stopped at a failure
    interrupted: bool = False  # Ctrl-C: the batch being coded was dropped, every stored one kept

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        head = "interrupted: " if self.interrupted else ""
        return (f"{head}{self.coded} articles coded ({self.events} events), {self.skipped} skipped, "
                f"{self.known} already stored, {self.failed} inputs failed")


def run(inputs: Iterable[str | Article], options: Options, pipeline: Pipeline | None = None,
        listener: RunListener | None = None) -> RunReport:
    """Code every article the inputs hold (paths, `-` for stdin, or `Article`s) and add them to the store
    named in `options` (none when `options.store` is None), one transaction per batch. Ctrl-C ends the
    run: a batch being committed is finished, one being coded is dropped, and the report so far is
    returned with `interrupted` set."""
    listener = listener or RunListener()
    report = RunReport()
    store = Store(options.store) if options.store else None  # a bad store fails before the model loads
    coder: Coder | None = None
    try:
        coder = open_coder(options, pipeline)  # this process, --jobs worker processes, or --dask
        size = getattr(coder, "batch_size", options.batch_size)
        articles = _articles(inputs, options, report, listener)
        fresh = _not_stored(articles, store, size, report, listener) if store else articles
        for results in _batches(coder.stream(fresh), size):  # the coder reads ahead while a batch is stored
            _take_batch(results, store, report, listener)
    except KeyboardInterrupt:
        report.interrupted = True
    except Exception as error:
        if not _is_interrupt(error):
            raise
        report.interrupted = True
    finally:
        if coder is not None:
            coder.close()
        if store:
            store.close()
    return report


def _take_batch(results: list[CodedArticle], store: Store | None, report: RunReport,
                listener: RunListener) -> None:
    for result in results:
        if result.skipped:
            report.skipped += 1
            report.skips.append((result.article.source_path or result.article.id, result.skipped))
        else:
            report.coded += 1
            report.events += len(result.events)
        listener.coded(result)
    if store:
        with _interrupt_deferred():
            count = store_batch(store, results)
            store.release_if_wanted()
        report.stored += count
        listener.stored(count, report.stored)


def _not_stored(articles: Iterator[Article], store: Store, size: int, report: RunReport,
                listener: RunListener) -> Iterator[Article]:
    """The articles not yet in the store, looked up a batch at a time; each stored one is reported with
    its stored record."""
    for batch in _batches(articles, size):
        known = store.known_ids(a.id for a in batch)
        for article in (a for a in batch if a.id in known):
            report.known += 1
            listener.known(article, store.record(article.id))
        store.release_if_wanted()
        yield from (a for a in batch if a.id not in known)


def store_batch(store: Store, results: list[CodedArticle]) -> int:
    """Add coded articles to the store in one transaction: each placed in its story, and the merged
    events their reports touch brought up to date. Articles already stored are left as they are;
    returns how many were added."""
    with store.transaction():
        known = store.known_ids(r.article.id for r in results)
        fresh = list({r.article.id: r for r in results if r.article.id not in known}.values())
        if not fresh:
            return 0
        reports = [stories.Report.of(r.article.id, None if r.skipped else r.article.text) for r in fresh]
        placements = stories.place_stories(reports, store.story_founders)
        new_rows = store.add_articles(fresh, reports, placements)
        reopened = stories.chains_to_reopen(store.merged_spans(new_rows), new_rows)
        store.replace_merged(reopened, stories.merge_events(store.take_chain_members(reopened) + new_rows))
    return len(fresh)


def _is_interrupt(error: Exception) -> bool:
    """Ctrl-C while DuckDB runs a statement comes back as its InterruptException."""
    import duckdb

    return isinstance(error, duckdb.InterruptException)


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Ctrl-C while a batch is committed takes effect once the commit is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _articles(inputs: Iterable[str | Article], options: Options, report: RunReport,
              listener: RunListener) -> Iterator[Article]:
    for given in inputs:
        items = [given] if isinstance(given, Article) else read_inputs([given], options.ingest)
        for item in items:
            if isinstance(item, Article):
                yield item
                continue
            report.failures.append(item)
            listener.failed(item)
            if options.strict:
                report.stopped = True
                return


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
