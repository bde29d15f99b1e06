"""Quotations: text, span, speaker actor and introducing verb; events inside link to them."""

from conftest import event_of


def test_speaker_after_the_quote_resolves_to_the_event_actor(code):
    result = code("“We condemn the arrests of journalists in Minsk,” said Lithuanian Foreign Minister "
                  "Gabrielius Landsbergis.")
    [quote] = result.quotes
    assert quote.text.startswith("We condemn") and result.article.text[quote.start:quote.end] == quote.text
    assert quote.verb == "said" and result.article.text[quote.verb_start:].startswith("said")
    assert quote.speaker.text == "Lithuanian Foreign Minister Gabrielius Landsbergis"
    assert quote.speaker.code == "LTUGOV"
    assert event_of(result, "ACCUSE").quote == quote.id


def test_speaker_before_the_quote_with_a_colon(code):
    result = code("The statement added: “The prime ministers urge the authorities to release all "
                  "political prisoners.”")
    [quote] = result.quotes
    assert (quote.speaker.text, quote.verb) == ("The statement", "added")


def test_a_lower_case_speaker_after_the_quote(code):
    [quote] = code("“Troops attacked protesters in the capital,” the opposition said on Monday.").quotes
    assert (quote.speaker.text, quote.verb) == ("the opposition", "said")


def test_scare_quotes_are_not_quotations(code):
    result = code("The opposition called the vote a “farce” and the count “fraudulent”.")
    assert result.quotes == []
    assert all(e.quote is None for e in result.events)
