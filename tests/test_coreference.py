"""Pronouns, short names and a speaker's "we" point to the fullest mention before them (events.md, 2)."""

import datetime as dt

from eventwire import Article


def _actors_of(code, text):
    result = code(text)
    return [(side, actor) for event in result.events for side in ("source", "target")
            for actor in getattr(event, side)]


def _code(pipeline):
    def run(text):
        return pipeline.code(Article("t", text, published=dt.date(2021, 3, 10)))
    return run


def test_it_is_named_by_the_organisation_it_stands_for(pipeline):
    text = ("The Harbour Workers Alliance held a rally in Mombasa on Monday. "
            "The Harbour Workers Alliance said it would boycott the talks with the port authority.")
    found = [a for _, a in _actors_of(_code(pipeline), text) if a.text == "it"]
    assert found, "the pronoun is no actor"
    actor = found[0]
    assert actor.name == "The Harbour Workers Alliance" and actor.resolved_by == "coreference"
    start, end = actor.antecedent
    assert text[start:end] == "The Harbour Workers Alliance" and start > 40
    assert actor.to_json()["name"] == "The Harbour Workers Alliance"


def test_he_is_named_by_a_person_the_knowledge_base_does_not_know(pipeline):
    text = ("Opposition politician Amos Wekesa Odhiambo arrived in Kisumu on Friday. "
            "He accused the governor of rigging the vote.")
    [accusation] = [e for e in _code(pipeline)(text).events if e.type == "ACCUSE"]
    assert [(a.text, a.name) for a in accusation.source] == [
        ("He", "Opposition politician Amos Wekesa Odhiambo")]
    assert accusation.source[0].resolved_by == "coreference"


def test_a_known_person_keeps_the_code_through_the_pronoun(pipeline):
    text = "Vladimir Putin arrived in Minsk on Monday. He criticised Poland over the border closure."
    sources = [a for side, a in _actors_of(_code(pipeline), text) if side == "source"]
    assert sources and sources[0].code == "RUSGOV" and sources[0].name == "Vladimir Putin"


def test_he_is_named_by_the_fullest_mention_with_its_title(pipeline):
    text = "Russian President Vladimir Putin arrived in Minsk. He criticised Poland over the border closure."
    [accusation] = [e for e in _code(pipeline)(text).events if e.type == "ACCUSE"]
    actor = accusation.source[0]
    assert (actor.text, actor.name, actor.code) == ("He", "Russian President Vladimir Putin", "RUSGOV")
    assert text[actor.antecedent[0]:actor.antecedent[1]] == "Russian President Vladimir Putin"


def test_a_speakers_we_is_the_speakers_side(pipeline):
    text = "\u201cWe condemn the shelling of our villages,\u201d the Armenian foreign minister said."
    sources = [a for side, a in _actors_of(_code(pipeline), text) if side == "source"]
    assert sources and sources[0].text == "We" and sources[0].code == "ARMGOV"
    assert sources[0].resolved_by == "coreference"


def test_a_surname_shared_with_a_known_leader_is_not_that_leader(pipeline):
    actors = pipeline.resources
    assert actors.person("Vladimir Putin", dt.date(2021, 3, 10)) is not None
    result = _code(pipeline)("Local councillor Oksana Putin criticised the mayor of Lviv on Monday.")
    codes = [a.code for e in result.events for a in e.source]
    assert "RUSGOV" not in codes


def test_its_finds_a_subject_no_event_named_yet(pipeline):
    result = _code(pipeline)("The Kenyan army restated its commitment to support the Somali police.")
    committed = [e for e in result.events if [a.text for a in e.source] == ["its"]]
    assert committed and [(a.name, a.code) for a in committed[0].source] == [("The Kenyan army", "KENMIL")]


def test_they_prefers_the_main_subject_of_the_sentence_before(pipeline):
    text = ("Kenya and Tanzania said they could mediate, provided the rebel commanders stopped the raids. "
            "They warned that the alternative was sanctions.")
    [threat] = [e for e in _code(pipeline)(text).events if e.type == "THREATEN"]
    assert sorted(a.code for a in threat.source) == ["KENGOV", "TZAGOV"]


def test_these_countries_are_the_group_named_before(pipeline):
    text = "Kenya and Tanzania criticised the vote. The leaders of these countries called for a new election."
    [request] = [e for e in _code(pipeline)(text).events if e.type == "REQUEST"]
    assert sorted(a.code for a in request.source) == ["KENGOV", "TZAGOV"]
    assert {a.resolved_by for a in request.source} == {"coreference"}
