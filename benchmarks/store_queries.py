"""Time the named queries on a graph store, as `kg query --store` runs them.

usage: python benchmarks/store_queries.py STORE [--articles N] [--repeat 3] [--only NAME ...]
                                          [--queries DIR] [--timeout S] [--save DIR] [--floor]

Every named query runs without parameters, and the parameterised ones also with a typical value
(a name, a class, an article of the store). Each run is a fresh process that opens the store,
as `kg query` does. Two figures, without the imports: "check", rdflib parsing and checking the
query text (the same for any store size), and "store", the store answering it and the rows
converted to Python; the best of --repeat runs of each is shown, with the number of rows.

With --articles N and no store at STORE yet, the store is first built from N articles of the
benchmark corpus (see benchmarks/speed.py: the MEANTIME dev articles and the bundled example,
replicated with distinct ids). --queries DIR times the .rq files of DIR (same names, e.g. an
older copy of queries/) instead of the package's; --timeout S gives up on a run after S seconds.
--save DIR writes each case's rows (as N-Triples terms, JSON) so that two runs can be compared,
e.g. before and after a change to a query.

--floor first times what any query listing the whole store pays: the store reading one triple
pattern (every mention's link, `?m itsrdf:taIdentRef ?e`) as two-column rows, as its own SPARQL
TSV serialisation (no Python objects), against COUNT(*) of the same pattern (no term read).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# One run: open the store, run one case, print the times and the rows (the rows only if asked).
# "check" is the query's parsing and checking by rdflib (graph.query.load_query), which
# `kg query` does first whatever the store; "store" is the rest: the store's answer, as rows.
RUN = """
import json, sys, time
from graph.persistent import GraphStore
from graph.query import load_query, parse_param
store, name, save = sys.argv[1], sys.argv[2], sys.argv[3]
params = dict(parse_param(p) for p in sys.argv[4:])  # name may be the path of a .rq file
started = time.perf_counter()
load_query(name)  # cached: GraphStore.query below does not parse it again
checked = time.perf_counter()
result = GraphStore(store, create=False).query(name, **params)
done = time.perf_counter()
rows = [[None if v is None else v.n3() for v in row] for row in result.rows] if save else None
print(json.dumps({"check": checked - started, "store": done - checked, "rows": len(result),
                  "columns": result.columns, "data": rows}))
"""


def cases(store: str) -> list[tuple[str, list[str]]]:
    """(query, parameters) to time: every named query bare, the parameterised ones also bound."""
    sys.path.insert(0, str(ROOT))
    import pyoxigraph as ox

    from graph.persistent import GraphStore
    from graph.query import list_queries

    graphs = GraphStore(store, create=False).articles()
    article = graphs[0].removesuffix("/graph") if graphs else None
    # The source with the most claims, for claims source=.
    busiest = [row["source"].value for row in ox.Store.read_only(store).query(
        "SELECT ?source (COUNT(*) AS ?n) WHERE { ?claim <http://www.w3.org/ns/prov#wasAttributedTo> ?source } "
        "GROUP BY ?source ORDER BY DESC(?n) LIMIT 1")]
    bound = {
        "entities": [["type=nkg:Person"]],
        "mentions": [["label=Vladimir Putin"]],
        "claims": [["label=Vladimir Putin"]] + [[f"source=<{iri}>"] for iri in busiest],
        "events": [["type=nkg:Conflict"], ["factuality=nkg:Negated"]],
        "activity": [["label=Vladimir Putin"], ["label=Russia"]],
        "timeline": [[f"article=<{article}>"]] if article else [],
        "sources": [[f"article=<{article}>"]] if article else [],
    }
    out: list[tuple[str, list[str]]] = []
    for name in list_queries():
        out.append((name, []))
        out.extend((name, params) for params in bound.get(name, []))
    return out


FLOOR = "SELECT {} WHERE {{ ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e }}"


def floor(store: str) -> None:
    """How long the store takes to read rows at all: one pattern, listed and counted."""
    import io
    import time

    import pyoxigraph as ox

    db = ox.Store.read_only(store)
    for what, projection in (("count", "(COUNT(*) AS ?n)"), ("list", "?m ?e")):
        started = time.perf_counter()
        out = io.BytesIO()
        db.query(FLOOR.format(projection)).serialize(out, ox.QueryResultsFormat.TSV)
        seconds = time.perf_counter() - started
        rows = out.getvalue().count(b"\n") - 1
        print(f"floor: one triple pattern, {what:<5} {seconds:>8.3f} s  {rows:>7} rows"
              f"  ({len(out.getvalue()) / 1e6:.1f} MB TSV)", flush=True)


def build(store: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from speed import corpus

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        corpus(n, data)
        cmd = [sys.executable, "-m", "graph.cli", "build", str(data), "--store", str(store),
               "--no-html", "--no-validate", "-q", "-j", "2"]
        print(f"building {store} from {n} articles ...", flush=True)
        subprocess.run(cmd, check=True, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--articles", type=int, help="build the store from N corpus articles if it does not exist")
    ap.add_argument("--repeat", type=int, default=3, help="runs per case; the best is shown (default: 3)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="time these named queries only")
    ap.add_argument("--queries", type=Path, metavar="DIR", help="time DIR/<name>.rq instead of the named queries")
    ap.add_argument("--timeout", type=float, metavar="S", help="give up on a run after S seconds")
    ap.add_argument("--save", type=Path, metavar="DIR", help="write each case's rows to DIR/<case>.json")
    ap.add_argument("--floor", action="store_true", help="first time one triple pattern listed and counted")
    args = ap.parse_args(argv)
    if not args.store.is_dir():
        if not args.articles:
            ap.error(f"no store at {args.store}; give --articles N to build one")
        build(args.store, args.articles)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    if args.floor:
        floor(str(args.store))
    print(f"{'query':<40}  {'check s':>8}  {'store s':>8}  {'rows':>7}")
    for name, params in cases(str(args.store)):
        if args.only and name not in args.only:
            continue
        label = name + "".join(f" {p}" for p in params)
        shown = name + "".join(" " + (p if len(p) < 30 else p[:10] + "…" + p[-18:]) for p in params)
        query = str((args.queries / f"{name}.rq").resolve()) if args.queries else name
        runs = []
        for i in range(max(args.repeat, 1)):
            save = "1" if args.save and i == 0 else ""
            cmd = [sys.executable, "-c", RUN, str(args.store), query, save, *params]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False,
                                      timeout=args.timeout)
            except subprocess.TimeoutExpired:
                break
            if proc.returncode:
                sys.stderr.write(proc.stderr)
                return proc.returncode
            runs.append(json.loads(proc.stdout))
        if not runs:
            print(f"{shown:<40}  {'':>8}  {'> ' + format(args.timeout, 'g'):>8}  {'?':>7}", flush=True)
            continue
        check = min(r["check"] for r in runs)
        answer = min(r["store"] for r in runs)
        print(f"{shown:<40}  {check:>8.3f}  {answer:>8.3f}  {runs[0]['rows']:>7}", flush=True)
        if args.save:
            key = "".join(c if c.isalnum() or c in "-_." else "_" for c in label.replace(" ", "__"))
            (args.save / f"{key}.json").write_text(
                json.dumps({"columns": runs[0]["columns"], "rows": runs[0]["data"]}, ensure_ascii=False) + "\n",
                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
