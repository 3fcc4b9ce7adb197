"""Named SPARQL queries over a built graph.

The queries are plain ``NAME.rq`` files in ``queries/``; each starts with ``#`` comments that say
what it answers and which parameters it takes (``# param: NAME — meaning``). Parameters are
always bound with ``initBindings``, never pasted into the query text::

    result = run_query(load_graph("output/graph.trig"), "mentions", label="Vladimir Putin")
    print(result.to_table())
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from .errors import InputError, QueryError, UsageError
from .namespaces import PREFIXES
from .resources import queries_dir

QUERY_SUFFIXES = (".rq", ".sparql")
FORMATS = ("table", "csv", "json")
GRAPH_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".nq": "nquads",
}

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM_DOC = re.compile(r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[—–:-]+\s*)?(.*)$")
_ABSOLUTE_IRI = re.compile(r"(?:https?://|urn:)[^\s<>\"{}|\\^`]+")
_IRI_CHARS = re.compile(r"[^\s<>\"{}|\\^`]+")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:([\w.-]*)")
_QUOTED = re.compile(r'"(?P<text>.*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<dt>\S+))?', re.S)


@dataclass(frozen=True)
class QueryInfo:
    """What a query file says about itself in its leading comments."""

    name: str
    description: str  # the first comment line: the question the query answers
    details: str = ""  # the other comment lines, joined
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class QueryResult:
    """The rows of a SELECT query; unbound cells are ``None``."""

    name: str
    columns: list[str]
    rows: list[tuple[Identifier | None, ...]]
    cut_at: int | None = None  # a remote endpoint cut the answer to this many rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Identifier | None, ...]]:
        return iter(self.rows)

    def render(self, fmt: str) -> str:
        """The result as ``table``, ``csv`` or ``json`` text."""
        if fmt == "table":
            return self.to_table()
        if fmt == "csv":
            return self.to_csv()
        if fmt == "json":
            return self.to_json()
        raise UsageError(f"Unknown output format '{fmt}'; use one of {', '.join(FORMATS)}.")

    def to_table(self, max_width: int | None = 80) -> str:
        """Aligned plain text: IRIs shortened with the known prefixes, literals as their text.

        Cells longer than ``max_width`` are cut (IRIs keep their end, text its start);
        ``None`` keeps every cell whole.
        """
        cells = [[_display(v, max_width) for v in row] for row in self.rows]
        numeric = [
            bool(self.rows) and all(_is_number(row[i]) for row in self.rows if row[i] is not None)
            for i in range(len(self.columns))
        ]
        widths = [
            max([len(col), *(len(r[i]) for r in cells)]) for i, col in enumerate(self.columns)
        ]

        def line(values: list[str]) -> str:
            parts = [
                v.rjust(w) if num else v.ljust(w)
                for v, w, num in zip(values, widths, numeric, strict=True)
            ]
            return "  ".join(parts).rstrip()

        out = [line(list(self.columns)), "  ".join("-" * w for w in widths)]
        out.extend(line(r) for r in cells)
        return "\n".join(out) + "\n"

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV results: a header of variable names, then lexical values (RFC 4180)."""
        buf = io.StringIO()
        writer = csv.writer(buf)  # RFC 4180 line ends (CRLF), as the SPARQL CSV format says
        writer.writerow(self.columns)
        writer.writerows(["" if v is None else str(v) for v in row] for row in self.rows)
        return buf.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON; unbound variables are left out of their binding."""
        bindings = [
            {col: _json_term(v) for col, v in zip(self.columns, row, strict=True) if v is not None}
            for row in self.rows
        ]
        doc = {"head": {"vars": self.columns}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def list_queries() -> dict[str, Path]:
    """The named queries that ship with the package, by name."""
    folder = queries_dir()
    return {p.stem: p for p in sorted(folder.glob("*.rq"))} if folder.is_dir() else {}


def load_query(name_or_path: str) -> tuple[str, str]:
    """``(name, text)`` of a named query or of a ``.rq`` file, checked to be valid SPARQL."""
    known = list_queries()
    if name_or_path in known:
        name, path = name_or_path, known[name_or_path]
    else:
        path = Path(name_or_path)
        looks_like_path = path.suffix in QUERY_SUFFIXES or len(path.parts) > 1
        if not looks_like_path:
            raise QueryError(f"Unknown query '{name_or_path}'. Known queries: {_names(known)}.")
        if not path.is_file():
            raise QueryError(
                f"Query file '{name_or_path}' does not exist. Known queries: {_names(known)}."
            )
        if path.suffix not in QUERY_SUFFIXES:
            raise QueryError(f"Query file '{name_or_path}' is not a .rq file.")
        name = path.stem
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"Cannot read query file '{path}': {_one_line(exc)}.") from None
    _prepare(name, text)
    return name, text


def query_info(name_or_path: str) -> QueryInfo:
    """What a query answers and its documented parameters, from its leading ``#`` comments."""
    name, text = load_query(name_or_path)
    lines: list[str] = []
    params: dict[str, str] = {}
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM_DOC.match(stripped)
        if match:
            params[match[1]] = match[2].strip()
        else:
            lines.append(stripped.lstrip("#").strip())
    lines = [x for x in lines if x]
    return QueryInfo(name, lines[0] if lines else "", " ".join(lines[1:]), params)


def parse_param(text: str) -> tuple[str, Identifier]:
    """Parse a CLI ``--param NAME=VALUE``.

    VALUE is read as:

    * ``<IRI>`` or a bare absolute ``http://``, ``https://`` or ``urn:`` IRI → an IRI;
    * a prefixed name with a known prefix (``nkg:Person``, ``schema:Person``) → the full IRI;
    * ``"text"``, ``"text"@lang`` or ``"text"^^xsd:type`` → that literal (quotes force text);
    * anything else → a plain string literal. Numbers stay text (labels such as "2017" are
      strings in the graph); write ``"42"^^xsd:integer`` for a typed number.
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep:
        raise UsageError(f"Parameter '{text}' has no '='; write it as NAME=VALUE.")
    if not name:
        raise UsageError(f"Parameter '{text}' has no name; write it as NAME=VALUE.")
    if not _NAME.fullmatch(name):
        raise UsageError(
            f"Parameter name '{name}' is not a SPARQL variable name (letters, digits, _)."
        )
    if value == "":
        raise UsageError(f"Parameter '{name}' has no value; write {name}=\"\" for empty text.")
    return name, _parse_value(name, value)


def bind_params(name: str, text: str, params: Mapping[str, Identifier | str | int]) -> dict[str, Identifier]:
    """The parameters as RDF terms, each checked to be a variable of the query."""
    variables = _variables(_prepare(name, text).algebra)
    bindings: dict[str, Identifier] = {}
    for key, value in params.items():
        if key not in variables:
            documented = _documented_params(text)
            takes = f"its parameters: {', '.join(documented)}" if documented else "it takes none"
            raise UsageError(f"Query '{name}' has no parameter '{key}'; {takes}.")
        bindings[key] = _to_term(key, value)
    return bindings


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with the bindings as a ``VALUES`` row opening its WHERE group: how parameters are
    bound for an engine without initBindings (Oxigraph, remote endpoints). Each value is written
    by :func:`graph.sparql.remote.encode_term`, so user text is only ever inside one IRI or one
    string literal."""
    from .sparql.remote import with_safe_values

    return with_safe_values(text, bindings)


def run_query(graph: Graph, name_or_path: str, **params: Identifier | str | int) -> QueryResult:
    """Run a named query (or a ``.rq`` file) with parameters bound through ``initBindings``.

    A Dataset is queried as the union of all its graphs. Parameter values may be rdflib terms,
    ``int`` (an ``xsd:integer``) or ``str`` (``"<IRI>"`` is an IRI, anything else text).
    """
    from .sparql.remote import fill_slots

    name, text = load_query(name_or_path)
    bindings = bind_params(name, text, params)
    # The binding slots are filled here too, so that subqueries see the parameters the same way
    # on every engine (rdflib does not carry initBindings into a subquery's own VALUES).
    query = _prepare(name, fill_slots(text, bindings))
    target = Dataset(store=graph.store, default_union=True) if graph.context_aware else graph
    try:
        result = target.query(query, initBindings=bindings)
        columns = [str(v) for v in (result.vars or [])]
        rows = [tuple(row) for row in result]  # type: ignore[arg-type]
    except Exception as exc:  # rdflib raises plain exceptions for evaluation errors
        raise QueryError(f"Query '{name}' failed: {_one_line(exc)}.") from None
    return QueryResult(name, columns, rows)  # type: ignore[arg-type]


def load_graph(path: str | Path) -> Dataset:
    """Read a graph file (.ttl, .trig, .jsonld, .nt, .nq) into a Dataset whose default graph is the
    union of its named graphs; the format follows the suffix."""
    source = Path(path)
    fmt = GRAPH_FORMATS.get(source.suffix.lower())
    if fmt is None:
        known = ", ".join(GRAPH_FORMATS)
        raise InputError(f"Cannot tell the RDF format of '{source}'; use one of: {known}.")
    if source.is_dir():
        raise InputError(f"Graph file '{source}' is a folder; name the graph file in it.")
    if not source.is_file():
        raise InputError(f"Graph file '{source}' does not exist.")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(source, format=fmt)
    except Exception as exc:  # each rdflib parser has its own exception types
        raise InputError(f"Cannot parse '{source}' as {fmt}: {_one_line(exc)}.") from None
    if next(iter(dataset.quads()), None) is None:
        raise InputError(f"Graph file '{source}' holds no triples.")
    return dataset


@lru_cache(maxsize=64)
def _prepare(name: str, text: str) -> Query:
    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing and rdflib raise several types for bad SPARQL
        raise QueryError(f"Query '{name}' is not valid SPARQL: {_one_line(exc)}.") from None
    if query.algebra.name != "SelectQuery":
        raise QueryError(f"Query '{name}' is not a SELECT query; only SELECT queries can be run.")
    # Queries must stay offline: SERVICE and FROM would make rdflib fetch from the network.
    if query.algebra.get("datasetClause") or _contains(query.algebra, "ServiceGraphPattern"):
        raise QueryError(f"Query '{name}' uses FROM or SERVICE; queries run on the local graph only.")
    return query


def _variables(node: object) -> set[str]:
    found: set[str] = set()
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, Variable):
            if not item.startswith("__"):  # rdflib's own aggregate variables
                found.add(str(item))
        elif id(item) in seen:
            continue
        elif isinstance(item, Mapping):
            seen.add(id(item))
            stack.extend(item.keys())  # VALUES rows are keyed by their variables
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            seen.add(id(item))
            stack.extend(item)
    return found


def _contains(node: object, part: str) -> bool:
    if isinstance(node, CompValue):
        return node.name == part or any(_contains(v, part) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_contains(v, part) for v in node)
    return False


def _documented_params(text: str) -> list[str]:
    return [m[1] for line in text.splitlines() if (m := _PARAM_DOC.match(line.strip()))]


def _parse_value(name: str, value: str) -> Identifier:
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not _IRI_CHARS.fullmatch(iri):
            raise UsageError(f"Parameter '{name}' has an invalid IRI <{iri}>.")
        return URIRef(iri)
    if _ABSOLUTE_IRI.fullmatch(value):
        return URIRef(value)
    quoted = _QUOTED.fullmatch(value)
    if quoted:
        if quoted["lang"]:
            return Literal(quoted["text"], lang=quoted["lang"])
        if quoted["dt"]:
            datatype = _parse_value(name, quoted["dt"])
            if not isinstance(datatype, URIRef):
                raise UsageError(f"Parameter '{name}' has an invalid datatype '{quoted['dt']}'.")
            return Literal(quoted["text"], datatype=datatype)
        return Literal(quoted["text"])
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed:
        prefix = prefixed[1] or ""
        if prefix not in PREFIXES:
            raise UsageError(
                f"Parameter '{name}' uses the unknown prefix '{prefix}:' in '{value}'; "
                f"known prefixes: {', '.join(PREFIXES)} (quote the value to pass it as text)."
            )
        return URIRef(PREFIXES[prefix] + prefixed[2])
    return Literal(value)


def _to_term(name: str, value: Identifier | str | int) -> Identifier:
    if isinstance(value, Identifier):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, (int, float)):
        return Literal(value)
    if isinstance(value, str):
        if len(value) > 2 and value.startswith("<") and value.endswith(">"):
            return URIRef(value[1:-1])
        return Literal(value)
    raise UsageError(f"Parameter '{name}' has a value of type {type(value).__name__}; use text or an IRI.")


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


_DISPLAY_PREFIXES = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _display(term: Identifier | None, max_width: int | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in _DISPLAY_PREFIXES:
            local = text[len(ns) :]
            if text.startswith(ns) and re.fullmatch(r"[\w.-]*", local):
                text = f"{prefix}:{local}"
                break
        if max_width and len(text) > max_width:
            return "…" + text[-(max_width - 1) :]
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    text = " ".join(str(term).split())  # a table row stays on one line
    if max_width and len(text) > max_width:
        return text[: max_width - 1] + "…"
    return text


def _is_number(term: Identifier | None) -> bool:
    return isinstance(term, Literal) and isinstance(term.value, (int, float)) and not isinstance(
        term.value, bool
    )


def _names(known: Mapping[str, Path]) -> str:
    return ", ".join(known) if known else "(none)"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
