"""Where the data that ships with the package lives: ontology, shapes, queries, examples, gazetteers.

From a wheel the ontology and queries are inside the package (``graph/_data/``); from a source
checkout they are the repository's top-level ``ontology/`` and ``queries/`` folders.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_REPO = PACKAGE.parent


def _data_dir(name: str) -> Path:
    bundled = PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _REPO / name


def ontology_dir() -> Path:
    """The folder of ontology and SHACL Turtle files."""
    return _data_dir("ontology")


def ontology_files() -> list[Path]:
    """The ontology's Turtle files, shapes excluded."""
    return sorted(p for p in ontology_dir().glob("*.ttl") if p.name != "shapes.ttl")


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    """The folder of named SPARQL queries (``NAME.rq``)."""
    return _data_dir("queries")


def example_article() -> Path:
    """The bundled example: a scraped news page as plain text."""
    return PACKAGE / "examples" / "russia-isis-syria-2017-12-07.txt"


def gazetteer(name: str) -> Path:
    """A tab-separated gazetteer that ships in ``graph/data/``."""
    return PACKAGE / "data" / name
