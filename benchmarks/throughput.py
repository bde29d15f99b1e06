"""Throughput of eventwire against the bare spaCy pipeline on the same generated news-like corpus.

usage: python benchmarks/throughput.py [--articles 2000] [--words 600]
Prints articles/s, words/s and peak RSS for each, and the ratio eventwire / bare spaCy (one process each).
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from eventwire import Article, Pipeline

ACTORS = ["Russian President Vladimir Putin", "the European Union", "Kenyan police", "Iraqi troops",
          "thousands of protesters", "the Turkish foreign ministry", "Chinese officials", "rebels in Mali",
          "the United Nations", "Brazil's opposition", "Israeli warplanes", "Nigerian soldiers"]
TARGETS = ["Belarus", "Ukraine", "the government in Kabul", "Somali militants", "Venezuela",
           "opposition leaders", "Syrian forces", "the Japanese embassy", "journalists", "Iran"]
ACTIONS = ["condemned", "met with", "imposed sanctions on", "attacked", "promised aid to", "arrested",
           "urged", "threatened", "praised", "accused", "signed an agreement with", "rejected"]
FILLER = ["Analysts said the move could reshape relations in the region for years.",
          "The statement came after a week of tense negotiations in the capital.",
          "Local media reported long queues at fuel stations and markets.",
          "Officials declined to give further details about the timetable.",
          "The weather in the city remained hot and dry for most of the week.",
          "Economists expect growth to slow in the second half of the year."]
DAYS = ["on Monday", "on Tuesday", "last week", "on Friday", "yesterday", "on 9 August"]


def make_corpus(count: int, words: int, seed: int = 11) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        paragraphs, size = [], 0
        while size < words:
            if rng.random() < 0.5:
                line = (f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(TARGETS)} "
                        f"{rng.choice(DAYS)}, officials said.")
            else:
                line = " ".join(rng.sample(FILLER, 2))
            paragraphs.append(line)
            size += len(line.split())
        articles.append(Article(f"bench-{n}", "\n\n".join(paragraphs), published=None))
    return articles


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    corpus = make_corpus(args.articles, args.words)
    total_words = sum(len(a.text.split()) for a in corpus)
    pipeline = Pipeline()
    print(f"corpus: {len(corpus)} articles, {total_words} words; 1 process")

    start = time.perf_counter()
    for _ in pipeline.nlp.pipe((a.text for a in corpus), batch_size=64):
        pass
    bare = time.perf_counter() - start
    print(f"bare spaCy : {len(corpus) / bare:8.1f} articles/s {total_words / bare:10.0f} words/s "
          f"peak RSS {peak_rss_mb():.0f} MB")

    start = time.perf_counter()
    events = sum(len(r.events) for r in pipeline.code_many(corpus))
    ours = time.perf_counter() - start
    print(f"eventwire  : {len(corpus) / ours:8.1f} articles/s {total_words / ours:10.0f} words/s "
          f"peak RSS {peak_rss_mb():.0f} MB, {events} events")
    print(f"ratio eventwire / bare spaCy throughput: {bare / ours:.2f}")


if __name__ == "__main__":
    main()
