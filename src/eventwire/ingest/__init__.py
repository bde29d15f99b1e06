"""Ingest: files, folders and streams in any supported format -> `Article` records.

One module per format (`text`, `html`, `jsonl`, `feeds`, `warc`, `gzip`), `detect` to choose among them
by content and name, `walk` for files, folders and standard input. Every input is read in bounded memory.
"""

from .base import MAX_BYTES, IngestOptions
from .dates import date_in_text, parse_date
from .jsonl import article_from_record
from .walk import read_inputs

__all__ = ["MAX_BYTES", "IngestOptions", "article_from_record", "date_in_text", "parse_date", "read_inputs"]
