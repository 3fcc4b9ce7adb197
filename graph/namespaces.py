"""RDF namespaces: the project's own vocabulary and the standard ones it aligns to.

``NKG`` is a closed ``DefinedNamespace`` so a misspelt term fails at import time.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/newskg/"
ID = Namespace(BASE + "id/")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")


class NKG(DefinedNamespace):
    """The newskg ontology (``ontology/newskg.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Article: URIRef
    Photo: URIRef
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Country: URIRef
    NamedEvent: URIRef
    Role: URIRef
    TimeValue: URIRef
    Mention: URIRef
    PronounMention: URIRef

    Event: URIRef
    Statement: URIRef
    Declaration: URIRef
    Conflict: URIRef
    MilitaryOperation: URIRef
    Meeting: URIRef
    Agreement: URIRef
    Election: URIRef
    Transaction: URIRef
    LegalAction: URIRef
    Movement: URIRef
    Factuality: URIRef
    Asserted: URIRef
    Negated: URIRef
    Possible: URIRef
    Future: URIRef
    Claim: URIRef
    DescribedSource: URIRef
    Quantity: URIRef
    Percentage: URIRef
    Count: URIRef
    MoneyAmount: URIRef

    agent: URIRef
    patient: URIRef
    participant: URIRef
    trigger: URIRef
    factuality: URIRef
    cue: URIRef
    date: URIRef
    linkConfidence: URIRef
    quantity: URIRef
    republisher: URIRef
    creditedTo: URIRef
    sourceFile: URIRef
    zone: URIRef


PREFIXES: dict[str, str] = {
    "nkg": str(NKG._NS),
    "schema": "https://schema.org/",
    "sem": str(SEM),
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dct": "http://purl.org/dc/terms/",
}
