"""`graph.export`: the network as GraphML, GEXF and CSV, read back by networkx and csv."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from fixtures_graph import HOSTILE_ALIAS, HOSTILE_LABEL, article_iri, hostile_graph

from graph.errors import OutputError
from graph.export import export
from graph.network import to_networkx

PUTIN = article_iri("russia-isis", "person", "vladimir-putin")
RUSSIA = article_iri("russia-isis", "place", "russia")
HOSTILE = article_iri("hostile", "person", "img")


def test_graphml_round_trips_with_attributes(tmp_path: Path) -> None:
    net = to_networkx(hostile_graph())
    path = export(hostile_graph(), tmp_path / "net.graphml", "graphml")
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(net.nodes)
    assert back.number_of_edges() == net.number_of_edges()
    putin = back.nodes[PUTIN]
    assert putin["type"] == "Person" and putin["label"] == "Vladimir Putin"
    assert putin["aliases"] == "Putin" and putin["mentions"] == 3
    assert 0 < putin["centrality"] <= 1
    assert back.nodes[HOSTILE]["label"] == HOSTILE_LABEL
    assert back.nodes[HOSTILE]["aliases"] == HOSTILE_ALIAS
    relations = {d["relation"]: d["weight"] for u, v, d in back.edges(data=True) if (u, v) == (PUTIN, RUSSIA)}
    assert relations["President"] == 1 and relations["mentioned with"] >= 1


def test_gexf_reads_back(tmp_path: Path) -> None:
    back = nx.read_gexf(export(hostile_graph(), tmp_path / "net.gexf", "gexf"))
    assert back.number_of_nodes() == to_networkx(hostile_graph()).number_of_nodes()
    assert any(d.get("label") == "Vladimir Putin" for _, d in back.nodes(data=True))


def test_csv_is_one_zip_with_nodes_and_edges(tmp_path: Path) -> None:
    path = export(hostile_graph(), tmp_path / "net.zip", "csv")
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    net = to_networkx(hostile_graph())
    assert len(nodes) == net.number_of_nodes() and len(edges) == net.number_of_edges()
    row = next(r for r in nodes if r["id"] == HOSTILE)
    assert row["label"] == HOSTILE_LABEL and row["type"] == "Person"
    assert set(edges[0]) == {"source", "target", "relation", "weight"}


def test_an_unknown_format_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        export(hostile_graph(), tmp_path / "net.x", "dot")
    assert list(tmp_path.iterdir()) == []


def test_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    export(hostile_graph(), tmp_path / "net.graphml", "graphml")
    assert [p.name for p in tmp_path.iterdir()] == ["net.graphml"]
