"""The city gazetteer (graph/data/cities.tsv): capitals and cities frequent in news are known
places, their spelling variants one entity, and names that are also people or words are left out."""

from __future__ import annotations

from collections import defaultdict

import pytest
from fixtures_nlp import analyse, article

from graph import gazetteer
from graph.resources import gazetteer as gazetteer_path


def test_cities_file_has_a_header_and_four_columns() -> None:
    lines = gazetteer_path("cities.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# name\taliases\tkind\tiso2 -- ")
    for line in lines[1:]:
        cells = line.split("\t")
        assert len(cells) == 4 and cells[0].strip() == cells[0] != "", line


def test_cities_are_places_with_a_kind_and_their_countrys_code() -> None:
    cities = gazetteer.entries("city")
    codes = {entry.iso2 for entry in gazetteer.entries("country")}
    assert 250 <= len(cities) <= 400
    assert {entry.category for entry in cities} == {"place"}
    assert {entry.kind for entry in cities} == {"capital", "city", "town"}
    assert [entry.name for entry in cities if entry.iso2 not in codes] == ["Jerusalem"]
    assert len({entry.name for entry in cities}) == len(cities)


def test_cities_every_surface_form_finds_its_own_city() -> None:
    # No form names two cities, and none is shadowed by a country, a place or an organisation.
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer.entries("city"):
        for form in entry.surfaces():
            owners[form].add(entry.name)
            assert gazetteer.lookup(form) == entry, form
    assert not {form: names for form, names in owners.items() if len(names) > 1}


@pytest.mark.parametrize(
    ("surface", "name", "kind", "iso2"),
    [
        ("Kyiv", "Kyiv", "capital", "UA"),
        ("Accra", "Accra", "capital", "GH"),
        ("Copenhagen", "Copenhagen", "capital", "DK"),
        ("Rotterdam", "Rotterdam", "city", "NL"),
        ("Medyka", "Medyka", "town", "PL"),
        ("Kiev", "Kyiv", "capital", "UA"),
        ("Bombay", "Mumbai", "city", "IN"),
        ("Rangoon", "Yangon", "city", "MM"),
        ("Bogota", "Bogotá", "capital", "CO"),
        ("N’Djamena", "N'Djamena", "capital", "TD"),
        ("the Hague", "The Hague", "city", "NL"),
        ("NYC", "New York City", "city", "US"),
        ("Kuwait City", "Kuwait City", "capital", "KW"),
    ],
)
def test_cities_lookup_resolves_names_and_variants(surface: str, name: str, kind: str, iso2: str) -> None:
    entry = gazetteer.lookup(surface)
    assert entry is not None
    assert (entry.name, entry.category, entry.kind, entry.iso2) == (name, "place", kind, iso2)


@pytest.mark.parametrize(
    "surface",
    ["Victoria", "Florence", "Charlotte", "Austin", "Phoenix", "Lincoln", "Jackson", "Mobile",
     "Reading", "Nice", "Bath", "Split", "Sofia", "Houston", "Washington", "kyiv", "Peking"],
)
def test_cities_leave_out_names_that_are_people_words_or_ambiguous(surface: str) -> None:
    assert gazetteer.lookup(surface) is None


@pytest.mark.parametrize(
    ("surface", "category", "kind"),
    [("New York", "place", "state"), ("Gaza", "place", "territory"), ("Kuwait", "country", "country"),
     ("Washington, D.C.", "place", "district")],
)
def test_cities_leave_countries_and_places_their_forms(surface: str, category: str, kind: str) -> None:
    entry = gazetteer.lookup(surface)
    assert entry is not None and (entry.category, entry.kind) == (category, kind)


def test_cities_are_no_demonyms() -> None:
    assert gazetteer.demonym_of("Kyiv") is None


@pytest.mark.slow
def test_cities_are_places_in_an_article(nlp) -> None:
    doc = analyse(nlp, article(
        "Officials in Kyiv said the convoy had left on Tuesday. In Accra, ministers met to discuss "
        "cocoa prices."))
    kinds = {e.label: (e.kind, e.known) for e in doc.entities}
    assert kinds["Kyiv"] == ("Place", True)
    assert kinds["Accra"] == ("Place", True)


@pytest.mark.slow
def test_cities_spelling_variants_are_one_entity(nlp) -> None:
    doc = analyse(nlp, article(
        "Shelling resumed near Kiev on Monday. Officials in Kyiv said the power grid held."))
    [city] = [e for e in doc.entities if {"Kyiv", "Kiev"} & ({e.label} | e.aliases)]
    assert (city.kind, city.label, city.aliases, city.known) == ("Place", "Kyiv", {"Kiev"}, True)
    assert len(city.mentions) == 2
