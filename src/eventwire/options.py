"""One options object for a run: the shipped defaults (`data/settings.toml`), a user's TOML file over them,
and command-line flags over both. Every face builds one and passes it down; no stage reads flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import UsageError
from .ingest import IngestOptions
from .resources import DATA_DIR

USER_FILE = "eventwire.toml"
STORE_VARIABLE = "EVENTWIRE_STORE"


@dataclass(frozen=True)
class Options:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    batch_size: int = 50
    strict: bool = False
    store: str | None = "eventwire.duckdb"  # None: code without storing
    model: str | None = None
    actors: tuple[str, ...] = ()
    jobs: int = 0  # worker processes for parsing and coding; 0: the machine's cores
    dask: str | None = None  # a Dask scheduler (tcp://HOST:8786) or local:N; None: no Dask
    quiet: bool = False  # no progress display
    verbose: bool = False  # progress adds a line per input file
    prefilter: bool = True  # full parse only for sentences that hold a trigger word (text/prefilter.py)
    query_timeout_s: float = 30.0  # user SQL (`query --sql`) stops after this long

    def but(self, **changes: Any) -> Options:
        """A copy with some options changed (`options.but(store=None)`)."""
        return replace(self, **changes)


def load_options(user_file: str | Path | None = None, **overrides: Any) -> Options:
    """Defaults, then the user file (given, or ./eventwire.toml when present), then `overrides`
    (keyword names of `Options`; a None value leaves the option as the files set it)."""
    settings = _read_toml(DATA_DIR / "settings.toml")
    user_path = Path(user_file) if user_file else Path(USER_FILE)
    if user_file or user_path.is_file():
        _merge(settings, _read_toml(user_path))
    options = _from_settings(settings)
    changes = {name: value for name, value in overrides.items() if value is not None}
    unknown = set(changes) - set(Options.__dataclass_fields__)
    if unknown:
        raise UsageError(f"unknown options: {', '.join(sorted(unknown))}")
    return options.but(**changes)


def default_store() -> str:
    return os.environ.get(STORE_VARIABLE) or load_options().store or "eventwire.duckdb"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such settings file") from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: not a readable TOML settings file ({error})") from None


def _merge(base: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _from_settings(settings: dict[str, Any]) -> Options:
    ingest, run = settings.get("ingest", {}), settings.get("run", {})
    store, coding = settings.get("store", {}), settings.get("coding", {})
    query = settings.get("query", {})
    try:
        return Options(
            ingest=IngestOptions(int(ingest.get("max_bytes", IngestOptions.max_bytes)),
                                 dict(ingest.get("fields", {})), tuple(ingest.get("include", ())),
                                 tuple(ingest.get("exclude", ())),
                                 bool(ingest.get("follow_links", False))),
            batch_size=int(run.get("batch_size", 50)), strict=bool(run.get("strict", False)),
            store=os.environ.get(STORE_VARIABLE) or store.get("path") or "eventwire.duckdb",
            model=coding.get("model") or None, actors=tuple(coding.get("actors", ())),
            jobs=int(run.get("jobs", 0)), dask=run.get("dask") or None,
            quiet=bool(run.get("quiet", False)), verbose=bool(run.get("verbose", False)),
            prefilter=bool(coding.get("prefilter", True)),
            query_timeout_s=float(query.get("timeout", 30.0)))
    except (TypeError, ValueError) as error:
        raise UsageError(f"settings: a value has the wrong type ({error})") from None
