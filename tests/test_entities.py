"""Entities: the corrections applied to the model's entities, and harmonising them per document.

Fast: no spaCy model is loaded; the model's output (span and label) is written by hand.
"""

from __future__ import annotations

import pytest

from graph.entities import RawMention, correct, harmonise, known_names, sentence_case
from graph.model import Span


def at(text: str, surface: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence (from 0) of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface))


def corrected(text: str, surface: str, label: str, credits: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    found = correct(text, at(text, surface), label, [at(text, c) for c in credits])
    for m in found:
        assert m.span.text(text) == m.text  # the mention's text is exactly its span
    return [(m.text, m.kind) for m in found]


# --- sentence_case ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "known", "expected"),
    [
        ("Ferry Operator Cuts Winter Routes After Storm", set(),
         "Ferry operator cuts winter routes after storm"),
        # Gazetteer names and demonyms keep their capitals.
        ("Norwegian Ferry Operator Cuts Routes To Germany", set(),
         "Norwegian ferry operator cuts routes to Germany"),
        # Names used inside the body's sentences keep theirs.
        ("Brightwater Posts Record Profit As Sales Climb In Tromsø", {"Tromsø"},
         "Brightwater posts record profit as sales climb in Tromsø"),
        ("Mayor Says NASA Deal With Vale Is Close", {"Vale"},
         "Mayor says NASA deal with Vale is close"),
    ],
)
def test_entities_sentence_case_lowers_title_case_headlines(headline: str, known: set[str], expected: str) -> None:
    out = sentence_case(headline, known)
    assert out == expected
    assert len(out) == len(headline)


@pytest.mark.parametrize(
    "headline",
    [
        "Town council approves a new budget for its schools",  # already sentence case
        "Harbour Approved",  # too short to judge
        "Mayor of Tromsø opens the new ferry terminal today",  # mostly lower case
    ],
)
def test_entities_sentence_case_leaves_other_headlines_alone(headline: str) -> None:
    assert sentence_case(headline, set()) == headline


def test_entities_sentence_case_three_word_headline() -> None:
    assert sentence_case("Harbour Plan Approved", set()) == "Harbour plan approved"


def test_entities_known_names_are_capitalised_words_inside_sentences() -> None:
    text = "Residents of Tromsø met Vale in May. Officials said, Brightwater would pay."
    assert known_names(text, [Span(0, len(text))]) == {"Tromsø", "Vale", "May", "Brightwater"}


# --- correct ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "label", "expected"),
    [
        # NORP: a demonym becomes its country, cut to the adjective.
        ("The Norwegian First Lady opened the bridge.", "Norwegian First", "NORP", [("Norwegian", "Place")]),
        ("German exporters were worried.", "German", "NORP", [("German", "Place")]),
        # NORP that is no demonym is dropped.
        ("The Klingonese delegation walked out.", "Klingonese", "NORP", []),
        ("The Republicans voted against it.", "Republicans", "NORP", []),
        # A leading "the" and a trailing possessive are trimmed.
        ("She praised the Brightwater Group's board.", "the Brightwater Group's", "ORG",
         [("Brightwater Group", "Organization")]),
        ("Anna Berg's dog barked.", "Anna Berg's", "PERSON", [("Anna Berg", "Person")]),
        # Titles and honorifics are trimmed from people.
        ("Mr. Lars Holm said no.", "Mr. Lars Holm", "PERSON", [("Lars Holm", "Person")]),
        ("President Ann Vale arrived.", "President Ann Vale", "PERSON", [("Ann Vale", "Person")]),
        # An institution read as a person.
        ("Figures from the Observatory were grim.", "the Observatory", "PERSON", [("Observatory", "Organization")]),
        ("Staff of the Tromsø Fishing Company left.", "Tromsø Fishing Company", "PERSON",
         [("Tromsø Fishing Company", "Organization")]),
        # A title, then a name, read as an organisation: a person.
        ("Spokesman John Smith declined to comment.", "Spokesman John Smith", "ORG", [("John Smith", "Person")]),
        # A named event.
        ("Delegates at the Nordic Energy Summit agreed.", "Nordic Energy Summit", "ORG",
         [("Nordic Energy Summit", "Event")]),
        # The gazetteer's type wins over the model's.
        ("Hezbollah fired rockets.", "Hezbollah", "PERSON", [("Hezbollah", "Organization")]),
        ("They flew to Norway.", "Norway", "ORG", [("Norway", "Place")]),
        # "the Hollies": a band.
        ("Fans cheered the Hollies on Friday.", "Hollies", "PERSON", [("Hollies", "Organization")]),
        ("Fans cheered Holmes on Friday.", "Holmes", "PERSON", [("Holmes", "Person")]),
        # Labels that are no named entity kind.
        ("He spoke on 3 May.", "3 May", "DATE", []),
        ("It cost 40 million euros.", "40 million euros", "MONEY", []),
        # Common words and bare titles are not names.
        ("The president said no.", "president", "PERSON", []),
    ],
)
def test_entities_correct(text: str, surface: str, label: str, expected: list[tuple[str, str]]) -> None:
    assert corrected(text, surface, label) == expected


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("The airline flew an Acme X200 to Tromsø.", "Acme X200", "ORG"),
        ("The airline flew an Acme X200 to Tromsø.", "Acme", "ORG"),
        ("Brightwater Q7-200 sales rose.", "Brightwater Q7-200", "PRODUCT"),
        ("Brightwater Q7-200 sales rose.", "Brightwater Q7-200", "ORG"),
    ],
)
def test_entities_correct_drops_products(text: str, surface: str, label: str) -> None:
    assert corrected(text, surface, label) == []


@pytest.mark.parametrize("code", ["USD", "EUR", "GMT", "UTC", "CET", "PST"])
def test_entities_correct_drops_currency_and_time_zone_codes(code: str) -> None:
    text = f"Prices are quoted in {code} from today."
    assert corrected(text, code, "ORG") == []


@pytest.mark.parametrize(("surface", "label"), [("AP", "ORG"), ("Jane Doe", "PERSON"), ("AP Photo", "ORG")])
def test_entities_correct_leaves_credits_to_metadata(surface: str, label: str) -> None:
    text = "Boats in the harbour at dawn. (AP Photo/Jane Doe)"
    assert corrected(text, surface, label, credits=("(AP Photo/Jane Doe)",)) == []
    assert corrected(text, surface, label) != []  # only the credit excludes them


# --- harmonise ----------------------------------------------------------------------------------


def harmonised(text: str, found: list[tuple[str, int, str]], credits: tuple[str, ...] = ()) -> list[tuple[str, int, str]]:
    """(surface, start, kind) of every mention after harmonising the model's ``found``."""
    raw = [RawMention(at(text, s, n), kind, s) for s, n, kind in found]
    out = harmonise(text, raw, [Span(0, len(text))], [at(text, c) for c in credits])
    for m in out:
        assert m.span.text(text) == m.text
    return [(m.text, m.span.start, m.kind) for m in out]


def test_entities_harmonise_majority_type_per_surface() -> None:
    text = "Brightwater met Lena Dahl. Brightwater hired her. Later Brightwater thanked her."
    got = harmonised(text, [("Brightwater", 0, "Organization"), ("Brightwater", 1, "Person"),
                            ("Brightwater", 2, "Organization"), ("Lena Dahl", 0, "Person")])
    assert {(s, k) for s, _, k in got} == {("Brightwater", "Organization"), ("Lena Dahl", "Person")}
    assert [start for s, start, _ in got if s == "Brightwater"] == [at(text, "Brightwater", n).start for n in range(3)]


def test_entities_harmonise_propagates_a_known_name() -> None:
    text = "Brightwater met Lena Dahl. Brightwater hired her, and Lena Dahl later thanked Brightwater."
    got = harmonised(text, [("Brightwater", 0, "Organization"), ("Lena Dahl", 0, "Person")])
    assert got == [
        ("Brightwater", at(text, "Brightwater", 0).start, "Organization"),
        ("Lena Dahl", at(text, "Lena Dahl", 0).start, "Person"),
        ("Brightwater", at(text, "Brightwater", 1).start, "Organization"),  # sentence start: a known name
        ("Lena Dahl", at(text, "Lena Dahl", 1).start, "Person"),
        ("Brightwater", at(text, "Brightwater", 2).start, "Organization"),
    ]


def test_entities_harmonise_propagates_a_surname_but_not_at_sentence_start() -> None:
    text = "Lena Dahl arrived. Dahl said the plan works. Officials praised Dahl on Monday."
    got = harmonised(text, [("Lena Dahl", 0, "Person")])
    assert got == [
        ("Lena Dahl", 0, "Person"),
        ("Dahl", at(text, "Dahl", 2).start, "Person"),
    ]


def test_entities_harmonise_surname_read_as_organisation_is_a_person() -> None:
    text = "Officials met Holm. Acme chief Lars Holm said Holm would stay."
    got = harmonised(text, [("Holm", 0, "Organization"), ("Lars Holm", 0, "Person")])
    assert [(s, k) for s, _, k in got] == [("Holm", "Person"), ("Lars Holm", "Person"), ("Holm", "Person")]


def test_entities_harmonise_does_not_propagate_into_products_or_credits() -> None:
    text = "Acme said the new Acme X200 sells well, and Acme stock rose. (Acme Photo)"
    got = harmonised(text, [("Acme", 0, "Organization")], credits=("(Acme Photo)",))
    assert got == [("Acme", 0, "Organization"), ("Acme", at(text, "Acme", 2).start, "Organization")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose in the U.S. and American buyers paid more.",
         [("U.S.", "Place"), ("American", "Place")]),
        ("Farmers in Norway and the European Union signed.",
         [("Norway", "Place"), ("European Union", "Organization")]),
        ("A jacket costs US$5 in the market.", []),  # a currency, not a place
        ("They discussed US-China trade.", []),
        # Inside a longer capitalised name: part of that name, not the country.
        ("Passengers of Fjord Norway Ferries said Germany was cold.", [("Germany", "Place")]),
        ("Passengers of the Norway ferries said Germany was cold.", [("Norway", "Place"), ("Germany", "Place")]),
    ],
)
def test_entities_harmonise_finds_gazetteer_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s, k) for s, _, k in harmonised(text, [])] == expected


def test_entities_harmonise_gazetteer_name_ends_before_a_full_stop() -> None:
    text = "The talks were held in Norway. Nothing else happened."
    assert harmonised(text, []) == [("Norway", text.index("Norway"), "Place")]


def test_entities_harmonise_keeps_model_mentions_over_gazetteer_parts() -> None:
    text = "The Norway Fishing Board met in the morning."
    got = harmonised(text, [("Norway Fishing Board", 0, "Organization")])
    assert got == [("Norway Fishing Board", 4, "Organization")]
