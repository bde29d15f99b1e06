"""The web page in headless Chromium (Debian's chromium and chromium-driver, driven by selenium): one
server start for the module, over a store of the examples and a hostile article."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("selenium")
pytest.importorskip("uvicorn")

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException, TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from eventwire import Article  # noqa: E402
from eventwire.faces.web import create_app  # noqa: E402
from eventwire.faces.web.coding import Coder  # noqa: E402
from eventwire.faces.web.reading import file_access, read_only  # noqa: E402
from eventwire.options import load_options  # noqa: E402
from eventwire.run import run  # noqa: E402
from eventwire.store import Store  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
PAYLOAD = '<script>alert("pwned")</script><img src="x" onerror="alert(1)"><b onmouseover="alert(2)">'
HOSTILE = Article("hostile-web", f"Police in Minsk detained dozens of protesters on Monday. {PAYLOAD} "
                                 "Lithuania condemned the arrests on Tuesday.",
                  title=f"Arrests {PAYLOAD}", published=dt.date(2021, 5, 4))

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="browser tests need Debian's chromium and chromium-driver (make install sets them up: "
           "apt-get install chromium chromium-driver)")


class Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # it runs in a thread of the test process
        pass


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.duckdb")
    report = run([str(EXAMPLES), HOSTILE], load_options().but(store=path), pipeline)
    assert report.stored >= 5
    return path


@pytest.fixture(scope="module")
def base_url(store_path, pipeline):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(store_path, coder=Coder(load_options(), pipeline=pipeline))
    server = Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def wait_for(driver, css: str, timeout: float = 30) -> list:
    try:
        return WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
    except TimeoutException:
        status = driver.find_elements(By.ID, "status")
        pytest.fail(f"{css!r} never appeared; status: {status[0].text if status else '-'}")


def shoot(driver, folder: Path, name: str) -> Path:
    shot = folder / f"{name}.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 5000
    return shot


def rows(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")


def test_page_loads_with_the_examples_events(browser, base_url, store_path, tmp_path):
    browser.get(base_url + "/")
    wait_for(browser, "#events tbody tr")
    with read_only(store_path) as store:
        total = store.sql("SELECT count(*) FROM events")[1][0][0]
    assert len(rows(browser)) == min(total, 50)
    assert f"{total} events" in browser.find_element(By.ID, "status").text
    assert any("Lukashenko" in row.text for row in rows(browser))
    shoot(browser, tmp_path, "table")


def test_a_filter_narrows_the_table(browser, base_url, tmp_path):
    browser.get(base_url + "/")
    before = len(wait_for(browser, "#events tbody tr"))
    browser.find_element(By.NAME, "actor").send_keys("LTU")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: "actor=LTU" in d.current_url and 0 < len(rows(d)) < before)
    assert all("LTU" in row.text for row in rows(browser))
    browser.find_element(By.CSS_SELECTOR, "th[data-sort=confidence]").click()
    WebDriverWait(browser, 20).until(lambda d: "sort=confidence" in d.current_url)
    shoot(browser, tmp_path, "filtered")


def test_the_seed_article_opens_with_highlighted_spans(browser, base_url, store_path, tmp_path):
    browser.get(base_url + "/?actor=RUS")
    link = wait_for(browser, "#events tbody tr td.sentence a")[0]
    link.click()
    wait_for(browser, ".event .why h3")  # the text is drawn again once the explanations arrive
    assert "Putin pledges support" in browser.find_element(By.ID, "article-title").text
    kinds = {mark.get_attribute("class").split()[0]
             for mark in browser.find_elements(By.CSS_SELECTOR, "#article-text mark")}
    assert kinds >= {"trigger", "source", "target"}
    triggers = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.trigger")]
    with read_only(store_path) as store:
        record = json.loads(store.sql("SELECT record FROM articles WHERE id = 'seed-belarus-2020'")[1][0][0])
    assert {event["trigger"]["text"] for event in record["events"]} <= set(triggers)
    assert browser.find_elements(By.CSS_SELECTOR, ".event.selected"), "the linked event is selected"
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .in-sentence"), "its sentence is marked"
    assert "matches lexicon entry" in browser.find_element(By.ID, "event-list").text
    shoot(browser, tmp_path, "article")


def test_the_paste_form_codes_a_sentence(browser, base_url, tmp_path):
    browser.get(base_url + "/code")
    browser.find_element(By.ID, "code-text").send_keys(
        "Kenyan troops attacked rebel camps in Somalia on Friday.")
    browser.find_element(By.CSS_SELECTOR, "#code-form button[type=submit]").click()
    wait_for(browser, "#results .event", timeout=60)
    result = browser.find_element(By.ID, "results").text
    assert "ASSAULT" in result and "KENMIL" in result
    assert browser.find_elements(By.CSS_SELECTOR, "#results mark.trigger")[0].text == "attacked"
    shoot(browser, tmp_path, "code")


def test_a_hostile_article_runs_no_script(browser, base_url, tmp_path):
    browser.get_log("browser")
    browser.get(base_url + "/articles/hostile-web")
    wait_for(browser, ".event .why h3")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert PAYLOAD in browser.find_element(By.ID, "article-text").text
    assert PAYLOAD in browser.find_element(By.ID, "article-title").text
    injected = browser.execute_script(
        "return [document.querySelectorAll('img, b, [onerror], [onmouseover]').length, "
        "[...document.scripts].map(s => s.getAttribute('src'))]")
    assert injected == [0, ["/static/app.js"]]
    logs = browser.get_log("browser")
    assert not [entry for entry in logs if "Content Security Policy" in entry["message"]]
    shoot(browser, tmp_path, "hostile")


def test_timeline_and_dyads_draw(browser, base_url, tmp_path):
    browser.get(base_url + "/timeline")
    bars = wait_for(browser, "#timeline-chart rect")
    assert {bar.get_attribute("class") for bar in bars} <= {"q1", "q2", "q3", "q4"}
    shoot(browser, tmp_path, "timeline")
    browser.get(base_url + "/dyads")
    wait_for(browser, "#dyads tbody tr")
    assert "LTUGOV" in browser.find_element(By.ID, "dyads").text
    shoot(browser, tmp_path, "dyads")


def test_map_says_no_locations_then_shows_places(browser, base_url, store_path, tmp_path):
    browser.get(base_url + "/map")
    wait_for(browser, "svg.world path.land")
    with read_only(store_path) as store:
        names = {row[0] for row in store.sql("DESCRIBE events")[1]}
    if "lat" not in names:
        WebDriverWait(browser, 20).until(lambda d: "No locations yet" in d.find_element(By.ID, "status").text)
        with file_access(store_path).write(), Store(store_path) as store:
            for column, kind in (("place_name", "VARCHAR"), ("place_country", "VARCHAR"),
                                 ("lat", "DOUBLE"), ("lon", "DOUBLE")):
                store.db.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column} {kind}")
            for prefix, place, country, lat, lon in (("BLR", "Minsk", "BLR", 53.9, 27.57),
                                                     ("NOR", "Oslo", "NOR", 59.91, 10.75),
                                                     ("ARM", "Yerevan", "ARM", 40.18, 44.51)):
                store.db.execute("UPDATE events SET place_name = ?, place_country = ?, lat = ?, lon = ? "
                                 "WHERE starts_with(array_to_string(source_codes || target_codes, ','), ?)",
                                 [place, country, lat, lon, prefix])
        browser.get(base_url + "/map")
    wait_for(browser, "svg.world circle.place")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.world path.land")) > 150
    shoot(browser, tmp_path, "map")
