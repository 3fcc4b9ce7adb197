"""Building graphs end to end: inputs → analysed documents → a Dataset → output files."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .errors import InputError
from .ingest import RawArticle, read_inputs, read_text_or_path
from .mapping import document_graph
from .nlp import load_model
from .pipeline import analyse
from .resources import example_article
from .store import add_article, new_dataset, serialise, write_outputs


@dataclass
class BuildSummary:
    """What a build produced."""

    articles: int = 0
    entities: int = 0
    dates: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


def build_dataset(raws: Iterable[RawArticle], *, model: str | None = None,
                  summary: BuildSummary | None = None) -> Dataset:
    """Analyse every article and return a Dataset with one named graph per article."""
    stream = iter(raws)
    first = next(stream, None)  # bad input fails here, before the model is loaded
    if first is None:
        raise InputError("There are no articles to build.")
    nlp = load_model(model)
    ds = new_dataset()
    for doc in analyse(nlp, itertools.chain([first], stream)):
        triples = document_graph(doc)
        add_article(ds, doc.id, triples)
        if summary is not None:
            summary.articles += 1
            summary.entities += len(doc.entities)
            summary.dates += len(doc.dates)
            summary.triples += len(triples)
    return ds


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


def build_files(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
                model: str | None = None, html: bool = True, validate: bool = True) -> BuildSummary:
    """``kg build``: build the inputs (the bundled example when empty) into ``out_dir``."""
    started = time.perf_counter()
    summary = BuildSummary()
    sources = list(inputs) or [example_article()]
    ds = build_dataset(read_inputs(sources), model=model, summary=summary)
    if validate:
        from .validate import validate as check

        check(ds)
    render = None
    if html:
        from .visualise import render_html

        render = render_html
    summary.outputs = write_outputs(serialise(ds, render), out_dir)
    summary.seconds = time.perf_counter() - started
    return summary
