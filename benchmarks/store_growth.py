"""What adding articles to a large store costs, against adding them to an empty one.

usage: python benchmarks/store_growth.py [--stored 100000] [--added 1000] [--batch-size 50]
                                        [--cache CODED.pkl] [--big-cache BIG.duckdb]

Builds a store of `--stored` synthetic articles once (rows generated in SQL, not coded: three events each,
half of them on the dyads the added articles report, dated over two years; stories and merged events
built as a run would leave them) and says how long that took. Then codes `--added` generated news-like
articles once and stores them, batch by batch exactly as `eventwire code` does (one transaction per
batch with stories and merged events), into an empty store and into the large one, and prints both times
and their ratio (the goal: at most 1.5), and what one checkpoint (folding the write-ahead log into the
file, which DuckDB does every 16 MB of log) costs in each, and the CPU time with the articles' share of it.
A warm-up batch into a third store first takes imports and DuckDB's JSON reader off both timings.
`--big-cache FILE` keeps the large store between runs (a cache of an older layout is migrated on a copy
before the timings; delete it to skip that).
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import random
import shutil
import tempfile
import time
from pathlib import Path

from throughput import make_corpus

from eventwire import Pipeline
from eventwire.run import store_batch
from eventwire.store import Store

SYNTHETIC_SQL = """
INSERT INTO articles (id, source_path, url, outlet, title, published, text, skipped, meta, record, story_id,
                      story_overlap, signature, coded_at, seq, facts)
SELECT 'syn-' || i, NULL, NULL, 'outlet ' || (i % 97), 'synthetic ' || i, DATE '2023-07-01' + (i % 730)::INT,
       'synthetic article ' || i, NULL, '{}', '{"id": "syn"}', 'syn-' || i, 1.0,
       list_transform(range(128), x -> hash(i, x)), TIMESTAMP '2025-01-01', i + 1,
       ['N' || (i % 1000)]
FROM range(?) t(i);
INSERT INTO story_bands SELECT (hash(i, b) >> 1)::BIGINT, i + 1 FROM range(?) t(i), range(42) s(b);
"""
EVENTS_SQL = """
INSERT INTO events (event_id, article_id, type, mode, cameo, root, source_codes, target_codes, date,
                    date_precision, confidence, goldstein, quad_class, certainty, attributed_to, size,
                    sentence, start_char, end_char, num_mentions)
SELECT 'se-' || i || '-' || j, 'syn-' || i, k.type, 'x', k.root || '0', k.root, k.source, k.target,
       DATE '2023-07-01' + (i % 730)::INT - (j % 2)::INT, 'day', 0.8, -2.0, 3, 'asserted', NULL, NULL,
       j, 0, 10, 1
FROM range(?) t(i), range(3) s(j),
     (SELECT unnest(?::STRUCT(n INT, type VARCHAR, root VARCHAR, source VARCHAR[], target VARCHAR[])[],
                    recursive := true)) k
WHERE k.n = hash(i, j) % ?;
INSERT INTO mentions SELECT event_id, article_id, 0, 0, 10, 'said', 0, 0, 5 FROM events;
INSERT INTO actors SELECT event_id, 'source', 0, source_codes[1], 'someone', 0, 5 FROM events;
"""


def build_big_store(path: Path, count: int, keys: list[tuple]) -> float:
    rng = random.Random(3)
    codes = ["RUS", "UKR", "USA", "CHN", "ISR", "PSE", "IRN", "KEN", "NGA", "TUR", "FRA", "DEU"]
    roles = ["GOV", "MIL", "COP", "CVL", "OPP", "REB", ""]
    space = [dict(zip(("type", "root", "source", "target"), key, strict=True)) for key in keys]
    while len(space) < 2 * len(keys) + 2000:  # as many other dyads again, and some more
        space.append({"type": rng.choice(["ACCUSE", "ASSAULT", "AGREE", "PROTEST", "REQUEST"]),
                      "root": rng.choice(["11", "18", "03", "14", "10"]),
                      "source": [rng.choice(codes) + rng.choice(roles)],
                      "target": [rng.choice(codes) + rng.choice(roles)]})
    started = time.perf_counter()
    with Store(path) as store, store.transaction():
        first, second = SYNTHETIC_SQL.strip().split(";\n", 1)
        store.db.execute(first, [count])
        store.db.execute(second.rstrip(";\n"), [count])
        numbered = [{"n": n, **item} for n, item in enumerate(space)]
        statements = [s for s in EVENTS_SQL.strip().split(";\n") if s.strip()]
        store.db.execute(statements[0], [count, numbered, len(numbered)])
        for statement in statements[1:]:
            store.db.execute(statement.rstrip(";"))
        store.rebuild_merged()
    return time.perf_counter() - started


def _big_store(path: Path, count: int, keys: list[tuple], cache: Path | None) -> float:
    """Build the large store, or copy it from the cache (the build time printed is then the copy's);
    a copy of an older layout is migrated here, not in the timed run, and the cache left as it was."""
    if cache and cache.exists():
        started = time.perf_counter()
        shutil.copyfile(cache, path)
        copied = time.perf_counter() - started
        with Store(path, read_only=True) as store:
            pending = store.pending_migrations()
        if pending:
            started = time.perf_counter()
            with Store(path) as store:
                store.checkpoint()
            print(f"migrated the copy of the large store ({', '.join(pending)}) in "
                  f"{time.perf_counter() - started:.1f} s (not counted below)")
        return copied
    built = build_big_store(path, count, keys)
    with Store(path) as store:
        store.checkpoint()
    if cache:
        shutil.copyfile(path, cache)
    return built


def add(path: Path, coded: list, batch_size: int) -> tuple[float, float, float, float]:
    """Wall-clock and CPU seconds (all threads of this process) to store the coded articles, the size
    of the write-ahead log they left (MB), and the CPU seconds of one checkpoint folding it in."""
    started, cpu = time.perf_counter(), time.process_time()
    with Store(path) as store:
        for start in range(0, len(coded), batch_size):
            store_batch(store, coded[start:start + batch_size])
            store.release_if_wanted()
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        log = Path(str(path) + ".wal").stat().st_size / 2**20 if Path(str(path) + ".wal").exists() else 0
        cpu = time.process_time()
        store.checkpoint()
        return wall, used, log, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--added", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--cache", type=Path, help="keep the coded articles in this pickle between runs")
    parser.add_argument("--big-cache", type=Path, help="keep a copy of the large store in this file between "
                        "runs (made by the same --stored and --cache; delete it after changing the schema)")
    args = parser.parse_args()
    articles = make_corpus(args.added, 150, seed=23)
    rng = random.Random(4)
    for article in articles:
        article.id = "new-" + article.id
        article.published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(180))
    started = time.perf_counter()
    if args.cache and args.cache.exists():
        coded = pickle.loads(args.cache.read_bytes())
    else:
        coded = list(Pipeline().code_many(articles))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(coded))
    keys = sorted({(e.type, e.cameo[:2], tuple(sorted(a.code for a in e.source)),
                    tuple(sorted(a.code for a in e.target))) for c in coded for e in c.events})
    print(f"coded {len(coded)} articles to add ({sum(len(c.events) for c in coded)} events, "
          f"{len(keys)} dyads) in {time.perf_counter() - started:.1f} s (not counted below)")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.duckdb"
        built = _big_store(big, args.stored, keys, args.big_cache)
        with Store(big, read_only=True) as store:
            sizes = {t: store.sql(f"SELECT count(*) FROM {t}")[1][0][0]
                     for t in ("articles", "events", "merged_events")}
        print(f"built the large store once: {sizes} in {built:.1f} s "
              f"({big.stat().st_size / 2**20:.0f} MB)")
        add(Path(folder) / "warm.duckdb", coded[:args.batch_size], args.batch_size)  # imports, JSON reader
        empty = add(Path(folder) / "empty.duckdb", coded, args.batch_size)
        large = add(big, coded, args.batch_size)
    print(f"\nadding {len(coded)} articles in batches of {args.batch_size}:    wall s    CPU s")
    print(f"  to an empty store                        {empty[0]:7.2f}  {empty[1]:7.2f}")
    print(f"  to a store of {args.stored:>9,} articles        {large[0]:7.2f}  {large[1]:7.2f}")
    ratios = f"{large[0] / empty[0]:7.2f}  {large[1] / empty[1]:7.2f}"
    print(f"  ratio (goal <= 1.5)                      {ratios}")
    print(f"\nthe write-ahead log they left: {empty[2]:.1f} MB; DuckDB folds it into the file every 16 MB "
          f"of log: one checkpoint took {empty[3]:.2f} CPU s in the empty store, {large[3]:.2f} in the "
          f"large one (it rewrites the last row group of each table appended to: up to 16,384 rows)")
    share = max(empty[2], large[2]) / 16  # the checkpoints these articles' log calls for
    with_share = empty[1] + share * empty[3], large[1] + share * large[3]
    print(f"CPU s with their share of checkpoints ({share:.2f} of one): {with_share[0]:.2f} and "
          f"{with_share[1]:.2f}, ratio {with_share[1] / with_share[0]:.2f}")


if __name__ == "__main__":
    main()
