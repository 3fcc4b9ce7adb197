"""A persistent on-disk graph (an Oxigraph store): ``kg build --store DIR`` adds articles to it,
rebuilding an article replaces its named graph, ``kg query --store`` and ``kg viz --store``
read it. Oxigraph answers SPARQL itself, so named queries stay fast on large corpora.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier

from .errors import InputError, OutputError, QueryError
from .namespaces import PREFIXES
from .query import QueryResult, bind_params, load_query, with_values


def _from_ox(term: object) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        plain = datatype == "http://www.w3.org/2001/XMLSchema#string"
        return Literal(term.value, datatype=None if plain else URIRef(datatype))
    raise QueryError(f"Unexpected value in query results: {term!r}.")


def refresh_union(store: ox.Store) -> None:
    """Make the default graph the set union of the article graphs.

    Oxigraph's own "union default graph" is a multiset: a triple that 200 articles share (a
    country's label) comes back 200 times, and joins over shared nodes explode. Queries therefore
    run on a default graph kept equal to the deduplicated union, rebuilt after each change.
    """
    if next(iter(store.named_graphs()), None) is None:
        return  # a plain graph (Turtle, N-Triples) lives in the default graph itself
    store.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


FLUSH_EVERY = 50  # articles


def _replace_graph(store: ox.Store, name: ox.NamedNode, quads: list[ox.Quad]) -> None:
    """Replace one named graph, keeping the default graph the set union of the named graphs
    (as :func:`refresh_union` makes it) by adding the new triples and removing an old one only
    when no other graph holds it: per article, so memory does not grow with the store."""
    default = ox.DefaultGraph()
    old = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)}
    new = {(q.subject, q.predicate, q.object) for q in quads}
    store.update(f"DROP SILENT GRAPH {name}")
    store.extend(quads)
    store.extend(ox.Quad(s, p, o, default) for s, p, o in new - old)
    for s, p, o in old - new:
        if all(isinstance(q.graph_name, ox.DefaultGraph) for q in store.quads_for_pattern(s, p, o, None)):
            store.remove(ox.Quad(s, p, o, default))


class GraphStore:
    """An Oxigraph store in a folder; one named graph per article."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_dir():
            raise InputError(f"No graph store at {self.path}; build one with 'kg build --store {self.path}'.")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"Cannot create the graph store at {self.path}: {exc.strerror or exc}.") from None

    @contextmanager
    def _opened(self) -> Iterator[ox.Store]:
        """The Oxigraph store, open only while used: its lock is released straight after."""
        try:
            store = ox.Store(str(self.path))
        except OSError:
            gc.collect()  # a store object of this process not yet collected may still hold the lock
            try:
                store = ox.Store(str(self.path))
            except OSError as exc:
                raise OutputError(f"Cannot open the graph store at {self.path}: {exc}.") from None
        try:
            yield store
        finally:
            del store

    def put(self, ds: Dataset) -> int:
        """Replace each named graph of ``ds`` in the store; returns the number of quads written."""
        data = ds.serialize(format="nquads", encoding="utf-8")
        by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            by_graph.setdefault(quad.graph_name, []).append(quad)
        return self.put_quads(q for quads in by_graph.values() for q in quads)

    def put_quads(self, quads: Iterable[ox.Quad]) -> int:
        """Replace named graphs from a stream of quads grouped by graph (each article's quads
        together, as a streaming build writes them); returns the number of quads written."""
        count = graphs = 0
        with self._opened() as store:
            for name, group in itertools.groupby(quads, key=lambda q: q.graph_name):
                graph_quads = list(group)
                if isinstance(name, ox.DefaultGraph):
                    store.extend(graph_quads)
                else:
                    _replace_graph(store, name, graph_quads)
                count += len(graph_quads)
                graphs += 1
                if graphs % FLUSH_EVERY == 0:
                    store.flush()  # written tables go to disk, so memory does not grow with the store
            store.flush()
        return count

    def articles(self) -> list[str]:
        with self._opened() as store:
            return sorted(g.value for g in store.named_graphs())

    def __len__(self) -> int:
        with self._opened() as store:
            return len(store)

    def query(self, name_or_path: str, **params: object) -> QueryResult:
        """Run a named query (or a .rq file) with parameters bound as RDF terms."""
        name, text = load_query(name_or_path)
        bindings = bind_params(name, text, params)  # type: ignore[arg-type]
        with self._opened() as store:
            try:
                solutions = store.query(with_values(text, bindings), prefixes=dict(PREFIXES))
            except (SyntaxError, OSError, ValueError) as exc:
                raise QueryError(f"Query '{name}' failed on the store: {exc}.") from None
            columns = [v.value for v in solutions.variables]
            # Values repeat across rows (classes, names, dates): each is converted once.
            converted: dict[object, Identifier | None] = {}

            def term(value: object) -> Identifier | None:
                if value is None:
                    return None
                if (found := converted.get(value)) is None:
                    found = converted[value] = _from_ox(value)
                return found

            rows = [tuple(term(solution[c]) for c in columns) for solution in solutions]
            del solutions
        return QueryResult(name, columns, rows)

    def to_dataset(self, graphs: Iterable[str] | None = None) -> Dataset:
        """The store, or only the named ``graphs`` of it, as an rdflib Dataset (for drawing it)."""
        ds = Dataset(default_union=True)
        with self._opened() as store:
            if graphs is not None:
                for g in graphs:  # each graph's triples into its own named graph
                    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g))
                    if data:
                        ds.graph(URIRef(g)).parse(data=data, format="nt")
                return ds
            data = store.dump(format=ox.RdfFormat.N_QUADS)
        if data:
            ds.parse(data=data, format="nquads")
        return ds

    def latest(self, count: int, mentioning: str | None = None) -> tuple[list[str], int]:
        """The named graphs of the ``count`` most recent articles (by schema:datePublished, then
        graph IRI), of those mentioning an entity named ``mentioning`` (its rdfs:label or
        skos:altLabel, exactly) when given; and how many articles there were to choose from."""
        from .sparql.remote import encode_term

        named = ""
        if mentioning is not None:
            name = encode_term(Literal(mentioning))
            named = (f"?article schema:mentions ?entity . "
                     f"{{ ?entity rdfs:label {name} }} UNION {{ ?entity skos:altLabel {name} }}")
        query = (f"SELECT ?g (MAX(STR(?published)) AS ?date) WHERE {{ GRAPH ?g {{ ?article a nkg:Article }} "
                 f"{named} OPTIONAL {{ ?article schema:datePublished ?published }} }} GROUP BY ?g")
        with self._opened() as store:
            rows = [(row["g"].value, "" if row["date"] is None else row["date"].value)
                    for row in store.query(query, prefixes=dict(PREFIXES))]
        rows.sort(key=lambda row: row[0])
        rows.sort(key=lambda row: row[1], reverse=True)  # newest first; stable, so by IRI within a date
        return [g for g, _ in rows[:count]], len(rows)
