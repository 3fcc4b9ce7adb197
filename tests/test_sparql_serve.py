"""Serving a built graph through the real Oxigraph server, and named queries run remotely on it
with parameters written safely into the query."""

from __future__ import annotations

import csv
import io
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_rdf import build_dataset
from oxigraph_server import BINARY, comparable, free_port
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from graph.errors import GraphError, InputError, QueryError, UsageError
from graph.namespaces import ID, NKG
from graph.query import list_queries, load_graph, run_query
from graph.sparql import publish, remote_query, serve
from graph.sparql.remote import encode_term, with_safe_values

pytestmark = pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")

KEY = "russia-isis-syria-2017-12-07"
PUTIN = ID[f"article/{KEY}/person/vladimir-putin"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def trig(example_build: Path) -> Path:
    return example_build / "graph.trig"


@pytest.fixture(scope="module")
def served(trig: Path) -> Iterator[str]:
    """The example's graph.trig served read-only on a free port; yields the query URL."""
    with serve(trig, port=0) as server:
        yield server.url


def ask(url: str, query: str, accept: str, method: str = "GET") -> tuple[int, str, str]:
    data = urllib.parse.urlencode({"query": query})
    request = (urllib.request.Request(f"{url}?{data}", headers={"Accept": accept}) if method == "GET" else
               urllib.request.Request(url, data=data.encode(), headers={"Accept": accept}))
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read().decode("utf-8")


def count(url: str) -> int:
    client = SPARQLWrapper(url)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    return int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index]


# -- serving ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_sparql_serve_select_as_json_and_csv(served: str, trig: Path) -> None:
    assert count(served) == len(load_graph(trig))  # queries see the union of the named graphs
    client = SPARQLWrapper(served)
    client.setQuery("PREFIX nkg: <https://w3id.org/newskg/ontology#> "
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                    "SELECT ?label WHERE { ?p a nkg:Person ; rdfs:label ?label } ORDER BY ?label")
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.queryAndConvert().decode("utf-8"))))  # type: ignore[union-attr]
    assert rows[0] == ["label"] and ["Vladimir Putin"] in rows[1:]
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    labels = [b["label"]["value"] for b in client.queryAndConvert()["results"]["bindings"]]  # type: ignore[index]
    assert labels == [r[0] for r in rows[1:]]


@pytest.mark.slow
@pytest.mark.parametrize(("accept", "media_type", "first"), [
    ("application/sparql-results+json", "application/sparql-results+json", '{"head":{"vars":["n"]}'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
    ("text/csv", "text/csv", "n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?n\n"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparql_serve_negotiates_result_formats(served: str, accept: str, media_type: str, first: str,
                                                method: str) -> None:
    status, content_type, body = ask(served, COUNT, accept, method)
    assert status == 200 and content_type.startswith(media_type) and body.startswith(first)


@pytest.mark.slow
def test_sparql_serve_construct_as_turtle_and_ntriples(served: str, trig: Path) -> None:
    construct = ("PREFIX nkg: <https://w3id.org/newskg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a nkg:Person ; rdfs:label ?l }")
    client = SPARQLWrapper(served)
    client.setQuery(construct)
    client.setReturnFormat(TURTLE)
    remote = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    local = Graph()
    for triple in load_graph(trig).query(construct):
        local.add(triple)  # type: ignore[arg-type]
    if not isomorphic(remote, local):
        _, only_remote, only_local = graph_diff(remote, local)
        pytest.fail(f"only served:\n{only_remote.serialize()}\nonly local:\n{only_local.serialize()}")
    _, content_type, body = ask(served, construct, "application/n-triples")
    assert content_type.startswith("application/n-triples")
    assert isomorphic(Graph().parse(data=body, format="nt"), local)


@pytest.mark.slow
def test_sparql_serve_read_only_rejects_updates(trig: Path) -> None:
    with serve(trig, port=0) as server:
        assert server.update_url is None and server.read_only
        before = count(server.url)
        base = server.url.removesuffix("/query")
        update = urllib.request.Request(f"{base}/update", data=b"DROP ALL",
                                        headers={"Content-Type": "application/sparql-update"})
        put = urllib.request.Request(f"{server.store_url}?default", data=b"<urn:a> <urn:b> <urn:c> .",
                                     method="PUT", headers={"Content-Type": "application/n-triples"})
        for request in (update, put):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 403
        with pytest.raises(GraphError):
            publish(build_dataset(), server.url)
        assert count(server.url) == before


@pytest.mark.slow
def test_sparql_serve_updates_with_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    token = "t0ken-" + "x" * 20
    monkeypatch.setenv("NEWSKG_SERVE_TOKEN", token)
    with serve(build_dataset(), port=0, read_only=False) as server:
        assert server.update_url == server.url.removesuffix("/query") + "/update"
        ds = build_dataset()
        with pytest.raises(GraphError, match="invalid credentials"):
            publish(ds, server.url)  # no token sent
        report = publish(ds, server.url, token=token)
        # Oxigraph's union default graph counts a triple once per graph that holds it
        assert report.articles == 2 and count(server.url) == len(list(ds.quads()))


def test_sparql_serve_updates_need_a_long_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSKG_SERVE_TOKEN", raising=False)
    with pytest.raises(UsageError, match="Updates need a token: set \\$NEWSKG_SERVE_TOKEN"):
        serve(build_dataset(), host="0.0.0.0", port=0, read_only=False)
    for weak in ("short", "sixteen chars ok", "tab\tin-the-middle-x"):
        with pytest.raises(UsageError, match="16 or more printable characters"):
            serve(build_dataset(), port=0, read_only=False, token=weak)
    with pytest.raises(UsageError, match="result limit"):
        serve(build_dataset(), port=0, max_results=-1)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nq", ".nt", "dataset"])
def test_sparql_serve_every_graph_format(example_build: Path, trig: Path, tmp_path: Path, suffix: str) -> None:
    ds = load_graph(trig)
    if suffix == "dataset":
        source: Path | Graph = ds
    elif suffix in (".nq", ".nt"):
        source = tmp_path / f"graph{suffix}"
        source.write_bytes(ds.serialize(format="nquads" if suffix == ".nq" else "nt", encoding="utf-8"))
    else:
        source = example_build / f"graph{suffix}"
    with serve(source, port=0) as server:
        assert count(server.url) == len(ds)


@pytest.mark.slow
def test_sparql_serve_a_store_folder_and_stop_cleanly(trig: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with serve(trig, port=0, store_dir=folder) as server:
        url, workdir = server.url, server._workdir
        assert server.location == folder and server.running()
    assert not server.running() and not workdir.exists() and (folder / "CURRENT").is_file()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5)
    with serve(folder, port=0) as again:  # the kept store folder is served as it is
        assert count(again.url) == len(load_graph(trig))
    assert folder.is_dir()


@pytest.mark.slow
def test_sparql_serve_port_in_use(trig: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(GraphError, match=f"Port {port} on 127.0.0.1 is already in use"):
            serve(trig, port=port)


@pytest.mark.parametrize(("make", "error", "match"), [
    (lambda p: p / "missing.trig", InputError, "does not exist"),
    (lambda p: p, InputError, "not an Oxigraph store"),
    (lambda p: p / "graph.xyz", InputError, "Cannot tell the RDF format"),
    (lambda p: (p / "broken.ttl", (p / "broken.ttl").write_text("<a> <b> .\n"))[0], InputError, "Cannot load"),
    (lambda p: (p / "empty.ttl", (p / "empty.ttl").write_text("# nothing\n"))[0], InputError, "holds no triples"),
])
def test_sparql_serve_bad_input(tmp_path: Path, make: object, error: type[Exception], match: str) -> None:
    if BINARY is None:
        pytest.skip("the oxigraph server is not installed")
    source = make(tmp_path)  # type: ignore[operator]
    if isinstance(source, Path) and source.suffix == ".xyz":
        source.write_text("x")
    with pytest.raises(error, match=match) as caught:
        serve(source, port=0)
    assert str(caught.value).endswith(".")


def test_sparql_serve_bad_options() -> None:
    with pytest.raises(UsageError, match="whole number of seconds"):
        serve(build_dataset(), port=0, timeout_s=0)
    with pytest.raises(UsageError, match="not a TCP port"):
        serve(build_dataset(), port=70000)


@pytest.mark.slow
def test_sparql_serve_query_timeout(trig: Path) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    for limit in (10, 0):
        with serve(trig, port=0, timeout_s=1, max_results=limit) as server:
            start = time.monotonic()
            if limit:  # the gateway has the whole (short) answer before sending: a clear status
                with pytest.raises(urllib.error.HTTPError) as caught:
                    ask(server.url, slow, "application/sparql-results+json")
                assert caught.value.code == 503 and b"timeout" in caught.value.read()
            else:  # passed through as Oxigraph sends it: cut short with an error text
                _, _, body = ask(server.url, slow, "application/sparql-results+json")
                assert "cancelled" in body
            assert time.monotonic() - start < 20


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_sparql_run_forever_stops_on_a_signal(trig: Path, sig: signal.Signals) -> None:
    port = free_port()
    code = f"import sys; from graph.sparql import run_forever; sys.exit(run_forever({str(trig)!r}, port={port}))"
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        said = [process.stderr.readline() for _ in range(3)]  # type: ignore[union-attr]
        assert said[0] == f"SPARQL endpoint: {url} (at most 10000 results per query)\n", said
        assert count(url) > 0
        process.send_signal(sig)
        assert process.wait(30) == 0
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5)  # Oxigraph went too
    finally:
        process.kill()


# -- remote queries ---------------------------------------------------------------------------

def rows_of(result: object) -> Counter:
    return Counter(tuple(comparable(v) if v is not None else None for v in row) for row in result)  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(list_queries()))
def test_sparql_remote_query_matches_local(served: str, trig: Path, name: str) -> None:
    local, remote = run_query(load_graph(trig), name), remote_query(served, name)
    assert remote.columns == local.columns
    assert rows_of(remote) == rows_of(local)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(list_queries()))
def test_sparql_remote_query_matches_local_on_two_articles(name: str) -> None:
    """Two articles sharing some triples (a role, a date): union semantics must agree too."""
    ds = build_dataset()
    with serve(ds, port=0) as server:
        local, remote = run_query(ds, name), remote_query(server.url, name)
    assert rows_of(remote) == rows_of(local)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), [
    ("mentions", {"label": "Vladimir Putin"}),
    ("mentions", {"entity": PUTIN}),
    ("activity", {"label": "Vladimir Putin"}),
    ("entities", {"type": NKG.Person}),
    ("entities", {"type": NKG.Place}),
    ("events", {"factuality": NKG.Asserted}),
    ("sources", {"article": ID[f"article/{KEY}"]}),
    ("timeline", {"article": ID[f"article/{KEY}"]}),
], ids=lambda v: str(v) if isinstance(v, str) else "-".join(f"{k}" for k in v))
def test_sparql_remote_query_params_match_local(served: str, trig: Path, name: str, params: dict) -> None:
    if name not in list_queries():
        pytest.skip(f"no query '{name}'")
    local = run_query(load_graph(trig), name, **params)
    assert len(local) > 0
    assert rows_of(remote_query(served, name, **params)) == rows_of(local)


HOSTILE = [
    ('x\n\\"', " ) } BIND(42 AS ?c) #"),  # rdflib's .n3() lets the second one run (see below)
    ('"}) } ; DROP ALL ; #', "'''\"\"\""),
    ("a\\u0022b", "\\U0001F600 \\\\u005C"),
    ("ends in a backslash\\", "\\"),
    ("tab\there\r\nCRLF", "\x00\x07\x1f\x7f controls"),
    ("emoji 🎉 “quotes” ©", ""),
]
ECHO = "# Echo two parameters.\n# param: a — text\n# param: b — text\nSELECT ?a ?b ?c WHERE { }\n"


def test_sparql_n3_lets_a_parameter_escape() -> None:
    """Why encode_term exists: rdflib's .n3() ends this literal early, and the next one runs."""
    a, b = (Literal(x) for x in HOSTILE[0])
    injected = "SELECT * WHERE {\n  VALUES (?a ?b) { (" + a.n3() + " " + b.n3() + ") }\n}"
    assert [str(row.c) for row in Graph().query(injected)] == ["42"]  # type: ignore[union-attr]
    safe = with_safe_values("SELECT ?a ?b ?c WHERE { }", {"a": a, "b": b})
    assert [(str(r.a), str(r.b), r.c) for r in Graph().query(safe)] == [(str(a), str(b), None)]  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [t for pair in HOSTILE for t in pair])
def test_sparql_encode_term_round_trips(text: str) -> None:
    import pyoxigraph as ox

    for term in (Literal(text), Literal(text, lang="en-GB"), Literal(text, datatype=URIRef("https://example.org/t"))):
        query = f"SELECT ?x WHERE {{ VALUES ?x {{ {encode_term(term)} }} }}"
        assert [row[0] for row in Graph().query(query)] == [term]  # type: ignore[index]
        [solution] = list(ox.Store().query(query))  # type: ignore[arg-type]
        assert solution["x"].value == text


@pytest.mark.parametrize("bad", [URIRef("http://x/> } DROP ALL"), URIRef("http://x/a b"),
                                 Literal("x", datatype=URIRef("http://x/> } #")), BNode()])
def test_sparql_encode_term_refuses_what_could_break_out(bad: object) -> None:
    with pytest.raises(UsageError):
        encode_term(bad)  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b"), HOSTILE)
def test_sparql_remote_query_hostile_params(served: str, tmp_path: Path, a: str, b: str) -> None:
    echo = tmp_path / "echo.rq"
    echo.write_text(ECHO, encoding="utf-8")
    result = remote_query(served, str(echo), a=a, b=b)
    assert result.columns == ["a", "b", "c"]
    assert result.rows == [(Literal(a), Literal(b), None)]  # the text came back as text, nothing ran
    assert count(served) > 0  # and nothing was dropped


@pytest.mark.slow
def test_sparql_remote_query_errors(served: str) -> None:
    with pytest.raises(UsageError, match="has no parameter 'nope'"):
        remote_query(served, "mentions", nope="x")
    with pytest.raises(UsageError, match="not an IRI"):
        remote_query(served, "mentions", entity="<http://x/> } DROP ALL>")
    port = free_port()
    with pytest.raises(QueryError, match=f"failed at http://127.0.0.1:{port}/query") as caught:
        remote_query(f"http://127.0.0.1:{port}/query", "entities", timeout_s=5,
                     credentials=None, **{})
    assert str(caught.value).endswith(".")
    assert json.dumps(str(caught.value))  # one plain sentence
