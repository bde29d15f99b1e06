"""Stories and merged events as a stage: same story only for the same words and facts; merging a batch
into stored chains gives what merging everything at once gives."""

from __future__ import annotations

import random

import pytest
from conftest import event_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import stories
from eventwire.stories import Report, chains_to_reopen, merge_events, place_stories

REPORT = ("Ugandan police detained {n} students in {city} on {day} after they marched on the parliament "
          "to protest against fuel prices, a police spokesman said. The students had gathered outside "
          "the university before moving towards the parliament, where officers fired tear gas. {leader} "
          "condemned the arrests and demanded the release of all detainees. The government said the "
          "fuel prices were needed to pay the country's debts.")
CITIES = ["Kampala", "Gulu", "Mbarara", "Jinja", "Lira", "Entebbe", "Mbale", "Masaka"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
LEADERS = ["Bobi Wine", "Opposition leader Kizza Besigye", "Activist Stella Nyanzi", "MP Betty Nambooze"]


def template_report(rng: random.Random, n: int | None = None) -> str:
    return REPORT.format(n=n or rng.randint(3, 900), city=rng.choice(CITIES), day=rng.choice(DAYS),
                         leader=rng.choice(LEADERS))


def copy_of(text: str, rng: random.Random) -> str:
    """What another outlet prints: its own intro, its own name in the attribution, a line dropped."""
    sentences = text.split(". ")
    if rng.random() < 0.5:
        sentences.pop(rng.randrange(1, len(sentences) - 1))
    intro = rng.choice(["KAMPALA (Wire) -", "From our correspondent:", "Reported by agencies."])
    return f"{intro} " + ". ".join(sentences).replace("a police spokesman said",
                                                       "a police spokesman told The Monitor")


def same(first: str, second: str) -> bool:
    return stories.same_story(Report.of("a", first), Report.of("b", second)) is not None


def test_copies_are_the_same_story_and_template_reports_with_other_facts_are_not():
    rng = random.Random(8)
    originals = [template_report(rng) for _ in range(40)]
    copies = [same(text, copy_of(text, rng)) for text in originals]
    others = [same(text, template_report(rng, n=n)) for n, text in enumerate(originals, 901)]
    assert sum(copies) >= 36  # recall of "same story" at least 0.9
    assert not any(others)  # and no report from the template with other facts joins


def test_thousand_template_reports_with_different_facts_do_not_collapse_into_stories():
    rng = random.Random(9)
    reports = [Report.of(f"t{n}", template_report(rng, n=n + 3)) for n in range(1000)]
    placements = place_stories(reports, lambda keys: [])
    sizes: dict[str, int] = {}
    for placement in placements:
        sizes[placement.story_id] = sizes.get(placement.story_id, 0) + 1
    assert len(sizes) == 1000


def test_an_article_joins_a_founder_never_a_chain_of_resemblances():
    base = REPORT.format(n=40, city="Gulu", day="Monday", leader="Bobi Wine")
    middle = base.replace("to protest against fuel prices", "over the price of fuel").replace(
        "where officers fired tear gas", "and police used tear gas on them")
    far = middle.replace("condemned the arrests and demanded the release of all detainees",
                         "said the arrests were illegal and that every detainee must go free").replace(
        "The government said the fuel prices were needed to pay the country's debts",
        "Ministers argue that higher prices will help pay back loans")
    reports = [Report.of("base", base), Report.of("middle", middle), Report.of("far", far)]
    assert stories.same_story(reports[1], reports[0]) and stories.same_story(reports[2], reports[1])
    assert stories.same_story(reports[2], reports[0]) is None
    placements = place_stories(reports, lambda keys: [])
    assert [p.story_id for p in placements] == ["base", "base", "far"]


def test_stored_founders_are_found_through_their_band_keys():
    text = REPORT.format(n=12, city="Lira", day="Friday", leader="Bobi Wine")
    stored = Report.of("stored-1", text)
    asked: list[list[int]] = []

    def founders(keys):
        asked.append(keys)
        shared = tuple(set(keys) & set(stories.band_keys(stored.signature)))
        return [stories.Founder("stored-1", stored.signature, stored.facts, shared)] if shared else []

    placements = place_stories([Report.of("copy", copy_of(text, random.Random(1))),
                                Report.of("skipped", None)], founders)
    assert placements[0].story_id == "stored-1" and 0.4 <= placements[0].overlap < 1.0
    assert placements[1].story_id == "skipped" and len(asked) == 1


rows = event_rows(last_day=20)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(rows, max_size=6), max_size=6))
def test_merging_batch_by_batch_equals_merging_everything(batches):
    seen, stored = set(), {}
    everything = []
    for batch in batches:
        batch = list({row.event_id: row for row in batch if row.event_id not in seen}.values())
        seen.update(row.event_id for row in batch)  # event ids are unique in a store
        everything += batch
        spans = [stories.ChainSpan(m.merged_id, m.members[0].key, min(m.dates, default=None),
                                   max(m.dates, default=None)) for m in stored.values()]
        reopened = chains_to_reopen(spans, batch)
        members = [row for merged_id in reopened for row in stored.pop(merged_id).members]
        stored.update({m.merged_id: m for m in merge_events(members + batch)})
    expected = merge_events(everything)
    assert sorted(stored) == sorted(m.merged_id for m in expected)
    for merged in expected:
        assert [r.event_id for r in stored[merged.merged_id].members] == [r.event_id for r in merged.members]


def test_signatures_are_those_datasketch_computes_so_stored_stories_stay_valid():
    """Stores coded before MinHash was computed here hold datasketch 1.6's signatures and band keys."""
    MinHash = pytest.importorskip("datasketch").MinHash  # noqa: N806 - the class

    rng = random.Random(3)
    for text in [template_report(rng) for _ in range(5)] + ["Talks", ""]:
        theirs = MinHash(num_perm=stories.NUM_PERM, seed=7)
        theirs.update_batch(sorted(stories.shingles(text)))
        assert stories.minhash(text) == [int(value) for value in theirs.hashvalues]
