"""--jobs N: whole articles analysed in worker processes give what one process gives, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_nlp import nlp  # noqa: F401  (the session's spaCy model, as a fixture)

from graph.errors import InputError
from graph.ingest import RawArticle, read_inputs
from graph.pipeline import analyse
from graph.resources import example_article

pytestmark = pytest.mark.slow

LINKS = "Share on Facebook\nShare on Twitter\nEmail\n"  # no article text: this one fails

TEXTS = [
    "Floods hit northern Italy\n\nMay 17, 2023\n\nHeavy rain caused floods in Emilia-Romagna on Tuesday, "
    "killing nine people. Prime Minister Giorgia Meloni said the government would approve emergency funds.",
    "Central bank raises rates\n\nJuly 27, 2022\n\nThe European Central Bank raised its key interest rate "
    "on Thursday. Christine Lagarde, the bank's president, told reporters in Frankfurt that inflation was high.",
    LINKS,
    "Storm closes airports\n\nJanuary 5, 2024\n\nA winter storm closed airports in Chicago and Detroit on "
    "Friday. United Airlines cancelled 400 flights, a spokesman said.",
]


def corpus() -> list[RawArticle]:
    # Enough articles for several chunks per worker, the failing page among them.
    raws = [RawArticle(f"p{i:03d}", TEXTS[i % len(TEXTS)], f"<p{i:03d}>") for i in range(40)]
    return raws + list(read_inputs([example_article()]))


def run(nlp, jobs: int) -> tuple[list, list[str]]:  # noqa: F811
    failed: list[str] = []
    docs = list(analyse(nlp, corpus(), n_process=jobs, on_error=lambda source, exc: failed.append(source)))
    return docs, failed


def test_jobs_give_the_documents_of_one_process_in_order(nlp, monkeypatch) -> None:  # noqa: F811
    from graph import parallel

    calls: list[int] = []
    real = parallel.analyse_in_processes
    monkeypatch.setattr(parallel, "analyse_in_processes", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    one, failed_one = run(nlp, 1)
    two, failed_two = run(nlp, 2)
    assert calls == [2]  # the worker processes did the second run
    assert [d.id for d in two] == [d.id for d in one] and len(one) == 31
    assert two == one  # every field of every document: entities, dates, claims, events, ...
    assert failed_two == failed_one == [f"<p{i:03d}>" for i in range(2, 40, 4)]
    assert any(d.events for d in two) and any(d.claims for d in two)


def test_jobs_raise_a_failure_without_on_error(nlp) -> None:  # noqa: F811
    raws = [RawArticle("ok", TEXTS[0], "<ok>"), RawArticle("bad", LINKS, "<bad>")]
    with pytest.raises(InputError, match="<bad> holds no article text"):
        list(analyse(nlp, raws, n_process=2))


def test_kg_build_jobs_2_writes_the_same_files(tmp_path: Path) -> None:
    from graph.build import build_files

    dump = tmp_path / "corpus.jsonl"
    dump.write_text("".join(json.dumps({"id": f"a{i}", "text": TEXTS[i % 2]}) + "\n" for i in range(12)),
                    encoding="utf-8")
    one = build_files([dump], tmp_path / "one", html=False, validate=False, jobs=1)
    two = build_files([dump], tmp_path / "two", html=False, validate=False, jobs=2)
    assert (one.articles, one.triples) == (two.articles, two.triples) == (12, one.triples)
    for name in ("graph.trig", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_kg_build_jobs_2_html_pages(tmp_path: Path) -> None:
    # HTML articles travel to the workers with their extracted zones and metadata.
    from graph.build import build_files

    pages = Path(__file__).parent / "pages"
    one = build_files([pages], tmp_path / "one", html=False, validate=False, jobs=1, on_error=lambda *_: None)
    two = build_files([pages], tmp_path / "two", html=False, validate=False, jobs=2, on_error=lambda *_: None)
    assert one.articles == two.articles >= 4 and [f[0] for f in two.failed] == [f[0] for f in one.failed]
    assert (tmp_path / "two/graph.trig").read_bytes() == (tmp_path / "one/graph.trig").read_bytes()
