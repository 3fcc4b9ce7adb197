"""How fast the network page opens for a 2,000-node graph (not a unit test).

Builds a synthetic corpus in the shape `kg build` writes (docs/graph-shape.md): 20 articles,
each with 86 entities, 10 events, 3 claims and their sentences and NIF mentions — 2,000 nodes.
Writes the page, opens it in headless Chromium (system chromedriver) and prints how long the
page took to build its panels (``data-drawn``) and to finish laying out (``data-ready``, set when
physics has stabilised and stopped).

    /tmp/venv/bin/python benchmarks/page_2000.py [--budget N] [--keep PATH]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SDO, SKOS, TIME

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.network import to_networkx  # noqa: E402
from graph.visualise import NODE_BUDGET, write_html  # noqa: E402

NKG = Namespace("https://w3id.org/newskg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ID = "https://w3id.org/newskg/id/"
ARTICLES, ENTITIES, EVENTS, CLAIMS = 20, 86, 10, 3
CLASSES = ((NKG.Person, "person"), (NKG.Organization, "organization"), (NKG.Place, "place"))


def synthetic_graph(seed: int = 1) -> Graph:
    rng = random.Random(seed)
    g = Graph()
    for a in range(ARTICLES):
        base = f"{ID}article/a{a}"
        article, context = URIRef(base), URIRef(f"{base}/text")
        g.add((article, RDF.type, NKG.Article))
        g.add((article, SDO.headline, Literal(f"Synthetic article {a}")))
        g.add((article, PROV.wasDerivedFrom, context))
        g.add((context, RDF.type, NIF.Context))
        entities = []
        for e in range(ENTITIES):
            cls, folder = CLASSES[e % 3]
            iri = URIRef(f"{base}/{folder}/e{e}")
            g.add((iri, RDF.type, cls))
            g.add((iri, RDFS.label, Literal(f"Name {a}-{e}")))
            g.add((iri, SKOS.altLabel, Literal(f"N{a}-{e}")))
            g.add((article, SDO.mentions, iri))
            entities.append((iri, f"Name {a}-{e}"))
        text = ""

        def span(cls: URIRef, start: int, end: int) -> URIRef:
            iri = URIRef(f"{context}#char={start},{end}")
            g.add((iri, RDF.type, cls))
            g.add((iri, NIF.referenceContext, context))
            g.add((iri, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
            g.add((iri, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
            return iri

        def sentence(parts: list[tuple[URIRef | None, str]]) -> tuple[URIRef, list[URIRef]]:
            nonlocal text
            if text:
                text += " "
            start, spans = len(text), []
            for target, words in parts:
                if target is not None:
                    spans.append((target, len(text), len(text) + len(words)))
                text += words + " "
            text = text.rstrip() + "."
            s = span(NIF.Sentence, start, len(text))
            g.add((s, NIF.anchorOf, Literal(text[start:])))
            mentions = []
            for target, b, e in spans:
                m = span(NKG.Mention, b, e)
                g.add((m, ITSRDF.taIdentRef, target))
                g.add((m, NIF.sentence, s))
                g.add((m, NIF.anchorOf, Literal(text[b:e])))
                mentions.append(m)
            return s, mentions

        for i in range(0, ENTITIES, 2):  # every entity named at least once, with a neighbour
            picks = [entities[i], entities[(i + 1) % ENTITIES], rng.choice(entities)]
            sentence([(picks[0][0], picks[0][1]), (None, "met"), (picks[1][0], picks[1][1]),
                      (None, "and"), (picks[2][0], picks[2][1])])
        for v in range(EVENTS):
            agent, patient = rng.sample(entities, 2)
            event = URIRef(f"{base}/event/{v}-attack")
            day = f"2017-{1 + v % 12:02d}-{1 + v:02d}"
            when = URIRef(f"{ID}time/{day}")
            g.add((when, RDF.type, NKG.TimeValue))
            g.add((when, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
            g.add((event, RDF.type, NKG.Conflict))
            g.add((event, NKG.trigger, Literal("attack")))
            g.add((event, NKG.factuality, NKG.Asserted if v % 3 else NKG.Possible))
            g.add((event, NKG.agent, agent[0]))
            g.add((event, NKG.patient, patient[0]))
            g.add((event, SEM.hasTime, when))
            sentence([(agent[0], agent[1]), (event, "attacked"), (patient[0], patient[1]),
                      (when, f"on {day}")])
        for c in range(CLAIMS):
            source = rng.choice(entities)
            claim = URIRef(f"{base}/claim/{c}")
            g.add((claim, RDF.type, NKG.Claim))
            g.add((claim, SDO.text, Literal(f"things went well {c}")))
            g.add((claim, NKG.cue, Literal("said")))
            g.add((claim, PROV.wasAttributedTo, source[0]))
            sentence([(source[0], source[1]), (claim, "said"), (claim, f"things went well {c}")])
        g.add((context, NIF.isString, Literal(text)))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=NODE_BUDGET)
    parser.add_argument("--keep", type=Path, help="also keep the page here")
    args = parser.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from graph.visualise import render_html

    t0 = time.perf_counter()
    graph = synthetic_graph()
    t1 = time.perf_counter()
    net = to_networkx(graph)
    t2 = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="kg-page-2000-"))
    path = folder / "graph.html"
    path.write_text(render_html(net, budget=args.budget), encoding="utf-8")
    t3 = time.perf_counter()
    if args.keep:
        write_html(net, args.keep)
    print(f"graph: {len(graph)} triples, {net.number_of_nodes()} nodes, {net.number_of_edges()} links")
    print(f"rdflib build {t1 - t0:.2f} s · to_networkx {t2 - t1:.2f} s · page {t3 - t2:.2f} s "
          f"({path.stat().st_size / 1e6:.1f} MB)")

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,900", f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium")  # type: ignore[assignment]
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    try:
        start = time.perf_counter()
        driver.get(path.as_uri())  # returns after the load event: the page's scripts have run
        loaded = time.perf_counter()
        drawn = ready = None
        while time.perf_counter() - start < 300:
            state = driver.execute_script(
                "return [document.body.getAttribute('data-drawn'), document.body.getAttribute('data-ready')]"
            )
            now = time.perf_counter()
            if drawn is None and state[0] == "true":
                drawn = now
            if state[1] == "true":
                ready = now
                break
            time.sleep(0.02)
        shown = driver.execute_script("return network.body.data.nodes.length")
        print(f"budget {args.budget}: {shown} of {net.number_of_nodes()} nodes drawn first")
        print(f"load event {loaded - start:.2f} s · panels built (data-drawn) {(drawn or loaded) - start:.2f} s"
              f" · stabilised, physics off (data-ready) "
              + (f"{ready - start:.2f} s" if ready else "not within 300 s"))
        t = time.perf_counter()
        driver.set_script_timeout(120)
        driver.execute_script("kg.more(100000)")
        while driver.execute_script("return document.body.getAttribute('data-ready')") != "true":
            time.sleep(0.02)
        print(f"show all {driver.execute_script('return network.body.data.nodes.length')} nodes: "
              f"stabilised again in {time.perf_counter() - t:.2f} s")
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
