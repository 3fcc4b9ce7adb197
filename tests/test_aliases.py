"""Aliases: grouping a document's mentions into entities, each with a label and its aliases.

Fast: no spaCy model is loaded; the mentions are written by hand.
"""

from __future__ import annotations

import re

import pytest

from graph.aliases import initials, normal, resolve
from graph.entities import RawMention
from graph.model import EntityKind, Span


def at(text: str, surface: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface))


def entities(text: str, found: list[tuple[str, int, EntityKind]]) -> list[tuple[str, str, set[str], list[int]]]:
    """(kind, label, aliases, mention starts) of each resolved entity, in order."""
    raw = [RawMention(at(text, s, n), kind, s) for s, n, kind in found]
    out = resolve(text, raw)
    assert sorted(m for e in out for m in e.mentions) == sorted(m.span for m in raw)  # none lost
    return [(e.kind, e.label, e.aliases, [m.start for m in e.mentions]) for e in out]


def starts(text: str, *occurrences: tuple[str, int]) -> list[int]:
    return [at(text, s, n).start for s, n in occurrences]


# --- people -------------------------------------------------------------------------------------


def test_aliases_surname_joins_the_full_name() -> None:
    text = "Dahl spoke first. Lena Dahl later said Dahl was right."
    got = entities(text, [("Dahl", 0, "Person"), ("Lena Dahl", 0, "Person"), ("Dahl", 2, "Person")])
    assert got == [("Person", "Lena Dahl", {"Dahl"}, starts(text, ("Dahl", 0), ("Lena Dahl", 0), ("Dahl", 2)))]


def test_aliases_surname_shared_by_two_full_names_stays_apart() -> None:
    text = "Lena Dahl and Tor Dahl met. Dahl said no."
    got = entities(text, [("Lena Dahl", 0, "Person"), ("Tor Dahl", 0, "Person"), ("Dahl", 2, "Person")])
    assert [(label, aliases) for _, label, aliases, _ in got] == [
        ("Lena Dahl", set()), ("Tor Dahl", set()), ("Dahl", set()),
    ]


def test_aliases_first_name_is_not_a_surname() -> None:
    text = "Lena Dahl arrived. Lena waved."
    got = entities(text, [("Lena Dahl", 0, "Person"), ("Lena", 1, "Person")])
    assert [label for _, label, _, _ in got] == ["Lena Dahl", "Lena"]


@pytest.mark.parametrize(
    "text",
    [
        "Ann Marie Sandvik spoke. Ann Sandvik agreed.",  # the fuller form first
        "Ann Sandvik spoke. Ann Marie Sandvik agreed.",  # the shorter form first
    ],
)
def test_aliases_first_and_last_name_join_the_full_name(text: str) -> None:
    spans = sorted(Span(m.start(), m.end()) for m in re.finditer(r"Ann (?:Marie )?Sandvik", text))
    raw = [RawMention(span, "Person", span.text(text)) for span in spans]
    got = [(e.label, e.aliases, e.mentions) for e in resolve(text, raw)]
    assert got == [("Ann Marie Sandvik", {"Ann Sandvik"}, spans)]


@pytest.mark.parametrize(
    "text",
    [
        "Ann Marie Sandvik spoke. Ann Sandvik agreed. Sandvik left.",
        "Ann Sandvik spoke. Ann Marie Sandvik agreed. Sandvik left.",
        "Sandvik spoke. Ann Sandvik agreed. Ann Marie Sandvik left.",
    ],
)
def test_aliases_three_forms_of_one_name_are_one_entity(text: str) -> None:
    names = ("Ann Marie Sandvik", "Ann Sandvik", "Sandvik")
    spans = sorted(Span(m.start(), m.end()) for m in re.finditer(r"(?:[A-Z]\w* )*Sandvik", text))
    raw = [RawMention(span, "Person", span.text(text)) for span in spans]
    assert {m.text for m in raw} == set(names)
    got = [(e.label, e.aliases, e.mentions) for e in resolve(text, raw)]
    assert got == [("Ann Marie Sandvik", {"Ann Sandvik", "Sandvik"}, spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A two-part surname on its own joins the full name ...
        ("Ricardo Vega Morales spoke. Vega Morales agreed.", [("Ricardo Vega Morales", {"Vega Morales"})]),
        # ... but not when two people share it.
        ("Ricardo Vega Morales spoke. Ana Vega Morales agreed. Vega Morales left.",
         [("Ricardo Vega Morales", set()), ("Ana Vega Morales", set()), ("Vega Morales", set())]),
    ],
)
def test_aliases_two_part_surname(text: str, expected: list) -> None:
    spans = sorted(Span(m.start(), m.end()) for m in re.finditer(r"(?:Ricardo |Ana )?Vega Morales", text))
    raw = [RawMention(span, "Person", span.text(text)) for span in spans]
    assert [(e.label, e.aliases) for e in resolve(text, raw)] == expected


def test_aliases_name_in_capitals_is_labelled_in_title_case() -> None:
    """"By EMMANUEL KIPRONO and JEAN-PIERRE O'NEIL": labels as names are written, the capitals
    kept as aliases (the mentions still slice the text as written)."""
    text = "By EMMANUEL KIPRONO and JEAN-PIERRE O'NEIL"
    raw = [RawMention(at(text, name), "Person", name) for name in ("EMMANUEL KIPRONO", "JEAN-PIERRE O'NEIL")]
    got = [(e.label, e.aliases) for e in resolve(text, raw)]
    assert got == [("Emmanuel Kiprono", {"EMMANUEL KIPRONO"}), ("Jean-Pierre O'Neil", {"JEAN-PIERRE O'NEIL"})]


def test_aliases_surname_that_is_a_gazetteer_name_stays_the_person() -> None:
    # "Jordan" is a country in the gazetteer; here it is the surname of the person named before.
    text = "Basketball star Michael Jordan retired. Fans said Jordan was the best."
    got = entities(text, [("Michael Jordan", 0, "Person"), ("Jordan", 1, "Person")])
    assert got == [("Person", "Michael Jordan", {"Jordan"}, starts(text, ("Michael", 0), ("Jordan", 1)))]
    [entity] = resolve(text, [RawMention(at(text, "Michael Jordan"), "Person", "Michael Jordan"),
                              RawMention(at(text, "Jordan", 1), "Person", "Jordan")])
    assert entity.subtype is None  # not typed as a nkg:Country


def test_aliases_surname_of_an_organisation_is_not_merged() -> None:
    text = "Lena Dahl left Dahl on Monday."
    got = entities(text, [("Lena Dahl", 0, "Person"), ("Dahl", 1, "Organization")])
    assert [(kind, label) for kind, label, _, _ in got] == [("Person", "Lena Dahl"), ("Organization", "Dahl")]


# --- acronyms -----------------------------------------------------------------------------------


def test_aliases_acronym_introduced_in_parentheses() -> None:
    text = "The Tromsø Harbour Office (THK) met. THK said yes."  # not the initials: introduced
    got = entities(text, [("Tromsø Harbour Office", 0, "Organization"), ("THK", 0, "Organization"),
                          ("THK", 1, "Organization")])
    assert got == [("Organization", "Tromsø Harbour Office", {"THK"},
                    starts(text, ("Tromsø", 0), ("THK", 0), ("THK", 1)))]


def test_aliases_acronym_by_initials() -> None:
    text = "The NEB met on Monday. Later the Nordic Energy Board said yes."
    got = entities(text, [("NEB", 0, "Organization"), ("Nordic Energy Board", 0, "Organization")])
    assert got == [("Organization", "Nordic Energy Board", {"NEB"}, starts(text, ("NEB", 0), ("Nordic", 0)))]


def test_aliases_acronym_neither_introduced_nor_initials_stays_apart() -> None:
    text = "The Nordic Energy Board met. XYZ said yes."
    got = entities(text, [("Nordic Energy Board", 0, "Organization"), ("XYZ", 0, "Organization")])
    assert [label for _, label, _, _ in got] == ["Nordic Energy Board", "XYZ"]


@pytest.mark.parametrize(
    ("name", "letters"),
    [("Nordic Energy Board", "NEB"), ("Bank of the North", "BN"), ("Trans-Arctic Rail Company", "TARC")],
)
def test_aliases_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


# --- gazetteer variants and names up to form ----------------------------------------------------


def test_aliases_gazetteer_variants_are_one_entity() -> None:
    text = "US troops and U.S. ships left; the United States and American voters agreed."
    got = entities(text, [("US", 0, "Place"), ("U.S.", 0, "Place"), ("United States", 0, "Place"),
                          ("American", 0, "Place")])
    assert got == [("Place", "United States", {"US", "U.S.", "American"},
                    starts(text, ("US", 0), ("U.S.", 0), ("United States", 0), ("American", 0)))]
    [entity] = resolve(text, [RawMention(at(text, "U.S."), "Place", "U.S.")])
    assert (entity.label, entity.aliases, entity.subtype) == ("United States", {"U.S."}, "Country")


def test_aliases_canonical_name_of_a_credit() -> None:
    text = "Boats at dawn. (AP Photo) The AP said so."
    raw = [RawMention(at(text, "AP"), "Organization", "AP", "Associated Press"),
           RawMention(at(text, "AP", 1), "Organization", "AP")]
    [entity] = resolve(text, raw)
    assert (entity.label, entity.aliases, entity.subtype) == ("Associated Press", {"AP"}, None)
    assert entity.mentions == [at(text, "AP"), at(text, "AP", 1)]


@pytest.mark.parametrize(
    ("first", "second", "label", "alias"),
    [
        ("Acme Corp.", "Acme", "Acme Corp.", "Acme"),
        ("Acme", "Acme Corp.", "Acme Corp.", "Acme"),
        ("Brightwater Ltd", "Brightwater Limited", "Brightwater Limited", "Brightwater Ltd"),
        ("Nordlys Group", "NORDLYS", "Nordlys Group", "NORDLYS"),
        ("Fjord Bank, Inc.", "Fjord Bank", "Fjord Bank, Inc.", "Fjord Bank"),
    ],
)
def test_aliases_legal_suffix_and_case(first: str, second: str, label: str, alias: str) -> None:
    text = f"{first} said on Monday that {second} would grow."
    later = text.index(" that ") + 6
    raw = [RawMention(Span(0, len(first)), "Organization", first),
           RawMention(Span(later, later + len(second)), "Organization", second)]
    [entity] = resolve(text, raw)
    assert (entity.kind, entity.label, entity.aliases) == ("Organization", label, {alias})
    assert entity.mentions == [raw[0].span, raw[1].span]


@pytest.mark.parametrize(("surface", "key"), [("Acme Corp.", "acme"), ("U.N.", "un"), ("O’Neil  Ltd", "o'neil")])
def test_aliases_normal_form(surface: str, key: str) -> None:
    assert normal(surface) == key


def test_aliases_same_name_of_different_kinds_stays_apart() -> None:
    text = "Holm moved to Holm last year."
    got = entities(text, [("Holm", 0, "Person"), ("Holm", 1, "Place")])
    assert [(kind, label) for kind, label, _, _ in got] == [("Person", "Holm"), ("Place", "Holm")]


# --- labels and order ---------------------------------------------------------------------------


def test_aliases_label_is_the_fullest_name_and_aliases_the_others() -> None:
    text = "Dahl of Brightwater spoke. Lena Dahl of Brightwater Ltd agreed. Dahl left BRIGHTWATER."
    got = entities(text, [("Dahl", 0, "Person"), ("Brightwater", 0, "Organization"), ("Lena Dahl", 0, "Person"),
                          ("Brightwater Ltd", 0, "Organization"), ("Dahl", 2, "Person"),
                          ("BRIGHTWATER", 0, "Organization")])
    assert [(label, aliases) for _, label, aliases, _ in got] == [
        ("Lena Dahl", {"Dahl"}), ("Brightwater Ltd", {"Brightwater", "BRIGHTWATER"}),
    ]


def test_aliases_entities_in_order_of_first_mention() -> None:
    text = "Tromsø hosted Acme Ltd and Lena Dahl; Acme Limited paid, and Dahl left Tromsø."
    got = entities(text, [("Lena Dahl", 0, "Person"), ("Tromsø", 1, "Place"), ("Acme Limited", 0, "Organization"),
                          ("Dahl", 1, "Person"), ("Tromsø", 0, "Place"), ("Acme Ltd", 0, "Organization")])
    assert [(label, first[0]) for _, label, _, first in got] == [
        ("Tromsø", 0), ("Acme Limited", text.index("Acme")), ("Lena Dahl", text.index("Lena")),
    ]
    for _, _, _, mention_starts in got:
        assert mention_starts == sorted(mention_starts)
