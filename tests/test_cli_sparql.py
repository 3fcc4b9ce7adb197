"""The SPARQL commands end to end: kg publish into a real Oxigraph server on 127.0.0.1, then
kg query --endpoint against it; publishing twice changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from oxigraph_server import free_port, oxigraph_fixture  # noqa: F401  (the fixture named "oxigraph")

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


def test_cli_serve_with_updates_needs_a_token(monkeypatch: pytest.MonkeyPatch, example_build: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NEWSKG_SERVE_TOKEN", raising=False)
    assert main(["serve", str(example_build / "graph.trig"), "--allow-updates", "--port", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "NEWSKG_SERVE_TOKEN" in err[0]


def test_cli_serve_then_publish_with_the_token(example_build: Path, tmp_path: Path) -> None:
    """kg serve --allow-updates in its own process, kg publish into it with and without the token."""
    token = "cli-token-" + "0123456789abcdef"
    port = free_port()
    env = {**os.environ, "NEWSKG_SERVE_TOKEN": token}
    graph = str(example_build / "graph.trig")
    server = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", graph, "--allow-updates",
                               "--port", str(port), "--max-results", "5"],
                              env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        said = server.stderr.readline()  # type: ignore[union-attr]
        assert said == f"SPARQL endpoint: {url} (at most 5 results per query)\n"
        publish = [sys.executable, "-m", "graph.cli", "publish", graph, "--endpoint", url]
        clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSKG_")}
        refused = subprocess.run(publish, env=clean, capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
        assert "credentials" in refused.stderr
        done = subprocess.run(publish, env={**clean, "NEWSKG_SPARQL_TOKEN": token}, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert token not in done.stderr + refused.stderr
        rows = subprocess.run([sys.executable, "-m", "graph.cli", "query", "entities", "--endpoint", url,
                               "--format", "csv"], env=clean, capture_output=True, text=True, timeout=120)
        assert rows.returncode == 0 and len(rows.stdout.strip().splitlines()) == 1 + 5  # header + the cap
        assert rows.stderr == "kg: warning: the endpoint cut the answer to 5 rows (X-SPARQL-MaxRows).\n"
    finally:
        server.terminate()
        server.wait(30)
