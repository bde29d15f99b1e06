"""The REST API on loopback: `eventwire serve` in its own process, driven by an async HTTP client.

usage: python benchmarks/api.py [--seconds 30] [--articles 100] [--words 600]
1. codes examples/ and --articles generated news-like articles into a fresh store (not timed);
2. GET /v1/events (a page of 100) at concurrency 16 for --seconds;
3. POST /v1/code with ~600-word articles (a new one each request, not stored) at concurrency 4 for
   --seconds (the first request loads the model; it is made before the clock starts).
Prints requests/s, p50 and p99 latency, the count of 5xx and failed requests, and the server's resident
memory before and after each phase. Bounded: each phase stops after --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus  # noqa: E402

from eventwire.options import load_options  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.run import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fill_store(path: str, articles: int, words: int) -> None:
    corpus = make_corpus(articles, words, seed=5)
    report = run([str(ROOT / "examples"), *corpus], load_options().but(store=path), Pipeline())
    print(f"store: {report.summary()}", file=sys.stderr)


def start_server(store: str, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "eventwire", "serve", "--store", store, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


Result = tuple[list[float], dict[int, int], int]  # latencies, count by status, failed requests


async def load(base: str, concurrency: int, seconds: float, request) -> Result:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        async def worker(number: int) -> None:
            nonlocal failures
            sent = 0
            while time.monotonic() < stop:
                began = time.perf_counter()
                try:
                    response = await request(client, number, sent)
                except httpx.HTTPError:
                    failures += 1
                    continue
                finally:
                    sent += 1
                latencies.append(time.perf_counter() - began)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return latencies, statuses, failures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(name: str, concurrency: int, seconds: float, result: Result, rss: tuple[float, float]) -> None:
    latencies, statuses, failures = result
    errors = sum(count for status, count in statuses.items() if status >= 500)
    print(f"| {name} | {concurrency} | {len(latencies)} | {len(latencies) / seconds:.1f} | "
          f"{percentile(latencies, 0.5) * 1000:.0f} | {percentile(latencies, 0.99) * 1000:.0f} | "
          f"{errors} | {failures} | {rss[0]:.0f} -> {rss[1]:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "bench.duckdb")
        fill_store(store, args.articles, args.words)
        port = free_port()
        server = start_server(store, port)
        base = f"http://127.0.0.1:{port}"
        try:
            print("| request | concurrency | requests | requests/s | p50 ms | p99 ms | 5xx | failed | "
                  "server RSS MB |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            started = before = rss_mb(server.pid)
            events = asyncio.run(load(base, 16, args.seconds,
                                      lambda client, n, i: client.get("/v1/events", params={"limit": 100})))
            report("GET /v1/events", 16, args.seconds, events, (before, rss_mb(server.pid)))
            texts = [a.text for a in make_corpus(4 * 400, args.words, seed=9)]
            httpx.post(f"{base}/v1/code", content=texts[0], headers={"content-type": "text/plain"},
                       timeout=120)  # loads the model before the clock starts
            before = rss_mb(server.pid)

            def post(client: httpx.AsyncClient, worker: int, sent: int):
                text = texts[(worker * 400 + sent) % len(texts)]
                return client.post("/v1/code", content=text, headers={"content-type": "text/plain"})

            coded = asyncio.run(load(base, 4, args.seconds, post))
            after = rss_mb(server.pid)
            report(f"POST /v1/code (~{args.words} words)", 4, args.seconds, coded, (before, after))
            print(f"\nserver RSS: {started:.0f} MB at start, {before:.0f} MB with the model loaded, "
                  f"{after:.0f} MB at the end")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
