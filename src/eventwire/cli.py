"""The command line: a thin face over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import EventwireError, InputError, UsageError
from .evaluate import format_report, read_gold, read_predictions, score
from .ingest import MAX_BYTES, IngestOptions, article_from_record, read_inputs
from .model import Article
from .output import write_jsonl, write_table


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except EventwireError as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the reader went away; keep stdout closed
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventwire", description="Political event data from news text.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    code = commands.add_parser("code", help="code articles into events")
    code.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="a file (text, HTML, JSON Lines, RSS/Atom, WARC, or any of these gzipped), "
                           "a directory (recursive), or - for stdin")
    code.add_argument("--format", choices=("jsonl", "table"), default="table")
    code.add_argument("-o", "--output", help="write here instead of standard output")
    code.add_argument("--strict", action="store_true", help="stop at the first bad input")
    code.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                      help="skip files larger than this (default 50 MB)")
    code.add_argument("--include", action="append", default=[], metavar="GLOB",
                      help="in directories, read only files whose name matches (repeatable)")
    code.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                      help="in directories, skip files whose name matches (repeatable)")
    code.add_argument("--field", action="append", default=[], metavar="NAME=FIELD",
                      help="JSON Lines: read eventwire's NAME (id, text, html, title, published, url, "
                           "outlet) from FIELD (repeatable)")
    code.add_argument("--text-field", help="same as --field text=FIELD")
    code.add_argument("--id-field", help="same as --field id=FIELD")
    code.set_defaults(run=run_code)

    evaluate = commands.add_parser("eval", help="score coding against a gold file")
    evaluate.add_argument("gold")
    evaluate.add_argument("--pred", help="score these predictions instead of coding the gold texts")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(run=run_eval)

    explain = commands.add_parser("explain", help="show why each event was coded or dropped")
    explain.add_argument("text", help="a sentence, or the path of a .txt or .jsonl file")
    explain.add_argument("--published", help="publication date YYYY-MM-DD for relative dates")
    explain.set_defaults(run=run_explain)
    return parser


def _open_output(name: str | None) -> TextIO:
    return open(name, "w", encoding="utf-8") if name else sys.stdout


def ingest_options(args: argparse.Namespace) -> IngestOptions:
    fields = {}
    for item in args.field:
        name, sep, source_field = item.partition("=")
        if not sep or not name or not source_field:
            raise UsageError(f"--field wants NAME=FIELD, got {item!r}")
        fields[name] = source_field
    for name, value in (("text", args.text_field), ("id", args.id_field)):
        if value:
            fields[name] = value
    return IngestOptions(args.max_bytes, fields, tuple(args.include), tuple(args.exclude))


def run_code(args: argparse.Namespace) -> int:
    from .pipeline import Pipeline

    options = ingest_options(args)
    failures: list[InputError] = []
    pipeline = Pipeline()
    write = write_jsonl if args.format == "jsonl" else write_table
    coded = skipped = events = 0

    def articles() -> Iterator[Article]:
        for item in read_inputs(args.inputs, options):
            if isinstance(item, InputError):
                failures.append(item)
                print(f"eventwire: {item}", file=sys.stderr)
                if args.strict:
                    return
                continue
            yield item

    out = _open_output(args.output)
    try:
        for result in pipeline.code_many(articles()):
            if result.skipped:
                skipped += 1
                print(f"eventwire: {result.article.source_path or result.article.id}: skipped, "
                      f"{result.skipped}", file=sys.stderr)
            else:
                coded += 1
                events += len(result.events)
            write(result, out)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"eventwire: {coded} articles coded ({events} events), {skipped} skipped, "
          f"{len(failures)} inputs failed", file=sys.stderr)
    return 2 if failures else 0


def run_eval(args: argparse.Namespace) -> int:
    gold = read_gold(Path(args.gold))
    predictions = read_predictions(Path(args.pred)) if args.pred else _code_gold(gold, args.gold)
    result = score(gold, predictions)
    print(json.dumps(result, indent=1) if args.json else format_report(result))
    return 0


def _code_gold(gold: list[dict], source: str) -> dict[str, list[dict]]:
    from .pipeline import Pipeline

    pipeline = Pipeline()
    articles = (article_from_record(doc, source, n) for n, doc in enumerate(gold, 1))
    return {r.article.id: r.to_json()["events"] for r in pipeline.code_many(articles)}


def run_explain(args: argparse.Namespace) -> int:
    from .ingest import parse_date
    from .pipeline import Pipeline

    pipeline = Pipeline()
    path = Path(args.text)
    if path.is_file():
        items = [i for i in read_inputs([str(path)]) if isinstance(i, Article)]
    else:
        items = [Article("sentence", args.text)]
    for item in items:
        item.published = item.published or parse_date(args.published, "--published")
    for result in pipeline.code_many(items):
        _print_explanation(result)
    return 0


def _print_explanation(result: object) -> None:
    text = result.article.text
    print(f"== {result.article.id}")
    skipped = [b for b in result.blocks if b.kind != "story"]
    for block in skipped:
        print(f"  not coded ({block.kind}): {text[block.start:block.end].strip()[:80]!r}")
    for event in result.events:
        print(f"\nEVENT {event.type} {event.cameo} confidence={event.confidence:.2f} "
              f"certainty={event.certainty} date={event.date} ({event.date_precision})")
        print(f"  sentence {event.sentence}: {' '.join(text[event.start:event.end].split())}")
        print(f"  source: {[a.code for a in event.source]}  target: {[a.code for a in event.target]}")
        for step in event.trace:
            print(f"  - {step}")
    for dropped in result.dropped:
        print(f"\nDROPPED {dropped.trigger!r} ({dropped.cameo}) in sentence {dropped.sentence}: "
              f"{dropped.reason}")


if __name__ == "__main__":
    sys.exit(main())
