import pytest

from eventwire.errors import DataFileError
from eventwire.text.clean import load_debris, split_blocks

PAGE = """Ministers meet on trade
Ministers meet on trade
The two ministers shook hands (L) in Rome. Source: Wire Photos
4 Min Read

Daily Planet: Italy and Spain signed a trade agreement on Monday, officials said.

Read more: Markets rally after deal
"""


def test_page_debris_is_classified_and_offsets_kept():
    blocks = split_blocks(PAGE, "Ministers meet on trade", load_debris())
    kinds = [b.kind for b in blocks]
    assert kinds[:4] == ["headline", "headline", "caption", "reading_time"]
    assert "dateline" in kinds and "teaser" in kinds
    story = [PAGE[b.start:b.end] for b in blocks if b.kind == "story"]
    assert story == ["Italy and Spain signed a trade agreement on Monday, officials said."]


def test_a_single_line_is_always_story():
    text = "Rebels attacked a convoy near Goma, the army said"
    assert [b.kind for b in split_blocks(text, None, load_debris())] == ["story"]


def test_seed_debris_becomes_metadata_and_offsets_stay_in_the_text(pipeline):
    import json
    from pathlib import Path

    from eventwire.ingest import article_from_record
    record = json.loads((Path(__file__).parents[1] / "examples" / "seed-belarus.jsonl").read_text())
    result = pipeline.code(article_from_record(record, "seed", 1))
    meta, text = result.article.meta, result.article.text
    assert meta["photo_credits"] == ["Moskva News Agency"]
    assert meta["captions"][0].startswith("President Alexander Lukashenko (L)")
    assert meta["reading_time_minutes"] == 3
    assert meta["teasers"] == ["Doubts spread around the world over Covid vaccine"]
    assert result.article.outlet == "Daily US Times"
    story = [b for b in result.blocks if b.kind == "story"]
    for event in result.events:
        sentence = text[event.start:event.end]
        assert any(b.start <= event.start and event.end <= b.end for b in story), sentence
        assert event.trigger in sentence
        assert "Min Read" not in sentence and "You may read" not in sentence


WIRE = """Kenyan police clash with protesters

2 minute read

NAIROBI, July 7 (Reuters) - Kenyan police fired tear gas at protesters in Nairobi on Friday.

Reporting by Duncan Miriri; Editing by Alison Williams
"""


def test_a_wire_dateline_is_cut_from_the_story_and_names_the_agency(pipeline):
    from eventwire import Article

    result = pipeline.code(Article("wire", WIRE))
    assert result.article.outlet == "Reuters"
    assert result.article.meta["dateline"] == ["NAIROBI, July 7"]
    gas = next(e for e in result.events if e.type == "ASSAULT")
    assert [a.code for a in gas.source] == ["KENCOP"]
    assert WIRE[gas.start:gas.end].startswith("Kenyan police")


def test_a_bad_debris_pattern_names_file_and_line(tmp_path):
    path = tmp_path / "debris.tsv"
    path.write_text("# debris\nkind\tpattern\nteaser\tread more\nteaser\t(read [more\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="debris.tsv:4: bad pattern"):
        load_debris(path)


def test_caption_marks_come_from_the_data_file(tmp_path):
    from eventwire.resources import DATA_DIR

    line = "Protesters march in Minsk, pictured on Sunday, as police look on"
    text = "Belarus protests grow\n" + line + "\nThousands marched in Minsk on Sunday, witnesses said."
    assert [b.kind for b in split_blocks(text, None, load_debris())][1] == "caption"
    without = tmp_path / "debris.tsv"
    without.write_text("".join(row for row in (DATA_DIR / "debris.tsv").read_text(encoding="utf-8")
                               .splitlines(keepends=True) if "pictured" not in row), encoding="utf-8")
    assert [b.kind for b in split_blocks(text, None, load_debris(without))][1] != "caption"


def test_credit_and_minutes_are_read_with_the_shipped_marks():
    from eventwire.text.clean import debris_metadata

    text = "Ministers meet\nThe ministers in Rome (L). Photo: Wire Pictures\n7 min read\nThey met on Monday."
    rules = load_debris()
    meta = debris_metadata(text, split_blocks(text, "Ministers meet", rules), rules)
    assert meta["photo_credits"] == ["Wire Pictures"] and meta["reading_time_minutes"] == 7


TRAILING = """Kenya and Uganda sign border deal
Kenya and Uganda signed a border agreement in Nairobi on Monday, officials said.
The deal ends a decade of disputes over the island in Lake Victoria.
Reporting by a staff correspondent; Editing by the desk
Related articles
Protesters clash with police in Lagos
Police in Lagos fired tear gas at hundreds of protesters who blocked a highway on Sunday.
"""


def test_text_after_the_story_end_is_debris_and_codes_nothing(pipeline):
    from eventwire import Article
    blocks = split_blocks(TRAILING, "Kenya and Uganda sign border deal", load_debris())
    kinds = [b.kind for b in blocks]
    assert kinds[-3:] == ["after_story"] * 3 and kinds[1:3] == ["story", "story"]
    assert "story_end" in kinds
    result = pipeline.code(Article("trail", TRAILING, title="Kenya and Uganda sign border deal"))
    assert result.events and not any(e.start > TRAILING.index("Related") for e in result.events)
    assert result.article.meta["after_story_lines"][-1].startswith("Police in Lagos")


def test_a_story_end_line_before_any_story_ends_nothing():
    text = "More stories\nRebels attacked a convoy near Goma on Monday, the army said in a statement.\n"
    assert [b.kind for b in split_blocks(text, None, load_debris())][-1] == "story"
