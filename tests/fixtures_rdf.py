"""A small hand-built graph of two articles, exactly in the shape of ``docs/graph-shape.md``.

``build_dataset()`` returns an rdflib Dataset with one named graph per article
(``<id/article/KEY/graph>``); shared nodes (roles, time values) are repeated in every article
graph that uses them, as the TriG output does. Offsets are computed from the texts, so every
``nif:anchorOf`` is exactly ``isString[begin:end]``.

Besides entities, dates and roles, the articles have events (typed by trigger, with agents,
patients, participants, places, a time and a factuality), claims (clause, cue, source, date,
quantities) and unnamed ("described") sources, in the shape of the section "Events, claims and
their sources".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from graph.namespaces import ID, ITSRDF, NIF, NKG, PREFIXES, SEM

SCHEMA = Namespace(PREFIXES["schema"])
PROV = Namespace(PREFIXES["prov"])
ORG = Namespace(PREFIXES["org"])
TIME = Namespace(PREFIXES["time"])

ARTICLE_1 = "russia-isis-syria-2017-12-07"
TEXT_1 = (
    "Syria\n"
    "\n"
    "Russia Declares Victory Over ISIS In Syria\n"
    "\n"
    "In this Friday, Sept. 15, 2017 photo a Russian soldier guards as a military helicopter "
    "flies over Palmyra, Syria. (AP Photo)\n"
    "\n"
    "Russian President Vladimir Putin has claimed a “complete victory” has been scored over "
    "ISIS forces within Syria.\n"
    "\n"
    "Within Syria, Putin sees the focus now shifting toward the political process.\n"
    "\n"
    "© Antiwar.com\n"
    "Republished by MintPress News\n"
    "December 7th, 2017\n"
    "Jason Ditz\n"
)

ARTICLE_2 = "gerasimov-iraq"
TEXT_2 = (
    "Russia Offers To Fight ISIS In Iraq\n"
    "\n"
    "Russian First Deputy Defense Minister Gen. Valery Gerasimov is calling for dialogue with "
    "the US and joint operations within Iraq.\n"
    "\n"
    "Gerasimov said the Syrian Civil War had entered a new phase in September 2017.\n"
    "\n"
    "Russia first intervened in 2015.\n"
    "\n"
    "US officials estimated 3,000 ISIS fighters remain in Iraq, down 40 percent after $2 billion in strikes.\n"
    "\n"
    "© Antiwar.com\n"
    "December 7th, 2017\n"
    "Jason Ditz\n"
)


@dataclass
class EntitySpec:
    path: str  # "person/vladimir-putin"
    cls: URIRef
    label: str
    aliases: list[str] = field(default_factory=list)
    # (surface, occurrence) pairs: the n-th whole-word occurrence of surface in the text
    mentions: list[tuple[str, int]] = field(default_factory=list)


def article_iri(key: str) -> URIRef:
    return ID[f"article/{key}"]


def entity_iri(key: str, path: str) -> URIRef:
    return ID[f"article/{key}/{path}"]


def context_iri(key: str) -> URIRef:
    return ID[f"article/{key}/text"]


def graph_iri(key: str) -> URIRef:
    return ID[f"article/{key}/graph"]


def find(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the n-th whole-word occurrence of ``surface``."""
    hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    return hits[occurrence]


def sentences_of(text: str) -> list[tuple[int, int]]:
    """The fixture's sentences: one per non-empty line."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


_ZONES_1 = {
    "Syria": "section",
    "Russia Declares": "headline",
    "In this Friday": "caption",
    "Russian President": "body",
    "Within Syria": "body",
    "©": "copyright",
    "Republished": "copyright",
    "December": "dateline",
    "Jason Ditz": "byline",
}
_ZONES_2 = {
    "Russia Offers": "headline",
    "Russian First": "body",
    "Gerasimov said": "body",
    "Russia first": "body",
    "US officials": "body",
    "©": "copyright",
    "December": "dateline",
    "Jason Ditz": "byline",
}


class _Article:
    def __init__(self, g: Graph, key: str, text: str, zones: dict[str, str]) -> None:
        self.g, self.key, self.text = g, key, text
        self.ctx = context_iri(key)
        self.sentences = sentences_of(text)
        self.zones = zones
        g.add((self.ctx, RDF.type, NIF.Context))
        g.add((self.ctx, RDF.type, NIF.OffsetBasedString))
        g.add((self.ctx, NIF.isString, Literal(text)))
        g.add((self.ctx, NIF.beginIndex, Literal(0)))
        g.add((self.ctx, NIF.endIndex, Literal(len(text))))
        for begin, end in self.sentences:
            s = self.span_iri(begin, end)
            g.add((s, RDF.type, NIF.Sentence))
            g.add((s, RDF.type, NIF.OffsetBasedString))
            self._offsets(s, begin, end)
            g.add((s, NKG.zone, Literal(self.zone_of(begin))))

    def span_iri(self, begin: int, end: int) -> URIRef:
        return URIRef(f"{self.ctx}#char={begin},{end}")

    def zone_of(self, begin: int) -> str:
        line = self.text[begin:].split("\n", 1)[0]
        return next(z for start, z in self.zones.items() if line.startswith(start))

    def _offsets(self, node: URIRef, begin: int, end: int) -> None:
        nni = XSD.nonNegativeInteger
        self.g.add((node, NIF.referenceContext, self.ctx))
        self.g.add((node, NIF.beginIndex, Literal(str(begin), datatype=nni)))
        self.g.add((node, NIF.endIndex, Literal(str(end), datatype=nni)))
        self.g.add((node, NIF.anchorOf, Literal(self.text[begin:end])))

    def mention(self, target: URIRef, surface: str, occurrence: int = 0) -> URIRef:
        begin, end = find(self.text, surface, occurrence)
        m = self.span_iri(begin, end)
        self.g.add((m, RDF.type, NKG.Mention))
        self._offsets(m, begin, end)
        self.g.add((m, ITSRDF.taIdentRef, target))
        sentence = next((s, e) for s, e in self.sentences if s <= begin and end <= e)
        self.g.add((m, NIF.sentence, self.span_iri(*sentence)))
        self.g.add((m, NKG.zone, Literal(self.zone_of(sentence[0]))))
        return m

    def entity(self, spec: EntitySpec) -> URIRef:
        e = entity_iri(self.key, spec.path)
        self.g.add((e, RDF.type, spec.cls))
        self.g.add((e, RDFS.label, Literal(spec.label)))
        for alias in spec.aliases:
            self.g.add((e, SKOS.altLabel, Literal(alias)))
        for surface, occurrence in spec.mentions:
            self.mention(e, surface, occurrence)
        self.g.add((article_iri(self.key), SCHEMA.mentions, e))
        return e

    def date(self, value: str, surface: str, occurrence: int = 0) -> URIRef:
        t = time_value(self.g, value)
        self.mention(t, surface, occurrence)
        return t

    def membership(self, person: URIRef, org: URIRef, role_slug: str, role: str) -> None:
        person_slug = str(person).rsplit("/", 1)[1]
        org_slug = str(org).rsplit("/", 1)[1]
        ms = entity_iri(self.key, f"membership/{person_slug}/{org_slug}/{role_slug}")
        role_iri = ID[f"role/{role_slug}"]
        self.g.add((ms, RDF.type, ORG.Membership))
        self.g.add((ms, ORG.member, person))
        self.g.add((ms, ORG.organization, org))
        self.g.add((ms, ORG.role, role_iri))
        self.g.add((role_iri, RDF.type, NKG.Role))
        self.g.add((role_iri, RDFS.label, Literal(role)))
        self.g.add((person, SCHEMA.jobTitle, Literal(role)))
        self.g.add((person, SCHEMA.affiliation, org))
        self.mention(ms, role)  # the role words in the text

    def described(self, label: str, surface: str, occurrence: int = 0,
                  affiliation: URIRef | None = None) -> URIRef:
        """An unnamed source or actor: ``<id/article/KEY/source/SLUG-START>``."""
        begin, _ = find(self.text, surface, occurrence)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        node = entity_iri(self.key, f"source/{slug}-{begin}")
        self.g.add((node, RDF.type, NKG.DescribedSource))
        self.g.add((node, RDFS.label, Literal(label)))
        if affiliation is not None:
            self.g.add((node, SCHEMA.affiliation, affiliation))
        self.mention(node, surface, occurrence)
        return node

    def quantity(self, cls: URIRef, value: str, surface: str, unit: str = "",
                 currency: str = "") -> URIRef:
        begin, end = find(self.text, surface)
        node = entity_iri(self.key, f"quantity/{begin}-{end}")
        self.g.add((node, RDF.type, cls))
        self.g.add((node, SCHEMA.value, Literal(value, datatype=XSD.decimal)))
        if unit:
            self.g.add((node, SCHEMA.unitText, Literal(unit)))
        if currency:
            self.g.add((node, SCHEMA.currency, Literal(currency)))
        self.mention(node, surface)
        return node

    def event(self, trigger: str, lemma: str, cls: URIRef, factuality: URIRef, *,
              occurrence: int = 0, agents: tuple[URIRef, ...] = (), patients: tuple[URIRef, ...] = (),
              participants: tuple[URIRef, ...] = (), places: tuple[URIRef, ...] = (),
              time: str | None = None) -> URIRef:
        """An event typed by its trigger (as written in the text, ``lemma`` its nkg:trigger)."""
        begin, _ = find(self.text, trigger, occurrence)
        node = entity_iri(self.key, f"event/{begin}-{lemma}")
        self.g.add((node, RDF.type, cls))
        self.g.add((node, NKG.trigger, Literal(lemma)))
        self.g.add((node, NKG.factuality, factuality))
        for prop, values in ((NKG.agent, agents), (NKG.patient, patients),
                             (NKG.participant, participants), (SEM.hasPlace, places)):
            for value in values:
                self.g.add((node, prop, value))
        if time is not None:
            self.g.add((node, SEM.hasTime, time_value(self.g, time)))
        self.mention(node, trigger, occurrence)
        return node

    def claim(self, content: str, cue: str, source: URIRef, date: str | None = None,
              quantities: tuple[URIRef, ...] = ()) -> URIRef:
        """A claim, ``<id/article/KEY/claim/CUE-BEGIN-END-SOURCE>``: the clause and the cue are both
        mentions of it."""
        begin, end = find(self.text, content)
        cue_begin, _ = find(self.text, cue)
        node = entity_iri(self.key, f"claim/{cue_begin}-{begin}-{end}-{str(source).rsplit('/', 1)[1]}")
        self.g.add((node, RDF.type, NKG.Claim))
        self.g.add((node, SCHEMA.text, Literal(content)))
        self.g.add((node, NKG.cue, Literal(cue)))
        self.g.add((node, PROV.wasAttributedTo, source))
        if date is not None:
            self.g.add((node, NKG.date, time_value(self.g, date)))
        for q in quantities:
            self.g.add((node, NKG.quantity, q))
        self.mention(node, content)
        self.mention(node, cue)
        return node


def time_value(g: Graph, value: str) -> URIRef:
    t = ID[f"time/{value}"]
    prop, datatype = {
        10: (TIME.inXSDDate, XSD.date), 7: (TIME.inXSDgYearMonth, XSD.gYearMonth), 4: (TIME.inXSDgYear, XSD.gYear)
    }[len(value)]
    g.add((t, RDF.type, NKG.TimeValue))
    g.add((t, prop, Literal(value, datatype=datatype)))
    g.add((t, SEM.hasTimeStamp, Literal(value, datatype=datatype)))
    return t


def _article_1(g: Graph) -> None:
    key = ARTICLE_1
    a = _Article(g, key, TEXT_1, _ZONES_1)
    art = article_iri(key)
    putin = a.entity(
        EntitySpec("person/vladimir-putin", NKG.Person, "Vladimir Putin", ["Putin"],
                   [("Vladimir Putin", 0), ("Putin", 1)])
    )
    ditz = a.entity(EntitySpec("person/jason-ditz", NKG.Person, "Jason Ditz", [], [("Jason Ditz", 0)]))
    russia = a.entity(
        EntitySpec("place/russia", NKG.Country, "Russia", ["Russian"],
                   [("Russia", 0), ("Russian", 0), ("Russian", 1)])
    )
    syria = a.entity(
        EntitySpec("place/syria", NKG.Country, "Syria", [],
                   [("Syria", i) for i in range(5)])
    )
    palmyra = a.entity(EntitySpec("place/palmyra", NKG.Place, "Palmyra", [], [("Palmyra", 0)]))
    isis = a.entity(EntitySpec("organization/isis", NKG.Organization, "ISIS", [], [("ISIS", 0), ("ISIS", 1)]))
    antiwar = a.entity(
        EntitySpec("organization/antiwar-com", NKG.Organization, "Antiwar.com", [],
                   [("Antiwar.com", 0)])
    )
    mintpress = a.entity(
        EntitySpec("organization/mintpress-news", NKG.Organization, "MintPress News", [],
                   [("MintPress News", 0)])
    )
    ap = a.entity(
        EntitySpec("organization/associated-press", NKG.Organization, "Associated Press", ["AP"],
                   [("AP", 0)])
    )
    a.date("2017-09-15", "Sept. 15, 2017")
    a.date("2017-12-07", "December 7th, 2017")
    a.membership(putin, russia, "president", "President")

    soldier = a.described("Russian soldier", "Russian soldier", affiliation=russia)
    a.event("guards", "guard", NKG.Event, NKG.Asserted, agents=(soldier,), places=(palmyra,),
            time="2017-09-15")
    a.claim("a “complete victory” has been scored over ISIS forces within Syria", "has claimed", putin,
            date="2017-12-07")
    a.event("claimed", "claim", NKG.Statement, NKG.Asserted, agents=(putin,))
    a.event("scored", "score", NKG.Event, NKG.Asserted, participants=(isis,), places=(syria,))

    photo = entity_iri(key, "photo/1")
    caption = next(x for x in TEXT_1.split("\n") if x.startswith("In this Friday"))
    g.add((photo, RDF.type, NKG.Photo))
    g.add((photo, SCHEMA.caption, Literal(caption)))
    g.add((photo, SCHEMA.dateCreated, Literal("2017-09-15", datatype=XSD.date)))
    g.add((photo, SCHEMA.creditText, Literal("AP Photo")))
    g.add((photo, NKG.creditedTo, ap))

    g.add((art, RDF.type, NKG.Article))
    g.add((art, SCHEMA.headline, Literal("Russia Declares Victory Over ISIS In Syria")))
    g.add((art, SCHEMA.author, ditz))
    g.add((art, SCHEMA.datePublished, Literal("2017-12-07", datatype=XSD.date)))
    g.add((art, SCHEMA.publisher, antiwar))
    g.add((art, NKG.republisher, mintpress))
    g.add((art, SCHEMA.articleSection, Literal("Syria")))
    g.add((art, SCHEMA.url, Literal(
        "https://www.mintpressnews.com/russia-declares-victory-over-isis-in-syria/235000/",
        datatype=XSD.anyURI)))
    g.add((art, SCHEMA.image, photo))
    g.add((art, NKG.sourceFile, Literal(f"{key}.txt")))
    g.add((art, PROV.wasDerivedFrom, a.ctx))


def _article_2(g: Graph) -> None:
    key = ARTICLE_2
    a = _Article(g, key, TEXT_2, _ZONES_2)
    art = article_iri(key)
    gerasimov = a.entity(
        EntitySpec("person/valery-gerasimov", NKG.Person, "Valery Gerasimov", ["Gerasimov"],
                   [("Valery Gerasimov", 0), ("Gerasimov", 1)])
    )
    ditz = a.entity(EntitySpec("person/jason-ditz", NKG.Person, "Jason Ditz", [], [("Jason Ditz", 0)]))
    russia = a.entity(
        EntitySpec("place/russia", NKG.Country, "Russia", ["Russian"],
                   [("Russia", 0), ("Russian", 0), ("Russia", 1)])
    )
    iraq = a.entity(EntitySpec("place/iraq", NKG.Country, "Iraq", [], [("Iraq", 0), ("Iraq", 1), ("Iraq", 2)]))
    us = a.entity(EntitySpec("place/united-states", NKG.Country, "United States", ["US"], [("US", 0), ("US", 1)]))
    isis = a.entity(EntitySpec("organization/isis", NKG.Organization, "ISIS", [], [("ISIS", 0), ("ISIS", 1)]))
    antiwar = a.entity(
        EntitySpec("organization/antiwar-com", NKG.Organization, "Antiwar.com", [],
                   [("Antiwar.com", 0)])
    )
    war = a.entity(
        EntitySpec("event/syrian-civil-war", NKG.NamedEvent, "Syrian Civil War", [],
                   [("Syrian Civil War", 0)])
    )
    a.date("2017-09", "September 2017")
    a.date("2015", "2015")
    a.date("2017-12-07", "December 7th, 2017")
    a.membership(gerasimov, russia, "first-deputy-defense-minister", "First Deputy Defense Minister")

    a.claim("dialogue with the US and joint operations within Iraq", "is calling for", gerasimov,
            date="2017-12-07")
    a.event("calling", "call", NKG.Statement, NKG.Asserted, agents=(gerasimov,))
    a.event("dialogue", "dialogue", NKG.Meeting, NKG.Possible, participants=(us,))
    a.event("operations", "operation", NKG.MilitaryOperation, NKG.Possible, places=(iraq,))
    # the date stated with the claim, not the publication date
    a.claim("the Syrian Civil War had entered a new phase in September 2017", "said", gerasimov, date="2017-09")
    a.event("said", "say", NKG.Statement, NKG.Asserted, agents=(gerasimov,))
    a.event("entered", "enter", NKG.Event, NKG.Asserted, agents=(war,), time="2017-09")
    a.event("intervened", "intervene", NKG.Conflict, NKG.Asserted, agents=(russia,), time="2015")
    officials = a.described("US officials", "US officials", affiliation=us)
    fighters = a.quantity(NKG.Count, "3000.0", "3,000", unit="ISIS fighters")
    percent = a.quantity(NKG.Percentage, "40.0", "40 percent", unit="percent")
    money = a.quantity(NKG.MoneyAmount, "2000000000.0", "$2 billion", currency="USD")
    a.claim("3,000 ISIS fighters remain in Iraq, down 40 percent after $2 billion in strikes", "estimated",
            officials, date="2017-12-07", quantities=(fighters, percent, money))
    # the cue "estimated" and this trigger are one span: one mention of both the claim and the event
    a.event("estimated", "estimate", NKG.Statement, NKG.Asserted, agents=(officials,))
    a.event("strikes", "strike", NKG.Conflict, NKG.Asserted, patients=(isis,), places=(iraq,))

    g.add((art, RDF.type, NKG.Article))
    g.add((art, SCHEMA.headline, Literal("Russia Offers To Fight ISIS In Iraq")))
    g.add((art, SCHEMA.author, ditz))
    g.add((art, SCHEMA.datePublished, Literal("2017-12-07", datatype=XSD.date)))
    g.add((art, SCHEMA.publisher, antiwar))
    g.add((art, NKG.sourceFile, Literal(f"{key}.txt")))
    g.add((art, PROV.wasDerivedFrom, a.ctx))


def build_dataset() -> Dataset:
    """Two articles, each in its own named graph."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    _article_1(ds.graph(graph_iri(ARTICLE_1)))
    _article_2(ds.graph(graph_iri(ARTICLE_2)))
    return ds


def build_graph() -> Graph:
    """The same two articles in one plain Graph (what ``graph.ttl`` holds)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o, _ in build_dataset().quads():
        g.add((s, p, o))
    return g
