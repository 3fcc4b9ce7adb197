"""General-knowledge gazetteers for English news: countries, places, cities, organisations, titles.

The data ships as UTF-8 files in ``graph/data/`` (see :func:`graph.resources.gazetteer`); each
file's first ``#`` line names its columns and its basis. Everything is read once per process.

Matching is exact and case-sensitive, so ``"US"`` is the United States and ``"us"`` is not.
:func:`lookup` tolerates a leading "the"/"The" and dotted or undotted initials ("U.S." / "US",
"U.S" as split off a sentence's final full stop). Cities are places: ``entries("city")`` reads
cities.tsv into entries of category "place" (kind capital, city or town, with their country's
iso2). When one surface form belongs to entries of several categories, countries win over places,
places over cities, and cities over organisations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .resources import gazetteer

CATEGORIES = ("country", "place", "organization")

_FILES = {
    "country": "countries.tsv",
    "place": "places.tsv",
    "city": "cities.tsv",
    "organization": "organizations.tsv",
}
_LOOKUP_ORDER = ("country", "place", "city", "organization")
_COLUMNS = 4
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?|[A-Z]{2,6}")
_ARTICLES = ("the ", "The ")
_CREDIT_SUFFIXES = (" Photos", " Photo", " photo", " Images", " Pool", " pool")
_TITLE_MODIFIERS = (
    "former", "acting", "interim", "outgoing", "incoming", "then", "late", "deputy",
    "assistant", "senior", "first", "the",
)
_TITLE_PREFIXES = ("ex-", "then-")


@dataclass(frozen=True)
class Entry:
    """One gazetteer row: a country, a place or an organisation and its surface forms."""

    name: str
    kind: str
    aliases: frozenset[str]
    demonyms: frozenset[str]
    credit: frozenset[str]
    category: str  # "country" | "place" | "organization"
    iso2: str = ""

    def surfaces(self) -> frozenset[str]:
        """Every form :func:`lookup` matches for this entry: name, aliases and demonyms."""
        return frozenset({self.name}) | self.aliases | self.demonyms


def _split(cell: str) -> frozenset[str]:
    return frozenset(form.strip() for form in cell.split("|") if form.strip())


def _rows(filename: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every data line; ``#`` lines and blank lines are skipped."""
    text = gazetteer(filename).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != _COLUMNS:
            raise ValueError(
                f"{filename}, line {number}: expected {_COLUMNS} tab-separated columns, "
                f"found {len(cells)}."
            )
        yield number, [cell.strip() for cell in cells]


def _entry(category: str, cells: list[str]) -> Entry:
    name, second, third, fourth = cells
    if category == "country":
        return Entry(name, "country", _split(second), _split(third), frozenset(), category, fourth)
    if category == "place":
        return Entry(name, fourth, _split(second), _split(third), frozenset(), category)
    if category == "city":
        return Entry(name, third, _split(second), frozenset(), frozenset(), "place", fourth)
    return Entry(name, third, _split(second), frozenset(), _split(fourth), category)


@cache
def entries(category: str) -> tuple[Entry, ...]:
    """The entries of one category ("country", "place" or "organization"), or the cities of
    cities.tsv ("city": entries of category "place"), in file order."""
    if category not in _FILES:
        raise ValueError(f"Unknown gazetteer category {category!r}; use one of {tuple(_FILES)}.")
    return tuple(_entry(category, cells) for _, cells in _rows(_FILES[category]))


def _index(pairs: Iterable[tuple[str, Entry]]) -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for surface, entry in pairs:
        index.setdefault(surface, entry)  # the earlier row wins; the tests keep this from mattering
    return index


@cache
def _surface_index(category: str) -> dict[str, Entry]:
    return _index((form, e) for e in entries(category) for form in sorted(e.surfaces()))


@cache
def _demonym_index(category: str) -> dict[str, Entry]:
    return _index((form, e) for e in entries(category) for form in sorted(e.demonyms))


@cache
def _credit_index() -> dict[str, Entry]:
    return _index((form, e) for e in entries("organization") for form in sorted(e.credit))


def _undotted(surface: str) -> str | None:
    """Drop the dots of a form made only of capital initials ("U.S." → "US"); else None."""
    if not _INITIALS.fullmatch(surface):
        return None
    return surface.replace(".", "")


def _initials_variants(surface: str) -> list[str]:
    bare = _undotted(surface)
    if bare is None:
        return [surface]
    dotted = "".join(f"{letter}." for letter in bare)
    return list(dict.fromkeys([surface, bare, dotted]))


def _article_variants(surface: str) -> list[str]:
    """The form itself, with "the"/"The" swapped, then without the article."""
    for article in _ARTICLES:
        if surface.startswith(article):
            rest = surface[len(article):]
            other = "The " if article == "the " else "the "
            return [surface, other + rest, rest]
    return [surface]


def _variants(surface: str) -> list[str]:
    forms = (v for a in _article_variants(surface.strip()) for v in _initials_variants(a))
    return list(dict.fromkeys(forms))


def _find(surface: str, indexes: list[dict[str, Entry]]) -> Entry | None:
    # Variant order outranks category order, so an exact "The New Yorker" (a magazine) is not
    # shadowed by "New Yorker" (a demonym of a place) once the article is dropped.
    for form in _variants(surface):
        for index in indexes:
            if form in index:
                return index[form]
    return None


# The entity stage asks about every run of capitalised words and each of its sub-runs, mostly
# the same few hundred strings again and again; the answers never change within a process.
@lru_cache(maxsize=1 << 16)
def lookup(surface: str) -> Entry | None:
    """The entry whose name, alias or demonym is ``surface`` (case-sensitive), or None."""
    return _find(surface, [_surface_index(category) for category in _LOOKUP_ORDER])


@lru_cache(maxsize=1 << 16)
def demonym_of(surface: str) -> Entry | None:
    """The country or place ``surface`` is a demonym of ("Russian" → Russia), or None."""
    return _find(surface, [_demonym_index("country"), _demonym_index("place")])


def _credit_candidates(surface: str) -> list[str]:
    """Forms to try for a credit: "(AP Photo/X)" → "AP Photo/X", "AP Photo", "AP"."""
    text = surface.strip().strip("()").strip()
    candidates = [text]
    for separator in ("/", " via ", " - "):
        head = text.split(separator, 1)[0].strip()
        candidates.append(head)
    for candidate in list(candidates):
        for suffix in _CREDIT_SUFFIXES:
            if candidate.endswith(suffix):
                candidates.append(candidate[: -len(suffix)].strip())
    return [c for c in dict.fromkeys(candidates) if c]


def credit_agency(surface: str) -> Entry | None:
    """The organisation named by a photo or wire credit ("AP" in "(AP Photo)"), or None."""
    index = _credit_index()
    for candidate in _credit_candidates(surface):
        for form in _initials_variants(candidate):
            if form in index:
                return index[form]
    return None


def _word_list(filename: str) -> frozenset[str]:
    text = gazetteer(filename).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def titles() -> frozenset[str]:
    """Lower-case titles, ranks and positions ("prime minister", "gen.", "ceo")."""
    return _word_list("titles.txt")


@cache
def honorifics() -> frozenset[str]:
    """Lower-case honorifics and forms of address ("mr.", "dr", "sir", "his excellency")."""
    return _word_list("honorifics.txt")


def _normalise_title(words: str) -> str:
    return " ".join(words.lower().replace("\u2019", "'").split()).strip(",;:")


def _without_modifier(words: str) -> str | None:
    """Drop one leading modifier ("former defense minister" → "defense minister"), else None."""
    for prefix in _TITLE_PREFIXES:
        if words.startswith(prefix):
            return words[len(prefix):]
    head, _, rest = words.partition(" ")
    return rest if rest and head in _TITLE_MODIFIERS else None


def is_title(words: str) -> bool:
    """Whether ``words`` (any case) is a title, also after modifiers such as "former"."""
    known = titles()
    candidate: str | None = _normalise_title(words)
    while candidate:
        if candidate in known:
            return True
        candidate = _without_modifier(candidate)
    return False


@cache
def _given_names() -> dict[str, str]:
    text = gazetteer("given_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {name: gender.strip() for name, gender in rows}


def given_name_gender(name: str) -> str | None:
    """"m" or "f" for a given name borne by one gender by a wide margin ("Maria" → "f"), else
    None (unknown, or used for both: "Jean", "Andrea")."""
    return _given_names().get(name)
