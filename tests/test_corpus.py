"""One graph across articles: well-known entities are one node with every mention kept; other
names become one node only with shared context (two John Smiths in unrelated articles are not
merged blindly)."""

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


SUMMIT = [
    {"id": "paris", "text": "Clinton Meets Sarkozy Over Iran Sanctions\n\nSecretary of State Hillary Clinton met "
                            "French President Nicolas Sarkozy in Paris on Monday, the State Department said. "
                            "Clinton and Sarkozy discussed sanctions against Iran.\n"},
    {"id": "sanctions", "text": "Sarkozy Backs Sanctions\n\nFrench President Nicolas Sarkozy said on Tuesday that "
                                "France supports new sanctions against Iran after meeting Hillary Clinton.\n"},
]


def people(ds, label: str) -> set:
    return set(ds.subjects(RDFS.label, Literal(label)))


def test_corpus_same_person_in_related_articles_is_one_node(tmp_path: Path) -> None:
    dump = tmp_path / "all.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in SUMMIT + ARTICLES), encoding="utf-8")
    ds = build_graph(dump)
    validate(ds)  # one label per node still
    sarkozy, clinton = people(ds, "Nicolas Sarkozy"), people(ds, "Hillary Clinton")
    assert len(sarkozy) == 1 and len(clinton) == 1
    mentioned_in = {str(m).split("#")[0] for m in ds.subjects(ITSRDF.taIdentRef, next(iter(sarkozy)))}
    assert len(mentioned_in) == 2  # every mention kept, each in its own article's graph
    assert len(people(ds, "John Smith")) == 2  # still two: nothing shared but a country


def test_corpus_store_keeps_identity_across_builds(tmp_path: Path) -> None:
    from graph.build import build_files
    from graph.persistent import GraphStore

    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(SUMMIT[0]) + "\n", encoding="utf-8")
    second.write_text(json.dumps(SUMMIT[1]) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    build_files([first], None, html=False, validate=False, store=store)
    build_files([second], None, html=False, validate=False, store=store)  # a later day's build
    ds = GraphStore(store, create=False).to_dataset()
    assert len(people(ds, "Nicolas Sarkozy")) == 1 and len(people(ds, "Hillary Clinton")) == 1
    build_files([second], None, html=False, validate=False, store=store)  # rebuilt: still one node
    again = GraphStore(store, create=False).to_dataset()
    assert len(people(again, "Nicolas Sarkozy")) == 1 and len(list(again.quads())) == len(list(ds.quads()))


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
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES + SUMMIT), encoding="utf-8")
    build_files([dump], tmp_path / "streamed", html=False, validate=False)  # streamed to disk
    build_files([dump], tmp_path / "memory", html=True, validate=True)  # one Dataset in memory
    streamed, memory = load_graph(tmp_path / "streamed/graph.trig"), load_graph(tmp_path / "memory/graph.trig")
    assert isomorphic(union(streamed), union(memory))
    assert {g.identifier for g in streamed.graphs() if len(g)} == {g.identifier for g in memory.graphs() if len(g)}
    for name in ("graph.ttl", "graph.jsonld"):
        assert isomorphic(union(load_graph(tmp_path / "streamed" / name)), union(memory))
