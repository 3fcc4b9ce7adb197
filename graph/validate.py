"""Check a built graph against the project's SHACL shapes (``ontology/shapes.ttl``).

The ontology's triples are added to a copy of the data, so ``sh:class`` and ``sh:targetClass``
follow ``rdfs:subClassOf`` (a nkg:Country is a nkg:Place) without running RDFS inference, which
would be much slower and add nothing the shapes need.
"""

from __future__ import annotations

from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from .errors import ValidationError
from .namespaces import PREFIXES
from .resources import ontology_files, shapes_file

SHOWN = 5


def validate(graph: Graph) -> None:
    """Raise ValidationError naming the first few violations unless ``graph`` conforms.

    A Dataset is checked as the union of all its graphs.
    """
    data = _with_ontology(graph)
    conforms, report, _ = shacl_validate(
        data,
        shacl_graph=_shapes(),
        inference="none",
        inplace=True,  # ``data`` is already our own copy
        advanced=False,
        meta_shacl=False,
    )
    if conforms:
        return
    assert isinstance(report, Graph)
    problems = sorted({_describe(report, r) for r in report.subjects(RDF.type, SH.ValidationResult)})
    lines = [f"  - {p}" for p in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(f"  ... and {len(problems) - SHOWN} more.")
    noun = "violation" if len(problems) == 1 else "violations"
    raise ValidationError(
        f"The graph does not conform to the SHACL shapes ({len(problems)} {noun}):\n" + "\n".join(lines)
    )


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(shapes_file(), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return g


class _PreparedQueries(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl runs a SPARQL constraint once per focus node with the same text (the focus node is
    bound through initBindings); rdflib would parse it every time, which dominated the run.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=32)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


def _with_ontology(graph: Graph) -> Graph:
    data = _PreparedQueries()
    triples = (q[:3] for q in graph.quads((None, None, None, None))) if graph.context_aware else graph
    for triple in triples:
        data.add(triple)
    for triple in _ontology():
        data.add(triple)
    return data


def _describe(report: Graph, result: Node) -> str:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    message = report.value(result, SH.resultMessage)
    value = report.value(result, SH.value)
    where = _term(report, focus)
    if path is not None:
        where += f" {_path(report, path)}"
    if value is not None and value != focus:
        where += f" = {_term(report, value)}"
    text = " ".join(str(message).split()) if message is not None else "does not conform"
    return f"{where}: {text}"


def _path(report: Graph, path: Node) -> str:
    if isinstance(path, BNode):
        inverse = report.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_term(report, inverse)}"
    return _term(report, path)


def _term(report: Graph, term: Node | None) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in PREFIXES.items():
            if text.startswith(ns) and "/" not in text[len(ns) :]:
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(term, Literal):
        shown = " ".join(str(term).split())
        return f'"{shown[:60]}…"' if len(shown) > 60 else f'"{shown}"'
    return str(term)
