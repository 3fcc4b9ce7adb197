"""Small hand-built graphs in the shape `kg build` writes (docs/graph-shape.md).

Self-contained on purpose: the network and page tests must not depend on the NLP pipeline.
"""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, SDO, SKOS, TIME

NKG = Namespace("https://w3id.org/newskg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ID = "https://w3id.org/newskg/id/"

_FOLDER = {
    NKG.Person: "person",
    NKG.Organization: "organization",
    NKG.Place: "place",
    NKG.Country: "place",
    NKG.NamedEvent: "event",
}


class ArticleBuilder:
    """Adds one article's triples to a graph: entities, sentences, mentions, roles, photos,
    events, claims and described sources."""

    def __init__(self, graph: Graph, key: str, headline: str) -> None:
        self.g = graph
        self.key = key
        self.base = f"{ID}article/{key}"
        self.article = URIRef(self.base)
        self.context = URIRef(f"{self.base}/text")
        self.text = ""
        self._photos = 0
        self._sentences: dict[URIRef, tuple[int, str]] = {}
        graph.add((self.article, RDF.type, NKG.Article))
        graph.add((self.article, SDO.headline, Literal(headline)))
        graph.add((self.article, SDO.datePublished, Literal("2017-12-07", datatype=XSD.date)))
        graph.add((self.article, NKG.sourceFile, Literal(f"{key}.txt")))
        graph.add((self.article, PROV.wasDerivedFrom, self.context))
        graph.add((self.context, RDF.type, NIF.Context))
        graph.add((self.context, RDF.type, NIF.OffsetBasedString))

    def entity(self, cls: URIRef, slug: str, label: str, *aliases: str) -> URIRef:
        iri = URIRef(f"{self.base}/{_FOLDER[cls]}/{slug}")
        self.g.add((iri, RDF.type, cls))
        self.g.add((iri, RDFS.label, Literal(label)))
        for alias in aliases:
            self.g.add((iri, SKOS.altLabel, Literal(alias)))
        self.g.add((self.article, SDO.mentions, iri))
        return iri

    def sentence(self, text: str, *mentions: tuple[URIRef, str], zone: str = "body") -> URIRef:
        """Append ``text`` as a sentence; each (entity, surface) is a mention of its first
        occurrence after the previous mention's surface in this sentence."""
        if self.text:
            self.text += "\n"
        start = len(self.text)
        self.text += text
        iri = self._span(NIF.Sentence, start, start + len(text), zone)
        self._sentences[iri] = (start, zone)
        cursor = 0
        for entity, surface in mentions:
            at = text.index(surface, cursor)
            cursor = at + len(surface)
            self._mention(iri, entity, start + at, start + cursor)
        return iri

    def mention(self, sentence: URIRef, target: URIRef, surface: str, after: str = "") -> URIRef:
        """A mention of ``target``: the first ``surface`` in ``sentence`` after ``after``; unlike
        :meth:`sentence` it may overlap other mentions (a claim's clause holds entity mentions)."""
        start, _zone = self._sentences[sentence]
        text = str(self.g.value(sentence, NIF.anchorOf))
        at = text.index(surface, text.index(after) + len(after) if after else 0)
        return self._mention(sentence, target, start + at, start + at + len(surface))

    def _mention(self, sentence: URIRef, target: URIRef, start: int, end: int) -> URIRef:
        mention = self._span(NKG.Mention, start, end, self._sentences[sentence][1])
        self.g.add((mention, ITSRDF.taIdentRef, target))
        self.g.add((mention, NIF.sentence, sentence))
        return mention

    def date(self, sentence: URIRef, surface: str, value: str) -> URIRef:
        """A day named in ``sentence``: a mention of its ``<id/time/VALUE>`` node."""
        when = self.time(value)
        self.mention(sentence, when, surface)
        return when

    def time(self, value: str) -> URIRef:
        """The ``<id/time/VALUE>`` node of a day."""
        when = URIRef(f"{ID}time/{value}")
        self.g.add((when, RDF.type, NKG.TimeValue))
        self.g.add((when, TIME.inXSDDate, Literal(value, datatype=XSD.date)))
        self.g.add((when, SEM.hasTimeStamp, Literal(value, datatype=XSD.date)))
        return when

    def described(self, sentence: URIRef, surface: str, label: str,
                  affiliation: URIRef | None = None) -> URIRef:
        """An unnamed source or actor (nkg:DescribedSource) and its mention."""
        start, _zone = self._sentences[sentence]
        text = str(self.g.value(sentence, NIF.anchorOf))
        iri = URIRef(f"{self.base}/source/{_slug(label)}-{start + text.index(surface)}")
        self.g.add((iri, RDF.type, NKG.DescribedSource))
        self.g.add((iri, RDFS.label, Literal(label)))
        if affiliation is not None:
            self.g.add((iri, SDO.affiliation, affiliation))
        self.mention(sentence, iri, surface)
        return iri

    def event(
        self,
        sentence: URIRef,
        cls: URIRef,
        surface: str,
        trigger: str,
        factuality: URIRef = NKG.Asserted,
        *,
        agents: tuple[URIRef, ...] = (),
        patients: tuple[URIRef, ...] = (),
        participants: tuple[URIRef, ...] = (),
        places: tuple[URIRef, ...] = (),
        date: str | None = None,
    ) -> URIRef:
        """An event typed by its trigger ``surface`` (lemma ``trigger``), with its mention."""
        start, _zone = self._sentences[sentence]
        text = str(self.g.value(sentence, NIF.anchorOf))
        iri = URIRef(f"{self.base}/event/{start + text.index(surface)}-{_slug(trigger)}")
        self.g.add((iri, RDF.type, cls))
        self.g.add((iri, NKG.trigger, Literal(trigger)))
        self.g.add((iri, NKG.factuality, factuality))
        for predicate, targets in (
            (NKG.agent, agents), (NKG.patient, patients), (NKG.participant, participants),
            (SEM.hasPlace, places),
        ):
            for target in targets:
                self.g.add((iri, predicate, target))
        if date is not None:
            self.g.add((iri, SEM.hasTime, self.time(date)))
        self.mention(sentence, iri, surface)
        return iri

    def claim(
        self,
        sentence: URIRef,
        clause: str,
        cue: str,
        source: URIRef,
        date: str = "2017-12-07",
        quantities: tuple[tuple[str, URIRef, str, str], ...] = (),
    ) -> URIRef:
        """A claim: the reported ``clause``, its ``cue``, its source, its date and the numbers
        in it, each (surface, class, value, unit); the clause and the cue are its mentions."""
        start, _zone = self._sentences[sentence]
        text = str(self.g.value(sentence, NIF.anchorOf))
        begin = start + text.index(clause)
        iri = URIRef(f"{self.base}/claim/{begin}-{begin + len(clause)}-{source.rsplit('/', 1)[1]}")
        self.g.add((iri, RDF.type, NKG.Claim))
        self.g.add((iri, SDO.text, Literal(clause)))
        self.g.add((iri, NKG.cue, Literal(cue)))
        self.g.add((iri, PROV.wasAttributedTo, source))
        self.g.add((iri, NKG.date, self.time(date)))
        for surface, cls, value, unit in quantities:
            at = start + text.index(surface)
            quantity = URIRef(f"{self.base}/quantity/{at}-{at + len(surface)}")
            self.g.add((quantity, RDF.type, cls))
            self.g.add((quantity, SDO.value, Literal(value, datatype=XSD.decimal)))
            unit_property = SDO.currency if cls == NKG.MoneyAmount else SDO.unitText
            self.g.add((quantity, unit_property, Literal(unit)))
            self.g.add((iri, NKG.quantity, quantity))
            self.mention(sentence, quantity, surface)
        self.mention(sentence, iri, clause)
        self.mention(sentence, iri, cue)
        return iri

    def role(self, member: URIRef, organization: URIRef, title: str) -> URIRef:
        slug = title.lower().replace(" ", "-")
        role = URIRef(f"{ID}role/{slug}")
        membership = URIRef(
            f"{self.base}/membership/{member.rsplit('/', 1)[1]}/{organization.rsplit('/', 1)[1]}/{slug}"
        )
        self.g.add((membership, RDF.type, ORG.Membership))
        self.g.add((membership, ORG.member, member))
        self.g.add((membership, ORG.organization, organization))
        self.g.add((membership, ORG.role, role))
        self.g.add((role, RDF.type, NKG.Role))
        self.g.add((role, RDFS.label, Literal(title)))
        self.g.add((member, SDO.jobTitle, Literal(title)))
        self.g.add((member, SDO.affiliation, organization))
        return membership

    def link(self, predicate: URIRef, target: URIRef) -> None:
        self.g.add((self.article, predicate, target))

    def photo(self, caption: str, credit: str, agency: URIRef) -> URIRef:
        self._photos += 1
        photo = URIRef(f"{self.base}/photo/{self._photos}")
        self.g.add((photo, RDF.type, NKG.Photo))
        self.g.add((photo, SDO.caption, Literal(caption)))
        self.g.add((photo, SDO.creditText, Literal(credit)))
        self.g.add((photo, NKG.creditedTo, agency))
        self.g.add((self.article, SDO.image, photo))
        return photo

    def finish(self) -> None:
        self.g.add((self.context, NIF.isString, Literal(self.text)))
        self.g.add((self.context, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
        self.g.add(
            (self.context, NIF.endIndex, Literal(len(self.text), datatype=XSD.nonNegativeInteger))
        )

    def _span(self, cls: URIRef, start: int, end: int, zone: str) -> URIRef:
        iri = URIRef(f"{self.context}#char={start},{end}")
        self.g.add((iri, RDF.type, cls))
        self.g.add((iri, RDF.type, NIF.OffsetBasedString))
        self.g.add((iri, NIF.referenceContext, self.context))
        self.g.add((iri, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
        self.g.add((iri, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        self.g.add((iri, NIF.anchorOf, Literal(self.text[start:end])))
        self.g.add((iri, NKG.zone, Literal(zone)))
        return iri


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def russia_article(graph: Graph) -> ArticleBuilder:
    """The first article: a republished wire story with a byline, roles and photo credits."""
    a = ArticleBuilder(graph, "russia-isis", "Russia Declares Victory Over ISIS in Syria")
    putin = a.entity(NKG.Person, "vladimir-putin", "Vladimir Putin", "Putin")
    ditz = a.entity(NKG.Person, "jason-ditz", "Jason Ditz")
    russia = a.entity(NKG.Country, "russia", "Russia", "Russian")
    syria = a.entity(NKG.Country, "syria", "Syria")
    isis = a.entity(NKG.Organization, "isis", "ISIS", "Islamic State")
    war = a.entity(NKG.NamedEvent, "syrian-civil-war", "Syrian Civil War")
    antiwar = a.entity(NKG.Organization, "antiwar-com", "Antiwar.com")
    mintpress = a.entity(NKG.Organization, "mintpress-news", "MintPress News")
    ap = a.entity(NKG.Organization, "associated-press", "Associated Press", "AP")
    a.sentence(
        "Russia Declares Victory Over ISIS in Syria",
        (russia, "Russia"), (isis, "ISIS"), (syria, "Syria"),
        zone="headline",
    )
    byline = a.sentence("By Jason Ditz, December 7, 2017", (ditz, "Jason Ditz"), zone="byline")
    a.date(byline, "December 7, 2017", "2017-12-07")  # the publication date, a claim's date
    a.sentence(
        "Russian President Vladimir Putin has claimed victory over ISIS in Syria, "
        "and Putin's office repeated the claim.",
        (russia, "Russian"), (putin, "Vladimir Putin"), (isis, "ISIS"), (syria, "Syria"),
        (putin, "Putin"),
    )
    a.sentence(
        "Putin visited troops who fought in the Syrian Civil War.",
        (putin, "Putin"), (war, "Syrian Civil War"),
    )
    a.sentence("The Islamic State lost its last towns.", (isis, "Islamic State"))
    # An event with a described agent, a patient, a place and a date (docs/graph-shape.md).
    offensive = a.sentence(
        "On Friday government troops launched an offensive against ISIS in Syria.",
        (isis, "ISIS"), (syria, "Syria"),
    )
    a.date(offensive, "Friday", "2017-09-15")
    troops = a.described(offensive, "government troops", "government troops", affiliation=syria)
    a.event(
        offensive, NKG.MilitaryOperation, "offensive", "offensive",
        agents=(troops,), patients=(isis,), places=(syria,), date="2017-09-15",
    )
    # A claim with a cue, a described source, the publication date and a percentage, and an
    # event the text only says is possible.
    officials = a.sentence(
        "According to Russian defense officials, ISIS holds 19 percent of the country and could return.",
        (isis, "ISIS"),
    )
    source = a.described(
        officials, "Russian defense officials", "Russian defense officials", affiliation=russia
    )
    a.claim(
        officials, "ISIS holds 19 percent of the country and could return", "According to", source,
        quantities=(("19 percent", NKG.Percentage, "19.0", "percent"),),
    )
    a.event(officials, NKG.Movement, "return", "return", NKG.Possible, agents=(isis,))
    a.role(putin, russia, "President")
    a.link(SDO.author, ditz)
    a.link(SDO.publisher, antiwar)
    a.link(NKG.republisher, mintpress)
    a.photo("Putin at the Hmeimim air base.", "AP Photo", ap)
    a.photo("Russian jets over Syria.", "AP Photo", ap)
    a.finish()
    return a


def geneva_article(graph: Graph) -> ArticleBuilder:
    """The second article: talks in Geneva, with its own (per-article) Syria node."""
    b = ArticleBuilder(graph, "geneva-talks", "Syria Talks Resume in Geneva")
    envoy = b.entity(NKG.Person, "staffan-de-mistura", "Staffan de Mistura", "de Mistura")
    un = b.entity(NKG.Organization, "united-nations", "United Nations", "UN")
    syria = b.entity(NKG.Country, "syria", "Syria")
    geneva = b.entity(NKG.Place, "geneva", "Geneva", "Genève")
    afp = b.entity(NKG.Organization, "agence-france-presse", "Agence France-Presse", "AFP")
    b.sentence("Syria Talks Resume in Geneva", (syria, "Syria"), (geneva, "Geneva"), zone="headline")
    b.sentence(
        "UN envoy Staffan de Mistura opened the talks on Syria in Geneva.",
        (un, "UN"), (envoy, "Staffan de Mistura"), (syria, "Syria"), (geneva, "Geneva"),
    )
    b.sentence("De Mistura said the UN would keep trying.", (un, "UN"))
    b.role(envoy, un, "Special Envoy")
    b.link(SDO.publisher, afp)
    b.photo("Delegates in Genève.", "AFP Photo", afp)
    b.finish()
    return b


def two_article_graph() -> Graph:
    """Both articles in one plain graph, as in graph.ttl."""
    g = Graph()
    russia_article(g)
    geneva_article(g)
    return g


def two_article_dataset() -> Dataset:
    """Both articles, each in its own named graph ``<id/article/KEY/graph>``, as in graph.trig."""
    ds = Dataset()
    for build, key in ((russia_article, "russia-isis"), (geneva_article, "geneva-talks")):
        build(ds.graph(URIRef(f"{ID}article/{key}/graph")))
    return ds


def article_iri(key: str, *path: str) -> str:
    return "/".join([f"{ID}article/{key}", *path])


# Article text is untrusted: these must reach the page as text, never as markup or script.
HOSTILE_LABEL = '<img src=x onerror="window.__xss=1;alert(1)">'
HOSTILE_ALIAS = '<a href="x">x</a>'
HOSTILE_HEADLINE = "<b>Breaking</b> & </script><script>window.__xss=2</script>"
HOSTILE_SENTENCE_TAIL = " <!-- \u2028\u2029 ]]> <script>window.__xss=3</script>"
HOSTILE_CLAIM = "<script>alert(1)</script>"
HOSTILE_TRIGGER = '<i onmouseover="window.__xss=4">attacked</i>'
HOSTILE_SOURCE = '<svg onload="window.__xss=5">officials</svg>'


def hostile_article(graph: Graph) -> ArticleBuilder:
    """An article whose names and text try to inject markup, plus non-ASCII names."""
    h = ArticleBuilder(graph, "hostile", HOSTILE_HEADLINE)
    person = h.entity(NKG.Person, "img", HOSTILE_LABEL, HOSTILE_ALIAS)
    french = h.entity(NKG.Organization, "francais", "Français")
    arabic = h.entity(NKG.Place, "arabiya", "العربية")
    h.sentence(
        f"{HOSTILE_LABEL} met Français in العربية.{HOSTILE_SENTENCE_TAIL}",
        (person, HOSTILE_LABEL), (french, "Français"), (arabic, "العربية"),
    )
    claims = h.sentence(
        f"{HOSTILE_SOURCE} said {HOSTILE_CLAIM} and {HOSTILE_TRIGGER} العربية.",
        (arabic, "العربية"),
    )
    source = h.described(claims, HOSTILE_SOURCE, HOSTILE_SOURCE)
    h.claim(claims, HOSTILE_CLAIM, "said", source)
    h.event(claims, NKG.Conflict, HOSTILE_TRIGGER, HOSTILE_TRIGGER, NKG.Future,
            agents=(source,), patients=(arabic,))
    h.link(SDO.author, person)
    h.finish()
    return h


def hostile_graph() -> Graph:
    """The two articles plus the hostile one."""
    g = two_article_graph()
    hostile_article(g)
    return g
