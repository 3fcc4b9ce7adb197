"""One graph across articles: well-known entities are one node with every mention kept; other
names stay per article (two John Smiths in unrelated articles are not merged blindly)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal

from graph import build_graph, validate
from graph.namespaces import ITSRDF, NKG

pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "one", "text": "Russian Talks Resume\nMarch 3, 2021\n\nJohn Smith, a farmer in Kansas, said Russia "
                          "had bought less wheat this year, according to the Associated Press.\n"},
    {"id": "two", "text": "Chess Cup Opens\nApril 9, 2021\n\nJohn Smith, a chess player from Leeds, beat a "
                          "rival from Russia on Sunday, the Associated Press reported.\n"},
]


def test_corpus_known_entities_are_one_node(tmp_path: Path) -> None:
    dump = tmp_path / "two.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    ds = build_graph(dump)
    validate(ds)
    russia = list(ds.subjects(RDFS.label, Literal("Russia")))
    assert len(russia) == 1 and (russia[0], RDF.type, NKG.Country) in ds
    contexts = {str(m).split("#")[0] for m in ds.subjects(ITSRDF.taIdentRef, russia[0])}
    assert len(contexts) == 2  # mentions from both articles kept
    smiths = set(ds.subjects(RDFS.label, Literal("John Smith")))
    assert len(smiths) == 2  # not merged blindly
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert len(names) == 2
    for name in names:
        assert (russia[0], RDFS.label, Literal("Russia")) in ds.graph(name)  # each article keeps its own triples


def test_corpus_streamed_build_equals_in_memory_build(tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    from graph.build import build_files
    from graph.query import load_graph
    from graph.store import union

    dump = tmp_path / "two.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    build_files([dump], tmp_path / "streamed", html=False, validate=False)  # streamed to disk
    build_files([dump], tmp_path / "memory", html=True, validate=True)  # one Dataset in memory
    streamed, memory = load_graph(tmp_path / "streamed/graph.trig"), load_graph(tmp_path / "memory/graph.trig")
    assert isomorphic(union(streamed), union(memory))
    assert {g.identifier for g in streamed.graphs() if len(g)} == {g.identifier for g in memory.graphs() if len(g)}
    for name in ("graph.ttl", "graph.jsonld"):
        assert isomorphic(union(load_graph(tmp_path / "streamed" / name)), union(memory))
