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
    """At a sentence's start a bare surname may be a common word ("Young people ..."), so it is a
    mention there only when a reporting verb follows it ("Dahl said")."""
    text = "Lena Dahl arrived. Dahl said the plan works. Officials praised Dahl on Monday. Dahl houses line it."
    got = harmonised(text, [("Lena Dahl", 0, "Person")])
    assert got == [
        ("Lena Dahl", 0, "Person"),
        ("Dahl", at(text, "Dahl", 1).start, "Person"),
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


# --- the words around a name --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "label", "expected"),
    [
        # A company word as the last word: an organisation, not a person.
        ("Engineers at Hollis Aircraft were laid off.", "Hollis Aircraft", "PERSON",
         [("Hollis Aircraft", "Organization")]),
        ("Shares of Vantor Capital Management fell.", "Vantor Capital Management", "PERSON",
         [("Vantor Capital Management", "Organization")]),
        # A common noun for an organisation right before the name.
        ("The electronics retailer Acme Depot cut prices.", "Acme Depot", "PERSON",
         [("Acme Depot", "Organization")]),
        ("Investors backed the company Ann Vale founded.", "Ann Vale", "PERSON", [("Ann Vale", "Person")]),
        # A name, a comma and a country or region: a place.
        ("The ferry was towed to Brixham, England for repairs.", "Brixham", "PERSON", [("Brixham", "Place")]),
        ("The ferry was towed to Brixham, Norway's oldest port.", "Brixham", "PERSON", [("Brixham", "Person")]),
        ("The ferry was towed to Brixham, England on Monday.", "Brixham", "PERSON", [("Brixham", "Place")]),
        ("The ferry reached Brixham, England Monday night.", "Brixham", "PERSON", [("Brixham", "Place")]),
        # "Flight" as a surname is no flight.
        ("The novelist Ann Flight spoke.", "Ann Flight", "PERSON", [("Ann Flight", "Person")]),
        # "Air" and a country: an airline.
        ("Passengers of Air Norway were stranded.", "Norway", "GPE", [("Air Norway", "Organization")]),
        # A flight: its airline.
        ("The crash of Brightsea Air Flight 217 killed 40.", "Brightsea Air Flight 217", "ORG",
         [("Brightsea Air", "Organization")]),
        ("The crash of Brightsea Air Flight 217 killed 40.", "Brightsea Air Flight", "ORG",
         [("Brightsea Air", "Organization")]),
    ],
)
def test_entities_correct_reads_the_words_around_a_name(text: str, surface: str, label: str,
                                                         expected: list[tuple[str, str]]) -> None:
    assert corrected(text, surface, label) == expected


def test_entities_correct_marks_kinds_read_from_the_text_as_cues() -> None:
    text = "The electronics retailer Acme Depot cut prices."
    assert correct(text, at(text, "Acme Depot"), "PERSON", [])[0].cue
    assert not correct(text, at(text, "Acme Depot"), "ORG", [])[0].cue


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("The airline flies eight Q400s on the route.", "Q400s", "ORG"),  # a model on its own
        ("The navy ordered F-16s and C130s.", "F-16s", "ORG"),
        ("It comes with a 64GB card.", "GB", "PERSON"),  # a unit glued to a number
    ],
)
def test_entities_correct_drops_models_and_units(text: str, surface: str, label: str) -> None:
    assert corrected(text, surface, label) == []


@pytest.mark.parametrize(("surface", "label"), [("G77", "ORG"), ("C40", "ORG"), ("COP28", "EVENT")])
def test_entities_correct_keeps_groups_and_conferences_with_numbers(surface: str, label: str) -> None:
    text = f"Delegates of the {surface} met in Oslo."
    assert corrected(text, surface, label) != []


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("There are 500 Nokia engineers at the site.", "Nokia", [("Nokia", "Organization")]),  # a count
        ("The 150px Brightwater logo was shown.", "Brightwater", [("Brightwater", "Organization")]),  # a size
        ("It flew the new 787 Brightliner to Oslo.", "Brightliner", []),  # a model
    ],
)
def test_entities_correct_numbers_before_a_name(text: str, surface: str, expected: list[tuple[str, str]]) -> None:
    assert corrected(text, surface, "ORG") == expected


def test_entities_harmonise_a_cue_outvotes_the_model() -> None:
    text = "Acme Depot sold more. The electronics retailer Acme Depot grew. Acme Depot hired."
    raw = [RawMention(at(text, "Acme Depot", 0), "Person", "Acme Depot"),
           RawMention(at(text, "Acme Depot", 1), "Organization", "Acme Depot", cue=True),
           RawMention(at(text, "Acme Depot", 2), "Person", "Acme Depot")]
    out = harmonise(text, raw, [Span(0, len(text))], [])
    assert [m.kind for m in out] == ["Organization"] * 3


def test_entities_harmonise_one_word_person_opening_an_organisation_name() -> None:
    text = "Vantor Capital Management bought the mill. Vantor will keep the staff."
    got = harmonised(text, [("Vantor Capital Management", 0, "Organization"), ("Vantor", 1, "Person")])
    assert [(s, k) for s, _, k in got] == [("Vantor Capital Management", "Organization"), ("Vantor", "Organization")]


def test_entities_harmonise_one_word_person_also_read_as_a_place() -> None:
    text = "The jet left Brixham at noon. Crowds in Brixham cheered. Brixham is small."
    got = harmonised(text, [("Brixham", 0, "Person"), ("Brixham", 1, "Place"), ("Brixham", 2, "Person")])
    assert {k for _, _, k in got} == {"Place"}


def test_entities_harmonise_a_surname_stays_a_person() -> None:
    text = "Lena Brixham spoke. Brixham said no. Officials in Brixham agreed."
    got = harmonised(text, [("Lena Brixham", 0, "Person"), ("Brixham", 1, "Person"), ("Brixham", 2, "Place")])
    assert [k for s, _, k in got if s == "Brixham"] == ["Person", "Person"]


# --- products -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        # Camel case in lower then upper: a product or a brand ...
        ("Sales of the iZephyr doubled, and iZephyr owners cheered.", [("iZephyr", 0, "Organization")], []),
        # ... unless the gazetteer knows the company, or the article has it speak.
        ("Sellers on eBay cheered.", [("eBay", 0, "Organization")], [("eBay", "Organization")]),
        ("Sales of iWidgetCo rose, iWidgetCo said.", [("iWidgetCo", 0, "Organization"), ("iWidgetCo", 1, "Person")],
         [("iWidgetCo", "Organization"), ("iWidgetCo", "Organization")]),
        # A product noun after one occurrence: every occurrence is the product.
        ("The Zephyr sold well. New Zephyr laptops ship in May.", [("Zephyr", 0, "Organization")], []),
        ("Users of Zephyr OS complained.", [("Zephyr", 0, "Person")], []),
        ("The Zephyr Pro costs more.", [("Zephyr Pro", 0, "Organization")], []),
        ("Reviewers liked Zephyr, the latest version of the system.", [("Zephyr", 0, "Person")], []),
        # A product noun or an operating system right before.
        ("Users of the web browser Zephyr complained.", [("Zephyr", 0, "Person")], []),
        ("Owners of OS X Zephyr complained.", [("Zephyr", 0, "Person")], []),
        # A product noun after a name that also speaks: an organisation.
        ("Zephyr said its Zephyr laptops sell well.", [("Zephyr", 0, "Organization")],
         [("Zephyr", "Organization"), ("Zephyr", "Organization")]),
        # A person stays a person whatever follows the name.
        ("Ann Vale spoke. Critics attacked the Vale line.", [("Ann Vale", 0, "Person"), ("Vale", 1, "Person")],
         [("Ann Vale", "Person"), ("Vale", "Person")]),
    ],
)
def test_entities_harmonise_drops_products(text: str, found: list[tuple[str, int, str]],
                                           expected: list[tuple[str, str]]) -> None:
    assert [(s, k) for s, _, k in harmonised(text, found)] == expected


def test_entities_harmonise_a_known_maker_and_a_model_name_is_a_product() -> None:
    text = "The Nokia Zephyr sold well. Nokia said more would follow."
    got = harmonised(text, [("Nokia Zephyr", 0, "Organization")])
    assert got == [("Nokia", at(text, "Nokia", 1).start, "Organization")]  # no maker inside the product


def test_entities_harmonise_a_product_keeps_its_owner() -> None:
    text = "Brightwater said critics of Brightwater's Zephyr OS spoke up."
    got = harmonised(text, [("Brightwater", 0, "Organization"), ("Brightwater's Zephyr OS", 0, "Organization")])
    assert got == [("Brightwater", at(text, "Brightwater", n).start, "Organization") for n in (0, 1)]


# --- a state body mentions its country -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "expected"),
    [
        ("Loans came from the US Treasury on Monday.", "US Treasury",
         [("US", "Place"), ("US Treasury", "Organization")]),
        ("The Norwegian Government agreed.", "Norwegian Government",
         [("Norwegian", "Place"), ("Norwegian Government", "Organization")]),
        # A company named after a country is no state body.
        ("Shares of Norway Seafood Holdings rose.", "Norway Seafood Holdings",
         [("Norway Seafood Holdings", "Organization")]),
    ],
)
def test_entities_harmonise_state_body_mentions_its_country(text: str, body: str,
                                                            expected: list[tuple[str, str]]) -> None:
    assert [(s, k) for s, _, k in harmonised(text, [(body, 0, "Organization")])] == expected


def test_entities_harmonise_a_currency_is_no_place() -> None:
    assert harmonised("Tickets cost a few US dollars at the gate.", []) == []


def test_entities_given_name_the_model_left_out_joins_the_name() -> None:
    """"Ana Lucia Torres" read as "Lucia Torres": a given name right before a person's name is
    part of it; a capitalised word that is no given name ("Minister") is not."""
    text = "Ana Lucia Torres arrived. Minister Lucia Torres spoke."
    got = harmonised(text, [("Lucia Torres", 0, "Person"), ("Lucia Torres", 1, "Person")])
    assert ("Ana Lucia Torres", 0, "Person") in got
    assert ("Lucia Torres", at(text, "Lucia Torres", 1).start, "Person") in got
