"""Small hand-built graphs in the shape `kg build` writes (docs/graph-shape.md).

Self-contained on purpose: the network and page tests must not depend on the NLP pipeline.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, SDO, SKOS

NKG = Namespace("https://w3id.org/newskg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
ID = "https://w3id.org/newskg/id/"

_FOLDER = {
    NKG.Person: "person",
    NKG.Organization: "organization",
    NKG.Place: "place",
    NKG.Country: "place",
    NKG.NamedEvent: "event",
}


class ArticleBuilder:
    """Adds one article's triples to a graph: entities, sentences, mentions, roles, photos."""

    def __init__(self, graph: Graph, key: str, headline: str) -> None:
        self.g = graph
        self.key = key
        self.base = f"{ID}article/{key}"
        self.article = URIRef(self.base)
        self.context = URIRef(f"{self.base}/text")
        self.text = ""
        self._photos = 0
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
        cursor = 0
        for entity, surface in mentions:
            at = text.index(surface, cursor)
            cursor = at + len(surface)
            mention = self._span(NKG.Mention, start + at, start + cursor, zone)
            self.g.add((mention, ITSRDF.taIdentRef, entity))
            self.g.add((mention, NIF.sentence, iri))
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
    a.sentence("By Jason Ditz", (ditz, "Jason Ditz"), zone="byline")
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
    h.link(SDO.author, person)
    h.finish()
    return h


def hostile_graph() -> Graph:
    """The two articles plus the hostile one."""
    g = two_article_graph()
    hostile_article(g)
    return g
