"""The gateway kg serve puts in front of Oxigraph: a bearer token for writes and a cap on the
size of answers, checked against a real Oxigraph server on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message

import pyoxigraph as ox
import pytest
from oxigraph_server import BINARY
from rdflib import Dataset, Graph, Literal, URIRef

from graph.sparql import serve
from graph.sparql.gateway import GRAPH_FORMATS, RESULT_FORMATS, negotiate

TOKEN = "a-token-of-24-characters"
ROWS = 25
SELECT_ALL = "SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?s"
CONSTRUCT_ALL = "CONSTRUCT WHERE { ?s <urn:p> ?o }"


def dataset() -> Dataset:
    """ROWS triples, among them literals that need escaping in every format."""
    ds = Dataset()
    g = ds.graph(URIRef("urn:graph:1"))
    for i in range(ROWS):
        value = Literal(f'row {i:02d}\twith "quotes",\ncommas and <tags>', lang="en") if i % 5 == 0 else Literal(i)
        g.add((URIRef(f"urn:s:{i:02d}"), URIRef("urn:p"), value))
    return ds


@pytest.fixture(scope="module")
def limited() -> Iterator[str]:
    with serve(dataset(), port=0, max_results=10) as server:
        yield server.url


def get(url: str, query: str, accept: str | None = None, method: str = "GET",
        headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    data = urllib.parse.urlencode({"query": query})
    wanted = dict(headers or {})
    if accept:
        wanted["Accept"] = accept
    request = (urllib.request.Request(f"{url}?{data}", headers=wanted) if method == "GET" else
               urllib.request.Request(url, data=data.encode(), headers=wanted))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# -- content negotiation (no server) ---------------------------------------------------------------

@pytest.mark.parametrize(("accept", "chosen"), [
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/*", "text/csv"),
    ("application/sparql-results+xml;q=0.9, text/csv;q=0.5", "application/sparql-results+xml"),
    ("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"),
    ("text/*;q=1, text/csv;q=0", "text/tab-separated-values"),
    ("application/json", "application/json"),
    ("image/png", None),
    ("text/csv;q=0", None),
])
def test_gateway_negotiates_result_formats(accept: str, chosen: str | None) -> None:
    found = negotiate(accept, RESULT_FORMATS)
    assert (found[0] if found else None) == chosen


def test_gateway_negotiates_graph_formats() -> None:
    assert negotiate("", GRAPH_FORMATS)[0] == "text/turtle"  # type: ignore[index]
    assert negotiate("application/n-triples, text/turtle;q=0.5", GRAPH_FORMATS)[0] == "application/n-triples"  # type: ignore[index]
    assert negotiate("application/sparql-results+json", GRAPH_FORMATS) is None


# -- the result limit ------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_gateway_cuts_select_answers(limited: str, method: str, accept: str, fmt: ox.QueryResultsFormat) -> None:
    status, headers, body = get(limited, SELECT_ALL, accept, method)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert headers["X-SPARQL-MaxRows"] == "10"
    rows = list(ox.parse_query_results(body, format=fmt))
    assert [row["s"].value for row in rows] == [f"urn:s:{i:02d}" for i in range(10)]  # the first ten, in order
    assert rows[0]["o"] == ox.Literal('row 00\twith "quotes",\ncommas and <tags>', language="en")
    assert rows[1]["o"] == ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
def test_gateway_cuts_csv_and_graph_answers(limited: str) -> None:
    status, headers, body = get(limited, SELECT_ALL, "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert status == 200 and rows[0] == ["s", "o"] and len(rows) == 11
    assert rows[1][1] == 'row 00\twith "quotes",\ncommas and <tags>'
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, headers, body = get(limited, CONSTRUCT_ALL, accept)
        assert status == 200 and headers["X-SPARQL-MaxRows"] == "10", accept
        assert len(Graph().parse(data=body, format=fmt)) == 10, accept


@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
def test_gateway_leaves_small_answers_whole(limited: str) -> None:
    status, headers, body = get(limited, "SELECT ?s WHERE { ?s <urn:p> 3 }", "application/sparql-results+json")
    assert status == 200 and "X-SPARQL-MaxRows" not in headers
    assert [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["urn:s:03"]
    exactly = "SELECT ?s WHERE { ?s <urn:p> ?o } LIMIT 10"
    status, headers, body = get(limited, exactly, "application/sparql-results+json")
    assert "X-SPARQL-MaxRows" not in headers and len(json.loads(body)["results"]["bindings"]) == 10
    for accept, expected in (("application/sparql-results+json", b'"boolean":true'), ("application/sparql-results+xml", b"<boolean>true</boolean>")):
        status, headers, body = get(limited, "ASK { ?s <urn:p> 3 }", accept)
        assert status == 200 and expected in body


@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
def test_gateway_errors_are_clear(limited: str) -> None:
    status, headers, body = get(limited, "SELECT * WHERE { ?s ?p", "application/sparql-results+json")
    assert status == 400 and b"error" in body.lower()
    status, headers, body = get(limited, SELECT_ALL, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
def test_gateway_without_limit_passes_everything() -> None:
    with serve(dataset(), port=0, max_results=0) as server:
        status, headers, body = get(server.url, SELECT_ALL, "application/sparql-results+json")
        assert status == 200 and "X-SPARQL-MaxRows" not in headers
        assert len(json.loads(body)["results"]["bindings"]) == ROWS


# -- the token -------------------------------------------------------------------------------------

def post(url: str, body: bytes, content_type: str, headers: dict[str, str] | None = None,
         method: str = "POST") -> int:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        assert TOKEN not in error.read().decode("utf-8", "replace")
        return error.code


def subjects(url: str) -> int:
    status, _, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "application/sparql-results+json")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
def test_gateway_writes_need_the_token() -> None:
    insert = b"INSERT DATA { GRAPH <urn:graph:2> { <urn:x> <urn:y> <urn:z> } }"
    with serve(dataset(), port=0, read_only=False, token=TOKEN) as server:
        assert server.update_url
        before = subjects(server.url)
        for headers in ({}, {"Authorization": "Bearer wrong-token-of-24-chars"}, {"Authorization": f"Basic {TOKEN}"},
                        {"Authorization": f"Bearer {TOKEN}x"}):
            assert post(server.update_url, insert, "application/sparql-update", headers) == 401
            assert post(f"{server.store_url}?graph=urn:graph:3", b"<urn:a> <urn:b> <urn:c> .",
                        "application/n-triples", headers, method="PUT") == 401
        assert subjects(server.url) == before
        good = {"Authorization": f"Bearer {TOKEN}"}
        assert post(server.update_url, insert, "application/sparql-update", good) == 204
        assert post(f"{server.store_url}?graph=urn:graph:3", b"<urn:a> <urn:b> <urn:c> .",
                    "application/n-triples", good, method="PUT") in (201, 204)
        assert subjects(server.url) == before + 2


@pytest.mark.slow
@pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")
def test_gateway_read_only_refuses_even_with_a_token(limited: str) -> None:
    base = limited.removesuffix("/query")
    good = {"Authorization": f"Bearer {TOKEN}"}
    assert post(f"{base}/update", b"DROP ALL", "application/sparql-update", good) == 403
    assert post(f"{base}/store?default", b"", "application/n-triples", good, method="DELETE") == 403
    assert post(f"{base}/", b"x", "text/plain") == 403  # any write, whatever the path
