"""Building from mixed inputs: a failing article is reported and skipped, standard input,
URLs served on 127.0.0.1, and the summary."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.cli import main
from graph.query import load_graph

pytestmark = pytest.mark.slow

STORY = ("Harbour Expansion Approved\nMarch 3, 2021\n\nThe Coastal Port Authority approved a plan on Tuesday "
         "to expand the northern harbour in Halden, Norway, its chair Tomas Berg said.\n")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_build_inputs_failing_article_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01 binary")
    code = main(["build", str(folder), "-o", str(tmp_path / "out"), "--no-html"])
    err = capsys.readouterr().err
    assert code == 1
    assert "bad.txt is a binary file" in err and "1 article(s), 1 failed" in err
    ds = load_graph(tmp_path / "out" / "graph.trig")
    assert len({g.identifier for g in ds.graphs() if len(g)}) == 1


def test_build_inputs_from_a_url(served: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", f"{served}/story.txt", "-o", str(tmp_path / "out"), "--no-html", "-q"])
    assert code == 0, capsys.readouterr().err
    text = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "Tomas Berg" in text and f"{served}/story.txt" in text


def test_build_inputs_unreachable_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "http://127.0.0.1:9/none.txt", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "Cannot fetch http://127.0.0.1:9/none.txt" in err[0]
    assert not (tmp_path / "out").exists()


def test_build_inputs_from_standard_input(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "build", "-", "-o", str(tmp_path / "out"),
                           "--no-html"], input=STORY.encode(), capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert "Tomas Berg" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert b"1 article(s)" in proc.stderr



PAGES = Path(__file__).parent / "pages"


def test_build_inputs_html_page_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rdflib import RDF
    from rdflib.namespace import SDO

    from graph.namespaces import NIF, NKG

    code = main(["build", str(PAGES / "courier_jsonld.html"), "-o", str(tmp_path / "out"), "-q"])
    assert code == 0, capsys.readouterr().err
    ds = load_graph(tmp_path / "out" / "graph.trig")
    [article] = ds.subjects(RDF.type, NKG.Article)
    assert ds.value(article, SDO.headline) is not None
    assert ds.value(article, SDO.url) is not None
    assert ds.value(article, SDO.author) is not None
    [context] = ds.subjects(RDF.type, NIF.Context)
    assert "<p" not in str(ds.value(context, NIF.isString))  # the extracted text, not the markup


def test_build_inputs_html_from_a_url(served: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rdflib.namespace import RDFS

    (tmp_path / "wire.html").write_bytes((PAGES / "wire_ap.html").read_bytes())
    code = main(["build", f"{served}/wire.html", "-o", str(tmp_path / "out"), "-q", "--no-html"])
    assert code == 0, capsys.readouterr().err
    labels = {str(o) for o in load_graph(tmp_path / "out" / "graph.trig").objects(None, RDFS.label)}
    assert "Associated Press" in labels
