"""The persistent graph store: incremental builds, replacement not duplication, queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.cli import main
from graph.persistent import GraphStore

pytestmark = pytest.mark.slow

ONE = ("Port Deal Signed\nMarch 3, 2021\n\nThe Coastal Port Authority signed a deal with Nordfrakt in Halden, "
       "Norway, its chair Tomas Berg said on Tuesday.\n")
TWO = ("Ferry Strike Ends\nApril 9, 2021\n\nFerry workers in Bergen, Norway, ended a strike after the union "
       "accepted a pay offer, spokeswoman Ingrid Dahl said.\n")


def test_persistent_store_grows_and_replaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    store = tmp_path / "store"
    assert main(["build", str(tmp_path / "one.txt"), "--store", str(store), "-q", "--no-html"]) == 0
    first = len(GraphStore(store))
    assert main(["build", str(tmp_path / "two.txt"), "--store", str(store), "-q"]) == 0
    both = len(GraphStore(store))
    assert both > first
    assert main(["build", str(tmp_path / "one.txt"), "--store", str(store), "-q"]) == 0
    assert len(GraphStore(store)) == both  # rebuilt, not duplicated
    assert len(GraphStore(store).articles()) == 2
    assert not (tmp_path / "output").exists()


def test_persistent_store_named_queries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    store = tmp_path / "store"
    main(["build", str(tmp_path / "one.txt"), "--store", str(store), "-q"])
    result = GraphStore(store).query("mentions", label=Literal("Tomas Berg"))
    assert [str(row[1]) for row in result.rows] == ["Tomas Berg"]
    assert GraphStore(store).query("mentions", label=Literal('x" } ; DROP ALL ; #')).rows == []
    capsys.readouterr()
    assert main(["query", "people", "--store", str(store), "--format", "csv"]) == 0
    assert "Tomas Berg" in capsys.readouterr().out
    assert main(["viz", "--store", str(store), "-o", str(tmp_path / "net.html")]) == 0
    assert "Tomas Berg" in (tmp_path / "net.html").read_text(encoding="utf-8")


def test_persistent_store_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "entities", "--store", str(tmp_path / "nope")]) == 1
    assert "No graph store" in capsys.readouterr().err


def test_persistent_store_default_graph_stays_the_set_union(tmp_path: Path) -> None:
    """Replacing graphs one by one keeps the default graph exactly the deduplicated union."""
    import pyoxigraph as ox

    def quad(s: str, o: str, g: str) -> ox.Quad:
        return ox.Quad(ox.NamedNode(f"urn:{s}"), ox.NamedNode("urn:p"), ox.Literal(o), ox.NamedNode(f"urn:g:{g}"))

    def check(store: GraphStore) -> set:
        with store._opened() as oxs:
            default = {(q.subject, q.predicate, q.object) for q in oxs.quads_for_pattern(None, None, None, ox.DefaultGraph())}
            named = {(q.subject, q.predicate, q.object) for q in oxs if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert default == named
        return default

    store = GraphStore(tmp_path / "store")
    store.put_quads([quad("russia", "Russia", "a"), quad("x", "only a", "a"),
                     quad("russia", "Russia", "b"), quad("y", "only b", "b")])
    assert len(check(store)) == 3  # the shared triple once
    store.put_quads([quad("x", "a again", "a")])  # a replaced: its Russia triple is still in b
    union = check(store)
    assert (ox.NamedNode("urn:russia"), ox.NamedNode("urn:p"), ox.Literal("Russia")) in union
    assert not any(o == ox.Literal("only a") for _, _, o in union)
    store.put_quads([quad("y", "b again", "b")])  # now no graph holds Russia
    assert not any(o == ox.Literal("Russia") for _, _, o in check(store))


def test_persistent_store_viz_draws_the_latest_or_matching_articles(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")  # March 3, 2021
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")  # April 9, 2021: the most recent
    store = tmp_path / "store"
    assert main(["build", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), "--store", str(store), "-q"]) == 0
    graphs, available = GraphStore(store).latest(5)
    assert available == 2 and [g.rsplit("/", 2)[-2] for g in graphs] == ["two", "one"]
    capsys.readouterr()

    page = tmp_path / "latest.html"
    assert main(["viz", "--store", str(store), "--articles", "1", "-o", str(page)]) == 0
    assert "the 1 most recent of 2 articles" in capsys.readouterr().err
    html = page.read_text(encoding="utf-8")
    assert "Ingrid Dahl" in html and "Tomas Berg" not in html

    assert main(["viz", "--store", str(store), "--mentioning", "Tomas Berg", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Tomas Berg" in html and "Ingrid Dahl" not in html

    assert main(["viz", "--store", str(store), "--mentioning", "Nobody Known", "-o", str(page)]) == 1
    assert "no article mentioning 'Nobody Known'" in capsys.readouterr().err
    assert main(["viz", "--articles", "5", "-o", str(page)]) == 2  # a choice of articles needs a store
    assert "add --store DIR" in capsys.readouterr().err
