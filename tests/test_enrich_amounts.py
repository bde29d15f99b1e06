"""Amounts: dead, injured, arrested, participants and money, from sentences of every form."""

from conftest import event_of


def test_dead_and_injured_with_a_lower_bound(code):
    event = event_of(code("Gunmen killed 12 people and wounded at least 30 in an attack on a market "
                          "in Maiduguri on Sunday."), "ASSAULT")
    assert event.dead == 12 and event.injured == [30, None]


def test_number_words_and_a_dozen(code):
    event = event_of(code("A dozen soldiers were killed when militants attacked an army base "
                          "in northern Mali."), "ASSAULT")
    assert event.dead == 12
    coerce = event_of(code("Twelve protesters were detained by police in Minsk on Saturday."), "COERCE")
    assert coerce.arrested == 12


def test_arrests_with_digits(code):
    assert event_of(code("Police in Minsk arrested 6,700 people after the vote."), "COERCE").arrested == 6700


def test_vague_numbers_are_ranges(code):
    assert event_of(code("Hundreds of students protested in Lagos on Monday."), "PROTEST").size == [100, 999]
    marched = event_of(code("Tens of thousands of people marched in Santiago against the government."),
                       "PROTEST")
    assert marched.size == [10000, 99999]


def test_the_seed_article_arrests(pipeline):
    import datetime as dt
    import json
    from pathlib import Path

    from eventwire import Article

    line = json.loads((Path(__file__).parents[1] / "examples" / "seed-belarus.jsonl").read_text())
    result = pipeline.code(Article(line["id"], line["text"], title=line["title"],
                                   published=dt.date.fromisoformat(line["published"])))
    assert [e.arrested for e in result.events if e.type == "COERCE"] == [6700]


def test_money_on_aid_and_sanctions(code):
    aid = event_of(code("The World Bank gave $50 million in aid to Haiti on Monday."), "AID")
    assert [(m.amount, m.currency, m.text) for m in aid.money] == [(50_000_000, "USD", "$50 million")]
    sanction = event_of(code("The European Union imposed sanctions worth 5 million euros on "
                             "Belarusian officials."), "SANCTION")
    assert [(m.amount, m.currency, m.text) for m in sanction.money] == [(5_000_000, "EUR", "5 million euros")]


def test_money_is_not_a_head_count(code):
    event = event_of(code("The World Bank gave $50 million in aid to Haiti on Monday."), "AID")
    assert event.size is None and event.dead is None
