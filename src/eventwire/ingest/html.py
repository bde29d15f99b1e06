"""Web pages: main text, title, date, site name and canonical URL through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .base import IngestOptions, Item, content_id
from .dates import date_from_url, iso_date
from .text import decode, normalise


def read_html(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    yield article_from_html(decode(data, source), source)


def article_from_html(html: str, source: str, url: str | None = None) -> Article:
    """Main text and metadata of a web page (trafilatura); a page with no main text is an error."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception as error:  # noqa: BLE001 - a broken page must not stop the run
        raise InputError(source, f"HTML could not be parsed ({type(error).__name__})") from None
    meta = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else \
        (extracted or {})
    text = normalise(meta.get("text") or "")
    if len(text.split()) < 5:
        raise InputError(source, "HTML page has no main text")
    page_url = meta.get("url") or url
    return Article(content_id(text), text, title=meta.get("title"),
                   published=iso_date(meta.get("date")) or date_from_url(page_url),
                   url=page_url, outlet=meta.get("sitename") or meta.get("hostname"),
                   source_path=source)


def html_to_text(fragment: str) -> str:
    """The paragraphs of an HTML fragment (a feed entry's content), one blank line apart."""
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except (ValueError, lxml.etree.ParserError):
        return ""
    return "\n\n".join(p.text_content().strip() for p in root.iter("p")) or root.text_content()
