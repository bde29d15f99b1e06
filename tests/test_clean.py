from eventwire.clean import load_debris, split_blocks

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
