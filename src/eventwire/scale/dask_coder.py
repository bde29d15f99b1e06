"""Coding on a Dask cluster (`--dask tcp://HOST:8786`, or `--dask local:N` for a LocalCluster): each batch
is split into partitions; a Dask worker codes a partition with its own `Pipeline` into a Parquet part, which
this process keeps under `STORE.parts/` and reads back in order, so the store has one writer. A partition
is named by a hash of its articles' ids and the coding settings: a rerun skips partitions already coded.
A batch's parts are removed when the next batch starts, its articles being stored by then."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import duckdb

from ..errors import EventwireError
from ..model import Article, CodedArticle
from ..options import Options
from ..pipeline import Pipeline
from .parallel import PipelineSpec, machine_cores

PARTITION_ARTICLES = 25  # articles a worker codes into one part
PARTITIONS_PER_WORKER = 2  # partitions in flight per worker: the bound on articles held by this process
PART_COLUMNS = ("position INTEGER, id VARCHAR, events INTEGER, skipped VARCHAR, record VARCHAR, "
                "coded BLOB")
_PIPELINES: dict[PipelineSpec, Pipeline] = {}  # one per worker process, built by its first partition


class DaskError(EventwireError):
    """The Dask scheduler cannot be reached, or a partition failed on a worker."""

    code = "E011"


class DaskCoder:
    def __init__(self, options: Options) -> None:
        self.spec = PipelineSpec.of(options)
        self.client, self.cluster = _connect(options.dask or "")
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.batch_size = max(options.batch_size, workers * PARTITIONS_PER_WORKER * PARTITION_ARTICLES)
        self.partition = max(1, min(PARTITION_ARTICLES, -(-self.batch_size // workers)))
        self._temporary = options.store is None
        self.parts = Path(tempfile.mkdtemp(prefix="eventwire-parts-") if self._temporary
                          else f"{options.store}.parts")
        self.parts.mkdir(parents=True, exist_ok=True)
        self._previous: list[Path] = []  # the last batch's parts: stored once run() asks for the next

    def stream(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Batch by batch: run() groups what this yields by `batch_size` too, so a batch is stored before
        this goes on to the next and removes its parts."""
        pending = iter(articles)
        while batch := list(islice(pending, self.batch_size)):
            yield from self(batch)

    def __call__(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for done in self._previous:  # run() stores a batch before it codes the next: parts not needed
            done.unlink(missing_ok=True)
        articles = list(articles)
        partitions = [articles[n:n + self.partition] for n in range(0, len(articles), self.partition)]
        paths = [self.parts / f"{partition_key(self.spec, p)}.parquet" for p in partitions]
        futures = {self.client.submit(code_partition, self.spec, partition, pure=False): path
                   for partition, path in zip(partitions, paths, strict=True) if not path.exists()}
        self._collect(futures)
        self._previous = paths
        for path in paths:
            yield from read_part(path)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self._temporary:
            shutil.rmtree(self.parts, ignore_errors=True)

    def _collect(self, futures: dict) -> None:
        from distributed import as_completed

        for future in as_completed(list(futures)):
            path = futures[future]
            try:
                data = future.result()
            except Exception as error:  # a worker's exception, re-raised here by Dask
                raise DaskError(f"partition {path.name} failed on a Dask worker "
                                f"({type(error).__name__}: {error})") from None
            partial = path.with_suffix(".partial")
            partial.write_bytes(data)
            os.replace(partial, path)  # a part exists only once complete


def partition_key(spec: PipelineSpec, articles: list[Article]) -> str:
    digest = hashlib.sha1(repr((spec.model, spec.actors, spec.prefilter)).encode())
    for article in articles:
        digest.update(b"\0" + article.id.encode())
    return f"part-{digest.hexdigest()[:20]}"


def code_partition(spec: PipelineSpec, articles: list[Article]) -> bytes:
    """Runs on a Dask worker: code the articles, return them as the bytes of a Parquet part."""
    pipeline = _PIPELINES.get(spec)
    if pipeline is None:
        pipeline = _PIPELINES[spec] = spec.build()
    rows = [(position, coded.article.id, len(coded.events), coded.skipped,
             _json(coded), pickle.dumps(coded, protocol=5))
            for position, coded in enumerate(pipeline.code_many(articles))]
    with tempfile.TemporaryDirectory(prefix="eventwire-part-") as folder:
        path = Path(folder) / "part.parquet"
        with duckdb.connect() as db:
            db.execute(f"CREATE TABLE part ({PART_COLUMNS})")
            db.executemany("INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)", rows)
            quoted = str(path).replace("'", "''")
            db.execute(f"COPY part TO '{quoted}' (FORMAT parquet)")
        return path.read_bytes()


def read_part(path: Path) -> Iterator[CodedArticle]:
    """The coded articles of a part, in their input order. Parts hold pickles: read only your own."""
    with duckdb.connect() as db:
        rows = db.execute("SELECT coded FROM read_parquet(?) ORDER BY position", [str(path)]).fetchall()
    for (coded,) in rows:
        yield pickle.loads(coded)


def _json(coded: CodedArticle) -> str:
    import json

    return json.dumps(coded.to_json(), ensure_ascii=False, default=str)


def _connect(address: str) -> tuple[object, object | None]:
    """A client for `tcp://HOST:PORT` (any scheme://), or for a new LocalCluster for `local` / `local:N`."""
    from distributed import Client, LocalCluster

    try:
        if address == "local" or address.startswith("local:"):
            count = address.partition(":")[2]
            workers = int(count) if count else machine_cores()
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            return Client(cluster), cluster
        if "://" not in address:
            raise DaskError(f"--dask wants tcp://HOST:PORT or local:N, got {address!r}")
        return Client(address, timeout=30), None
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskError(f"cannot reach the Dask scheduler {address} ({error})") from None
