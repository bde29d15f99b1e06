"""Every reader on real-looking files, and every kind of bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import IngestOptions, read_inputs
from eventwire.ingest.detect import READERS, read_bytes

PAGES = Path(__file__).parent / "pages"
STORY = "Kenyan troops attacked rebel camps in Somalia on Friday, the army said."


def articles(items):
    return [i for i in items if not isinstance(i, InputError)]


def errors(items):
    return [i for i in items if isinstance(i, InputError)]


def read(path, **options):
    return list(read_inputs([str(path)], IngestOptions(**options)))


def test_plain_text_encodings_boms_and_line_ends(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + STORY.replace(" the", "\r\n the").encode())
    (tmp_path / "cp1252.txt").write_bytes("Côte d'Ivoire's army said rebels attacked.".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(STORY.encode("utf-16"))
    (tmp_path / "control.txt").write_bytes(b"Chad\x07 expelled the French ambassador.\x1b")
    found = {Path(a.source_path).name: a.text for a in articles(read(tmp_path))}
    assert "\r" not in found["bom.txt"] and not found["bom.txt"].startswith("\ufeff")
    assert found["cp1252.txt"].startswith("Côte d'Ivoire")
    assert found["utf16.txt"] == STORY
    assert found["control.txt"] == "Chad  expelled the French ambassador. "


def test_html_page_main_text_and_metadata():
    [article] = articles(read(PAGES / "daily-planet.html"))
    assert "Armenian and Azerbaijani troops clashed" in article.text
    assert "cookies" not in article.text and "Copyright" not in article.text
    assert article.title.startswith("Troops clash on disputed border")
    assert article.outlet == "Daily Planet"
    assert article.url == "https://dailyplanet.example/world/2023/09/02/troops-clash-border"
    assert article.published == dt.date(2023, 9, 2)


def test_html_is_recognised_by_content_whatever_the_name(tmp_path):
    disguised = tmp_path / "saved-page.txt"
    disguised.write_bytes((PAGES / "daily-planet.html").read_bytes())
    [article] = articles(read(disguised))
    assert article.outlet == "Daily Planet"


def test_rss_and_atom_feeds_give_one_article_per_entry():
    rss = articles(read(PAGES / "world-feed.rss"))
    assert [a.id for a in rss] == ["wire-2024-0625-001", "wire-2024-0626-002"]
    assert rss[0].title == "Kenya sends police to Haiti" and rss[0].outlet == "Wire World News"
    assert rss[0].published == dt.date(2024, 6, 25)
    assert rss[0].text.startswith("Kenya deployed 400 police officers") and "<p>" not in rss[0].text
    [atom] = articles(read(PAGES / "atom-feed.xml"))
    assert atom.text.startswith("Sudan's army and the Rapid Support Forces")
    assert atom.published == dt.date(2022, 11, 3)


def _warc(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    page = (PAGES / "daily-planet.html").read_bytes()
    for url, status, kind, body in (
            ("https://dailyplanet.example/world/2023/09/02/troops-clash-border", "200 OK",
             "text/html; charset=utf-8", page),
            ("https://dailyplanet.example/missing", "404 Not Found", "text/html", b"<html>gone</html>"),
            ("https://dailyplanet.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")):
        headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buffer.getvalue()


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_keeps_html_pages_with_status_200(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(_warc(gzipped))
    found = read(path)
    assert len(articles(found)) == 1 and not errors(found)
    assert articles(found)[0].url.endswith("troops-clash-border")


def test_jsonl_field_mapping_html_field_and_gzip(tmp_path):
    records = [{"uuid": "r1", "body": STORY, "headline": "Raid", "day": "2021-05-04"},
               {"uuid": "r2", "page": (PAGES / "daily-planet.html").read_text()}]
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    fields = {"id": "uuid", "text": "body", "title": "headline", "published": "day", "html": "page"}
    first, second = articles(read(path, fields=fields))
    assert (first.id, first.title, first.published) == ("r1", "Raid", dt.date(2021, 5, 4))
    assert second.id == "r2" and "troops clashed" in second.text


def test_ids_are_stable_and_dates_come_from_urls_and_datelines(tmp_path):
    (tmp_path / "a.txt").write_text("KYIV, March 3, 2022 (Reuters) - Ukraine asked NATO for jets.")
    (tmp_path / "b.txt").write_text("KYIV, March 3, 2022 (Reuters) - Ukraine asked NATO for jets.")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": STORY, "url": "https://x.example/2019/02/24/a"}))
    a, b, c = articles(read(tmp_path))
    assert a.id == b.id and a.id.startswith("sha1-")
    assert a.published == dt.date(2022, 3, 3)
    assert c.published == dt.date(2019, 2, 24)


def test_include_and_exclude_globs(tmp_path):
    for name in ("keep.txt", "skip.txt", "notes.md"):
        (tmp_path / name).write_text(STORY + " " + name)
    found = read(tmp_path, include=("*.txt",), exclude=("skip*",))
    assert [Path(a.source_path).name for a in articles(found)] == ["keep.txt"]


def test_a_folder_of_ten_thousand_files_streams(tmp_path):
    for n in range(10_000):
        (tmp_path / f"{n:05d}.txt").write_text(f"Item {n}: {STORY}")
    tracemalloc.start()
    count = sum(1 for item in read_inputs([str(tmp_path)]) if not isinstance(item, InputError))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 10_000
    assert peak < 30 * 1024 * 1024


READER_KINDS = sorted(READERS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), kind=st.sampled_from(READER_KINDS))
def test_no_reader_raises_anything_but_input_errors_on_random_bytes(data, kind):
    with contextlib.suppress(InputError):
        list(READERS[kind](data, "random", IngestOptions()))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) |
                    st.text(max_size=50), lambda inner: st.lists(inner, max_size=4) |
                    st.dictionaries(st.sampled_from(["id", "text", "html", "title", "published",
                                                     "url", "x"]), inner, max_size=5), max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(JSON, min_size=1, max_size=5))
def test_jsonl_reader_on_random_json_reports_only_input_errors(values):
    data = "\n".join(json.dumps(v) for v in values).encode()
    for item in read_bytes(data, "random.jsonl", "random.jsonl"):
        assert isinstance(item, InputError) or item.text.strip()


# -- bounded reading -----------------------------------------------------------------------------
def _write_gzip_of_zeros(path: Path, megabytes: int) -> None:
    block = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(megabytes):
            handle.write(block)


def _peak_while(read_all):
    tracemalloc.start()
    try:
        found = read_all()
        return found, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_is_refused_after_the_limit_and_the_other_inputs_are_read(tmp_path):
    _write_gzip_of_zeros(tmp_path / "bomb.txt.gz", 64)
    (tmp_path / "good.txt").write_text(STORY)
    limit = 1 << 20
    found, peak = _peak_while(lambda: read(tmp_path, max_bytes=limit))
    [error] = errors(found)
    assert error.source.endswith("bomb.txt.gz") and "1,048,576-byte limit" in str(error)
    assert [a.text for a in articles(found)] == [STORY]
    assert peak < 8 * limit


def test_a_warc_page_over_the_limit_is_refused_and_the_crawl_goes_on(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    huge = b"<html><body>" + b"<p>Rebels attacked the town.</p>" * 400_000 + b"</body></html>"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body in (("https://x.example/huge", huge),
                          ("https://x.example/2023/09/02/page", (PAGES / "daily-planet.html").read_bytes())):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    limit = 1 << 20
    found, peak = _peak_while(lambda: read(path, max_bytes=limit))
    [error] = errors(found)
    assert error.source.endswith("#https://x.example/huge") and "limit" in error.problem
    assert [a.outlet for a in articles(found)] == ["Daily Planet"]
    assert peak < 16 * limit


def test_the_limit_applies_to_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((STORY + "\n").encode() * 100)))
    [error] = list(read_inputs(["-"], IngestOptions(max_bytes=1000)))
    assert error.source == "<stdin>" and "1,000-byte limit" in error.problem


def test_a_json_lines_record_over_the_limit_is_reported_and_the_others_are_read(tmp_path):
    lines = [json.dumps({"id": "small-1", "text": STORY}), json.dumps({"id": "big", "text": STORY * 100}),
             json.dumps({"id": "small-2", "text": STORY})]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    found = read(path, max_bytes=2000)
    assert [a.id for a in articles(found)] == ["small-1", "small-2"]
    [error] = errors(found)
    assert error.line == 2 and "limit" in error.problem


def test_a_json_lines_file_larger_than_the_limit_is_read_record_by_record(tmp_path):
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps({"id": f"r{n}", "text": STORY}) + "\n"
                                           for n in range(200)).encode()))
    found = read(path, max_bytes=1000)
    assert len(articles(found)) == 200 and not errors(found)


# -- NUL bytes and binary files ------------------------------------------------------------------
def test_nul_bytes_in_a_text_become_spaces_and_offsets_are_kept(tmp_path):
    raw = STORY.encode().replace(b" troops", b"\x00troops").replace(b" camps", b"\x00camps")
    (tmp_path / "nul.txt").write_bytes(raw)
    [article] = articles(read(tmp_path / "nul.txt"))
    assert article.text == STORY
    assert len(article.text) == len(raw)


def test_a_mostly_binary_file_is_refused(tmp_path):
    import random

    noise = random.Random(5).randbytes(20_000)
    (tmp_path / "photo.txt").write_bytes(noise)
    (tmp_path / "padded.txt").write_bytes(STORY.encode() + bytes(5000))
    for name in ("photo.txt", "padded.txt"):
        [error] = read(tmp_path / name)
        assert isinstance(error, InputError) and ("binary" in error.problem or "encoding" in error.problem)


def test_utf16_without_a_byte_order_mark(tmp_path):
    (tmp_path / "le.txt").write_bytes(STORY.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(STORY.encode("utf-16-be"))
    assert [a.text for a in articles(read(tmp_path))] == [STORY, STORY]


# -- walking folders -----------------------------------------------------------------------------
def _names(found):
    return sorted(Path(a.source_path).name for a in articles(found))


def test_links_to_folders_are_not_followed_by_default_and_a_file_is_read_once(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "s1").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "s2").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "alias.txt").symlink_to(tmp_path / "story.txt")
    assert _names(read(tmp_path)) == ["alias.txt"]
    assert _names(read(tmp_path, follow_links=True)) == ["alias.txt"]


def test_followed_link_loops_end_and_each_file_is_read_once(tmp_path):
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / f"{side}.txt").write_text(f"{STORY} ({side})")
    (tmp_path / "a" / "to-b").symlink_to(tmp_path / "b", target_is_directory=True)
    (tmp_path / "b" / "to-a").symlink_to(tmp_path / "a", target_is_directory=True)
    assert _names(read(tmp_path / "a")) == ["a.txt"]
    assert _names(read(tmp_path / "a", follow_links=True)) == ["a.txt", "b.txt"]
    assert _names(read(tmp_path, follow_links=True)) == ["a.txt", "b.txt"]


def test_a_pipe_in_a_folder_is_reported_not_waited_on(tmp_path):
    import os

    (tmp_path / "story.txt").write_text(STORY)
    os.mkfifo(tmp_path / "pipe.txt")
    found = read(tmp_path)
    assert _names(found) == ["story.txt"]
    [error] = errors(found)
    assert error.source.endswith("pipe.txt") and "not a regular file" in error.problem


def test_following_links_can_be_switched_on_in_the_settings_file(tmp_path):
    from eventwire.options import load_options

    settings = tmp_path / "eventwire.toml"
    settings.write_text("[run]\nbatch_size = 10\n")
    assert load_options(settings).ingest.follow_links is False
    settings.write_text("[ingest]\nfollow_links = true\n")
    assert load_options(settings).ingest.follow_links is True
