"""PETRARCH-format dictionaries as an optional knowledge source (Phoenix dictionaries from ../shared)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SHARED, needs_shared

from eventwire import Article, Pipeline
from eventwire.coding.petrarch import as_people, read_actors, read_agents

PHOENIX = SHARED / "peers" / "petrarch2" / "petrarch2" / "data" / "dictionaries"


def test_actor_records_with_synonyms_and_date_restrictions(tmp_path):
    path = tmp_path / "tiny.actors.txt"
    path.write_text("# a comment\nJANE_ROE_  # CountryInfo.txt\n+PRESIDENT_ROE_\n"
                    "\t[ATLELI 700101-991231]\n\t[ATLGOV >000101]\n\t[ATLELI]\n"
                    "ATLANTIS_  [ATL]\n+ATLANTEAN_\nBAD_DATES_\n\t[ATLGOV 2004017-20061201]\n")
    actors, problems = read_actors(path)
    assert [a.names for a in actors] == [["Jane Roe", "President Roe"], ["Atlantis", "Atlantean"],
                                         ["Bad Dates"]]
    assert actors[0].terms == [("ATLELI", dt.date(1970, 1, 1), dt.date(1999, 12, 31)),
                               ("ATLGOV", dt.date(2000, 1, 1), None)]
    assert actors[0].default == "ATLELI" and actors[1].default == "ATL"
    assert len(problems) == 1 and problems[0].line == 10 and "2004017" in problems[0].problem
    people = as_people(actors)
    assert [p.code for p in people if p.holds(dt.date(2005, 1, 1))][0] == "ATLGOV"


def test_phoenix_dictionaries_load_with_their_date_restrictions():
    actors, problems = read_actors(needs_shared(PHOENIX / "Phoenix.Countries.actors.txt"))
    assert len(actors) > 15000 and len(problems) < 20
    putin = next(a for a in actors if a.names[0] == "Vladimir Putin")
    terms = as_people([putin])
    assert next(t.code for t in terms if t.holds(dt.date(1995, 1, 1))) == "RUSELI"
    assert next(t.code for t in terms if t.holds(dt.date(2005, 1, 1))) == "RUSGOV"
    agents = read_agents(PHOENIX / "Phoenix.agents.txt")
    assert agents["farmer"] == "AGR" and agents["president"] == "GOV"


def test_pipeline_consults_a_phoenix_dictionary_for_people_it_does_not_know():
    path = needs_shared(PHOENIX / "Phoenix.Countries.actors.txt")
    article = Article("garcia", "Alan Garcia criticized the International Monetary Fund on Tuesday.",
                      published=dt.date(1987, 5, 5))
    without = Pipeline().code(article)
    assert not any(a.code.startswith("PER") for e in without.events for a in e.source)
    with_phoenix = Pipeline(actor_dictionaries=[str(path)]).code(article)
    assert [a.code for e in with_phoenix.events for a in e.source] == ["PERGOV"]


@pytest.mark.parametrize("name", ["Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"])
def test_other_phoenix_actor_files_load(name):
    actors, _ = read_actors(needs_shared(PHOENIX / name))
    assert len(actors) > 100
