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
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def bare_spacy(docs: list[dict], path: Path) -> None:
    """The baseline: the model's own entities, typed by label, as NIF mentions."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from graph.namespaces import ITSRDF, NIF, NKG
    from graph.nlp import load_model

    kinds = {"PERSON": NKG.Person, "ORG": NKG.Organization, "GPE": NKG.Place, "LOC": NKG.Place, "FAC": NKG.Place}
    g = Graph()
    nlp = load_model()
    for d, parsed in zip(docs, nlp.pipe(d["text"] for d in docs)):
        ctx = URIRef(f"urn:baseline:{d['id']}")
        g.add((ctx, NIF.isString, Literal(d["text"])))
        for n, ent in enumerate(parsed.ents):
            if ent.label_ in kinds:
                m, e = URIRef(f"{ctx}#m{n}"), URIRef(f"{ctx}#e{n}")
                g.add((e, RDF.type, kinds[ent.label_]))
                g.add((m, NIF.referenceContext, ctx))
                g.add((m, NIF.beginIndex, Literal(ent.start_char, datatype=XSD.nonNegativeInteger)))
                g.add((m, NIF.endIndex, Literal(ent.end_char, datatype=XSD.nonNegativeInteger)))
                g.add((m, ITSRDF.taIdentRef, e))
    g.serialize(path, format="turtle")


def pronouns(docs: list[dict], path: Path) -> dict[str, int]:
    """The resolved pronouns of the built graph (nkg:PronounMention) checked against MEANTIME's
    own coreference: right when the corpus annotates the pronoun as a mention of the entity
    instance that one of the resolved person's named mentions belongs to. Pronouns the corpus
    does not annotate (outside its first sentences) are counted apart, as not checked."""
    from rdflib import Dataset
    from rdflib.namespace import RDF

    from graph.namespaces import ITSRDF, NIF, NKG

    ds = Dataset(default_union=True)
    ds.parse(path, format="trig")
    by_text = {d["text"]: d for d in docs}
    spans: dict = {}  # node → (context, begin, end)
    for node, ctx in ds.subject_objects(NIF.referenceContext):
        begin, end = ds.value(node, NIF.beginIndex), ds.value(node, NIF.endIndex)
        if begin is not None and end is not None:
            spans[node] = (ctx, int(begin), int(end))
    named: dict = {}  # entity → its named mentions
    for node, entity in ds.subject_objects(ITSRDF.taIdentRef):
        if node in spans and (node, RDF.type, NKG.PronounMention) not in ds:
            named.setdefault(entity, []).append(spans[node])
    counts = {"resolved": 0, "right": 0, "wrong": 0, "not checked": 0}
    for node in ds.subjects(RDF.type, NKG.PronounMention):
        counts["resolved"] += 1
        ctx, begin, end = spans[node]
        doc = by_text.get(str(ds.value(ctx, NIF.isString)))
        gold = {(e["start"], e["end"]): e for e in doc["entities"]} if doc else {}
        instance = gold.get((begin, end), {}).get("instance_id")
        if not instance:
            counts["not checked"] += 1
            continue
        names = {e.get("instance_id") for c, b, x in named.get(ds.value(node, ITSRDF.taIdentRef), [])
                 for e in doc["entities"] if c == ctx and e["start"] < x and b < e["end"]}
        counts["right" if instance in names else "wrong"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default=str(SHARED / "data/meantime/meantime-en-dev.jsonl"))
    ap.add_argument("--scorer", default=str(SHARED / "eval/score_meantime.py"))
    ap.add_argument("--out", help="build folder (default: a temporary one)")
    ap.add_argument("--baseline", action="store_true",
                    help="score bare spaCy instead: its PERSON/ORG/GPE/LOC/FAC entities over the whole text")
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in Path(args.docs).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        for d in docs:
            (articles / f"{d['id']}.txt").write_bytes(d["text"].encode("utf-8"))
        out = Path(args.out) if args.out else Path(tmp) / "out"
        started = time.perf_counter()
        if args.baseline:
            out.mkdir(parents=True, exist_ok=True)
            bare_spacy(docs, out / "graph.trig")
        else:
            built = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(articles), "-o", str(out),
                                    "--no-html"])
            if built.returncode:
                return built.returncode
        seconds = time.perf_counter() - started
        resolved = None if args.baseline else pronouns(docs, out / "graph.trig")
        score = subprocess.run(
            [sys.executable, args.scorer, args.docs, str(out / "graph.trig"), "--ontology", str(ROOT / "ontology"),
             "--json"], check=True, capture_output=True, text=True)
    result = json.loads(score.stdout)
    print(f"{len(docs)} articles built in {seconds:.1f} s")
    print(f"entity F1 {result['entities']['F1']}  timex value F1 {result['timex_value']['F1']}  "
          f"datePublished {result['date_published_acc']}  participants F1 {result['participants']['F1']}  "
          f"attribution F1 {result['attribution']['F1']}")
    if resolved is not None:
        print("pronouns resolved {resolved}: right {right}, wrong {wrong} by the corpus's coreference; "
              "{not checked} where it has no annotation".format_map(resolved))
    print(json.dumps({k: result[k] for k in ("entities", "entities_by_type", "timex_value", "participants",
                                             "attribution")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
