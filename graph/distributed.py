"""Distributed builds on a Dask cluster: ``kg build INPUT... --scheduler local[:N] | tcp://HOST:PORT``.

    ds, summary = build_distributed(read_inputs(["corpus.jsonl"]), "local:4")
    _, summary = build_distributed(raws, "tcp://10.0.0.5:8786",
                                   publish_endpoint="http://store:7878/query")

The client reads the inputs (so article ids, and with them every IRI, are fixed before any
worker sees an article) and sends them to the cluster in partitions of ``partition_size``
articles, a bounded number at a time. Each worker loads the spaCy model once, when it starts
(a ``WorkerPlugin``; a worker started later, or restarted after a crash, loads it again) and
turns each article of a partition into its named graph. Then either

* the graph's triples come back (rdflib terms, pickled: the same terms arrive, and merging them
  costs the client a third of parsing N-Quads) and the client merges them into one Dataset, each
  article's named graph replaced whole (the usual outputs), or
* with ``publish_endpoint`` the triples stay on the worker and only the article's counts and
  identity facts come back; once the client has decided identity, the worker holding the
  triples writes them, renamed, into the SPARQL store with :func:`graph.sparql.publish` (one
  article per request, its named graph replaced whole): no machine holds the whole graph.

Either way the client decides cross-article identity (:mod:`graph.identity`) in input order,
partition after partition, so a cluster gives the nodes a single process gives.

Faults: a task whose worker dies is rerun elsewhere by the scheduler, and a task that raises
(the store briefly unreachable) is retried ``retries`` times. Rerunning a partition rebuilds its
articles to the same triples and replaces their graphs whole, so the store never holds half an
article or one twice. With ``resume`` (the default) a publishing run first asks the store which
article graphs it has and skips those articles, so an interrupted run picks up where it stopped.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef

try:
    from distributed import WorkerPlugin
except ImportError:  # the optional dependency: build_distributed says how to install it
    WorkerPlugin = object  # type: ignore[assignment,misc]

from .build import BuildSummary, OnError
from .errors import GraphError, InputError, UsageError
from .identity import Identity
from .ingest import RawArticle
from .mapping import graph_iri
from .nlp import MODEL_ENV

_SCHEDULER = re.compile(r"local(?::(\d+))?|tcp://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.\-]+):(\d{1,5})")
PLUGIN_NAME = "newskg-model"


@dataclass
class DistributedSummary(BuildSummary):
    """A :class:`BuildSummary` with what only a distributed build knows."""

    skipped: int = 0  # articles already in the store (resume), not sent
    workers: int = 0
    dashboard: str | None = None
    model_seconds: float = 0.0  # starting the cluster and loading the model on every worker
    published: list[URIRef] = field(default_factory=list)  # graphs written by the workers

    def line(self) -> str:
        text = super().line()
        if self.skipped:
            text = text.replace(" article(s)", f" article(s) ({self.skipped} skipped: already in the store)", 1)
        return text


@dataclass(frozen=True)
class Scheduler:
    """Where to run: a new local cluster of ``workers`` processes, or an existing scheduler."""

    address: str | None  # tcp://host:port, or None for a local cluster
    workers: int = 0


def parse_scheduler(spec: str) -> Scheduler:
    """``local`` (one worker per CPU), ``local:N`` or ``tcp://HOST:PORT``."""
    match = _SCHEDULER.fullmatch(spec.strip())
    if match is None:
        raise UsageError(f"--scheduler must be 'local', 'local:N' or 'tcp://HOST:PORT', not '{spec}'.")
    if spec.strip().startswith("local"):
        workers = int(match[1]) if match[1] else (os.cpu_count() or 1)
        if workers < 1:
            raise UsageError("A local cluster needs 1 worker or more ('local:N' with N ≥ 1).")
        return Scheduler(None, workers)
    port = int(match[3])
    if not 0 < port < 65536:
        raise UsageError(f"The scheduler port must be between 1 and 65535, not {port}.")
    return Scheduler(spec.strip())


# -- on the workers ---------------------------------------------------------------------------

_MODELS: dict[str | None, Any] = {}
_MODEL_LOCK = threading.Lock()


def worker_model(model: str | None):  # -> spacy.language.Language
    """The model of this worker process, loaded on first use only (thread-safe)."""
    with _MODEL_LOCK:
        if model not in _MODELS:
            from .nlp import load_model

            _MODELS[model] = load_model(model)
        return _MODELS[model]


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker starts (every worker, including restarted ones)."""

    idempotent = True  # registering it again (a second build on the same cluster) is a no-op

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker) -> None:
        worker_model(self.model)

    def teardown(self, worker) -> None:
        pass

    def transition(self, key, start, finish, **kwargs) -> None:
        pass


@dataclass(frozen=True)
class ArticleResult:
    """What a worker sends back for one article."""

    id: str
    graph: URIRef
    entities: int
    dates: int
    events: int
    claims: int
    triples: int
    triples_of: tuple[tuple[Any, Any, Any], ...] | None  # the article's triples; None when published
    facts: tuple[list, list] | None = None  # its entity and event facts, for cross-article identity


@dataclass(frozen=True)
class Target:
    """Where the workers publish (None: send the graphs back)."""

    endpoint: str
    update_endpoint: str | None = None


def analyse_partition(raws: list[RawArticle], model: str | None
                      ) -> tuple[list[ArticleResult], list[tuple[str, GraphError]]]:
    """One task: analyse the articles and map each to its triples, with the facts the client
    needs to decide cross-article identity (graph/identity.py). An article that cannot be
    analysed is returned as a failure (it would fail the same way again)."""
    from .mapping import document_facts
    from .pipeline import analyse

    nlp = worker_model(model)
    failures: list[tuple[str, GraphError]] = []
    results: list[ArticleResult] = []
    for doc in analyse(nlp, raws, on_error=lambda source, exc: failures.append((source, exc))):
        mapped, entity_facts, event_facts = document_facts(doc)
        # rdflib terms pickle as (lexical form, language, datatype): the same terms arrive, and
        # merging them is several times cheaper for the client than parsing N-Quads text.
        triples = tuple(set(mapped))
        results.append(ArticleResult(doc.id, graph_iri(doc.id), len(doc.entities), len(doc.dates),
                                     len(doc.events), len(doc.claims), len(triples), triples,
                                     (entity_facts, event_facts)))
    return results, failures


def brief(analysed: tuple[list[ArticleResult], list[tuple[str, GraphError]]]
          ) -> tuple[list[ArticleResult], list[tuple[str, GraphError]]]:
    """A task run where ``analysed`` is: its results without their triples (which stay there)."""
    results, failures = analysed
    return [dataclasses.replace(item, triples_of=None) for item in results], failures


def publish_partition(analysed: tuple[list[ArticleResult], list[tuple[str, GraphError]]],
                      renames: list[dict[str, str]], target: Target) -> int:
    """A task run where ``analysed`` is: rename as the client decided (one dict per article, in
    order) and write each article's named graph into the store, replaced whole. A store that
    cannot be written raises, so the task is retried."""
    from .identity import apply_renames
    from .sparql.publish import publish
    from .store import add_article, new_dataset

    results, _ = analysed
    for item, names in zip(results, renames, strict=True):
        ds = new_dataset()
        add_article(ds, item.id, apply_renames(list(item.triples_of or ()), names))
        publish(ds, target.endpoint, target.update_endpoint)
    return len(results)


# -- on the client ----------------------------------------------------------------------------

def stored_graphs(endpoint: str, *, timeout_s: float = 60.0) -> set[URIRef]:
    """The named graphs the store behind ``endpoint`` holds (non-empty ones)."""
    from SPARQLWrapper import JSON, POST, SELECT

    from .errors import OutputError
    from .sparql.remote import Credentials, check_url, client_for, describe, safe_url

    check_url(endpoint)
    creds = Credentials.resolve()
    client = client_for(endpoint, creds, timeout_s)
    client.setQuery("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    client.queryType = SELECT
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    try:
        doc = client.queryAndConvert()
        rows = doc["results"]["bindings"]  # type: ignore[index]
    except Exception as exc:  # urllib, SPARQLWrapper and JSON errors alike
        raise OutputError(f"Cannot ask {safe_url(endpoint)} which articles it holds: {describe(exc, creds)}.") from None
    return {URIRef(row["g"]["value"]) for row in rows if row.get("g", {}).get("type") == "uri"}


def _partitions(raws: Iterable[RawArticle], size: int, skip: set[URIRef],
                summary: DistributedSummary) -> Iterator[list[RawArticle]]:
    from .parallel import chunks

    def wanted() -> Iterator[RawArticle]:
        for raw in raws:
            if skip and graph_iri(raw.id) in skip:
                summary.skipped += 1
            else:
                yield raw

    return chunks(wanted(), size)


def _start(scheduler: Scheduler, dashboard: bool):  # -> (client, cluster | None)
    from distributed import Client, LocalCluster

    if scheduler.address is not None:
        try:
            return Client(scheduler.address, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"Cannot reach the Dask scheduler at {scheduler.address}: {exc}.") from None
    cluster = LocalCluster(n_workers=scheduler.workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address="127.0.0.1:0")
    return Client(cluster), cluster


def _dashboard(client) -> str | None:
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:  # an old or unusual scheduler
        return None
    return client.dashboard_link if "dashboard" in services else None


def build_distributed(raws: Iterable[RawArticle], scheduler: str, *, model: str | None = None,
                      publish_endpoint: str | None = None, update_endpoint: str | None = None,
                      resume: bool = True, partition_size: int = 16, on_error: OnError | None = None,
                      progress: bool = False, retries: int = 3, in_flight: int | None = None,
                      identity: Identity | None = None) -> tuple[Dataset | None, DistributedSummary]:
    """Build the articles on a Dask cluster (see the module doc).

    Returns the Dataset (one named graph per article, as :func:`graph.build.build_dataset`), or
    None with ``publish_endpoint``, and the summary. ``on_error`` gets each article that fails
    (it is skipped); without it the first failure is raised (articles published before it stay
    published: a rerun with ``resume`` skips them). At most ``in_flight`` partitions (default: two per worker thread) are out at a time.
    """
    if partition_size < 1:
        raise UsageError(f"The partition size must be 1 article or more, not {partition_size}.")
    if update_endpoint and not publish_endpoint:
        raise UsageError("An update endpoint needs --publish ENDPOINT too.")
    where = parse_scheduler(scheduler)
    if WorkerPlugin is object:
        raise UsageError("--scheduler needs Dask: pip install 'dask[distributed]' (the 'distributed' package could not be imported).")
    model = model or os.environ.get(MODEL_ENV) or None  # the client's choice, not each worker's
    identity = identity if identity is not None else Identity()
    started = time.perf_counter()
    summary = DistributedSummary()
    stream = iter(raws)
    first = next(stream, None)  # bad input fails here, before any cluster starts
    if first is None:
        raise InputError("There are no articles to build.")
    target = None
    skip: set[URIRef] = set()
    if publish_endpoint:
        from .sparql.remote import check_url

        check_url(publish_endpoint)
        check_url(update_endpoint)
        target = Target(publish_endpoint, update_endpoint)
        if resume:
            skip = stored_graphs(publish_endpoint)
    parts = _partitions(itertools.chain([first], stream), partition_size, skip, summary)
    first_part = next(parts, None)
    if first_part is None:  # every article is in the store already
        summary.seconds = time.perf_counter() - started
        return None, summary

    from distributed import as_completed
    from tqdm import tqdm

    client, cluster = _start(where, progress)
    try:
        summary.dashboard = _dashboard(client)
        if progress and summary.dashboard:
            import importlib.util

            hint = "" if importlib.util.find_spec("bokeh") else " (its pages need bokeh: pip install 'bokeh>=3.1')"
            print(f"kg: Dask dashboard: {summary.dashboard}{hint}", file=sys.stderr)
        loading = time.perf_counter()
        client.register_plugin(ModelPlugin(model), name=f"{PLUGIN_NAME}:{model or 'default'}")
        summary.model_seconds = time.perf_counter() - loading
        threads = sum(client.nthreads().values()) or 1
        summary.workers = len(client.nthreads())
        limit = in_flight or max(2, 2 * threads)
        ds = None
        if target is None:
            from .store import add_article, new_dataset

            ds = new_dataset()
        bar = tqdm(unit=" articles", disable=not progress, file=sys.stderr, dynamic_ncols=True, leave=False)
        counter = itertools.count()
        run = uuid.uuid4().hex[:12]
        # A partition is analysed on a worker; its results come back (with their triples, or with
        # --publish only their counts and identity facts: the triples stay on that worker). The
        # client decides identity partition after partition in input order, as a single process
        # does, then merges the triples, or has the worker holding them publish them renamed.
        analysed: dict[int, Any] = {}  # partition → its analysis on a worker (--publish)
        arrived: dict[int, tuple[list[ArticleResult], list[tuple[str, GraphError]]]] = {}
        graphs: dict[int, list[URIRef]] = {}  # partition → its articles' graphs (--publish)
        role: dict[str, tuple[str, int]] = {}  # future key → (what it is, partition)
        state = {"next": 0, "open": 0}  # the next partition to decide; partitions not finished

        def submit(part: list[RawArticle]):
            index = next(counter)
            state["open"] += 1
            future = client.submit(analyse_partition, part, model, retries=retries, pure=False,
                                   key=f"newskg-analyse-{run}-{index}")
            if target is not None:
                analysed[index] = future
                future = client.submit(brief, future, pure=False, key=f"newskg-brief-{run}-{index}")
            role[future.key] = ("results", index)
            return future

        def finished() -> None:
            state["open"] -= 1
            while state["open"] < limit and (nxt := next(parts, None)) is not None:
                pending.add(submit(nxt))

        def decide() -> None:
            while state["next"] in arrived:
                index = state["next"]
                state["next"] += 1
                results, failed = arrived.pop(index)
                for source, exc in failed:
                    if on_error is None:
                        raise exc
                    summary.failed.append((source, str(exc)))
                    on_error(source, exc)
                for item in results:
                    summary.articles += 1
                    summary.entities += item.entities
                    summary.dates += item.dates
                    summary.events += item.events
                    summary.claims += item.claims
                    summary.triples += item.triples
                bar.update(len(results) + len(failed))
                if target is None:
                    for item in results:
                        entity_facts, event_facts = item.facts or ([], [])
                        add_article(ds, item.id, identity.resolve(list(item.triples_of or ()), entity_facts, event_facts))  # type: ignore[arg-type]
                    finished()
                    continue
                renames = [identity.renames(*(item.facts or ([], []))) for item in results]
                graphs[index] = [item.graph for item in results]
                published = client.submit(publish_partition, analysed[index], renames, target,
                                          retries=retries, pure=False, key=f"newskg-publish-{run}-{index}")
                role[published.key] = ("published", index)
                pending.add(published)

        pending = as_completed([submit(first_part)])
        for part in itertools.islice(parts, limit - 1):
            pending.add(submit(part))
        for future in pending:
            what, index = role.pop(future.key)
            result = future.result()
            future.release()
            if what == "results":
                arrived[index] = result
                decide()
            else:  # published: the analysis can go
                analysed.pop(index).release()
                summary.published.extend(graphs.pop(index))
                finished()
        bar.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if ds is not None and summary.articles == 0:
        ds = None
    summary.seconds = time.perf_counter() - started
    return ds, summary


def build_files_distributed(inputs, out_dir, scheduler: str, *, model: str | None = None,
                            html: bool = True, validate: bool = True, on_error: OnError | None = None,
                            progress: bool = False, store=None, link: bool = False,
                            publish_endpoint: str | None = None, update_endpoint: str | None = None,
                            resume: bool = True, partition_size: int = 16) -> DistributedSummary:
    """``kg build --scheduler ...``: :func:`graph.build.build_files` on a Dask cluster.

    Without ``publish_endpoint`` the client writes the usual outputs (and ``store``) as
    ``build_files`` does; with it the workers write the articles into the SPARQL store and
    only the identity register is written locally, in ``out_dir`` (``store``, ``link`` and
    ``validate`` are refused or ignored: the whole graph is never in one place), so that a later
    or resumed run joins the nodes of the articles already published.
    """

    from .ingest import read_inputs
    from .resources import example_article

    if publish_endpoint and (store is not None or link):
        raise UsageError("--publish writes the articles into the SPARQL store only; drop --store and --link.")
    started = time.perf_counter()
    failed: list[tuple[str, str]] = []

    def report(source: str, exc: GraphError) -> None:
        failed.append((source, str(exc)))
        if on_error is not None:
            on_error(source, exc)

    sources = [str(i) for i in inputs] or [str(example_article())]
    raws = read_inputs(sources, on_error=report if on_error is not None else None)
    register = Path(out_dir) if publish_endpoint else store
    identity = Identity.load(register)
    try:
        ds, summary = build_distributed(raws, scheduler, model=model, publish_endpoint=publish_endpoint,
                                        update_endpoint=update_endpoint, resume=resume,
                                        partition_size=partition_size,
                                        on_error=report if on_error is not None else None, progress=progress,
                                        identity=identity)
    except InputError:
        if failed:  # every input failed and was reported already
            summary = DistributedSummary(failed=failed, seconds=time.perf_counter() - started)
            return summary
        raise
    finally:
        if publish_endpoint and identity.entities:  # also after a failure: a rerun resumes
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            identity.save(out_dir)
    summary.failed = failed
    if ds is None or summary.articles == 0:
        summary.seconds = time.perf_counter() - started
        return summary
    from .build import write_dataset

    write_dataset(ds, summary, out_dir, html=html, validate=validate, store=store, link=link,
                  warn=on_error is not None, identity=identity)
    summary.seconds = time.perf_counter() - started
    return summary
