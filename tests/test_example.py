"""Acceptance on the bundled example page (a scraped news page with menus, lists and footers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import SDO, SKOS, TIME

from graph import build_graph, list_queries, load_graph, run_query
from graph.mapping import graph_iri
from graph.namespaces import ITSRDF, NIF, NKG
from graph.store import union

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ds(example_build: Path) -> Dataset:
    return load_graph(example_build / "graph.trig")


@pytest.fixture(scope="module")
def text(example_path: Path) -> str:
    return example_path.read_bytes().decode("utf-8")


def entity(ds: Dataset, label: str, cls=None):
    found = list(ds.subjects(RDFS.label, Literal(label)))
    assert len(found) == 1, f"{label!r}: {found}"
    if cls is not None:
        assert (found[0], RDF.type, cls) in ds
    return found[0]


def alt_labels(ds: Dataset, node) -> set[str]:
    return {str(o) for o in ds.objects(node, SKOS.altLabel)}


def test_example_people_organisations_places_with_aliases(ds: Dataset) -> None:
    putin = entity(ds, "Vladimir Putin", NKG.Person)
    assert alt_labels(ds, putin) == {"Putin"}
    entity(ds, "Valery Gerasimov", NKG.Person)
    assert "ISIS" in alt_labels(ds, entity(ds, "Islamic State", NKG.Organization))
    assert alt_labels(ds, entity(ds, "Russia", NKG.Country)) == {"Russian"}
    assert "US" in alt_labels(ds, entity(ds, "United States", NKG.Country))
    for place in ("Syria", "Iraq", "Palmyra", "Euphrates River", "Idlib Province"):
        entity(ds, place)
    entity(ds, "Observatory", NKG.Organization)


def test_example_article_metadata(ds: Dataset) -> None:
    [article] = ds.subjects(RDF.type, NKG.Article)
    assert str(ds.value(article, SDO.headline)).startswith("Russia Declares Victory Over ISIS In Syria")
    assert ds.value(article, SDO.datePublished) == Literal("2017-12-07", datatype=XSD.date)
    assert ds.value(ds.value(article, SDO.author), RDFS.label) == Literal("Jason Ditz")
    assert ds.value(ds.value(article, SDO.publisher), RDFS.label) == Literal("Antiwar.com")
    assert ds.value(ds.value(article, NKG.republisher), RDFS.label) == Literal("MintPress News")
    assert ds.value(article, SDO.articleSection) == Literal("Syria")
    photos = list(ds.objects(article, SDO.image))
    assert photos
    for photo in photos:
        assert ds.value(ds.value(photo, NKG.creditedTo), RDFS.label) == Literal("Associated Press")
        assert ds.value(photo, SDO.dateCreated) == Literal("2017-09-15", datatype=XSD.date)


def test_example_dates_normalised(ds: Dataset, text: str) -> None:
    values = {}
    for mention, target in ds.subject_objects(ITSRDF.taIdentRef):
        if (target, RDF.type, NKG.TimeValue) in ds:
            values[str(ds.value(mention, NIF.anchorOf))] = {str(o) for p, o in ds.predicate_objects(target)
                                                             if p != RDF.type}
    assert values["Friday"] == {"2017-09-15"}  # the caption's Friday, not the publication week's
    assert values["earlier this year"] == {"2017"}
    assert values["December 7th, 2017"] == {"2017-12-07"}
    assert (None, TIME.inXSDgYear, Literal("2017", datatype=XSD.gYear)) in ds


def test_example_roles(ds: Dataset) -> None:
    rows = run_query(ds, "people").rows
    roles = {(str(r[1]), str(r[2]), str(r[4])) for r in rows if r[2] is not None}
    assert ("Vladimir Putin", "President", "Russia") in roles
    assert ("Valery Gerasimov", "First Deputy Defense Minister", "Russia") in roles


def test_example_nothing_from_page_chrome(ds: Dataset, text: str) -> None:
    caption_start = text.index("In this Friday")
    hot_list = text.index("What’s Hot")
    footer = text.index("Contact Us")
    for mention in ds.subjects(RDF.type, NKG.Mention):
        begin = int(ds.value(mention, NIF.beginIndex))
        assert begin >= caption_start, ds.value(mention, NIF.anchorOf)
        assert not hot_list <= begin < footer, ds.value(mention, NIF.anchorOf)
    labels = {str(o) for o in ds.objects(None, RDFS.label)}
    for chrome in ("Zelensky", "Catherine Perez-Shakdam", "Peter Beinart", "Mnar Adley", "Ukraine", "Logo"):
        assert not any(chrome in label for label in labels), chrome


def test_example_offsets_slice_the_source_file(ds: Dataset, text: str) -> None:
    [context] = ds.subjects(RDF.type, NIF.Context)
    assert str(ds.value(context, NIF.isString)) == text
    mentions = list(ds.subjects(RDF.type, NKG.Mention))
    assert len(mentions) > 40
    for mention in mentions:
        begin, end = int(ds.value(mention, NIF.beginIndex)), int(ds.value(mention, NIF.endIndex))
        assert str(ds.value(mention, NIF.anchorOf)) == text[begin:end]
        assert ds.value(mention, NIF.referenceContext) == context


def test_example_named_graph_per_article(ds: Dataset) -> None:
    [article] = ds.subjects(RDF.type, NKG.Article)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert any(str(name).startswith(str(article)) for name in names)


def test_example_rebuild_is_isomorphic(example_path: Path) -> None:
    first, second = build_graph(example_path), build_graph(example_path)
    a, b = union(first), union(second)
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"rebuild differs:\n{only_a.serialize(format='nt')}\n---\n{only_b.serialize(format='nt')}")
    assert set(a.subjects()) == set(b.subjects())  # same IRIs, not just the same shape
    assert {g.identifier for g in first.graphs()} == {g.identifier for g in second.graphs()}


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_example_every_query_returns_rows(ds: Dataset, name: str) -> None:
    assert len(run_query(ds, name)) > 0


def test_example_outputs_agree(example_build: Path) -> None:
    trig = union(load_graph(example_build / "graph.trig"))
    for name in ("graph.ttl", "graph.jsonld"):
        assert isomorphic(union(load_graph(example_build / name)), trig), name
    html = (example_build / "graph.html").read_text(encoding="utf-8")
    assert "Vladimir Putin" in html and "<script src" not in html


def test_example_graph_iri_is_stable() -> None:
    assert str(graph_iri("russia-isis-syria-2017-12-07")).endswith("/article/russia-isis-syria-2017-12-07/graph")
