"""Named queries on a remote SPARQL endpoint, and what every remote call shares: credentials,
terms written safely into SPARQL, and error texts with no secret in them.

    result = remote_query("http://127.0.0.1:7878/query", "mentions", label="Vladimir Putin")

Credentials come from the arguments, else from ``NEWSKG_SPARQL_USER`` /
``NEWSKG_SPARQL_PASSWORD`` (HTTP Basic) or ``NEWSKG_SPARQL_TOKEN`` (a Bearer token). They travel
in the ``Authorization`` header only: never in a URL, a message or the graph.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.error
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, SELECT, SPARQLWrapper

from ..errors import QueryError, UsageError
from ..namespaces import PREFIXES
from ..query import QueryResult, bind_params, load_query

ENV_USER = "NEWSKG_SPARQL_USER"
ENV_PASSWORD = "NEWSKG_SPARQL_PASSWORD"
ENV_TOKEN = "NEWSKG_SPARQL_TOKEN"
USER_AGENT = "newskg/0.1 (https://w3id.org/newskg; SPARQL client)"

_IRI = re.compile(r"[^\x00-\x20<>\"{}|^`\\\x7f]+")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_IRIREF_AT = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]*>")
_WHERE_BEFORE = re.compile(r"\bWHERE\s*$", re.I)
_USERINFO = re.compile(r"(?<=//)[^/@\s]+@")


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic (user and password) or a Bearer token; the secrets never show in ``repr``."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    @classmethod
    def resolve(cls, user: str | None = None, password: str | None = None,
                token: str | None = None) -> Credentials:
        """The arguments if any is given, else the ``NEWSKG_SPARQL_*`` environment variables."""
        if user is None and password is None and token is None:
            user = os.environ.get(ENV_USER) or None
            password = os.environ.get(ENV_PASSWORD) or None
            token = os.environ.get(ENV_TOKEN) or None
        if token and (user or password):
            raise UsageError("Give either a user and password or a token for the SPARQL endpoint, not both.")
        if bool(user) != bool(password):
            raise UsageError(
                f"A SPARQL user needs a password and a password a user; set both (or {ENV_USER} "
                f"and {ENV_PASSWORD})."
            )
        return cls(user, password, token)

    def headers(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user and self.password:
            pair = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            return {"Authorization": f"Basic {pair}"}
        return {}

    def secrets(self) -> list[str]:
        """Every string that must never be shown, longest first."""
        found = [s for s in (self.password, self.token) if s]
        found += [v.split(" ", 1)[1] for v in self.headers().values()]
        return sorted(set(found), key=len, reverse=True)


def encode_term(term: Identifier) -> str:
    """One RDF term as SPARQL / N-Triples text that no value can break out of.

    rdflib's ``.n3()`` is not used: for a multi-line literal ending in ``\\"`` it writes an
    unterminated string, so a second value would be read as SPARQL (shown in the tests). Here an
    IRI must be free of the characters that could end it (``<>"{}|^`\\``, spaces, controls); a
    literal is always one ``"..."`` with ``\\``, ``"``, line ends and controls escaped, so it ends
    exactly at its closing quote. A ``u`` or ``U`` right after an escaped backslash, and any
    control character, is written as an 8-digit ``\\UXXXXXXXX``: engines that expand code point
    escapes before parsing (SPARQL 1.1 §19.2; rdflib does, and reads up to 8 hex digits) then
    still read the user's own text. Language tags and datatypes are checked too.
    """
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        text = _quote(str(term))
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise UsageError(f"'{term.language}' is not a valid language tag.")
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^{_iri(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        raise UsageError("A blank node cannot be passed as a parameter; use an IRI or a literal.")
    raise UsageError(f"Cannot write a {type(term).__name__} into a SPARQL query.")


def with_safe_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with the bindings as a ``VALUES`` row opening its top-level ``WHERE`` group.

    Remote endpoints take no initBindings, so each value goes in as a constant written by
    :func:`encode_term`: the query's own text decides where it goes and user text is only ever
    inside one IRI or one string literal. Opening the WHERE group (rather than a trailing VALUES)
    keeps the meaning of initBindings for the group's filters, e.g. ``FILTER(!BOUND(?label) ...)``.
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(encode_term(term) for term in bindings.values())
    text = fill_slots(text, bindings)
    brace = _where_brace(text)
    return f"{text[: brace + 1]}\n  VALUES ({names}) {{ ({row}) }}\n{text[brace + 1 :]}"


# A binding slot: ``VALUES ?name { UNDEF }``, one solution binding nothing, so a no-op join.
_SLOT = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}", re.IGNORECASE)
# A parameter line: ``#?name PATTERN``, a comment unless the parameter is given.
_PARAM_LINE = re.compile(r"^([ \t]*)#\?(\w+) (.*)$", re.MULTILINE)


def fill_slots(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with each binding slot ``VALUES ?name { UNDEF }`` of a bound parameter made
    ``VALUES ?name { value }``, and each parameter line ``#?name PATTERN`` made ``PATTERN`` with
    the value written in for ``?name``.

    A query puts slots where a store should apply a parameter early, e.g. in each branch of a
    UNION or in a subquery that would otherwise be computed for the whole graph, and parameter
    lines for patterns that only make sense with the parameter (a name to look up first): the
    rows are the same as with the parameter bound at the top only, the work differs. Slots in
    comments and strings are left; without bindings the text is returned as it is."""
    if not bindings:
        return text

    def activate(line: re.Match[str]) -> str:
        indent, name, pattern = line.groups()
        if name not in bindings:
            return line.group(0)
        # The value is written in as a constant (as encode_term writes it), so a store can look
        # it up in its indexes rather than join a VALUES row late.
        return indent + re.sub(rf"\?{name}\b", lambda _: encode_term(bindings[name]), pattern)

    text = _PARAM_LINE.sub(activate, text)
    code = _masked(text)
    out, last = [], 0
    for slot in _SLOT.finditer(code):
        name = slot.group(1)
        if name in bindings:
            out += [text[last : slot.start()], f"VALUES ?{name} {{ {encode_term(bindings[name])} }}"]
            last = slot.end()
    return "".join(out) + text[last:]


def _masked(text: str) -> str:
    """``text`` with comments and string literals blanked out (same length, same offsets)."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
        elif ch in "\"'":
            end = _string_end(text, i)
        elif ch == "<" and (iri := _IRIREF_AT.match(text, i)):
            end = iri.end()
            out.append(text[i:end])
            i = end
            continue
        else:
            out.append(ch)
            i += 1
            continue
        out.append(" " * (end - i))
        i = end
    return "".join(out)


def prefixed(text: str) -> str:
    """The query with the package's prefixes declared, as local queries get them implicitly."""
    head = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())
    return head + text


def remote_query(endpoint: str, name_or_path: str, *, credentials: Credentials | None = None,
                 timeout_s: float = 60.0, **params: Identifier | str | int) -> QueryResult:
    """Run a named query (or a ``.rq`` file) on a SPARQL 1.1 endpoint; parameters bound as
    constants (see :func:`with_safe_values`), values typed as in :func:`graph.run_query`.

    The query runs on the endpoint's default graph; on a server started by
    :func:`graph.sparql.serve` that is the union of all its graphs.
    """
    check_url(endpoint)
    name, text = load_query(name_or_path)
    bindings = bind_params(name, text, params)
    full = prefixed(with_safe_values(text, bindings))
    try:
        prepareQuery(full)
    except Exception as exc:  # pyparsing raises several types; the values are checked above
        raise QueryError(f"Query '{name}' cannot take these parameters: {one_line(exc)}.") from None
    creds = credentials if credentials is not None else Credentials.resolve()
    client = client_for(endpoint, creds, timeout_s)
    client.setQuery(full)
    client.queryType = SELECT  # its own guess reads keywords in comments ("copyright" → COPY)
    client.setMethod(POST)  # a long query fits in a body, not always in a URL
    client.setReturnFormat(JSON)
    try:
        answer = client.query()
        cut = answer.info().get("x-sparql-maxrows")
        doc = answer.convert()
    except Exception as exc:  # urllib, SPARQLWrapper and JSON errors alike
        raise QueryError(
            f"Query '{name}' failed at {safe_url(endpoint)}: {describe(exc, creds)}."
        ) from None
    if not isinstance(doc, dict) or "head" not in doc:
        raise QueryError(f"Query '{name}' got no SPARQL JSON results from {safe_url(endpoint)}.")
    columns = list(doc["head"].get("vars", []))
    rows = [
        tuple(from_json(binding.get(col)) for col in columns)
        for binding in doc.get("results", {}).get("bindings", [])
    ]
    return QueryResult(name, columns, rows, int(cut) if cut and cut.strip().isdigit() else None)


def client_for(endpoint: str, creds: Credentials, timeout_s: float, *,
               update_endpoint: str | None = None) -> SPARQLWrapper:
    """A SPARQLWrapper with our agent, timeout and Authorization header (no URL credentials)."""
    client = SPARQLWrapper(endpoint, updateEndpoint=update_endpoint, agent=USER_AGENT)
    client.timeout = max(timeout_s, 0.001)  # type: ignore[assignment]  # setTimeout() truncates to int
    for key, value in creds.headers().items():
        client.addCustomHttpHeader(key, value)
    if update_endpoint:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)  # application/sparql-update, no URL-encoding bloat
    return client


def from_json(cell: Mapping[str, Any] | None) -> Identifier | None:
    """A SPARQL JSON results cell as an rdflib term."""
    if cell is None:
        return None
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    plain = datatype in (None, "http://www.w3.org/2001/XMLSchema#string")  # the same literal in RDF 1.1
    return Literal(value, datatype=None if plain else URIRef(datatype))


def check_url(url: str | None) -> None:
    """Refuse an endpoint URL that is not http(s) or that carries a user or password."""
    if url is None:
        return
    if not re.match(r"https?://", url, re.I):
        raise UsageError(f"SPARQL endpoint '{safe_url(url)}' is not an http:// or https:// URL.")
    if "@" in urllib.parse.urlsplit(url).netloc:
        raise UsageError(
            f"Endpoint '{safe_url(url)}' has credentials in its URL; give them as arguments or in "
            f"{ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}), which are sent in a header only."
        )


def safe_url(url: str) -> str:
    """The URL with any ``user:password@`` taken out."""
    return _USERINFO.sub("", url)


def describe(exc: BaseException, creds: Credentials | None = None) -> str:
    """A one-line cause for an endpoint error, with no URL credentials or secrets in it."""
    if isinstance(exc, urllib.error.HTTPError):
        text = f"HTTP {exc.code} {exc.reason}"
    elif isinstance(exc, urllib.error.URLError):
        text = str(exc.reason)
    else:
        text = str(exc)
        if "Response:" in text:  # SPARQLWrapper: "Name: message. \n\nResponse:\nb'...'"
            head, _, body = text.partition("Response:")
            text = f"{head.strip().rstrip('.')}: {body.strip()[2:-1]}"
    text = one_line(safe_url(text)) or type(exc).__name__
    for secret in creds.secrets() if creds else []:
        text = text.replace(secret, "***")
    return text[:300] + ("…" if len(text) > 300 else "")


def one_line(text: object) -> str:
    return " ".join(str(text).replace("\\n", " ").split()).rstrip(".")


def _iri(value: str) -> str:
    if not _IRI.fullmatch(value):
        raise UsageError(f"<{value[:80]}> is not an IRI that can be written into SPARQL.")
    return f"<{value}>"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote(text: str) -> str:
    out = []
    after_backslash = False
    for ch in text:
        if after_backslash and ch in "uU":
            out.append(f"\\U{ord(ch):08X}")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
        after_backslash = ch == "\\"
    return '"' + "".join(out) + '"'


def _where_brace(text: str) -> int:
    """Offset of the ``{`` opening the WHERE clause: the first ``{`` outside comments, strings
    and IRIs, which must follow the keyword ``WHERE``."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "\"'":
            i = _string_end(text, i)
        elif ch == "<" and (iri := _IRIREF_AT.match(text, i)):
            i = iri.end()
        elif ch == "{":
            if not _WHERE_BEFORE.search(text[:i]):
                break
            return i
        else:
            i += 1
    raise QueryError("Cannot bind parameters: the query does not open with 'WHERE {'.")


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    long = text.startswith(quote * 3, start)
    close = quote * 3 if long else quote
    i = start + len(close)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(close, i):
            return i + len(close)
        else:
            i += 1
    return len(text)
