"""Errors raised for the user's mistakes and the environment's limits.

Every message is one full sentence that names the cause (and, where there is one, the fix)::

    GraphError                 base: the CLI prints the message and exits 1
     ├── InputError            an input is missing, empty, binary, not UTF-8, or holds no article
     ├── OutputError           an output file or folder cannot be written
     ├── ModelError            the spaCy model cannot be loaded
     ├── QueryError            a query is unknown or is not valid SPARQL
     ├── ValidationError       a built graph does not conform to the SHACL shapes
     └── UsageError            a bad option value (the CLI exits 2)
"""

from __future__ import annotations


class GraphError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 1


class InputError(GraphError):
    """An input cannot be read as news text."""


class OutputError(GraphError):
    """An output cannot be written."""


class ModelError(GraphError):
    """The language model cannot be loaded."""


class QueryError(GraphError):
    """A SPARQL query is unknown or invalid."""


class ValidationError(GraphError):
    """A graph does not conform to the project's SHACL shapes."""


class UsageError(GraphError):
    """An option or parameter has a value that cannot be used."""

    exit_code = 2
