"""newskg: an offline knowledge-graph builder for news articles.

    >>> import graph
    >>> ds = graph.build_graph("Russian President Vladimir Putin visited Syria on Monday.")
    >>> graph.run_query(ds, "entities").rows  # doctest: +SKIP
"""

from __future__ import annotations

from .build import BuildSummary, build_files, build_graph
from .errors import (
    GraphError,
    InputError,
    ModelError,
    OutputError,
    QueryError,
    UsageError,
    ValidationError,
)
from .export import export
from .network import to_networkx
from .query import QueryResult, list_queries, load_graph, run_query
from .validate import validate
from .visualise import GraphView, render_html, show, write_html

__version__ = "0.1.0"

__all__ = [
    "BuildSummary",
    "GraphError",
    "GraphView",
    "InputError",
    "ModelError",
    "OutputError",
    "QueryError",
    "QueryResult",
    "UsageError",
    "ValidationError",
    "build_files",
    "build_graph",
    "export",
    "list_queries",
    "load_graph",
    "render_html",
    "run_query",
    "show",
    "to_networkx",
    "validate",
    "write_html",
]
