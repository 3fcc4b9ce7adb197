"""The gateway in front of Oxigraph: a bearer token for writes and a cap on query results.

Oxigraph speaks the SPARQL 1.1 Protocol (queries, updates, Graph Store Protocol, content
negotiation, timeouts) but has no authentication and no result limit, and the serve command
needs both. So ``kg serve`` runs Oxigraph on a free loopback port and this WSGI application,
served by waitress, on the address users reach. The SPARQL engine and protocol stay Oxigraph's;
this module only decides what may pass:

* Reads (GET and HEAD anywhere, POST to ``/query``) are forwarded unchanged, except that with a
  result limit a query's answer is cut to ``max_results`` rows (SELECT) or triples (CONSTRUCT,
  DESCRIBE) and then carries ``X-SPARQL-MaxRows: N`` (Virtuoso's header for the same thing).
  To count without parsing every format, the answer is asked of Oxigraph as TSV or N-Triples
  (one row or triple per line, lossless) and the rest of it is not read: Oxigraph stops there.
  It is then written out in the format the client asked for, by pyoxigraph's own serialisers.
* Writes (anything else: POST ``/update``, PUT/POST/DELETE on ``/store``...) answer 403 when the
  server is read-only, else 401 unless they carry ``Authorization: Bearer TOKEN``. The token is
  compared in constant time and never forwarded, logged or echoed.
"""

from __future__ import annotations

import hmac
import http.client
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

Environ = dict[str, object]
StartResponse = Callable[..., object]

TSV = "text/tab-separated-values"
NTRIPLES = "application/n-triples"
# What a client may ask for, in our order of preference (the first one when it accepts anything).
RESULT_FORMATS: list[tuple[str, ox.QueryResultsFormat]] = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("application/xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    (TSV, ox.QueryResultsFormat.TSV),
]
GRAPH_FORMATS: list[tuple[str, ox.RdfFormat]] = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    (NTRIPLES, ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-quads", ox.RdfFormat.N_QUADS),
    ("application/trig", ox.RdfFormat.TRIG),
    ("text/n3", ox.RdfFormat.N3),
]
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
               "trailer", "transfer-encoding", "upgrade"}
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Gateway:
    """The WSGI application: forwards to Oxigraph at ``backend`` (host, port)."""

    backend: tuple[str, int]
    read_only: bool = True
    token: str | None = None
    max_results: int = 0  # 0: no limit
    timeout_s: float | None = None  # for the connection to Oxigraph

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        path = str(environ.get("PATH_INFO", "/"))
        if not _is_read(method, path):
            refusal = self._refuse_write(environ)
            if refusal is not None:
                return _plain(start_response, *refusal)
        body = _body(environ) if method not in ("GET", "HEAD") else None
        headers = _forwarded_headers(environ)
        limited = self.max_results > 0 and path == "/query" and method in ("GET", "POST")
        if limited:
            accept = headers.pop("Accept", "")
            headers["Accept"] = f"{TSV}, {NTRIPLES}"
        connection = http.client.HTTPConnection(*self.backend, timeout=self.timeout_s)
        try:
            connection.request(method, _target(environ), body=body, headers=headers)
            response = connection.getresponse()
        except OSError as exc:
            connection.close()
            return _plain(start_response, "502 Bad Gateway", f"The SPARQL store did not answer: {exc}.")
        if limited and response.status == 200:
            try:
                return self._limited(response, connection, accept, start_response)
            except (SyntaxError, ValueError, OSError) as exc:
                connection.close()
                return _plain(start_response, "502 Bad Gateway", f"Cannot read the store's answer: {exc}.")
        return _relay(response, connection, start_response)

    def _refuse_write(self, environ: Environ) -> tuple[str, str, list[tuple[str, str]]] | None:
        if self.read_only or not self.token:
            return "403 Forbidden", "This SPARQL endpoint is read-only.", []
        given = str(environ.get("HTTP_AUTHORIZATION", ""))
        scheme, _, credential = given.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(credential.strip().encode(), self.token.encode()):
            return None
        return ("401 Unauthorized", "Updates need the server's token (Authorization: Bearer TOKEN).",
                [("WWW-Authenticate", 'Bearer realm="newskg"')])

    def _limited(self, response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
                 accept: str, start_response: StartResponse) -> list[bytes]:
        kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        try:
            lines, cut = _read_lines(response, self.max_results + (1 if kind == TSV else 0))
        finally:
            connection.close()  # Oxigraph stops evaluating when the rest is not read
        if lines and b"operation has been cancelled" in lines[-1]:
            return _plain(start_response, "503 Service Unavailable",
                          "The query ran longer than the server's timeout and was cancelled.")
        if kind == TSV:
            results = ox.parse_query_results(b"".join(lines), format=ox.QueryResultsFormat.TSV)
            chosen = negotiate(accept, RESULT_FORMATS)
            if chosen is None:
                return _not_acceptable(start_response, RESULT_FORMATS)
            media, fmt = chosen
            data = results.serialize(format=fmt)
        elif kind == NTRIPLES:
            chosen = negotiate(accept, GRAPH_FORMATS)
            if chosen is None:
                return _not_acceptable(start_response, GRAPH_FORMATS)
            media, fmt = chosen
            data = ox.serialize(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES), format=fmt)
        else:  # not a query answer we know how to count: leave it as it is
            media, data = kind, b"".join(lines)
        headers = [("Content-Type", _with_charset(media)), ("Content-Length", str(len(data or b"")))]
        if cut:
            headers.append(("X-SPARQL-MaxRows", str(self.max_results)))
        start_response("200 OK", headers)
        return [data or b""]


def negotiate(accept: str, offered: list[tuple[str, object]]) -> tuple[str, object] | None:
    """The offered (media type, format) the ``Accept`` header prefers (RFC 9110: the most
    specific range that matches a type gives its q; ties go to the order offered); the first
    offered when the header is empty, None when nothing offered is acceptable."""
    entries = list(_accept_entries(accept))
    if not entries:
        return offered[0]
    best_q, chosen = 0.0, None
    for media, fmt in offered:
        ranges = [(2 if pattern == media else 1 if pattern.endswith("/*") and pattern != "*/*" else 0, q)
                  for pattern, q in entries
                  if pattern in (media, "*/*") or (pattern.endswith("/*") and media.startswith(pattern[:-1]))]
        if ranges:
            q = max(ranges)[1]
            if q > best_q:
                best_q, chosen = q, (media, fmt)
    return chosen


def _accept_entries(accept: str) -> Iterator[tuple[str, float]]:
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            yield media.lower(), q


def _is_read(method: str, path: str) -> bool:
    return method in ("GET", "HEAD") or (method == "POST" and path == "/query")


def _read_lines(response: http.client.HTTPResponse, limit: int) -> tuple[list[bytes], bool]:
    """Up to ``limit`` lines of the answer (TSV: header + rows), and whether more followed."""
    lines: list[bytes] = []
    while True:
        line = response.readline()
        if not line:
            return lines, False
        if not line.strip():
            continue
        if len(lines) == limit:
            return lines, True
        lines.append(line if line.endswith(b"\n") else line + b"\n")


def _body(environ: Environ) -> bytes:
    stream = environ["wsgi.input"]
    length = str(environ.get("CONTENT_LENGTH") or "")
    return stream.read(int(length)) if length.isdigit() else stream.read()  # type: ignore[attr-defined]


def _forwarded_headers(environ: Environ) -> dict[str, str]:
    headers = {}
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = str(environ["CONTENT_TYPE"])
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            name = key[5:].replace("_", "-").title()
            if name.lower() not in _HOP_BY_HOP and name.lower() not in ("authorization", "host"):
                headers[name] = str(value)
    return headers


def _target(environ: Environ) -> str:
    query = str(environ.get("QUERY_STRING") or "")
    path = str(environ.get("PATH_INFO") or "/")
    return path + ("?" + query if query else "")


def _relay(response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
           start_response: StartResponse) -> Iterator[bytes]:
    headers = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP and k.lower() != "server"]
    start_response(f"{response.status} {response.reason}", headers)

    def stream() -> Iterator[bytes]:
        try:
            while chunk := response.read(_CHUNK):
                yield chunk
        finally:
            connection.close()

    return stream()


def _plain(start_response: StartResponse, status: str, text: str,
           extra: list[tuple[str, str]] | None = None) -> list[bytes]:
    data = (text + "\n").encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"),
                            ("Content-Length", str(len(data))), *(extra or [])])
    return [data]


def _not_acceptable(start_response: StartResponse, offered: list[tuple[str, object]]) -> list[bytes]:
    return _plain(start_response, "406 Not Acceptable",
                  "None of the accepted formats is available; use one of: "
                  + ", ".join(media for media, _ in offered) + ".")


def _with_charset(media: str) -> str:
    return media + "; charset=utf-8" if media.startswith("text/") or media.endswith("json") else media
