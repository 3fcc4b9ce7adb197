"""Project a built RDF graph onto a ``networkx.MultiDiGraph`` of what its articles talk about.

Nodes are keyed by IRI and carry a ``kind`` (see ``KINDS``):

* entities (``Person``, ``Organization``, ``Place``, ``Named event``) from every class under
  ``nkg:Entity`` in the ontology;
* ``Event`` for every instance of ``nkg:Event`` or a subclass (``nkg:Statement``,
  ``nkg:MilitaryOperation``, ...), ``Claim`` for ``nkg:Claim`` and ``Source`` for
  ``nkg:DescribedSource`` (an unnamed source or actor);
* ``Article``.

Every node has ``label``, ``kind``, ``aliases``, ``mentions`` (how many NIF mentions point to
it), ``sentences`` (the text of the sentences they lie in, in text order) and ``iri``. Events
also have ``event_type`` (the class's local name, e.g. ``MilitaryOperation``), ``type_label``
(its ontology label, "Military operation"), ``trigger`` (the lemma), ``factuality``
(``asserted`` | ``negated`` | ``possible`` | ``future``, or None when the graph does not say) and
``date`` (the value of its ``sem:hasTime`` time node, or None). Claims also have ``text``,
``cue``, ``date`` (the value of their ``nkg:date`` time node) and ``quantities``
("19.0 percent", in text order). Dates are as the graph writes them: "2017-09-15", "2017-09" or
"2017".

Every edge carries a human ``relation`` label and an integer ``weight``. Edges go from the
thing described to what describes it: article → author/publisher, member → organisation (the
role title), event → ``agent`` / ``patient`` / ``participant`` / ``place``, claim → its source
(``claimed by``, as ``prov:wasAttributedTo``) and described source → ``affiliated with``.
Entities named in the same sentence are ``mentioned with`` each other; events, claims and
described sources are not: they are linked by the roles above instead.

``net.graph["articles"]`` holds each article's text with its sentences and mentions (see
:func:`article_texts`), for the page's article pane; :func:`centrality` scores the nodes.
Write the network to GraphML or GEXF through :mod:`graph.export`, which flattens lists.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations
from typing import Any, Final, Literal

import networkx as nx
from rdflib import RDF, RDFS, ConjunctiveGraph, Dataset, Graph, Literal as RDFLiteral, URIRef
from rdflib.namespace import ORG, PROV, SDO, SKOS, TIME
from rdflib.term import Node

from .namespaces import ITSRDF, NIF, NKG, SEM
from .resources import ontology_files

NodeKind = Literal[
    "Person", "Organization", "Place", "Named event", "Event", "Claim", "Source", "Article"
]

KINDS: Final[tuple[NodeKind, ...]] = (
    "Person", "Organization", "Place", "Named event", "Event", "Claim", "Source", "Article",
)
ENTITY_KINDS: Final[frozenset[NodeKind]] = frozenset(
    {"Person", "Organization", "Place", "Named event"}
)

CO_MENTION: Final = "mentioned with"
MEMBER: Final = "member of"
AUTHOR: Final = "author"
PUBLISHER: Final = "publisher"
REPUBLISHER: Final = "republisher"
PHOTO_CREDIT: Final = "photo credit"
AGENT: Final = "agent"
PATIENT: Final = "patient"
PARTICIPANT: Final = "participant"
PLACE: Final = "place"
CLAIMED_BY: Final = "claimed by"
AFFILIATED_WITH: Final = "affiliated with"

FACTUALITIES: Final[dict[URIRef, str]] = {
    NKG.Asserted: "asserted",
    NKG.Negated: "negated",
    NKG.Possible: "possible",
    NKG.Future: "future",
}

# Most specific first: a node typed both nkg:Country and nkg:Place is a Place either way, and
# the order settles the (unexpected) case of a node typed as two different kinds.
_BASE_KINDS: Final[tuple[tuple[URIRef, NodeKind], ...]] = (
    (NKG.Person, "Person"),
    (NKG.Organization, "Organization"),
    (NKG.NamedEvent, "Named event"),
    (NKG.Place, "Place"),
)
_KNOWN_CLASSES: Final[dict[URIRef, NodeKind]] = {
    **dict(_BASE_KINDS),
    NKG.Country: "Place",
}
# A node typed as more than one of these (not expected) becomes the first kind it has.
_PRECEDENCE: Final[tuple[NodeKind, ...]] = (
    "Article", "Event", "Claim", "Source", "Person", "Organization", "Named event", "Place",
)
_ARTICLE_LINKS: Final[tuple[tuple[URIRef, str], ...]] = (
    (SDO.author, AUTHOR),
    (SDO.publisher, PUBLISHER),
    (NKG.republisher, REPUBLISHER),
)
_EVENT_LINKS: Final[tuple[tuple[URIRef, str], ...]] = (
    (NKG.agent, AGENT),
    (NKG.patient, PATIENT),
    (NKG.participant, PARTICIPANT),
    (SEM.hasPlace, PLACE),
)
_TIME_VALUES: Final = (
    SEM.hasTimeStamp, TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear, TIME.inXSDDateTimeStamp,
)
_CHAR_RANGE = re.compile(r"#char=(\d+),(\d+)$")
_SPAN_IN_IRI = re.compile(r"/(\d+)-(\d+)(?:-[^/]*)?$")
CLAIM_LABEL_CHARS: Final = 48


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path, format="turtle")
    return ontology


@lru_cache(maxsize=1)
def entity_classes() -> dict[URIRef, NodeKind]:
    """Every class under ``nkg:Entity`` in the ontology, mapped to the kind of node it makes."""
    classes = dict(_KNOWN_CLASSES)
    ontology = _ontology()
    for cls in ontology.transitive_subjects(RDFS.subClassOf, NKG.Entity):
        if not isinstance(cls, URIRef) or cls in classes:
            continue
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        kind = next((k for base, k in _BASE_KINDS if base in ancestors), None)
        if kind is not None:
            classes[cls] = kind
    return classes


@lru_cache(maxsize=1)
def event_classes() -> dict[URIRef, tuple[str, str, int]]:
    """``nkg:Event`` and every class under it in the ontology: (local name, label, depth).

    The depth (how many classes lie between it and ``nkg:Event``) picks the most specific type
    of an event typed with several."""
    ontology = _ontology()
    classes: dict[URIRef, tuple[str, str, int]] = {}
    for cls in ontology.transitive_subjects(RDFS.subClassOf, NKG.Event):
        if not isinstance(cls, URIRef):
            continue
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        local = str(cls).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        labels = sorted(
            (value.language != "en", str(value))
            for value in ontology.objects(cls, RDFS.label)
            if isinstance(value, RDFLiteral)
        )
        label = labels[0][1] if labels else local
        classes[cls] = (local, label, len(ancestors - {cls}))
    return classes


def to_networkx(graph: Graph | Dataset) -> nx.MultiDiGraph:
    """The network of ``graph`` (a Graph, or a Dataset read as its union)."""
    g = _union(graph)
    net = nx.MultiDiGraph()
    kinds = _node_kinds(g)
    mentions, sentences_of = _mentions(g, kinds)
    order = _mention_order(g)
    for iri in sorted(kinds, key=str):
        kind = kinds[iri]
        attrs: dict[str, Any] = {
            "label": "",
            "kind": kind,
            "aliases": [],
            "mentions": len(mentions.get(iri, ())),
            "sentences": _sentence_texts(g, sentences_of.get(iri, set())),
            "iri": str(iri),
        }
        if kind == "Event":
            attrs.update(_event_attributes(g, iri, mentions.get(iri, set())))
        elif kind == "Claim":
            attrs.update(_claim_attributes(g, iri, order))
        else:
            attrs["label"] = _label(g, iri, kind)
        attrs["aliases"] = sorted(
            {str(a) for a in g.objects(iri, SKOS.altLabel)} - {attrs["label"]}
        )
        net.add_node(str(iri), **attrs)
    _add_co_mentions(net, g, {e: m for e, m in mentions.items() if kinds[e] in ENTITY_KINDS})
    _add_memberships(net, g, kinds)
    _add_article_links(net, g, kinds)
    _add_event_links(net, g, kinds)
    net.graph["articles"] = article_texts(g, kinds)
    return net


def centrality(net: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality of every node, the network read as a simple undirected graph."""
    simple = nx.Graph(net.to_undirected(as_view=True))
    if simple.number_of_nodes() < 2:
        return {node: 0.0 for node in simple}
    return nx.degree_centrality(simple)


def article_texts(g: Graph, kinds: dict[URIRef, NodeKind]) -> list[dict[str, Any]]:
    """Each article's text (its ``nif:Context`` ``nif:isString``) with its sentences and mentions.

    One dict per article, in IRI order: ``id`` (the article's IRI), ``headline``, ``text``,
    ``sentences`` ([begin, end], in text order) and ``mentions`` ([begin, end, node], in text
    order; ``node`` is a node's IRI, or ``"date:VALUE"`` for a date). Offsets index ``text``
    in code points, as NIF counts them (and JavaScript does, bar astral characters)."""
    articles: list[dict[str, Any]] = []
    contexts: dict[Node, int] = {}
    for article in sorted((a for a, k in kinds.items() if k == "Article"), key=str):
        for context in sorted(g.objects(article, PROV.wasDerivedFrom), key=str):
            text = g.value(context, NIF.isString)
            if text is None or context in contexts:
                continue
            contexts[context] = len(articles)
            articles.append({
                "id": str(article), "headline": _label(g, article, "Article"), "text": str(text),
                "sentences": [], "mentions": [],
            })
            break
    if not articles:
        return articles
    for sentence in g.subjects(RDF.type, NIF.Sentence):
        span = _offsets(g, sentence, contexts)
        if span is not None:
            articles[span[0]]["sentences"].append([span[1], span[2]])
    times: dict[Node, str | None] = {}
    for mention, target in g.subject_objects(ITSRDF.taIdentRef):
        if not isinstance(target, URIRef):
            continue
        kind = kinds.get(target)
        if kind is None:
            if target not in times:
                times[target] = next(
                    (v for p in _TIME_VALUES for v in [_first_literal(g, target, p)] if v is not None),
                    None,
                ) if (target, RDF.type, NKG.TimeValue) in g else None
            if times[target] is None:
                continue
            ref = f"date:{times[target]}"
        elif kind == "Article":
            continue
        else:
            ref = str(target)
        span = _offsets(g, mention, contexts)
        if span is not None:
            articles[span[0]]["mentions"].append([span[1], span[2], ref])
    for article in articles:
        limit = len(article["text"])
        for key in ("sentences", "mentions"):
            article[key] = sorted(
                {tuple(x) for x in article[key] if 0 <= x[0] < x[1] <= limit}
            )
            article[key] = [list(x) for x in article[key]]
    return articles


def _offsets(g: Graph, span: Node, contexts: dict[Node, int]) -> tuple[int, int, int] | None:
    context = g.value(span, NIF.referenceContext)
    if context not in contexts:
        return None
    begin, end = g.value(span, NIF.beginIndex), g.value(span, NIF.endIndex)
    if begin is None or end is None:
        found = _CHAR_RANGE.search(str(span))
        if not found:
            return None
        begin, end = found.group(1), found.group(2)
    try:
        return contexts[context], int(str(begin)), int(str(end))
    except ValueError:
        return None


def _union(graph: Graph | Dataset) -> Graph:
    if not isinstance(graph, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        return graph
    union = Graph()
    for s, p, o, _ctx in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _node_kinds(g: Graph) -> dict[URIRef, NodeKind]:
    typed: dict[URIRef, set[NodeKind]] = defaultdict(set)
    classes: dict[URIRef, NodeKind] = {
        **entity_classes(),
        **{cls: "Event" for cls in event_classes()},
        NKG.Claim: "Claim",
        NKG.DescribedSource: "Source",
        NKG.Article: "Article",
    }
    for cls, kind in classes.items():
        for subject in g.subjects(RDF.type, cls):
            if isinstance(subject, URIRef):
                typed[subject].add(kind)
    return {iri: next(k for k in _PRECEDENCE if k in found) for iri, found in typed.items()}


def _first_literal(g: Graph, subject: Node, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in g.objects(subject, predicate) if isinstance(v, RDFLiteral))
    return values[0] if values else None


def _label(g: Graph, iri: URIRef, kind: NodeKind) -> str:
    predicates = (SDO.headline, RDFS.label) if kind == "Article" else (RDFS.label,)
    for predicate in predicates:
        value = _first_literal(g, iri, predicate)
        if value is not None:
            return value
    return _iri_tail(iri)


def _iri_tail(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _event_attributes(g: Graph, iri: URIRef, mentions: set[Node]) -> dict[str, Any]:
    known = event_classes()
    types = [known[t] for t in g.objects(iri, RDF.type) if isinstance(t, URIRef) and t in known]
    local, type_label, _depth = max(types, key=lambda t: (t[2], t[0]))  # the most specific
    trigger = _first_literal(g, iri, NKG.trigger)
    factuality = sorted(FACTUALITIES[f] for f in g.objects(iri, NKG.factuality) if f in FACTUALITIES)
    # The trigger as written: the first mention in text order. A named event keeps its name.
    words = _first_literal(g, iri, RDFS.label)
    if words is None:
        anchors = [
            str(anchor)
            for mention in sorted(mentions, key=lambda m: _span_order(g, m))
            for anchor in [g.value(mention, NIF.anchorOf)]
            if anchor is not None
        ]
        words = anchors[0] if anchors else trigger or _iri_tail(iri)
    # A plain nkg:Event adds nothing to its shape: only a subclass names its type.
    return {
        "label": words if local == "Event" else f"{words} ({type_label})",
        "event_type": local,
        "type_label": type_label,
        "trigger": trigger or "",
        # Several values are a contradiction; the least certain one is shown.
        "factuality": _least_certain(factuality),
        # sem:hasTime → a time node; schema:startDate is how graphs built before it wrote it.
        "date": _date(g, iri, SEM.hasTime) or _date(g, iri, SDO.startDate),
    }


def _least_certain(values: list[str]) -> str | None:
    for value in ("negated", "possible", "future", "asserted"):
        if value in values:
            return value
    return None


def _claim_attributes(g: Graph, iri: URIRef, order: dict[Node, tuple[str, int, str]]) -> dict[str, Any]:
    text = _first_literal(g, iri, SDO.text) or ""
    cue = _first_literal(g, iri, NKG.cue) or ""
    quantities = sorted(
        (q for q in g.objects(iri, NKG.quantity)), key=lambda q: order.get(q) or _iri_order(q)
    )
    return {
        "label": claim_label(cue, text) or _iri_tail(iri),
        "text": text,
        "cue": cue,
        "date": _date(g, iri, NKG.date),
        "quantities": [q for q in (_quantity_text(g, q) for q in quantities) if q],
    }


def claim_label(cue: str, text: str, limit: int = CLAIM_LABEL_CHARS) -> str:
    """The cue and the start of the claim's text: 'according to “It has seen an increase…”'."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        text = cut.rstrip(" ,;:") + "\u2026"
    quoted = f"\u201c{text}\u201d" if text else ""
    return " ".join(part for part in (cue.strip(), quoted) if part)


def _date(g: Graph, iri: URIRef, predicate: URIRef) -> str | None:
    """The date ``predicate`` gives ``iri``: a literal, or the value of a time node."""
    dates: set[str] = set()
    for when in g.objects(iri, predicate):
        if isinstance(when, RDFLiteral):
            dates.add(str(when))
            continue
        for value_predicate in _TIME_VALUES:
            value = _first_literal(g, when, value_predicate)
            if value is not None:  # one value per time node, in the order above
                dates.add(value)
                break
    return sorted(dates)[0] if dates else None


def _quantity_text(g: Graph, quantity: Node) -> str:
    value = _first_literal(g, quantity, SDO.value)
    unit = _first_literal(g, quantity, SDO.unitText) or _first_literal(g, quantity, SDO.currency)
    return " ".join(part for part in (value, unit) if part)


def _mentions(
    g: Graph, kinds: dict[URIRef, NodeKind]
) -> tuple[dict[URIRef, set[Node]], dict[URIRef, set[Node]]]:
    """Per node: its NIF mentions, and the sentences they lie in."""
    mentions: dict[URIRef, set[Node]] = defaultdict(set)
    sentences: dict[URIRef, set[Node]] = defaultdict(set)
    for mention, target in g.subject_objects(ITSRDF.taIdentRef):
        # Dates and quantities are mentioned too, but they are not nodes.
        if not isinstance(target, URIRef) or kinds.get(target) in (None, "Article"):
            continue
        mentions[target].add(mention)
        sentences[target].update(g.objects(mention, NIF.sentence))
    return mentions, sentences


def _mention_order(g: Graph) -> dict[Node, tuple[str, int, str]]:
    """Where each mentioned thing is first mentioned (to put quantities in text order)."""
    first: dict[Node, tuple[str, int, str]] = {}
    for mention, target in g.subject_objects(ITSRDF.taIdentRef):
        place = _span_order(g, mention)
        if target not in first or place < first[target]:
            first[target] = place
    return first


def _iri_order(node: Node) -> tuple[str, int, str]:
    found = _SPAN_IN_IRI.search(str(node))
    return ("", int(found.group(1)) if found else 0, str(node))


def _span_order(g: Graph, span: Node) -> tuple[str, int, str]:
    context = g.value(span, NIF.referenceContext)
    begin = g.value(span, NIF.beginIndex)
    if begin is not None:
        start = int(str(begin))
    else:
        found = _CHAR_RANGE.search(str(span))
        start = int(found.group(1)) if found else 0
    return (str(context or ""), start, str(span))


def _sentence_texts(g: Graph, sentences: set[Node]) -> list[str]:
    texts: list[str] = []
    for sentence in sorted(sentences, key=lambda s: _span_order(g, s)):
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
    _add_counted(net, roles)


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
    _add_counted(net, links)


def _add_event_links(net: nx.MultiDiGraph, g: Graph, kinds: dict[URIRef, NodeKind]) -> None:
    """Event → participants and place, claim → source, described source → affiliation."""
    links: Counter[tuple[str, str, str]] = Counter()
    for node, kind in kinds.items():
        if kind == "Event":
            predicates = _EVENT_LINKS
        elif kind == "Claim":
            predicates = ((PROV.wasAttributedTo, CLAIMED_BY),)
        elif kind == "Source":
            predicates = ((SDO.affiliation, AFFILIATED_WITH),)
        else:
            continue
        for predicate, relation in predicates:
            for target in set(g.objects(node, predicate)):
                if target in kinds and target != node:
                    links[(str(node), str(target), relation)] += 1
    _add_counted(net, links)


def _add_counted(net: nx.MultiDiGraph, links: Counter[tuple[str, str, str]]) -> None:
    for (source, target, relation), count in sorted(links.items()):
        net.add_edge(source, target, key=relation, relation=relation, weight=count)
