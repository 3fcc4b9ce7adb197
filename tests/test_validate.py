"""SHACL validation of built graphs: the fixture conforms, each kind of damage is named."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

from fixtures_rdf import (
    ARTICLE_1,
    ORG,
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
from graph.namespaces import ID, ITSRDF, NIF, NKG
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
        g.set((PUTIN, NKG.mentionCount, Literal(1)))

    assert "at least one itsrdf:taIdentRef" in _violation(orphan)


def test_validate_entity_without_mention() -> None:
    ghost = entity_iri(ARTICLE_1, "person/nobody")

    def add_ghost(g: Graph) -> None:
        g.add((ghost, RDF.type, NKG.Person))
        g.add((ghost, RDFS.label, Literal("Nobody")))

    message = _violation(add_ghost)
    assert "at least one mention" in message
    assert str(ghost) in message and "^itsrdf:taIdentRef" in message


def test_validate_mention_count_mismatch() -> None:
    message = _violation(lambda g: g.set((PUTIN, NKG.mentionCount, Literal(3))))
    assert "nkg:mentionCount 3 but 2 mentions" in message


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
