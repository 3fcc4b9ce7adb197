"""Link people, organisations and places to Wikidata items (``owl:sameAs``) with a confidence.

    report = link(dataset, cache_dir="cache/wikidata")   # adds the links to the dataset

For each ``nkg:Person``, ``nkg:Organization`` and ``nkg:Place`` (countries included) the
endpoint is asked for the items whose ``rdfs:label`` or ``skos:altLabel`` is the entity's label
(in English, "mul" or untagged), with their ``wdt:P31`` types (and those types' ``wdt:P279``
parents), their Wikipedia ``wikibase:sitelinks`` and the items a few of their statements point
to. An entity's aliases are looked up only when its label finds no item of a fitting type.

A candidate is scored ``name × type × (0.5 + 0.3 context + 0.2 prominence)``:

* name: 1 when its label is the entity's label, 0.85 when one of its aliases is (×0.7 when
  found through one of the entity's own aliases);
* type: 1 when a type (or a type's parent) is in the small built-in list for the entity's kind;
  no link when it fits another kind only (a person is never linked to a city); 0.4 when unknown;
* context: 1 when one of its statements points to a candidate of another entity of the same
  article (its named graph), or one of theirs points to it;
* prominence: its sitelinks over the best candidate's (1 when the endpoint has none).

The best candidate's confidence is its score, halved as the runner-up comes level with it;
it is linked when the confidence reaches ``min_confidence``. The weights are a plain heuristic.

Every answer is cached as one JSON file per looked-up name and endpoint, so a second run sends
no request (delete the folder to refresh). When the endpoint cannot be reached the run goes on
with what the cache holds, after one ``RuntimeWarning``: linking never stops a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from SPARQLWrapper import GET, JSON, SELECT

from ..namespaces import NKG
from .remote import Credentials, check_url, client_for, describe, encode_term, safe_url

WIKIDATA = "https://query.wikidata.org/sparql"
WD = Namespace("http://www.wikidata.org/entity/")
DCT_SOURCE = URIRef("http://purl.org/dc/terms/source")
LINK_CONFIDENCE = NKG._NS["linkConfidence"]  # proposed ontology term: xsd:decimal in [0, 1]
CACHE_VERSION = 1

KINDS = {NKG.Person: "Person", NKG.Organization: "Organization", NKG.Place: "Place", NKG.Country: "Place"}

# Common wdt:P31 values (or their wdt:P279 parents) per kind; a starting list, not a taxonomy.
_CLASSES: dict[str, dict[str, str]] = {
    "Person": {"Q5": "human"},
    "Organization": {
        "Q43229": "organization", "Q4830453": "business", "Q783794": "company",
        "Q891723": "public company", "Q6881511": "enterprise", "Q7278": "political party",
        "Q7210356": "political organization", "Q327333": "government agency",
        "Q2659904": "government organization", "Q7188": "government",
        "Q484652": "international organization", "Q245065": "intergovernmental organization",
        "Q163740": "nonprofit organization", "Q15911314": "association", "Q48204": "voluntary association",
        "Q192283": "news agency", "Q11032": "newspaper", "Q2085381": "publisher",
        "Q1127126": "military alliance", "Q176799": "military unit", "Q8473": "military",
        "Q3918": "university", "Q31855": "research institute", "Q1664720": "institute",
        "Q4438121": "sports organization", "Q847017": "sports club", "Q476028": "association football club",
    },
    "Place": {
        "Q6256": "country", "Q3624078": "sovereign state", "Q7275": "state", "Q112099": "island nation",
        "Q15634554": "state with limited recognition", "Q3024240": "historical country",
        "Q1763527": "constituent country", "Q515": "city", "Q1549591": "big city",
        "Q1637706": "city with millions of inhabitants", "Q200250": "metropolis", "Q5119": "capital",
        "Q486972": "human settlement", "Q3957": "town", "Q532": "village", "Q1093829": "city in the US",
        "Q15284": "municipality", "Q123705": "neighbourhood", "Q1907114": "metropolitan area",
        "Q56061": "administrative territorial entity", "Q10864048": "first-level subdivision",
        "Q13220204": "second-level subdivision", "Q35657": "US state", "Q107390": "federated state",
        "Q82794": "geographic region", "Q1620908": "historical region", "Q5107": "continent",
        "Q23442": "island", "Q4022": "river", "Q8502": "mountain", "Q46831": "mountain range",
        "Q165": "sea", "Q23397": "lake", "Q9430": "ocean", "Q2221906": "geographic location",
        "Q839954": "archaeological site",
    },
}
TYPES: dict[str, frozenset[str]] = {kind: frozenset(classes) for kind, classes in _CLASSES.items()}
# Statements whose items tell the context: country, citizenship, located in, headquarters, party,
# employer, member of, parent organisation, part of, capital (of), heads of state and government,
# chairperson, founder, birthplace, residence, jurisdiction, location, shares border with.
RELATED = ("P17", "P27", "P131", "P159", "P102", "P108", "P463", "P749", "P361", "P36", "P1376",
           "P6", "P35", "P488", "P112", "P19", "P551", "P1001", "P276", "P47")

_LOOKUP = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX wikibase: <http://wikiba.se/ontology#>
SELECT ?item ?links ?what ?value WHERE {
  {
    SELECT DISTINCT ?item ?links WHERE {
      VALUES ?name { NAMES }
      { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }
      OPTIONAL { ?item wikibase:sitelinks ?links }
    }
    ORDER BY DESC(?links)
    LIMIT MAX
  }
  { ?item rdfs:label ?value . BIND("label" AS ?what) FILTER(LANG(?value) IN ("en", "mul", "")) }
  UNION { ?item skos:altLabel ?value . BIND("alias" AS ?what) FILTER(LANG(?value) IN ("en", "mul", "")) }
  UNION { ?item wdt:P31 ?value . BIND("type" AS ?what) }
  UNION { ?item wdt:P31/wdt:P279 ?value . BIND("supertype" AS ?what) }
  UNION { VALUES ?p { RELATED } ?item ?p ?value . BIND("related" AS ?what) FILTER(isIRI(?value)) }
}
"""


@dataclass(frozen=True)
class Link:
    """An entity linked to a Wikidata item."""

    entity: URIRef
    label: str
    kind: str  # Person, Organization or Place
    item: URIRef
    confidence: float


@dataclass
class LinkReport:
    """What linking did: the links made, and how many requests it took."""

    endpoint: str
    entities: int = 0  # entities looked at
    links: list[Link] = field(default_factory=list)
    requests: int = 0  # requests sent (those that failed included)
    cached: int = 0  # lookups answered from the cache
    warnings: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    item: str
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # local names: "Q5"
    supertypes: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # item IRIs
    sitelinks: int | None = None


@dataclass
class _Entity:
    iri: URIRef
    graph: Graph
    kind: str
    label: str
    aliases: list[str]
    found: list[tuple[Candidate, bool]] = field(default_factory=list)  # (candidate, via an alias)
    complete: bool = True  # every lookup it needed was answered


def link(dataset: Graph, endpoint: str = WIKIDATA, cache_dir: str | os.PathLike[str] | None = None,
         min_confidence: float = 0.5, *, timeout_s: float = 20.0, max_candidates: int = 50,
         credentials: Credentials | None = None) -> LinkReport:
    """Add ``owl:sameAs`` links (and their confidence) to the entities of ``dataset`` in place.

    Each link lands in the named graph of its entity, as ``<entity> owl:sameAs <item>`` and an
    ``rdf:Statement`` node ``<entity>/link/wikidata`` carrying ``nkg:linkConfidence`` and
    ``dct:source`` (the endpoint); linking again replaces them. Entities whose lookups could not
    be answered keep the links they had. No credentials are sent unless given: the
    ``NEWSKG_SPARQL_*`` variables are for the user's own store, not for Wikidata.
    """
    check_url(endpoint)
    fetcher = _Fetcher(endpoint, Path(cache_dir) if cache_dir else default_cache_dir(), timeout_s,
                       max_candidates, credentials or Credentials())
    groups = _entity_groups(dataset)
    for entity in (e for group in groups for e in group):
        _look_up(fetcher, entity)
    report = fetcher.report
    for group in groups:
        for entity in group:
            report.entities += 1
            if not entity.complete:
                continue
            choice = _choose(entity, [e for e in group if e is not entity])
            _write(entity, choice, min_confidence, safe_url(endpoint))
            if choice and choice[1] >= min_confidence:
                report.links.append(Link(entity.iri, entity.label, entity.kind, URIRef(choice[0].item),
                                         round(choice[1], 3)))
    return report


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newskg" / "wikidata"


class _Fetcher:
    """Candidates per name: from the cache, else from the endpoint until it first fails."""

    def __init__(self, endpoint: str, folder: Path, timeout_s: float, limit: int, creds: Credentials) -> None:
        self.endpoint, self.folder, self.timeout_s, self.limit, self.creds = endpoint, folder, timeout_s, limit, creds
        self.report = LinkReport(safe_url(endpoint))
        self.offline = False

    def candidates(self, name: str) -> list[Candidate] | None:
        key = hashlib.sha256(f"{safe_url(self.endpoint)}\n{name}".encode()).hexdigest()[:32]
        path = self.folder / f"{key}.json"
        cached = _read_cache(path)
        if cached is not None:
            self.report.cached += 1
            return cached
        if self.offline:
            return None
        self.report.requests += 1
        try:
            found = self._ask(name)
        except Exception as exc:  # urllib, SPARQLWrapper and JSON errors alike: go on offline
            self.offline = True
            self._warn(f"Entity linking went on without {safe_url(self.endpoint)}, which did not answer "
                       f"({describe(exc, self.creds)}); entities not in the cache were left unlinked.")
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            doc = {"version": CACHE_VERSION, "endpoint": safe_url(self.endpoint), "name": name,
                   "candidates": [asdict(c) for c in found]}
            tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            if not any("cache" in w for w in self.report.warnings):
                self._warn(f"Cannot write the entity-linking cache in {self.folder}: {exc.strerror or exc}.")
        return found

    def _ask(self, name: str) -> list[Candidate]:
        names = " ".join(encode_term(Literal(name, lang=lang) if lang else Literal(name))
                         for lang in ("en", "mul", None))
        query = (_LOOKUP.replace("NAMES", names).replace("MAX", str(int(self.limit)))
                 .replace("RELATED", " ".join(f"wdt:{p}" for p in RELATED)))
        client = client_for(self.endpoint, self.creds, self.timeout_s)
        client.setQuery(query)
        client.queryType = SELECT
        client.setMethod(GET)  # Wikidata's query service caches GET answers
        client.setReturnFormat(JSON)
        doc = client.queryAndConvert()
        by_item: dict[str, Candidate] = {}
        for row in doc["results"]["bindings"]:  # type: ignore[index]
            item = row["item"]["value"]
            cand = by_item.setdefault(item, Candidate(item))
            if "links" in row:
                cand.sitelinks = int(float(row["links"]["value"]))
            what, value = row.get("what", {}).get("value"), row.get("value", {}).get("value")
            if value is None:
                continue
            bucket = {"label": cand.labels, "alias": cand.aliases, "type": cand.types,
                      "supertype": cand.supertypes, "related": cand.related}.get(what or "")
            if bucket is not None:
                entry = _local(value) if what in ("type", "supertype") else value
                if entry not in bucket:
                    bucket.append(entry)
        return sorted(by_item.values(), key=lambda c: c.item)

    def _warn(self, message: str) -> None:
        self.report.warnings.append(message)
        warnings.warn(message, RuntimeWarning, stacklevel=5)  # at link()'s caller


def _read_cache(path: Path) -> list[Candidate] | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != CACHE_VERSION:
            return None
        return [Candidate(**c) for c in doc["candidates"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing or unreadable: ask again


def _look_up(fetcher: _Fetcher, entity: _Entity) -> None:
    found = fetcher.candidates(entity.label)
    if found is None:
        entity.complete = False
        return
    entity.found = [(c, False) for c in found]
    if any(_type_score(entity.kind, c) == 1.0 for c in found):
        return
    seen = {c.item for c in found}
    for alias in entity.aliases:
        more = fetcher.candidates(alias)
        if more is None:
            entity.complete = False
            return
        entity.found += [(c, True) for c in more if c.item not in seen]
        seen.update(c.item for c in more)


def _choose(entity: _Entity, others: list[_Entity]) -> tuple[Candidate, float] | None:
    fitting = [(c, alias, t) for c, alias in entity.found if (t := _type_score(entity.kind, c)) > 0]
    if not fitting:
        return None
    near = {c.item for e in others for c, _ in e.found if _type_score(e.kind, c) > 0}
    near_related = {r for e in others for c, _ in e.found if _type_score(e.kind, c) > 0 for r in c.related}
    top_links = max((c.sitelinks or 0 for c, _, _ in fitting), default=0)
    scored = []
    for cand, via_alias, type_score in fitting:
        name = 1.0 if _norm(entity.label) in map(_norm, cand.labels) else 0.85
        if via_alias:
            name *= 0.7
        context = 1.0 if (set(cand.related) & (near - {cand.item})) or cand.item in near_related else 0.0
        prominence = (cand.sitelinks or 0) / top_links if top_links else 1.0
        scored.append((name * type_score * (0.5 + 0.3 * context + 0.2 * prominence), cand.item, cand))
    scored.sort(key=lambda s: (-s[0], s[1]))
    best = scored[0][0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    confidence = best * (0.5 + 0.5 * (best - runner_up) / best) if best > 0 else 0.0
    return scored[0][2], confidence


def _type_score(kind: str, cand: Candidate) -> float:
    classes = set(cand.types) | set(cand.supertypes)
    if kind == "Person":
        return 1.0 if "Q5" in cand.types else 0.0
    if classes & TYPES[kind]:
        return 1.0
    if classes & set().union(*(v for k, v in TYPES.items() if k != kind)):
        return 0.0
    return 0.4


def _write(entity: _Entity, choice: tuple[Candidate, float] | None, minimum: float, source: str) -> None:
    g, node = entity.graph, URIRef(f"{entity.iri}/link/wikidata")
    for old in list(g.objects(node, RDF.object)):
        g.remove((entity.iri, OWL.sameAs, old))
    g.remove((node, None, None))
    if choice is None or choice[1] < minimum:
        return
    item = URIRef(choice[0].item)
    g.add((entity.iri, OWL.sameAs, item))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, entity.iri))
    g.add((node, RDF.predicate, OWL.sameAs))
    g.add((node, RDF.object, item))
    g.add((node, LINK_CONFIDENCE, Literal(f"{choice[1]:.3f}", datatype=XSD.decimal)))
    g.add((node, DCT_SOURCE, URIRef(source)))


def _entity_groups(dataset: Graph) -> list[list[_Entity]]:
    """The entities of each article graph (named graphs of a Dataset, or the graph itself)."""
    graphs: Iterable[Graph]
    if isinstance(dataset, Dataset):  # its default graph counts only when it holds triples (graph.ttl)
        graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    else:
        graphs = [dataset]
    groups = []
    for g in graphs:
        found = []
        for cls, kind in KINDS.items():
            for iri in sorted(set(g.subjects(RDF.type, cls))):
                labels = sorted(str(x) for x in g.objects(iri, RDFS.label))
                if isinstance(iri, URIRef) and labels and kind not in {e.kind for e in found if e.iri == iri}:
                    aliases = sorted(str(x) for x in g.objects(iri, SKOS.altLabel))
                    found.append(_Entity(iri, g, kind, labels[0], aliases))
        groups.append(found)
    return groups


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]
