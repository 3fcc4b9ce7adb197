"""Articles/s of a build in one process, with ``--jobs 2`` (spaCy's n_process) and on a local Dask
cluster of 2 worker processes (graph.distributed), on the same corpus, each in its own process.

The corpus: the MEANTIME dev articles and the bundled example, replicated with distinct ids up
to N articles. Every run builds the in-memory Dataset (no output files, no SHACL check); the
cluster run includes sending the graphs back as N-Quads and merging them on the client. Model
loading (and for the cluster, starting it and loading the model on every worker) is timed
separately and left out of the articles/s figures.

usage: python benchmarks/distributed.py [--articles 1000] [--workers 2] [--partition-size 16]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MEANTIME = SHARED / "data/meantime/meantime-en-dev.jsonl"
EXAMPLE = ROOT / "graph/examples/russia-isis-syria-2017-12-07.txt"


def corpus(n: int):  # -> list[RawArticle]
    from graph.ingest import RawArticle

    texts = [json.loads(line)["text"] for line in MEANTIME.open(encoding="utf-8")]
    texts.append(EXAMPLE.read_text(encoding="utf-8"))
    return [RawArticle(f"a{i:06d}", texts[i % len(texts)], f"<a{i:06d}>") for i in range(n)]


def run(mode: str, n: int, workers: int, partition_size: int) -> dict:
    raws = corpus(n)
    if mode == "cluster":
        from graph.distributed import build_distributed

        ds, summary = build_distributed(raws, f"local:{workers}", partition_size=partition_size)
        return {"load": summary.model_seconds, "run": summary.seconds - summary.model_seconds,
                "articles": summary.articles, "triples": len(ds)}
    from graph.build import BuildSummary, build_dataset
    from graph.nlp import load_model

    t0 = time.perf_counter()
    load_model()
    t1 = time.perf_counter()
    summary = BuildSummary()
    ds = build_dataset(raws, summary=summary, jobs=2 if mode == "jobs2" else 1)
    t2 = time.perf_counter()
    return {"load": t1 - t0, "run": t2 - t1, "articles": summary.articles, "triples": len(ds)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    ap.add_argument("--partition-size", type=int, default=16)
    ap.add_argument("--mode", choices=("single", "jobs2", "cluster"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.mode:  # one measurement, in this child process
        print(json.dumps(run(args.mode, args.articles, args.workers, args.partition_size)))
        return 0
    labels = {"single": "1 process", "jobs2": "--jobs 2", "cluster": f"local cluster, {args.workers} workers"}
    print(f"{args.articles} articles (MEANTIME dev + example, replicated)")
    print(f"{'mode':<26} {'model load s':>12} {'build s':>9} {'articles/s':>10} {'triples':>9}")
    for mode, label in labels.items():
        cmd = [sys.executable, __file__, "--mode", mode, "--articles", str(args.articles),
               "--workers", str(args.workers), "--partition-size", str(args.partition_size)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            sys.stderr.write(proc.stderr)
            return proc.returncode
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        rate = data["articles"] / data["run"] if data["run"] else 0.0
        print(f"{label:<26} {data['load']:>12.1f} {data['run']:>9.1f} {rate:>10.1f} {data['triples']:>9}",
              flush=True)
    return 0


if __name__ == "__main__":
    # This file's folder comes first on sys.path, where it would shadow the ``distributed`` package.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
