"""The accuracy report opened in headless Chromium with the network blocked: the headline numbers on the page equal
report.json, every figure rendered, nothing was fetched, the tables sort, and a full-page screenshot is saved
(to pytest's tmp dir and, when AUTOCODING_SCREENSHOT_DIR is set, there too).

Two pages: the `autocoding report` verb's on the tiny model the pipeline tests train (the `trained` session
fixture of tests/helpers/pipeline_run.py), and one on synthetic outputs whose thresholds
auto-code part of the episodes, so the figures and sorts are also seen with numbers in them.

Needs Chromium and its driver (Debian: `chromium`, `chromium-driver`; .ci/run installs them) and selenium (the
`dev` extra); skips saying which is missing. Selenium is handed both paths, so Selenium Manager downloads nothing.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from tests.helpers.episodes import _synthetic_split

from autocoding.cli import main

WIDTH, HEIGHT = 1280, 900  # a laptop screen
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser_paths() -> tuple[str, str]:
    browser = os.environ.get("AUTOCODING_CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM)), None)
    driver = os.environ.get("AUTOCODING_CHROMEDRIVER") or shutil.which("chromedriver")
    if not browser:
        pytest.skip("no Chromium found (apt-get install chromium chromium-driver, or set AUTOCODING_CHROMIUM)")
    if not driver:
        pytest.skip("no chromedriver found (apt-get install chromium-driver, or set AUTOCODING_CHROMEDRIVER)")
    return browser, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium whose every host name resolves to nothing: a page that fetched anything would fail."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _browser_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},{HEIGHT}", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request the page makes
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def model_report(trained, tmp_path_factory) -> Path:
    """`autocoding report` on the trained tiny model, by its registered version, logged to the run's MLflow store."""
    out = tmp_path_factory.mktemp("model-report") / "report.html"
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["report", "model=models:/autocoding-endoscopy/1", f"data={trained.dataset}", f"out={out}",
                     f"tracking_uri={trained.tracking_uri}", "batch_size=64"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def synthetic_report(tmp_path_factory) -> Path:
    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.eval.html_report import write_html_report
    from autocoding.eval.tradeoff import tradeoff_curve
    from autocoding.eval.tuning import fit_thresholds
    from autocoding.policy.thresholds import ThresholdConfig

    config = ThresholdConfig(episode_target=0.8, episode_confidence=0.8)
    val, val_gold = _synthetic_split(600, 0)
    test, test_gold = _synthetic_split(400, 1)
    result = evaluate_predictions(test, test_gold, fit_thresholds(val, val_gold, config))
    curve = tradeoff_curve(val, val_gold, test, test_gold, config, targets=(0.7, 0.8, 0.9))
    out = tmp_path_factory.mktemp("synthetic-report") / "report.html"
    write_html_report(result, test_gold, out, specialty="endoscopy (synthetic outputs)", tradeoff=curve,
                      model="synthetic")
    return out


@pytest.fixture(params=["model", "synthetic"])
def opened(request, browser):
    """(driver, report.json as loaded, name) with the page loaded from disk."""
    path = request.getfixturevalue(f"{request.param}_report")
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get(path.as_uri())
    return browser, json.loads(path.with_suffix(".json").read_text()), request.param


def _card(driver, card_id: str) -> dict:
    return driver.execute_script(
        "var e = document.getElementById(arguments[0]); return {count: e.dataset.count, total: e.dataset.total,"
        " value: e.dataset.value, text: e.querySelector('.card-value').textContent.trim(),"
        " counts: e.querySelector('.card-count').textContent.trim()};", card_id)


def test_headline_on_the_page_equals_the_json_and_sits_at_the_top(opened):
    driver, data, _ = opened
    for card_id, key in (("headline-automation", "automation_rate"), ("headline-accuracy", "auto_accuracy"),
                         ("headline-episode", "episode_accuracy")):
        entry, shown = data["headline"][key], _card(driver, card_id)
        assert (int(shown["count"]), int(shown["total"])) == (entry["count"], entry["total"])
        assert shown["counts"].startswith(f"{entry['count']} of {entry['total']}")
        if entry["value"] is None:
            assert shown["value"] == "" and shown["text"] == "n/a"
        else:
            assert float(shown["value"]) == pytest.approx(entry["value"])
            assert shown["text"] == f"{entry['value'] * 100:.1f}%"
    summary = driver.find_element("id", "summary").text
    rate = data["headline"]["automation_rate"]
    assert f"{rate['count']} of {rate['total']} episodes" in summary
    top = driver.execute_script("return document.getElementById('headline-automation').getBoundingClientRect()"
                                ".bottom")
    assert top < HEIGHT, "the headline numbers are not on the first screen"
    cells = driver.execute_script(
        "return Array.from(document.querySelectorAll('#audit-fields td[data-field]')).map(function (td) {"
        " return [td.dataset.field, td.dataset.subset, td.dataset.count, td.dataset.total]; });")
    assert cells and all((int(k), int(n)) == (data["audit_by_subset"][f][s]["count"],
                                              data["audit_by_subset"][f][s]["total"]) for f, s, k, n in cells)


def test_every_figure_rendered_and_nothing_was_fetched(opened):
    driver, data, _ = opened
    images = driver.execute_script("return Array.from(document.images).map(function (i) {"
                                   " return [i.closest('figure').dataset.figure, i.complete, i.naturalWidth,"
                                   " i.getBoundingClientRect().width]; });")
    assert sorted(name for name, *_ in images) == sorted(data["figures"]) and data["figures"]
    for name, complete, natural, shown in images:
        assert complete and natural > 0 and shown > 200, (name, natural, shown)
    requests = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"]
    assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_page_fits_the_screen_and_shows_no_raw_missing_values(opened):
    driver, _, _ = opened
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the window"
    # what a reader sees, less the configuration listing (YAML, where `null` is the word for "not set")
    text = driver.execute_script("var main = document.querySelector('main').cloneNode(true);"
                                 " main.querySelectorAll('pre.config').forEach(function (e) { e.remove(); });"
                                 " document.body.appendChild(main); var t = main.innerText; main.remove();"
                                 " return document.querySelector('header').innerText + ' ' + t;")
    for raw in ("NaN", "None", "undefined", "null", "Infinity"):
        assert f" {raw} " not in f" {' '.join(text.split())} ", raw


def _column(driver, table_id: str, col: int) -> list[str]:
    return driver.execute_script(
        "var col = arguments[1]; return Array.from(document.getElementById(arguments[0]).tBodies[0].rows)"
        ".map(function (r) { return r.cells[col].dataset.value; });", table_id, col)


def _click_header(driver, table_id: str, col: int) -> str:
    header = driver.find_element("css selector", f"#{table_id} thead th:nth-child({col + 1})")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", header)
    header.click()
    return header.get_attribute("data-order")


@pytest.mark.parametrize("col,name", [(2, "support"), (8, "auto-coded share")])
def test_per_code_table_sorts_numerically_both_ways_with_blanks_last(opened, col, name):
    driver, data, _ = opened
    table = "codes-icd10"
    before = _column(driver, table, col)
    assert len(before) == len(data["per_code"]["icd10"]) > 1
    for order in ("asc", "desc"):
        assert _click_header(driver, table, col) == order
        values = _column(driver, table, col)
        assert sorted(values) == sorted(before), "sorting lost or duplicated rows"
        numbers = [float(v) for v in values if v != ""]
        assert numbers == sorted(numbers, reverse=order == "desc"), (name, order, values)
        blanks = values.index("") if "" in values else len(values)
        assert all(v == "" for v in values[blanks:]), f"a blank {name} sorted among the numbers ({order})"
    if col == 2:  # numeric, not text: 16 after 9 going up
        assert len({float(v) for v in before}) > 1


def test_full_page_screenshot(opened, tmp_path):
    driver, _, name = opened
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    png = base64.b64decode(shot["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and size["height"] > HEIGHT
    path = tmp_path / f"report-{name}.png"
    path.write_bytes(png)
    if os.environ.get("AUTOCODING_SCREENSHOT_DIR"):
        target = Path(os.environ["AUTOCODING_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.name)
