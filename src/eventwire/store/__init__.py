"""Store: the DuckDB file, the queries over it and the export formats."""

from .database import DEFAULT_PATH, Store

__all__ = ["DEFAULT_PATH", "Store"]
