"""The command line: a thin face over the Python API."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from ..errors import EventwireError, InputError, StoreError, UsageError
from ..evaluate import format_report, read_gold, read_predictions, score
from ..ingest import IngestOptions, article_from_record, read_inputs
from ..model import Article, CodedArticle
from ..options import Options, default_store, load_options
from ..run import RunListener, run
from ..store import Store
from ..store.export import FORMATS, export, json_line
from ..store.query import Filters, build_query
from .output import ROW_FORMATS, write_explanation, write_jsonl, write_rows, write_table
from .progress import Listeners, Progress


def main(argv: list[str] | None = None) -> int:
    """Every failure ends here as one line on standard error and a non-zero exit, never a traceback
    (set EVENTWIRE_DEBUG=1 to see one for an internal error)."""
    try:
        args = _parser().parse_args(argv)
        return args.run(args)
    except EventwireError as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the reader went away; keep stdout closed
        return 0
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"eventwire: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        print(f"eventwire: internal error ({type(error).__name__}: {error}); please report it",
              file=sys.stderr)
        return 70


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line (the usage is in --help)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"wants a whole number of at least 1, got {text}")
    return value


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"wants a number from 0 to 1, got {text}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"wants a number of seconds above 0, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="eventwire", description="Political event data from news text.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    for add_commands in (_add_code, _add_reading, _add_evaluation, _add_serve):
        add_commands(commands)
    return parser


def _add_code(commands: argparse._SubParsersAction) -> None:
    code = commands.add_parser("code", help="code articles into events")
    code.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="a file (text, HTML, JSON Lines, RSS/Atom, WARC, or any of these gzipped), "
                           "a directory (recursive), or - for stdin")
    code.add_argument("--format", choices=("jsonl", "table"), default="table")
    code.add_argument("-o", "--output", help="write here instead of standard output")
    code.add_argument("--strict", action="store_true", help="stop at the first bad input")
    code.add_argument("--max-bytes", type=_count,
                      help="refuse a document (a file, standard input, one JSON Lines record or WARC "
                           "page) over this many bytes after decompression (default 50 MB; a 20 MB document "
                           "was measured to code in under 0.5 GB); documents over 100,000 characters "
                           "are coded in sections, with progress on stderr")
    code.add_argument("--follow-links", action="store_true",
                      help="in directories, follow symbolic links to folders (each file is still read once)")
    code.add_argument("--include", action="append", default=[], metavar="GLOB",
                      help="in directories, read only files whose name matches (repeatable)")
    code.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                      help="in directories, skip files whose name matches (repeatable)")
    code.add_argument("--field", action="append", default=[], metavar="NAME=FIELD",
                      help="JSON Lines: read eventwire's NAME (id, text, html, title, published, url, "
                           "outlet) from FIELD (repeatable)")
    code.add_argument("--text-field", help="same as --field text=FIELD")
    code.add_argument("--id-field", help="same as --field id=FIELD")
    code.add_argument("--config", metavar="FILE",
                      help="a TOML settings file over the shipped defaults (default: ./eventwire.toml "
                           "when present)")
    code.add_argument("--store",
                      help="DuckDB store to add the coded articles to (default: $EVENTWIRE_STORE or "
                           "./eventwire.duckdb)")
    code.add_argument("--no-store", action="store_true", help="code without storing")
    code.add_argument("--actors", action="append", default=[], metavar="FILE",
                      help="a PETRARCH-format actor dictionary to consult after eventwire's own "
                           "knowledge base (repeatable)")
    code.add_argument("--batch-size", type=_count,
                      help="articles stored per transaction (default 50)")
    code.add_argument("--jobs", type=int, metavar="N",
                      help="worker processes that parse and code (default: the machine's cores)")
    code.add_argument("--dask", metavar="ADDRESS",
                      help="code on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local:N")
    code.add_argument("-q", "--quiet", action="store_true", help="no progress bar or progress lines")
    code.add_argument("-v", "--verbose", action="store_true", help="progress adds a line per input file")
    code.set_defaults(run=run_code)


def _add_reading(commands: argparse._SubParsersAction) -> None:
    stories = commands.add_parser("stories", help="list stories: articles that copy or rewrite each other")
    stories.add_argument("--store", default=default_store())
    stories.add_argument("--min-articles", type=int, default=1)
    stories.add_argument("--format", choices=ROW_FORMATS, default="table",
                         help="json: one JSON array; jsonl: one JSON object per line")
    stories.set_defaults(run=run_stories)

    query = commands.add_parser("query", help="filter the stored events, or run read-only SQL")
    query.add_argument("--store", default=default_store())
    for name in ("actor", "source", "target", "type", "cameo", "since", "until", "outlet"):
        query.add_argument(f"--{name}")
    query.add_argument("--merged", action="store_true",
                       help="events merged across articles, with NumMentions/NumSources/NumArticles")
    query.add_argument("--min-confidence", type=_share, metavar="P",
                       help="only events coded with at least this confidence (0-1)")
    query.add_argument("--limit", type=_count)
    query.add_argument("--sql", help="a read-only SQL statement over the store's tables")
    query.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                       help="stop a --sql statement after this long (default 30; Ctrl-C stops it at once)")
    query.add_argument("--format", choices=ROW_FORMATS, default="table",
                       help="json: one JSON array; jsonl: one JSON object per line")
    query.set_defaults(run=run_query)

    export = commands.add_parser("export", help="export the store")
    export.add_argument("--store", default=default_store())
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("-o", "--output", help="write here instead of standard output (Parquet: required)")
    export.set_defaults(run=run_export)

    repair = commands.add_parser("repair", help="bring an older or half-written store up to date")
    repair.add_argument("--store", default=default_store())
    repair.set_defaults(run=run_repair)


def _add_evaluation(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser("eval", help="score coding against a gold file")
    evaluate.add_argument("gold")
    evaluate.add_argument("--pred", help="score these predictions instead of coding the gold texts")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(run=run_eval)

    explain = commands.add_parser("explain", help="show why each event was coded or dropped")
    explain.add_argument("text", help="a sentence, or the path of a .txt or .jsonl file")
    explain.add_argument("--published", help="publication date YYYY-MM-DD for relative dates")
    explain.set_defaults(run=run_explain)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the REST API (/v1) and the web page (/)")
    serve.add_argument("--store", default=default_store())
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="allow browser calls from this origin (repeatable; CORS is off by default)")
    serve.set_defaults(run=run_serve)


def _open_output(name: str | None) -> TextIO:
    if not name:
        return sys.stdout
    try:
        return open(name, "w", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise UsageError(f"{name}: cannot be written ({error.strerror or error})") from None


def run_options(args: argparse.Namespace) -> Options:
    """The run's options: shipped defaults, then the user's settings file, then these flags."""
    fields = {}
    for item in args.field:
        name, sep, source_field = item.partition("=")
        if not sep or not name or not source_field:
            raise UsageError(f"--field wants NAME=FIELD, got {item!r}")
        fields[name] = source_field
    for name, value in (("text", args.text_field), ("id", args.id_field)):
        if value:
            fields[name] = value
    options = load_options(args.config)
    ingest = options.ingest
    ingest = IngestOptions(args.max_bytes or ingest.max_bytes, {**ingest.fields, **fields},
                           tuple(args.include) or ingest.include, tuple(args.exclude) or ingest.exclude,
                           args.follow_links or ingest.follow_links)
    return options.but(ingest=ingest, batch_size=args.batch_size or options.batch_size,
                       strict=args.strict or options.strict,
                       store=None if args.no_store else (args.store or options.store),
                       actors=tuple(args.actors) or options.actors,
                       jobs=options.jobs if args.jobs is None else args.jobs, dask=args.dask or options.dask,
                       quiet=args.quiet or options.quiet, verbose=args.verbose or options.verbose)


class _Printer(RunListener):
    """Prints each coded article as it comes, and the run's progress on standard error."""

    def __init__(self, out: TextIO, fmt: str, store: str | None) -> None:
        self.out, self.fmt, self.store = out, fmt, store
        self.write = write_jsonl if fmt == "jsonl" else write_table

    def coded(self, result: CodedArticle) -> None:
        if result.skipped:
            article = result.article
            where = f"{article.source_path} (article {article.id})" if article.source_path else article.id
            print(f"eventwire: {where}: skipped, {result.skipped}", file=sys.stderr)
        self.write(result, self.out)

    def known(self, article: Article, record: dict | None) -> None:
        self.out.write(json_line(record) if self.fmt == "jsonl"
                       else f"== {article.id}: already in {self.store}\n")

    def failed(self, error: InputError) -> None:
        print(f"eventwire: {error}", file=sys.stderr)

    def stored(self, count: int, total: int) -> None:
        print(f"eventwire: {total} articles stored in {self.store}", file=sys.stderr)


class _ProgressLines(logging.Handler):
    """Progress the library logs ("eventwire" logger: a long document's sections) as lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"eventwire: {record.getMessage()}", file=sys.stderr)


def _show_progress() -> None:
    logger = logging.getLogger("eventwire")
    if not any(isinstance(h, _ProgressLines) for h in logger.handlers):
        logger.addHandler(_ProgressLines())
        logger.setLevel(logging.INFO)


def run_code(args: argparse.Namespace) -> int:
    _show_progress()
    options = run_options(args)
    out = _open_output(args.output)
    progress = None if options.quiet else Progress(verbose=options.verbose)
    printer = _Printer(out, args.format, options.store)
    try:
        report = run(args.inputs, options, listener=Listeners(printer, progress) if progress else printer)
    finally:
        if progress:
            progress.close()
        if out is not sys.stdout:
            out.close()
    print(f"eventwire: {report.summary()}", file=sys.stderr)
    if report.interrupted:
        return 130
    return 2 if report.failures else 0


def run_stories(args: argparse.Namespace) -> int:
    with Store(args.store, read_only=True) as store:
        columns, rows = store.sql(
            "SELECT story_id, articles, outlets, first_published, first_title FROM stories "
            "WHERE articles >= ? ORDER BY articles DESC, first_published, story_id", [args.min_articles])
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def run_query(args: argparse.Namespace) -> int:
    filters = Filters(args.actor, args.source, args.target, args.type, args.cameo,
                      args.since, args.until, args.outlet, args.merged, args.limit, args.min_confidence)
    statement = None if args.sql else build_query(filters)  # bad filters fail before the store opens
    with Store(args.store, read_only=True) as store:
        if args.sql:
            timeout = args.timeout or load_options().query_timeout_s
            try:
                columns, rows = store.sql(args.sql, timeout_s=timeout)
            except KeyboardInterrupt:
                _exit_interrupted()
        else:
            columns, rows = store.sql(*statement)
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def _exit_interrupted() -> NoReturn:
    """Leave at once after Ctrl-C stopped a statement: DuckDB's own threads may still be winding the
    statement down, and a normal interpreter exit then aborts the process ("terminate called without an
    active exception"). The store was opened read-only, so nothing is lost."""
    print("eventwire: interrupted", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def run_export(args: argparse.Namespace) -> int:
    parquet = args.format == "parquet"
    if parquet and not args.output:
        raise UsageError("export --format parquet needs an output file: -o FILE")
    out = _open_output(args.output)  # a path that cannot be written fails before any work
    try:
        with Store(args.store, read_only=True, allow_files=parquet) as store:
            _warn_if_stale(store)
            count = export(store, args.format, None if parquet else out, args.output)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"eventwire: exported {count} rows ({args.format})", file=sys.stderr)
    return 0


def _warn_if_stale(store: Store) -> None:
    stale = store.stale_events()
    if stale:
        print(f"eventwire: warning: {store.path}: {stale} events are in no merged event (a store an "
              f"older eventwire left half-written); the GDELT tables miss them until `eventwire repair "
              f"--store {store.path}`", file=sys.stderr)


def run_repair(args: argparse.Namespace) -> int:
    if not Path(args.store).is_file():
        raise StoreError(f"{args.store}: no such store")
    with Store(args.store) as store, store.transaction():  # opening to write applies migrations
        merged = store.rebuild_merged()
    print(f"eventwire: {args.store}: up to date ({merged} merged events)", file=sys.stderr)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    gold = read_gold(Path(args.gold))
    predictions = read_predictions(Path(args.pred)) if args.pred else _code_gold(gold, args.gold)
    result = score(gold, predictions)
    print(json.dumps(result, indent=1) if args.json else format_report(result))
    return 0


def _code_gold(gold: list[dict], source: str) -> dict[str, list[dict]]:
    from ..pipeline import Pipeline

    pipeline = Pipeline()
    articles = (article_from_record(doc, source, n) for n, doc in enumerate(gold, 1))
    return {r.article.id: r.to_json()["events"] for r in pipeline.code_many(articles)}


def run_explain(args: argparse.Namespace) -> int:
    from ..ingest import parse_date
    from ..pipeline import Pipeline

    pipeline = Pipeline()
    if _is_file(args.text):
        items = [i for i in read_inputs([args.text]) if isinstance(i, Article)]
    else:
        items = [Article("sentence", args.text)]
    for item in items:
        item.published = item.published or parse_date(args.published, "--published")
    for result in pipeline.code_many(items):
        write_explanation(result)
    return 0


def _is_file(text: str) -> bool:
    """Whether `explain` was given a file rather than a sentence (a long sentence is no file name)."""
    try:
        return "\n" not in text and Path(text).is_file()
    except OSError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    from .web import serve

    serve(args.store, args.host, args.port, tuple(args.cors_origin))
    return 0


if __name__ == "__main__":
    sys.exit(main())
