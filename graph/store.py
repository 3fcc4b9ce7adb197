"""Store: collect per-article graphs in one Dataset (a named graph per article) and write the
outputs: Turtle and JSON-LD (the union), TriG (named graphs) and the HTML network.

All outputs are written to temporary files first and renamed only when every one is ready, so
a failed run leaves the previous outputs as they were and never a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .errors import OutputError
from .mapping import graph_iri
from .namespaces import PREFIXES

OUTPUT_NAMES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html")


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def add_article(ds: Dataset, doc_id: str, triples: Graph) -> None:
    """Put one article's triples into its own named graph, replacing what it held."""
    name = graph_iri(doc_id)
    ds.remove_graph(name)
    named = ds.graph(name)
    for triple in triples:
        named.add(triple)


def union(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialise(ds: Dataset, render_html: Callable[[Dataset], str] | None) -> dict[str, bytes]:
    """Every output file's bytes, keyed by file name.

    rdflib writes N-Quads (fast); Oxigraph turns them into TriG, Turtle and JSON-LD, which is two
    orders of magnitude faster than rdflib's pretty-printers on corpus-sized graphs.
    """
    nquads = ds.serialize(format="nquads", encoding="utf-8")
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    out = {
        "graph.ttl": ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
        "graph.trig": ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES),
        "graph.jsonld": ox.serialize(quads, format=ox.RdfFormat.JSON_LD),
    }
    if render_html is not None:
        out["graph.html"] = render_html(ds).encode("utf-8")
    return out


def write_outputs(files: dict[str, bytes], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write all files into ``out_dir`` together: temporaries first, then one rename each."""
    target = Path(out_dir)
    staged: list[tuple[str, Path]] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
            staged.append((tmp, target / name))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
        for tmp, final in staged:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"Cannot write the outputs to {target}: {exc.strerror or exc}.") from None
    return [final for _, final in staged]
