"""Linking entities to Wikidata, against a real Oxigraph loaded with a small Wikidata-shaped
graph: label and alias matches, type filtering, context, the on-disk cache, and going offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_rdf import build_dataset
from oxigraph_server import BINARY, Oxigraph, free_port
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Literal, URIRef

from graph.namespaces import ID, NKG
from graph.sparql import link
from graph.sparql.link import DCT_SOURCE, LINK_CONFIDENCE, WD

pytestmark = [pytest.mark.slow, pytest.mark.skipif(BINARY is None, reason="the oxigraph server is not installed")]

WIKIDATA_SHAPED = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

wd:Q7747 rdfs:label "Vladimir Putin"@en, "Владимир Путин"@ru ;
    skos:altLabel "Putin"@en, "Vladimir Vladimirovich Putin"@en ;
    wdt:P31 wd:Q5 ; wdt:P27 wd:Q159 ; wikibase:sitelinks 250 .
wd:Q9000001 rdfs:label "Vladimir Putin"@en ; wdt:P31 wd:Q11424 .          # a film: not a human
wd:Q159 rdfs:label "Russia"@en ; skos:altLabel "Russian Federation"@en ;
    wdt:P31 wd:Q3624078, wd:Q6256 ; wikibase:sitelinks 300 .
wd:Q858 rdfs:label "Syria"@en ; skos:altLabel "Syrian Arab Republic"@en ;
    wdt:P31 wd:Q3624078 ; wikibase:sitelinks 280 .
wd:Q9000002 rdfs:label "Syria"@en ; wdt:P31 wd:Q11424 ; wikibase:sitelinks 3 .   # a film
wd:Q5859 rdfs:label "Palmyra"@en ; wdt:P31 wd:Q515, wd:Q839954 ; wdt:P17 wd:Q858 ; wikibase:sitelinks 100 .
wd:Q9000003 rdfs:label "Palmyra"@en ; wdt:P31 wd:Q515 ; wdt:P17 wd:Q30 ; wikibase:sitelinks 120 .
wd:Q30 rdfs:label "United States"@en ; skos:altLabel "US"@en, "USA"@en ;
    wdt:P31 wd:Q3624078 ; wikibase:sitelinks 350 .
wd:Q2429253 rdfs:label "Islamic State"@en ; skos:altLabel "ISIS"@en, "ISIL"@en ; wdt:P31 wd:Q9000010 .
wd:Q9000010 rdfs:label "militant organisation"@en ; wdt:P279 wd:Q43229 .  # fits through P279 only
wd:Q9000007 rdfs:label "Valery Gerasimov"@en ; wdt:P31 wd:Q5 ; wdt:P27 wd:Q159 .
wd:Q40469 rdfs:label "Associated Press"@en ; skos:altLabel "AP"@en ; wdt:P31 wd:Q192283 .
wd:Q9000004 rdfs:label "Jackson"@en ; wdt:P31 wd:Q515 .                    # a city, no person
wd:Q9000005 rdfs:label "Springfield"@en ; wdt:P31 wd:Q515 .
wd:Q9000006 rdfs:label "Springfield"@en ; wdt:P31 wd:Q515 .               # a tie: no link
"""

A1, A2 = "russia-isis-syria-2017-12-07", "gerasimov-iraq"
EXPECTED = {
    f"{A1}/person/vladimir-putin": "Q7747",  # not the film of the same name
    f"{A1}/place/russia": "Q159",
    f"{A1}/place/syria": "Q858",  # the country, not the film
    f"{A1}/place/palmyra": "Q5859",  # the one in Syria, by context, though the other is more prominent
    f"{A1}/organization/isis": "Q2429253",  # an alias, a type through P279
    f"{A1}/organization/associated-press": "Q40469",
    f"{A2}/person/valery-gerasimov": "Q9000007",
    f"{A2}/place/russia": "Q159",
    f"{A2}/place/united-states": "Q30",
    f"{A2}/organization/isis": "Q2429253",
    "jackson-city/place/jackson": "Q9000004",
}
UNLINKED = [f"{A1}/person/jason-ditz", f"{A2}/place/iraq", "jackson-person/person/jackson",
            "jackson-person/place/springfield"]


def corpus() -> Dataset:
    """The two fixture articles, plus a person called Jackson (and an ambiguous Springfield)
    and, in another article, the city of Jackson."""
    ds = build_dataset()
    for key, entities in {"jackson-person": [(NKG.Person, "person/jackson", "Jackson"),
                                             (NKG.Place, "place/springfield", "Springfield")],
                          "jackson-city": [(NKG.Place, "place/jackson", "Jackson")]}.items():
        g = ds.graph(ID[f"article/{key}/graph"])
        g.add((ID[f"article/{key}"], RDF.type, NKG.Article))
        for cls, path, label in entities:
            g.add((ID[f"article/{key}/{path}"], RDF.type, cls))
            g.add((ID[f"article/{key}/{path}"], RDFS.label, Literal(label)))
    return ds


@pytest.fixture
def wikidata(tmp_path: Path) -> Iterator[Oxigraph]:
    data = tmp_path / "wikidata.ttl"
    data.write_text(WIKIDATA_SHAPED, encoding="utf-8")
    server = Oxigraph(tmp_path / "wikidata-store")
    server.load(data)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def chosen(ds: Dataset) -> dict[str, str]:
    prefix = str(ID["article/"])
    return {str(s).removeprefix(prefix): str(o).removeprefix(str(WD))
            for s, _, o, _ in ds.quads((None, OWL.sameAs, None, None))}


def test_sparql_link_chooses_by_name_type_and_context(wikidata: Oxigraph, tmp_path: Path) -> None:
    ds = corpus()
    report = link(ds, wikidata.url, cache_dir=tmp_path / "cache")
    assert chosen(ds) == EXPECTED
    assert not set(UNLINKED) & set(chosen(ds))
    assert {str(x.entity).removeprefix(str(ID["article/"])): str(x.item).removeprefix(str(WD))
            for x in report.links} == EXPECTED
    assert all(0.5 <= x.confidence <= 1 for x in report.links)
    assert report.warnings == [] and report.entities == 19


def test_sparql_link_triples(wikidata: Oxigraph, tmp_path: Path) -> None:
    ds = corpus()
    link(ds, wikidata.url, cache_dir=tmp_path / "cache")
    putin = ID[f"article/{A1}/person/vladimir-putin"]
    g = ds.graph(ID[f"article/{A1}/graph"])  # the link lives in the entity's own article graph
    node = URIRef(f"{putin}/link/wikidata")
    assert (putin, OWL.sameAs, WD.Q7747) in g
    assert set(g.predicate_objects(node)) >= {(RDF.type, RDF.Statement), (RDF.subject, putin),
                                              (RDF.predicate, OWL.sameAs), (RDF.object, WD.Q7747),
                                              (DCT_SOURCE, URIRef(wikidata.url))}
    [confidence] = list(g.objects(node, LINK_CONFIDENCE))
    assert confidence.datatype == XSD.decimal and 0.5 <= float(confidence) <= 1

    before = set(ds.quads((None, None, None, None)))
    link(ds, wikidata.url, cache_dir=tmp_path / "cache")  # linking again replaces, adds nothing
    assert set(ds.quads((None, None, None, None))) == before


def test_sparql_link_second_run_sends_no_request(wikidata: Oxigraph, tmp_path: Path) -> None:
    first = link(corpus(), wikidata.url, cache_dir=tmp_path / "cache")
    names = {"Jason Ditz", "Valery Gerasimov", "Antiwar.com", "ISIS", "Iraq", "Russia", "United States",
             "Vladimir Putin", "Associated Press", "MintPress News", "Palmyra", "Syria", "Jackson",
             "Springfield"}  # each name asked once (no alias needed), even when two entities share it
    assert first.requests == len(names) and first.cached == 19 - len(names)
    assert len(list((tmp_path / "cache").glob("*.json"))) == len(names)

    wikidata.stop()  # any request now would fail and warn
    ds = corpus()
    with warnings_as_errors():
        second = link(ds, wikidata.url, cache_dir=tmp_path / "cache")
    assert (second.requests, second.cached, second.warnings) == (0, 19, [])
    assert second.links == first.links and chosen(ds) == EXPECTED


def test_sparql_link_offline_warns_and_goes_on(tmp_path: Path) -> None:
    ds = corpus()
    before = set(ds.quads((None, None, None, None)))
    with pytest.warns(RuntimeWarning, match="did not answer") as caught:
        report = link(ds, f"http://127.0.0.1:{free_port()}/sparql", cache_dir=tmp_path / "cache", timeout_s=5)
    assert len(caught) == 1 and len(report.warnings) == 1
    assert report.requests == 1 and report.links == []  # no request after the first failure
    assert set(ds.quads((None, None, None, None))) == before
    assert not list((tmp_path / "cache").glob("*.json"))  # failures are not cached


def test_sparql_link_sends_no_store_credentials(wikidata: Oxigraph, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from SPARQLWrapper import Wrapper

    sent: list[dict[str, str]] = []
    original = Wrapper.urlopener

    def spy(request: object, *args: object, **kwargs: object) -> object:
        sent.append(dict(request.header_items()))  # type: ignore[attr-defined]
        return original(request, *args, **kwargs)

    monkeypatch.setattr(Wrapper, "urlopener", spy)
    monkeypatch.setenv("NEWSKG_SPARQL_TOKEN", "my-store-t0ken")  # meant for the user's own store
    link(corpus(), wikidata.url, cache_dir=tmp_path / "cache")
    assert sent and not any("Authorization" in headers for headers in sent)


def test_sparql_link_unreachable_keeps_earlier_links(wikidata: Oxigraph, tmp_path: Path) -> None:
    ds = corpus()
    link(ds, wikidata.url, cache_dir=tmp_path / "cache")
    with pytest.warns(RuntimeWarning):
        link(ds, f"http://127.0.0.1:{free_port()}/sparql", cache_dir=tmp_path / "other", timeout_s=5)
    assert chosen(ds) == EXPECTED


class warnings_as_errors:
    def __enter__(self) -> None:
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("error", RuntimeWarning)

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)
