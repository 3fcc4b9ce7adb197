"""Pronouns resolved to the named person they stand for (graph/coreference.py), on short
articles we write; they run the real model and are marked ``slow``."""

from __future__ import annotations

import pytest

from fixtures_nlp import analyse, article, name


def resolved(nlp, body: str) -> list[tuple[str, str]]:
    """(pronoun as written, the person it was resolved to), in text order."""
    doc = analyse(nlp, article(body))
    found = [(span.start, span.text(doc.text), e.label) for e in doc.entities for span in e.pronouns]
    return [(word, label) for _, word, label in sorted(found)]


def sources(nlp, body: str) -> list[tuple[str, str]]:
    doc = analyse(nlp, article(body))
    return [(name(doc, c.source), c.content.text(doc.text)) for c in doc.claims]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Maria Lopez arrived in Madrid on Monday. She said the talks had failed.", [("She", "Maria Lopez")]),
        ("Apple chairman Steve Jobs spoke in Cupertino. He said the phone would ship in June.",
         [("He", "Steve Jobs")]),
        # The title says who "she" can be.
        ("Mr. Ortega met Maria Lopez in Madrid. She said the talks had failed.", [("She", "Maria Lopez")]),
        ("Maria Lopez wrote to the board. The board replied to her on Friday.", [("her", "Maria Lopez")]),
        # A quotation in the speaker's own voice.
        ('Kwame Mensah missed training on Friday. "I am fit to play on Sunday," he said.',
         [("he", "Kwame Mensah")]),
        # The given names say who "she" can be.
        ("Maria Lopez met Juan Ortega in Madrid on Monday. She said the talks had failed.",
         [("She", "Maria Lopez")]),
    ],
)
def test_coreference_resolves_the_one_person_who_fits(nlp, body: str, expected: list) -> None:
    assert resolved(nlp, body) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "body",
    [
        # Two people it could be.
        "Maria Lopez met Ana Ortega in Madrid on Monday. She said the talks had failed.",
        # The only person's given name is a woman's.
        "Maria Lopez arrived in Madrid on Monday. He said the talks had failed.",
        # An unnamed person of the pronoun's gender it may stand for.
        "Juan Ortega's wife arrived in Madrid on Monday. She said the talks had failed.",
        "Juan Ortega met a spokesman in Madrid on Monday. He said the talks had failed.",
        # An unnamed person who is a subject before it, whatever the gender.
        "Maria Lopez arrived in Madrid on Monday. A police officer said he saw her car.",
        # Inside a quotation the pronoun is the speaker's.
        '"He has lied to us for years," Maria Lopez said of the minister.',
        # The quotation speaks of him: its speaker is someone else.
        'Kwame Mensah missed training on Friday. "He is fit to play on Sunday," he said.',
        # A one-word "person" is often a place or a firm the model misread.
        "Brattvik voted on Monday. She said the talks had failed.",
        # The title rules the only person out.
        "Mrs. Lopez arrived in Madrid on Monday. He said the talks had failed.",
        # Too far back: three sentences lie between them.
        "Juan Ortega arrived in Madrid on Monday. The talks began at noon. The rooms were cold. "
        "The coffee was weak. He said the talks had failed.",
    ],
)
def test_coreference_leaves_a_doubtful_pronoun_alone(nlp, body: str) -> None:
    assert resolved(nlp, body) == []


@pytest.mark.slow
def test_coreference_gives_a_claim_its_source_and_an_event_its_agent(nlp) -> None:
    body = "Maria Lopez arrived in Madrid on Monday. She said the talks had failed."
    assert sources(nlp, body) == [("Maria Lopez", "the talks had failed")]
    doc = analyse(nlp, article(body))
    [said] = [e for e in doc.events if e.lemma == "say"]
    assert [name(doc, r) for r in said.agents] == ["Maria Lopez"]


@pytest.mark.slow
def test_coreference_pronoun_is_a_mention_not_a_name(nlp) -> None:
    """In the graph the pronoun is an nkg:PronounMention of the person, with exact offsets,
    and never one of the person's names."""
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS, SKOS

    from graph.mapping import document_graph
    from graph.namespaces import ITSRDF, NIF, NKG

    text = article("Maria Lopez arrived in Madrid on Monday. She said the talks had failed.")
    doc = analyse(nlp, text)
    g = document_graph(doc)
    [mention] = g.subjects(RDF.type, NKG.PronounMention)
    begin, end = int(g.value(mention, NIF.beginIndex)), int(g.value(mention, NIF.endIndex))
    assert text[begin:end] == str(g.value(mention, NIF.anchorOf)) == "She"
    person = g.value(mention, ITSRDF.taIdentRef)
    assert g.value(person, RDFS.label) == Literal("Maria Lopez")
    assert Literal("She") not in set(g.objects(person, SKOS.altLabel))
    assert (mention, RDF.type, NKG.Mention) in g


@pytest.mark.slow
def test_coreference_the_author_is_not_he(nlp) -> None:
    """The byline's name is no antecedent: "By Jane Roe ... He said" is someone in the story."""
    text = "Morning Briefing For Readers\nBy Juan Ortega\nMarch 3, 2021\n\nHe said the talks had failed. " \
           "The situation there remained calm and quiet.\n"
    doc = analyse(nlp, text)
    assert [a.text(text) for a in doc.metadata.authors] == ["Juan Ortega"]
    assert [e.pronouns for e in doc.entities if e.label == "Juan Ortega"] == [[]]


def test_coreference_given_names() -> None:
    from graph.gazetteer import given_name_gender

    assert given_name_gender("Maria") == "f"
    assert given_name_gender("Vladimir") == "m"
    assert given_name_gender("Jean") is None  # borne by both
    assert given_name_gender("Smith") is None
