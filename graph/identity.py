"""Cross-article identity: the same person, organisation, place or event in several articles
becomes one node, every mention kept in its own article's named graph.

Entities the gazetteers know already have one IRI everywhere (``id/entity/...``). The others
are named per article (``id/article/KEY/person/john-smith``); this stage decides, article by
article as they are built, whether such an entity is one already seen, and if so gives it that
entity's IRI (the IRI of the article that first named it). It is conservative on purpose:

* the canonical names (``rdfs:label``, after the article's own alias merging) must be equal and
  of the same class, a person's of two words or more (a lone "Smith" is never merged);
* and the two articles must share context: an affiliation of the entity (2 points), another
  person, organisation or event named in both (1 point each) or a place (0.5), 2 points in all.
  Two John Smiths in unrelated articles share nothing and stay two nodes.

Events merge only when they have the same class, the same factuality, the same day
(``sem:hasTime`` at day precision) and a shared agent, patient or participant (after the entity
merges), as two reports of one strike or one statement.

The decisions depend only on the articles seen before, so a streaming build can write each
article at once: nothing already written is rewritten. ``kg build --store`` keeps the register
in the store folder (``newskg-identity.json``) so that articles added later join the same nodes.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from .atomic import atomic_write

Triple = tuple[URIRef, URIRef, URIRef | Literal]

REGISTER_FILE = "newskg-identity.json"
THRESHOLD = 2.0
WEIGHTS = {"a": 2.0, "n": 1.0, "k": 1.0, "p": 0.5}  # affiliation, named, known named, place


@dataclass(frozen=True)
class EntityFacts:
    """What identity needs of one entity of an article (the mapper fills it in)."""

    iri: str
    kind: str  # "person", "organization", "place", "country" or "event"
    label: str
    known: bool  # a gazetteer entity: its IRI is the same in every article already
    affiliations: tuple[int, ...] = ()  # indices of the article's entities it belongs to


@dataclass(frozen=True)
class EventFacts:
    iri: str
    cls: str
    factuality: str
    day: str | None  # YYYY-MM-DD when the text dates it to the day
    actors: frozenset[str]  # agents, patients and participants, as already resolved


@dataclass
class _Cluster:
    iri: str
    context: set[str] = field(default_factory=set)


@dataclass
class Identity:
    """The register of entities and events seen so far, asked one article at a time."""

    entities: dict[str, list[_Cluster]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[_Cluster]] = field(default_factory=lambda: defaultdict(list))
    merged: int = 0  # nodes that joined one from an earlier article

    def entity_renames(self, facts: list[EntityFacts]) -> dict[str, str]:
        """For one article's entities: the IRI each one already seen has (only those differing)."""
        keys = [_context_key(f) for f in facts]
        renames: dict[str, str] = {}
        fresh: list[tuple[str, _Cluster]] = []
        taken: set[str] = set()
        for i, f in enumerate(facts):
            if f.known or not f.label or (f.kind == "person" and len(f.label.split()) < 2):
                continue
            name = f"{f.kind}|{f.label}"
            context = {k for j, k in enumerate(keys) if j != i}
            context |= {"a:" + keys[j] for j in f.affiliations}
            cluster = _best([c for c in self.entities.get(name, []) if c.iri not in taken], context)
            if cluster is None:
                fresh.append((name, _Cluster(f.iri, context)))
                continue
            taken.add(cluster.iri)  # two entities of one article stay two
            if cluster.iri != f.iri:
                renames[f.iri] = cluster.iri
            cluster.context |= context
        for name, cluster in fresh:  # registered after the article: no merges within one article
            self.entities[name].append(cluster)
        self.merged += len(renames)
        return renames

    def event_renames(self, facts: list[EventFacts]) -> dict[str, str]:
        """For one article's events (actors already resolved): the IRI of each one already seen."""
        renames: dict[str, str] = {}
        fresh: list[tuple[str, _Cluster]] = []
        taken: set[str] = set()
        for f in facts:
            if f.day is None or not f.actors:
                continue
            key = f"{f.cls}|{f.factuality}|{f.day}"
            cluster = next((c for c in self.events.get(key, []) if c.context & f.actors and c.iri not in taken), None)
            if cluster is None:
                fresh.append((key, _Cluster(f.iri, set(f.actors))))
                continue
            taken.add(cluster.iri)
            if cluster.iri != f.iri:
                renames[f.iri] = cluster.iri
            cluster.context |= f.actors
        for key, cluster in fresh:
            self.events[key].append(cluster)
        self.merged += len(renames)
        return renames

    def renames(self, entities: list[EntityFacts], events: list[EventFacts]) -> dict[str, str]:
        """For one article mapped without identity (on a Dask worker): the IRIs to rename."""
        renames = self.entity_renames(entities)
        events = [EventFacts(e.iri, e.cls, e.factuality, e.day, frozenset(renames.get(a, a) for a in e.actors))
                  for e in events]
        renames.update(self.event_renames(events))
        return renames

    def resolve(self, triples: list[Triple], entities: list[EntityFacts],
                events: list[EventFacts]) -> list[Triple]:
        """Triples mapped without identity, renamed as this register says."""
        return apply_renames(triples, self.renames(entities, events))

    # -- persistence -------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"version": 1,
                "entities": {k: [[c.iri, sorted(c.context)] for c in v] for k, v in sorted(self.entities.items())},
                "events": {k: [[c.iri, sorted(c.context)] for c in v] for k, v in sorted(self.events.items())}}

    @classmethod
    def from_json(cls, data: dict) -> Identity:
        identity = cls()
        for target, part in ((identity.entities, "entities"), (identity.events, "events")):
            for key, clusters in data.get(part, {}).items():
                target[key] = [_Cluster(iri, set(context)) for iri, context in clusters]
        return identity

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None) -> Identity:
        """The register kept in a store folder (an empty one when there is none yet, or no store)."""
        if folder is None:
            return cls()
        path = Path(folder) / REGISTER_FILE
        if not path.is_file():
            return cls()
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, AttributeError):
            from .errors import InputError

            raise InputError(f"The identity register '{path}' is damaged; remove it to start a new one.") from None

    def save(self, folder: str | os.PathLike[str]) -> None:
        atomic_write(Path(folder) / REGISTER_FILE, json.dumps(self.to_json(), ensure_ascii=False))


def apply_renames(triples: list[Triple], renames: dict[str, str]) -> list[Triple]:
    """``triples`` with each IRI of ``renames`` replaced by the one it maps to."""
    if not renames:
        return triples
    iris = {URIRef(k): URIRef(v) for k, v in renames.items()}
    return [(iris.get(s, s), p, iris.get(o, o) if isinstance(o, URIRef) else o) for s, p, o in triples]


def _context_key(f: EntityFacts) -> str:
    place = f.kind in ("place", "country")
    if f.known:
        return ("p:" if place else "k:") + f.iri
    return ("p:" if place else "n:") + f"{f.kind}|{f.label}"


def _score(shared: set[str]) -> float:
    return sum(WEIGHTS[key[0]] for key in shared)


def _best(clusters: list[_Cluster], context: set[str]) -> _Cluster | None:
    scored = [(_score(c.context & context), -i, c) for i, c in enumerate(clusters)]
    scored = [s for s in scored if s[0] >= THRESHOLD]
    return max(scored, key=lambda s: s[:2])[2] if scored else None
