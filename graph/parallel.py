"""``--jobs N`` on one machine: whole articles analysed in N worker processes.

spaCy's own ``nlp.pipe(n_process=N)`` parses in N processes but sends every parsed Doc back to
the parent (serialised and rebuilt there), and the parent then runs all of our own stages alone:
on N cores it becomes an (N+1)th process competing for them. Here each worker runs the whole
analysis of its articles (``nlp.pipe`` in batches, then metadata, entities, dates, roles,
claims, events) and sends back only the :class:`~graph.model.Document`, a few plain dataclasses.
The parent keeps what must be decided in input order (cross-article identity, the mapping and
the writing), receiving the documents in input order.

Workers are forked from the parent after the model is loaded (``load_model`` freezes it out of
the garbage collector's reach), so they share its pages instead of loading it again. A bounded
number of chunks is in flight, so memory does not grow with the corpus. The pool is the
standard library's ``ProcessPoolExecutor``; a worker that dies makes the build fail with a
clear error instead of hanging.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .errors import GraphError
from .ingest import RawArticle
from .model import Document

CHUNK = 16  # articles per task: enough for nlp.pipe's batching, few enough to keep order cheap

_nlp = None  # the parent's model, inherited by the forked workers


def _analyse_chunk(raws: list[RawArticle]) -> list[Document | tuple[str, GraphError]]:
    """In a worker: the chunk's documents, and (source, error) for an article that failed, in order."""
    from .pipeline import analyse

    out: list[Document | tuple[str, GraphError]] = []
    for doc in analyse(_nlp, raws, on_error=lambda source, exc: out.append((source, exc))):
        out.append(doc)
    return out


def chunks(raws: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    """``raws`` in lists of ``size`` (the last one shorter), read as they are needed."""
    chunk: list[RawArticle] = []
    for raw in raws:
        chunk.append(raw)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def available() -> bool:
    """Whether worker processes can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def analyse_in_processes(nlp, raws: Iterable[RawArticle], jobs: int,
                         on_error: Callable[[str, GraphError], None] | None = None) -> Iterator[Document]:
    """The documents of ``raws`` in input order, analysed by ``jobs`` forked worker processes.

    An article that fails goes to ``on_error`` (or its error is raised), as in
    :func:`graph.pipeline.analyse`.
    """
    global _nlp
    _nlp = nlp
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future] = deque()
        try:
            for chunk in chunks(raws, CHUNK):
                pending.append(pool.submit(_analyse_chunk, chunk))
                if len(pending) >= 2 * jobs:
                    yield from _results(pending.popleft(), on_error)
            while pending:
                yield from _results(pending.popleft(), on_error)
        except BrokenProcessPool:
            raise GraphError("A worker process of --jobs died (out of memory?); run again with fewer jobs.") from None
        finally:
            for future in pending:
                future.cancel()
            _nlp = None


def _results(future: Future, on_error: Callable[[str, GraphError], None] | None) -> Iterator[Document]:
    for item in future.result():
        if isinstance(item, Document):
            yield item
            continue
        source, exc = item
        if on_error is None:
            raise exc
        on_error(source, exc)
