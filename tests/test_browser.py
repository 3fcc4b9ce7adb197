"""The network page in headless Chromium: drawn, offline, quiet, safe and interactive.

Uses the system's Chromium and chromedriver (Debian: ``apt-get install chromium chromium-driver``,
``make browser``); Selenium Manager is never asked to download anything.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fixtures_graph import (
    HOSTILE_ALIAS,
    HOSTILE_CLAIM,
    HOSTILE_HEADLINE,
    HOSTILE_LABEL,
    HOSTILE_SOURCE,
    HOSTILE_TRIGGER,
    article_iri,
    hostile_graph,
)
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from graph.network import to_networkx
from graph.visualise import write_html

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("chromium") is None,
        reason="Chromium is not installed (make browser, or apt-get install chromium chromium-driver)",
    ),
]

PUTIN = article_iri("russia-isis", "person", "vladimir-putin")
HOSTILE = article_iri("hostile", "person", "img")
NET = to_networkx(hostile_graph())


def of_kind(kind: str, article: str | None = None) -> list[str]:
    return sorted(
        n for n, d in NET.nodes(data=True)
        if d["kind"] == kind and (article is None or n.startswith(article_iri(article) + "/"))
    )


[HOSTILE_CLAIM_NODE] = of_kind("Claim", "hostile")
[CLAIM] = of_kind("Claim", "russia-isis")
[HOSTILE_EVENT] = of_kind("Event", "hostile")
OFFENSIVE = article_iri("russia-isis", "event", "323-offensive")
RETURN = article_iri("russia-isis", "event", "443-return")
LOCAL_SCHEMES = ("file:", "data:", "about:")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    chromedriver = shutil.which("chromedriver")
    if chromedriver is None:
        pytest.fail("chromedriver is missing: apt-get install chromium-driver (or make browser).")
    options = webdriver.ChromeOptions()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium")  # type: ignore[assignment]
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def page(driver: WebDriver, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Open the hostile page once; keep what the browser logged while loading it."""
    path = write_html(hostile_graph(), tmp_path_factory.mktemp("page") / "graph.html")
    driver.get("about:blank")  # leave the start-up tab, then drop what it logged
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(path.as_uri())
    wait_for(driver, "return document.body.getAttribute('data-ready') === 'true'")
    return {"path": path, "requests": requests(driver), "console": driver.get_log("browser")}


def wait_for(driver: WebDriver, script: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


def requests(driver: WebDriver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def severe(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in entries if e["level"] == "SEVERE"]


def no_injection(driver: WebDriver) -> None:
    injected = "return document.querySelectorAll('img, iframe, a[href]').length"
    assert driver.execute_script(injected) == 0
    assert driver.execute_script("return window.__xss === undefined")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_the_page_draws_every_node(page: dict[str, Any], driver: WebDriver) -> None:
    net = to_networkx(hostile_graph())
    labels = driver.execute_script("return network.body.data.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(d["label"] for _, d in net.nodes(data=True))
    assert {"Vladimir Putin", "Français", "العربية", HOSTILE_LABEL} <= set(labels)
    drawn = driver.execute_script("return Object.keys(network.body.nodes)")
    assert set(net.nodes) <= set(drawn)
    edges = driver.execute_script("return network.body.data.edges.get().map(e => e.label)")
    assert len(edges) == net.number_of_edges() and "President" in edges


def test_loading_makes_no_network_request(page: dict[str, Any]) -> None:
    assert page["requests"], "the performance log recorded nothing"
    assert page["path"].as_uri() in page["requests"]
    assert [url for url in page["requests"] if not url.startswith(LOCAL_SCHEMES)] == []


def test_loading_logs_no_console_error(page: dict[str, Any]) -> None:
    assert severe(page["console"]) == []


def test_physics_stops_once_stable(page: dict[str, Any], driver: WebDriver) -> None:
    assert driver.execute_script("return network.physics.options.enabled") is False
    first = driver.execute_script("return network.getPositions()")
    time.sleep(0.3)
    assert driver.execute_script("return network.getPositions()") == first


def test_the_legend_shows_every_type(page: dict[str, Any], driver: WebDriver) -> None:
    rows = driver.find_elements(By.CSS_SELECTOR, "#kg-legend li:not(.kg-note)")
    assert [r.text.split("\n")[0] for r in rows] == [
        "Person", "Organization", "Place or country", "Named event", "Event", "Claim",
        "Described source", "Article",
    ]
    counts = [r.find_element(By.CSS_SELECTOR, ".kg-count").text for r in rows]
    assert counts == ["4", "7", "5", "1", "3", "2", "3", "3"]
    assert all(r.find_element(By.CSS_SELECTOR, "input").is_selected() for r in rows)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#kg-legend svg.kg-swatch")) == 9
    note = driver.find_element(By.CSS_SELECTOR, "#kg-legend li.kg-note").text
    assert note.startswith("pale, dashed: not asserted") and note.endswith("· 2")
    assert driver.find_element(By.ID, "kg-summary").text == "28 nodes · 35 links · 3 articles"


def test_a_hostile_label_renders_as_text(page: dict[str, Any], driver: WebDriver) -> None:
    no_injection(driver)
    node = driver.execute_script(
        "const t = network.body.data.nodes.get(arguments[0]).title;"
        "return {element: t instanceof HTMLElement, text: t.textContent,"
        " tags: t.querySelectorAll('*').length,"
        " markup: t.querySelectorAll('img, a, script, b').length};",
        HOSTILE,
    )
    assert node["element"] and node["markup"] == 0 and node["tags"] > 0
    assert HOSTILE_LABEL in node["text"] and HOSTILE_ALIAS in node["text"]


def hover(driver: WebDriver, node: str, expect: str) -> dict[str, Any]:
    """Point at ``node`` until vis shows its tooltip (which must contain ``expect``)."""
    driver.execute_script("network.focus(arguments[0], {scale: 1.5}); network.redraw();", node)
    x, y = driver.execute_script(
        "const p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "const r = document.getElementById('kg-network').getBoundingClientRect();"
        "return [Math.round(r.left + p.x), Math.round(r.top + p.y)];",
        node,
    )
    action = ActionBuilder(driver)
    action.pointer_action.move_to_location(5, 5)  # off the canvas, so the next move is new
    action.perform()
    for dx in (0, 1):  # vis only shows a tooltip after the pointer moves over the node
        action = ActionBuilder(driver)
        action.pointer_action.move_to_location(x + dx, y)
        action.perform()
    wait_for(
        driver,
        "const t = document.querySelector('div.vis-tooltip');"
        "return t && getComputedStyle(t).visibility === 'visible'"
        " && t.textContent.indexOf(arguments[0]) >= 0;".replace("arguments[0]", json.dumps(expect)),
    )
    return driver.execute_script(
        "const t = document.querySelector('div.vis-tooltip');"
        "return {text: t.textContent, markup: t.querySelectorAll('img, a, script, b, i, svg').length};"
    )


def test_hovering_a_hostile_node_shows_a_text_tooltip(
    page: dict[str, Any], driver: WebDriver
) -> None:
    tooltip = hover(driver, HOSTILE, HOSTILE_LABEL)
    assert HOSTILE_LABEL in tooltip["text"] and tooltip["markup"] == 0
    no_injection(driver)


def test_selecting_a_hostile_node_shows_its_details_as_text(page: dict[str, Any], driver: WebDriver) -> None:
    driver.execute_script(
        "network.selectNodes([arguments[0]]); network.emit('selectNode', {nodes: [arguments[0]]});",
        HOSTILE,
    )
    details = driver.find_element(By.ID, "kg-details")
    assert HOSTILE_LABEL in details.text and "Français" in details.text
    assert details.find_elements(By.CSS_SELECTOR, "img, a, script") == []
    no_injection(driver)


def test_the_type_filter_hides_and_shows_a_type(page: dict[str, Any], driver: WebDriver) -> None:
    hidden_people = (
        "return network.body.data.nodes.get({filter: n => n.kind === arguments[0]})"
        ".map(n => network.body.nodes[n.id].options.hidden === true);"
    )
    box = driver.find_element(By.CSS_SELECTOR, "#kg-legend input[data-kind='Person']")
    box.click()
    assert not box.is_selected()
    people = driver.execute_script(hidden_people, "Person")
    assert len(people) == 4 and all(people)
    assert not any(driver.execute_script(hidden_people, "Place"))
    box.click()
    assert box.is_selected() and not any(driver.execute_script(hidden_people, "Person"))


def test_event_claim_and_source_nodes_are_drawn(page: dict[str, Any], driver: WebDriver) -> None:
    ids = of_kind("Event") + of_kind("Claim") + of_kind("Source")
    assert len(ids) == 8
    drawn = driver.execute_script(
        "return arguments[0].map(id => { const n = network.body.nodes[id];"
        " return n ? [n.options.shape, n.options.hidden, !!n.options.shapeProperties.borderDashes,"
        " network.body.nodeIndices.includes(id)] : null; });",
        ids,
    )
    shapes = dict(zip(ids, drawn))
    for node in ids:
        assert shapes[node] is not None, node
        shape, hidden, _dashed, visible = shapes[node]
        assert hidden is False and visible is True
        assert shape == {"Event": "hexagon", "Claim": "box", "Source": "dot"}[NET.nodes[node]["kind"]]
    assert shapes[OFFENSIVE][2] is False  # asserted: a solid outline
    assert shapes[RETURN][2] is True and shapes[HOSTILE_EVENT][2] is True  # possible, future
    assert all(shapes[n][2] for n in of_kind("Source"))
    in_view = driver.execute_script(
        "network.fit(); const r = network.getBoundingBox(arguments[0]);"
        "return r.right > r.left && r.bottom > r.top;",
        CLAIM,
    )
    assert in_view


def test_the_type_filter_hides_and_shows_claims(page: dict[str, Any], driver: WebDriver) -> None:
    hidden = (
        "return network.body.data.nodes.get({filter: n => n.kind === arguments[0]})"
        ".map(n => network.body.nodes[n.id].options.hidden === true);"
    )
    claimed_by = (
        "return network.body.edgeIndices.filter(id =>"
        " network.body.data.edges.get(id).relation === 'claimed by').length;"
    )
    assert driver.execute_script(claimed_by) == 2
    box = driver.find_element(By.CSS_SELECTOR, "#kg-legend input[data-kind='Claim']")
    box.click()
    assert not box.is_selected()
    claims = driver.execute_script(hidden, "Claim")
    assert len(claims) == 2 and all(claims)
    assert driver.execute_script(claimed_by) == 0  # their links go with them
    assert not any(driver.execute_script(hidden, "Event"))
    assert not any(driver.execute_script(hidden, "Source"))
    box.click()
    assert box.is_selected() and not any(driver.execute_script(hidden, "Claim"))
    assert driver.execute_script(claimed_by) == 2


def test_hovering_a_hostile_claim_shows_its_text_as_text(page: dict[str, Any], driver: WebDriver) -> None:
    tooltip = hover(driver, HOSTILE_CLAIM_NODE, HOSTILE_CLAIM)
    assert tooltip["markup"] == 0
    assert "Claim" in tooltip["text"].split(HOSTILE_CLAIM)[0]
    assert f"Source: {HOSTILE_SOURCE}" in tooltip["text"] and "Cue: said" in tooltip["text"]
    no_injection(driver)


def test_hovering_a_hostile_event_shows_its_trigger_as_text(page: dict[str, Any], driver: WebDriver) -> None:
    tooltip = hover(driver, HOSTILE_EVENT, "Not asserted: future")
    assert tooltip["markup"] == 0
    assert f"{HOSTILE_TRIGGER} (Conflict or attack)" in tooltip["text"]
    assert f"Agent: {HOSTILE_SOURCE}" in tooltip["text"] and "Patient: العربية" in tooltip["text"]
    no_injection(driver)


def select(driver: WebDriver, node: str) -> str:
    driver.execute_script(
        "network.selectNodes([arguments[0]]); network.emit('selectNode', {nodes: [arguments[0]]});",
        node,
    )
    return driver.find_element(By.ID, "kg-details").text


def test_selecting_a_claim_shows_its_text_source_date_and_numbers(
    page: dict[str, Any], driver: WebDriver
) -> None:
    text = select(driver, CLAIM)
    for expected in (
        "CLAIM",  # the kind, upper-cased by the style sheet
        "ISIS holds 19 percent of the country and could return",
        "Source: Russian defense officials",
        "Cue: According to",
        "Date: 2017-12-07",
        "Numbers: 19.0 percent",
        "According to Russian defense officials, ISIS holds 19 percent of the country and could return.",
        "→ claimed by: Russian defense officials",
    ):
        assert expected in text, expected
    text = select(driver, HOSTILE_CLAIM_NODE)
    assert HOSTILE_CLAIM in text
    details = driver.find_element(By.ID, "kg-details")
    assert details.find_elements(By.CSS_SELECTOR, "script, img, a, i, svg") == []
    no_injection(driver)


def test_selecting_events_shows_factuality_date_and_participants(
    page: dict[str, Any], driver: WebDriver
) -> None:
    text = select(driver, OFFENSIVE)
    for expected in (
        "EVENT · MILITARY OPERATION", "offensive (Military operation)", "Asserted",
        "Trigger: offensive", "Date: 2017-09-15", "Agent: government troops", "Patient: ISIS",
        "Place: Syria", "On Friday government troops launched an offensive against ISIS in Syria.",
    ):
        assert expected in text, expected
    assert "Not asserted" not in text
    text = select(driver, RETURN)
    assert "Not asserted: possible" in text and "Agent: ISIS" in text
    assert driver.find_element(By.CSS_SELECTOR, "#kg-details .kg-card-flag").text == "Not asserted: possible"


def test_the_search_finds_a_claim_by_its_text(page: dict[str, Any], driver: WebDriver) -> None:
    box = driver.find_element(By.CSS_SELECTOR, "#kg-legend input[data-kind='Claim']")
    box.click()
    assert search(driver, "19 percent of the country").startswith("According to")
    assert box.is_selected()
    assert driver.execute_script("return network.getSelectedNodes()") == [CLAIM]


def search(driver: WebDriver, text: str) -> str:
    field = driver.find_element(By.ID, "kg-search")
    field.clear()
    field.send_keys(text, Keys.ENTER)
    return driver.find_element(By.ID, "kg-search-status").text


def test_the_search_finds_a_node_by_alias_and_focuses_it(page: dict[str, Any], driver: WebDriver) -> None:
    assert search(driver, "Putin") == "Vladimir Putin"
    assert driver.execute_script("return network.getSelectedNodes()") == [PUTIN]
    assert "Putin visited troops" in driver.find_element(By.ID, "kg-details").text


def test_the_search_reveals_a_node_of_a_hidden_type(page: dict[str, Any], driver: WebDriver) -> None:
    box = driver.find_element(By.CSS_SELECTOR, "#kg-legend input[data-kind='Person']")
    box.click()
    assert not box.is_selected()
    assert search(driver, "vladimir putin") == "Vladimir Putin"
    assert box.is_selected()
    assert driver.execute_script("return network.body.nodes[arguments[0]].options.hidden", PUTIN) is False


def test_the_search_cycles_through_equal_labels(page: dict[str, Any], driver: WebDriver) -> None:
    first = search(driver, "Syria")
    assert first.startswith("Syria (1 of ")
    driver.find_element(By.ID, "kg-search").send_keys(Keys.ENTER)
    assert driver.find_element(By.ID, "kg-search-status").text.startswith("Syria (2 of ")


def test_the_search_finds_a_hostile_label_as_text(page: dict[str, Any], driver: WebDriver) -> None:
    assert search(driver, "<img src=x") == HOSTILE_LABEL
    assert driver.execute_script("return network.getSelectedNodes()") == [HOSTILE]
    assert search(driver, "no such thing") == "Nothing matches “no such thing”."
    suggestions = driver.execute_script(
        "return Array.from(document.querySelectorAll('#kg-labels option')).map(o => o.value)"
    )
    assert HOSTILE_LABEL in suggestions
    no_injection(driver)


ISIS = article_iri("russia-isis", "organization", "isis")
GENEVA = article_iri("geneva-talks", "place", "geneva")
OFFENSIVE_SENTENCE = "On Friday government troops launched an offensive against ISIS in Syria."


def hits(driver: WebDriver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#kg-article-text .kg-hit')).map(m => m.textContent)"
    )


def reset_filters(driver: WebDriver) -> None:
    driver.execute_script(
        "document.querySelectorAll('#kg-legend input, #kg-relations input').forEach(b => {"
        " if (!b.checked) b.click(); });"
        "for (const id of ['kg-date-from', 'kg-date-to']) { const i = document.getElementById(id);"
        " i.value = ''; i.dispatchEvent(new Event('input')); }"
        "const f = document.getElementById('kg-article-filter'); f.value = '';"
        " f.dispatchEvent(new Event('change'));"
    )


def test_selecting_a_node_highlights_its_mentions_in_the_article(page: dict[str, Any], driver: WebDriver) -> None:
    text = select(driver, PUTIN)
    assert "SENTENCES (2)" in text.upper()
    assert "Putin visited troops who fought in the Syrian Civil War." in text
    assert driver.find_element(By.ID, "kg-article-head").text == "Russia Declares Victory Over ISIS in Syria"
    assert hits(driver) == ["Vladimir Putin", "Putin", "Putin"]
    assert driver.find_element(By.ID, "kg-article").is_displayed()
    in_view = driver.execute_script(
        "const m = document.querySelector('#kg-article-text .kg-hit').getBoundingClientRect();"
        "const p = document.getElementById('kg-article').getBoundingClientRect();"
        "return m.top >= p.top && m.bottom <= p.bottom;"
    )
    assert in_view


def test_clicking_a_highlighted_name_selects_its_node(page: dict[str, Any], driver: WebDriver) -> None:
    select(driver, PUTIN)
    mark = driver.find_element(By.CSS_SELECTOR, f"#kg-article-text .kg-mark[data-node='{ISIS}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert driver.execute_script("return network.getSelectedNodes()") == [ISIS]
    assert "Islamic State" in driver.find_element(By.ID, "kg-details").text
    assert "ISIS" in hits(driver) and "Islamic State" in hits(driver)


def test_a_fact_links_back_to_its_sentence(page: dict[str, Any], driver: WebDriver) -> None:
    select(driver, ISIS)
    facts = driver.find_elements(By.CSS_SELECTOR, "#kg-details .kg-facts li")
    texts = [f.text for f in facts]
    patient = "Patient in offensive (Military operation) · 2017-09-15 · asserted"
    assert patient in texts, texts
    assert any(t.startswith("Mentioned in claim: “ISIS holds 19 percent") for t in texts), texts
    facts[texts.index(patient)].click()
    lit = driver.find_elements(By.CSS_SELECTOR, "#kg-article-text .kg-sent-on")
    assert [s.text for s in lit] == [OFFENSIVE_SENTENCE]
    assert driver.execute_script("return network.getSelectedNodes()") == [OFFENSIVE]


def test_selecting_an_edge_shows_why_the_two_are_linked(page: dict[str, Any], driver: WebDriver) -> None:
    edge = driver.execute_script(
        "return network.body.data.edges.get().find(e => e.from === arguments[0] && e.to === arguments[1]"
        " && e.relation === 'mentioned with').id",
        ISIS, article_iri("russia-isis", "person", "vladimir-putin"),
    ) if ISIS < PUTIN else driver.execute_script(
        "return network.body.data.edges.get().find(e => e.from === arguments[1] && e.to === arguments[0]"
        " && e.relation === 'mentioned with').id",
        ISIS, PUTIN,
    )
    driver.execute_script(
        "network.selectEdges([arguments[0]]); network.emit('selectEdge', {nodes: [], edges: [arguments[0]]});",
        edge,
    )
    text = driver.find_element(By.ID, "kg-details").text
    assert "WHY: NAMED TOGETHER IN 1 SENTENCE" in text.upper()
    assert "Russian President Vladimir Putin has claimed victory over ISIS in Syria" in text
    offensive_patient = driver.execute_script(
        "return network.body.data.edges.get().find(e => e.from === arguments[0] && e.relation === 'patient').id",
        OFFENSIVE,
    )
    driver.execute_script("kg.showEdge(arguments[0])", offensive_patient)
    text = driver.find_element(By.ID, "kg-details").text
    assert "patient" in text and OFFENSIVE_SENTENCE in text


def test_the_timeline_lists_dated_events_claims_and_dates(page: dict[str, Any], driver: WebDriver) -> None:
    driver.find_element(By.ID, "kg-tab-timeline").click()
    timeline = driver.find_element(By.ID, "kg-timeline")
    text = timeline.text
    assert text.startswith("DAYS (")
    assert "2017-09-15 offensive (Military operation)" in text
    assert "2017-09-15 “Friday” — " + OFFENSIVE_SENTENCE in text
    assert "2017-12-07 According to “ISIS holds 19 percent" in text
    dates = [d.text for d in timeline.find_elements(By.CSS_SELECTOR, ".kg-when")]
    assert dates == sorted(dates)
    timeline.find_element(By.CSS_SELECTOR, f"li[data-node='{OFFENSIVE}']").click()
    assert driver.execute_script("return network.getSelectedNodes()") == [OFFENSIVE]
    assert driver.find_element(By.ID, "kg-article").is_displayed()


def shown(driver: WebDriver, ids: list[str]) -> list[bool]:
    return driver.execute_script(
        "return arguments[0].map(id => network.body.nodes[id].options.hidden !== true)", ids
    )


def test_the_relation_filter_hides_its_links(page: dict[str, Any], driver: WebDriver) -> None:
    visible = (
        "return network.body.edgeIndices.filter(id =>"
        " network.body.data.edges.get(id).relation === arguments[0]).length;"
    )
    assert driver.execute_script(visible, "mentioned with") > 0
    driver.find_element(By.CSS_SELECTOR, "#kg-relations input[data-relation='mentioned with']").click()
    assert driver.execute_script(visible, "mentioned with") == 0
    assert driver.execute_script(visible, "President") == 1
    reset_filters(driver)
    assert driver.execute_script(visible, "mentioned with") > 0


def test_the_date_filter_hides_events_and_claims_outside_the_range(page: dict[str, Any], driver: WebDriver) -> None:
    driver.find_element(By.ID, "kg-date-from").send_keys("2017-10")
    assert shown(driver, [OFFENSIVE, CLAIM, PUTIN]) == [False, True, True]
    driver.find_element(By.ID, "kg-date-to").send_keys("2017-11")
    assert shown(driver, [OFFENSIVE, CLAIM, PUTIN]) == [False, False, True]
    reset_filters(driver)
    assert shown(driver, [OFFENSIVE, CLAIM, PUTIN]) == [True, True, True]


def test_the_article_filter_shows_one_article(page: dict[str, Any], driver: WebDriver) -> None:
    options = driver.execute_script(
        "return Array.from(document.querySelectorAll('#kg-article-filter option')).map(o => o.textContent)"
    )
    assert options[0] == "All articles" and len(options) == 4
    geneva = options.index("Syria Talks Resume in Geneva") - 1
    driver.execute_script(
        "const f = document.getElementById('kg-article-filter'); f.value = arguments[0];"
        "f.dispatchEvent(new Event('change'));", str(geneva),
    )
    assert shown(driver, [GENEVA, PUTIN, OFFENSIVE, article_iri("geneva-talks")]) == [True, False, False, True]
    assert driver.find_element(By.ID, "kg-article-head").text == "Syria Talks Resume in Geneva"
    reset_filters(driver)
    assert shown(driver, [GENEVA, PUTIN]) == [True, True]


def test_hostile_text_is_text_in_the_article_pane_and_timeline(page: dict[str, Any], driver: WebDriver) -> None:
    select(driver, HOSTILE)
    article = driver.find_element(By.ID, "kg-article-text")
    assert HOSTILE_LABEL in article.text and HOSTILE_CLAIM in article.text and HOSTILE_SOURCE in article.text
    assert HOSTILE_LABEL in hits(driver)
    assert driver.find_element(By.ID, "kg-article-head").text == HOSTILE_HEADLINE
    driver.find_element(By.ID, "kg-tab-timeline").click()
    assert HOSTILE_CLAIM in driver.find_element(By.ID, "kg-timeline").text
    for panel in ("kg-article-text", "kg-timeline", "kg-details", "kg-article-select"):
        markup = driver.execute_script(
            "return document.getElementById(arguments[0]).querySelectorAll('img, a, script, b, i, svg').length",
            panel,
        )
        assert markup == 0, panel
    driver.find_element(By.ID, "kg-tab-article").click()
    no_injection(driver)


def test_interaction_stays_offline_and_quiet(page: dict[str, Any], driver: WebDriver) -> None:
    assert [url for url in requests(driver) if not url.startswith(LOCAL_SCHEMES)] == []
    assert severe(driver.get_log("browser")) == []
    no_injection(driver)



def test_the_example_page_opens_offline_with_its_entities(driver: WebDriver, example_build) -> None:
    """The page `kg build` wrote for the bundled example, from file://, with no network."""
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get((example_build / "graph.html").as_uri())
    wait_for(driver, "return document.body.getAttribute('data-ready') === 'true'")
    labels = set(driver.execute_script("return network.body.data.nodes.get().map(n => n.label)"))
    assert {"Vladimir Putin", "Valery Gerasimov", "Russia", "Syria", "Islamic State", "Associated Press"} <= labels
    assert not any("Zelensky" in label for label in labels)
    kinds = driver.execute_script("return network.body.data.nodes.get().map(n => n.kind)")
    assert {"Event", "Claim", "Source"} <= set(kinds)
    assert "offensive (Military operation)" in labels
    assert all(url.startswith(LOCAL_SCHEMES) for url in requests(driver))
    assert severe(driver.get_log("browser")) == []


def test_a_big_graph_starts_with_its_most_central_nodes(driver: WebDriver, tmp_path) -> None:
    from graph.visualise import render_html

    path = tmp_path / "budget.html"
    path.write_text(render_html(hostile_graph(), budget=10), encoding="utf-8")
    driver.get(path.as_uri())
    wait_for(driver, "return document.body.getAttribute('data-ready') === 'true'")
    assert driver.execute_script("return network.body.data.nodes.length") == 10
    more = driver.find_element(By.ID, "kg-more")
    assert more.text == "Show 10 more (18 not shown)"
    more.click()
    wait_for(driver, "return document.body.getAttribute('data-ready') === 'true'")
    assert driver.execute_script("return network.body.data.nodes.length") == 20
    assert driver.execute_script("return network.physics.options.enabled") is False
    assert search(driver, "Français") == "Français"  # a node not yet drawn is drawn when found
    assert severe(driver.get_log("browser")) == []


def test_the_notebook_view_draws_offline_in_its_iframe(driver: WebDriver, tmp_path) -> None:
    from graph.visualise import show

    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        + show(hostile_graph(), height=600)._repr_html_() + "</body></html>",
        encoding="utf-8",
    )
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(host.as_uri())
    driver.switch_to.frame(driver.find_element(By.TAG_NAME, "iframe"))
    try:
        wait_for(driver, "return document.body && document.body.getAttribute('data-ready') === 'true'")
        labels = driver.execute_script("return network.body.data.nodes.get().map(n => n.label)")
        assert "Vladimir Putin" in labels and HOSTILE_LABEL in labels
        no_injection(driver)
    finally:
        driver.switch_to.default_content()
    assert [u for u in requests(driver) if not u.startswith(LOCAL_SCHEMES)] == []
    assert severe(driver.get_log("browser")) == []


def test_the_community_colouring_recolours_and_restores(page: dict[str, Any], driver: WebDriver) -> None:
    driver.get(page["path"].as_uri())
    wait_for(driver, "return document.body.getAttribute('data-ready') === 'true'")
    before = driver.execute_script("return network.body.data.nodes.get().map(n => n.color.background)")
    communities = driver.execute_script("return network.body.data.nodes.get().map(n => n.community)")
    assert any(isinstance(c, int) for c in communities)
    driver.find_element(By.ID, "kg-community").click()
    coloured = driver.execute_script("return network.body.data.nodes.get().map(n => n.color.background)")
    assert coloured != before
    by_group: dict[int, set[str]] = {}
    for community, colour in zip(communities, coloured):
        if isinstance(community, int):
            by_group.setdefault(community, set()).add(colour)
    assert all(len(colours) == 1 for colours in by_group.values())  # one colour per community
    driver.find_element(By.ID, "kg-community").click()
    assert driver.execute_script("return network.body.data.nodes.get().map(n => n.color.background)") == before
