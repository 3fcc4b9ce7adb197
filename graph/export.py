"""Export the network (``graph.network.to_networkx``) for other tools: GraphML, GEXF or CSV.

Every node carries ``kind`` (also as ``type``), ``label``, ``aliases`` (joined with `` | ``),
``mentions``, ``centrality`` (degree centrality of the undirected network) and its ``iri``;
events and claims add ``date``, ``factuality``, ``event_type``, ``cue`` and ``text`` where they
have them. Every edge carries ``relation`` and ``weight`` (how many sentences or statements
support it). GraphML and GEXF cannot hold lists, so list attributes are joined into strings and
missing values become empty strings.

``csv`` writes one zip archive at ``path`` holding ``nodes.csv`` and ``edges.csv`` (UTF-8 with
a header row): one file to hand on, and an atomic write of a single path.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path
from typing import Any, Final, Literal

import networkx as nx
from rdflib import Dataset, Graph

from .atomic import atomic_write
from .errors import OutputError
from .network import centrality, to_networkx

Format = Literal["graphml", "gexf", "csv"]
FORMATS: Final[tuple[str, ...]] = ("graphml", "gexf", "csv")
ALIAS_SEPARATOR: Final = " | "
NODE_COLUMNS: Final = (
    "id", "type", "label", "aliases", "mentions", "centrality", "iri",
    "event_type", "factuality", "date", "cue", "text",
)
EDGE_COLUMNS: Final = ("source", "target", "relation", "weight")


def flat_network(graph: Graph | Dataset | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network with scalar attributes only (strings, ints, floats), ready to write."""
    net = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    scores = centrality(net)
    flat = nx.MultiDiGraph()
    for node, attrs in net.nodes(data=True):
        flat.add_node(node, **_node_row(node, attrs, scores.get(node, 0.0)))
    for source, target, key, attrs in net.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, relation=str(attrs.get("relation", key)),
                      weight=int(attrs.get("weight", 1)))
    return flat


def _node_row(node: str, attrs: dict[str, Any], score: float) -> dict[str, Any]:
    row: dict[str, Any] = {
        "type": attrs.get("kind", ""),
        "kind": attrs.get("kind", ""),
        "label": attrs.get("label", ""),
        "aliases": ALIAS_SEPARATOR.join(attrs.get("aliases", [])),
        "mentions": int(attrs.get("mentions", 0)),
        "centrality": round(float(score), 6),
        "iri": attrs.get("iri", node),
    }
    for key in ("event_type", "factuality", "date", "cue", "text"):
        value = attrs.get(key)
        row[key] = "" if value is None else str(value)
    quantities = attrs.get("quantities")
    if quantities:
        row["quantities"] = ALIAS_SEPARATOR.join(quantities)
    return row


def export(graph: Graph | Dataset | nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str) -> Path:
    """Write the network of ``graph`` to ``path`` as ``fmt`` (graphml | gexf | csv); atomic."""
    if fmt not in FORMATS:
        raise OutputError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    flat = flat_network(graph)
    if fmt == "csv":
        data = _csv_zip(flat)
    else:
        buffer = io.BytesIO()
        if fmt == "graphml":
            nx.write_graphml(flat, buffer, encoding="utf-8")
        else:
            nx.write_gexf(flat, buffer, encoding="utf-8")
        data = buffer.getvalue()
    return atomic_write(path, data)


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _csv_zip(flat: nx.MultiDiGraph) -> bytes:
    nodes = [{"id": n, **a} for n, a in flat.nodes(data=True)]
    edges = [{"source": u, "target": v, **a} for u, v, a in flat.edges(data=True)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in (("nodes.csv", _csv_text(NODE_COLUMNS, nodes)),
                              ("edges.csv", _csv_text(EDGE_COLUMNS, edges))):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    return buffer.getvalue()
