"""Non-political text codes (almost) nothing: sentences from sports, business, weather, science and culture
news, and whole web pages of products, travel, science, awards and sports, all written for these tests."""

from pathlib import Path

import pytest

from eventwire.ingest.walk import read_inputs

PAGES = Path(__file__).parent / "pages" / "nonpolitical"

# Ten each of sports, business, weather, science and culture or lifestyle news.
SENTENCES = [
    'The striker scored twice as Leeds beat Norwich 3-1 on Saturday afternoon.',
    'The home side attacked relentlessly in the second half but could not find an equaliser.',
    "Serena's younger rival withdrew from the tournament with a wrist injury.",
    'The coach praised his players for their resilience after the narrow win.',
    'The veteran quarterback signed a two-year contract extension with the club.',
    'Fans talk about football all week long in the pubs near the stadium.',
    'The cyclist attacked on the final climb and held off the chasing group.',
    'The team captured its third straight title in front of a sellout crowd.',
    'She accepted the award for best album at the ceremony in Los Angeles.',
    'The goalkeeper was injured in the first minute and had to be replaced.',
    'The company reported a 12 percent rise in quarterly revenue on Tuesday.',
    'Shares of the carmaker fell sharply after it cut its sales forecast.',
    'The bank charged a fee of two dollars for every withdrawal from a foreign machine.',
    'The retailer announced plans to open forty new stores across the region next year.',
    'The startup raised $20 million from investors to expand its delivery service.',
    'The airline will cancel some flights during the holiday period because of staff shortages.',
    'Analysts expect the central bank to keep interest rates unchanged next month.',
    'The firm agreed to buy a smaller rival for $3 billion in cash.',
    'The chipmaker released its new processor to strong reviews from reviewers.',
    'Oil prices rose on Monday as traders weighed weaker demand.',
    'NOAA released its outlook for the coming hurricane season on Thursday.',
    'Heavy rain is expected to hit the coast overnight, with flooding likely in low-lying areas.',
    'A cold front will bring snow to the mountains and strong winds to the plains.',
    'Temperatures will climb into the nineties by the weekend across the valley.',
    'Forecasters warned that the storm could strengthen into a hurricane by Friday.',
    'The heatwave broke records in several cities, and officials urged residents to stay hydrated.',
    'Fog will clear by mid-morning, giving way to sunshine and light winds.',
    'Researchers found that the protein helps cells repair damaged DNA.',
    'The telescope captured images of a galaxy more than ten billion light years away.',
    'Scientists discovered a new species of frog in the cloud forests of the Andes.',
    'The study shows that regular exercise lowers the risk of heart disease.',
    'The snafu demonstrates that the software still has serious flaws.',
    "Engineers tested the rover's wheels on sand similar to the surface of Mars.",
    'A team of biologists tracked the migration of the whales across the Pacific.',
    'The vaccine trial enrolled thirty thousand volunteers on three continents.',
    "The museum opened a new wing devoted to the painter's late works.",
    'The orchestra performed the symphony to a standing ovation.',
    'Critics praised the novel for its vivid portrait of small-town life.',
    "The director's latest film premiered at the festival to mixed reviews.",
    'The band announced a world tour that will begin in the spring.',
    'The actress won the prize for her role as a grieving mother.',
    'The festival attracted more than a hundred thousand visitors over the weekend.',
    'Add the onions and fry them gently until they are soft and golden.',
    'The chef recommends serving the stew with crusty bread and a green salad.',
    'Our guide led us through the old town to a quiet square full of cafes.',
    'The hotel offers free breakfast and a shuttle to the beach.',
    'Travelers can visit the waterfall on a day trip from the capital.',
    'The new smartphone features a larger screen and a faster charger.',
    'The laptop ships with sixteen gigabytes of memory and a backlit keyboard.',
    'Visitors can take a cable car to the summit for views over the lake.',
]


def test_fifty_non_political_sentences_code_at_most_three_events(code):
    assert len(SENTENCES) == 50
    coded = [(text, code(text).events) for text in SENTENCES]
    found = [(text, [(e.type, e.trigger) for e in events]) for text, events in coded if events]
    assert sum(len(events) for _, events in coded) <= 3, found


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_a_non_political_web_page_codes_no_event(pipeline, page):
    [article] = list(read_inputs([str(page)]))
    result = pipeline.code(article)
    assert result.article.text.strip(), "the page has no story text"
    assert result.events == [], [(e.type, e.trigger) for e in result.events]


def test_there_are_ten_pages_of_five_kinds():
    kinds = {p.stem.split("-")[0] for p in PAGES.glob("*.html")}
    assert len(list(PAGES.glob("*.html"))) == 10
    assert kinds == {"product", "travel", "science", "awards", "sports"}
