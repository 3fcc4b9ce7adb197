"""Score extraction on MEANTIME dev: every article's `text` to its own .txt file (the publication
date must come from the text), one `kg build` over the folder, then the shared scorer.

usage: python benchmarks/meantime.py [--docs PATH] [--scorer PATH] [--out DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default=str(SHARED / "data/meantime/meantime-en-dev.jsonl"))
    ap.add_argument("--scorer", default=str(SHARED / "eval/score_meantime.py"))
    ap.add_argument("--out", help="build folder (default: a temporary one)")
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in Path(args.docs).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        for d in docs:
            (articles / f"{d['id']}.txt").write_bytes(d["text"].encode("utf-8"))
        out = Path(args.out) if args.out else Path(tmp) / "out"
        started = time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(articles), "-o", str(out),
                                "--no-html"])
        if built.returncode:
            return built.returncode
        seconds = time.perf_counter() - started
        score = subprocess.run(
            [sys.executable, args.scorer, args.docs, str(out / "graph.trig"), "--ontology", str(ROOT / "ontology"),
             "--json"], check=True, capture_output=True, text=True)
    result = json.loads(score.stdout)
    print(f"{len(docs)} articles built in {seconds:.1f} s")
    print(f"entity F1 {result['entities']['F1']}  timex value F1 {result['timex_value']['F1']}  "
          f"datePublished {result['date_published_acc']}  participants F1 {result['participants']['F1']}  "
          f"attribution F1 {result['attribution']['F1']}")
    print(json.dumps({k: result[k] for k in ("entities", "entities_by_type", "timex_value")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
