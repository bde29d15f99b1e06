"""Shared fixtures: one loaded pipeline for the session, and the ../shared data where it exists."""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path

import pytest
from hypothesis import strategies as st

from eventwire import Article, Pipeline
from eventwire.stories import EventRow

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV_GOLD = SHARED / "gold" / "dev"


@pytest.fixture(autouse=True)
def _store_in_tmp(tmp_path_factory, monkeypatch):
    """Commands that store write to a fresh DuckDB file per test, never into the checkout."""
    monkeypatch.setenv("EVENTWIRE_STORE", str(tmp_path_factory.mktemp("store") / "test.duckdb"))


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory):
    """The gazetteer cache (enrich/gazetteer.py) goes to a folder of this session, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    def run(text: str, published: str | None = "2021-03-10", title: str | None = None):
        day = dt.date.fromisoformat(published) if published else None
        return pipeline.code(Article("t", text, title=title, published=day))
    return run


def hears_ctrl_c() -> None:
    """For `subprocess.Popen(preexec_fn=...)`: a child started from a background job (as CI may start
    the suite) inherits an ignored SIGINT, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def needs_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


def dyads(result) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {(e.type, tuple(a.code[:3] for a in e.source), tuple(a.code[:3] for a in e.target))
            for e in result.events}


def event_of(result, kind: str):
    """The first event of that PLOVER type; fails the test, naming what was coded, when there is none."""
    found = [e for e in result.events if e.type == kind]
    assert found, f"no {kind} event among {[(e.type, e.cameo) for e in result.events]}"
    return found[0]


def countries(actors) -> list[str]:
    return [a.code[:3] for a in actors]


MERGE_KEYS = [("ACCUSE", "11", ("RUSGOV",), ("UKRGOV",)), ("ASSAULT", "18", ("ISRMIL",), ("PSE",))]


def event_rows(last_day: int) -> st.SearchStrategy[EventRow]:
    """Stored events as the merge sees them: two keys, days from before 2024-01-01 (undated) to
    `last_day`, ten articles from three outlets and four stories."""
    return st.builds(
        lambda n, key, day, article: EventRow(
            f"e{n}", f"a{article}", *MERGE_KEYS[key],
            dt.date(2024, 1, 1) + dt.timedelta(days=day) if day >= 0 else None,
            1, f"outlet{article % 3}", f"s{article % 4}", "110"),
        st.integers(0, 10**6), st.integers(0, 1), st.integers(-6, last_day), st.integers(0, 9))
