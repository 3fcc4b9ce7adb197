"""The data next to the code (ontology, shapes, queries, gazetteers, example) ships in the wheel
and is found from an installed copy, not only from the source checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    [built] = out.glob("newskg-*.whl")
    return built


def test_wheel_holds_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "graph/_data/ontology/newskg.ttl", "graph/_data/ontology/shapes.ttl", "graph/py.typed",
        "graph/examples/russia-isis-syria-2017-12-07.txt", "graph/data/countries.tsv",
    }
    assert expected <= names
    queries = {p.name for p in (ROOT / "queries").glob("*.rq")}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("graph/_data/queries/")} == queries


def test_wheel_finds_its_data_when_installed(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import graph, graph.resources as r, graph.query as q, graph.validate as v;"
        "assert r.ontology_dir().is_relative_to(r.PACKAGE), r.ontology_dir();"
        "assert r.example_article().is_file();"
        "assert 'entities' in q.list_queries();"
        "print(graph.__file__)"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith(str(site))
