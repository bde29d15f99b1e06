import shutil

import pytest

from eventwire.errors import DataFileError
from eventwire.resources import DATA_DIR, load_resources


def test_shipped_data_loads_and_covers_every_plover_type_and_cameo_root():
    resources = load_resources()
    codes = [t.cameo for table in (resources.verbs, resources.nouns) for ts in table.values() for t in ts]
    assert {c[:2] for c in codes} >= {f"{r:02d}" for r in range(2, 21)}
    types = {resources.info(c).plover for c in codes}
    assert len(types) == 16
    assert resources.info("163").plover == "SANCTION"


def test_time_aware_people():
    resources = load_resources()
    import datetime as dt
    assert resources.person("Donald Trump", dt.date(2019, 1, 1)).code == "USAGOV"
    assert resources.person("Donald Trump", dt.date(2022, 1, 1)).code == "USAELI"


def test_bad_data_file_names_file_and_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with open(data / "verbs.tsv", "a", encoding="utf-8") as handle:
        handle.write("bombard\t9x9\n")
    with pytest.raises(DataFileError) as error:
        load_resources(data)
    assert "verbs.tsv" in str(error.value) and "bad CAMEO code" in str(error.value)


def test_repeated_lexicon_pattern_is_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with open(data / "nouns.tsv", "a", encoding="utf-8") as handle:
        handle.write("ceasefire\t0871\n")
    with pytest.raises(DataFileError) as error:
        load_resources(data)
    assert "nouns.tsv" in str(error.value) and "repeats line" in str(error.value)
