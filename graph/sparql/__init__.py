"""The graph on the web of data: serve it as a SPARQL endpoint, publish it to a store, query a
remote endpoint, and link its entities to Wikidata.

* :func:`serve` / :func:`run_forever` (``serve.py``): the real Oxigraph server on a graph,
  behind a gateway (``gateway.py``) that checks the update token and caps answers.
* :func:`publish` (``publish.py``): each article's named graph into any SPARQL 1.1 store,
  atomically per article.
* :func:`remote_query` (``remote.py``): a named query on a remote endpoint, parameters bound
  as safely written constants.
* :func:`link` (``link.py``): ``owl:sameAs`` Wikidata links with a confidence, cached on disk.

Only ``127.0.0.1`` is used unless a host or endpoint is named.
"""

from __future__ import annotations

from .link import Link, LinkReport, link
from .publish import PublishReport, PublishStep, publish
from .remote import Credentials, remote_query
from .serve import Server, run_forever, serve

__all__ = [
    "Credentials",
    "Link",
    "LinkReport",
    "PublishReport",
    "PublishStep",
    "Server",
    "link",
    "publish",
    "remote_query",
    "run_forever",
    "serve",
]
