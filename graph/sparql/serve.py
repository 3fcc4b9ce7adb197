"""Serve a graph as a standard SPARQL 1.1 endpoint by running the real Oxigraph server.

    with serve("output/graph.trig", port=0) as server:
        print(server.url)          # http://127.0.0.1:PORT/query: GET and POST, content negotiation

Oxigraph speaks the SPARQL 1.1 Protocol itself (SELECT/ASK as JSON, XML, CSV or TSV; CONSTRUCT
and DESCRIBE as Turtle, N-Triples, RDF/XML...), the Graph Store Protocol at ``/store`` and
updates at ``/update``. The graph file is loaded into an Oxigraph store folder (a temporary one
unless ``store_dir`` is given; a store folder itself can be served as it is), then
``oxigraph serve-read-only`` runs on it: updates are answered "403 the server is read-only".

Oxigraph itself listens on a free loopback port; users reach it through the gateway
(``gateway.py``, a WSGI application served by waitress) on ``host:port``, because Oxigraph has
neither authentication nor a result limit:

* Updates (``read_only=False``: ``oxigraph serve`` behind the gateway) need a token, given as
  ``token=`` or in ``$NEWSKG_SERVE_TOKEN`` (16 characters or more), which clients send as
  ``Authorization: Bearer TOKEN``. Without the flag every write is answered 403.
* ``max_results`` caps the rows (SELECT) or triples (CONSTRUCT, DESCRIBE) of an answer; a cut
  answer carries ``X-SPARQL-MaxRows``. 0 lifts the cap.
* Oxigraph stops a query after ``timeout_s`` (whole seconds; the answer may already have begun,
  so it then ends with an error text).

The token travels in clear over plain HTTP: beyond one machine, put TLS in front. Oxigraph's own
loopback port is not protected, so anyone with a shell on the serving machine can reach it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..errors import GraphError, InputError, UsageError
from .gateway import Gateway

STORE_FORMATS = {".trig": "TRIG", ".ttl": "TURTLE", ".jsonld": "JSON_LD", ".json": "JSON_LD",
                 ".nq": "N_QUADS", ".nt": "N_TRIPLES"}
DEFAULT_PORT = 7878
DEFAULT_MAX_RESULTS = 10_000
TOKEN_VARIABLE = "NEWSKG_SERVE_TOKEN"
MIN_TOKEN_LENGTH = 16
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


@dataclass
class Server:
    """A running Oxigraph server; stop it with :meth:`stop` or by leaving a ``with`` block."""

    url: str  # the SPARQL query endpoint
    update_url: str | None  # the SPARQL update endpoint; None when read-only
    store_url: str  # the Graph Store Protocol endpoint (read-only unless updates are on)
    location: Path  # the Oxigraph store folder
    read_only: bool
    max_results: int  # 0: no limit
    _process: subprocess.Popen[bytes] = field(repr=False)
    _gateway: Listener = field(repr=False)
    _log: Path = field(repr=False)
    _workdir: Path = field(repr=False)  # logs, and the store unless it was given
    _finalizer: weakref.finalize = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Also runs when the handle is garbage-collected or Python exits: no orphaned server.
        self._finalizer = weakref.finalize(self, _shutdown, self._gateway, self._process, self._workdir)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def running(self) -> bool:
        return self._process.poll() is None

    def stop(self) -> None:
        """Stop the server and remove its temporary files (idempotent)."""
        self._finalizer()

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        return self._process.wait()

    def log_tail(self) -> str:
        """The last line Oxigraph wrote, for error messages."""
        return _last_line(self._log)


def serve(graph_or_store: str | os.PathLike[str] | Graph, host: str = "127.0.0.1",
          port: int = DEFAULT_PORT, read_only: bool = True, timeout_s: int | None = 60, *,
          store_dir: str | os.PathLike[str] | None = None, token: str | None = None,
          max_results: int = DEFAULT_MAX_RESULTS, startup_timeout_s: float = 30.0) -> Server:
    """Start Oxigraph on ``host:port`` (``port=0``: a free port) serving ``graph_or_store``.

    ``graph_or_store`` is a graph file (.trig, .ttl, .jsonld, .nq, .nt), an rdflib Graph or
    Dataset, or an Oxigraph store folder (e.g. one of ``kg build --store``), served in place.
    A file or Graph is loaded into ``store_dir`` (new or empty) or else a temporary folder
    removed on :meth:`Server.stop`. Queries see the union of all graphs as their default graph.
    Updates (``read_only=False``) need ``token`` or ``$NEWSKG_SERVE_TOKEN``.
    """
    if timeout_s is not None and (not isinstance(timeout_s, int) or timeout_s < 1):
        raise UsageError(f"The query timeout must be a whole number of seconds (1 or more), not {timeout_s}.")
    if not 0 <= port <= 65535:
        raise UsageError(f"Port {port} is not a TCP port (0-65535; 0 picks a free one).")
    if not isinstance(max_results, int) or max_results < 0:
        raise UsageError(f"The result limit must be a whole number (0 for none), not {max_results}.")
    if not read_only:
        token = token or os.environ.get(TOKEN_VARIABLE) or None
        if token is None:
            raise UsageError(f"Updates need a token: set ${TOKEN_VARIABLE} (clients send it as "
                             f"'Authorization: Bearer TOKEN').")
        if len(token) < MIN_TOKEN_LENGTH or not token.isprintable() or " " in token:
            raise UsageError(f"The update token must be {MIN_TOKEN_LENGTH} or more printable characters "
                             f"without spaces.")
    binary = oxigraph_binary()
    workdir = Path(tempfile.mkdtemp(prefix="newskg-serve-"))
    try:
        location = _prepare_store(graph_or_store, store_dir, workdir, materialise=read_only)
        return _start(binary, location, host, port, read_only, timeout_s, workdir, startup_timeout_s,
                      token, max_results)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def run_forever(graph_or_store: str | os.PathLike[str] | Graph, host: str = "127.0.0.1",
                port: int = DEFAULT_PORT, read_only: bool = True, timeout_s: int | None = 60, *,
                store_dir: str | os.PathLike[str] | None = None, token: str | None = None,
                max_results: int = DEFAULT_MAX_RESULTS,
                announce: Callable[[str], None] | None = None) -> int:
    """Serve until Ctrl-C or SIGTERM, then stop the server; returns 0 (for a CLI command)."""
    say = announce or (lambda line: print(line, file=sys.stderr, flush=True))
    restore = _raise_on_sigterm()
    try:
        with serve(graph_or_store, host, port, read_only, timeout_s, store_dir=store_dir, token=token,
                   max_results=max_results) as server:
            limit = f"at most {max_results} results per query" if max_results else "no result limit"
            say(f"SPARQL endpoint: {server.url} ({limit})")
            say(f"Graph store: {server.store_url}" + (" (read-only)" if read_only else ""))
            if server.update_url:
                say(f"Updates: {server.update_url} (with 'Authorization: Bearer' and the token)")
            say("Press Ctrl-C to stop.")
            code = server.wait()
            raise GraphError(f"The Oxigraph server stopped by itself (exit code {code}): {server.log_tail()}.")
    except KeyboardInterrupt:
        return 0
    finally:
        restore()


def oxigraph_binary() -> str:
    """The ``oxigraph`` program: next to this Python (a venv) or on PATH."""
    here = str(Path(sys.executable).parent)
    found = shutil.which("oxigraph", path=os.pathsep.join([here, os.environ.get("PATH", "")]))
    if found is None:
        raise GraphError("The Oxigraph server is not installed; install it with 'pip install oxigraph'.")
    return found


def _prepare_store(source: str | os.PathLike[str] | Graph, store_dir: str | os.PathLike[str] | None,
                   workdir: Path, materialise: bool = True) -> Path:
    if not isinstance(source, Graph):
        path = Path(source)
        if path.is_dir():
            if store_dir is not None:
                raise UsageError(f"'{path}' is already a store folder; leave out the store folder option.")
            if not (path / "CURRENT").is_file():
                raise InputError(
                    f"Folder '{path}' is not an Oxigraph store; name a graph file "
                    f"({', '.join(STORE_FORMATS)}) or a store folder."
                )
            return path
    target = Path(store_dir) if store_dir is not None else workdir / "store"
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"Store folder '{target}' is not empty; name a new or empty folder.")
    if isinstance(source, Graph):
        data = workdir / ("graph.nq" if source.context_aware else "graph.nt")
        data.write_bytes(source.serialize(format="nquads" if source.context_aware else "nt", encoding="utf-8"))
        _load(target, data, data.suffix, materialise)
        data.unlink()
    else:
        _load(target, Path(source), Path(source).suffix.lower(), materialise)
    return target


def _load(target: Path, data: Path, suffix: str, materialise: bool = True) -> None:
    import pyoxigraph as ox

    from ..persistent import refresh_union

    if suffix not in STORE_FORMATS:
        raise InputError(f"Cannot tell the RDF format of '{data}'; use one of: {', '.join(STORE_FORMATS)}.")
    if not data.is_file():
        raise InputError(f"Graph file '{data}' does not exist.")
    fmt = getattr(ox.RdfFormat, STORE_FORMATS[suffix])
    store = ox.Store(str(target))
    try:
        store.bulk_load(path=str(data), format=fmt)
        if materialise:
            refresh_union(store)
        size = len(store)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"Cannot load '{data}' as {STORE_FORMATS[suffix]}: {' '.join(str(exc).split())}.") from None
    finally:
        del store  # releases the store's lock before the server opens it
    if size == 0:
        raise InputError(f"Graph file '{data}' holds no triples.")


def _start(binary: str, location: Path, host: str, port: int, read_only: bool,
           timeout_s: int | None, workdir: Path, startup_timeout_s: float, token: str | None,
           max_results: int) -> Server:
    backend, process, log = _start_oxigraph(binary, location, read_only, timeout_s, workdir,
                                            startup_timeout_s)
    try:
        gateway = Listener.start(
            Gateway(backend, read_only, token, max_results, None if timeout_s is None else timeout_s + 30),
            host, port)
    except BaseException:
        _stop_process(process)
        raise
    base = f"http://{_url_host(host)}:{gateway.port}"
    return Server(f"{base}/query", None if read_only else f"{base}/update", f"{base}/store", location,
                  read_only, max_results, process, gateway, log, workdir)


def _start_oxigraph(binary: str, location: Path, read_only: bool, timeout_s: int | None,
                    workdir: Path, startup_timeout_s: float
                    ) -> tuple[tuple[str, int], subprocess.Popen[bytes], Path]:
    """Oxigraph on a free loopback port: its address, process and log file."""
    error = ""
    for attempt in range(3):
        port = _free_port("127.0.0.1")
        cmd = [binary, "serve-read-only" if read_only else "serve", "--location", str(location),
               "--bind", f"127.0.0.1:{port}"]
        if not read_only:
            # Live updates: the default graph is Oxigraph's (multiset) union of the graphs. A
            # read-only server instead answers on the deduplicated union made at load time.
            cmd.append("--union-default-graph")
        if timeout_s:
            cmd += ["--timeout-s", str(timeout_s)]
        log = workdir / f"oxigraph-{attempt}.log"
        with open(log, "wb") as out:
            # Own session: a Ctrl-C in the terminal reaches Python only, which then stops it.
            process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                       start_new_session=True)
        try:
            error = _wait_ready(process, log, f"http://127.0.0.1:{port}/query", startup_timeout_s) or ""
        except BaseException:  # Ctrl-C while starting: no server left behind
            _stop_process(process)
            raise
        if not error:
            return ("127.0.0.1", port), process, log
        _stop_process(process)
        if "in use" not in error:
            break  # else another process took the free port between our check and Oxigraph's bind
    raise GraphError(f"The Oxigraph server did not start: {error}.")


class Listener:
    """The gateway served by waitress on its own thread."""

    def __init__(self, server: object, thread: threading.Thread, port: int) -> None:
        self._server, self._thread, self.port = server, thread, port

    @classmethod
    def start(cls, app: Gateway, host: str, port: int) -> Listener:
        from waitress.server import create_server

        bind_host = "127.0.0.1" if host.lower() in _LOOPBACK_NAMES else host.strip("[]")
        try:
            server = create_server(app, host=bind_host, port=port, threads=8, ident="newskg",
                                   clear_untrusted_proxy_headers=True)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise GraphError(f"Port {port} on {host} is already in use; choose another port.") from None
            raise UsageError(f"Cannot listen on host '{host}': {exc.strerror or exc}.") from None
        thread = threading.Thread(target=server.run, name="newskg-gateway", daemon=True)
        thread.start()
        return cls(server, thread, int(server.effective_port))  # type: ignore[attr-defined]

    def stop(self) -> None:
        server = self._server
        if server is None:
            return
        self._server = None
        server.task_dispatcher.shutdown(timeout=2)  # type: ignore[attr-defined]
        for channel in list(server._map.values()):  # type: ignore[attr-defined]
            channel.close()  # the listening socket, its trigger and open connections: run() returns
        self._thread.join(5)


def _wait_ready(process: subprocess.Popen[bytes], log: Path, url: str, timeout_s: float) -> str | None:
    deadline = time.monotonic() + timeout_s
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return _last_line(log) or "it exited at once"
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return None
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    return f"it did not answer within {timeout_s:g} s"


def _shutdown(gateway: Listener, process: subprocess.Popen[bytes], workdir: Path) -> None:
    gateway.stop()
    _stop_process(process)
    shutil.rmtree(workdir, ignore_errors=True)


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _raise_on_sigterm() -> Callable[[], None]:
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    return lambda: signal.signal(signal.SIGTERM, previous)


def _url_host(host: str) -> str:
    wildcard = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"[{wildcard}]" if ":" in wildcard else wildcard


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host if host not in _LOOPBACK_NAMES else "127.0.0.1", 0))
        except OSError as exc:
            raise UsageError(f"Cannot listen on host '{host}': {exc.strerror or exc}.") from None
        return int(sock.getsockname()[1])


def _last_line(path: Path) -> str:
    try:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        return ""
    errors = [ln for ln in lines if ln.startswith("Error")]
    useful = errors or [ln for ln in lines if ln and not ln.startswith("Listening")]
    return (useful[-1] if useful else "").removeprefix("Error: ").rstrip(".")
