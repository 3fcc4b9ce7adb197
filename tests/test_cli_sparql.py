"""The SPARQL commands end to end: kg publish into a real Oxigraph server on 127.0.0.1, then
kg query --endpoint against it; publishing twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from oxigraph_server import oxigraph_fixture  # noqa: F401  (the fixture named "oxigraph")

from graph.cli import main

pytestmark = pytest.mark.slow


def test_cli_publish_then_query_endpoint(oxigraph, example_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = str(example_build / "graph.trig")
    assert main(["publish", graph, "--endpoint", oxigraph.url, "--update-endpoint", oxigraph.update_url]) == 0
    first = oxigraph.quads()
    assert main(["publish", graph, "--endpoint", oxigraph.url, "--update-endpoint", oxigraph.update_url]) == 0
    assert oxigraph.quads() == first
    assert "Published 1 article(s)" in capsys.readouterr().err
    assert main(["query", "people", "--endpoint", oxigraph.url, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "Vladimir Putin" in out and "President" in out
    assert main(["query", "mentions", "--endpoint", oxigraph.url, "--param", 'label="Valery Gerasimov"']) == 0
    assert "Gerasimov" in capsys.readouterr().out


def test_cli_query_unreachable_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "entities", "--endpoint", "http://127.0.0.1:9/sparql"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kg: error: ")
