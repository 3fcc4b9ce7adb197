"""Quantities: percentages, counts (with what is counted) and amounts of money as typed values.

Fast tests call ``number_value`` and build spaCy ``Doc``s with entities by hand (no model); the
others run the real pipeline and read the quantities of the claim they belong to (``slow``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import spacy
from spacy.tokens import Doc

from graph.model import Span
from graph.quantities import number_value, quantities_in

# --- fast --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,000", "3000"),
        ("19", "19"),
        ("2.5 percent", "2.5"),
        ("US$40 billion", "40000000000"),
        ("$4.5 million", "4500000"),
        ("€5 million", "5000000"),
        ("1.2bn", "1200000000"),
        ("300k", "300000"),
        ("five", "5"),
        ("Twelve", "12"),
        ("ten thousand", "10000"),
        ("a dozen", "12"),
        ("more than 4,000", "4000"),
        ("no number here", None),
    ],
)
def test_quantities_number_value(text: str, expected: str | None) -> None:
    assert number_value(text) == (Decimal(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two hundred", "200"),
        ("three hundred thousand", "300000"),
        ("fifteen", "15"),
        ("sixty", "60"),
        ("twenty-five", "25"),
    ],
)
def test_quantities_number_value_of_number_words(text: str, expected: str) -> None:
    """Number words spelt out in news prose: "two hundred families", "fifteen soldiers"."""
    assert number_value(text) == Decimal(expected)


VOCAB = spacy.blank("en").vocab


def entities_doc(spec: str) -> Doc:
    """Tokens as ``word/POS[/IOB-LABEL]`` (e.g. ``3,000/NUM/B-CARDINAL``); a token glued to the
    next one (no space between) ends with ``+``."""
    words, spaces, pos, ents = [], [], [], []
    for item in spec.split():
        glued = item.endswith("+")
        parts = item.rstrip("+").split("/")
        words.append(parts[0])
        spaces.append(not glued)
        pos.append(parts[1])
        ents.append(parts[2] if len(parts) > 2 else "O")
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos, ents=ents)


def found(spec: str) -> list[tuple[str, str, str, str]]:
    doc = entities_doc(spec)
    return [(q.kind, q.value, q.unit, q.span.text(doc.text))
            for q in quantities_in(doc.text, doc, 0, Span(0, len(doc.text)))]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("growth/NOUN slowed/VERB to/ADP 2.5/NUM/B-PERCENT percent/NOUN/I-PERCENT",
         [("Percentage", "2.5", "percent", "2.5 percent")]),
        ("unemployment/NOUN fell/VERB to/ADP 7.5/NUM/B-PERCENT+ %/NOUN/I-PERCENT",
         [("Percentage", "7.5", "percent", "7.5%")]),
        ("some/DET 3,000/NUM/B-CARDINAL ISIS/PROPN fighters/NOUN remain/VERB",
         [("Count", "3000.0", "ISIS fighters", "3,000")]),
        ("five/NUM/B-CARDINAL people/NOUN were/AUX arrested/VERB",
         [("Count", "5.0", "people", "five")]),
        ("it/PRON lost/VERB US$/SYM/B-MONEY+ 40/NUM/I-MONEY billion/NUM/I-MONEY",
         [("MoneyAmount", "40000000000.0", "US$", "US$40 billion")]),
        ("a/DET fine/NOUN of/ADP €/SYM/B-MONEY+ 5/NUM/I-MONEY million/NUM/I-MONEY",
         [("MoneyAmount", "5000000.0", "€", "€5 million")]),
        # Dates and ordinals are not quantities.
        ("in/ADP 2019/NUM/B-DATE ,/PUNCT the/DET third/ADJ/B-ORDINAL time/NOUN", []),
    ],
)
def test_quantities_in_typed_values(spec: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(spec) == expected


def test_quantities_in_only_inside_region() -> None:
    doc = entities_doc("Oxfam/PROPN ,/PUNCT with/ADP 3,000/NUM/B-CARDINAL staff/NOUN ,/PUNCT said/VERB "
                       "40/NUM/B-CARDINAL wells/NOUN were/AUX dry/ADJ")
    region_start = doc.text.index("40 wells")
    [quantity] = quantities_in(doc.text, doc, 100, Span(100 + region_start, 100 + len(doc.text)))
    assert (quantity.value, quantity.unit) == ("40.0", "wells")
    assert quantity.span == Span(100 + region_start, 100 + region_start + 2)  # offsets from the base


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # The model often tags "5 million" as a CARDINAL and leaves the currency word after it.
        ("cost/VERB 5/NUM/B-CARDINAL million/NUM/I-CARDINAL euros/NOUN", ("MoneyAmount", "5000000.0", "euros")),
        # ... or tags "300,000" as MONEY and leaves the currency sign before it.
        ("cost/VERB £/SYM+ 300,000/NUM/B-MONEY", ("MoneyAmount", "300000.0", "£")),
    ],
)
def test_quantities_currency_next_to_the_entity(spec: str, expected: tuple[str, str, str]) -> None:
    [(kind, value, unit, _)] = found(spec)
    assert (kind, value, unit) == expected


# --- slow: through the pipeline, as the quantities of a claim ----------------------------------

FILLER = "The situation there remained calm and quiet."


@pytest.fixture(scope="module")
def nlp():
    from graph.nlp import load_model

    return load_model()


def claim_quantities(nlp, sentence: str) -> list[tuple[str, str, str, str]]:
    from graph.ingest.sources import RawArticle
    from graph.pipeline import analyse_one

    text = f"Morning Briefing For Readers\nMarch 3, 2021\n\n{sentence} {FILLER}\n"
    doc = analyse_one(nlp, RawArticle("t", text, "<test>"))
    [claim] = doc.claims
    return [(q.kind, q.value, q.unit, q.span.text(text)) for q in claim.quantities]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Percentages.
        ("The ministry said unemployment fell to 7.5% in January.", [("Percentage", "7.5", "percent", "7.5%")]),
        ("Oxfam estimated that 12 percent of the children were sick.",
         [("Percentage", "12.0", "percent", "12 percent")]),
        # Counts, with what is counted.
        ("Amnesty International claimed the prison held more than 3,000 inmates.",
         [("Count", "3000.0", "inmates", "more than 3,000")]),
        ("Police officials said five people were arrested.", [("Count", "5.0", "people", "five")]),
        ("Oxfam said 40 wells were dry in 12 villages.",
         [("Count", "40.0", "wells", "40"), ("Count", "12.0", "villages", "12")]),
        ("More than 4,000 people fled the region, according to the United Nations.",
         [("Count", "4000.0", "people", "More than 4,000")]),
        # Money, with its currency; the year in the clause is not a quantity.
        ("Oxfam said the fund had lost US$40 billion since 2019.",
         [("MoneyAmount", "40000000000.0", "US$", "US$40 billion")]),
        ("Oxfam said the project would cost €5 million.", [("MoneyAmount", "5000000.0", "€", "€5 million")]),
        ("Oxfam said Siemens paid $4.5 million to settle the case.",
         [("MoneyAmount", "4500000.0", "$", "$4.5 million")]),
        # A number outside the reported clause is not the claim's.
        ("Oxfam, which has 3,000 staff, said the wells were dry.", []),
    ],
)
def test_quantities_of_claims(nlp, sentence: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert claim_quantities(nlp, sentence) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Oxfam said the project would cost 5 million euros.", ("MoneyAmount", "5000000.0", "euros")),
        ("Germany's Chancellor Anna Roth said the plan would cost 40 million euros.",
         ("MoneyAmount", "40000000.0", "euros")),
        ("Oxfam said the project would cost £300,000.", ("MoneyAmount", "300000.0", "£")),
        ("Oxfam said two hundred families had fled the fighting.", ("Count", "200.0", "families")),
    ],
)
def test_quantities_of_claims_money_words_and_number_words(nlp, sentence: str, expected: tuple[str, str, str]) -> None:
    [(kind, value, unit, _)] = claim_quantities(nlp, sentence)
    assert (kind, value, unit) == expected
