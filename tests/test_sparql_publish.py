"""Publishing article graphs to a real Oxigraph store: replaced whole, idempotent, atomic per
article when a failure strikes part-way, credentials only ever in a header."""

from __future__ import annotations

import http.server
import math
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_rdf import build_dataset
from oxigraph_server import (
    Oxigraph,
    dataset_quads,
    free_port,
    oxigraph_fixture,  # noqa: F401  (the fixture "oxigraph")
)
from rdflib import RDF, SDO, Dataset, Graph, Literal, URIRef

from graph.errors import InputError, OutputError, UsageError
from graph.namespaces import ID, NKG
from graph.sparql import Credentials, PublishStep, publish
from graph.sparql.publish import STAGING

ARTICLE_1 = "gerasimov-iraq"  # graphs are published in IRI order
ARTICLE_2 = "russia-isis-syria-2017-12-07"
ARTICLE_3 = "third"


def three_articles() -> Dataset:
    ds = build_dataset()
    g = ds.graph(ID["article/third/graph"])
    article = ID["article/third"]
    g.add((article, RDF.type, NKG.Article))
    g.add((article, SDO.headline, Literal("A third article")))
    for i in range(30):
        person = ID[f"article/third/person/p{i}"]
        g.add((person, RDF.type, NKG.Person))
        g.add((article, SDO.mentions, person))
    return ds


def revised(ds: Dataset) -> Dataset:
    """The same articles, each with its headline changed and a triple added."""
    new = Dataset(default_union=True)
    for s, p, o, g in ds.quads((None, None, None, None)):
        if p != SDO.headline:
            new.graph(g).add((s, p, o))
    for g in list(new.graphs()):
        if len(g):
            article = URIRef(str(g.identifier).removesuffix("/graph"))
            g.add((article, SDO.headline, Literal("Revised headline")))
            g.add((article, SDO.articleSection, Literal("Revised")))
    return new


def graph_quads(quads: set, key: str) -> set:
    return {q for q in quads if str(q[3]) == str(ID[f"article/{key}/graph"])}


@pytest.mark.slow
def test_sparql_publish_twice_changes_nothing(oxigraph: Oxigraph) -> None:
    ds = build_dataset()
    first = publish(ds, oxigraph.url)
    stored = oxigraph.quads()
    assert stored == dataset_quads(ds)
    assert (first.method, first.articles, first.triples, first.requests) == ("update", 2, len(list(ds.quads())), 2)
    assert first.endpoint == oxigraph.update_url

    second = publish(ds, oxigraph.url)
    assert second == first
    assert oxigraph.quads() == stored


@pytest.mark.slow
def test_sparql_publish_leaves_other_graphs_alone(oxigraph: Oxigraph) -> None:
    oxigraph.update('INSERT DATA { GRAPH <urn:other> { <urn:a> <urn:b> "kept" } }')
    publish(build_dataset(), oxigraph.url)
    assert "urn:other" in oxigraph.graph_names()


@pytest.mark.slow
def test_sparql_publish_big_articles_in_batches(oxigraph: Oxigraph) -> None:
    ds = build_dataset()
    report = publish(ds, oxigraph.url, batch_triples=100)
    sizes = [len(g) for g in ds.graphs() if len(g)]
    assert report.requests == sum(math.ceil(n / 100) + 1 for n in sizes)  # batches + one MOVE each
    assert oxigraph.quads() == dataset_quads(ds)
    assert not any(g.startswith(STAGING) for g in oxigraph.graph_names())


@pytest.mark.slow
@pytest.mark.parametrize("graph_store", ["given", "auto"])
def test_sparql_publish_graph_store_protocol(oxigraph: Oxigraph, graph_store: str) -> None:
    ds = build_dataset()
    report = publish(ds, oxigraph.url, graph_store=oxigraph.store_url if graph_store == "given" else "auto")
    assert (report.method, report.endpoint, report.requests) == ("graph-store", oxigraph.store_url, 4)
    assert oxigraph.quads() == dataset_quads(ds)
    again = publish(ds, oxigraph.url, graph_store=oxigraph.store_url)
    assert again.requests == 4 and oxigraph.quads() == dataset_quads(ds)
    assert not any(g.startswith(STAGING) for g in oxigraph.graph_names())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("batch_triples", "graph_store", "stop_when"),
    [
        (5000, False, (ARTICLE_1, True)),  # one request per article: stopped between two
        (100, False, (ARTICLE_2, False)),  # stopped after the second article's first batch
        (5000, True, (ARTICLE_2, False)),  # stopped after its PUT, before its MOVE
    ],
    ids=["between-articles", "between-batches", "between-put-and-move"],
)
def test_sparql_publish_failure_leaves_each_article_whole(
    oxigraph: Oxigraph, batch_triples: int, graph_store: bool, stop_when: tuple[str, bool],
) -> None:
    old = three_articles()
    publish(old, oxigraph.url)
    new = revised(old)
    old_quads, new_quads = dataset_quads(old), dataset_quads(new)

    def stop_server(step: PublishStep) -> None:
        if (step.article, step.done) == stop_when:
            oxigraph.stop()

    with pytest.raises(OutputError) as caught:
        publish(new, oxigraph.url, batch_triples=batch_triples, progress=stop_server,
                graph_store=oxigraph.store_url if graph_store else None)
    message = str(caught.value)
    assert f"article '{ARTICLE_2}'" in message
    assert "were replaced" in message and "were not sent" in message

    oxigraph.start()
    stored = oxigraph.quads()
    assert graph_quads(stored, ARTICLE_1) == graph_quads(new_quads, ARTICLE_1)  # fully new
    assert graph_quads(stored, ARTICLE_2) == graph_quads(old_quads, ARTICLE_2)  # fully old
    assert graph_quads(stored, ARTICLE_3) == graph_quads(old_quads, ARTICLE_3)  # fully old

    publish(new, oxigraph.url, batch_triples=batch_triples)  # a new run finishes the job and tidies up
    assert oxigraph.quads() == new_quads
    assert not any(g.startswith(STAGING) for g in oxigraph.graph_names())


@pytest.mark.slow
def test_sparql_publish_one_update_request_is_atomic_on_oxigraph(oxigraph: Oxigraph) -> None:
    """What per-article atomicity rests on: a failing request changes nothing at all."""
    oxigraph.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> "old" } }')
    with pytest.raises(OSError):
        oxigraph.update('DROP SILENT GRAPH <urn:g> ; INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> "new" } } ; '
                        f"LOAD <http://127.0.0.1:{free_port()}/missing.ttl>")
    assert [str(r["o"]) for r in oxigraph.select("SELECT ?o WHERE { GRAPH <urn:g> { ?s ?p ?o } }")] == ["old"]


HOSTILE = [
    'x\n\\"',  # rdflib's .n3() leaves this one unterminated
    ' ) } BIND(42 AS ?c) #',
    '"""', "'''", '"', "\\", "ends in a backslash\\", "a\\u0022b", "\\U0001F600", "\\\\u005C",
    "tab\there\r\nand CRLF", "\x00\x07\x1f\x7f controls", "emoji 🎉 “quotes” ©", "} } ; DROP ALL ; #",
]


@pytest.mark.slow
@pytest.mark.parametrize("batch_triples", [5000, 3])
def test_sparql_publish_hostile_text_arrives_exactly(oxigraph: Oxigraph, batch_triples: int) -> None:
    ds = Dataset(default_union=True)
    g = ds.graph(ID["article/hostile/graph"])
    node = ID["article/hostile/text"]
    for i, text in enumerate(HOSTILE):
        g.add((node, URIRef(f"https://example.org/p{i}"), Literal(text)))
    g.add((node, URIRef("https://example.org/lang"), Literal("colour", lang="en-GB")))
    publish(ds, oxigraph.url, batch_triples=batch_triples)
    assert oxigraph.quads() == dataset_quads(ds)
    assert oxigraph.graph_names() == {str(ID["article/hostile/graph"])}  # DROP ALL did not run


@pytest.mark.slow
def test_sparql_publish_a_built_trig_file(oxigraph: Oxigraph, example_build: Path) -> None:
    from graph.query import load_graph

    report = publish(example_build / "graph.trig", oxigraph.url)
    assert report.articles == 1
    assert oxigraph.quads() == dataset_quads(load_graph(example_build / "graph.trig"))


def test_sparql_publish_error_hides_credentials() -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(OutputError) as caught:
        publish(build_dataset(), f"http://127.0.0.1:{port}/query", user="bob", password="pa55word", timeout_s=5)
    message = str(caught.value)
    assert message.startswith(f"Cannot publish article '{ARTICLE_1}' to http://127.0.0.1:{port}/update: ")
    assert "no article was replaced, it is unchanged, and the 1 after it were not sent" in message
    for secret in ("pa55word", "Ym9iOnBhNTV3b3Jk"):
        assert secret not in message
    with pytest.raises(OutputError) as caught:
        publish(build_dataset(), f"http://127.0.0.1:{port}/query", token="t0k3n-s3cret", timeout_s=5)
    assert "t0k3n-s3cret" not in str(caught.value)
    assert "t0k3n" not in repr(Credentials(token="t0k3n-s3cret"))
    with pytest.raises(UsageError, match="credentials in its URL") as refused:
        publish(build_dataset(), f"http://bob:hunter2@127.0.0.1:{port}/query")
    assert "hunter2" not in str(refused.value)


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, dict[str, str], bytes]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append((self.path, dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    """A fake update endpoint on 127.0.0.1 that records each request and answers 204."""
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


def test_sparql_publish_credentials_from_env_go_in_a_header(recorder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSKG_SPARQL_TOKEN", "env-t0ken")
    publish(build_dataset(), recorder)
    assert {headers["Authorization"] for _, headers, _ in _Recorder.seen} == {"Bearer env-t0ken"}
    assert all(path.partition("?")[0] == "/update" and b"env-t0ken" not in body for path, _, body in _Recorder.seen)

    _Recorder.seen.clear()
    publish(build_dataset(), recorder, user="bob", password="pa55word")  # arguments win over env
    assert {headers["Authorization"] for _, headers, _ in _Recorder.seen} == {"Basic Ym9iOnBhNTV3b3Jk"}


def test_sparql_publish_bad_credentials_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="not both"):
        publish(build_dataset(), "http://127.0.0.1:1/query", user="bob", password="x", token="t")
    with pytest.raises(UsageError, match="needs a password"):
        publish(build_dataset(), "http://127.0.0.1:1/query", user="bob")
    with pytest.raises(UsageError, match="batch size"):
        publish(build_dataset(), "http://127.0.0.1:1/query", batch_triples=0)


def test_sparql_publish_needs_named_graphs(tmp_path: Path) -> None:
    flat = Graph()
    flat.add((ID["a"], RDF.type, NKG.Article))
    with pytest.raises(InputError, match="named graph"):
        publish(flat, "http://127.0.0.1:1/query")  # type: ignore[arg-type]
    flat.serialize(tmp_path / "graph.ttl", format="turtle")
    with pytest.raises(InputError, match="graph.trig"):
        publish(tmp_path / "graph.ttl", "http://127.0.0.1:1/query")
    mixed = build_dataset()
    mixed.add((ID["a"], RDF.type, NKG.Article))  # into the default graph
    with pytest.raises(InputError, match="outside the articles' named graphs"):
        publish(mixed, "http://127.0.0.1:1/query")
