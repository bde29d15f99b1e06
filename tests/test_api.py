"""The REST API through the ASGI client: a thin face over run() and a read-only store."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytest.importorskip("schemathesis")

import schemathesis  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from eventwire import Article  # noqa: E402
from eventwire.faces.web import create_app  # noqa: E402
from eventwire.faces.web.coding import Coder  # noqa: E402
from eventwire.faces.web.reading import file_access, read_only  # noqa: E402
from eventwire.options import load_options  # noqa: E402
from eventwire.run import run  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.query import Filters, run_query  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAYLOAD = '<script>alert("x")</script><img src=x onerror="alert(1)">'
HOSTILE = Article("hostile-1", f"Police in Minsk detained dozens of protesters on Monday. {PAYLOAD} "
                               "Lithuania condemned the arrests on Tuesday.",
                  title=f"Arrests {PAYLOAD}", published=dt.date(2021, 5, 4), outlet="Test Wire")
INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE events; --", '" OR ""="', "1) OR (1=1", "%' --",
              "RUS' UNION SELECT * FROM articles --", "\\'; SELECT 1; --"]
FILTERS = ["actor", "source", "target", "type", "cameo", "since", "until", "outlet", "min_confidence"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline) -> str:
    path = str(tmp_path_factory.mktemp("api") / "api.duckdb")
    report = run([str(EXAMPLES), HOSTILE], load_options().but(store=path), pipeline)
    assert report.stored >= 4 and not report.failures
    return path


@pytest.fixture(scope="module")
def app(store_path, pipeline):
    return create_app(store_path, coder=Coder(load_options(), pipeline=pipeline), max_body=20_000)


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app)


def stored_events(store_path: str, **filters: object) -> list[dict]:
    with read_only(store_path) as store:
        columns, rows = run_query(store, Filters(**filters))
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_health_counts_what_the_store_holds(client, store_path):
    answer = client.get("/v1/health").json()
    assert answer["status"] == "ok"
    assert answer["events"] == len(stored_events(store_path))
    assert answer["articles"] >= 5


def test_events_are_the_query_commands_events(client, store_path):
    data = client.get("/v1/events", params={"limit": 1000}).json()
    expected = stored_events(store_path)
    assert data["total"] == len(expected) == len(data["events"])
    assert [(e["type"], e["source"], e["target"]) for e in data["events"]] == \
        [(e["type"], e["source"], e["target"]) for e in expected]


def test_actor_filter_narrows_to_that_actor(client, store_path):
    everything = client.get("/v1/events").json()
    belarus = client.get("/v1/events", params={"actor": "blr"}).json()
    assert 0 < belarus["total"] < everything["total"]
    assert belarus["total"] == len(stored_events(store_path, actor="BLR"))
    assert all("BLR" in (e["source"] or "") + (e["target"] or "") for e in belarus["events"])


def test_min_confidence_sorting_and_paging(client):
    ranked = client.get("/v1/events", params={"sort": "confidence", "order": "desc", "limit": 1000}).json()
    scores = [e["confidence"] for e in ranked["events"]]
    assert scores == sorted(scores, reverse=True)
    confident = client.get("/v1/events", params={"min_confidence": 0.9}).json()
    assert confident["total"] == sum(1 for s in scores if s >= 0.9)
    first = client.get("/v1/events", params={"limit": 3}).json()["events"]
    second = client.get("/v1/events", params={"limit": 3, "offset": 3}).json()["events"]
    assert not {e["event_id"] for e in first} & {e["event_id"] for e in second}


def test_events_as_csv_and_json_lines(client):
    total = client.get("/v1/events").json()["total"]
    as_csv = client.get("/v1/events", params={"format": "csv", "limit": 1000})
    assert as_csv.headers["content-type"].startswith("text/csv")
    lines = as_csv.text.strip().splitlines()
    assert lines[0].startswith("event_id,article_id")
    assert as_csv.headers["x-total-count"] == str(total)
    as_lines = client.get("/v1/events", params={"format": "jsonl", "limit": 1000}).text.strip().splitlines()
    assert len(as_lines) == total and json.loads(as_lines[0])["event_id"]


def test_merged_events(client):
    merged = client.get("/v1/events", params={"merged": "true"}).json()
    assert merged["total"] > 0 and all("num_mentions" in e for e in merged["events"])


@pytest.mark.parametrize("name", FILTERS)
def test_sql_injection_in_any_filter_is_a_normal_answer_or_422(client, store_path, name):
    before = len(stored_events(store_path))
    for payload in INJECTIONS:
        response = client.get("/v1/events", params={name: payload})
        assert response.status_code in (200, 422), (name, payload, response.text)
        if response.status_code == 200:
            assert response.json()["total"] == 0, (name, payload)
        else:
            assert response.headers["content-type"] == "application/problem+json"
        for path in ("/v1/timeline", "/v1/dyads", "/v1/locations"):
            assert client.get(path, params={name: payload}).status_code in (200, 422)
    assert len(stored_events(store_path)) == before


def test_one_event_and_its_sentence(client):
    listed = client.get("/v1/events", params={"actor": "LTU"}).json()["events"][0]
    event = client.get(f"/v1/events/{listed['event_id']}").json()
    assert event["type"] == listed["type"] and event["article_id"] == listed["article_id"]
    assert event["sentence_text"] == listed["sentence"]


def test_unknown_ids_are_problem_documents(client):
    for path in ("/v1/events/nope", "/v1/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 404 and problem["code"].startswith("E") and "nope" in problem["detail"]


def test_article_spans_point_into_its_text(client):
    article = client.get("/v1/articles/seed-belarus-2020").json()
    text = article["text"]
    assert article["events"] and article["spans"]
    for span in article["spans"]:
        event = article["events"][span["event"]]
        if span["kind"] == "trigger":
            assert text[span["start"]:span["end"]] == event["trigger"]["text"]
        elif span["kind"] == "place":
            assert text[span["start"]:span["end"]] == event["location"]["text"]
        else:
            assert text[span["start"]:span["end"]] in {a["text"] for a in event[span["kind"]]}
    assert all(e["event_id"] for e in article["events"])


def test_article_explanations_say_why(client):
    article = client.get("/v1/articles/seed-belarus-2020", params={"explain": "true"}).json()
    assert len(article["explanations"]) == len(article["events"])
    assert all(why["trace"] for why in article["explanations"])
    assert any(why["actors"] for why in article["explanations"])
    assert all(d["reason"] for d in article["dropped"])
    assert {b["kind"] for b in article["blocks"]} >= {"headline"}


def test_stories_and_actor_counts_by_role(client, store_path):
    stories = client.get("/v1/stories").json()
    assert stories["total"] >= 5
    actors = client.get("/v1/actors", params={"limit": 1000}).json()["actors"]
    with read_only(store_path) as store:
        _, rows = store.sql("SELECT side, count(*) FROM actors GROUP BY side")
    by_side = dict(rows)
    assert sum(a["as_source"] for a in actors) == by_side["source"]
    assert sum(a["as_target"] for a in actors) == by_side["target"]
    belarus = client.get("/v1/actors", params={"prefix": "blr"}).json()["actors"]
    assert belarus and all(a["code"].startswith("BLR") for a in belarus)


def test_timeline_and_dyads_count_the_filtered_events(client, store_path):
    dated = [e for e in stored_events(store_path) if e["date"]]
    periods = client.get("/v1/timeline", params={"interval": "year"}).json()["periods"]
    assert sum(p["events"] for p in periods) == len(dated)
    assert {p["period"][:4] for p in periods} == {str(e["date"].year) for e in dated}
    ltu_events = len(stored_events(store_path, actor="LTU"))
    dyads = client.get("/v1/dyads", params={"actor": "LTU"}).json()["dyads"]
    assert any(d["source"] == "LTUGOV" and d["target"].startswith("BLR") for d in dyads)
    assert all(d["events"] <= ltu_events for d in dyads)  # co-actors of compound events pair up too
    assert all(d["events"] == d["quad1"] + d["quad2"] + d["quad3"] + d["quad4"] for d in dyads)


def test_locations_list_where_stored_events_happened(tmp_path, pipeline):
    path = str(tmp_path / "places.duckdb")
    report = Article("minsk-1", "Police in Minsk detained dozens of opposition supporters on Sunday.",
                     published=dt.date(2020, 8, 16))
    run([report], load_options().but(store=path), pipeline)
    client = TestClient(create_app(path, coder=Coder(load_options(), pipeline=pipeline)))
    places = client.get("/v1/locations").json()
    assert places["available"]
    minsk = [p for p in places["places"] if p["place_name"] == "Minsk"]
    assert minsk and minsk[0]["events"] >= 1 and abs(minsk[0]["lat"] - 53.9) < 0.5


def test_code_a_text_without_storing(client, store_path):
    before = len(stored_events(store_path))
    response = client.post("/v1/code", params={"published": "2021-03-10"},
                           content="Kenyan troops attacked rebel camps in Somalia on Friday.",
                           headers={"content-type": "text/plain"})
    assert response.status_code == 200, response.text
    article = response.json()["articles"][0]
    assert [(e["type"], e["source"][0]["code"][:3]) for e in article["events"]] == [("ASSAULT", "KEN")]
    assert article["events"][0]["date"] == "2021-03-05"
    assert article["explanations"][0]["trace"]
    assert len(stored_events(store_path)) == before


def test_code_json_records_and_store_them(client):
    record = {"id": "api-json-1", "text": "Russia threatened Ukraine with sanctions on Monday.",
              "published": "2022-01-12", "outlet": "Wire"}
    first = client.post("/v1/code", params={"store": "true"}, json=record).json()
    assert first["stored"] == 1 and first["articles"][0]["events"][0]["type"] == "THREATEN"
    assert client.get("/v1/articles/api-json-1").json()["outlet"] == "Wire"
    again = client.post("/v1/code", params={"store": "true"}, json=[record]).json()
    assert again["stored"] == 0 and again["articles"][0]["known"]


def test_code_an_html_page(client):
    page = ("<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>Norway and Iceland "
            "opened talks in Oslo on Wednesday over mackerel quotas, officials said.</p><p>Icelandic "
            "officials praised the tone of the first meeting.</p></article></body></html>")
    response = client.post("/v1/code", content=page, headers={"content-type": "text/html"},
                           params={"published": "2024-03-14"})
    assert response.status_code == 200, response.text
    assert {e["type"] for e in response.json()["articles"][0]["events"]} & {"CONSULT", "SUPPORT"}


def test_bad_bodies_are_problem_documents(client):
    broken = client.post("/v1/code", content=b'{"id": ', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and broken.json()["code"] == "E003"
    empty = client.post("/v1/code", content=b"   ", headers={"content-type": "text/plain"})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    no_text = client.post("/v1/code", json={"id": "a"})
    assert no_text.status_code == 422 and no_text.json()["code"] == "E003"


def test_bodies_over_the_limit_get_413(client):
    large = "Russia threatened Ukraine. " * 1000
    declared = client.post("/v1/code", content=large, headers={"content-type": "text/plain"})
    assert declared.status_code == 413 and declared.json()["code"] == "E006"
    streamed = client.post("/v1/code", content=iter([large[:15_000].encode(), large[15_000:].encode()]),
                           headers={"content-type": "text/plain"})
    assert streamed.status_code == 413


def test_security_headers_and_no_cors_by_default(client, store_path, pipeline):
    for path in ("/", "/v1/health", "/static/app.js"):
        response = client.get(path, headers={"origin": "http://elsewhere.example"})
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in response.headers
    allowed = TestClient(create_app(store_path, cors_origins=["http://app.example"],
                                    coder=Coder(load_options(), pipeline=pipeline)))
    response = allowed.get("/v1/health", headers={"origin": "http://app.example"})
    assert response.headers["access-control-allow-origin"] == "http://app.example"


def test_article_page_escapes_hostile_titles(client):
    page = client.get("/articles/hostile-1").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    hostile_id = client.get('/articles/"><script>alert(1)</script>').text
    assert "<script>alert(1)" not in hostile_id


def test_gets_open_the_store_read_only(client, store_path, monkeypatch):
    from eventwire.faces.web import reading

    modes = []

    class Recording(Store):
        def __init__(self, path, read_only=False):
            modes.append(read_only)
            super().__init__(path, read_only=read_only)

    monkeypatch.setattr(reading, "Store", Recording)
    with file_access(store_path).write():
        pass  # closes the connection that earlier requests left open
    for path in ("/v1/health", "/v1/events", "/v1/articles/seed-belarus-2020", "/v1/stories", "/v1/actors",
                 "/v1/timeline", "/v1/dyads", "/v1/locations"):
        assert client.get(path).status_code == 200
    assert modes and all(modes)


def test_openapi_describes_every_endpoint(client):
    paths = client.get("/v1/openapi.json").json()["paths"]
    assert {"/v1/code", "/v1/events", "/v1/events/{event_id}", "/v1/articles/{article_id}", "/v1/stories",
            "/v1/actors", "/v1/health"} <= set(paths)
    assert set(paths["/v1/code"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain",
                                                                        "text/html"}


def test_serve_command_binds_to_loopback(monkeypatch):
    from eventwire.faces import cli, web

    calls = []
    monkeypatch.setattr(web, "serve", lambda *args: calls.append(args))
    assert cli.main(["serve", "--store", "x.duckdb", "--port", "8123"]) == 0
    assert calls == [("x.duckdb", "127.0.0.1", 8123, ())]


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/v1/openapi.json", app)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_the_schema_allows_gets_a_5xx(case):
    case.call_and_validate(checks=[not_a_server_error])


def test_reads_and_a_storing_run_take_turns_without_errors(client):
    from concurrent.futures import ThreadPoolExecutor

    record = {"id": "api-concurrent-1", "text": "Israeli warplanes struck targets in Gaza on Sunday.",
              "published": "2023-10-08"}
    with ThreadPoolExecutor(8) as pool:
        reads = [pool.submit(client.get, "/v1/events", params={"limit": 5}) for _ in range(24)]
        write = pool.submit(client.post, "/v1/code", params={"store": "true"}, json=record)
        reads += [pool.submit(client.get, "/v1/dyads") for _ in range(8)]
        statuses = [future.result().status_code for future in reads]
    assert write.result().status_code == 200 and write.result().json()["stored"] == 1
    assert statuses == [200] * len(statuses)
    assert client.get("/v1/articles/api-concurrent-1").status_code == 200


def test_other_origins_cannot_code_or_store(client, store_path, pipeline):
    sentence = {"content": "Russia threatened Ukraine with sanctions."}
    foreign = client.post("/v1/code", params={"store": "true"}, content=sentence["content"],
                          headers={"content-type": "text/plain", "origin": "http://evil.example"})
    assert foreign.status_code == 403 and foreign.json()["code"] == "E006"
    same = client.post("/v1/code", content=sentence["content"],
                       headers={"content-type": "text/plain", "origin": "http://testserver"})
    assert same.status_code == 200
    allowed = TestClient(create_app(store_path, cors_origins=["http://app.example"],
                                    coder=Coder(load_options(), pipeline=pipeline)))
    listed = allowed.post("/v1/code", content=sentence["content"],
                          headers={"content-type": "text/plain", "origin": "http://app.example"})
    assert listed.status_code == 200


def test_a_loopback_server_answers_only_to_loopback_host_names(store_path):
    guarded = TestClient(create_app(store_path, allowed_hosts=["127.0.0.1", "localhost"]),
                         base_url="http://127.0.0.1:8000")
    assert guarded.get("/v1/health").status_code == 200
    assert guarded.get("/v1/health", headers={"host": "rebound.example:8000"}).status_code == 400


def test_a_missing_store_is_a_404_that_says_how_to_fill_it(tmp_path, pipeline):
    coder = Coder(load_options(), pipeline=pipeline)
    empty = TestClient(create_app(str(tmp_path / "none.duckdb"), coder=coder))
    assert empty.get("/v1/health").json()["store_exists"] is False
    response = empty.get("/v1/events")
    assert response.status_code == 404 and response.json()["code"] == "E005"
    assert "eventwire code" in response.json()["detail"]
    assert empty.get("/").status_code == 200


def test_places_the_text_names_are_highlighted(code):
    from eventwire.faces.web.coding import spans

    text = "Kenyan troops attacked rebel camps near Kismayo on Friday."
    record = code(text).to_json()
    assert record["events"], "the sentence is coded"
    start = text.index("Kismayo")
    record["events"][0]["location"] = {"text": "Kismayo", "start": start, "end": start + 7, "name": "Kismayo"}
    places = [s for s in spans(record["events"]) if s["kind"] == "place"]
    assert [(text[s["start"]:s["end"]], s["label"]) for s in places] == [("Kismayo", "Kismayo")]
