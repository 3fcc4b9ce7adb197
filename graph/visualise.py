"""Render the entity/article network as one self-contained, offline HTML page.

pyvis builds the vis-network data; the page template is our own, because pyvis's templates
pull Bootstrap and vis-network from CDNs and render tooltips as HTML. Every label, alias and
sentence comes from article text and is treated as hostile: it travels only inside a JSON
block escaped for ``<script>``, and the page's script builds every element from it with
``textContent``. A Content-Security-Policy that allows only the page's own scripts (by hash)
backs this up should any markup ever slip through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import networkx as nx
import pyvis
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pyvis.network import Network
from rdflib import Dataset, Graph

from .atomic import atomic_write
from .errors import OutputError
from .network import CO_MENTION, KINDS, to_networkx

_VIS_JS: Final = Path(pyvis.__file__).parent / "templates/lib/vis-9.1.2/vis-network.min.js"


@dataclass(frozen=True)
class KindStyle:
    colour: str
    border: str
    shape: str
    description: str


# Okabe–Ito colours, each paired with its own shape so colour is never the only cue.
STYLES: Final[dict[str, KindStyle]] = {
    "Person": KindStyle("#0072B2", "#00466e", "dot", "Person"),
    "Organization": KindStyle("#E69F00", "#8a5f00", "square", "Organization"),
    "Place": KindStyle("#009E73", "#005e45", "triangle", "Place or country"),
    "Event": KindStyle("#CC79A7", "#8a4571", "star", "Named event"),
    "Article": KindStyle("#D55E00", "#7f3800", "diamond", "Article"),
}

_OPTIONS: Final[dict[str, Any]] = {
    "autoResize": True,
    "layout": {"randomSeed": 7},
    "nodes": {
        "borderWidth": 1.5,
        "font": {
            "size": 14,
            "face": "system-ui, 'DejaVu Sans', 'Noto Sans', sans-serif",
            "color": "#1b1b1b",
            "strokeWidth": 4,
            "strokeColor": "#ffffff",
        },
        "widthConstraint": {"maximum": 180},
    },
    "edges": {
        "color": {"inherit": False},
        "font": {
            "size": 10,
            "face": "system-ui, 'DejaVu Sans', 'Noto Sans', sans-serif",
            "color": "#4a4a4a",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
            "align": "middle",
        },
        "selectionWidth": 1.5,
    },
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "navigationButtons": False,
        "keyboard": {"enabled": True, "bindToWindow": False},
    },
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -80,
            "centralGravity": 0.01,
            "springLength": 130,
            "springConstant": 0.06,
            "avoidOverlap": 0.5,
        },
        "minVelocity": 0.75,
        "stabilization": {"enabled": True, "iterations": 500, "updateInterval": 50, "fit": True},
    },
}

_CSS: Final = """
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{display:flex;flex-direction:column;font:14px/1.45 system-ui,"DejaVu Sans","Noto Sans",sans-serif;color:#1b1b1b;background:#f6f6f4}
header{display:flex;align-items:baseline;gap:16px;padding:10px 18px;background:#fff;border-bottom:1px solid #d8d8d4}
h1{margin:0;font-size:18px;font-weight:650}
#kg-summary{margin:0;color:#555}
#kg-status{margin:0 0 0 auto;color:#555;font-size:13px}
main{flex:1;display:flex;min-height:0}
aside{width:320px;flex:none;overflow:auto;padding:14px 18px;background:#fff;border-right:1px solid #d8d8d4}
aside h2{margin:18px 0 6px;font-size:12px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:#555}
aside h2:first-child{margin-top:0}
.kg-row{display:flex;gap:6px}
#kg-search{flex:1;min-width:0;padding:6px 8px;font:inherit;border:1px solid #b8b8b2;border-radius:5px}
button{padding:6px 12px;font:inherit;color:#fff;background:#0072B2;border:0;border-radius:5px;cursor:pointer}
button:focus-visible,input:focus-visible{outline:2px solid #E69F00;outline-offset:1px}
#kg-search-status{min-height:1.4em;margin:6px 0 0;font-size:13px;color:#444}
ul{list-style:none;margin:0;padding:0}
#kg-legend li label{display:flex;align-items:center;gap:8px;padding:3px 0;cursor:pointer}
#kg-legend li.kg-empty{color:#8a8a8a}
.kg-count{margin-left:auto;color:#666;font-variant-numeric:tabular-nums}
.kg-swatch{display:inline-block;width:16px;height:16px;flex:none}
.kg-shape-dot{border-radius:50%}
.kg-shape-square{border-radius:1px;width:14px;height:14px;margin:1px}
.kg-shape-triangle{clip-path:polygon(50% 0,100% 100%,0 100%)}
.kg-shape-star{clip-path:polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%)}
.kg-shape-diamond{clip-path:polygon(50% 0,100% 50%,50% 100%,0 50%)}
#kg-edge-legend li{display:flex;align-items:center;gap:8px;padding:3px 0;font-size:13px}
.kg-line{display:inline-block;width:30px;flex:none;border-top:2px solid #4a4a4a;position:relative}
.kg-line.kg-dashed{border-top:2px dashed #8c8c8c}
.kg-line.kg-arrow::after{content:"";position:absolute;right:-2px;top:-6px;border:5px solid transparent;border-left:8px solid #4a4a4a}
.kg-hint{margin:0 0 6px;font-size:12px;color:#666}
#kg-network{flex:1;min-width:0;position:relative;background:#fff}
#kg-network .vis-network:focus{outline:none}
#kg-network .vis-network:focus-visible{outline:2px solid #E69F00;outline-offset:-2px}
div.vis-tooltip{position:absolute;visibility:hidden;z-index:5;pointer-events:none;max-width:380px;padding:8px 10px;white-space:normal;color:#1b1b1b;background:#fff;border:1px solid #b8b8b2;border-radius:6px;box-shadow:0 3px 10px rgba(0,0,0,.18);font:13px/1.4 system-ui,"DejaVu Sans","Noto Sans",sans-serif}
.kg-card-kind{font-size:11px;font-weight:650;letter-spacing:.05em;text-transform:uppercase;border-left:4px solid;padding-left:6px}
.kg-card-label{margin:2px 0;font-size:15px;font-weight:650;overflow-wrap:anywhere}
.kg-card-meta,.kg-card-aliases{color:#444;overflow-wrap:anywhere}
.kg-card-sentences{margin:6px 0 0;padding:0}
.kg-card-sentences li{margin:4px 0;padding-left:8px;border-left:2px solid #d8d8d4;color:#333;overflow-wrap:anywhere}
.kg-card-more{margin-top:4px;font-size:12px;color:#666}
.kg-card-links{margin-top:8px}
.kg-card-links li{font-size:13px;overflow-wrap:anywhere}
.kg-card-iri{margin-top:8px;font:11px/1.3 "DejaVu Sans Mono",monospace;color:#666;overflow-wrap:anywhere}
"""

_APP_JS: Final = r"""
"use strict";
var network = null;
var kg = (function () {
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var TOOLTIP_SENTENCES = 3;
  var styles = {};
  data.kinds.forEach(function (k) { styles[k.name] = k; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function card(node, limit) {
    var box = el("div", "kg-card");
    var kind = el("div", "kg-card-kind", styles[node.kind].description);
    kind.style.borderLeftColor = styles[node.kind].color;
    box.appendChild(kind);
    box.appendChild(el("div", "kg-card-label", node.label));
    if (node.aliases.length) {
      box.appendChild(el("div", "kg-card-aliases", "Also: " + node.aliases.join(" \u00b7 ")));
    }
    if (node.kind !== "Article") {
      box.appendChild(el("div", "kg-card-meta", plural(node.mentions, "mention")));
    }
    if (node.sentences.length) {
      var list = el("ul", "kg-card-sentences");
      node.sentences.slice(0, limit).forEach(function (s) { list.appendChild(el("li", null, s)); });
      box.appendChild(list);
      if (node.sentences.length > limit) {
        box.appendChild(el("div", "kg-card-more",
          "+ " + plural(node.sentences.length - limit, "more sentence") + " (click the node)"));
      }
    }
    return box;
  }

  var labelOf = {};
  data.nodes.forEach(function (n) { labelOf[n.id] = n.label; });
  function edgeCard(edge) {
    var box = el("div", "kg-card");
    box.appendChild(el("div", "kg-card-label", edge.relation));
    box.appendChild(el("div", "kg-card-meta", labelOf[edge.from] + " \u2192 " + labelOf[edge.to]));
    if (edge.relation === data.coMention) {
      box.appendChild(el("div", "kg-card-meta", "in " + plural(edge.weight, "sentence")));
    } else if (edge.weight > 1) {
      box.appendChild(el("div", "kg-card-meta", "\u00d7 " + edge.weight));
    }
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: card(n, TOOLTIP_SENTENCES) });
  }));
  function revealLabel(values) { values.color = "#1b1b1b"; values.strokeWidth = 3; }
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var extra = { title: edgeCard(e) };
    if (e.relation === data.coMention) extra.chosen = { edge: true, label: revealLabel };
    return Object.assign({}, e, extra);
  }));

  var status = document.getElementById("kg-status");
  network = new vis.Network(document.getElementById("kg-network"), { nodes: [], edges: [] }, data.options);
  // Stop the simulation once laid out: a graph that keeps moving is hard to read and burns CPU.
  function settle() {
    network.setOptions({ physics: { enabled: false } });
    status.textContent = "";
    document.body.setAttribute("data-ready", "true");
  }
  network.once("stabilizationIterationsDone", settle);
  status.textContent = "Laying out\u2026";
  network.setData({ nodes: nodes, edges: edges });
  if (data.nodes.length === 0) settle();

  document.getElementById("kg-summary").textContent = plural(data.nodes.length, "node") + " \u00b7 " +
    plural(data.edges.length, "link") + " \u00b7 " +
    plural(data.nodes.filter(function (n) { return n.kind === "Article"; }).length, "article");

  // Type legend doubling as the type filter.
  var boxes = {};
  var legend = document.getElementById("kg-legend");
  data.kinds.forEach(function (k) {
    var item = el("li");
    if (!k.count) item.className = "kg-empty";
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-kind", k.name);
    box.addEventListener("change", function () { setKindVisible(k.name, box.checked); });
    boxes[k.name] = box;
    var swatch = el("span", "kg-swatch kg-shape-" + k.shape);
    swatch.style.backgroundColor = k.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, k.description));
    label.appendChild(el("span", "kg-count", String(k.count)));
    item.appendChild(label);
    legend.appendChild(item);
  });
  function setKindVisible(kind, visible) {
    boxes[kind].checked = visible;
    nodes.update(nodes.getIds({ filter: function (n) { return n.kind === kind; } })
      .map(function (id) { return { id: id, hidden: !visible }; }));
  }

  // Details of the selected node, with its links.
  var details = document.getElementById("kg-details");
  var placeholder = details.firstElementChild;
  function showDetails(id) {
    details.replaceChildren();
    var node = id === null ? null : nodes.get(id);
    if (!node) { details.appendChild(placeholder); return; }
    var box = card(node, Infinity);
    var links = edges.get({ filter: function (e) { return e.from === id || e.to === id; } });
    if (links.length) {
      var list = el("ul", "kg-card-links");
      links.forEach(function (e) {
        var out = e.from === id;
        var other = labelOf[out ? e.to : e.from];
        list.appendChild(el("li", null, (out ? "\u2192 " : "\u2190 ") + e.relation + ": " + other));
      });
      box.appendChild(list);
    }
    box.appendChild(el("div", "kg-card-iri", node.iri));
    details.appendChild(box);
  }
  network.on("selectNode", function (p) { showDetails(p.nodes[0]); });
  network.on("deselectNode", function () { showDetails(null); });

  // Search: exact label, then exact alias, then prefix, then substring; Enter again cycles.
  var input = document.getElementById("kg-search");
  var found = document.getElementById("kg-search-status");
  var options = document.getElementById("kg-labels");
  Array.from(new Set(data.nodes.map(function (n) { return n.label; }))).sort()
    .forEach(function (label) {
      var option = document.createElement("option");
      option.value = label;
      options.appendChild(option);
    });
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var ranked = [[], [], [], []];
    data.nodes.forEach(function (n) {
      var label = n.label.toLowerCase();
      var aliases = n.aliases.map(function (a) { return a.toLowerCase(); });
      if (label === q) ranked[0].push(n.id);
      else if (aliases.indexOf(q) >= 0) ranked[1].push(n.id);
      else if (label.indexOf(q) === 0) ranked[2].push(n.id);
      else if (label.indexOf(q) > 0 || aliases.some(function (a) { return a.indexOf(q) >= 0; })) ranked[3].push(n.id);
    });
    return [].concat.apply([], ranked);
  }
  var last = { query: null, index: -1 };
  function find(query) {
    var hits = matches(query);
    if (!hits.length) {
      found.textContent = query.trim() ? "Nothing matches \u201c" + query.trim() + "\u201d." : "";
      return null;
    }
    last.index = last.query === query ? (last.index + 1) % hits.length : 0;
    last.query = query;
    var node = nodes.get(hits[last.index]);
    if (node.hidden) setKindVisible(node.kind, true);
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails(node.id);
    found.textContent = node.label + (hits.length > 1 ? " (" + (last.index + 1) + " of " + hits.length + ")" : "");
    return node.id;
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    find(input.value);
  });

  return { nodes: nodes, edges: edges, find: find, setKindVisible: setKindVisible, card: card };
})();
"""

_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<title>newskg network</title>
<style>{{ css }}</style>
</head>
<body>
<header>
<h1>newskg network</h1>
<p id="kg-summary"></p>
<p id="kg-status" role="status"></p>
</header>
<main>
<aside>
<h2><label for="kg-search">Find a node</label></h2>
<form id="kg-search-form" role="search">
<div class="kg-row"><input id="kg-search" type="search" list="kg-labels" autocomplete="off" placeholder="Name, alias or headline"><button type="submit">Find</button></div>
<datalist id="kg-labels"></datalist>
<p id="kg-search-status" role="status" aria-live="polite"></p>
</form>
<h2>Types</h2>
<p class="kg-hint">Untick a type to hide its nodes. Size shows how often an entity is mentioned.</p>
<ul id="kg-legend"></ul>
<h2>Links</h2>
<ul id="kg-edge-legend">
<li><span class="kg-line kg-dashed"></span><span>mentioned with: named in the same sentence (thicker: more sentences; label on hover)</span></li>
<li><span class="kg-line kg-arrow"></span><span>role (e.g. President), author, publisher, republisher, photo credit</span></li>
</ul>
<h2>Selected</h2>
<div id="kg-details"><p class="kg-hint">Hover a node for a summary; click it for every sentence that mentions it and its links.</p></div>
</aside>
<div id="kg-network"></div>
</main>
<script type="application/json" id="kg-data">{{ payload(nodes, edges, options) }}</script>
<script>{{ vis_js }}</script>
<script>{{ app_js }}</script>
</body>
</html>
"""


def render_html(graph: Graph | Dataset | nx.MultiDiGraph) -> str:
    """The page for ``graph`` (an RDF graph, a Dataset read as its union, or a built network)."""
    network = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node_id, attrs in network.nodes(data=True):
        style = STYLES[attrs["kind"]]
        net.add_node(
            node_id,
            label=attrs["label"],
            shape=style.shape,
            color={
                "background": style.colour,
                "border": style.border,
                "highlight": {"background": style.colour, "border": "#1b1b1b"},
                "hover": {"background": style.colour, "border": "#1b1b1b"},
            },
            size=_node_size(attrs["kind"], attrs["mentions"]),
            kind=attrs["kind"],
            aliases=list(attrs["aliases"]),
            mentions=attrs["mentions"],
            sentences=list(attrs["sentences"]),
            iri=attrs["iri"],
        )
    for number, (source, target, attrs) in enumerate(network.edges(data=True)):
        style = _edge_style(attrs["relation"], attrs["weight"])
        net.add_edge(source, target, id=f"e{number}", **style)
    net.options = _OPTIONS
    net.templateEnv = _environment()
    net.path = "newskg.html"
    return net.generate_html()


def write_html(graph: Graph | Dataset | nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write the page atomically as UTF-8 bytes, whatever the locale; return its path."""
    try:
        html = render_html(graph)
    except OSError as exc:  # pyvis's bundled vis-network cannot be read
        raise OutputError(f"Cannot build the network page: {exc.strerror or exc}.") from None
    return atomic_write(path, html.encode("utf-8"))


def _node_size(kind: str, mentions: int) -> float:
    if kind == "Article":
        return 24.0
    return round(min(12.0 + 6.0 * math.sqrt(mentions), 48.0), 1)


def _edge_style(relation: str, weight: int) -> dict[str, Any]:
    if relation == CO_MENTION:
        return {
            "label": relation,
            "relation": relation,
            "weight": weight,
            "width": round(1.0 + 1.5 * math.log2(weight), 2),
            "dashes": [5, 4],
            "color": {"color": "#9a9a9a", "highlight": "#4a4a4a", "hover": "#4a4a4a"},
            "arrows": {"to": {"enabled": False}},
            "smooth": {"enabled": False},
            # The commonest link: its label shows on hover or selection (see _APP_JS), not always.
            "font": {"color": "rgba(0,0,0,0)", "strokeWidth": 0},
        }
    return {
        "label": relation,
        "relation": relation,
        "weight": weight,
        "width": round(1.5 + math.log2(weight), 2),
        "color": {"color": "#4a4a4a", "highlight": "#1b1b1b", "hover": "#1b1b1b"},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        # Curved, so a role beside a straight co-mention of the same two nodes stays apart.
        "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25},
        "font": {"size": 11},
    }


def _script_json(value: Any) -> Markup:
    """JSON that cannot end its ``<script>`` element, open a comment or break a JS string."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # "\/" also keeps IRIs in the data from reading as links to anything scanning the page.
    for char, escaped in (
        ("/", "\\/"),
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(text)


def _payload(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: str) -> Markup:
    counts = {kind: 0 for kind in KINDS}
    for node in nodes:
        counts[node["kind"]] += 1
    kinds = [
        {
            "name": kind,
            "description": STYLES[kind].description,
            "color": STYLES[kind].colour,
            "shape": STYLES[kind].shape,
            "count": counts[kind],
        }
        for kind in KINDS
    ]
    return _script_json(
        {
            "nodes": nodes,
            "edges": edges,
            "options": json.loads(options),
            "kinds": kinds,
            "coMention": CO_MENTION,
        }
    )


@lru_cache(maxsize=1)
def _vis_js() -> str:
    source = _VIS_JS.read_text(encoding="utf-8")
    # Browsers hash the script as parsed, with line ends normalised: do the same.
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    # The source-map comment would make developer tools fetch a file that is not there.
    script = re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.M)
    if "</script" in script.lower() or "<!--" in script:
        raise OutputError("The bundled vis-network script cannot be inlined safely.")
    return script


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _environment() -> Environment:
    vis_js = _vis_js()
    scripts = " ".join(_csp_hash(s) for s in (vis_js, _APP_JS))
    csp = (
        f"default-src 'none'; script-src {scripts}; style-src {_csp_hash(_CSS)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    env = Environment(loader=DictLoader({"newskg.html": _TEMPLATE}), autoescape=True)
    env.globals.update(
        csp=csp,
        css=Markup(_CSS),
        vis_js=Markup(vis_js),
        app_js=Markup(_APP_JS),
        payload=_payload,
    )
    return env
