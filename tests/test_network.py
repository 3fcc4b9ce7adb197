"""The RDF → networkx projection, on hand-built graphs in the documented shape."""

from __future__ import annotations

import networkx as nx
import pytest
from fixtures_graph import (
    ID,
    NKG,
    ArticleBuilder,
    article_iri,
    two_article_dataset,
    two_article_graph,
)
from rdflib import RDF, Graph, URIRef

from graph.network import KINDS, entity_classes, to_networkx

RUSSIA = "russia-isis"
GENEVA = "geneva-talks"
PUTIN = article_iri(RUSSIA, "person", "vladimir-putin")
RUSSIA_NODE = article_iri(RUSSIA, "place", "russia")
SYRIA_R = article_iri(RUSSIA, "place", "syria")
ISIS = article_iri(RUSSIA, "organization", "isis")
WAR = article_iri(RUSSIA, "event", "syrian-civil-war")
DITZ = article_iri(RUSSIA, "person", "jason-ditz")
ANTIWAR = article_iri(RUSSIA, "organization", "antiwar-com")
MINTPRESS = article_iri(RUSSIA, "organization", "mintpress-news")
AP = article_iri(RUSSIA, "organization", "associated-press")
ENVOY = article_iri(GENEVA, "person", "staffan-de-mistura")
UN = article_iri(GENEVA, "organization", "united-nations")
SYRIA_G = article_iri(GENEVA, "place", "syria")
GENEVA_NODE = article_iri(GENEVA, "place", "geneva")
AFP = article_iri(GENEVA, "organization", "agence-france-presse")


@pytest.fixture(scope="module")
def net() -> nx.MultiDiGraph:
    return to_networkx(two_article_graph())


def edges(net: nx.MultiDiGraph, relation: str) -> dict[tuple[str, str], int]:
    return {(u, v): d["weight"] for u, v, d in net.edges(data=True) if d["relation"] == relation}


def co_mentions(net: nx.MultiDiGraph) -> dict[frozenset[str], int]:
    return {frozenset(pair): w for pair, w in edges(net, "mentioned with").items()}


def test_returns_a_multidigraph_of_every_entity_and_article(net: nx.MultiDiGraph) -> None:
    assert isinstance(net, nx.MultiDiGraph)
    assert net.number_of_nodes() == 16
    kinds = nx.get_node_attributes(net, "kind")
    assert sorted(kinds.values()) == sorted(
        ["Article"] * 2 + ["Person"] * 3 + ["Organization"] * 6 + ["Place"] * 4 + ["Event"]
    )
    assert set(kinds.values()) <= set(KINDS)


def test_kinds_follow_the_ontology(net: nx.MultiDiGraph) -> None:
    assert net.nodes[PUTIN]["kind"] == "Person"
    assert net.nodes[ISIS]["kind"] == "Organization"
    assert net.nodes[RUSSIA_NODE]["kind"] == "Place"  # nkg:Country ⊑ nkg:Place
    assert net.nodes[GENEVA_NODE]["kind"] == "Place"
    assert net.nodes[WAR]["kind"] == "Event"
    assert net.nodes[article_iri(RUSSIA)]["kind"] == "Article"
    classes = entity_classes()
    assert classes[NKG.Country] == "Place" and classes[NKG.NamedEvent] == "Event"


def test_node_attributes(net: nx.MultiDiGraph) -> None:
    putin = net.nodes[PUTIN]
    assert putin == {
        "label": "Vladimir Putin",
        "kind": "Person",
        "aliases": ["Putin"],
        "mentions": 3,
        "sentences": [
            "Russian President Vladimir Putin has claimed victory over ISIS in Syria, "
            "and Putin's office repeated the claim.",
            "Putin visited troops who fought in the Syrian Civil War.",
        ],
        "iri": PUTIN,
    }


def test_article_nodes_use_the_headline(net: nx.MultiDiGraph) -> None:
    article = net.nodes[article_iri(RUSSIA)]
    assert article["label"] == "Russia Declares Victory Over ISIS in Syria"
    assert article["mentions"] == 0 and article["sentences"] == [] and article["aliases"] == []
    assert net.nodes[article_iri(GENEVA)]["label"] == "Syria Talks Resume in Geneva"


def test_aliases_are_sorted_and_mentions_counted(net: nx.MultiDiGraph) -> None:
    assert net.nodes[ISIS]["aliases"] == ["Islamic State"]
    assert net.nodes[AP]["aliases"] == ["AP"]
    assert net.nodes[GENEVA_NODE]["aliases"] == ["Genève"]
    assert net.nodes[DITZ]["aliases"] == []
    nodes = (ISIS, RUSSIA_NODE, SYRIA_R, WAR, DITZ, AP, UN)
    counts = {iri: net.nodes[iri]["mentions"] for iri in nodes}
    assert counts == {ISIS: 3, RUSSIA_NODE: 2, SYRIA_R: 2, WAR: 1, DITZ: 1, AP: 0, UN: 2}


def test_sentences_are_in_text_order_and_deduplicated(net: nx.MultiDiGraph) -> None:
    assert net.nodes[ISIS]["sentences"] == [
        "Russia Declares Victory Over ISIS in Syria",
        "Russian President Vladimir Putin has claimed victory over ISIS in Syria, "
        "and Putin's office repeated the claim.",
        "The Islamic State lost its last towns.",
    ]
    assert net.nodes[UN]["sentences"] == [
        "UN envoy Staffan de Mistura opened the talks on Syria in Geneva.",
        "De Mistura said the UN would keep trying.",
    ]
    assert net.nodes[AP]["sentences"] == []


def test_entities_stay_per_article(net: nx.MultiDiGraph) -> None:
    assert net.nodes[SYRIA_R]["label"] == net.nodes[SYRIA_G]["label"] == "Syria"
    assert not net.has_edge(SYRIA_R, SYRIA_G) and not net.has_edge(SYRIA_G, SYRIA_R)


def test_co_mentions_weigh_shared_sentences(net: nx.MultiDiGraph) -> None:
    assert co_mentions(net) == {
        frozenset({RUSSIA_NODE, ISIS}): 2,
        frozenset({RUSSIA_NODE, SYRIA_R}): 2,
        frozenset({ISIS, SYRIA_R}): 2,
        frozenset({PUTIN, RUSSIA_NODE}): 1,
        frozenset({PUTIN, ISIS}): 1,
        frozenset({PUTIN, SYRIA_R}): 1,
        frozenset({PUTIN, WAR}): 1,
        frozenset({SYRIA_G, GENEVA_NODE}): 2,
        frozenset({UN, ENVOY}): 1,
        frozenset({UN, SYRIA_G}): 1,
        frozenset({UN, GENEVA_NODE}): 1,
        frozenset({ENVOY, SYRIA_G}): 1,
        frozenset({ENVOY, GENEVA_NODE}): 1,
    }


def test_one_co_mention_edge_per_pair(net: nx.MultiDiGraph) -> None:
    pairs = [
        frozenset((u, v)) for u, v, d in net.edges(data=True) if d["relation"] == "mentioned with"
    ]
    assert len(pairs) == len(set(pairs)) == 13


def test_roles_link_member_to_organization(net: nx.MultiDiGraph) -> None:
    assert edges(net, "President") == {(PUTIN, RUSSIA_NODE): 1}
    assert edges(net, "Special Envoy") == {(ENVOY, UN): 1}
    # the role and the co-mention between the same two nodes are separate edges
    assert {d["relation"] for d in net.get_edge_data(PUTIN, RUSSIA_NODE).values()} == {
        "President",
        "mentioned with",
    }


def test_article_links(net: nx.MultiDiGraph) -> None:
    russia, geneva = article_iri(RUSSIA), article_iri(GENEVA)
    assert edges(net, "author") == {(russia, DITZ): 1}
    assert edges(net, "publisher") == {(russia, ANTIWAR): 1, (geneva, AFP): 1}
    assert edges(net, "republisher") == {(russia, MINTPRESS): 1}
    assert edges(net, "photo credit") == {(russia, AP): 2, (geneva, AFP): 1}


def test_every_edge_has_a_relation_and_a_positive_weight(net: nx.MultiDiGraph) -> None:
    assert net.number_of_edges() == 21
    for _u, _v, data in net.edges(data=True):
        assert isinstance(data["relation"], str) and data["relation"]
        assert isinstance(data["weight"], int) and data["weight"] >= 1


def test_a_dataset_is_read_as_the_union_of_its_named_graphs(net: nx.MultiDiGraph) -> None:
    ds = two_article_dataset()
    assert len([g for g in ds.graphs() if len(g)]) == 2
    from_dataset = to_networkx(ds)
    assert dict(from_dataset.nodes(data=True)) == dict(net.nodes(data=True))
    expected = sorted(net.edges(keys=True, data=True))
    assert sorted(from_dataset.edges(keys=True, data=True)) == expected


def test_dates_and_untyped_targets_are_not_nodes() -> None:
    g = Graph()
    a = ArticleBuilder(g, "dated", "A Dated Story")
    person = a.entity(NKG.Person, "jane-roe", "Jane Roe")
    when = URIRef(f"{ID}time/2017-12-04")
    g.add((when, RDF.type, NKG.TimeValue))
    a.sentence("Jane Roe spoke on Monday.", (person, "Jane Roe"), (when, "Monday"))
    a.finish()
    net = to_networkx(g)
    assert set(net.nodes) == {article_iri("dated"), str(person)}
    assert net.nodes[str(person)]["mentions"] == 1
    assert net.number_of_edges() == 0


def test_an_empty_graph_gives_an_empty_network() -> None:
    net = to_networkx(Graph())
    assert net.number_of_nodes() == 0 and net.number_of_edges() == 0
