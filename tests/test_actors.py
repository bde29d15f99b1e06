"""Actor resolvers on sentences written for them: which resolver knows each phrase, and what it finds."""

import datetime as dt

import pytest

from eventwire import Article
from eventwire.coding.actors import ArticleActors
from eventwire.coding.resolvers import RESOLVERS, resolving


def _actors(pipeline, text):
    document = pipeline.parse(Article("t", text, published=dt.date(2021, 3, 10)))
    return ArticleActors(document, pipeline.resources), document


def _token(document, word, nth=0):
    found = [t for s in document.sentences for t in s.span if t.text == word]
    assert len(found) > nth, f"{word!r} is not in the parse"
    return found[nth]


# (resolver, text, the word whose phrase is resolved, which occurrence, home country, codes found)
CASES = [
    ("pronoun", "Kenyan President William Ruto arrived in Nairobi. He criticised Uganda.", "He", 0, None,
     ["KENGOV"]),
    ("thing", "Inflation in Kenya rose sharply in March.", "Inflation", 0, "KEN", []),
    ("abstract_idea", "Kenya rejected the use of force against protesters.", "force", 0, "KEN", []),
    ("defined_acronym", "The Rapid Support Forces (RSF) attacked El Fasher. The RSF later withdrew.",
     "RSF", 1, "SDN", None),
    ("known_person", "Vladimir Putin met the Chinese envoy in Moscow.", "Putin", 0, None, ["RUSGOV"]),
    ("ethnic_group", "Ethnic Albanians protested in southern Serbia.", "Albanians", 0, "SRB", ["SRBCVL"]),
    ("people_where_they_live", "The Albanians of southern Serbia protested on Sunday.", "Albanians", 0, None,
     ["SRBCVL"]),
    ("city_is_a_place", "Rockets hit Kandahar on Monday.", "Kandahar", 0, "AFG", []),
    ("named_actor", "Kenya criticised Uganda on Monday.", "Kenya", 0, None, ["KENGOV"]),
    ("agent_of_named_country", "Russian troops crossed the border.", "troops", 0, None, ["RUSMIL"]),
    ("title_held_before", "Kenyan President William Ruto arrived in Addis Ababa. The president later left.",
     "president", 0, "ETH", ["KENGOV"]),
    ("agent_at_home", "The police arrested dozens of students.", "police", 0, "KEN", ["KENCOP"]),
    ("agent_at_home", "The police arrested dozens of students.", "police", 0, None, ["---COP"]),
    ("unknown_participant", "Harbour Relief Network sent blankets to the flooded towns.", "Network", 0, None,
     [""]),
    ("speaker_pronoun", '"We will not give up the fight," the Kenyan foreign minister said.', "We", 0, None,
     ["KENGOV"]),
    ("country_in_phrase", "Iraqi Kurds voted on Monday.", "Kurds", 0, None, ["IRQCVL"]),
]


@pytest.mark.parametrize(("resolver", "text", "word", "nth", "home", "codes"), CASES)
def test_resolver_knows_its_phrase(pipeline, resolver, text, word, nth, home, codes):
    actors, document = _actors(pipeline, text)
    name, found = resolving(actors, _token(document, word, nth), None, home)
    assert name == resolver
    if codes is not None:
        assert [a.code for a in found] == codes


def test_an_acronym_resolves_like_the_name_it_abbreviates(pipeline):
    text = "The Rapid Support Forces (RSF) attacked El Fasher. The RSF withdrew."
    actors, document = _actors(pipeline, text)
    full = actors.resolve(_token(document, "Forces"), None, "SDN")
    short = actors.resolve(_token(document, "RSF", 1), None, "SDN")
    assert [a.code for a in short] == [a.code for a in full] and full


def test_both_sides_are_the_last_two_parties_named(pipeline):
    actors, document = _actors(pipeline, "Kenya met Uganda in Nairobi. The two sides signed a trade deal.")
    actors.resolve(_token(document, "Kenya"))
    actors.resolve(_token(document, "Uganda"))
    name, found = resolving(actors, _token(document, "sides"), None, None)
    assert name == "two_sides" and sorted(a.code for a in found) == ["KENGOV", "UGAGOV"]


def test_its_forces_take_the_country_named_before(pipeline):
    actors, document = _actors(pipeline, "Kenya said on Monday that its troops would leave Somalia.")
    actors.resolve(_token(document, "Kenya"))
    name, found = resolving(actors, _token(document, "troops"), None, None)
    assert name == "agent_of_owner" and [a.code for a in found] == ["KENMIL"]


def test_an_object_belongs_to_its_owner_or_to_no_one(pipeline):
    text = "Protesters stormed the parliament building and the streets of Nairobi."
    actors, document = _actors(pipeline, text)
    name, found = resolving(actors, _token(document, "streets"), None, "KEN")
    assert name == "owned_object" and found == []
    name, found = resolving(actors, _token(document, "building"), None, "KEN")
    assert name == "owned_object" and [a.code for a in found] == ["KENLEG"]


def test_officials_of_an_organisation_speak_for_it(pipeline):
    actors, document = _actors(pipeline, "Arab League officials met in Cairo.")
    name, found = resolving(actors, _token(document, "officials"), None, "EGY")
    assert name == "agent_of_organisation" and found and found[0].code.startswith("IGO")


def test_a_named_organisation_without_agent_noun(pipeline):
    actors, document = _actors(pipeline, "A United Nations convoy reached Aleppo.")
    name, found = resolving(actors, _token(document, "convoy"), None, "SYR")
    assert name == "organisation" and found and found[0].code.startswith("IGO")


def test_every_resolver_has_a_docstring_and_a_test():
    tested = {case[0] for case in CASES} | {"two_sides", "agent_of_owner", "owned_object",
                                              "agent_of_organisation", "organisation"}
    for resolver in RESOLVERS:
        assert resolver.__doc__, f"{resolver.__name__} has no docstring"
        assert resolver.__name__ in tested, f"{resolver.__name__} has no test"


def test_an_unknown_organisation_keeps_its_text_without_a_code(pipeline):
    actors, document = _actors(pipeline, "Harbour Relief Network sent blankets to the flooded towns.")
    name, found = resolving(actors, _token(document, "Network"), None, "KEN")
    assert name == "unknown_participant"
    assert [(a.text, a.code, a.resolved_by) for a in found] == [("Harbour Relief Network", "", "unresolved")]
    assert found[0].to_json()["code"] is None and found[0].to_json()["implied"] is False


def test_a_role_noun_without_a_country_keeps_its_sector(pipeline):
    actors, document = _actors(pipeline, "Striking lecturers marched to the ministry.")
    _, found = resolving(actors, _token(document, "lecturers"), None, None)
    record = found[0].to_json()
    assert (record["code"], record["country"], record["sector"]) == ("---EDU", None, ["EDU"])
    assert record["text"] == "Striking lecturers"


def test_a_head_of_a_named_university_is_its_country_education_sector(pipeline):
    actors, document = _actors(pipeline, "The rector of Makerere University in Uganda resigned.")
    _, found = resolving(actors, _token(document, "rector"), None, None)
    assert found and found[0].country == "UGA" and found[0].sector == ["EDU"]


def test_a_short_name_is_named_by_the_fullest_mention(pipeline):
    text = "Kenyan opposition figure Amos Wekesa Odhiambo spoke in Kisumu. Odhiambo later left the city."
    actors, document = _actors(pipeline, text)
    actor = actors.resolve(_token(document, "Odhiambo", 1))[0]
    assert actor.name == "Kenyan opposition figure Amos Wekesa Odhiambo" and actor.text == "Odhiambo"
    assert text[actor.antecedent[0]:actor.antecedent[1]] == actor.name


def test_names_and_how_they_were_resolved_are_written(pipeline):
    actors, document = _actors(pipeline, "Russian troops crossed the border.")
    record = actors.resolve(_token(document, "troops"))[0].to_json()
    assert record["code"] == "RUSMIL" and record["country"] == "RUS" and record["sector"] == ["MIL"]
    assert record["name"] == "Russian troops" and record["resolved_by"] == "name"


def test_an_unresolved_actor_lowers_the_confidence(pipeline):
    known = pipeline.code(Article("t", "Kenya accused Uganda of smuggling arms."))
    unknown = pipeline.code(Article("t", "Kenya accused Harbour Relief Network of smuggling arms."))
    [known_event], [unknown_event] = known.events, unknown.events
    assert unknown_event.target[0].resolved_by == "unresolved"
    assert unknown_event.confidence < known_event.confidence
