"""Bounded memory and time on hostile or huge inputs: each case runs `eventwire code` in a fresh process on
inputs built in a temporary folder, and prints what happened with the process's peak RSS.

usage: python benchmarks/limits.py [--case bomb|warc|long|all] [--doc-mb 20] [--bomb-gb 4] [--warc-gb 1]
                                   [--section-chars N]

- bomb: a .gz of a few MB holding GBs of zeros, next to a good article: refused with one line? other
  input coded? peak RSS (issue: under 500 MB).
- warc: a WARC.gz whose first page is a record of a GB, then an ordinary page: the big record refused,
  the ordinary page coded, peak RSS.
- long: ordinary ~600-word articles (words/s), then one document of --doc-mb MB made of such articles:
  words/s, the ratio to ordinary articles (issue: at least 0.5) and peak RSS (issue: under 1.5 GB).
  Words/s are given per wall-clock and per CPU second; the ratio uses CPU time, which other jobs on
  the machine disturb less.
  20 MB takes 10-20 minutes on one busy core; --doc-mb 2 gives the numbers in a minute or two;
  --section-chars compares section sizes.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus  # noqa: E402 - the same generated articles as the throughput bench

from eventwire.pipeline import SECTION_CHARS  # noqa: E402

STORY = "Kenyan troops attacked rebel camps in Somalia on Friday, the army said.\n"
TIMEOUT_S = {"bomb": 600, "warc": 600, "long": 3600}
MB = 1 << 20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def code(inputs: list[str], output: Path) -> tuple[list[str], float]:
    """`eventwire code` in this process; its stderr lines and the seconds it took."""
    from eventwire.faces.cli import main

    errors = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(errors):
        main(["code", *inputs, "--no-store", "--format", "jsonl", "-o", str(output)])
    return errors.getvalue().splitlines(), time.perf_counter() - start


def coded_ids(output: Path) -> list[str]:
    return [json.loads(line)["id"] for line in output.read_text().splitlines()
            if not json.loads(line).get("skipped")]


# -- inputs ----------------------------------------------------------------------------------------
def write_bomb(path: Path, gigabytes: float) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(16 * MB)
    with path.open("wb") as handle:
        for _ in range(int(gigabytes * 1024 / 16)):
            handle.write(packer.compress(block))
        handle.write(packer.flush())


def write_warc(path: Path, gigabytes: float) -> None:
    """A WARC.gz, one gzip member per record: a page of `gigabytes`, then an ordinary page."""
    paragraph = b"<p>" + STORY.encode() + b"</p>\n"
    big_size = int(gigabytes * 1024 * MB) // len(paragraph) * len(paragraph)
    with path.open("wb") as handle:
        _write_record(handle, "https://example.org/huge", big_size,
                      (paragraph for _ in range(big_size // len(paragraph))))
        page = b"<html><head><title>Raid</title></head><body>" + paragraph * 5 + b"</body></html>"
        _write_record(handle, "https://example.org/2024/05/01/raid", len(page), iter([page]))


def _write_record(handle: io.BufferedWriter, url: str, size: int, body: object) -> None:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + size}\r\n\r\n").encode()
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    handle.write(packer.compress(head + http))
    pending = bytearray()
    for piece in body:
        pending += piece
        if len(pending) >= 4 * MB:
            handle.write(packer.compress(bytes(pending)))
            pending.clear()
    handle.write(packer.compress(bytes(pending) + b"\r\n\r\n"))
    handle.write(packer.flush())


# -- cases (each in its own process) --------------------------------------------------------------
def case_bomb(folder: Path, args: argparse.Namespace) -> dict:
    bomb, good = folder / "bomb.txt.gz", folder / "good.txt"
    write_bomb(bomb, args.bomb_gb)
    good.write_text(STORY)
    return refusal(f"gzip bomb: {bomb.stat().st_size / MB:.1f} MB .gz of {args.bomb_gb:g} GB of zeros",
                   [bomb, good], "bomb.txt.gz", "good input coded", folder)


def case_warc(folder: Path, args: argparse.Namespace) -> dict:
    crawl = folder / "crawl.warc.gz"
    write_warc(crawl, args.warc_gb)
    return refusal(f"WARC.gz of {crawl.stat().st_size / MB:.1f} MB, a {args.warc_gb:g} GB record first",
                   [crawl], "#https://example.org/huge", "other page coded", folder)


def refusal(case: str, inputs: list[Path], marker: str, coded: str, folder: Path) -> dict:
    """Code the inputs: one line should refuse the oversized one (`marker`), and one article be coded."""
    lines, seconds = code([str(path) for path in inputs], folder / "out.jsonl")
    refusals = [line for line in lines if marker in line]
    return {"case": case, "refused with one line": len(refusals) == 1,
            "line": refusals[0] if refusals else None,
            coded: len(coded_ids(folder / "out.jsonl")) == 1,
            "seconds": round(seconds, 1), "peak RSS MB": round(peak_rss_mb())}


def case_long(folder: Path, args: argparse.Namespace) -> dict:
    from eventwire import Pipeline
    from eventwire.ingest import read_inputs

    progress: list[int] = []
    pipeline = Pipeline(section_chars=args.section_chars,
                        progress=lambda article, done, total: progress.append(done))
    ordinary = make_corpus(300, 600, seed=5)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in pipeline.code_many(ordinary):
        pass
    ordinary_words = sum(len(a.text.split()) for a in ordinary)
    ordinary_cpu = ordinary_words / (time.process_time() - cpu)
    ordinary_wall = ordinary_words / (time.perf_counter() - start)
    rss_ordinary = peak_rss_mb()
    document = write_long_document(folder / "long.txt", args.doc_mb)
    start, cpu = time.perf_counter(), time.process_time()
    [article] = read_inputs([str(document)])
    words = len(article.text.split())
    [result] = pipeline.code_many([article])
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {"case": f"one document of {document.stat().st_size / MB:.1f} MB ({words:,} words), "
                    f"sections of {args.section_chars:,} characters",
            "events": len(result.events),
            "ordinary words/s (wall, CPU)": [round(ordinary_wall), round(ordinary_cpu)],
            "long document words/s (wall, CPU)": [round(words / seconds), round(words / cpu_seconds)],
            "ratio (CPU)": round(words / cpu_seconds / ordinary_cpu, 2),
            "seconds": round(seconds), "progress calls": len(progress),
            "peak RSS MB (ordinary)": round(rss_ordinary), "peak RSS MB": round(peak_rss_mb())}


def write_long_document(path: Path, megabytes: float) -> Path:
    """Ordinary generated articles one after another, as a book-length text file."""
    with path.open("w") as handle:
        seed = 100
        while handle.tell() < megabytes * MB:
            handle.write("\n\n".join(a.text for a in make_corpus(50, 600, seed=seed)) + "\n\n")
            seed += 1
    return path


CASES = {"bomb": case_bomb, "warc": case_warc, "long": case_long}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=[*CASES, "all"], default="all")
    parser.add_argument("--doc-mb", type=float, default=20)
    parser.add_argument("--bomb-gb", type=float, default=4)
    parser.add_argument("--warc-gb", type=float, default=1)
    parser.add_argument("--section-chars", type=int, default=SECTION_CHARS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        with tempfile.TemporaryDirectory(prefix="eventwire-limits-") as folder:
            print(json.dumps(CASES[args.case](Path(folder), args)))
        return
    for name in CASES if args.case == "all" else [args.case]:
        command = [sys.executable, __file__, "--child", "--case", name, "--doc-mb", str(args.doc_mb),
                   "--bomb-gb", str(args.bomb_gb), "--warc-gb", str(args.warc_gb),
                   "--section-chars", str(args.section_chars)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S[name])
        except subprocess.TimeoutExpired:
            print(f"{name}: stopped after {TIMEOUT_S[name]} s")
            continue
        result = done.stdout.strip().splitlines()[-1:] or [f"failed: {done.stderr.strip()[-500:]}"]
        print(f"{name}: {result[0]}", flush=True)


if __name__ == "__main__":
    main()
