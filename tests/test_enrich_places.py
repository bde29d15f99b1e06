"""Places: gazetteer lookup, disambiguation by the article's countries, dateline and actor fallbacks."""

from collections import Counter

from conftest import event_of

from eventwire.enrich.places import choose, mentions


def test_a_city_in_the_sentence_is_where_the_event_happened(code):
    result = code("Hundreds of students protested in Lagos on Monday.")
    place = event_of(result, "PROTEST").location
    assert (place.name, place.country, place.feature, place.how) == ("Lagos", "NGA", "city", "sentence")
    assert place.text == "Lagos" and result.article.text[place.start:place.end] == "Lagos"
    assert place.geonames_id and 6 < place.lat < 7 and 3 < place.lon < 4


def test_the_article_s_countries_decide_between_places_of_one_name():
    athens = mentions("Police in Athens detained ten students.")[0]
    assert choose(athens, Counter(), set()).country == "GRC"  # the larger Athens, without context
    assert choose(athens, Counter({"USA": 2}), set()).country == "USA"
    assert choose(athens, Counter(), {"USA"}).country == "USA"


def test_a_state_after_a_city_names_its_place_for_the_whole_article(code):
    result = code("American students marched through Athens, Georgia, on Friday. "
                  "Police in Athens detained ten students.")
    for event in result.events:
        assert (event.location.name, event.location.country, event.location.admin1) == \
            ("Athens", "USA", "GA")


def test_a_country_after_a_preposition_and_an_adjective(code):
    result = code("A dozen soldiers were killed when militants attacked an army base in northern Mali.")
    place = event_of(result, "ASSAULT").location
    assert (place.country, place.feature, place.how) == ("MLI", "country", "sentence")


def test_the_dateline_places_an_event_whose_sentence_names_no_place(code):
    result = code("KYIV, March 3 (Reuters) - Russian forces shelled the city on Monday, officials said.")
    place = event_of(result, "ASSAULT").location
    assert (place.name, place.country, place.how) == ("Kyiv", "UKR", "dateline")


def test_else_the_target_country_of_an_attack_at_country_precision(code):
    place = event_of(code("Kenyan troops attacked Somali militants on Friday."), "ASSAULT").location
    assert (place.country, place.feature, place.how, place.text) == ("SOM", "country", "actor_country", None)


def test_names_of_people_and_common_words_are_not_places():
    assert mentions("Victoria Nuland met Ukrainian officials.") == []
    assert mentions("Police detained Mr Lincoln.") == []


def test_the_gazetteer_is_cached_for_the_next_process_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    from eventwire.enrich import gazetteer as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = module.gazetteer.__wrapped__()
    path = module.cache_path()
    assert path.parent == tmp_path / "eventwire" and path.exists()
    read_back = module.gazetteer.__wrapped__()
    assert read_back.by_name == built.by_name and read_back.countries == built.countries
    assert [p.name for p in read_back.lookup("Kharkiv")] == ["Kharkiv"]

    path.write_bytes(b"not a pickle")
    assert module.gazetteer.__wrapped__().by_name == built.by_name
    assert module.gazetteer.__wrapped__().lookup("Nairobi")  # rewritten whole: read back again
