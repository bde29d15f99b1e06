"""Coding at scale: the coder a run uses, chosen from its options — this process (`--jobs 1`), worker
processes on this machine (`--jobs N`), or a Dask cluster (`--dask`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ..model import Article, CodedArticle
from ..options import Options
from ..pipeline import Pipeline
from .parallel import CHUNK_ARTICLES, ParallelCoder, PipelineSpec, job_count


class Coder(Protocol):
    """Codes articles like `Pipeline.code_many`: same results, same order. `stream` takes a whole run's
    articles and reads them as it needs them; calling the coder codes one batch."""

    def __call__(self, articles: Iterable[Article]) -> Iterator[CodedArticle]: ...

    def stream(self, articles: Iterable[Article]) -> Iterator[CodedArticle]: ...

    def close(self) -> None: ...

    batch_size: int  # articles per call (and per store transaction) that suit this coder


class InProcessCoder:
    def __init__(self, pipeline: Pipeline, batch_size: int) -> None:
        self.pipeline, self.batch_size = pipeline, batch_size

    def __call__(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        return self.pipeline.code_many(articles)

    stream = __call__  # the pipeline reads a stream as it needs it

    def close(self) -> None:
        """Nothing to release: the pipeline belongs to the caller."""


def open_coder(options: Options, pipeline: Pipeline | None = None) -> Coder:
    """The coder for a run; close it when the run ends. A given `pipeline` codes in this process, as do
    runs under `--jobs N` whose first batch is not full; workers code with a pipeline of the options' model,
    actor files and prefilter setting (built once here and forked, or built by each spawned worker)."""
    if options.dask:
        from .dask_coder import DaskCoder  # Dask is imported only by runs that ask for it

        return DaskCoder(options)
    jobs = job_count(options)
    if jobs <= 1:
        return InProcessCoder(pipeline or PipelineSpec.of(options).build(), options.batch_size)
    small = max(2 * CHUNK_ARTICLES, options.batch_size)  # a run with no full batch codes here: no start-up
    return ParallelCoder(PipelineSpec.of(options), jobs, pipeline, min_articles=small,
                         batch_size=options.batch_size)


__all__ = ["Coder", "InProcessCoder", "ParallelCoder", "PipelineSpec", "job_count", "open_coder"]
