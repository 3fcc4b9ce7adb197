"""Cross-article identity: which entities and events of a later article are ones already seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SDO

from graph.errors import InputError
from graph.identity import REGISTER_FILE, Identity
from graph.namespaces import ID, ITSRDF, NKG, SEM

KNOWN_FRANCE = ID["entity/place/france"]
KNOWN_EU = ID["entity/organization/european-union"]


def entity(article: str, kind: str, label: str, cls: URIRef) -> tuple[URIRef, list]:
    iri = ID[f"article/{article}/{kind}/{label.lower().replace(' ', '-')}"]
    mention = URIRef(f"{ID}article/{article}/text#char=0,{len(label)}")
    return iri, [(iri, RDF.type, cls), (iri, RDFS.label, Literal(label)), (mention, ITSRDF.taIdentRef, iri)]


def known(iri: URIRef, label: str, cls: URIRef) -> list:
    return [(iri, RDF.type, cls), (iri, RDFS.label, Literal(label))]


def article(name: str, *people: str, orgs: tuple[str, ...] = (), context: tuple = ()) -> tuple[dict, list]:
    iris, triples = {}, []
    for label in people:
        iri, t = entity(name, "person", label, NKG.Person)
        iris[label], triples = iri, triples + t
    for label in orgs:
        iri, t = entity(name, "organization", label, NKG.Organization)
        iris[label], triples = iri, triples + t
    for part in context:
        triples += part
    return iris, triples


def referent(triples: list, label: str) -> set[URIRef]:
    return {s for s, p, o in triples if p == RDFS.label and str(o) == label}


def test_identity_merges_a_name_with_shared_context() -> None:
    identity = Identity()
    first, t1 = article("a1", "Nicolas Sarkozy", "Hillary Clinton", orgs=("State Department",),
                        context=(known(KNOWN_FRANCE, "France", NKG.Country),))
    assert identity.resolve(t1) == t1  # nothing seen before
    second, t2 = article("a2", "Nicolas Sarkozy", "Hillary Clinton", orgs=("State Department",))
    resolved = identity.resolve(t2)
    assert referent(resolved, "Nicolas Sarkozy") == {first["Nicolas Sarkozy"]}
    assert referent(resolved, "Hillary Clinton") == {first["Hillary Clinton"]}
    # every mention kept, now pointing at the one node
    assert {o for s, p, o in resolved if p == ITSRDF.taIdentRef} == set(first.values())
    assert len(resolved) == len(t2) and identity.merged == 3


def test_identity_keeps_namesakes_in_unrelated_articles_apart() -> None:
    identity = Identity()
    a, t1 = article("a1", "John Smith", orgs=("Liverpool Football Club",))
    b, t2 = article("a2", "John Smith", orgs=("Springfield Bakery",))
    identity.resolve(t1)
    assert referent(identity.resolve(t2), "John Smith") == {b["John Smith"]}
    # a shared country alone (0.5) is not enough either
    c, t3 = article("a3", "John Smith", context=(known(KNOWN_FRANCE, "France", NKG.Country),))
    d, t4 = article("a4", "John Smith", context=(known(KNOWN_FRANCE, "France", NKG.Country),))
    identity.resolve(t3)
    assert referent(identity.resolve(t4), "John Smith") == {d["John Smith"]}


def test_identity_counts_a_shared_affiliation_double() -> None:
    identity = Identity()
    a, t1 = article("a1", "Jane Roe", context=(known(KNOWN_EU, "European Union", NKG.Organization),))
    t1.append((a["Jane Roe"], SDO.affiliation, KNOWN_EU))
    identity.resolve(t1)
    b, t2 = article("a2", "Jane Roe", context=(known(KNOWN_EU, "European Union", NKG.Organization),))
    t2.append((b["Jane Roe"], SDO.affiliation, KNOWN_EU))
    assert referent(identity.resolve(t2), "Jane Roe") == {a["Jane Roe"]}
    # co-mentioned with the EU but not affiliated with it: one point, not enough
    c, t3 = article("a3", "Jane Roe", context=(known(KNOWN_EU, "European Union", NKG.Organization),))
    identity2 = Identity()
    identity2.resolve(article("a0", "Jane Roe", context=(known(KNOWN_EU, "European Union", NKG.Organization),))[1])
    assert referent(identity2.resolve(t3), "Jane Roe") == {c["Jane Roe"]}


def test_identity_never_merges_a_one_word_person() -> None:
    identity = Identity()
    _, t1 = article("a1", "Madonna", "Hillary Clinton", "Nicolas Sarkozy")
    identity.resolve(t1)
    b, t2 = article("a2", "Madonna", "Hillary Clinton", "Nicolas Sarkozy")
    assert referent(identity.resolve(t2), "Madonna") == {b["Madonna"]}


def test_identity_keeps_two_nodes_of_one_article_two() -> None:
    identity = Identity()
    a, t1 = article("a1", "John Smith", "Hillary Clinton", "Nicolas Sarkozy")
    identity.resolve(t1)
    b, t2 = article("a2", "John Smith", "Hillary Clinton", "Nicolas Sarkozy")
    twin, extra = entity("a2", "person", "John Smith-2", NKG.Person)
    t2 += [(twin, RDF.type, NKG.Person), (twin, RDFS.label, Literal("John Smith"))]
    resolved = identity.resolve(t2)
    assert len(referent(resolved, "John Smith")) == 2 and a["John Smith"] in referent(resolved, "John Smith")


def event(article: str, cls: URIRef, day: str, actor: URIRef, factuality: URIRef = NKG.Asserted) -> tuple[URIRef, list]:
    iri = ID[f"article/{article}/event/10-strike"]
    time = ID[f"time/{day}"]
    return iri, [(iri, RDF.type, cls), (iri, NKG.factuality, factuality), (iri, SEM.hasTime, time),
                 (time, SEM.hasTimeStamp, Literal(day)), (iri, NKG.agent, actor),
                 (URIRef(f"{ID}article/{article}/text#char=10,16"), ITSRDF.taIdentRef, iri)]


@pytest.mark.parametrize(("cls", "day", "actor", "factuality", "merged"), [
    (NKG.MilitaryOperation, "2017-09-15", KNOWN_FRANCE, NKG.Asserted, True),
    (NKG.Conflict, "2017-09-15", KNOWN_FRANCE, NKG.Asserted, False),  # another type
    (NKG.MilitaryOperation, "2017-09-16", KNOWN_FRANCE, NKG.Asserted, False),  # another day
    (NKG.MilitaryOperation, "2017-09-15", KNOWN_EU, NKG.Asserted, False),  # no shared participant
    (NKG.MilitaryOperation, "2017-09-15", KNOWN_FRANCE, NKG.Possible, False),  # not the same claim
])
def test_identity_merges_events_of_one_type_day_and_participant(cls: URIRef, day: str, actor: URIRef,
                                                                 factuality: URIRef, merged: bool) -> None:
    identity = Identity()
    first, t1 = event("a1", NKG.MilitaryOperation, "2017-09-15", KNOWN_FRANCE)
    identity.resolve(t1)
    second, t2 = event("a2", cls, day, actor, factuality)
    resolved = identity.resolve(t2)
    subjects = {s for s, p, o in resolved if p == RDF.type}
    assert subjects == ({first} if merged else {second})


def test_identity_leaves_events_dated_to_a_month_or_year_alone() -> None:
    identity = Identity()
    identity.resolve(event("a1", NKG.MilitaryOperation, "2017-09", KNOWN_FRANCE)[1])
    second, t2 = event("a2", NKG.MilitaryOperation, "2017-09", KNOWN_FRANCE)
    assert {s for s, p, o in identity.resolve(t2) if p == RDF.type} == {second}


def test_identity_register_round_trips(tmp_path: Path) -> None:
    identity = Identity()
    a, t1 = article("a1", "Nicolas Sarkozy", "Hillary Clinton", "Angela Merkel")
    identity.resolve(t1)
    identity.resolve(event("a1", NKG.MilitaryOperation, "2017-09-15", KNOWN_FRANCE)[1])
    identity.save(tmp_path)
    again = Identity.load(tmp_path)
    assert again.to_json() == identity.to_json()
    _, t2 = article("a2", "Nicolas Sarkozy", "Hillary Clinton", "Angela Merkel")
    assert referent(again.resolve(t2), "Nicolas Sarkozy") == {a["Nicolas Sarkozy"]}
    assert Identity.load(tmp_path / "missing").to_json()["entities"] == {}
    (tmp_path / REGISTER_FILE).write_text(json.dumps({"entities": {"person|X Y": [["only-one-field"]]}}))
    with pytest.raises(InputError, match="is damaged"):
        Identity.load(tmp_path)
