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

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SDO

from .atomic import atomic_write
from .namespaces import ID, NKG, SEM

Triple = tuple[URIRef, URIRef, URIRef | Literal]

ENTITY_CLASSES = {NKG.Person: "person", NKG.Organization: "organization", NKG.Place: "place",
                  NKG.NamedEvent: "event", NKG.Country: "place"}
ACTOR_PROPERTIES = (NKG.agent, NKG.patient, NKG.participant)
KNOWN = str(ID["entity/"])
TIME = str(ID["time/"])
REGISTER_FILE = "newskg-identity.json"
THRESHOLD = 2.0
WEIGHTS = {"a": 2.0, "n": 1.0, "k": 1.0, "p": 0.5}  # affiliation, named, known named, place


@dataclass
class _Cluster:
    iri: str
    context: set[str] = field(default_factory=set)


@dataclass
class Identity:
    """The register of entities and events seen so far; :meth:`resolve` one article at a time."""

    entities: dict[str, list[_Cluster]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[_Cluster]] = field(default_factory=lambda: defaultdict(list))
    merged: int = 0  # nodes that joined one from an earlier article

    def resolve(self, triples: list[Triple]) -> list[Triple]:
        """The article's triples with its entities and events renamed to the nodes they are."""
        renames = self._entity_renames(triples)
        if renames:
            triples = [(renames.get(s, s), p, renames.get(o, o) if isinstance(o, URIRef) else o)
                       for s, p, o in triples]
        events = self._event_renames(triples)
        if events:
            triples = [(events.get(s, s), p, events.get(o, o) if isinstance(o, URIRef) else o)
                       for s, p, o in triples]
        self.merged += len(renames) + len(events)
        return triples

    # -- entities ----------------------------------------------------------------------------
    def _entity_renames(self, triples: list[Triple]) -> dict[URIRef, URIRef]:
        kinds: dict[URIRef, str] = {}
        labels: dict[URIRef, str] = {}
        affiliations: dict[URIRef, set[URIRef]] = defaultdict(set)
        for s, p, o in triples:
            if p == RDF.type and o in ENTITY_CLASSES:
                kinds[s] = "country" if o == NKG.Country else ENTITY_CLASSES[o]  # type: ignore[index]
            elif p == RDFS.label and isinstance(o, Literal):
                labels[s] = str(o)
            elif p == SDO.affiliation and isinstance(o, URIRef):
                affiliations[s].add(o)
        keys = {iri: _context_key(iri, kind, labels.get(iri, "")) for iri, kind in kinds.items()}
        renames: dict[URIRef, URIRef] = {}
        fresh: list[tuple[str, _Cluster]] = []
        taken: set[str] = set()
        for iri, kind in sorted(kinds.items()):
            label = labels.get(iri, "")
            if str(iri).startswith(KNOWN) or (kind == "person" and len(label.split()) < 2):
                continue
            name = f"{kind}|{label}"
            context = {k for other, k in keys.items() if other != iri}
            context |= {"a:" + keys.get(org, str(org)) for org in affiliations.get(iri, ())}
            cluster = _best([c for c in self.entities.get(name, []) if c.iri not in taken], context)
            if cluster is None:
                fresh.append((name, _Cluster(str(iri), context)))
            else:
                taken.add(cluster.iri)  # two entities of one article stay two
                if cluster.iri != str(iri):
                    renames[iri] = URIRef(cluster.iri)
                cluster.context |= context
        for name, cluster in fresh:  # registered after the article: no merges within one article
            self.entities[name].append(cluster)
        return renames

    # -- events ------------------------------------------------------------------------------
    def _event_renames(self, triples: list[Triple]) -> dict[URIRef, URIRef]:
        event_classes = _event_classes()
        classes: dict[URIRef, str] = {}
        factuality: dict[URIRef, str] = {}
        days: dict[URIRef, str] = {}
        actors: dict[URIRef, set[str]] = defaultdict(set)
        for s, p, o in triples:
            if p == RDF.type and o in event_classes:
                classes[s] = str(o)
            elif p == NKG.factuality:
                factuality[s] = str(o)
            elif p == SEM.hasTime and str(o).startswith(TIME) and len(str(o)) == len(TIME) + 10:
                days[s] = str(o)[len(TIME):]  # YYYY-MM-DD: day precision only
            elif p in ACTOR_PROPERTIES:
                actors[s].add(str(o))
        renames: dict[URIRef, URIRef] = {}
        fresh: list[tuple[str, _Cluster]] = []
        taken: set[str] = set()
        for event in sorted(classes):
            if event not in days or not actors.get(event):
                continue
            key = f"{classes[event]}|{factuality.get(event, '')}|{days[event]}"
            cluster = next((c for c in self.events.get(key, []) if c.context & actors[event] and c.iri not in taken),
                           None)
            if cluster is None:
                fresh.append((key, _Cluster(str(event), set(actors[event]))))
            else:
                taken.add(cluster.iri)
                if cluster.iri != str(event):
                    renames[event] = URIRef(cluster.iri)
                cluster.context |= actors[event]
        for key, cluster in fresh:
            self.events[key].append(cluster)
        return renames

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
    def load(cls, folder: str | os.PathLike[str]) -> Identity:
        """The register kept in a store folder (an empty one when there is none yet)."""
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


def _context_key(iri: URIRef, kind: str, label: str) -> str:
    if str(iri).startswith(KNOWN):
        return ("p:" if kind in ("place", "country") else "k:") + str(iri)
    return ("p:" if kind in ("place", "country") else "n:") + f"{kind}|{label}"


def _score(shared: set[str]) -> float:
    return sum(WEIGHTS[key[0]] for key in shared)


def _best(clusters: list[_Cluster], context: set[str]) -> _Cluster | None:
    scored = [(_score(c.context & context), -i, c) for i, c in enumerate(clusters)]
    scored = [s for s in scored if s[0] >= THRESHOLD]
    return max(scored, key=lambda s: s[:2])[2] if scored else None


def _event_classes() -> set[URIRef]:
    from .network import event_classes

    return set(event_classes())
