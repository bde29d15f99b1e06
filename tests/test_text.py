"""The text stage: language identification and cutting long texts for the parser."""

from __future__ import annotations

import re

import pytest

from eventwire.model import Block
from eventwire.text.language import foreign_language, spaceless_script
from eventwire.text.nlp import (
    MAX_BLOCK_CHARS,
    PARSE_BATCH_CHARS,
    _pipe,
    cut_point,
    parse_plan,
    sections,
    story_chunks,
)

SENTENCES = ["Kenyan police arrested twelve protesters in Nairobi on Monday.",
             "Egypt condemned the air strikes on Gaza, the foreign ministry said.",
             "Rebels attacked an army base near Goma overnight!",
             "Did the talks in Doha fail? Diplomats would not say."]


@pytest.mark.parametrize(("text", "language"), [
    ("中国外交部周一表示，强烈谴责美国对台湾的军售，并要求立即停止。", "zh"),
    ("日本政府は月曜日、北朝鮮の弾道ミサイル発射を強く非難した。", "ja"),
    ("กองทัพไทยประกาศกฎอัยการศึกทั่วประเทศเมื่อวันอังคาร", "th"),
])
def test_text_in_scripts_without_spaces_is_not_english_however_short(text, language):
    assert len(text.split()) < 8
    assert foreign_language(text) == language


def test_a_few_chinese_characters_in_an_english_story_are_names():
    text = ("Chinese President Xi Jinping (习近平) met Kenya's president in Beijing on Monday and "
            "the two leaders signed a trade agreement.")
    assert spaceless_script(text) is None
    assert foreign_language(text) is None


def test_a_chinese_article_is_skipped_with_its_reason(code):
    result = code("北京—中国人民解放军周一在台湾海峡举行大规模军事演习。台湾国防部谴责这一行动。")
    assert result.skipped and "not English" in result.skipped and "zh" in result.skipped
    assert result.events == []


def _one_paragraph(count: int) -> str:
    return " ".join(SENTENCES[n % len(SENTENCES)] for n in range(count))


def test_cut_point_prefers_paragraphs_then_sentence_ends_then_spaces():
    text = _one_paragraph(40)
    end = cut_point(text, 0, 1000)
    assert text[end - 2:end] in (". ", "! ", "? ") and end <= 1000
    with_paragraph = text[:700] + "\n" + text[701:]
    assert cut_point(with_paragraph, 0, 1000) == 701
    no_sentences = "word " * 400
    assert no_sentences[cut_point(no_sentences, 0, 1000)] == " "


def test_long_lines_are_parsed_in_chunks_that_end_at_sentence_ends():
    text = _one_paragraph(300)
    chunks = list(story_chunks(text, [Block(0, len(text), "story")]))
    assert len(chunks) > 1 and all(len(chunk) <= MAX_BLOCK_CHARS for _, chunk in chunks)
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(re.search(r"[.!?] $", chunk) for _, chunk in chunks[:-1])


def test_sections_keep_every_offset_and_stay_near_their_size():
    paragraphs = [_one_paragraph(n % 7 + 1) for n in range(200)] + [_one_paragraph(400)]
    text = "\n\n".join(paragraphs)
    blocks = [Block(m.start(), m.end(), "story") for m in re.finditer(r"[^\n]+", text)]
    found = list(sections(text, blocks, 3000))
    pieces = [block for section in found for block in section]
    assert "".join(text[b.start:b.end] for b in pieces) == "".join(text[b.start:b.end] for b in blocks)
    assert all(sum(b.end - b.start for b in section) <= 3000 for section in found)
    assert len(found) > len(text) // 3000


def _keep_attacks(sentence: str) -> bool:
    return "attack" in sentence


def test_parse_plan_cuts_at_sentence_ends_and_keeps_offsets():
    text = ("Headline\n\nRebels attacked the town. The weather was fine. Troops attacked a camp. "
            "Markets were calm.")
    blocks = [Block(0, 8, "headline"), Block(10, len(text), "story")]
    full, light = parse_plan(text, blocks, _keep_attacks)
    assert [piece for _, piece in full] == ["Rebels attacked the town.", "Troops attacked a camp."]
    assert [piece for _, piece in light] == ["The weather was fine.", "Markets were calm."]
    assert all(text[start:start + len(piece)] == piece for start, piece in full + light)


def test_parse_plan_never_cuts_after_an_abbreviation():
    text = "The U.S. Army attacked the town on Jan. 3. The weather was fine."
    full, light = parse_plan(text, [Block(0, len(text), "story")], _keep_attacks)
    assert [piece for _, piece in full] == ["The U.S. Army attacked the town on Jan. 3."]
    assert [piece for _, piece in light] == ["The weather was fine."]


def test_parse_plan_without_a_test_parses_every_block_whole():
    text = "The weather was fine. Markets were calm."
    assert parse_plan(text, [Block(0, len(text), "story")], None) == ([(0, text)], [])


def test_the_parser_gets_batches_capped_by_characters_in_their_order():
    """192 blocks of 5,000 characters in one batch took 2.5 GB; the cap keeps a batch near 64,000."""
    batches: list[int] = []

    class Recorder:
        def pipe(self, items, as_tuples, batch_size):
            batches.append(sum(len(text) for text, _ in items))
            return [(text.upper(), context) for text, context in items]

    items = [("x" * 5000, n) for n in range(40)] + [("y" * 100_000, 40)]
    coded = list(_pipe(Recorder(), iter(items), 192))
    assert [context for _, context in coded] == list(range(41))
    assert max(batches[:-1]) <= PARSE_BATCH_CHARS and batches[-1] == 100_000  # a longer text goes alone
