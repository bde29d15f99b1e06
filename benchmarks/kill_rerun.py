"""kill -9 at random moments of a run, each followed by a rerun: the store must equal a clean run's.

usage: python benchmarks/kill_rerun.py [--inputs 2000] [--kills 10] [--batch-size 25] [--seed 1]

Writes --inputs mixed inputs (short news-like records, rewrites of some of them, non-English texts, bad
JSON lines, records without text, empty and binary files), codes them once into a clean store, then, for
each kill, starts `eventwire code` on an empty store, kills it with SIGKILL at a random moment of the
run, reruns the same command to completion and compares every table (articles, events, mentions,
actors, merged events and members) and the JSON Lines and GDELT exports with the clean store's.
`coded_at` (when a row was stored, also in each record's citation) is the one value that may differ and is
left out.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.store import Store
from eventwire.store.export import export

ACTORS = ["Kenyan police", "Ugandan troops", "Nigerian soldiers", "Turkish police", "Rebels in Mali",
          "Israeli warplanes", "Russian forces", "Protesters in Lima", "The European Union", "Iran"]
ACTIONS = ["arrested {n} protesters in", "attacked a convoy near", "condemned the elections in",
           "imposed sanctions on officials in", "met opposition leaders in", "shelled villages near"]
PLACES = ["Nairobi", "Gulu", "Maiduguri", "Istanbul", "Gao", "Gaza", "Kharkiv", "Lima", "Minsk", "Basra"]
FRENCH = "Le gouvernement a annoncé lundi de nouvelles mesures contre la corruption, selon le ministère."
TABLES = {"articles": "id", "events": "event_id", "mentions": "event_id, start_char",
          "actors": "event_id, side, position", "merged_events": "merged_id",
          "merged_members": "merged_id, event_id", "story_bands": "band_key, seq"}


def write_inputs(folder: Path, count: int, rng: random.Random) -> None:
    """About nine in ten inputs good, spread over JSON Lines files and text files."""
    records, texts = [], []
    for n in range(count):
        roll = rng.random()
        if roll < 0.05:
            records.append("{broken json " + str(n))
        elif roll < 0.08:
            records.append(json.dumps({"id": f"x{n}", "title": "no text"}))
        elif roll < 0.10:
            texts.append((f"t{n}.txt", b"" if n % 2 else bytes(range(256)) * 4))
        elif roll < 0.12:
            records.append(json.dumps({"id": f"f{n}", "text": FRENCH}))
        else:
            sentence = (f"{rng.choice(ACTORS)} {rng.choice(ACTIONS).format(n=rng.randint(2, 300))} "
                        f"{rng.choice(PLACES)} on Monday, officials said.")
            if records and rng.random() < 0.15:  # a rewrite of an earlier report
                earlier = json.loads(rng.choice([r for r in records if r.startswith('{"id": "g')] or
                                                [json.dumps({"text": sentence})]))
                sentence = "From our wire service: " + earlier["text"]
            records.append(json.dumps({"id": f"g{n}", "text": sentence, "published": "2024-05-06",
                                       "outlet": f"outlet {n % 7}"}))
    for part in range(4):
        (folder / f"part{part}.jsonl").write_text("\n".join(records[part::4]) + "\n")
    for name, data in texts:
        (folder / name).write_bytes(data)


def command(inputs: Path, db: Path, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "eventwire", "code", str(inputs), "--store", str(db), "--batch-size",
            str(batch_size), "-o", os.devnull]


def snapshot(db: Path) -> dict[str, object]:
    """Every table and export of a store, with `coded_at` set to one value."""
    copy = db.with_name(db.stem + "-snapshot.duckdb")
    shutil.copy(db, copy)
    if Path(str(db) + ".wal").exists():
        shutil.copy(str(db) + ".wal", str(copy) + ".wal")
    with Store(copy) as store, store.transaction():
        store.db.execute("UPDATE articles SET coded_at = TIMESTAMP '2025-01-01 00:00:00', record = "
                         "json_merge_patch(record, '{\"citation\": {\"coded_at\": \"-\"}}')")
    tables: dict[str, object] = {}
    with Store(copy, read_only=True) as store:
        for table, order in TABLES.items():
            exclude = " EXCLUDE (coded_at)" if table == "articles" else ""
            tables[table] = store.sql(f"SELECT *{exclude} FROM {table} ORDER BY {order}")[1]
        for fmt in ("jsonl", "gdelt-events", "gdelt-mentions"):
            out = io.StringIO()
            export(store, fmt, out, None)
            tables[fmt] = out.getvalue()
    for path in (copy, Path(str(copy) + ".wal")):
        path.unlink(missing_ok=True)
    return tables


def differences(first: dict[str, object], second: dict[str, object]) -> list[str]:
    return [name for name in first if first[name] != second[name]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs"
        inputs.mkdir()
        write_inputs(inputs, args.inputs, rng)
        clean = Path(folder) / "clean.duckdb"
        started = time.perf_counter()
        subprocess.run(command(inputs, clean, args.batch_size), capture_output=True)
        duration = time.perf_counter() - started
        reference = snapshot(clean)
        print(f"clean run: {len(reference['articles'])} articles, {len(reference['events'])} events, "
              f"{len(reference['merged_events'])} merged events in {duration:.1f} s")
        failures = 0
        for kill in range(1, args.kills + 1):
            db = Path(folder) / f"killed{kill}.duckdb"
            moment = rng.uniform(0.05, 1.0) * duration
            process = subprocess.Popen(command(inputs, db, args.batch_size), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(moment)
            process.send_signal(signal.SIGKILL)
            process.wait()
            partial = 0
            if db.exists():
                with Store(db, read_only=True) as store:
                    partial = store.sql("SELECT count(*) FROM articles")[1][0][0]
            rerun = subprocess.run(command(inputs, db, args.batch_size), capture_output=True, text=True)
            differing = differences(reference, snapshot(db))
            failures += bool(differing)
            print(f"kill {kill:2d} at {moment:5.1f} s: {partial:5d} articles stored when killed; rerun exit "
                  f"{rerun.returncode}; " + (f"DIFFERS in {', '.join(differing)}" if differing
                                             else "store equals the clean run's"))
            for path in (db, Path(str(db) + ".wal")):
                path.unlink(missing_ok=True)
        print(f"\n{args.kills - failures} of {args.kills} killed runs, rerun, equal the clean run's store")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
