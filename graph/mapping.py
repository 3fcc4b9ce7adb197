"""Stage 5, map to RDF: one Document → the triples of its named graph (see docs/graph-shape.md).

IRIs are derived from the article id and the extracted names only, so building the same
article twice gives the same IRIs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, SDO, SKOS, TIME

from . import namespaces
from .identity import EntityFacts, EventFacts, Identity
from .ingest.sources import slug
from .model import DateValue, Document, Entity, Quantity, Ref, Span
from .namespaces import ID, PREFIXES


class _Terms:
    """A vocabulary whose terms are made once each: an attribute of an rdflib namespace builds a
    new URIRef (and a DefinedNamespace checks the name) on every access, and the mapper writes
    hundreds of terms per article. Only for vocabularies (a bounded set of names), not ``ID``."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:  # only called for a name not cached yet
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term


RDF, RDFS, XSD, ORG, PROV, SDO, SKOS, TIME = map(_Terms, (RDF, RDFS, XSD, ORG, PROV, SDO, SKOS, TIME))
ITSRDF, NIF, NKG, SEM = map(_Terms, (namespaces.ITSRDF, namespaces.NIF, namespaces.NKG, namespaces.SEM))

KIND_CLASS = {"Person": NKG.Person, "Organization": NKG.Organization, "Place": NKG.Place, "Event": NKG.NamedEvent}
KIND_PATH = {"Person": "person", "Organization": "organization", "Place": "place", "Event": "event"}
FACTUALITY = {"asserted": NKG.Asserted, "negated": NKG.Negated, "possible": NKG.Possible, "future": NKG.Future}
PRECISION = {
    "day": (TIME.inXSDDate, XSD.date),
    "month": (TIME.inXSDgYearMonth, XSD.gYearMonth),
    "year": (TIME.inXSDgYear, XSD.gYear),
}


# Terms of the provenance triples, written about twenty times per mention, as plain names.
_TYPE, _MENTION, _OFFSET_STRING = RDF.type, NKG.Mention, NIF.OffsetBasedString
_REFERENCE_CONTEXT, _BEGIN, _END, _ANCHOR = NIF.referenceContext, NIF.beginIndex, NIF.endIndex, NIF.anchorOf
_ZONE, _IDENT_REF, _SENTENCE = NKG.zone, ITSRDF.taIdentRef, NIF.sentence


@lru_cache(maxsize=1 << 16)
def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def article_iri(doc_id: str) -> URIRef:
    return ID[f"article/{slug(doc_id, 120)}"]


def graph_iri(doc_id: str) -> URIRef:
    return URIRef(f"{article_iri(doc_id)}/graph")


@lru_cache(maxsize=1 << 12)
def time_iri(value: DateValue) -> URIRef:
    return ID[f"time/{value.value}"]


@lru_cache(maxsize=1 << 12)
def date_literal(value: DateValue) -> Literal:
    return Literal(value.value, datatype=PRECISION[value.precision][1])


class _Plain(str):
    """A plain literal's text, for the N-Triples fast path (``document_statements``): all a
    statement needs is the escaped text, and an rdflib Literal costs more than the rest."""

    __slots__ = ()


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


class _Mapper:
    plain: type[Literal] | type[_Plain] = Literal  # what a plain string literal becomes

    def __init__(self, doc: Document, identity: Identity | None = None) -> None:
        self.doc = doc
        self.identity = identity
        self.entity_facts: list[EntityFacts] = []
        self.event_facts: list[EventFacts] = []
        self.triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = []
        self.article = article_iri(doc.id)
        self.context = URIRef(f"{self.article}/text")
        self.entity_iris: list[URIRef] = []
        self.described_iris: list[URIRef] = []

    def add(self, s, p, o) -> None:
        self.triples.append((s, p, o))

    # -- provenance --------------------------------------------------------------------------
    def _string(self, span: Span, rdf_type: URIRef) -> URIRef:
        node = URIRef(f"{self.context}#char={span.start},{span.end}")
        self.triples += [
            (node, _TYPE, rdf_type),
            (node, _TYPE, _OFFSET_STRING),
            (node, _REFERENCE_CONTEXT, self.context),
            (node, _BEGIN, _offset(span.start)),
            (node, _END, _offset(span.end)),
            (node, _ANCHOR, self.plain(self.doc.text[span.start:span.end])),
        ]
        zone = next((z.kind for z in self.doc.zones if z.span.start <= span.start and span.end <= z.span.end), None)
        if zone:
            self.add(node, _ZONE, self.plain(zone))
        return node

    def mention(self, span: Span, target: URIRef) -> URIRef:
        node = self._string(span, _MENTION)
        self.add(node, _IDENT_REF, target)
        sentence = self.doc.sentence_of(span)
        if sentence is not None:
            self.add(node, _SENTENCE, URIRef(f"{self.context}#char={sentence.start},{sentence.end}"))
        return node

    def context_and_sentences(self) -> None:
        text = self.doc.text
        self.add(self.context, RDF.type, NIF.Context)
        self.add(self.context, RDF.type, NIF.OffsetBasedString)
        self.add(self.context, NIF.isString, self.plain(text))
        self.add(self.context, NIF.beginIndex, _offset(0))
        self.add(self.context, NIF.endIndex, _offset(len(text)))
        for sentence in self.doc.sentences:
            self._string(sentence, NIF.Sentence)

    # -- content -----------------------------------------------------------------------------
    def entities(self) -> None:
        used: set[URIRef] = set()
        for entity in self.doc.entities:
            iri = self._entity_iri(entity, used)
            used.add(iri)
            self.entity_iris.append(iri)
        affiliations: dict[int, list[int]] = {}
        for m in self.doc.memberships:
            affiliations.setdefault(m.person, []).append(m.organization)
        self.entity_facts = [
            EntityFacts(str(iri), "country" if e.subtype == "Country" else KIND_PATH[e.kind], e.label, e.known,
                        tuple(affiliations.get(i, ())))
            for i, (e, iri) in enumerate(zip(self.doc.entities, self.entity_iris))
        ]
        if self.identity is not None:  # an entity met in an earlier article takes that node's IRI
            renames = self.identity.entity_renames(self.entity_facts)
            self.entity_iris = [URIRef(renames.get(str(iri), iri)) for iri in self.entity_iris]
        for entity, iri in zip(self.doc.entities, self.entity_iris):
            self.add(iri, RDF.type, NKG.Country if entity.subtype == "Country" else KIND_CLASS[entity.kind])
            self.add(iri, RDFS.label, self.plain(entity.label))
            for alias in sorted(entity.aliases):
                self.add(iri, SKOS.altLabel, self.plain(alias))
            self.add(self.article, SDO.mentions, iri)
            for span in entity.mentions:
                self.mention(span, iri)
            for span in entity.pronouns:
                self.add(self.mention(span, iri), RDF.type, NKG.PronounMention)

    def _entity_iri(self, entity: Entity, used: set[URIRef]) -> URIRef:
        if entity.known:  # a gazetteer name: one node across articles (labels agree by construction)
            return ID[f"entity/{KIND_PATH[entity.kind]}/{slug(entity.label)}"]
        base = f"{self.article}/{KIND_PATH[entity.kind]}/{slug(entity.label)}"
        iri, n = URIRef(base), 2
        while iri in used:
            iri, n = URIRef(f"{base}-{n}"), n + 1
        return iri

    def entity_at(self, span: Span | None) -> URIRef | None:
        if span is None:
            return None
        for entity, iri in zip(self.doc.entities, self.entity_iris):
            if span in entity.mentions:
                return iri
        return None

    def time_node(self, value: DateValue) -> URIRef:
        node = time_iri(value)
        self.add(node, RDF.type, NKG.TimeValue)
        self.add(node, PRECISION[value.precision][0], date_literal(value))
        self.add(node, SEM.hasTimeStamp, date_literal(value))
        return node

    def dates(self) -> None:
        for date in self.doc.dates:
            self.mention(date.span, self.time_node(date.value))

    def described(self) -> None:
        for source in self.doc.described:
            iri = URIRef(f"{self.article}/source/{slug(source.label)}-{source.mention.start}")
            self.described_iris.append(iri)
            self.add(iri, RDF.type, NKG.DescribedSource)
            self.add(iri, RDFS.label, self.plain(source.label))
            if source.affiliation is not None:
                self.add(iri, SDO.affiliation, self.entity_iris[source.affiliation])
            self.mention(source.mention, iri)

    def ref(self, ref: Ref) -> URIRef:
        kind, index = ref
        return self.entity_iris[index] if kind == "entity" else self.described_iris[index]

    def quantity(self, q: Quantity) -> URIRef:
        node = URIRef(f"{self.article}/quantity/{q.span.start}-{q.span.end}")
        self.add(node, RDF.type, NKG[q.kind])
        self.add(node, SDO.value, Literal(q.value, datatype=XSD.decimal))
        if q.unit:
            self.add(node, SDO.currency if q.kind == "MoneyAmount" else SDO.unitText, self.plain(q.unit))
        self.mention(q.span, node)
        return node

    def events(self) -> None:
        nodes = [URIRef(f"{self.article}/event/{e.trigger.start}-{slug(e.lemma)}") for e in self.doc.events]
        self.event_facts = [
            EventFacts(str(node), e.type, e.factuality,
                       e.time.value if e.time is not None and e.time.precision == "day" else None,
                       frozenset(str(self.ref(r)) for r in (*e.agents, *e.patients, *e.others)))
            for e, node in zip(self.doc.events, nodes)
        ]
        if self.identity is not None:  # the same event reported by an earlier article
            renames = self.identity.event_renames(self.event_facts)
            nodes = [URIRef(renames.get(str(n), n)) for n in nodes]
        for event, node in zip(self.doc.events, nodes):
            self.add(node, RDF.type, NKG[event.type])
            self.add(node, NKG.trigger, self.plain(event.lemma))
            self.add(node, NKG.factuality, FACTUALITY[event.factuality])
            for prop, refs in ((NKG.agent, event.agents), (NKG.patient, event.patients),
                               (NKG.participant, event.others)):
                for ref in refs:
                    self.add(node, prop, self.ref(ref))
            for place in event.places:
                self.add(node, SEM.hasPlace, self.entity_iris[place])
            if event.time is not None:
                # SEM's pattern: event sem:hasTime a time node carrying sem:hasTimeStamp. A date
                # literal on the event itself would make its trigger read as a date expression.
                self.add(node, SEM.hasTime, self.time_node(event.time))
            self.mention(event.trigger, node)

    def claims(self) -> None:
        for claim in self.doc.claims:
            source = self.ref(claim.source)
            node = URIRef(f"{self.article}/claim/{claim.cue.start}-{claim.content.start}-{claim.content.end}-{source.rsplit('/', 1)[1]}")
            self.add(node, RDF.type, NKG.Claim)
            self.add(node, SDO.text, self.plain(claim.content.text(self.doc.text)))
            self.add(node, NKG.cue, self.plain(claim.cue.text(self.doc.text)))
            self.add(node, PROV.wasAttributedTo, source)
            if claim.date is not None:
                # A link to the time node, not a literal on the claim: a literal would make the
                # claim's own mentions read as date expressions to anything reading NIF dates.
                self.add(node, NKG.date, self.time_node(claim.date))
            for q in claim.quantities:
                self.add(node, NKG.quantity, self.quantity(q))
            self.mention(claim.content, node)
            self.mention(claim.cue, node)

    def roles(self) -> None:
        for m in self.doc.memberships:
            person, org = self.entity_iris[m.person], self.entity_iris[m.organization]
            role = ID[f"role/{slug(m.role)}"]
            node = URIRef(f"{self.article}/membership/{person.rsplit('/', 1)[1]}/{org.rsplit('/', 1)[1]}/{slug(m.role)}")
            self.add(node, RDF.type, ORG.Membership)
            self.add(node, ORG.member, person)
            self.add(node, ORG.organization, org)
            self.add(node, ORG.role, role)
            self.add(role, RDF.type, NKG.Role)
            self.add(role, RDFS.label, self.plain(m.role))
            self.add(person, SDO.jobTitle, self.plain(m.role))
            self.add(person, SDO.affiliation, org)
            self.mention(m.mention, node)

    def article_node(self) -> None:
        doc, meta, a = self.doc, self.doc.metadata, self.article
        text = doc.text
        self.add(a, RDF.type, NKG.Article)
        self.add(a, PROV.wasDerivedFrom, self.context)
        if doc.source != "<text>":
            self.add(a, NKG.sourceFile, self.plain(PurePath(doc.source.split(" line ")[0]).name))
        if meta.headline:
            self.add(a, SDO.headline, self.plain(meta.headline.text(text)))
        if meta.section:
            self.add(a, SDO.articleSection, self.plain(meta.section.text(text)))
        if meta.published:
            self.add(a, SDO.datePublished, date_literal(meta.published.value))
        if doc.url:
            self.add(a, SDO.url, Literal(doc.url, datatype=XSD.anyURI))
        for span in meta.authors:
            self._link(a, SDO.author, span)
        self._link(a, SDO.publisher, meta.publisher)
        self._link(a, NKG.republisher, meta.site)
        for n, caption in enumerate(meta.captions, start=1):
            photo = URIRef(f"{a}/photo/{n}")
            self.add(a, SDO.image, photo)
            self.add(photo, RDF.type, NKG.Photo)
            self.add(photo, SDO.caption, self.plain(caption.text(text)))
            if caption in meta.caption_dates:
                self.add(photo, SDO.dateCreated, date_literal(meta.caption_dates[caption]))
            for credit in meta.credits:
                if credit.credited == caption:
                    self.add(photo, SDO.creditText, self.plain(credit.text))
                    self._link(photo, NKG.creditedTo, credit.mention)
        for credit in meta.credits:
            if credit.credited not in meta.captions:
                self.add(a, SDO.creditText, self.plain(credit.text))
                self._link(a, NKG.creditedTo, credit.mention)

    def _link(self, subject: URIRef, prop: URIRef, span: Span | None) -> None:
        target = self.entity_at(span)
        if target is not None:
            self.add(subject, prop, target)


def document_triples(doc: Document, identity: Identity | None = None) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The RDF triples of one analysed article (duplicates possible), without building a Graph;
    with ``identity``, entities and events met in earlier articles keep those nodes' IRIs."""
    return _mapped(doc, identity).triples


def document_facts(doc: Document) -> tuple[list[tuple[URIRef, URIRef, URIRef | Literal]], list[EntityFacts], list[EventFacts]]:
    """The triples without identity, and what :meth:`Identity.resolve` needs to rename them later."""
    mapper = _mapped(doc, None)
    return mapper.triples, mapper.entity_facts, mapper.event_facts


def _mapped(doc: Document, identity: Identity | None, plain: type[Literal] | type[_Plain] = Literal) -> _Mapper:
    mapper = _Mapper(doc, identity)
    mapper.plain = plain
    mapper.context_and_sentences()
    mapper.entities()
    mapper.dates()
    mapper.roles()
    mapper.described()
    mapper.claims()
    mapper.events()
    mapper.article_node()
    return mapper


def document_graph(doc: Document, identity: Identity | None = None) -> Graph:
    """The RDF triples of one analysed article, as an rdflib Graph."""
    g = new_graph()
    for triple in document_triples(doc, identity):
        g.add(triple)
    return g


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _nt(term: URIRef | Literal | _Plain) -> str:
    """A term in N-Triples syntax (rdflib's ``n3()`` writes long strings in triple quotes)."""
    kind = type(term)
    if kind is URIRef:
        return "".join(("<", term, ">"))  # see document_statements
    if kind is _Plain:
        return '"' + term.translate(_NT_ESCAPES) + '"'
    return _typed_nt(term)


@lru_cache(maxsize=1 << 14)
def _typed_nt(term: URIRef | Literal) -> str:
    """``_nt`` of any other term: offsets, dates, amounts (few distinct values, so cached)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != str(XSD.string):
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def document_statements(doc: Document, identity: Identity | None = None) -> list[str]:
    """One article's triples as sorted, unique N-Triples statements without the final " .":
    add " <graph> .\n" for N-Quads or " .\n" for N-Triples (the fast path of streaming builds)."""
    # subjects and predicates are always IRIs here (the mapper makes no blank nodes); joined, as
    # an f-string formats a str subclass (URIRef) through its __format__, at twice the cost
    return sorted({"".join(("<", s, "> <", p, "> ", _nt(o))) for s, p, o in _mapped(doc, identity, _Plain).triples})
