"""Plain text in any encoding: bytes -> str with offsets that count characters of the decoded text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .base import IngestOptions, Item, content_id
from .dates import date_in_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c") + b"\x7f"
SAMPLE_BYTES = 65536
BINARY_SHARE = 0.05  # random or compressed data has ~10% control bytes, text almost none
STRAY_CONTROLS = 4  # a few control bytes in a short text do not make it binary


def read_text(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    text = decode(data, source)
    if not text.strip():
        raise InputError(source, "no text")
    yield Article(content_id(text), text, published=date_in_text(text), source_path=source)


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs, UTF-8, UTF-16 without a BOM, then a detected encoding; mostly-binary data is
    refused. Stray NUL and other control bytes become spaces."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return normalise(data.decode(encoding, errors="replace"))
    sample = data[:SAMPLE_BYTES]
    wide = _utf16_without_bom(sample)
    if wide:
        return normalise(data.decode(wide, errors="replace"))
    if looks_binary(sample):
        raise InputError(source, "binary file, not text")
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in sample if b >= 0x80)
    if high < 0.1 * len(sample):  # English text with a few accented letters: Windows-1252
        return normalise(data.decode("cp1252", errors="replace"))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.percent_chaos > 0.3:
        raise InputError(source, "text in an unknown or broken encoding")
    return normalise(str(best))


def looks_binary(sample: bytes) -> bool:
    """Mostly binary: more control bytes than a text ever has. A few NUL bytes in a text do not count."""
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * BINARY_SHARE + STRAY_CONTROLS


def _utf16_without_bom(sample: bytes) -> str | None:
    """ASCII-range text in UTF-16 has a NUL in every other byte."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def normalise(text: str) -> str:
    """Windows and old Mac line ends become \\n; control characters (NUL included) become spaces."""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_controls(text: str) -> str:
    """Control characters become spaces, keeping every offset."""
    return _CONTROL.sub(" ", text)
