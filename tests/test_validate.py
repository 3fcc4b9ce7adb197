"""SHACL validation of built graphs: the fixture conforms, each kind of damage is named."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

from fixtures_rdf import (
    ARTICLE_1,
    ARTICLE_2,
    ORG,
    PROV,
    SCHEMA,
    TIME,
    article_iri,
    build_dataset,
    build_graph,
    context_iri,
    entity_iri,
    graph_iri,
)
from graph.errors import ValidationError
from graph.namespaces import ID, ITSRDF, NIF, NKG, SEM
from graph.validate import validate

PUTIN = entity_iri(ARTICLE_1, "person/vladimir-putin")
RUSSIA = entity_iri(ARTICLE_1, "place/russia")
ARTICLE = article_iri(ARTICLE_1)
PUTIN_MENTION = URIRef(f"{context_iri(ARTICLE_1)}#char=195,209")
MEMBERSHIP = entity_iri(ARTICLE_1, "membership/vladimir-putin/russia/president")


def _violation(damage: Callable[[Graph], None]) -> str:
    ds = build_dataset()
    damage(ds.graph(graph_iri(ARTICLE_1)))
    with pytest.raises(ValidationError) as info:
        validate(ds)
    return str(info.value)


def test_validate_fixture_dataset_conforms() -> None:
    validate(build_dataset())


def test_validate_plain_graph_conforms_and_is_left_alone() -> None:
    g = build_graph()
    before = len(g)
    validate(g)
    assert len(g) == before  # the ontology triples went into a copy


def test_validate_wrong_offsets() -> None:
    def shift(g: Graph) -> None:
        g.set((PUTIN_MENTION, NIF.beginIndex, Literal("196", datatype=XSD.nonNegativeInteger)))

    message = _violation(shift)
    assert "nif:anchorOf \"Vladimir Putin\"" in message
    assert "[196, 209)" in message and '"ladimir Putin"' in message
    assert str(PUTIN_MENTION) in message


def test_validate_offsets_past_the_end() -> None:
    def stretch(g: Graph) -> None:
        g.set((PUTIN_MENTION, NIF.endIndex, Literal("99999", datatype=XSD.nonNegativeInteger)))

    assert "nif:anchorOf" in _violation(stretch)


def test_validate_begin_not_below_end() -> None:
    def swap(g: Graph) -> None:
        g.set((PUTIN_MENTION, NIF.beginIndex, Literal("209", datatype=XSD.nonNegativeInteger)))
        g.set((PUTIN_MENTION, NIF.endIndex, Literal("195", datatype=XSD.nonNegativeInteger)))

    assert "below its nif:endIndex" in _violation(swap)


def test_validate_offset_of_wrong_datatype() -> None:
    def plain(g: Graph) -> None:
        g.set((PUTIN_MENTION, NIF.endIndex, Literal(209)))

    message = _violation(plain)
    assert "nif:endIndex" in message and "xsd:nonNegativeInteger" in message


def test_validate_two_labels() -> None:
    message = _violation(lambda g: g.add((PUTIN, RDFS.label, Literal("Vladimir Vladimirovich Putin"))))
    assert "exactly one rdfs:label" in message
    assert str(PUTIN) in message


def test_validate_label_also_alias() -> None:
    message = _violation(lambda g: g.add((PUTIN, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"),
                                          Literal("Vladimir Putin"))))
    assert "skos:altLabel is a string other than its rdfs:label" in message


def test_validate_mention_without_context() -> None:
    message = _violation(lambda g: g.remove((PUTIN_MENTION, NIF.referenceContext, None)))
    assert "nif:referenceContext" in message
    assert str(PUTIN_MENTION) in message


def test_validate_mention_without_target() -> None:
    def orphan(g: Graph) -> None:
        g.remove((PUTIN_MENTION, ITSRDF.taIdentRef, None))

    assert "at least one itsrdf:taIdentRef" in _violation(orphan)


def test_validate_entity_without_mention() -> None:
    ghost = entity_iri(ARTICLE_1, "person/nobody")

    def add_ghost(g: Graph) -> None:
        g.add((ghost, RDF.type, NKG.Person))
        g.add((ghost, RDFS.label, Literal("Nobody")))

    message = _violation(add_ghost)
    assert "at least one mention" in message
    assert str(ghost) in message and "^itsrdf:taIdentRef" in message


def test_validate_date_literal_of_wrong_type() -> None:
    day = ID["time/2017-09-15"]
    message = _violation(lambda g: g.set((day, TIME.inXSDDate, Literal("2017-09-15"))))
    assert "time:inXSDDate is a single valid xsd:date literal" in message
    assert str(day) in message


def test_validate_time_value_with_two_precisions() -> None:
    day = ID["time/2017-09-15"]
    message = _violation(lambda g: g.add((day, TIME.inXSDgYear, Literal("2017", datatype=XSD.gYear))))
    assert "exactly one of time:inXSDDate, time:inXSDgYearMonth or time:inXSDgYear" in message


def test_validate_date_published_of_wrong_type() -> None:
    message = _violation(lambda g: g.set((ARTICLE, SCHEMA.datePublished, Literal("December 7th, 2017"))))
    assert "schema:datePublished" in message and "xsd:date" in message


def test_validate_ill_formed_date() -> None:
    message = _violation(
        lambda g: g.set((ARTICLE, SCHEMA.datePublished, Literal("2017-13-45", datatype=XSD.date)))
    )
    assert "schema:datePublished" in message


def test_validate_author_must_be_person() -> None:
    message = _violation(lambda g: g.add((ARTICLE, SCHEMA.author, RUSSIA)))
    assert "schema:author of an article is a nkg:Person" in message


def test_validate_article_needs_its_context() -> None:
    message = _violation(lambda g: g.remove((ARTICLE, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None)))
    assert "prov:wasDerivedFrom the nif:Context" in message


def test_validate_membership_organization_class() -> None:
    ditz = entity_iri(ARTICLE_1, "person/jason-ditz")
    message = _violation(lambda g: g.set((MEMBERSHIP, ORG.organization, ditz)))
    assert "org:organization, a nkg:Organization or a nkg:Place" in message


def test_validate_role_needs_label() -> None:
    message = _violation(lambda g: g.remove((ID["role/president"], RDFS.label, None)))
    assert "rdfs:label" in message and "role" in message


def test_validate_unknown_zone() -> None:
    message = _violation(lambda g: g.set((PUTIN_MENTION, NKG.zone, Literal("sidebar"))))
    assert "nkg:zone is one of" in message


def test_validate_context_length() -> None:
    ctx = context_iri(ARTICLE_1)
    message = _violation(lambda g: g.set((ctx, NIF.endIndex, Literal(3))))
    assert "is not the length" in message


def test_validate_summary_is_short() -> None:
    def many(g: Graph) -> None:
        for n in range(8):
            ghost = entity_iri(ARTICLE_1, f"person/ghost-{n}")
            g.add((ghost, RDF.type, NKG.Person))
            g.add((ghost, RDFS.label, Literal(f"Ghost {n}")))

    message = _violation(many)
    assert message.startswith("The graph does not conform to the SHACL shapes (8 violations):")
    assert len(message.splitlines()) == 1 + 5 + 1
    assert message.splitlines()[-1] == "  ... and 3 more."


def test_validate_checks_every_named_graph() -> None:
    ds: Dataset = build_dataset()
    other = ds.graph(URIRef("https://w3id.org/newskg/id/article/extra/graph"))
    other.add((URIRef("https://w3id.org/newskg/id/article/extra"), RDF.type, NKG.Article))
    with pytest.raises(ValidationError, match="prov:wasDerivedFrom"):
        validate(ds)


# --- events, claims, described sources and quantities -----------------------------------------

def _node(g: Graph, prop: URIRef, value: Literal) -> URIRef:
    """The one node of ``g`` whose ``prop`` is ``value``."""
    [found] = list(g.subjects(prop, value))
    return found  # type: ignore[return-value]


def _claim(g: Graph, cue: str) -> URIRef:
    return _node(g, NKG.cue, Literal(cue))


def _event(g: Graph, lemma: str) -> URIRef:
    return _node(g, NKG.trigger, Literal(lemma))


def _damage_2(damage: Callable[[Graph], None]) -> str:
    """Like ``_violation`` on the second article (events, claims and quantities of every kind)."""
    ds = build_dataset()
    damage(ds.graph(graph_iri(ARTICLE_2)))
    with pytest.raises(ValidationError) as info:
        validate(ds)
    return str(info.value)


def test_validate_claim_without_source() -> None:
    found: list[URIRef] = []

    def anonymous(g: Graph) -> None:
        found.append(_claim(g, "said"))
        g.remove((found[0], PROV.wasAttributedTo, None))

    message = _damage_2(anonymous)
    assert "A claim has at least one source" in message
    assert f"<{found[0]}> prov:wasAttributedTo" in message


def test_validate_claim_source_must_be_an_agent() -> None:
    def from_a_date(g: Graph) -> None:
        g.set((_claim(g, "said"), PROV.wasAttributedTo, ID["time/2015"]))

    message = _damage_2(from_a_date)
    assert "prov:wasAttributedTo a nkg:Person, nkg:Organization, nkg:Place or nkg:DescribedSource" in message


def test_validate_claim_with_two_cues() -> None:
    message = _damage_2(lambda g: g.add((_claim(g, "said"), NKG.cue, Literal("explained"))))
    assert "exactly one nkg:cue" in message


def test_validate_claim_text_and_date() -> None:
    def damage(g: Graph) -> None:
        claim = _claim(g, "said")
        g.set((claim, SCHEMA.text, Literal("")))
        g.add((claim, NKG.date, ID["time/2015"]))

    message = _damage_2(damage)
    assert "exactly one schema:text, the claimed clause as a non-empty string" in message
    assert "at most one nkg:date" in message


def test_validate_event_with_two_factualities() -> None:
    found: list[URIRef] = []

    def unsure(g: Graph) -> None:
        found.append(_event(g, "intervene"))
        g.add((found[0], NKG.factuality, NKG.Possible))

    message = _damage_2(unsure)
    assert "An event has exactly one nkg:factuality" in message
    assert f"<{found[0]}> nkg:factuality" in message


def test_validate_event_factuality_from_the_list() -> None:
    probable = URIRef("https://w3id.org/newskg/ontology#Probable")  # not a factuality of the ontology
    message = _damage_2(lambda g: g.set((_event(g, "intervene"), NKG.factuality, probable)))
    assert "nkg:Asserted, nkg:Negated, nkg:Possible or nkg:Future" in message


def test_validate_event_subclasses_are_checked() -> None:
    # "operations" is a nkg:MilitaryOperation ⊑ nkg:Conflict ⊑ nkg:Event
    message = _damage_2(lambda g: g.remove((_event(g, "operation"), NKG.trigger, None)))
    assert "exactly one nkg:trigger" in message


def test_validate_event_participants_places_and_time() -> None:
    def damage(g: Graph) -> None:
        event = _event(g, "strike")
        g.add((event, NKG.agent, _claim(g, "said")))
        g.add((event, SEM.hasPlace, entity_iri(ARTICLE_2, "person/valery-gerasimov")))
        g.add((event, SEM.hasTime, ID["time/2015"]))
        g.add((event, SEM.hasTime, ID["time/2017-09"]))

    message = _damage_2(damage)
    assert "nkg:agent is an entity or a nkg:DescribedSource" in message
    assert "sem:hasPlace is a nkg:Place" in message
    assert "at most one sem:hasTime" in message


def test_validate_event_date_literal_is_refused() -> None:
    year = Literal("2015", datatype=XSD.gYear)
    message = _damage_2(lambda g: g.add((_event(g, "intervene"), SCHEMA.startDate, year)))
    assert "no schema:startDate literal" in message


def test_validate_event_without_mention() -> None:
    def unmentioned(g: Graph) -> None:
        event = _event(g, "intervene")
        for m in list(g.subjects(ITSRDF.taIdentRef, event)):
            g.remove((m, ITSRDF.taIdentRef, event))

    assert "An event has at least one mention" in _damage_2(unmentioned)


def test_validate_quantity_with_a_string_value() -> None:
    found: list[URIRef] = []

    def as_text(g: Graph) -> None:
        found.append(next(g.subjects(RDF.type, NKG.Percentage)))  # type: ignore[arg-type]
        g.set((found[0], SCHEMA.value, Literal("40")))

    message = _damage_2(as_text)
    assert "A quantity has exactly one schema:value, an xsd:decimal" in message
    assert f"<{found[0]}> schema:value = \"40\"" in message


def test_validate_claim_quantity_must_be_a_quantity() -> None:
    message = _damage_2(lambda g: g.add((_claim(g, "said"), NKG.quantity, ID["time/2015"])))
    assert "nkg:quantity is a nkg:Quantity" in message


def test_validate_described_source_label_and_affiliation() -> None:
    def damage(g: Graph) -> None:
        source = next(g.subjects(RDF.type, NKG.DescribedSource))
        g.remove((source, RDFS.label, None))
        g.add((source, SCHEMA.affiliation, _claim(g, "said")))

    message = _damage_2(damage)
    assert "A described source has exactly one rdfs:label" in message
    assert "schema:affiliation is an entity" in message


def test_validate_time_value_needs_its_time_stamp() -> None:
    message = _damage_2(lambda g: g.remove((ID["time/2015"], SEM.hasTimeStamp, None)))
    assert "exactly one sem:hasTimeStamp" in message
