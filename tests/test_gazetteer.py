"""The shipped gazetteers parse cleanly and resolve surface forms as documented."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from graph import gazetteer
from graph.resources import gazetteer as gazetteer_path

TSV_FILES = ("countries.tsv", "places.tsv", "organizations.tsv")
WORD_FILES = ("titles.txt", "honorifics.txt")
KINDS = {
    "country": {"country"},
    "place": {"continent", "region", "territory", "district", "state", "province"},
    "organization": {
        "agency", "media", "igo", "ngo", "armed_group", "government", "party", "company",
    },
}


def _data_lines(filename: str) -> list[str]:
    lines = gazetteer_path(filename).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("filename", TSV_FILES + WORD_FILES)
def test_gazetteer_file_starts_with_a_header_comment(filename: str) -> None:
    first = gazetteer_path(filename).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 40


@pytest.mark.parametrize("filename", TSV_FILES)
def test_gazetteer_rows_have_four_columns_and_a_name(filename: str) -> None:
    for line in _data_lines(filename):
        cells = line.split("\t")
        assert len(cells) == 4, line
        assert cells[0].strip() == cells[0] != "", line


@pytest.mark.parametrize("category", gazetteer.CATEGORIES)
def test_gazetteer_kinds_are_known(category: str) -> None:
    assert {entry.kind for entry in gazetteer.entries(category)} <= KINDS[category]


@pytest.mark.parametrize("category", gazetteer.CATEGORIES)
def test_gazetteer_no_surface_form_names_two_entries_in_one_category(category: str) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer.entries(category):
        for form in entry.surfaces():
            owners[form].add(entry.name)
    clashes = {form: names for form, names in owners.items() if len(names) > 1}
    assert not clashes


def test_gazetteer_no_credit_form_names_two_organizations() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer.entries("organization"):
        for form in entry.credit:
            owners[form].add(entry.name)
    assert not {form: names for form, names in owners.items() if len(names) > 1}


@pytest.mark.parametrize("category", gazetteer.CATEGORIES)
def test_gazetteer_entry_names_are_unique(category: str) -> None:
    names = [entry.name for entry in gazetteer.entries(category)]
    assert len(names) == len(set(names))


def test_gazetteer_countries_are_un_members_plus_four() -> None:
    countries = gazetteer.entries("country")
    codes = [entry.iso2 for entry in countries]
    assert len(countries) == 193 + 4
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    assert len(set(codes)) == len(codes)
    assert gazetteer.lookup("European Union").category == "organization"


def test_gazetteer_has_fifty_us_states_without_postal_codes() -> None:
    states = [e for e in gazetteer.entries("place") if e.kind == "state"]
    assert len(states) == 50
    assert not [a for e in states for a in e.aliases if re.fullmatch(r"[A-Z]{2}", a)]


@pytest.mark.parametrize("surface", ["US", "U.S.", "U.S", "United States", "America",
                                     "the United States", "The U.S.", "USA", "U.S.A"])
def test_gazetteer_lookup_united_states(surface: str) -> None:
    entry = gazetteer.lookup(surface)
    assert entry is not None
    assert (entry.name, entry.category, entry.iso2) == ("United States", "country", "US")


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Russian Federation", "Russia"),
        ("Syrian Arab Republic", "Syria"),
        ("DPRK", "North Korea"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("the Netherlands", "Netherlands"),
        ("Georgia", "Georgia"),
        ("Middle East", "Middle East"),
        ("Calif.", "California"),
        ("Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("U.N.", "United Nations"),
        ("N.A.T.O.", "NATO"),
        ("WHO", "World Health Organization"),
        ("EPA", "Environmental Protection Agency"),
        ("The New Yorker", "The New Yorker"),
        ("the Kremlin", "Kremlin"),
    ],
)
def test_gazetteer_lookup_resolves_aliases(surface: str, name: str) -> None:
    entry = gazetteer.lookup(surface)
    assert entry is not None and entry.name == name


def test_gazetteer_lookup_prefers_countries_over_places() -> None:
    assert gazetteer.lookup("Georgia").category == "country"
    assert gazetteer.lookup("Ga.").kind == "state"


@pytest.mark.parametrize(
    "surface",
    ["ISIS", "ISIL", "IS", "Islamic State", "Daesh", "Islamic State of Iraq and the Levant"],
)
def test_gazetteer_lookup_islamic_state_aliases_share_an_entry(surface: str) -> None:
    entry = gazetteer.lookup(surface)
    assert entry is not None
    assert (entry.name, entry.kind) == ("Islamic State", "armed_group")


@pytest.mark.parametrize(
    "surface",
    ["us", "usa", "u.s.", "united states", "russia", "Atlantis", "", "   ", "The", "IN", "OR",
     "ME", "Fed", "PA", "Mass.", "Miss."],
)
def test_gazetteer_lookup_is_case_sensitive_and_rejects_unknown_or_risky_forms(
    surface: str,
) -> None:
    assert gazetteer.lookup(surface) is None


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Russian", "Russia"),
        ("Russians", "Russia"),
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Syrian", "Syria"),
        ("Emirati", "United Arab Emirates"),
        ("European", "Europe"),
        ("Californian", "California"),
    ],
)
def test_gazetteer_demonym_of(surface: str, name: str) -> None:
    entry = gazetteer.demonym_of(surface)
    assert entry is not None and entry.name == name
    assert gazetteer.lookup(surface) == entry


@pytest.mark.parametrize("surface", ["Russia", "russian", "Kiwi", "Reuters", "AP"])
def test_gazetteer_demonym_of_only_matches_demonyms(surface: str) -> None:
    assert gazetteer.demonym_of(surface) is None


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("AP", "Associated Press"),
        ("(AP Photo)", "Associated Press"),
        ("AP Photo/Evan Vucci", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("AFP via Getty Images", "Agence France-Presse"),
        ("AFP/Getty Images", "Agence France-Presse"),
        ("Getty Images", "Getty Images"),
        ("REUTERS/Kevin Lamarque", "Reuters"),
        ("EPA", "European Pressphoto Agency"),
        ("EPA-EFE", "European Pressphoto Agency"),
        ("PA", "PA Media"),
        ("SANA", "Syrian Arab News Agency"),
    ],
)
def test_gazetteer_credit_agency(surface: str, name: str) -> None:
    entry = gazetteer.credit_agency(surface)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize("surface", ["ap", "Associated", "Russia", "", "Evan Vucci"])
def test_gazetteer_credit_agency_rejects_non_credits(surface: str) -> None:
    assert gazetteer.credit_agency(surface) is None


@pytest.mark.parametrize(
    "words",
    ["president", "Prime Minister", "defence minister", "Defense  Minister", "gen.", "CEO",
     "former president", "then-president", "acting secretary of state", "chief executive"],
)
def test_gazetteer_is_title(words: str) -> None:
    assert gazetteer.is_title(words)


@pytest.mark.parametrize("words", ["Mr.", "the", "former", "", "Vladimir Putin", "Russia"])
def test_gazetteer_is_title_rejects_non_titles(words: str) -> None:
    assert not gazetteer.is_title(words)


@pytest.mark.parametrize("filename", WORD_FILES)
def test_gazetteer_word_lists_are_lower_case_and_unique(filename: str) -> None:
    lines = [line.strip() for line in _data_lines(filename)]
    assert lines == [line.lower() for line in lines]
    assert len(lines) == len(set(lines))


def test_gazetteer_titles_and_honorifics_are_disjoint() -> None:
    assert {"mr.", "mrs.", "ms.", "dr.", "sir"} <= gazetteer.honorifics()
    assert {"president", "gen.", "prime minister"} <= gazetteer.titles()
    assert not gazetteer.titles() & gazetteer.honorifics()
    assert len(gazetteer.titles()) >= 150
