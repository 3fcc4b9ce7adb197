"""A real Oxigraph server for the SPARQL tests: on 127.0.0.1, a free port, stopped after.

Runs the ``oxigraph`` program directly (not ``graph.sparql.serve``), so the publish and link
tests do not depend on the code under test to start their store. Import the fixture (named
``oxigraph`` in tests) into a test module with ``from oxigraph_server import oxigraph_fixture``.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

BINARY = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Oxigraph:
    """One Oxigraph store folder and, while started, its read-write server."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def update_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/update"

    @property
    def store_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def load(self, path: Path) -> None:
        """Bulk-load a file into the store (only while stopped: the server holds the lock)."""
        import pyoxigraph as ox

        assert self._process is None, "stop the server before loading"
        store = ox.Store(str(self.location))
        store.bulk_load(path=str(path))
        del store

    def start(self) -> None:
        assert self._process is None
        self._process = subprocess.Popen(
            [BINARY, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                assert self._process.poll() is None, "oxigraph exited at start"
                time.sleep(0.05)
        raise RuntimeError("oxigraph did not start")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def select(self, query: str) -> list[dict[str, Identifier]]:
        data = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(self.url, data=data,
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            doc = json.load(response)
        return [{k: _term(v) for k, v in row.items()} for row in doc["results"]["bindings"]]

    def update(self, text: str) -> None:
        request = urllib.request.Request(self.update_url, data=text.encode(),
                                         headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(request, timeout=30).close()

    def quads(self) -> set[tuple[Identifier, ...]]:
        """Every quad of the store's named graphs, literals compared by value (Oxigraph writes
        numbers canonically: "19.0"^^xsd:decimal comes back as "19")."""
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {(r["s"], r["p"], comparable(r["o"]), r["g"]) for r in rows}

    def graph_names(self) -> set[str]:
        return {str(r["g"]) for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}


def comparable(term: Identifier) -> object:
    """A typed literal by its value; anything else as it is.

    Oxigraph stores literals normalised (oxigraph/oxigraph#526): numbers in canonical form
    ("19.0"^^xsd:decimal comes back as "19") and the integer types derived from xsd:integer as
    xsd:integer ("1068"^^xsd:nonNegativeInteger comes back as "1068"^^xsd:integer).
    """
    if isinstance(term, Literal) and term.datatype is not None and term.value is not None \
            and not isinstance(term.value, str):
        datatype = _XSD + "integer" if str(term.datatype) in _INTEGERS else str(term.datatype)
        return ("value", datatype, term.value)
    return term


def dataset_quads(ds: object) -> set[tuple[Identifier, ...]]:
    return {(s, p, comparable(o), g) for s, p, o, g in ds.quads((None, None, None, None))}  # type: ignore[attr-defined]


def _term(cell: dict[str, str]) -> Identifier:
    if cell["type"] == "uri":
        return URIRef(cell["value"])
    if cell["type"] == "bnode":
        return BNode(cell["value"])
    if "xml:lang" in cell:
        return Literal(cell["value"], lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    plain = datatype in (None, "http://www.w3.org/2001/XMLSchema#string")
    return Literal(cell["value"], datatype=None if plain else URIRef(datatype))


@pytest.fixture(name="oxigraph")
def oxigraph_fixture(tmp_path: Path) -> Iterator[Oxigraph]:
    """A started read-write Oxigraph on an empty store folder; stopped after the test."""
    if BINARY is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    server = Oxigraph(tmp_path / "oxigraph-store")
    server.start()
    try:
        yield server
    finally:
        server.stop()
