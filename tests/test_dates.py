import datetime as dt

import pytest
from conftest import DEV_GOLD, event_of, needs_shared

from eventwire.coding.dates import quantities, resolve_date, size_of

SUNDAY = dt.date(2020, 8, 16)


def test_relative_dates_resolve_against_publication():
    assert resolve_date("On Saturday, crowds gathered", SUNDAY) == (dt.date(2020, 8, 15), "day")
    assert resolve_date("Crowds gathered on 9 August", SUNDAY) == (dt.date(2020, 8, 9), "day")
    assert resolve_date("talks yesterday", SUNDAY) == (dt.date(2020, 8, 15), "day")
    assert resolve_date("Troops left last week", SUNDAY) == (dt.date(2020, 8, 3), "week")
    assert resolve_date("nothing here", SUNDAY) is None


@pytest.mark.parametrize("sentence,expected", [
    ("Rebels seized the town two days ago.", (dt.date(2020, 8, 14), "day")),
    ("The embassy closed three weeks ago.", (dt.date(2020, 7, 26), "week")),
    ("The ministers met a week ago in Vienna.", (dt.date(2020, 8, 9), "week")),
    ("Parliament passed the law last year.", (dt.date(2019, 1, 1), "year")),
    ("The two sides signed a ceasefire in 2014.", (dt.date(2014, 1, 1), "year")),
    ("Police raided the offices earlier this month.", (dt.date(2020, 8, 1), "month")),
    ("The envoy will visit Kabul next Monday.", (dt.date(2020, 8, 17), "day")),
    ("The talks resume next week.", (dt.date(2020, 8, 17), "week")),
    ("The court rules tomorrow.", (dt.date(2020, 8, 17), "day")),
    ("Shelling resumed last night.", (dt.date(2020, 8, 15), "day")),
    ("Exports fell in March 2014.", (dt.date(2014, 3, 1), "month")),
])
def test_each_relative_form(sentence, expected):
    assert resolve_date(sentence, SUNDAY) == expected


def test_next_weekday_is_never_in_the_past():
    monday = dt.date(2020, 8, 17)
    assert resolve_date("They meet next Monday.", monday) == (dt.date(2020, 8, 24), "day")


def test_a_date_that_names_a_thing_is_not_the_event_date():
    assert resolve_date("They disputed the contested 9 August election.", SUNDAY) is None
    assert resolve_date("He won last week's vote.", SUNDAY) is None
    assert resolve_date("Sunday's march was peaceful.", SUNDAY) is None


def test_years_in_ranges_are_not_dates():
    assert resolve_date("growth in 2014-15 was slow", SUNDAY) is None


def test_sizes():
    assert size_of("some 6,700 people") == 6700
    assert size_of("thousands of protesters") == [1000, 9999]
    assert size_of("Twelve protesters") == 12
    assert size_of("a dozen activists") == 12
    assert size_of("hundreds of students") == [100, 999]
    assert size_of("tens of thousands of marchers") == [10000, 99999]
    assert size_of("at least 30 villagers") == [30, None]
    assert size_of("the army") is None


def test_years_and_fractions_are_not_head_counts():
    assert quantities("in 2019 the vote") == []
    assert [value for _, _, value in quantities("2.5 million people")] == [2500000]


def test_the_day_after_counts_from_the_last_date_given(code):
    result = code("On Saturday, thousands of protesters marched in Minsk. The march came the day after "
                  "the European Union imposed sanctions on Belarusian officials.", published="2021-03-10")
    sanction = event_of(result, "SANCTION")
    assert (sanction.date, sanction.date_precision) == ("2021-03-05", "day")
    assert event_of(result, "PROTEST").date == "2021-03-06"


def test_undated_lead_events_take_the_story_s_news_day(code):
    result = code("Belarusian police detained opposition leaders in Minsk. On Saturday, thousands of "
                  "protesters marched in Minsk.", published="2021-03-10")
    assert event_of(result, "COERCE").date == "2021-03-06"


def test_seed_date_accuracy(pipeline):
    from eventwire.evaluate import read_gold, score
    from eventwire.ingest import article_from_record

    gold = read_gold(needs_shared(DEV_GOLD / "seed.jsonl"))
    results = pipeline.code_many(article_from_record(d, "gold", 1) for d in gold)
    predictions = {r.article.id: r.to_json()["events"] for r in results}
    assert score(gold, predictions)["date"]["accuracy"] >= 0.9


@pytest.mark.parametrize("sentence,expected", [
    ("TROOPS WITHDREW ON SATURDAY, THE MINISTRY SAID.", (dt.date(2020, 8, 15), "day")),
    ("Kurdish fighters ıntered the town 3 DAYS AGO.", (dt.date(2020, 8, 13), "day")),
    ("İn 1999 the rebels took the town.", (dt.date(1999, 1, 1), "year")),
    ("The talks opened on ٩ August in Cairo.", (dt.date(2020, 8, 9), "day")),
    ("The minister spoke about the economy and the weather.", None),
])
def test_dates_in_capitals_other_letters_and_digits(sentence, expected):
    """The words a pattern needs are looked for case-blind, and letters or digits that `re.I` and `\\d`
    match beyond ASCII ("İn", Arabic-Indic digits) still find the date."""
    assert resolve_date(sentence, SUNDAY) == expected
