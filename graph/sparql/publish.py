"""Publish a built graph to any SPARQL 1.1 store, one article's named graph at a time.

    report = publish("output/graph.trig", "http://127.0.0.1:7878/query")

Each article's named graph replaces the graph of the same name in the store, atomically: a
failure part-way leaves every article either wholly as it was or wholly new, never half. The
store's other graphs are not touched, and publishing the same graph again changes nothing.

* An article of at most ``batch_triples`` triples is one SPARQL Update request,
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``: SPARQL 1.1 Update asks for each
  request to be applied atomically, and Oxigraph does (the tests check it).
* A bigger article is written in batches into a staging graph (``urn:newskg:staging:...``), then
  moved over its graph by one ``MOVE GRAPH <staging> TO GRAPH <g>`` request, the only one that
  changes ``<g>``. A failure before it leaves ``<g>`` as it was; the staging graph is dropped
  then, or at the next publish if the store is unreachable.
* With a Graph Store Protocol endpoint (``graph_store=URL``, or ``"auto"`` to look for
  Oxigraph's ``/store`` or Fuseki's ``/data`` beside a ``/query`` endpoint) each article is one
  ``PUT`` into its staging graph, then the same ``MOVE``. The PUT never targets ``<g>`` itself:
  Oxigraph empties the graph and loads the body as two steps, so a broken upload would leave
  ``<g>`` empty.

Blank nodes get new labels in the store on every publish (SPARQL gives no way to keep them);
triples that share them are always sent in one request. Built graphs have none.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

from ..errors import InputError, OutputError, UsageError
from ..namespaces import ID
from ..query import load_graph
from .remote import USER_AGENT, Credentials, check_url, client_for, describe, encode_term, safe_url

STAGING = "urn:newskg:staging:"
_ARTICLE_GRAPH = re.compile(re.escape(str(ID)) + r"article/(.+)/graph")


@dataclass(frozen=True)
class PublishStep:
    """Progress: one request has succeeded."""

    article: str  # the article's key (its graph IRI when it is not one of ours)
    graph: URIRef
    requests: int  # requests sent so far, this one included
    done: bool  # the article's graph has now been replaced


@dataclass(frozen=True)
class PublishReport:
    """What was sent: every article's triples, in this many requests."""

    endpoint: str  # where the graphs went (the update or graph store URL, without credentials)
    method: str  # "update" (SPARQL Update) or "graph-store" (Graph Store Protocol PUT + MOVE)
    articles: int
    triples: int
    requests: int
    graphs: tuple[URIRef, ...]


def publish(dataset: Dataset | str | os.PathLike[str], endpoint: str, update_endpoint: str | None = None,
            graph_store: str | None = None, user: str | None = None, password: str | None = None,
            token: str | None = None, batch_triples: int = 5000, *, timeout_s: float = 60.0,
            progress: Callable[[PublishStep], None] | None = None) -> PublishReport:
    """Replace each article's named graph in the store behind ``endpoint`` (see the module doc).

    ``dataset`` is a Dataset or a graph file with named graphs (``graph.trig``; ``graph.ttl``
    holds only their union). ``update_endpoint`` defaults to ``endpoint``, or to its sibling
    ``/update`` when ``endpoint`` ends in ``/query`` (Oxigraph, Fuseki). Credentials come from
    the arguments or ``NEWSKG_SPARQL_USER``/``_PASSWORD``/``_TOKEN`` and are sent as an
    ``Authorization`` header only.
    """
    if batch_triples < 1:
        raise UsageError(f"The batch size must be 1 triple or more, not {batch_triples}.")
    graphs = _article_graphs(dataset)
    creds = Credentials.resolve(user, password, token)
    for url in (endpoint, update_endpoint, graph_store if graph_store != "auto" else None):
        check_url(url)
    update_url = update_endpoint or _sibling(endpoint, "update") or endpoint
    store_url = _detect_graph_store(endpoint, creds, timeout_s) if graph_store == "auto" else graph_store
    sender = _Sender(update_url, store_url, creds, timeout_s)
    done: list[URIRef] = []
    triples = 0
    for name, graph in graphs:
        key = _article_key(name)
        try:
            lines = _ntriples(graph)
        except UsageError as exc:
            replaced = f"; the {len(done)} article(s) before it were replaced" if done else ""
            raise InputError(f"Cannot publish article '{key}': {str(exc).rstrip('.')}{replaced}.") from None
        try:
            for committing in _replace(sender, name, lines, batch_triples):
                if progress:
                    progress(PublishStep(key, name, sender.requests, committing))
        except _RequestFailed as failure:
            if sender.store_url or len(graph) > batch_triples:
                sender.drop_staging(name)
            before = f"the {len(done)} article(s) before it were replaced" if done else "no article was replaced"
            state = ("it is either unchanged or wholly replaced (the connection broke during the "
                     "request that replaces it)" if failure.maybe_applied else "it is unchanged")
            left = len(graphs) - len(done) - 1
            after = f"the {left} after it were not sent" if left else "none came after it"
            raise OutputError(
                f"Cannot publish article '{key}' to {safe_url(failure.url)}: {failure.reason}; "
                f"{before}, {state}, and {after}."
            ) from None
        done.append(name)
        triples += len(graph)
    return PublishReport(safe_url(store_url or update_url), "graph-store" if store_url else "update",
                         len(done), triples, sender.requests, tuple(done))


class _RequestFailed(Exception):
    def __init__(self, url: str, exc: BaseException, creds: Credentials, committing: bool) -> None:
        super().__init__(url)
        self.url, self.reason = url, describe(exc, creds)
        # Refused, or answered with an error: not applied. Broken or timed out: perhaps applied.
        refused = isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError)
        cause = exc.reason if refused else exc
        self.maybe_applied = committing and isinstance(
            cause, (TimeoutError, ConnectionResetError, BrokenPipeError, http.client.IncompleteRead)
        )


class _Sender:
    """Sends requests, counts them, and turns failures into causes free of secrets."""

    def __init__(self, update_url: str, store_url: str | None, creds: Credentials, timeout_s: float) -> None:
        self.update_url, self.store_url = update_url, store_url
        self.creds, self.timeout_s = creds, timeout_s
        self.requests = 0

    def update(self, text: str, committing: bool = False) -> None:
        client = client_for(self.update_url, self.creds, self.timeout_s, update_endpoint=self.update_url)
        client.setQuery(text)
        try:
            client.query().response.close()
        except Exception as exc:  # urllib and SPARQLWrapper errors alike
            raise _RequestFailed(self.update_url, exc, self.creds, committing) from None
        self.requests += 1

    def put(self, graph: URIRef, body: bytes) -> None:
        assert self.store_url is not None
        joiner = "&" if "?" in self.store_url else "?"
        url = f"{self.store_url}{joiner}graph={urllib.parse.quote(str(graph), safe='')}"
        headers = {"Content-Type": "application/n-triples; charset=utf-8", "User-Agent": USER_AGENT,
                   **self.creds.headers()}
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with _OPENER.open(request, timeout=self.timeout_s) as response:
                response.read()
        except Exception as exc:  # urllib raises HTTPError, URLError and OSError
            raise _RequestFailed(self.store_url, exc, self.creds, False) from None
        self.requests += 1

    def drop_staging(self, graph: URIRef) -> None:
        """Best effort: an unreachable store keeps it until the next publish of the article."""
        self.timeout_s = min(self.timeout_s, 10.0)
        with contextlib.suppress(_RequestFailed):
            self.update(f"DROP SILENT GRAPH {encode_term(staging_graph(graph))}")


def _replace(sender: _Sender, name: URIRef, lines: list[str], batch: int) -> Iterable[bool]:
    """Send one article; yields after each request whether it was the one replacing the graph."""
    target, staging = encode_term(name), encode_term(staging_graph(name))
    if sender.store_url:
        sender.put(staging_graph(name), ("\n".join(lines) + "\n").encode("utf-8"))
        yield False
    elif len(lines) <= batch:
        sender.update(f"DROP SILENT GRAPH {staging} ;\nDROP SILENT GRAPH {target} ;\n"
                      f"INSERT DATA {{ GRAPH {target} {{\n" + "\n".join(lines) + "\n} }", committing=True)
        yield True
        return
    else:
        for i, chunk in enumerate(_batches(lines, batch)):
            clear = f"DROP SILENT GRAPH {staging} ;\n" if i == 0 else ""
            sender.update(f"{clear}INSERT DATA {{ GRAPH {staging} {{\n" + "\n".join(chunk) + "\n} }")
            yield False
    sender.update(f"MOVE GRAPH {staging} TO GRAPH {target}", committing=True)
    yield True


def staging_graph(name: URIRef) -> URIRef:
    """Where a big article is assembled before it replaces ``name`` in one request."""
    return URIRef(STAGING + hashlib.sha256(str(name).encode("utf-8")).hexdigest()[:32])


def _ntriples(graph: Graph) -> list[str]:
    """The graph as sorted N-Triples lines, those with blank nodes first."""
    rows = sorted((not any(isinstance(t, BNode) for t in triple), " ".join(map(_term, triple)) + " .")
                  for triple in graph)
    return [line for _, line in rows]


def _batches(lines: list[str], size: int) -> Iterable[list[str]]:
    # Blank node labels are scoped to one request, so lines with them all go in the first.
    with_bnodes = sum(1 for line in lines if line.startswith("_:b") or " _:b" in line.partition('"')[0])
    first = max(size, with_bnodes)
    yield lines[:first]
    for start in range(first, len(lines), size):
        yield lines[start : start + size]


def _term(term: Identifier) -> str:
    if isinstance(term, BNode):
        return "_:b" + hashlib.sha256(str(term).encode("utf-8")).hexdigest()[:24]
    return encode_term(term)


def _article_graphs(dataset: Dataset | str | os.PathLike[str]) -> list[tuple[URIRef, Graph]]:
    if isinstance(dataset, (str, os.PathLike)):
        source, ds = str(dataset), load_graph(Path(dataset))
    elif isinstance(dataset, Graph) and dataset.context_aware:
        source, ds = "the dataset", dataset
    else:
        raise InputError("Only a dataset with one named graph per article can be published (graph.trig).")
    graphs = sorted(
        ((g.identifier, g) for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)),
        key=lambda pair: str(pair[0]),
    )
    if not graphs:
        raise InputError(f"{source} holds no named graphs to publish; publish graph.trig, not graph.ttl.")
    stray = sum(1 for _ in ds.quads((None, None, None, DATASET_DEFAULT_GRAPH_ID)))
    if stray:
        raise InputError(
            f"{source} has {stray} triple(s) outside the articles' named graphs; publish the "
            f"TriG output of 'kg build' (graph.trig), whose every triple is in its article's graph."
        )
    for name, _ in graphs:
        if not isinstance(name, URIRef):
            raise InputError(f"Graph '{name}' has no IRI; every published graph needs one.")
    return graphs  # type: ignore[return-value]


def _article_key(name: URIRef) -> str:
    match = _ARTICLE_GRAPH.fullmatch(str(name))
    return match[1] if match else str(name)


def _sibling(endpoint: str, name: str) -> str | None:
    """Oxigraph's and Fuseki's layout: ``.../query`` beside ``.../update``, ``/store``, ``/data``."""
    parts = urllib.parse.urlsplit(endpoint)
    if not parts.path.endswith("/query"):
        return None
    return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + name))


def _detect_graph_store(endpoint: str, creds: Credentials, timeout_s: float) -> str | None:
    """A Graph Store Protocol endpoint beside ``endpoint``: one that answers ``HEAD ?default``."""
    for name in ("store", "data"):
        url = _sibling(endpoint, name)
        if url is None:
            return None
        request = urllib.request.Request(f"{url}?default", method="HEAD",
                                         headers={"User-Agent": USER_AGENT, **creds.headers()})
        try:
            with _OPENER.open(request, timeout=min(timeout_s, 10)) as response:
                if response.status == 200:
                    return url
        except (urllib.error.URLError, OSError, ValueError):
            continue
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib would resend the Authorization header to wherever a redirect points."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)
