"""Options: shipped defaults < a user TOML file < flags (and $EVENTWIRE_STORE over the default store)."""

from __future__ import annotations

import pytest

from eventwire.errors import UsageError
from eventwire.options import load_options


def test_shipped_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTWIRE_STORE")
    options = load_options()
    assert options.batch_size == 50 and not options.strict and options.store == "eventwire.duckdb"
    assert options.ingest.max_bytes == 50 * 2**20 and options.query_timeout_s == 30


def test_a_user_file_overrides_defaults_and_flags_override_both(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "eventwire.toml").write_text('[run]\nbatch_size = 7\nstrict = true\n'
                                             '[query]\ntimeout = 5\n[ingest]\nexclude = ["*.tmp"]\n')
    options = load_options()
    assert (options.batch_size, options.strict, options.query_timeout_s) == (7, True, 5)
    assert options.ingest.exclude == ("*.tmp",) and options.ingest.max_bytes == 50 * 2**20
    flagged = load_options(batch_size=3, strict=None)
    assert flagged.batch_size == 3 and flagged.strict  # None leaves what the files set


def test_the_store_variable_names_the_default_store(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EVENTWIRE_STORE", str(tmp_path / "env.duckdb"))
    assert load_options().store == str(tmp_path / "env.duckdb")


@pytest.mark.parametrize("content,problem", [
    ("[run\nbatch_size = 2\n", "not a readable TOML"),
    ('[run]\nbatch_size = "many"\n', "wrong type"),
])
def test_bad_settings_files_are_one_usage_error(tmp_path, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(UsageError, match=problem):
        load_options(path)


def test_a_missing_settings_file_and_an_unknown_option_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no such settings file"):
        load_options(tmp_path / "none.toml")
    with pytest.raises(UsageError, match="unknown options: colour"):
        load_options(colour="blue")
