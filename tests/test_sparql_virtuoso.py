"""kg publish and kg query --endpoint against a second real store: OpenLink Virtuoso from Debian
(virtuoso-opensource-7-bin), started by the test on 127.0.0.1 with a throw-away database."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import comparable, free_port
from rdflib import RDF, Literal, URIRef

from graph.namespaces import NKG
from graph.query import list_queries, load_graph, run_query
from graph.sparql import publish, remote_query

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(VIRTUOSO is None or ISQL is None,
                                 reason="Virtuoso is not installed (make virtuoso: apt-get install virtuoso-opensource-7-bin)")]

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso server on free loopback ports; yields its SPARQL endpoint, open to updates."""
    db = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, sql=sql, http=http))
    process = subprocess.Popen([VIRTUOSO, "-f", "-c", str(db / "virtuoso.ini")], cwd=db,  # type: ignore[list-item]
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Virtuoso did not start: " + (db / "virtuoso.log").read_text(errors="replace")[-500:])
                time.sleep(0.2)
        # The anonymous SPARQL user may update this throw-away database (loopback only).
        subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba",  # type: ignore[list-item]
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True, timeout=60)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def graph_count(url: str, graph: str) -> int:
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    request = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def rows(result: object) -> Counter:
    """Rows compared by value. Virtuoso 7.2 returns an IRI chosen by IF() (the class in the
    entities and places queries) as a plain literal of the same text: compared as text."""
    def cell(v: object) -> object:
        if isinstance(v, URIRef) or (isinstance(v, Literal) and v.datatype is None and not v.language
                                      and str(v).startswith(("http://", "https://"))):
            return ("iri-or-text", str(v))
        return comparable(v) if v is not None else None  # type: ignore[arg-type]
    return Counter(tuple(cell(v) for v in row) for row in result)  # type: ignore[attr-defined]


def test_virtuoso_publish_twice_then_every_named_query(virtuoso: str, example_build: Path) -> None:
    ds = load_graph(example_build / "graph.trig")
    names = [g.identifier for g in ds.graphs() if len(g)]
    assert len(names) == 1
    local_size = len(ds.graph(names[0]))
    report = publish(ds, virtuoso)
    assert report.articles == 1 and graph_count(virtuoso, str(names[0])) == local_size
    publish(ds, virtuoso)  # replaced, not added to
    assert graph_count(virtuoso, str(names[0])) == local_size
    article = next(ds.subjects(RDF.type, NKG.Article))
    cases = [(name, {"label": "Vladimir Putin"} if name in ("mentions", "activity") else {})
             for name in list_queries()]
    # filled binding slots (VALUES ... UNDEF)
    cases += [("timeline", {"article": article}), ("events", {"type": NKG.Statement}),
              ("events", {"factuality": NKG.Possible})]
    for name, params in cases:
        remote, local = remote_query(virtuoso, name, **params), run_query(ds, name, **params)
        assert remote.columns == local.columns, name
        assert rows(remote) == rows(local), name
        assert len(local) > 0 or not params or "label" in params, name
