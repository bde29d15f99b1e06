"""CPU time the coder and the enrich stage spend per article, on documents parsed once beforehand.

usage: python benchmarks/coding_cost.py [--articles 100] [--words 600] [--repeat 5] [--jsonl FILE] [--profile]

Parses the corpus (the throughput benchmark's generated news, or the first `--articles` records of a JSONL
file such as a dev gold file) once, then codes the parsed documents `--repeat` times and enriches the coded
articles each time, timing both with `time.process_time` (CPU time of this process, which other work on a
shared machine disturbs less than wall time). Prints the best and median CPU ms per article for coding and
for enrichment, and the parse time for scale. `--profile` prints the top of a cProfile of one coding round
(cProfile inflates Python-heavy code, so read it for where, not how much).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

from eventwire import Pipeline
from eventwire.coding import parsed
from eventwire.enrich import enrich
from eventwire.ingest.jsonl import article_from_record
from eventwire.model import Article, CodedArticle
from eventwire.text.nlp import Document

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus  # noqa: E402


def read_articles(path: str, count: int) -> list[Article]:
    articles = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if len(articles) == count:
                break
            if line.strip():
                articles.append(article_from_record(json.loads(line), path, number))
    return articles


def code_all(pipeline: Pipeline, documents: list[Document]) -> tuple[list[CodedArticle], float]:
    parsed.forget()  # as if the documents were new
    started = time.process_time()
    coded = [pipeline._code_document(document) for document in documents]
    return coded, time.process_time() - started


def enrich_all(coded: list[CodedArticle]) -> float:
    started = time.process_time()
    for item in coded:
        enrich(item)
    return time.process_time() - started


def profile(pipeline: Pipeline, documents: list[Document], lines: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    code_all(pipeline, documents)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jsonl", help="code the first --articles records of this JSONL file instead")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one coding round")
    args = parser.parse_args()
    if args.jsonl:
        corpus = read_articles(args.jsonl, args.articles)
    else:
        corpus = make_corpus(args.articles, args.words)
    pipeline = Pipeline()
    started = time.process_time()
    documents = [pipeline.parse(article) for article in corpus]
    parsing = time.process_time() - started
    if args.profile:
        profile(pipeline, documents, 45)
        return
    coding, enriching, events = [], [], 0
    for _ in range(args.repeat):
        coded, seconds = code_all(pipeline, documents)
        coding.append(seconds)
        enriching.append(enrich_all(coded))
        events = sum(len(c.events) for c in coded)
    count = len(documents)
    words = sum(len(a.text.split()) for a in corpus)
    print(f"{count} articles ({words / count:.0f} words each), {events} events; "
          f"parsing {1000 * parsing / count:.1f} CPU ms/article (once)")
    for name, times in (("coding", coding), ("enrichment", enriching)):
        best, median = 1000 * min(times) / count, 1000 * statistics.median(times) / count
        print(f"{name:11s} best {best:7.1f}  median {median:7.1f}  CPU ms/article over {len(times)} rounds")


if __name__ == "__main__":
    main()
