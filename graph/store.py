"""Store: collect per-article graphs in one Dataset (a named graph per article) and write the
outputs: Turtle and JSON-LD (the union), TriG (named graphs) and the HTML network.

All outputs are written to temporary files first and renamed only when every one is ready, so
a failed run leaves the previous outputs as they were and never a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
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


def write_from_nquads(nquads_file: Path, out_dir: str | os.PathLike[str], ntriples_file: Path | None = None) -> list[Path]:
    """The Turtle, TriG and JSON-LD outputs of a streamed build, from its N-Quads file (grouped
    by article), each streamed through Oxigraph's serialisers, so memory does not grow with the
    corpus. (Not through an Oxigraph store: it would normalise literals such as
    ``xsd:nonNegativeInteger`` offsets.) The Turtle union may repeat a triple that two articles
    share (a country, a date): the same RDF graph; it is read from ``ntriples_file`` (the same
    statements without graph names) when given. All three are renamed into place together.

    The first pass (TriG) parses strictly, so bad input fails as before; the other two skip
    the checks it made (``lenient``: the same terms from valid input, at half the cost)."""
    target = Path(out_dir)
    staged: list[tuple[Path, Path]] = []

    def quads(checked: bool = False) -> Iterator[ox.Quad]:
        return ox.parse(path=str(nquads_file), format=ox.RdfFormat.N_QUADS, lenient=checked)

    try:
        target.mkdir(parents=True, exist_ok=True)
        formats = (("graph.trig", ox.RdfFormat.TRIG), ("graph.jsonld", ox.RdfFormat.JSON_LD),
                   ("graph.ttl", ox.RdfFormat.TURTLE))
        for n, (name, fmt) in enumerate(formats):
            tmp = _temporary(target, name)
            staged.append((tmp, target / name))
            checked = n > 0  # the TriG pass, first, has read the file strictly
            if fmt == ox.RdfFormat.TURTLE:
                data: Iterator = (ox.parse(path=str(ntriples_file), format=ox.RdfFormat.N_TRIPLES, lenient=True)
                                  if ntriples_file is not None else
                                  (ox.Triple(q.subject, q.predicate, q.object) for q in quads(checked)))
            else:
                data = quads(checked)
            ox.serialize(data, str(tmp), format=fmt, prefixes=None if fmt == ox.RdfFormat.JSON_LD else PREFIXES)
        for tmp, final in staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise OutputError(f"Cannot write the outputs to {target}: {exc.strerror or exc}.") from None
    return [final for _, final in staged]


def _temporary(folder: Path, name: str) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    return Path(tmp)
