"""Project a built RDF graph onto a ``networkx.MultiDiGraph`` of entities and articles.

Nodes are keyed by IRI. Entity nodes come from every class under ``nkg:Entity`` in the
ontology; each node carries ``label``, ``kind``, ``aliases``, ``mentions``, ``sentences`` and
``iri``. Every edge carries a human ``relation`` label and an integer ``weight``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations
from typing import Final, Literal

import networkx as nx
from rdflib import RDF, RDFS, ConjunctiveGraph, Dataset, Graph, Literal as RDFLiteral, URIRef
from rdflib.namespace import ORG, SDO, SKOS
from rdflib.term import Node

from .namespaces import ITSRDF, NIF, NKG
from .resources import ontology_files

NodeKind = Literal["Person", "Organization", "Place", "Event", "Article"]

KINDS: Final[tuple[NodeKind, ...]] = ("Person", "Organization", "Place", "Event", "Article")

CO_MENTION: Final = "mentioned with"
MEMBER: Final = "member of"
AUTHOR: Final = "author"
PUBLISHER: Final = "publisher"
REPUBLISHER: Final = "republisher"
PHOTO_CREDIT: Final = "photo credit"

# Most specific first: a node typed both nkg:Country and nkg:Place is a Place either way, and
# the order settles the (unexpected) case of a node typed as two different kinds.
_BASE_KINDS: Final[tuple[tuple[URIRef, NodeKind], ...]] = (
    (NKG.Person, "Person"),
    (NKG.Organization, "Organization"),
    (NKG.NamedEvent, "Event"),
    (NKG.Place, "Place"),
)
_KNOWN_CLASSES: Final[dict[URIRef, NodeKind]] = {
    **dict(_BASE_KINDS),
    NKG.Country: "Place",
}
_ARTICLE_LINKS: Final[tuple[tuple[URIRef, str], ...]] = (
    (SDO.author, AUTHOR),
    (SDO.publisher, PUBLISHER),
    (NKG.republisher, REPUBLISHER),
)
_CHAR_RANGE = re.compile(r"#char=(\d+),(\d+)$")


@lru_cache(maxsize=1)
def entity_classes() -> dict[URIRef, NodeKind]:
    """Every class under ``nkg:Entity`` in the ontology, mapped to the kind of node it makes."""
    classes = dict(_KNOWN_CLASSES)
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path, format="turtle")
    for cls in ontology.transitive_subjects(RDFS.subClassOf, NKG.Entity):
        if not isinstance(cls, URIRef) or cls in classes:
            continue
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        kind = next((k for base, k in _BASE_KINDS if base in ancestors), None)
        if kind is not None:
            classes[cls] = kind
    return classes


def to_networkx(graph: Graph | Dataset) -> nx.MultiDiGraph:
    """The entity/article network of ``graph`` (a Graph, or a Dataset read as its union)."""
    g = _union(graph)
    net = nx.MultiDiGraph()
    kinds = _node_kinds(g)
    mentions, sentences_of = _mentions(g, kinds)
    for iri in sorted(kinds, key=str):
        kind = kinds[iri]
        label = _label(g, iri, kind)
        net.add_node(
            str(iri),
            label=label,
            kind=kind,
            aliases=sorted({str(a) for a in g.objects(iri, SKOS.altLabel)} - {label}),
            mentions=len(mentions.get(iri, ())),
            sentences=_sentence_texts(g, sentences_of.get(iri, set())),
            iri=str(iri),
        )
    _add_co_mentions(net, g, mentions)
    _add_memberships(net, g, kinds)
    _add_article_links(net, g, kinds)
    return net


def _union(graph: Graph | Dataset) -> Graph:
    if not isinstance(graph, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        return graph
    union = Graph()
    for s, p, o, _ctx in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _node_kinds(g: Graph) -> dict[URIRef, NodeKind]:
    classes = entity_classes()
    rank = {kind: i for i, kind in enumerate(k for _, k in _BASE_KINDS)}
    kinds: dict[URIRef, NodeKind] = {}
    for cls, kind in classes.items():
        for subject in g.subjects(RDF.type, cls):
            if not isinstance(subject, URIRef):
                continue
            known = kinds.get(subject)
            if known is None or rank[kind] < rank[known]:
                kinds[subject] = kind
    for article in g.subjects(RDF.type, NKG.Article):
        if isinstance(article, URIRef):
            kinds[article] = "Article"
    return kinds


def _label(g: Graph, iri: URIRef, kind: NodeKind) -> str:
    predicates = (SDO.headline, RDFS.label) if kind == "Article" else (RDFS.label,)
    for predicate in predicates:
        values = sorted(str(v) for v in g.objects(iri, predicate) if isinstance(v, RDFLiteral))
        if values:
            return values[0]
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _mentions(
    g: Graph, kinds: dict[URIRef, NodeKind]
) -> tuple[dict[URIRef, set[Node]], dict[URIRef, set[Node]]]:
    """Per node: its NIF mentions, and the sentences they lie in."""
    mentions: dict[URIRef, set[Node]] = defaultdict(set)
    sentences: dict[URIRef, set[Node]] = defaultdict(set)
    for mention, target in g.subject_objects(ITSRDF.taIdentRef):
        # Dates are mentioned too, but a nkg:TimeValue is not a node.
        if not isinstance(target, URIRef) or kinds.get(target) in (None, "Article"):
            continue
        mentions[target].add(mention)
        sentences[target].update(g.objects(mention, NIF.sentence))
    return mentions, sentences


def _sentence_order(g: Graph, sentence: Node) -> tuple[str, int, str]:
    context = g.value(sentence, NIF.referenceContext)
    begin = g.value(sentence, NIF.beginIndex)
    if begin is not None:
        start = int(str(begin))
    else:
        found = _CHAR_RANGE.search(str(sentence))
        start = int(found.group(1)) if found else 0
    return (str(context or ""), start, str(sentence))


def _sentence_texts(g: Graph, sentences: set[Node]) -> list[str]:
    texts: list[str] = []
    for sentence in sorted(sentences, key=lambda s: _sentence_order(g, s)):
        text = g.value(sentence, NIF.anchorOf)
        if text is not None and str(text) not in texts:
            texts.append(str(text))
    return texts


def _add_co_mentions(net: nx.MultiDiGraph, g: Graph, mentions: dict[URIRef, set[Node]]) -> None:
    in_sentence: dict[Node, set[str]] = defaultdict(set)
    for entity, spans in mentions.items():
        for mention in spans:
            for sentence in g.objects(mention, NIF.sentence):
                in_sentence[sentence].add(str(entity))
    shared: Counter[tuple[str, str]] = Counter()
    for entities in in_sentence.values():
        shared.update(combinations(sorted(entities), 2))
    for (a, b), count in sorted(shared.items()):
        net.add_edge(a, b, key=CO_MENTION, relation=CO_MENTION, weight=count)


def _add_memberships(net: nx.MultiDiGraph, g: Graph, kinds: dict[URIRef, NodeKind]) -> None:
    roles: Counter[tuple[str, str, str]] = Counter()
    memberships = set(g.subjects(RDF.type, ORG.Membership)) | set(g.subjects(ORG.member, None))
    for membership in memberships:
        role = g.value(membership, ORG.role)
        role_label = g.value(role, RDFS.label) if role is not None else None
        relation = str(role_label) if role_label is not None else MEMBER
        for member in g.objects(membership, ORG.member):
            for organization in g.objects(membership, ORG.organization):
                if member in kinds and organization in kinds:
                    roles[(str(member), str(organization), relation)] += 1
    for (member, organization, relation), count in sorted(roles.items()):
        net.add_edge(member, organization, key=relation, relation=relation, weight=count)


def _add_article_links(net: nx.MultiDiGraph, g: Graph, kinds: dict[URIRef, NodeKind]) -> None:
    links: Counter[tuple[str, str, str]] = Counter()
    for article, kind in kinds.items():
        if kind != "Article":
            continue
        for predicate, relation in _ARTICLE_LINKS:
            for target in set(g.objects(article, predicate)):
                if target in kinds:
                    links[(str(article), str(target), relation)] += 1
        for photo in g.objects(article, SDO.image):
            for agency in set(g.objects(photo, NKG.creditedTo)):
                if agency in kinds:
                    links[(str(article), str(agency), PHOTO_CREDIT)] += 1
    for (article, target, relation), count in sorted(links.items()):
        net.add_edge(article, target, key=relation, relation=relation, weight=count)
