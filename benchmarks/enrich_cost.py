"""Share of coding time spent in the enrich stage, measured on the throughput benchmark's corpus.

usage: python benchmarks/enrich_cost.py [--articles 200] [--words 600]
Codes the corpus with the enrich stage switched off, then enriches the coded articles, timing both
in the same process (a machine shared with other work slows both alike). Prints the two times, the
one-off load of the gazetteer and lexicon, and the throughput lost to enrichment.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import eventwire.pipeline as pipeline_module
from eventwire import Pipeline
from eventwire.enrich import enrich
from eventwire.enrich.gazetteer import gazetteer
from eventwire.enrich.tone import lexicon

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    corpus = make_corpus(args.articles, args.words)
    started = time.perf_counter()
    gazetteer(), lexicon()
    load = time.perf_counter() - started
    pipeline_module.enrich = lambda coded: coded  # code without the stage
    pipeline = Pipeline()
    started = time.perf_counter()
    coded = list(pipeline.code_many(corpus))
    coding = time.perf_counter() - started
    started = time.perf_counter()
    for item in coded:
        enrich(item)
    enriching = time.perf_counter() - started
    events = sum(len(c.events) for c in coded)
    print(f"{len(coded)} articles, {events} events")
    print(f"coding {coding:.2f} s, enrichment {enriching:.2f} s, one-off load of gazetteer and lexicon "
          f"{load:.2f} s")
    print(f"throughput lost to enrichment: {enriching / (coding + enriching):.1%}")


if __name__ == "__main__":
    main()
