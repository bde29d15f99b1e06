"""Ingest: files, folders and streams in any supported format -> `Article` records."""

from .readers import MAX_BYTES, IngestOptions, article_from_record, date_in_text, parse_date, read_inputs

__all__ = ["MAX_BYTES", "IngestOptions", "article_from_record", "date_in_text", "parse_date", "read_inputs"]
