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


@pytest.mark.parametrize(("name", "line", "message"), [
    ("verbs.tsv", "bombard\t9x9\n", "bad CAMEO code"),
    ("nouns.tsv", "ceasefire\t0871\n", "repeats line"),
    ("sport.tsv", "goal\treferee\n", "class must be one of"),
    ("words.tsv", "whether\tconditional_marks\n", "unknown word class"),
    ("words.tsv", "If\tconditional_mark\n", "lower-case word"),
    ("policy.tsv", "threat\tASSAULT\n", "bad policy row"),
    ("policy.tsv", "joint\t152\t999\n", "bad result"),
    ("debris.tsv", "teaser\t(read more\n", "bad pattern"),
])
def test_bad_data_file_names_file_and_line(tmp_path, name, line, message):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with open(data / name, "a", encoding="utf-8") as handle:
        handle.write(line)
    with pytest.raises(DataFileError) as error:
        load_resources(data)
    assert name in str(error.value) and message in str(error.value)


def test_a_word_class_without_words_names_the_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    words = data / "words.tsv"
    words.write_text("".join(line for line in words.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.endswith("\tethnic_word\n")), encoding="utf-8")
    with pytest.raises(DataFileError, match="no words for class ethnic_word") as error:
        load_resources(data)
    assert "words.tsv" in str(error.value)


def test_word_classes_and_policy_load_as_sets():
    resources = load_resources()
    assert "unless" in resources.words.conditional_mark and "must" in resources.words.modal_obligation
    assert resources.policy.joint["152"] == "062"
    assert "141".startswith(resources.policy.threat) and not "041".startswith(resources.policy.threat)
