"""Map to RDF: one hand-built Document → the triples of its graph (docs/graph-shape.md).

Fast: no spaCy model is loaded; the Document is written here as the pipeline would leave it.
(``ns.SDO``, ``ns.TIME`` and ``ns.XSD`` are not imported by name: pytest probes module globals,
and these closed namespaces warn on every unknown attribute.)
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import ORG, PROV, SKOS

from graph.mapping import article_iri, document_graph
from graph.model import Credit, DateMention, DateValue, Document, Entity, Membership, Metadata, Span, Zone
from graph.namespaces import ID, ITSRDF, NIF, NKG
from graph.validate import validate

TEXT = (
    "Energy\n"
    "Lake Town Opens Floating Solar Farm\n"
    "By Ingrid Haugen\n"
    "April 12, 2022\n"
    "Workers fix panels near Tromsø. (AP Photo)\n"
    "TROMSØ (AP) — Norwegian Energy Minister Ann Vale opened the farm on April 12, 2022, "
    "with Brightwater Energy.\n"
    "Vale said the farm would be finished by May 2023 and doubled in 2024.\n"
    "© 2022 Fjord Courier"
)
KEY = "solar-farm"
BASE = f"{ID}article/{KEY}"


def at(surface: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return Span(start, start + len(surface))


def line(prefix: str) -> Span:
    start = TEXT.index(prefix)
    end = TEXT.find("\n", start)
    return Span(start, len(TEXT) if end < 0 else end)


def solar_document(source: str = "<text>") -> Document:
    """A fresh Document each call, as the pipeline would produce it for TEXT."""
    headline, byline, dateline = line("Lake Town"), line("By Ingrid"), line("April 12")
    caption, body1, body2, footer = line("Workers"), line("TROMSØ"), line("Vale said"), line("©")
    zones = [Zone("section", line("Energy")), Zone("headline", headline), Zone("byline", byline),
             Zone("dateline", dateline), Zone("caption", caption), Zone("body", body1),
             Zone("body", body2), Zone("copyright", footer)]
    entities = [
        Entity("Organization", "Fjord Courier", [at("Fjord Courier")]),  # 0, publisher
        Entity("Person", "Ingrid Haugen", [at("Ingrid Haugen")]),  # 1, author
        Entity("Place", "Tromsø", [at("Tromsø"), at("TROMSØ")], {"TROMSØ"}),  # 2
        Entity("Organization", "Associated Press", [at("AP"), at("AP", 1)], {"AP"}),  # 3
        Entity("Place", "Norway", [at("Norwegian")], {"Norwegian"}, subtype="Country"),  # 4
        Entity("Person", "Ann Vale", [at("Ann Vale"), at("Vale", 1)], {"Vale"}),  # 5
        Entity("Organization", "Brightwater Energy", [at("Brightwater Energy")]),  # 6
    ]
    entities.sort(key=lambda e: e.mentions[0])
    index = {e.label: i for i, e in enumerate(entities)}
    dates = [
        DateMention(dateline, DateValue("2022-04-12", "day")),
        DateMention(at("April 12, 2022", 1), DateValue("2022-04-12", "day")),
        DateMention(at("May 2023"), DateValue("2023-05", "month")),
        DateMention(at("2024"), DateValue("2024", "year")),
    ]
    caption_credit = Credit("Associated Press", at("AP"), caption, "AP Photo")
    wire = Credit("Associated Press", at("AP", 1), body1, "AP")
    metadata = Metadata(
        headline=headline, authors=[at("Ingrid Haugen")], published=dates[0],
        publisher=at("Fjord Courier"), section=line("Energy"), captions=[caption],
        credits=[caption_credit, wire], url="https://example.org/solar",
    )
    sentences = [headline, caption, Span(body1.start, body1.end), body2]
    membership = Membership(index["Ann Vale"], index["Norway"], "Energy Minister", at("Energy Minister"))
    return Document(id=KEY, text=TEXT, source=source, url="https://example.org/solar", zones=zones,
                    sentences=sentences, metadata=metadata, entities=entities, dates=dates,
                    memberships=[membership])


@pytest.fixture(scope="module")
def g() -> Graph:
    return document_graph(solar_document())


def iri(path: str) -> URIRef:
    return URIRef(f"{BASE}/{path}")


def literal_values(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(subject, predicate)}


# --- stable IRIs ----------------------------------------------------------------------------------


def test_mapping_rebuild_gives_the_same_graph(g: Graph) -> None:
    again = document_graph(solar_document())
    if not isomorphic(g, again):
        _, only_first, only_second = graph_diff(to_isomorphic(g), to_isomorphic(again))
        pytest.fail(f"only first:\n{only_first.serialize(format='nt')}\nonly second:\n"
                    f"{only_second.serialize(format='nt')}")
    assert set(g.subjects()) == set(again.subjects())
    assert set(g) == set(again)  # no blank nodes: the very same triples


def test_mapping_iris_come_from_the_article_id_and_names(g: Graph) -> None:
    assert article_iri(KEY) == URIRef(BASE)
    expected = {
        iri("person/ann-vale"): NKG.Person,
        iri("person/ingrid-haugen"): NKG.Person,
        iri("place/norway"): NKG.Country,
        iri("place/troms"): NKG.Place,  # slug keeps ASCII letters and digits only
        iri("organization/associated-press"): NKG.Organization,
        iri("organization/brightwater-energy"): NKG.Organization,
        iri("organization/fjord-courier"): NKG.Organization,
    }
    assert {s: g.value(s, RDF.type) for s in g.subjects(RDFS.label, None)
            if str(s).startswith(BASE + "/") and "/membership/" not in str(s)} == expected


def test_mapping_entities_of_same_kind_and_label_get_distinct_iris() -> None:
    doc = solar_document()
    doc.entities.append(Entity("Person", "Ann Vale", [at("Vale", 1)]))
    g = document_graph(doc)
    assert {iri("person/ann-vale"), iri("person/ann-vale-2")} <= set(g.subjects(RDF.type, NKG.Person))


# --- provenance -----------------------------------------------------------------------------------


def test_mapping_context_holds_the_exact_text(g: Graph) -> None:
    context = iri("text")
    assert (URIRef(BASE), PROV.wasDerivedFrom, context) in g
    assert (context, RDF.type, NIF.Context) in g
    assert g.value(context, NIF.isString) == Literal(TEXT)
    assert g.value(context, NIF.endIndex).toPython() == len(TEXT)


def test_mapping_every_string_anchor_is_the_text_at_its_offsets(g: Graph) -> None:
    nodes = set(g.subjects(RDF.type, NKG.Mention)) | set(g.subjects(RDF.type, NIF.Sentence))
    assert len(nodes) >= 15
    for node in nodes:
        begin = g.value(node, NIF.beginIndex)
        end = g.value(node, NIF.endIndex)
        assert begin.datatype == ns.XSD.nonNegativeInteger
        assert str(g.value(node, NIF.anchorOf)) == TEXT[begin.toPython() : end.toPython()], node
        assert str(node).endswith(f"#char={begin},{end}")
        assert g.value(node, NIF.referenceContext) == iri("text")


def test_mapping_every_entity_mention_is_in_the_graph(g: Graph) -> None:
    doc = solar_document()
    expected = {(m.start, m.end, e.label) for e in doc.entities for m in e.mentions}
    found = set()
    for node in g.subjects(RDF.type, NKG.Mention):
        target = g.value(node, ITSRDF.taIdentRef)
        label = g.value(target, RDFS.label)
        if (target, RDF.type, NKG.TimeValue) not in g and (target, RDF.type, ORG.Membership) not in g:
            found.add((g.value(node, NIF.beginIndex).toPython(), g.value(node, NIF.endIndex).toPython(), str(label)))
    assert found == expected


@pytest.mark.parametrize(
    ("surface", "nth", "zone", "sentence"),
    [("Ann Vale", 0, "body", "TROMSØ"), ("AP", 0, "caption", "Workers"), ("Vale", 1, "body", "Vale said")],
)
def test_mapping_mention_zone_and_sentence(g: Graph, surface: str, nth: int, zone: str, sentence: str) -> None:
    span = at(surface, nth)
    node = iri(f"text#char={span.start},{span.end}")
    assert g.value(node, NKG.zone) == Literal(zone)
    container = line(sentence)
    assert g.value(node, NIF.sentence) == iri(f"text#char={container.start},{container.end}")


# --- entities -------------------------------------------------------------------------------------


def test_mapping_exactly_one_label_per_entity(g: Graph) -> None:
    entity_types = (NKG.Person, NKG.Organization, NKG.Place, NKG.Country, NKG.NamedEvent)
    entities = {s for t in entity_types for s in g.subjects(RDF.type, t)}
    assert len(entities) == 7
    for entity in entities:
        assert len(list(g.objects(entity, RDFS.label))) == 1, entity
        assert (URIRef(BASE), ns.SDO.mentions, entity) in g


@pytest.mark.parametrize(
    ("path", "label", "aliases", "count"),
    [
        ("person/ann-vale", "Ann Vale", {"Vale"}, 2),
        ("place/troms", "Tromsø", {"TROMSØ"}, 2),
        ("organization/associated-press", "Associated Press", {"AP"}, 2),
        ("place/norway", "Norway", {"Norwegian"}, 1),
        ("organization/brightwater-energy", "Brightwater Energy", set(), 1),
    ],
)
def test_mapping_labels_alt_labels_and_counts(g: Graph, path: str, label: str, aliases: set[str], count: int) -> None:
    node = iri(path)
    assert g.value(node, RDFS.label) == Literal(label)
    assert literal_values(g, node, SKOS.altLabel) == aliases
    assert len(list(g.subjects(ITSRDF.taIdentRef, node))) == count


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "prop", "datatype", "mentions"),
    [
        ("2022-04-12", ns.TIME.inXSDDate, ns.XSD.date, 2),
        ("2023-05", ns.TIME.inXSDgYearMonth, ns.XSD.gYearMonth, 1),
        ("2024", ns.TIME.inXSDgYear, ns.XSD.gYear, 1),
    ],
)
def test_mapping_time_value_typed_by_precision(g: Graph, value: str, prop: URIRef, datatype: URIRef,
                                               mentions: int) -> None:
    node = ID[f"time/{value}"]
    assert (node, RDF.type, NKG.TimeValue) in g
    assert list(g.objects(node, prop)) == [Literal(value, datatype=datatype)]
    other = {ns.TIME.inXSDDate, ns.TIME.inXSDgYearMonth, ns.TIME.inXSDgYear} - {prop}
    assert not any(g.value(node, p) for p in other)
    assert len(list(g.subjects(ITSRDF.taIdentRef, node))) == mentions


# --- the article ----------------------------------------------------------------------------------


def test_mapping_article_node(g: Graph) -> None:
    a = URIRef(BASE)
    assert (a, RDF.type, NKG.Article) in g
    assert g.value(a, ns.SDO.headline) == Literal("Lake Town Opens Floating Solar Farm")
    assert g.value(a, ns.SDO.articleSection) == Literal("Energy")
    assert g.value(a, ns.SDO.datePublished) == Literal("2022-04-12", datatype=ns.XSD.date)
    assert g.value(a, ns.SDO.url) == Literal("https://example.org/solar", datatype=ns.XSD.anyURI)
    assert set(g.objects(a, ns.SDO.author)) == {iri("person/ingrid-haugen")}
    assert set(g.objects(a, ns.SDO.publisher)) == {iri("organization/fjord-courier")}
    assert g.value(a, NKG.republisher) is None
    assert g.value(a, NKG.sourceFile) is None  # a "<text>" input has no file
    assert g.value(a, PROV.wasDerivedFrom) == iri("text")


@pytest.mark.parametrize(("source", "name"), [("/data/in/solar.txt", "solar.txt"),
                                              ("/data/dump.jsonl line 3", "dump.jsonl")])
def test_mapping_source_file_is_the_file_name(source: str, name: str) -> None:
    g = document_graph(solar_document(source))
    assert g.value(URIRef(BASE), NKG.sourceFile) == Literal(name)


def test_mapping_photo_and_credits(g: Graph) -> None:
    a, photo, ap = URIRef(BASE), iri("photo/1"), iri("organization/associated-press")
    assert set(g.objects(a, ns.SDO.image)) == {photo}
    assert (photo, RDF.type, NKG.Photo) in g
    assert g.value(photo, ns.SDO.caption) == Literal("Workers fix panels near Tromsø. (AP Photo)")
    assert literal_values(g, photo, ns.SDO.creditText) == {"AP Photo"}
    assert set(g.objects(photo, NKG.creditedTo)) == {ap}
    # The wire credit in the body is the article's.
    assert literal_values(g, a, ns.SDO.creditText) == {"AP"}
    assert set(g.objects(a, NKG.creditedTo)) == {ap}


def test_mapping_membership(g: Graph) -> None:
    person, country = iri("person/ann-vale"), iri("place/norway")
    node = iri("membership/ann-vale/norway/energy-minister")
    role = ID["role/energy-minister"]
    assert (node, RDF.type, ORG.Membership) in g
    assert (node, ORG.member, person) in g
    assert (node, ORG.organization, country) in g
    assert (node, ORG.role, role) in g
    assert (role, RDF.type, NKG.Role) in g
    assert g.value(role, RDFS.label) == Literal("Energy Minister")
    assert g.value(person, ns.SDO.jobTitle) == Literal("Energy Minister")
    assert g.value(person, ns.SDO.affiliation) == country
    [mention] = list(g.subjects(ITSRDF.taIdentRef, node))
    assert str(g.value(mention, NIF.anchorOf)) == "Energy Minister"


def test_mapping_graph_passes_validation(g: Graph) -> None:
    validate(g)


def test_mapping_minimal_document_is_valid() -> None:
    text = "A quiet day at the harbour, and nothing at all happened there."
    doc = Document(id="quiet", text=text, source="<text>", zones=[Zone("body", Span(0, len(text)))],
                   sentences=[Span(0, len(text))])
    g = document_graph(doc)
    validate(g)
    a = article_iri("quiet")
    assert g.value(a, ns.SDO.headline) is None and g.value(a, ns.SDO.author) is None
    assert g.value(URIRef(f"{a}/text"), NIF.isString) == Literal(text)
