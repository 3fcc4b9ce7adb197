"""Building graphs end to end: inputs → analysed documents → a Dataset → output files."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .errors import GraphError, InputError
from .ingest import RawArticle, read_inputs, read_text_or_path
from .identity import Identity
from .mapping import document_graph, document_statements, graph_iri
from .model import Document
from .nlp import load_model
from .pipeline import analyse
from .resources import example_article
from .store import add_article, new_dataset, serialise, write_from_nquads, write_outputs

OnError = Callable[[str, GraphError], None]


@dataclass
class BuildSummary:
    """What a build produced."""

    articles: int = 0
    entities: int = 0
    dates: int = 0
    events: int = 0
    claims: int = 0
    triples: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, message)
    outputs: list[Path] = field(default_factory=list)

    def count(self, doc: Document, triples: int) -> None:
        """Add one built article to the figures."""
        self.articles += 1
        self.entities += len(doc.entities)
        self.dates += len(doc.dates)
        self.events += len(doc.events)
        self.claims += len(doc.claims)
        self.triples += triples

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return (f"{self.articles} article(s){failed}: {self.entities} entities, {self.events} events, "
                f"{self.claims} claims, {self.dates} dates, {self.triples} triples in {self.seconds:.1f} s "
                f"({self.rate:.1f} articles/s)")


def build_dataset(raws: Iterable[RawArticle], *, model: str | None = None,
                  summary: BuildSummary | None = None, on_error: OnError | None = None,
                  progress: bool = False, jobs: int = 1, identity: Identity | None = None) -> Dataset:
    """Analyse every article and return a Dataset with one named graph per article.

    With ``on_error``, an article that fails is reported to it and skipped; otherwise the
    first failure is raised. Entities and events met in earlier articles (or in ``identity``,
    e.g. a store's register) become the same nodes (``graph/identity.py``).
    """
    stream = iter(raws)
    first = next(stream, None)  # bad input fails here, before the model is loaded
    if first is None:
        raise InputError("There are no articles to build.")
    nlp = load_model(model)
    ds = new_dataset()
    identity = identity if identity is not None else Identity()
    bar = _progress(progress)
    for doc in analyse(nlp, itertools.chain([first], stream), on_error=on_error, n_process=jobs):
        triples = document_graph(doc, identity)
        add_article(ds, doc.id, triples)
        bar.update(1)
        if summary is not None:
            summary.count(doc, len(triples))
    bar.close()
    return ds


def _progress(enabled: bool):  # -> tqdm-like
    from tqdm import tqdm

    return tqdm(unit=" articles", disable=not enabled, file=sys.stderr, dynamic_ncols=True, leave=False)


def link_entities(ds: Dataset, *, endpoint: str | None = None, cache_dir: str | os.PathLike[str] | None = None,
                  min_confidence: float = 0.5):  # -> graph.sparql.LinkReport
    """Link the people, organisations and places of ``ds`` to Wikidata (or a Wikidata-shaped
    endpoint), in place; offline it warns and links nothing."""
    from .sparql import link
    from .sparql.link import WIKIDATA

    return link(ds, endpoint or WIKIDATA, cache_dir, min_confidence)


def build_graph(text_or_path: str | os.PathLike[str], *, model: str | None = None,
                url: str | None = None, validate: bool = False) -> Dataset:
    """Build the knowledge graph of an article given as text, or of a file, folder or JSONL.

    Returns an ``rdflib.Dataset`` with one named graph per article whose default graph is the
    union of them, so SPARQL over it sees every article.
    """
    value = Path(text_or_path) if isinstance(text_or_path, os.PathLike) else text_or_path
    raws = read_text_or_path(value)
    if url is not None:
        raws = [RawArticle(r.id, r.text, r.source, url) for r in raws]
    ds = build_dataset(raws, model=model)
    if validate:
        from .validate import validate as check

        check(ds)
    return ds


def build_files(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str] | None, *,
                model: str | None = None, html: bool = True, validate: bool = True,
                on_error: OnError | None = None, progress: bool = False,
                store: str | os.PathLike[str] | None = None, jobs: int = 1, link: bool = False) -> BuildSummary:
    """``kg build``: build the inputs (the bundled example when empty) into ``out_dir`` and/or a
    persistent ``store`` (each article's named graph replaced there).

    Outputs are written only when at least one article was built, all together.
    """
    started = time.perf_counter()
    summary = BuildSummary()

    def failed(source: str, exc: GraphError) -> None:
        summary.failed.append((source, str(exc)))
        if on_error is not None:
            on_error(source, exc)

    sources = [str(i) for i in inputs] or [str(example_article())]
    report = failed if on_error is not None else None
    raws = read_inputs(sources, on_error=report)
    identity = Identity.load(store)
    if not (validate or link or (html and out_dir is not None)):  # nothing needs the whole graph
        return _build_streaming(raws, out_dir, store, summary, started, model=model, on_error=report,
                                progress=progress, jobs=jobs, identity=identity)
    try:
        ds = build_dataset(raws, model=model, summary=summary, on_error=report, progress=progress, jobs=jobs,
                           identity=identity)
    except InputError:
        if summary.failed:  # every input failed and was reported already
            summary.seconds = time.perf_counter() - started
            return summary
        raise
    if summary.articles == 0:
        summary.seconds = time.perf_counter() - started
        return summary
    write_dataset(ds, summary, out_dir, html=html, validate=validate, store=store, link=link,
                  warn=on_error is not None, identity=identity)
    summary.seconds = time.perf_counter() - started
    return summary


def write_dataset(ds: Dataset, summary: BuildSummary, out_dir: str | os.PathLike[str] | None, *,
                  html: bool, validate: bool, store: str | os.PathLike[str] | None, link: bool,
                  warn: bool, identity: Identity | None = None) -> None:
    """The end of a build with the whole graph in memory: link, check, then the store and the
    output files (all or nothing), recorded in ``summary.outputs``."""
    if link:
        report = link_entities(ds)
        if warn:
            for warning in report.warnings:
                print(f"kg: warning: {warning}", file=sys.stderr)
    if validate:
        from .validate import validate as check

        check(ds)
    if store is not None:
        from .persistent import GraphStore

        GraphStore(store).put(ds)
        if identity is not None:
            identity.save(store)
        summary.outputs.append(Path(store))
    if out_dir is not None:
        render = None
        if html:
            from .visualise import render_html

            render = render_html
        summary.outputs += write_outputs(serialise(ds, render), out_dir)


def _build_streaming(raws: Iterable[RawArticle], out_dir: str | os.PathLike[str] | None,
                     store: str | os.PathLike[str] | None, summary: BuildSummary, started: float, *,
                     model: str | None, on_error: OnError | None, progress: bool, jobs: int,
                     identity: Identity) -> BuildSummary:
    """A build that needs no whole graph in memory (no SHACL check, no page): each article's
    named graph goes to an N-Quads file as soon as it is analysed, then into the outputs."""
    stream = iter(raws)
    first = next(stream, None)
    if first is None:
        if summary.failed:
            summary.seconds = time.perf_counter() - started
            return summary
        raise InputError("There are no articles to build.")
    nlp = load_model(model)
    bar = _progress(progress)
    folder = Path(out_dir) if out_dir is not None else Path(store or ".")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".kg-build-") as tmp:
        nquads, ntriples = Path(tmp) / "graph.nq", Path(tmp) / "graph.nt"
        with nquads.open("w", encoding="utf-8") as fh, ntriples.open("w", encoding="utf-8") as nt:
            for doc in analyse(nlp, itertools.chain([first], stream), on_error=on_error, n_process=jobs):
                lines = document_statements(doc, identity)  # never empty: the text's own triples
                tail = f" <{graph_iri(doc.id)}> .\n"
                fh.write(tail.join(lines) + tail)
                if out_dir is not None:  # the Turtle union, without turning each quad into a triple
                    nt.write(" .\n".join(lines) + " .\n")
                bar.update(1)
                summary.count(doc, len(lines))
        bar.close()
        if summary.articles:
            if store is not None:
                import pyoxigraph as ox

                from .persistent import GraphStore

                GraphStore(store).put_quads(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
                identity.save(store)
                summary.outputs.append(Path(store))
            if out_dir is not None:
                summary.outputs += write_from_nquads(nquads, out_dir, ntriples)
    summary.seconds = time.perf_counter() - started
    return summary
