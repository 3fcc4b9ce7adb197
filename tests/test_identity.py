"""Cross-article identity: which entities and events of a later article are ones already seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graph.errors import InputError
from graph.identity import REGISTER_FILE, EntityFacts, EventFacts, Identity

FRANCE = EntityFacts("id/entity/place/france", "country", "France", True)
EU = EntityFacts("id/entity/organization/european-union", "organization", "European Union", True)


def article(name: str, *people: str, orgs: tuple[str, ...] = (), context: tuple[EntityFacts, ...] = (),
            affiliated: dict[str, int] | None = None) -> list[EntityFacts]:
    """An article's entities: people and organisations named per article, then known ones."""
    facts = [EntityFacts(f"id/article/{name}/person/{p}", "person", p, False) for p in people]
    facts += [EntityFacts(f"id/article/{name}/organization/{o}", "organization", o, False) for o in orgs]
    facts += list(context)
    for label, index in (affiliated or {}).items():
        i = next(n for n, f in enumerate(facts) if f.label == label)
        facts[i] = EntityFacts(facts[i].iri, facts[i].kind, label, False, (index,))
    return facts


def renamed(identity: Identity, facts: list[EntityFacts], label: str) -> str:
    """The IRI the article's entity named ``label`` ends up with."""
    iri = next(f.iri for f in facts if f.label == label)
    return identity.entity_renames(facts).get(iri, iri)


def test_identity_merges_a_name_with_shared_context() -> None:
    identity = Identity()
    first = article("a1", "Nicolas Sarkozy", "Hillary Clinton", orgs=("State Department",), context=(FRANCE,))
    assert identity.entity_renames(first) == {}  # nothing seen before
    second = article("a2", "Nicolas Sarkozy", "Hillary Clinton", orgs=("State Department",))
    assert identity.entity_renames(second) == {
        "id/article/a2/person/Nicolas Sarkozy": "id/article/a1/person/Nicolas Sarkozy",
        "id/article/a2/person/Hillary Clinton": "id/article/a1/person/Hillary Clinton",
        "id/article/a2/organization/State Department": "id/article/a1/organization/State Department",
    }
    assert identity.merged == 3


def test_identity_keeps_namesakes_in_unrelated_articles_apart() -> None:
    identity = Identity()
    identity.entity_renames(article("a1", "John Smith", orgs=("Liverpool Football Club",)))
    assert renamed(identity, article("a2", "John Smith", orgs=("Springfield Bakery",)), "John Smith") == \
        "id/article/a2/person/John Smith"
    # a shared country alone (0.5) is not enough either
    identity.entity_renames(article("a3", "John Smith", context=(FRANCE,)))
    assert renamed(identity, article("a4", "John Smith", context=(FRANCE,)), "John Smith") == "id/article/a4/person/John Smith"


def test_identity_counts_a_shared_affiliation_double() -> None:
    identity = Identity()
    identity.entity_renames(article("a1", "Jane Roe", context=(EU,), affiliated={"Jane Roe": 1}))
    assert renamed(identity, article("a2", "Jane Roe", context=(EU,), affiliated={"Jane Roe": 1}), "Jane Roe") == \
        "id/article/a1/person/Jane Roe"
    # co-mentioned with the EU but not affiliated with it: one point, not enough
    other = Identity()
    other.entity_renames(article("a1", "Jane Roe", context=(EU,)))
    assert renamed(other, article("a2", "Jane Roe", context=(EU,)), "Jane Roe") == "id/article/a2/person/Jane Roe"


def test_identity_never_merges_a_one_word_person_or_a_known_entity() -> None:
    identity = Identity()
    identity.entity_renames(article("a1", "Madonna", "Hillary Clinton", "Nicolas Sarkozy", context=(FRANCE,)))
    renames = identity.entity_renames(article("a2", "Madonna", "Hillary Clinton", "Nicolas Sarkozy", context=(FRANCE,)))
    assert "id/article/a2/person/Madonna" not in renames and FRANCE.iri not in renames
    assert "id/article/a2/person/Hillary Clinton" in renames


def test_identity_keeps_two_nodes_of_one_article_two() -> None:
    identity = Identity()
    identity.entity_renames(article("a1", "John Smith", "Hillary Clinton", "Nicolas Sarkozy"))
    second = article("a2", "John Smith", "Hillary Clinton", "Nicolas Sarkozy")
    second.append(EntityFacts("id/article/a2/person/john-smith-2", "person", "John Smith", False))
    renames = identity.entity_renames(second)
    targets = [renames.get(f.iri, f.iri) for f in second if f.label == "John Smith"]
    assert len(set(targets)) == 2 and "id/article/a1/person/John Smith" in targets


def event(article: str, cls: str, day: str | None, actor: str, factuality: str = "asserted") -> EventFacts:
    return EventFacts(f"id/article/{article}/event/10-strike", cls, factuality, day, frozenset({actor}))


@pytest.mark.parametrize(("cls", "day", "actor", "factuality", "merged"), [
    ("MilitaryOperation", "2017-09-15", FRANCE.iri, "asserted", True),
    ("Conflict", "2017-09-15", FRANCE.iri, "asserted", False),  # another type
    ("MilitaryOperation", "2017-09-16", FRANCE.iri, "asserted", False),  # another day
    ("MilitaryOperation", "2017-09-15", EU.iri, "asserted", False),  # no shared participant
    ("MilitaryOperation", "2017-09-15", FRANCE.iri, "possible", False),  # not the same claim
    ("MilitaryOperation", None, FRANCE.iri, "asserted", False),  # dated to a month or year, or not at all
])
def test_identity_merges_events_of_one_type_day_and_participant(cls: str, day: str | None, actor: str,
                                                                 factuality: str, merged: bool) -> None:
    identity = Identity()
    identity.event_renames([event("a1", "MilitaryOperation", "2017-09-15", FRANCE.iri)])
    renames = identity.event_renames([event("a2", cls, day, actor, factuality)])
    assert renames == ({"id/article/a2/event/10-strike": "id/article/a1/event/10-strike"} if merged else {})


def test_identity_resolve_renames_triples_mapped_elsewhere() -> None:
    """As for a Dask worker's triples: entities first, then events with their actors renamed."""
    from rdflib import Literal, URIRef

    identity = Identity()
    first = article("a1", "Nicolas Sarkozy", "Hillary Clinton", "Angela Merkel")
    identity.resolve([], first, [EventFacts("e1", "Meeting", "asserted", "2009-03-02", frozenset({first[0].iri}))])
    second = article("a2", "Nicolas Sarkozy", "Hillary Clinton", "Angela Merkel")
    triples = [(URIRef("e2"), URIRef("urn:agent"), URIRef(second[0].iri)),
               (URIRef(second[0].iri), URIRef("urn:label"), Literal("Nicolas Sarkozy"))]
    resolved = identity.resolve(triples, second, [EventFacts("e2", "Meeting", "asserted", "2009-03-02",
                                                             frozenset({second[0].iri}))])
    assert resolved == [(URIRef("e1"), URIRef("urn:agent"), URIRef(first[0].iri)),
                        (URIRef(first[0].iri), URIRef("urn:label"), Literal("Nicolas Sarkozy"))]


def test_identity_register_round_trips(tmp_path: Path) -> None:
    identity = Identity()
    identity.entity_renames(article("a1", "Nicolas Sarkozy", "Hillary Clinton", "Angela Merkel"))
    identity.event_renames([event("a1", "MilitaryOperation", "2017-09-15", FRANCE.iri)])
    identity.save(tmp_path)
    again = Identity.load(tmp_path)
    assert again.to_json() == identity.to_json()
    second = article("a2", "Nicolas Sarkozy", "Hillary Clinton", "Angela Merkel")
    assert renamed(again, second, "Nicolas Sarkozy") == "id/article/a1/person/Nicolas Sarkozy"
    assert Identity.load(tmp_path / "missing").to_json()["entities"] == {}
    (tmp_path / REGISTER_FILE).write_text(json.dumps({"entities": {"person|X Y": [["only-one-field"]]}}))
    with pytest.raises(InputError, match="is damaged"):
        Identity.load(tmp_path)
