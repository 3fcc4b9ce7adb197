"""The RDF → networkx projection, on hand-built graphs in the documented shape."""

from __future__ import annotations

import networkx as nx
import pytest
from fixtures_graph import (
    HOSTILE_CLAIM,
    HOSTILE_TRIGGER,
    ID,
    NKG,
    SEM,
    ArticleBuilder,
    article_iri,
    hostile_graph,
    two_article_dataset,
    two_article_graph,
)
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib import namespace as ns  # not SDO or XSD themselves: pytest's collector trips on them

from graph.network import KINDS, claim_label, entity_classes, event_classes, to_networkx

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
OFFENSIVE = article_iri(RUSSIA, "event", "323-offensive")
RETURN = article_iri(RUSSIA, "event", "443-return")
CLAIM = article_iri(RUSSIA, "claim", "396-449-russian-defense-officials-369")
TROOPS = article_iri(RUSSIA, "source", "government-troops-293")
OFFICIALS = article_iri(RUSSIA, "source", "russian-defense-officials-369")
OFFENSIVE_SENTENCE = "On Friday government troops launched an offensive against ISIS in Syria."
CLAIM_SENTENCE = (
    "According to Russian defense officials, ISIS holds 19 percent of the country and could return."
)


@pytest.fixture(scope="module")
def net() -> nx.MultiDiGraph:
    return to_networkx(two_article_graph())


def edges(net: nx.MultiDiGraph, relation: str) -> dict[tuple[str, str], int]:
    return {(u, v): d["weight"] for u, v, d in net.edges(data=True) if d["relation"] == relation}


def co_mentions(net: nx.MultiDiGraph) -> dict[frozenset[str], int]:
    return {frozenset(pair): w for pair, w in edges(net, "mentioned with").items()}


def test_returns_a_multidigraph_of_every_entity_event_claim_source_and_article(
    net: nx.MultiDiGraph,
) -> None:
    assert isinstance(net, nx.MultiDiGraph)
    assert net.number_of_nodes() == 21
    kinds = nx.get_node_attributes(net, "kind")
    assert sorted(kinds.values()) == sorted(
        ["Article"] * 2 + ["Person"] * 3 + ["Organization"] * 6 + ["Place"] * 4 + ["Named event"]
        + ["Event"] * 2 + ["Claim"] + ["Source"] * 2
    )
    assert set(kinds.values()) == set(KINDS)
    assert KINDS == (
        "Person", "Organization", "Place", "Named event", "Event", "Claim", "Source", "Article",
    )


def test_kinds_follow_the_ontology(net: nx.MultiDiGraph) -> None:
    assert net.nodes[PUTIN]["kind"] == "Person"
    assert net.nodes[ISIS]["kind"] == "Organization"
    assert net.nodes[RUSSIA_NODE]["kind"] == "Place"  # nkg:Country ⊑ nkg:Place
    assert net.nodes[GENEVA_NODE]["kind"] == "Place"
    assert net.nodes[WAR]["kind"] == "Named event"
    assert net.nodes[article_iri(RUSSIA)]["kind"] == "Article"
    assert net.nodes[OFFENSIVE]["kind"] == net.nodes[RETURN]["kind"] == "Event"
    assert net.nodes[CLAIM]["kind"] == "Claim"
    assert net.nodes[TROOPS]["kind"] == net.nodes[OFFICIALS]["kind"] == "Source"
    classes = entity_classes()
    assert classes[NKG.Country] == "Place" and classes[NKG.NamedEvent] == "Named event"
    assert NKG.Event not in classes and NKG.Claim not in classes


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
    nodes = (ISIS, RUSSIA_NODE, SYRIA_R, WAR, DITZ, AP, UN, OFFENSIVE, CLAIM, TROOPS)
    counts = {iri: net.nodes[iri]["mentions"] for iri in nodes}
    assert counts == {
        ISIS: 5, RUSSIA_NODE: 2, SYRIA_R: 3, WAR: 1, DITZ: 1, AP: 0, UN: 2,
        OFFENSIVE: 1, CLAIM: 2, TROOPS: 1,  # a claim's mentions: its clause and its cue
    }


def test_sentences_are_in_text_order_and_deduplicated(net: nx.MultiDiGraph) -> None:
    assert net.nodes[ISIS]["sentences"] == [
        "Russia Declares Victory Over ISIS in Syria",
        "Russian President Vladimir Putin has claimed victory over ISIS in Syria, "
        "and Putin's office repeated the claim.",
        "The Islamic State lost its last towns.",
        OFFENSIVE_SENTENCE,
        CLAIM_SENTENCE,
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
        frozenset({ISIS, SYRIA_R}): 3,
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
    assert net.number_of_edges() == 28
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


def test_event_nodes_carry_type_trigger_factuality_date_and_sentence(net: nx.MultiDiGraph) -> None:
    assert net.nodes[OFFENSIVE] == {
        "label": "offensive (Military operation)",  # the trigger as written, and the type
        "kind": "Event",
        "aliases": [],
        "mentions": 1,
        "sentences": [OFFENSIVE_SENTENCE],
        "iri": OFFENSIVE,
        "event_type": "MilitaryOperation",
        "type_label": "Military operation",
        "trigger": "offensive",
        "factuality": "asserted",
        "date": "2017-09-15",  # sem:hasTime → the time node's value
    }
    possible = net.nodes[RETURN]
    assert possible["label"] == "return (Movement or deployment)"
    assert possible["factuality"] == "possible" and possible["date"] is None
    assert possible["sentences"] == [CLAIM_SENTENCE]


def test_claim_nodes_carry_text_cue_date_quantities_and_sentence(net: nx.MultiDiGraph) -> None:
    assert net.nodes[CLAIM] == {
        "label": "According to \u201cISIS holds 19 percent of the country and could\u2026\u201d",
        "kind": "Claim",
        "aliases": [],
        "mentions": 2,
        "sentences": [CLAIM_SENTENCE],  # the clause's and the cue's sentence, once
        "iri": CLAIM,
        "text": "ISIS holds 19 percent of the country and could return",
        "cue": "According to",
        "date": "2017-12-07",
        "quantities": ["19.0 percent"],
    }


def test_described_sources_are_labelled_nodes(net: nx.MultiDiGraph) -> None:
    assert net.nodes[TROOPS] == {
        "label": "government troops",
        "kind": "Source",
        "aliases": [],
        "mentions": 1,
        "sentences": [OFFENSIVE_SENTENCE],
        "iri": TROOPS,
    }
    assert net.nodes[OFFICIALS]["label"] == "Russian defense officials"


def test_events_link_participants_and_place_claims_their_source(net: nx.MultiDiGraph) -> None:
    assert edges(net, "agent") == {(OFFENSIVE, TROOPS): 1, (RETURN, ISIS): 1}
    assert edges(net, "patient") == {(OFFENSIVE, ISIS): 1}
    assert edges(net, "participant") == {}
    assert edges(net, "place") == {(OFFENSIVE, SYRIA_R): 1}
    assert edges(net, "claimed by") == {(CLAIM, OFFICIALS): 1}
    assert edges(net, "affiliated with") == {(TROOPS, SYRIA_R): 1, (OFFICIALS, RUSSIA_NODE): 1}


def test_events_claims_and_sources_are_not_co_mentioned(net: nx.MultiDiGraph) -> None:
    linked = {OFFENSIVE, RETURN, CLAIM, TROOPS, OFFICIALS}
    for u, v, data in net.edges(data=True):
        if data["relation"] == "mentioned with":
            assert not {u, v} & linked


def test_event_classes_are_the_ontology_s_closure() -> None:
    classes = event_classes()
    names = {local for local, _label, _depth in classes.values()}
    assert names == {
        "Event", "Statement", "Declaration", "Conflict", "MilitaryOperation", "Meeting",
        "Agreement", "Election", "Transaction", "LegalAction", "Movement",
    }
    assert classes[NKG.MilitaryOperation][1] == "Military operation"
    assert classes[NKG.Transaction][1] == "Acquisition or financial transaction"
    depth = {local: d for local, _label, d in classes.values()}
    assert depth["Event"] < depth["Statement"] < depth["Declaration"]
    assert NKG.NamedEvent not in classes


def one_event(*types: URIRef, **extra: object) -> tuple[Graph, URIRef]:
    """A one-sentence article with one event typed ``types``, triggered by "struck"."""
    g = Graph()
    a = ArticleBuilder(g, "one", "One Event")
    sentence = a.sentence("Rebels struck at dawn in 2016.")
    event = a.event(sentence, types[0], "struck", "strike", **extra)  # type: ignore[arg-type]
    for cls in types[1:]:
        g.add((event, RDF.type, cls))
    a.finish()
    return g, event


def test_an_event_typed_with_its_superclasses_takes_the_most_specific() -> None:
    g, event = one_event(NKG.Event, NKG.Conflict, NKG.MilitaryOperation)
    node = to_networkx(g).nodes[str(event)]
    assert node["event_type"] == "MilitaryOperation" and node["label"] == "struck (Military operation)"


def test_a_plain_event_is_labelled_by_its_trigger_alone() -> None:
    g, event = one_event(NKG.Event)
    node = to_networkx(g).nodes[str(event)]
    assert node["label"] == "struck" and node["type_label"] == "Event"


@pytest.mark.parametrize(
    ("factuality", "expected"),
    [(NKG.Asserted, "asserted"), (NKG.Negated, "negated"), (NKG.Possible, "possible"),
     (NKG.Future, "future")],
)
def test_factuality_is_read_from_the_graph(factuality: URIRef, expected: str) -> None:
    g, event = one_event(NKG.Conflict, factuality=factuality)
    assert to_networkx(g).nodes[str(event)]["factuality"] == expected


def test_missing_or_contradictory_factuality() -> None:
    g, event = one_event(NKG.Conflict)
    g.remove((event, NKG.factuality, None))
    assert to_networkx(g).nodes[str(event)]["factuality"] is None
    g.add((event, NKG.factuality, NKG.Asserted))
    g.add((event, NKG.factuality, NKG.Negated))
    assert to_networkx(g).nodes[str(event)]["factuality"] == "negated"  # the least certain


def test_event_dates_at_any_precision_and_the_older_literal() -> None:
    g, event = one_event(NKG.Conflict)
    year = URIRef(f"{ID}time/2016")
    g.add((year, RDF.type, NKG.TimeValue))
    g.add((year, SEM.hasTimeStamp, Literal("2016", datatype=ns.XSD.gYear)))
    g.add((event, SEM.hasTime, year))
    assert to_networkx(g).nodes[str(event)]["date"] == "2016"
    g.remove((event, SEM.hasTime, None))
    g.add((event, ns.SDO.startDate, Literal("2016-05-01", datatype=ns.XSD.date)))
    assert to_networkx(g).nodes[str(event)]["date"] == "2016-05-01"


def test_a_named_event_that_is_also_an_event_is_one_event_node() -> None:
    g, event = one_event(NKG.Conflict)
    g.add((event, RDF.type, NKG.NamedEvent))
    g.add((event, RDFS.label, Literal("Dawn Raid")))
    net = to_networkx(g)
    assert [d["kind"] for _, d in net.nodes(data=True)].count("Event") == 1
    assert net.nodes[str(event)]["kind"] == "Event"
    assert net.nodes[str(event)]["label"] == "Dawn Raid (Conflict or attack)"


def test_claim_quantities_in_text_order_with_units_and_currencies() -> None:
    g = Graph()
    a = ArticleBuilder(g, "money", "Money")
    person = a.entity(NKG.Person, "jane-roe", "Jane Roe")
    sentence = a.sentence("Jane Roe said 40 jets cost $5 billion, 12 percent more.", (person, "Jane Roe"))
    claim = a.claim(
        sentence, "40 jets cost $5 billion, 12 percent more", "said", person,
        quantities=(
            ("12 percent", NKG.Percentage, "12.0", "percent"),
            ("$5 billion", NKG.MoneyAmount, "5000000000.0", "$"),
            ("40 jets", NKG.Count, "40.0", "jets"),
        ),
    )
    a.finish()
    net = to_networkx(g)
    assert net.nodes[str(claim)]["quantities"] == ["40.0 jets", "5000000000.0 $", "12.0 percent"]
    assert edges(net, "claimed by") == {(str(claim), str(person)): 1}
    assert (claim, ns.PROV.wasAttributedTo, person) in g


def test_claim_labels_shorten_at_a_word() -> None:
    assert claim_label("said", "Short.") == "said \u201cShort.\u201d"
    long = claim_label("according to", "word " * 30)
    assert long.startswith("according to \u201cword word") and long.endswith("word\u2026\u201d")
    assert len(long) <= len("according to ") + 48 + 3
    assert claim_label("", "x" * 60) == "\u201c" + "x" * 48 + "\u2026\u201d"


def test_hostile_event_and_claim_text_stays_verbatim_in_the_data() -> None:
    net = to_networkx(hostile_graph())
    nodes = {d["kind"]: d for _, d in net.nodes(data=True) if d["iri"].startswith(article_iri("hostile"))}
    assert nodes["Claim"]["text"] == HOSTILE_CLAIM
    assert nodes["Event"]["label"] == f"{HOSTILE_TRIGGER} (Conflict or attack)"
    assert nodes["Event"]["trigger"] == HOSTILE_TRIGGER and nodes["Event"]["factuality"] == "future"


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
