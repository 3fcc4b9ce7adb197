"""Distributed builds (graph.distributed) on a local Dask cluster of two worker processes bound to
127.0.0.1: the same graph as the single-process build, published straight into a real Oxigraph
store, a worker killed mid-task, and a resumed run."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from rdflib.compare import isomorphic  # noqa: E402

from graph.build import build_dataset  # noqa: E402
from graph.errors import UsageError  # noqa: E402
from graph.ingest import RawArticle, read_inputs  # noqa: E402
from graph.identity import Identity  # noqa: E402
from graph.namespaces import ID  # noqa: E402
from graph.resources import example_article  # noqa: E402
from graph.store import union  # noqa: E402
from oxigraph_server import dataset_quads, oxigraph_fixture  # noqa: E402,F401

ARTICLES = {
    "dist-a": "Acme Corp buys Globex for $2 billion\n\nMarch 3, 2021\n\nAcme Corp said on Wednesday it "
              "would buy Globex Inc. for $2 billion. \"This is a great day for our customers,\" said "
              "Jane Smith, the chief executive of Acme Corp, in a statement in New York.",
    "dist-b": "Floods hit northern Italy\n\nMay 17, 2023\n\nHeavy rain caused floods in Emilia-Romagna "
              "on Tuesday, killing nine people. Prime Minister Giorgia Meloni said the government "
              "would approve emergency funds. About 10,000 people left their homes in Ravenna.",
    "dist-c": "Central bank raises rates\n\nJuly 27, 2022\n\nThe European Central Bank raised its key "
              "interest rate by 0.5 percentage points on Thursday. Christine Lagarde, the bank's "
              "president, told reporters in Frankfurt that inflation was far too high.",
    "dist-d": "Election results announced\n\nNovember 9, 2020\n\nThe electoral commission of Ghana "
              "announced on Monday that John Mahama had lost the election. He said he would "
              "challenge the result in the Supreme Court in Accra.",
    "dist-e": "Storm closes airports\n\nJanuary 5, 2024\n\nA winter storm closed airports in Chicago "
              "and Detroit on Friday. United Airlines cancelled 400 flights, a spokesman said. The "
              "National Weather Service warned of more snow on Saturday.",
    "dist-f": "Researchers map coral reefs\n\nAugust 14, 2019\n\nScientists at the University of "
              "Queensland published a map of the Great Barrier Reef on Wednesday. Professor Chris "
              "Roelfsema said the map covered 3,000 reefs and would help protect them.",
    # Names dist-a's Jane Smith and Acme Corp again, with context (her affiliation): one node each
    # across the two articles, which land in different partitions.
    "dist-g": "Acme Corp completes Globex deal\n\nJune 1, 2021\n\nAcme Corp completed its purchase of "
              "Globex Inc. on Tuesday. Jane Smith, the chief executive of Acme Corp, said the deal "
              "would bring 500 jobs to New York.",
}

def corpus() -> list[RawArticle]:
    raws = [RawArticle(ident, text, f"<{ident}>") for ident, text in ARTICLES.items()]
    return raws + list(read_inputs([example_article()]))


@pytest.fixture(scope="module")
def reference():
    """The single-process build of the corpus."""
    return build_dataset(corpus())


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local


def named(ds) -> dict:
    return {g.identifier: set(g) for g in ds.graphs() if len(g)}


def test_parse_scheduler() -> None:
    from graph.distributed import parse_scheduler

    assert parse_scheduler("local:3").workers == 3 and parse_scheduler("local:3").address is None
    assert parse_scheduler("local").workers == (os.cpu_count() or 1)
    assert parse_scheduler("tcp://10.0.0.5:8786").address == "tcp://10.0.0.5:8786"
    assert parse_scheduler("tcp://[::1]:8786").address == "tcp://[::1]:8786"
    for bad in ("local:0", "local:x", "tcp://host", "http://host:8786", "tcp://h:99999", "remote"):
        with pytest.raises(UsageError):
            parse_scheduler(bad)


@pytest.mark.slow
def test_distributed_build_equals_single_process(cluster, reference) -> None:
    from graph.distributed import build_distributed

    ds, summary = build_distributed(corpus(), cluster.scheduler_address, partition_size=2)
    assert ds is not None
    assert summary.articles == len(corpus()) and not summary.failed and summary.workers == 2
    got, want = named(ds), named(reference)
    assert set(got) == set(want)  # the same named graphs
    for name in want:  # no blank nodes: the same IRIs, whichever worker built the article
        assert got[name] == want[name], name
    assert isomorphic(union(ds), union(reference))
    assert summary.triples == sum(map(len, want.values()))
    # Cross-article identity holds on the cluster: the later article names the first one's nodes.
    later = {str(term) for triple in got[ID["article/dist-g/graph"]] for term in triple}
    assert {str(ID["article/dist-a/person/jane-smith"]), str(ID["article/dist-a/organization/acme-corp"])} <= later


@pytest.mark.slow
def test_local_scheduler_string(reference) -> None:
    """``local:1`` starts (and stops) its own cluster."""
    from graph.distributed import build_distributed

    raws = corpus()[:2]
    ds, summary = build_distributed(raws, "local:1")
    assert summary.articles == 2 and summary.workers == 1
    assert named(ds) == {name: triples for name, triples in named(reference).items() if name in named(ds)}
    assert len(named(ds)) == 2


@pytest.mark.slow
def test_publish_from_workers(cluster, reference, oxigraph) -> None:
    from graph.distributed import build_distributed

    ds, summary = build_distributed(corpus(), cluster.scheduler_address, partition_size=3,
                                    publish_endpoint=oxigraph.url)
    assert ds is None
    assert summary.articles == len(corpus()) and summary.skipped == 0
    assert oxigraph.quads() == dataset_quads(reference)
    assert oxigraph.graph_names() == {str(name) for name in named(reference)}


@pytest.mark.slow
def test_resume_skips_articles_in_the_store(cluster, reference, oxigraph) -> None:
    from graph.distributed import build_distributed

    raws = corpus()
    register = Identity()  # kept between runs (kg build keeps it in the output folder)
    _, first = build_distributed(raws[:3], cluster.scheduler_address, publish_endpoint=oxigraph.url,
                                 update_endpoint=oxigraph.update_url, identity=register)  # a run interrupted after 3
    assert first.articles == 3
    _, second = build_distributed(raws, cluster.scheduler_address, publish_endpoint=oxigraph.url,
                                  partition_size=2, identity=register)
    assert second.skipped == 3 and second.articles == len(raws) - 3  # only the rest were sent
    assert "3 skipped" in second.line()
    assert oxigraph.quads() == dataset_quads(reference)
    _, third = build_distributed(raws, cluster.scheduler_address, publish_endpoint=oxigraph.url)
    assert third.skipped == len(raws) and third.articles == 0


class KillOnce:
    """A worker plugin that kills its worker process shortly after a build task starts executing
    there, the first time only (a marker file shared by the workers)."""

    idempotent = False

    def __init__(self, marker: str, prefix: str) -> None:
        self.marker = marker
        self.prefix = prefix

    def setup(self, worker) -> None:
        pass

    def teardown(self, worker) -> None:
        pass

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith(self.prefix):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGKILL)).start()


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["newskg-analyse", "newskg-publish"])  # the task killed
def test_worker_killed_mid_task(cluster, reference, oxigraph, tmp_path: Path, prefix: str) -> None:
    # Killed while publishing, the worker takes the analysis it held with it: Dask runs it again.
    import cloudpickle
    from distributed import Client, WorkerPlugin

    from graph.distributed import build_distributed

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    plugin = type("KillOncePlugin", (KillOnce, WorkerPlugin), {})
    marker = tmp_path / "killed"
    with Client(cluster.scheduler_address) as client:
        client.register_plugin(plugin(str(marker), prefix), name="newskg-test-kill-once")
        try:
            _, summary = build_distributed(corpus(), cluster.scheduler_address, partition_size=2,
                                           publish_endpoint=oxigraph.url, resume=False)
        finally:
            client.unregister_worker_plugin("newskg-test-kill-once")
        assert marker.exists()  # a worker was killed
        killed = int(marker.read_text())
        pids = set(client.run(os.getpid).values())
        assert killed not in pids and len(pids) == 2  # and replaced by its nanny
    assert summary.articles == len(corpus()) and not summary.failed
    assert len(summary.published) == len(set(summary.published))  # none counted twice
    assert oxigraph.quads() == dataset_quads(reference)
    count = oxigraph.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
    assert int(count) == len(dataset_quads(reference))  # complete, and nothing twice


@pytest.mark.slow
def test_publish_runs_keep_the_identity_register(cluster, oxigraph, tmp_path: Path) -> None:
    # kg build --scheduler ... --publish keeps the register in the output folder, so a later run
    # joins the nodes of articles already in the store.
    from graph.distributed import build_files_distributed
    from graph.identity import REGISTER_FILE

    first, later = tmp_path / "dist-a.txt", tmp_path / "dist-g.txt"
    first.write_text(ARTICLES["dist-a"], encoding="utf-8")
    later.write_text(ARTICLES["dist-g"], encoding="utf-8")
    out = tmp_path / "out"
    for path in (first, later):
        summary = build_files_distributed([path], out, cluster.scheduler_address, publish_endpoint=oxigraph.url,
                                          update_endpoint=oxigraph.update_url)
        assert summary.articles == 1 and (out / REGISTER_FILE).is_file()
    jane = [row["g"] for row in oxigraph.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p <https://w3id.org/newskg/id/article/dist-a/person/jane-smith> } }")]
    assert len(jane) == 2  # named in both articles' graphs, as one node
    assert sorted(p.name for p in out.iterdir()) == [REGISTER_FILE]  # nothing else written locally
