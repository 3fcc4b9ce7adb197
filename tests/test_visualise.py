"""The offline network page: self-contained, safe with hostile text, written atomically."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fixtures_graph import (
    HOSTILE_ALIAS,
    HOSTILE_CLAIM,
    HOSTILE_HEADLINE,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE_TAIL,
    HOSTILE_SOURCE,
    HOSTILE_TRIGGER,
    article_iri,
    hostile_graph,
    two_article_dataset,
    two_article_graph,
)

import graph
from graph.errors import OutputError
from graph.network import KINDS, to_networkx
from graph.visualise import NOT_ASSERTED, STYLES, node_style, render_html, write_html

# Inert strings inside the bundled vis-network: licence notes, project pages in its header
# comment, the SVG namespace name and an error message. None is ever fetched.
INERT_URLS = {
    "http://almende.com",
    "http://opensource.org/licenses/MIT",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://www.w3.org/2000/svg",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/visjs",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://visjs.github.io/vis-network/",
}
DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)
CODE_BLOCK = re.compile(r"<script>(.*?)</script>", re.S)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(hostile_graph())


def payload(page: str) -> dict[str, Any]:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_render_is_a_whole_page_with_data_and_scripts(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert len(CODE_BLOCK.findall(html)) == 2  # vis-network, then the page's own script
    assert "vis.Network" in html and "kg-legend" in html and "kg-search" in html


def test_the_page_references_no_external_url(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    loaders = {"link", "img", "iframe", "object", "embed", "base", "audio", "video", "source"}
    assert not names & loaders
    for tag, attrs in parser.tags:
        for name in ("src", "href", "action", "data", "poster", "srcset", "formaction"):
            value = attrs.get(name)
            assert value is None or value.startswith(("data:", "#")), (tag, name, value)
    assert set(re.findall(r"https?://[^\s\"'<>()\\]*", html)) <= INERT_URLS
    assert re.search(r"(?<![:\w])//cdn|cdnjs|jsdelivr|unpkg|googleapis", html) is None
    assert "@import" not in html and "sourceMappingURL" not in html
    assert re.findall(r"url\(\s*['\"]?(?!data:)", html) == []


def test_a_content_security_policy_allows_only_the_page_s_own_scripts(html: str) -> None:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    policy = csp.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    for script in CODE_BLOCK.findall(html):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_hostile_text_never_appears_as_markup(html: str) -> None:
    for hostile in (
        HOSTILE_LABEL, HOSTILE_ALIAS, HOSTILE_HEADLINE, HOSTILE_CLAIM, HOSTILE_TRIGGER, HOSTILE_SOURCE,
        "<img src=x", '<a href="x">', "<script>alert", "<i onmouseover", "<svg onload",
    ):
        assert hostile not in html
    ours = html.replace(CODE_BLOCK.findall(html)[0], "")  # vis-network's own code aside
    for tag in ("<img", "<a ", "<b>", "<i ", "<svg", "<iframe"):
        assert tag not in ours.lower()
    # Only the page's own three script elements are ever closed.
    assert html.lower().count("</script") == 3
    assert "<!--" not in html and "\u2028" not in html and "\u2029" not in html
    data = DATA_BLOCK.search(html)
    assert data is not None
    assert "\\u003cimg src=x onerror=" in data.group(1)


def test_hostile_text_round_trips_exactly_through_the_data(html: str) -> None:
    data = payload(html)
    by_label = {node["label"]: node for node in data["nodes"]}
    person = by_label[HOSTILE_LABEL]
    assert person["aliases"] == [HOSTILE_ALIAS]
    sentence = f"{HOSTILE_LABEL} met Français in العربية.{HOSTILE_SENTENCE_TAIL}"
    assert person["sentences"] == [sentence]
    assert HOSTILE_HEADLINE in by_label
    assert "title" not in person  # tooltips are built in the page, from text
    claim = next(n for n in data["nodes"] if n["kind"] == "Claim" and n["text"] == HOSTILE_CLAIM)
    assert claim["label"] == f"said \u201c{HOSTILE_CLAIM}\u201d" and "title" not in claim
    event = by_label[f"{HOSTILE_TRIGGER} (Conflict or attack)"]
    assert event["trigger"] == HOSTILE_TRIGGER and event["kind"] == "Event"
    assert by_label[HOSTILE_SOURCE]["kind"] == "Source"


def test_the_data_holds_every_node_and_edge(html: str) -> None:
    net = to_networkx(hostile_graph())
    data = payload(html)
    assert {n["id"] for n in data["nodes"]} == set(net.nodes)
    labels = sorted(d["label"] for _, d in net.nodes(data=True))
    assert sorted(n["label"] for n in data["nodes"]) == labels
    assert len(data["edges"]) == net.number_of_edges()
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    assert sorted((e["from"], e["to"], e["label"]) for e in data["edges"]) == sorted(
        (u, v, d["relation"]) for u, v, d in net.edges(data=True)
    )


def test_colour_shape_and_size_follow_type_and_mentions(html: str) -> None:
    data = payload(html)
    for node in data["nodes"]:
        style = node_style(node["kind"], node.get("factuality"))
        assert node["shape"] == style.shape and node["color"]["background"] == style.background
        assert node["color"]["border"] == style.border
        dashes = node.get("shapeProperties", {}).get("borderDashes")
        assert bool(dashes) is style.dashed
    assert set(STYLES) == set(KINDS)
    # Every kind its own colour, and its own shape or outline: colour is never the only cue.
    assert len({s.colour for s in STYLES.values()}) == len(STYLES) == 8
    assert len({(s.shape, s.dashed) for s in STYLES.values()}) == 8
    size = {n["id"]: n["size"] for n in data["nodes"]}
    putin = article_iri("russia-isis", "person", "vladimir-putin")
    war = article_iri("russia-isis", "event", "syrian-civil-war")
    ap = article_iri("russia-isis", "organization", "associated-press")
    assert size[putin] > size[war] > size[ap]
    legend = {k["name"]: k["count"] for k in data["kinds"]}
    assert legend == {
        "Person": 4, "Organization": 7, "Place": 5, "Named event": 1, "Event": 3, "Claim": 2,
        "Source": 3, "Article": 3,
    }


def test_the_legend_lists_every_kind_in_order_with_its_look(html: str) -> None:
    kinds = payload(html)["kinds"]
    assert [k["name"] for k in kinds] == list(KINDS)
    assert [k["description"] for k in kinds] == [
        "Person", "Organization", "Place or country", "Named event", "Event", "Claim",
        "Described source", "Article",
    ]
    for k in kinds:
        style = STYLES[k["name"]]
        assert (k["color"], k["fill"], k["border"], k["shape"], k["dashed"]) == (
            style.colour, style.background, style.border, style.shape, style.dashed,
        )
        assert k["visible"] is True  # nothing starts hidden
    assert STYLES["Source"].dashed and STYLES["Claim"].shape == "box"


def test_events_the_text_does_not_assert_are_pale_and_dashed(html: str) -> None:
    data = payload(html)
    events = {n["label"]: n for n in data["nodes"] if n["kind"] == "Event"}
    asserted = events["offensive (Military operation)"]
    assert asserted["factuality"] == "asserted"
    assert asserted["color"]["background"] == STYLES["Event"].background
    assert "shapeProperties" not in asserted
    for label in ("return (Movement or deployment)", f"{HOSTILE_TRIGGER} (Conflict or attack)"):
        node = events[label]
        assert node["factuality"] in ("possible", "future")
        assert node["color"]["background"] == NOT_ASSERTED.background != STYLES["Event"].background
        assert node["shapeProperties"]["borderDashes"]
    assert data["notAsserted"]["count"] == 2
    assert data["notAsserted"]["shape"] == STYLES["Event"].shape and data["notAsserted"]["dashed"]


def test_event_claim_and_source_data_reach_the_page(html: str) -> None:
    nodes = {n["label"]: n for n in payload(html)["nodes"]}
    offensive = nodes["offensive (Military operation)"]
    assert (offensive["type_label"], offensive["date"], offensive["trigger"]) == (
        "Military operation", "2017-09-15", "offensive",
    )
    assert offensive["sentences"] == [
        "On Friday government troops launched an offensive against ISIS in Syria."
    ]
    claim = next(n for n in nodes.values() if n["kind"] == "Claim" and n["cue"] == "According to")
    assert claim["text"] == "ISIS holds 19 percent of the country and could return"
    assert claim["quantities"] == ["19.0 percent"] and claim["date"] == "2017-12-07"
    assert claim["shape"] == "box" and claim["size"] < nodes["Vladimir Putin"]["size"]


def test_event_and_claim_links_are_directed_and_lighter(html: str) -> None:
    edges = payload(html)["edges"]
    relations = {e["relation"] for e in edges}
    assert {"agent", "patient", "place", "claimed by", "affiliated with"} <= relations
    role = next(e for e in edges if e["relation"] == "President")
    for edge in edges:
        if edge["relation"] in ("agent", "patient", "place", "claimed by", "affiliated with"):
            assert edge["arrows"]["to"]["enabled"] is True
            assert edge["color"]["color"] != role["color"]["color"]
            assert edge["length"] < payload(html)["options"]["physics"]["forceAtlas2Based"]["springLength"]


def test_edges_are_labelled_and_only_co_mentions_are_undirected(html: str) -> None:
    for edge in payload(html)["edges"]:
        assert edge["label"] == edge["relation"]
        directed = edge["arrows"]["to"]["enabled"]
        assert directed is (edge["relation"] != "mentioned with")


def test_physics_stabilises_then_stops(html: str) -> None:
    options = payload(html)["options"]
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] > 0
    script = CODE_BLOCK.findall(html)[1]
    assert 'once("stabilizationIterationsDone"' in script
    assert "setOptions({ physics: { enabled: false } })" in script


def test_the_page_script_never_writes_markup(html: str) -> None:
    script = CODE_BLOCK.findall(html)[1]
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)


def test_render_reads_a_dataset_a_graph_or_a_network_alike() -> None:
    expected = render_html(two_article_graph())
    assert render_html(two_article_dataset()) == expected
    assert render_html(to_networkx(two_article_graph())) == expected


def test_an_empty_graph_still_renders(tmp_path: Path) -> None:
    from rdflib import Graph

    data = payload(render_html(Graph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_write_html_writes_utf8_bytes_under_an_ascii_locale(tmp_path: Path) -> None:
    source = tmp_path / "graph.ttl"
    hostile_graph().serialize(source, format="turtle", encoding="utf-8")
    target = tmp_path / "out" / "graph.html"
    child = (
        "import locale, sys\n"
        "from rdflib import Graph\n"
        "from graph.visualise import write_html\n"
        "assert locale.getpreferredencoding(False).lower() in {'ascii', 'ansi_x3.4-1968'}, "
        "locale.getpreferredencoding(False)\n"
        "print(write_html(Graph().parse(sys.argv[1], format='turtle'), sys.argv[2]))\n"
    )
    repo = Path(graph.__file__).resolve().parent.parent
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))},
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONPATH": str(repo),
    }
    run = subprocess.run(
        [sys.executable, "-c", child, str(source), str(target)],
        env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300,
    )
    assert run.returncode == 0, run.stderr
    text = target.read_bytes().decode("utf-8")  # raises if any byte is not UTF-8
    assert "Français" in text and "العربية" in text
    assert text == render_html(hostile_graph())


def test_write_html_returns_the_path_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("stale", encoding="utf-8")
    assert write_html(two_article_graph(), target) == target
    assert target.read_text(encoding="utf-8") == render_html(two_article_graph())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


def test_a_folder_that_is_a_file_raises_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="Cannot write"):
        write_html(two_article_graph(), blocker / "graph.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_a_target_that_is_a_folder_raises_output_error_and_cleans_up(tmp_path: Path) -> None:
    (tmp_path / "graph.html").mkdir()
    with pytest.raises(OutputError, match="Cannot write"):
        write_html(two_article_graph(), tmp_path / "graph.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    assert list((tmp_path / "graph.html").iterdir()) == []


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(ROOT, reason="root ignores folder permissions")
def test_a_read_only_folder_raises_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError):
            write_html(two_article_graph(), folder / "graph.html")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_the_page_carries_each_article_s_text_sentences_and_mentions(html: str) -> None:
    articles = {a["id"]: a for a in payload(html)["articles"]}
    assert len(articles) == 3
    russia = articles[article_iri("russia-isis")]
    assert russia["headline"] == "Russia Declares Victory Over ISIS in Syria"
    putin = article_iri("russia-isis", "person", "vladimir-putin")
    spans = [russia["text"][b:e] for b, e, node in russia["mentions"] if node == putin]
    assert spans == ["Vladimir Putin", "Putin", "Putin"]
    assert [russia["text"][b:e] for b, e, node in russia["mentions"] if node == "date:2017-09-15"] == ["Friday"]
    assert all(0 <= b < e <= len(russia["text"]) for b, e in russia["sentences"])
    hostile = articles[article_iri("hostile")]
    assert HOSTILE_LABEL in hostile["text"]  # as data: the script shows it with textContent
    assert {r["name"] for r in payload(html)["relations"]} >= {"mentioned with", "President", "agent"}


def test_nodes_come_most_central_first_and_size_follows_centrality(html: str) -> None:
    nodes = payload(html)["nodes"]
    scores = [n["centrality"] for n in nodes]
    assert scores == sorted(scores, reverse=True)
    assert payload(html)["budget"] == 300
    assert payload(render_html(hostile_graph(), budget=5))["budget"] == 5


def test_graph_view_embeds_the_page_in_an_escaped_srcdoc() -> None:
    from html import unescape

    from graph.visualise import GraphView, show

    view = show(hostile_graph())
    assert isinstance(view, GraphView)
    markup = view._repr_html_()
    assert markup.startswith('<iframe srcdoc="') and markup.endswith("></iframe>")
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', markup)
    assert srcdoc is not None
    assert "<" not in srcdoc.group(1) and '"' not in srcdoc.group(1)
    page = unescape(srcdoc.group(1))
    assert page == render_html(hostile_graph())
    assert "Vladimir Putin" in page and "kg-data" in page
    assert set(re.findall(r"https?://[^\s\"'<>()\\&]*", markup)) <= INERT_URLS
    assert re.search(r"(?<![:\w])//cdn|cdnjs|jsdelivr|unpkg|googleapis", markup) is None


def test_visualise_communities_are_stable_and_cover_linked_nodes() -> None:
    from fixtures_graph import two_article_dataset

    from graph.network import to_networkx
    from graph.visualise import communities

    net = to_networkx(two_article_dataset())
    first, second = communities(net), communities(net)
    assert first == second and first
    linked = {n for u, v in net.edges() for n in (u, v)}
    assert linked <= set(first)
