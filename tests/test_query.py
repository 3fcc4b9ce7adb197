"""Named SPARQL queries on the hand-built two-article fixture (tests/fixtures_rdf.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from graph.errors import InputError, QueryError, UsageError
from graph.namespaces import ID, NKG
from graph.persistent import GraphStore
from graph.query import (
    QueryResult,
    list_queries,
    load_graph,
    load_query,
    parse_param,
    query_info,
    run_query,
)

from fixtures_rdf import (
    ARTICLE_1,
    ARTICLE_2,
    TEXT_1,
    TEXT_2,
    article_iri,
    build_dataset,
    build_graph,
    entity_iri,
    find,
)

EXPECTED_QUERIES = {
    "entities", "places", "people", "timeline", "sources", "mentions", "comention", "articles",
    "claims", "events", "activity",
}
# Values a careless query would paste into its text; bound as literals they match nothing.
HOSTILE_LABELS = [
    '" } UNION { ?entity ?p ?o } #',
    'Putin") || true || ("',
    "Vladimir Putin\n} #",
    "<https://w3id.org/newskg/id/article/gerasimov-iraq/person/valery-gerasimov>",
]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


def _col(result: QueryResult, column: str) -> list[object]:
    i = result.columns.index(column)
    return [row[i] for row in result.rows]


def _records(result: QueryResult) -> list[dict[str, object]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


# --- the query files -------------------------------------------------------------------------

def test_query_list_has_the_named_queries() -> None:
    assert EXPECTED_QUERIES <= set(list_queries())


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_query_file_is_documented_and_standalone(name: str) -> None:
    text = list_queries()[name].read_text(encoding="utf-8")
    assert text.startswith("# ")
    prepareQuery(text)  # its own PREFIX lines suffice: other tools can run it as it is
    assert "GRAPH" not in text
    info = query_info(name)
    assert info.description.endswith("?")  # the first line is the question it answers
    for param in info.params:
        assert f"?{param}" in text


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_query_returns_rows_on_dataset_and_graph(name: str, ds: Dataset) -> None:
    on_dataset = run_query(ds, name)
    on_graph = run_query(build_graph(), name)
    assert on_dataset.name == name
    assert len(on_dataset) >= 1
    assert on_dataset.columns == on_graph.columns
    assert sorted(map(str, on_dataset.rows)) == sorted(map(str, on_graph.rows))


def test_query_params_are_documented() -> None:
    assert query_info("entities").params.keys() == {"type"}
    assert query_info("mentions").params.keys() == {"entity", "label"}
    assert query_info("places").params == {}
    assert query_info("claims").params.keys() == {"source", "label"}
    assert query_info("events").params.keys() == {"type", "factuality"}
    assert query_info("activity").params.keys() == {"entity", "label"}


# --- specific results ------------------------------------------------------------------------

def test_query_mentions_by_label_slice_the_text(ds: Dataset) -> None:
    result = run_query(ds, "mentions", label="Vladimir Putin")
    rows = _records(result)
    assert [str(r["anchor"]) for r in rows] == ["Vladimir Putin", "Putin"]
    for r in rows:
        begin, end = int(r["begin"]), int(r["end"])  # type: ignore[call-overload]
        assert TEXT_1[begin:end] == str(r["anchor"])
        assert str(r["anchor"]) in str(r["sentence"])
        assert r["zone"] == Literal("body")
    assert str(rows[0]["sentence"]).startswith("Russian President Vladimir Putin has claimed")
    assert str(rows[1]["sentence"]).startswith("Within Syria, Putin sees")


def test_query_mentions_by_alias_and_by_iri_agree(ds: Dataset) -> None:
    putin = entity_iri(ARTICLE_1, "person/vladimir-putin")
    by_alias = run_query(ds, "mentions", label="Putin")
    by_iri = run_query(ds, "mentions", entity=putin)
    by_iri_text = run_query(ds, "mentions", entity=f"<{putin}>")
    assert by_alias.rows == by_iri.rows == by_iri_text.rows
    assert set(_col(by_iri, "entity")) == {putin}


def test_query_mentions_across_articles(ds: Dataset) -> None:
    result = run_query(ds, "mentions", label="Russia")
    assert set(_col(result, "entity")) == {
        entity_iri(ARTICLE_1, "place/russia"), entity_iri(ARTICLE_2, "place/russia")
    }
    assert {str(a) for a in _col(result, "anchor")} == {"Russia", "Russian"}


def test_query_entities_counts_mentions(ds: Dataset) -> None:
    rows = {(str(r["label"]), r["entity"]): r for r in _records(run_query(ds, "entities"))}
    syria = rows[("Syria", entity_iri(ARTICLE_1, "place/syria"))]
    assert syria["mentions"] == Literal(5)
    assert syria["class"] == NKG.Country
    counts = [int(r["mentions"]) for r in rows.values()]  # type: ignore[call-overload]
    assert counts == sorted(counts, reverse=True)


def test_query_entities_type_param_includes_subclasses(ds: Dataset) -> None:
    places = run_query(ds, "entities", type=NKG.Place)
    assert {str(x) for x in _col(places, "label")} == {
        "Syria", "Russia", "Palmyra", "Iraq", "United States"
    }
    assert set(_col(places, "class")) == {NKG.Place, NKG.Country}
    people = run_query(ds, "entities", type=NKG.Person)
    assert {str(x) for x in _col(people, "label")} == {"Vladimir Putin", "Valery Gerasimov", "Jason Ditz"}
    assert len(run_query(ds, "entities", type=NKG.Entity)) == len(run_query(ds, "entities"))


def test_query_places_have_aliases(ds: Dataset) -> None:
    rows = {r["place"]: r for r in _records(run_query(ds, "places"))}
    us = rows[entity_iri(ARTICLE_2, "place/united-states")]
    assert us["aliases"] == Literal("US")
    assert us["class"] == NKG.Country
    assert rows[entity_iri(ARTICLE_1, "place/palmyra")]["class"] == NKG.Place


def test_query_people_lists_roles_and_people_without(ds: Dataset) -> None:
    rows = _records(run_query(ds, "people"))
    putin = [r for r in rows if r["person"] == entity_iri(ARTICLE_1, "person/vladimir-putin")]
    assert len(putin) == 1  # the membership and schema:affiliation say the same once
    assert putin[0]["role"] == Literal("President")
    assert putin[0]["organizationName"] == Literal("Russia")
    ditz = [r for r in rows if str(r["name"]) == "Jason Ditz"]
    assert len(ditz) == 2 and all(r["organization"] is None for r in ditz)


def test_query_timeline_sorted_with_all_kinds(ds: Dataset) -> None:
    result = run_query(ds, "timeline")
    dates = [str(d) for d in _col(result, "date")]
    assert dates == sorted(dates)
    assert {str(k) for k in _col(result, "kind")} == {"mention", "published", "photo"}
    first = _records(result)[0]
    assert first["value"] == Literal("2015", datatype=XSD.gYear)
    assert str(first["sentence"]) == "Russia first intervened in 2015."
    only_one = run_query(ds, "timeline", article=article_iri(ARTICLE_2))
    assert set(_col(only_one, "article")) == {article_iri(ARTICLE_2)}


def test_query_sources_names_author_publisher_and_credit(ds: Dataset) -> None:
    rows = _records(run_query(ds, "sources", article=article_iri(ARTICLE_1)))
    by_relation = {str(r["relation"]): r for r in rows}
    assert set(by_relation) == {"author", "publisher", "republisher", "photo credit"}
    assert by_relation["author"]["sourceName"] == Literal("Jason Ditz")
    assert by_relation["republisher"]["sourceName"] == Literal("MintPress News")
    credit = by_relation["photo credit"]
    assert credit["sourceName"] == Literal("Associated Press")
    assert credit["creditText"] == Literal("AP Photo")
    assert credit["credited"] == entity_iri(ARTICLE_1, "photo/1")
    assert str(credit["url"]).startswith("https://www.mintpressnews.com/")


def test_query_comention_pairs_once(ds: Dataset) -> None:
    result = run_query(ds, "comention")
    pairs = [(a, b) for a, b in zip(_col(result, "a"), _col(result, "b"), strict=True)]
    assert all(str(a) < str(b) for a, b in pairs)
    assert len(set(pairs)) == len(pairs)
    top = _records(result)[0]
    assert {str(top["aLabel"]), str(top["bLabel"])} == {"Russia", "Syria"}
    assert top["sentences"] == Literal(3)


def test_query_articles_count_entities(ds: Dataset) -> None:
    rows = {r["article"]: r for r in _records(run_query(ds, "articles"))}
    assert rows[article_iri(ARTICLE_1)]["entities"] == Literal(9)
    assert rows[article_iri(ARTICLE_2)]["publisher"] == Literal("Antiwar.com")
    assert rows[article_iri(ARTICLE_2)]["url"] is None


def test_query_articles_undated_ones_last() -> None:
    """Articles whose date was not found still list (rdflib cannot order by an unbound value
    under DESC, so the query sorts by the date or "")."""
    from rdflib.namespace import SDO

    ds = build_dataset()  # its own copy: the module's fixture is shared
    for graph in list(ds.graphs()):
        for triple in list(graph.triples((None, SDO.datePublished, None))):
            graph.remove(triple)
    article = article_iri(ARTICLE_1)
    ds.graph(URIRef(str(article) + "/dated")).add((article, SDO.datePublished, Literal("2017-12-07", datatype=XSD.date)))
    result = run_query(ds, "articles")
    assert _col(result, "article") == [article, article_iri(ARTICLE_2)]
    assert _col(result, "date")[1] is None


# --- events, claims and who did what ---------------------------------------------------------

PUTIN = entity_iri(ARTICLE_1, "person/vladimir-putin")
GERASIMOV = entity_iri(ARTICLE_2, "person/valery-gerasimov")
US_OFFICIALS = entity_iri(ARTICLE_2, f"source/us-officials-{find(TEXT_2, 'US officials')[0]}")


def _strs(values: list[object]) -> list[str | None]:
    return [None if v is None else str(v) for v in values]


def test_query_claims_who_said_what(ds: Dataset) -> None:
    rows = _records(run_query(ds, "claims"))
    assert len(rows) == 4
    by_cue = {str(r["cue"]): r for r in rows}
    assert set(by_cue) == {"has claimed", "is calling for", "said", "estimated"}
    putin = by_cue["has claimed"]
    assert putin["source"] == PUTIN
    assert putin["sourceLabel"] == Literal("Vladimir Putin")
    assert putin["sourceType"] == NKG.Person
    assert putin["text"] == Literal("a “complete victory” has been scored over ISIS forces within Syria")
    assert putin["date"] == Literal("2017-12-07", datatype=XSD.date)
    assert putin["numbers"] is None
    assert putin["article"] == article_iri(ARTICLE_1)
    # two mentions (clause and cue) in one sentence: the sentence is given once, on one row
    assert str(putin["sentence"]).startswith("Russian President Vladimir Putin has claimed")
    assert str(by_cue["said"]["date"]) == "2017-09"  # the date stated with it
    assert by_cue["said"]["date"].datatype == XSD.gYearMonth  # type: ignore[union-attr]


def test_query_claims_described_source_and_numbers(ds: Dataset) -> None:
    [row] = [r for r in _records(run_query(ds, "claims")) if r["source"] == US_OFFICIALS]
    assert row["sourceLabel"] == Literal("US officials")
    assert row["sourceType"] == NKG.DescribedSource
    # value and unit (or currency) in text order; 3000.0 shows as 3000
    assert row["numbers"] == Literal("3000 ISIS fighters | 40 percent | 2000000000 USD")
    assert row["sentence"] == Literal(
        "US officials estimated 3,000 ISIS fighters remain in Iraq, down 40 percent after $2 billion in strikes."
    )


def test_query_claims_in_article_and_text_order(ds: Dataset) -> None:
    result = run_query(ds, "claims")
    assert _strs(_col(result, "cue")) == ["is calling for", "said", "estimated", "has claimed"]
    assert _col(result, "article") == [article_iri(ARTICLE_2)] * 3 + [article_iri(ARTICLE_1)]


def test_query_claims_by_source_and_label(ds: Dataset) -> None:
    by_iri = run_query(ds, "claims", source=GERASIMOV)
    assert _strs(_col(by_iri, "cue")) == ["is calling for", "said"]
    assert run_query(ds, "claims", label="Valery Gerasimov").rows == by_iri.rows
    assert run_query(ds, "claims", label="Gerasimov").rows == by_iri.rows  # an alias
    officials = run_query(ds, "claims", label="US officials")
    assert _col(officials, "source") == [US_OFFICIALS]
    assert len(run_query(ds, "claims", label="Russia")) == 0  # Russia itself said nothing


def test_query_events_timeline_dated_first(ds: Dataset) -> None:
    result = run_query(ds, "events")
    assert len(result) == 11
    assert _strs(_col(result, "date")) == ["2015", "2017-09", "2017-09-15"] + [None] * 8
    assert _strs(_col(result, "trigger")) == [
        "intervened", "entered", "guards",
        # undated: article by article, in text order
        "calling", "dialogue", "operations", "said", "estimated", "strikes",
        "claimed", "scored",
    ]


def test_query_events_row_fields(ds: Dataset) -> None:
    rows = {str(r["trigger"]): r for r in _records(run_query(ds, "events"))}
    guards = rows["guards"]  # the trigger as written; its lemma "guard" is nkg:trigger
    assert guards["class"] == NKG.Event
    assert guards["factualityLabel"] == Literal("asserted")
    assert guards["date"] == Literal("2017-09-15", datatype=XSD.date)
    assert guards["agents"] == Literal("Russian soldier")  # a described source
    assert guards["places"] == Literal("Palmyra")
    assert str(guards["sentence"]).startswith("In this Friday, Sept. 15, 2017 photo a Russian soldier guards")
    assert rows["dialogue"]["participants"] == Literal("United States")
    assert rows["dialogue"]["factualityLabel"] == Literal("possible")
    assert rows["strikes"]["patients"] == Literal("ISIS")
    assert rows["entered"]["agents"] == Literal("Syrian Civil War")
    # "estimated" is both the claim's cue and the event's trigger: one mention, one event row
    assert str(rows["estimated"]["sentence"]).startswith("US officials estimated")


def test_query_events_type_includes_subclasses(ds: Dataset) -> None:
    def triggers(**params: object) -> set[str]:
        return {str(t) for t in _col(run_query(ds, "events", **params), "trigger")}  # type: ignore[arg-type]

    assert triggers(type=NKG.Statement) == {"claimed", "calling", "said", "estimated"}
    assert triggers(type=NKG.Conflict) == {"intervened", "strikes", "operations"}  # ⊒ MilitaryOperation
    assert triggers(type=NKG.MilitaryOperation) == {"operations"}
    assert len(triggers(type=NKG.Event)) == len(run_query(ds, "events")) == 11
    assert triggers(type=NKG.Person) == set()  # an entity class, not an event class


def test_query_events_factuality(ds: Dataset) -> None:
    possible = run_query(ds, "events", factuality=NKG.Possible)
    assert {str(t) for t in _col(possible, "trigger")} == {"dialogue", "operations"}
    assert set(_strs(_col(possible, "factualityLabel"))) == {"possible"}
    both = run_query(ds, "events", factuality=NKG.Possible, type=NKG.Meeting)
    assert _strs(_col(both, "trigger")) == ["dialogue"]
    assert len(run_query(ds, "events", factuality=NKG.Negated)) == 0
    on_graph = run_query(build_graph(), "events", factuality=NKG.Possible)
    assert on_graph.rows == possible.rows


def test_query_activity_of_a_person(ds: Dataset) -> None:
    rows = _records(run_query(ds, "activity", label="Putin"))
    assert {r["entity"] for r in rows} == {PUTIN}
    assert [(str(r["relation"]), str(r["cue"])) for r in rows] == [
        ("member of", "President"), ("source of claim", "has claimed"), ("agent", "claimed")
    ]
    member, claim, event = rows
    assert member["class"] == URIRef("http://www.w3.org/ns/org#Membership")
    assert member["text"] == Literal("President of Russia")
    assert claim["class"] == NKG.Claim
    assert str(claim["text"]).startswith("a “complete victory”")
    assert claim["date"] == Literal("2017-12-07", datatype=XSD.date)
    assert event["class"] == NKG.Statement and event["factualityLabel"] == Literal("asserted")
    assert all(str(r["sentence"]).startswith("Russian President Vladimir Putin") for r in rows)
    assert run_query(ds, "activity", entity=PUTIN).rows == run_query(ds, "activity", label="Putin").rows


def test_query_activity_counts_affiliated_described_sources(ds: Dataset) -> None:
    us = entity_iri(ARTICLE_2, "place/united-states")
    rows = _records(run_query(ds, "activity", entity=us))
    assert {(str(r["relation"]), str(r["cue"]), r["via"]) for r in rows} == {
        ("participant", "dialogue", None),
        ("source of claim", "estimated", Literal("US officials")),
        ("agent", "estimated", Literal("US officials")),
    }
    russia = _records(run_query(ds, "activity", label="Russia"))  # one entity per article
    assert {r["entity"] for r in russia} == {
        entity_iri(ARTICLE_1, "place/russia"), entity_iri(ARTICLE_2, "place/russia")
    }
    intervened = next(r for r in russia if str(r["cue"]) == "intervened")
    assert intervened["relation"] == Literal("agent")
    assert intervened["date"] == Literal("2015", datatype=XSD.gYear)
    # places count as activity too
    palmyra = _records(run_query(ds, "activity", label="Palmyra"))
    assert [(str(r["relation"]), str(r["cue"])) for r in palmyra] == [("place", "guards")]


def test_query_activity_lists_entities_not_described_sources(ds: Dataset) -> None:
    result = run_query(ds, "activity")
    labels = {str(x) for x in _col(result, "entityLabel")}
    assert {"Vladimir Putin", "Valery Gerasimov", "Russia", "United States", "ISIS"} <= labels
    assert "US officials" not in labels and "Russian soldier" not in labels
    assert len(run_query(ds, "activity", label="US officials")) == 0


@pytest.mark.parametrize("name", ["claims", "activity", "mentions"])
@pytest.mark.parametrize("label", HOSTILE_LABELS)
def test_query_hostile_label_matches_nothing(name: str, label: str, ds: Dataset) -> None:
    assert len(run_query(ds, name, label=label)) == 0
    _, value = parse_param(f"label={label}")
    assert len(run_query(ds, name, label=value)) == 0


@pytest.fixture(scope="module")
def store(ds: Dataset, tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """The fixture in an Oxigraph store: there parameters are bound as a VALUES block."""
    graph_store = GraphStore(tmp_path_factory.mktemp("store") / "store")
    graph_store.put(ds)
    return graph_store


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("claims", {}),
        ("claims", {"label": Literal("Gerasimov")}),
        ("claims", {"source": US_OFFICIALS}),
        ("claims", {"label": Literal(HOSTILE_LABELS[0])}),
        ("events", {}),
        ("events", {"type": NKG.Conflict}),
        ("events", {"factuality": NKG.Possible, "type": NKG.Meeting}),
        ("activity", {}),
        ("activity", {"label": Literal("Putin")}),
        ("activity", {"entity": entity_iri(ARTICLE_2, "place/united-states")}),
        ("activity", {"label": Literal(HOSTILE_LABELS[0])}),
        ("entities", {}),
        ("entities", {"type": NKG.Place}),
        ("timeline", {}),
        ("timeline", {"article": article_iri(ARTICLE_2)}),
        ("comention", {}),
    ],
)
def test_query_same_rows_with_values_binding(name: str, params: dict[str, object], ds: Dataset,
                                             store: GraphStore) -> None:
    # A parameter must act the same through initBindings (rdflib) and a VALUES block (Oxigraph).
    assert store.query(name, **params).rows == run_query(ds, name, **params).rows  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "params", [{}, {"label": Literal("Putin")}, {"entity": PUTIN}, {"label": Literal(HOSTILE_LABELS[0])}]
)
def test_query_mentions_same_rows_with_values_binding(params: dict[str, object], ds: Dataset,
                                                      store: GraphStore) -> None:
    # Compared as text: a store gives nif:beginIndex back as xsd:integer, rdflib as stored.
    def text(result: QueryResult) -> list[list[str | None]]:
        return [[None if v is None else str(v) for v in row] for row in result.rows]

    on_store, on_rdflib = store.query("mentions", **params), run_query(ds, "mentions", **params)  # type: ignore[arg-type]
    assert on_store.columns == on_rdflib.columns
    assert text(on_store) == text(on_rdflib)


def test_query_union_counts_shared_nodes_once(ds: Dataset, tmp_path: Path) -> None:
    # <id/time/2017-12-07> lives in both article graphs; the union must not double its triples.
    rq = tmp_path / "shared.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?time ?p ?o }\n", encoding="utf-8")
    result = run_query(ds, str(rq), time=ID["time/2017-12-07"])
    assert result.name == "shared"
    assert result.rows == [(Literal(3),)]  # rdf:type, time:inXSDDate, sem:hasTimeStamp


# --- parameters ------------------------------------------------------------------------------

def test_query_params_are_bound_not_spliced(ds: Dataset) -> None:
    hostile = 'Putin" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    assert run_query(ds, "mentions", label=hostile).rows == []
    assert run_query(ds, "entities", type=f"<{hostile}>").rows == []
    assert len(run_query(ds, "mentions", label="Putin")) == 2  # the graph is untouched


def test_query_unknown_param_is_usage_error(ds: Dataset) -> None:
    with pytest.raises(UsageError, match="no parameter 'nope'.*its parameters: type"):
        run_query(ds, "entities", nope="x")
    with pytest.raises(UsageError, match="it takes none"):
        run_query(ds, "places", type=NKG.Place)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entity=<https://w3id.org/newskg/id/x>", URIRef("https://w3id.org/newskg/id/x")),
        ("entity=https://w3id.org/newskg/id/x", URIRef("https://w3id.org/newskg/id/x")),
        ("entity=urn:isbn:123", URIRef("urn:isbn:123")),
        ("type=nkg:Person", NKG.Person),
        ("type=schema:Person", URIRef("https://schema.org/Person")),
        ("label=Vladimir Putin", Literal("Vladimir Putin")),
        ("label=2017", Literal("2017")),
        ('label="nkg:Person"', Literal("nkg:Person")),
        ('label="a = b"', Literal("a = b")),
        ("label=a=b", Literal("a=b")),
        ('label="Putin"@en', Literal("Putin", lang="en")),
        ('n="42"^^xsd:integer', Literal(42)),
        ('label=""', Literal("")),
    ],
)
def test_query_parse_param_values(text: str, expected: object) -> None:
    name, value = parse_param(text)
    assert name == text.split("=", 1)[0]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text", ["label", "=Putin", "1abc=x", "a-b=x", "label=", "type=nk:Person", "e=<not an iri>"]
)
def test_query_parse_param_rejects_bad_input(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_param(text)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 2


# --- errors ----------------------------------------------------------------------------------

def test_query_unknown_name_lists_known(ds: Dataset) -> None:
    with pytest.raises(QueryError) as info:
        run_query(ds, "nonesuch")
    message = str(info.value)
    assert message.startswith("Unknown query 'nonesuch'. Known queries: ")
    assert all(name in message for name in EXPECTED_QUERIES)


def test_query_missing_file_is_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="does not exist"):
        load_query(str(tmp_path / "missing.rq"))


def test_query_invalid_file_is_one_line_query_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# broken\nSELECT ?x WHERE {\n  ?x ?y\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        load_query(str(bad))
    message = str(info.value)
    assert message.startswith("Query 'bad' is not valid SPARQL: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    "text",
    [
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    ],
)
def test_query_file_must_be_local_select(text: str, tmp_path: Path) -> None:
    rq = tmp_path / "other.rq"
    rq.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError):
        load_query(str(rq))


def test_query_file_may_use_known_prefixes_undeclared(ds: Dataset, tmp_path: Path) -> None:
    rq = tmp_path / "people.rq"
    rq.write_text("SELECT ?p WHERE { ?p a nkg:Person }", encoding="utf-8")
    assert len(run_query(ds, str(rq))) == 4


# --- output formats --------------------------------------------------------------------------

def test_query_json_is_sparql_results_json(ds: Dataset) -> None:
    result = run_query(ds, "articles")
    doc = json.loads(result.to_json())
    assert doc["head"]["vars"] == result.columns
    assert len(doc["results"]["bindings"]) == len(result)
    row = next(b for b in doc["results"]["bindings"] if b["article"]["value"] == str(article_iri(ARTICLE_2)))
    assert row["article"] == {"type": "uri", "value": str(article_iri(ARTICLE_2))}
    assert row["date"] == {"type": "literal", "value": "2017-12-07", "datatype": str(XSD.date)}
    assert row["headline"] == {"type": "literal", "value": "Russia Offers To Fight ISIS In Iraq"}
    assert "url" not in row  # unbound
    parsed = Result.parse(io.StringIO(result.to_json()), format="json")
    assert [tuple(r) for r in parsed] == result.rows


def test_query_csv_has_header_and_lexical_values(ds: Dataset) -> None:
    result = run_query(ds, "mentions", label="Putin")
    text = result.to_csv()
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == result.columns
    assert rows[1][:4] == [
        str(entity_iri(ARTICLE_1, "person/vladimir-putin")), "Vladimir Putin", "195", "209"
    ]
    assert len(rows) == 1 + len(result)


def test_query_table_is_aligned(ds: Dataset) -> None:
    result = run_query(ds, "entities", type=NKG.Person)
    lines = result.to_table().splitlines()
    assert lines[0].split() == result.columns
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(result)
    # each column starts where its header starts; the count column is right-aligned
    start = lines[0].index("label")
    assert all(line[start - 2 : start] == "  " for line in lines[2:])
    assert all(line.endswith(("1", "2")) for line in lines[2:])
    assert "nkg:Person" in lines[2]


def test_query_table_keeps_rows_on_one_line() -> None:
    result = QueryResult("x", ["a", "b"], [(Literal("one\ntwo"), None), (URIRef("https://example.org/" + "z" * 100), Literal(3))])
    lines = result.to_table(max_width=20).splitlines()
    assert len(lines) == 4
    assert lines[2].startswith("one two")
    assert lines[3].startswith("…") and "…" + "z" * 19 in lines[3]
    assert "z" * 100 in result.to_table(max_width=None)


def test_query_render_dispatches_formats(ds: Dataset) -> None:
    result = run_query(ds, "places")
    assert result.render("csv") == result.to_csv()
    assert result.render("json") == result.to_json()
    assert result.render("table") == result.to_table()
    with pytest.raises(UsageError):
        result.render("xml")


# --- reading graphs --------------------------------------------------------------------------

@pytest.mark.parametrize(("suffix", "fmt"), [(".trig", "trig"), (".nq", "nquads")])
def test_query_load_graph_keeps_named_graphs(suffix: str, fmt: str, ds: Dataset, tmp_path: Path) -> None:
    path = tmp_path / f"graph{suffix}"
    ds.serialize(path, format=fmt)
    loaded = load_graph(path)
    assert len({g for *_, g in loaded.quads()}) == 2
    assert run_query(loaded, "mentions", label="Vladimir Putin").rows == run_query(
        ds, "mentions", label="Vladimir Putin"
    ).rows


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")])
def test_query_load_graph_reads_triple_formats(suffix: str, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph{suffix}"
    flat: Graph = build_graph()
    flat.serialize(path, format=fmt, encoding="utf-8")
    loaded = load_graph(path)
    assert len(run_query(loaded, "articles")) == 2


def test_query_load_graph_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_graph(tmp_path / "missing.ttl")
    with pytest.raises(InputError, match="RDF format"):
        load_graph(tmp_path / "graph.xyz")
    folder = tmp_path / "out.ttl"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        load_graph(folder)
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no triples"):
        load_graph(empty)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n@@@\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_graph(broken)
    assert "\n" not in str(info.value)
    assert "broken.ttl" in str(info.value)


def test_fill_slots_binds_only_the_given_parameters_outside_comments_and_strings() -> None:
    from graph.sparql.remote import fill_slots

    text = (
        'SELECT * WHERE {\n'
        '  # VALUES ?article { UNDEF } in a comment stays\n'
        '  { VALUES ?article { UNDEF } ?article ?p "VALUES ?article { UNDEF }" }\n'
        '  UNION { values ?article {UNDEF} ?article ?q ?o }\n'
        '  { VALUES ?other { UNDEF } ?other ?r ?s }\n'
        '}\n'
    )
    filled = fill_slots(text, {"article": URIRef("https://example.org/a")})
    assert filled.count("VALUES ?article { <https://example.org/a> }") == 2
    assert "# VALUES ?article { UNDEF } in a comment stays" in filled
    assert '"VALUES ?article { UNDEF }"' in filled
    assert "VALUES ?other { UNDEF }" in filled
    assert fill_slots(text, {}) == text


def test_binding_slots_keep_the_rows(ds: Dataset) -> None:
    # A slot is a no-op join when empty and the same join as the top-level VALUES when filled:
    # the rows of the example with and without slots in the query must be the same.
    from graph.sparql.remote import with_safe_values

    _, text = load_query("timeline")
    assert "VALUES ?article { UNDEF }" in text
    bare = text.replace("VALUES ?article { UNDEF }", "")
    article = article_iri(ARTICLE_2)
    ds = Dataset(store=ds.store, default_union=True)
    for bindings in ({}, {"article": article}):
        with_slots = ds.query(with_safe_values(text, bindings))
        without = ds.query(with_safe_values(bare, bindings))
        assert list(with_slots) == list(without)
    assert len(list(ds.query(with_safe_values(text, {"article": article})))) > 0


def test_fill_slots_activates_parameter_lines_with_the_value_written_in() -> None:
    from graph.sparql.remote import encode_term, fill_slots

    text = (
        "SELECT * WHERE {\n"
        "  #?label ?s rdfs:label ?label . ?s ?p ?labelled .\n"
        "    #?other ?s ?q ?other\n"
        "  ?s ?p ?o\n"
        "}\n"
    )
    hostile = Literal('x" } ; DROP ALL ; #')
    filled = fill_slots(text, {"label": hostile})
    assert "  ?s rdfs:label " + encode_term(hostile) + " . ?s ?p ?labelled .\n" in filled  # ?labelled untouched
    assert "    #?other ?s ?q ?other\n" in filled  # not given: still a comment
    assert fill_slots(text, {}) == text
    rows = Graph().query("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + filled)  # one valid query
    assert len(list(rows)) == 0
