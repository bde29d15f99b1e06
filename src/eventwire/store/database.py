"""The embedded store: DuckDB tables for articles, events, mentions, actors, stories and merged events.

Every batch of articles is written in one transaction, keyed by article id, together with the stories and
merged events it changes, so the store is consistent after every commit and a rerun after a crash
completes it without duplicates. DuckDB lets one process write a file, or many read it: a reader that
finds the file locked leaves a `FILE.wanted` note and retries; the writer, between two batches, sees the
note and closes the file (`release_if_wanted`) until it commits its next batch, so readers see every
committed batch. Both sides wait a while for a lock the other holds. The schema: docs/schema.md.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .bands import BandIndex, StoryIndex
from .merged import MergedEvents
from .rows import _VALUES, ArticleWriter, _listed
from .schema import MIGRATIONS, UPGRADES
from .spans import SpanIndex

__all__ = ["DEFAULT_PATH", "MIGRATIONS", "Store"]

DEFAULT_PATH = "eventwire.duckdb"
WANTED = ".wanted"  # a reader's note to the writer: close the file between batches
READ_WAIT_S = 15.0  # how long a reader waits for a committing writer
WRITE_WAIT_S = 120.0  # how long a writer waits for readers (a user query stops after --timeout)
CATALOG = "store"  # the name the file is attached under
# DuckDB rewrites the last row group of every table appended to at each checkpoint: with its default of
# 122,880 rows, the checkpoints of a store of 100,000 articles cost 5 times those of an empty one.
ROW_GROUP_ROWS = 16_384


class Store(ArticleWriter, MergedEvents, StoryIndex):
    """One DuckDB file. Open with `read_only=True` for queries: no statement can then change it
    (`allow_files=True` lets a read-only store write exports such as Parquet)."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False,
                 wait_s: float | None = None, allow_files: bool = False) -> None:
        self.path = str(path)
        self.read_only, self.allow_files = read_only, allow_files
        self.wait_s = wait_s if wait_s is not None else (READ_WAIT_S if read_only else WRITE_WAIT_S)
        if read_only and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such store (run `eventwire code ... --store {self.path}`)")
        self._db: Any = None
        self._column_types: dict[str, dict[str, str]] = {}
        self._bands = BandIndex()
        self._spans = SpanIndex()
        self._next_seq: int | None = None  # the seq this process's next article gets, if it wrote last
        self.db  # noqa: B018 - open now, so that a bad path is reported at once

    @property
    def db(self) -> Any:
        """The DuckDB connection, opened (waiting for another process's lock) when first needed."""
        if self._db is None:
            self._db = self._connect()
            if self.read_only:
                if not self.allow_files:
                    self._db.execute("SET enable_external_access = false")
                self._db.execute("SET lock_configuration = true")
            else:
                # handing the file to a reader must not rewrite it: the WAL is checkpointed when it
                # outgrows DuckDB's checkpoint_threshold, and read in by whoever opens next
                self._db.execute("PRAGMA disable_checkpoint_on_shutdown")
                self._migrate()
        return self._db

    def _connect(self) -> Any:
        import duckdb

        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                return _attach(duckdb.connect(), self.path, self.read_only)
            except duckdb.Error as error:
                locked = "lock" in str(error).lower()
                if not locked:
                    raise StoreError(f"{self.path}: cannot be opened ({_first_line(error)})") from None
                _touch(self.path + WANTED)  # a writer between two batches hands the file over
                if time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: in use by another process for over "
                                     f"{self.wait_s:.0f} s") from None
                time.sleep(0.05)

    def release(self) -> None:
        """Close the file so that other processes can open it; the next use opens it again."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def release_if_wanted(self) -> None:
        """Release the file if a reader has asked for it since the last release."""
        try:
            os.unlink(self.path + WANTED)
        except OSError:
            return
        self.release()

    def close(self) -> None:
        self.release()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file now (DuckDB does it by itself once the log outgrows
        its `checkpoint_threshold`, 16 MB by default)."""
        self.db.execute(f"CHECKPOINT {CATALOG}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, "
                         "applied_at TIMESTAMP)")
        pending = self.pending_migrations()
        if not pending:
            return
        with self.transaction():  # all or none: the Python steps are today's code, so they run last
            for name, sql in MIGRATIONS:
                if name in pending:
                    self._db.execute(sql)
            for name in pending:
                if name in UPGRADES:
                    getattr(self, UPGRADES[name])()
                self._db.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])

    def migrations(self) -> set[str]:
        try:
            return {row[0] for row in self.db.execute("SELECT name FROM migrations").fetchall()}
        except Exception:  # noqa: BLE001 - a store made before migrations were recorded
            return set()

    def pending_migrations(self) -> list[str]:
        done = self.migrations()
        return [name for name, _ in MIGRATIONS if name not in done]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN ... COMMIT; any exception, Ctrl-C included, rolls the whole transaction back."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._spans = SpanIndex()  # it may hold what was rolled back
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.db.execute(f"SELECT id FROM articles WHERE id IN {_VALUES}", _listed(wanted, "VARCHAR"))
        return {row[0] for row in rows.fetchall()}

    def record(self, article_id: str) -> dict | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return json.loads(row[0]) if row else None

    # -- reading -----------------------------------------------------------------------------
    def sql(self, statement: str, parameters: list[Any] | None = None,
            timeout_s: float | None = None) -> tuple[list[str], list[tuple]]:
        """Run one statement and fetch its rows; with `timeout_s`, stop it after that many seconds,
        and at once on Ctrl-C."""
        import duckdb

        try:
            if timeout_s is None:
                result = self.db.execute(statement, parameters or [])
                columns = [d[0] for d in result.description] if result.description else []
                return columns, result.fetchall()
            return self._sql_with_timeout(statement, parameters or [], timeout_s)
        except duckdb.InterruptException:
            raise StoreError(f"query stopped after the time limit of {timeout_s:g} s "
                             f"(--timeout)") from None
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: {_first_line(error)}") from None

    def _stop(self, worker: threading.Thread) -> None:
        """Interrupt the statement and wait until its thread has left DuckDB: a process that exits while
        a thread is inside DuckDB aborts ("terminate called without an active exception")."""
        while worker.is_alive():
            self.db.interrupt()
            worker.join(0.2)

    def _sql_with_timeout(self, statement: str, parameters: list[Any],
                          timeout_s: float) -> tuple[list[str], list[tuple]]:
        """The query runs in a worker thread; this thread stays free to take Ctrl-C and to call
        `interrupt()` on the connection when the time is up."""
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                result = self.db.execute(statement, parameters)
                columns = [d[0] for d in result.description] if result.description else []
                outcome["value"] = (columns, result.fetchall())
            except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
                outcome["error"] = error

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        deadline = time.monotonic() + timeout_s
        try:
            while worker.is_alive() and time.monotonic() < deadline:
                worker.join(0.05)
        except KeyboardInterrupt:
            self._stop(worker)
            raise
        if worker.is_alive():
            self._stop(worker)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]



def _touch(path: str) -> None:
    with suppress(OSError):  # a folder readers cannot write to: they wait for the run to end
        Path(path).touch()


def _attach(db: Any, path: str, read_only: bool) -> Any:
    """`db` (an in-memory connection) with the store's file attached and in use; the file's lock is
    taken here, and a lock error raised here."""
    quoted = path.replace("'", "''")
    mode = ", READ_ONLY" if read_only else ""
    try:
        db.execute(f"ATTACH '{quoted}' AS {CATALOG} (ROW_GROUP_SIZE {ROW_GROUP_ROWS}{mode})")
        db.execute(f"USE {CATALOG}")
    except BaseException:
        db.close()
        raise
    return db


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


