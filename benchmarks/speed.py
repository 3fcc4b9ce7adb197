"""Speed and memory of `kg build` against the bare spaCy model, on the same texts, in one run.

The corpus: the MEANTIME dev articles and the bundled example, replicated with distinct ids up
to N articles, as one JSONL file. Each measurement runs in its own process (so peak memory is
that process's own): bare `nlp.pipe` over the texts, then `kg build` with the given options.
Model loading is timed separately and left out of every articles/s figure.

usage: python benchmarks/speed.py [--articles 1000] [--jobs 1 2] [--store] [--full] [--no-bare]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

BARE = """
import json, sys, time
t0 = time.perf_counter()
from graph.nlp import load_model
nlp = load_model()
t1 = time.perf_counter()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
t2 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
t3 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "run": t3 - t2}))
"""

LOAD = """
import json, time
t0 = time.perf_counter()
from graph.nlp import load_model
from graph import build  # noqa: F401  (the same imports as kg build)
load_model()
print(json.dumps({"load": time.perf_counter() - t0}))
"""


def corpus(n: int, path: Path) -> None:
    docs = [json.loads(line)["text"] for line in (SHARED / "data/meantime/meantime-en-dev.jsonl").open(encoding="utf-8")]
    docs.append((ROOT / "graph/examples/russia-isis-syria-2017-12-07.txt").read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i:06d}", "text": docs[i % len(docs)]}) + "\n")


def measured(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MiB) and stdout of ``cmd`` run in a fresh child process."""
    wrapper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "t = time.perf_counter() - t\n"
        "if p.returncode: sys.stderr.write(p.stderr); sys.exit(p.returncode)\n"
        "print(json.dumps({'seconds': t, 'rss': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " 'out': p.stdout}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    data = json.loads(proc.stdout)
    return data["seconds"], data["rss"] // 1024, data["out"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--store", action="store_true", help="also build into a graph store and time the named queries")
    ap.add_argument("--full", action="store_true", help="also time the default build (SHACL check and HTML page)")
    ap.add_argument("--no-bare", action="store_true", help="leave out bare nlp.pipe (e.g. for memory and query figures at 10,000 articles)")
    args = ap.parse_args(argv)
    env_python = sys.executable
    load = json.loads(subprocess.run([env_python, "-c", LOAD], capture_output=True, text=True, check=True).stdout)["load"]
    print(f"model load and imports: {load:.1f} s (left out of the rates below)")
    print(f"{'articles':>8}  {'run':<34}  {'seconds':>8}  {'articles/s':>10}  {'vs bare':>7}  {'peak MiB':>8}")
    for n in args.articles:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "corpus.jsonl"
            corpus(n, data)
            for jobs in args.jobs:
                bare_rate = None
                if not args.no_bare:
                    seconds, rss, out = measured([env_python, "-c", BARE, str(data), str(jobs)])
                    bare = json.loads(out)
                    bare_rate = n / bare["run"]
                    print(f"{n:>8}  {'bare nlp.pipe, n_process=' + str(jobs):<34}  {bare['run']:>8.1f}  "
                          f"{bare_rate:>10.1f}  {'1.00':>7}  {rss:>8}")
                variants = [("kg build --no-html --no-validate", ["--no-html", "--no-validate"])]
                if args.full:
                    variants.append(("kg build (defaults)", []))
                if args.store:
                    variants.append(("kg build --store --no-validate", ["--no-validate", "--store", f"{tmp}/store"]))
                for label, options in variants:
                    out_dir = Path(tmp) / f"out-{jobs}-{len(options)}"
                    cmd = [env_python, "-m", "graph.cli", "build", str(data), "-q", "-j", str(jobs), *options]
                    if "--store" not in options:
                        cmd += ["-o", str(out_dir)]
                    seconds, rss, _ = measured(cmd)
                    run = max(seconds - load, 1e-9)
                    rate = n / run
                    ratio = f"{rate / bare_rate:>7.2f}" if bare_rate else f"{'-':>7}"
                    print(f"{n:>8}  {label + ', -j ' + str(jobs):<34}  {run:>8.1f}  {rate:>10.1f}  "
                          f"{ratio}  {rss:>8}", flush=True)
            if args.store:
                from graph.persistent import GraphStore
                from graph.query import list_queries

                store = GraphStore(f"{tmp}/store", create=False)
                for name in list_queries():
                    params = {"label": "Vladimir Putin"} if name in ("mentions", "activity") else {}
                    started = time.perf_counter()
                    rows = len(store.query(name, **params))
                    print(f"{n:>8}  query {name:<28}  {time.perf_counter() - started:>8.2f}  rows {rows}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    sys.exit(main())
