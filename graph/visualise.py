"""Render the network (entities, events, claims, sources, articles) as one self-contained,
offline HTML page.

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
from .network import (
    AFFILIATED_WITH,
    AGENT,
    CLAIMED_BY,
    CO_MENTION,
    ENTITY_KINDS,
    KINDS,
    PARTICIPANT,
    PATIENT,
    PLACE,
    to_networkx,
)

_VIS_JS: Final = Path(pyvis.__file__).parent / "templates/lib/vis-9.1.2/vis-network.min.js"


@dataclass(frozen=True)
class KindStyle:
    colour: str  # the kind's own colour: legend, tooltip accent, and the fill unless ``fill``
    border: str
    shape: str
    description: str
    fill: str | None = None
    dashed: bool = False  # a dashed outline

    @property
    def background(self) -> str:
        return self.fill or self.colour


# Okabe–Ito colours, each kind with its own shape (or, for a described source, a dashed
# outline) so colour is never the only cue.
STYLES: Final[dict[str, KindStyle]] = {
    "Person": KindStyle("#0072B2", "#00466e", "dot", "Person"),
    "Organization": KindStyle("#E69F00", "#8a5f00", "square", "Organization"),
    "Place": KindStyle("#009E73", "#005e45", "triangle", "Place or country"),
    "Named event": KindStyle("#CC79A7", "#8a4571", "star", "Named event"),
    "Event": KindStyle("#F0E442", "#6b6500", "hexagon", "Event"),
    "Claim": KindStyle("#000000", "#1b1b1b", "box", "Claim", fill="#ffffff"),
    "Source": KindStyle("#56B4E9", "#1d5f85", "dot", "Described source", dashed=True),
    "Article": KindStyle("#D55E00", "#7f3800", "diamond", "Article"),
}
# An event the text does not assert (negated, possible or future): pale, with a dashed outline.
NOT_ASSERTED: Final = KindStyle("#F0E442", "#6b6500", "hexagon", "Event, not asserted",
                                fill="#fbf8d4", dashed=True)
# Events and claims are drawn at one small size; entities and sources grow with their mentions.
_EVENT_SIZE: Final = 11.0
_DASHES: Final = [4, 3]
# Links that describe an event, a claim or a described source: drawn lighter than roles.
EVENT_RELATIONS: Final = frozenset({AGENT, PATIENT, PARTICIPANT, PLACE, CLAIMED_BY, AFFILIATED_WITH})
# Kinds whose nodes start hidden, their legend box unticked. None: with short event and claim
# links (so they sit by their participants) and small event nodes, the example's 27 events and
# 5 claims stay readable, and hidden nodes would still push the layout apart (vis keeps them in
# its physics), leaving holes.
HIDDEN_KINDS: Final[frozenset[str]] = frozenset()

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
            "centralGravity": 0.02,
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
.kg-swatch{display:inline-block;width:16px;height:16px;flex:none;overflow:visible}
#kg-legend li.kg-note{padding:0 0 3px 22px;font-size:12px;color:#555}
#kg-legend li.kg-note span{display:flex;align-items:center;gap:8px}
#kg-edge-legend li{display:flex;align-items:center;gap:8px;padding:3px 0;font-size:13px}
.kg-line{display:inline-block;width:30px;flex:none;border-top:2px solid #4a4a4a;position:relative}
.kg-line.kg-dashed{border-top:2px dashed #8c8c8c}
.kg-line.kg-light{border-top:1.5px solid #8c8c8c}
.kg-line.kg-light.kg-arrow::after{border-left-color:#8c8c8c}
.kg-line.kg-arrow::after{content:"";position:absolute;right:-2px;top:-6px;border:5px solid transparent;border-left:8px solid #4a4a4a}
.kg-hint{margin:0 0 6px;font-size:12px;color:#666}
#kg-network{flex:1;min-width:0;position:relative;background:#fff}
#kg-network .vis-network:focus{outline:none}
#kg-network .vis-network:focus-visible{outline:2px solid #E69F00;outline-offset:-2px}
div.vis-tooltip{position:absolute;visibility:hidden;z-index:5;pointer-events:none;max-width:380px;padding:8px 10px;white-space:normal;color:#1b1b1b;background:#fff;border:1px solid #b8b8b2;border-radius:6px;box-shadow:0 3px 10px rgba(0,0,0,.18);font:13px/1.4 system-ui,"DejaVu Sans","Noto Sans",sans-serif}
.kg-card-kind{font-size:11px;font-weight:650;letter-spacing:.05em;text-transform:uppercase;border-left:4px solid;padding-left:6px}
.kg-card-label{margin:2px 0;font-size:15px;font-weight:650;overflow-wrap:anywhere}
.kg-card-meta,.kg-card-aliases{color:#444;overflow-wrap:anywhere}
.kg-card-key{color:#666}
.kg-card-flag{display:inline-block;margin:2px 0;padding:0 6px;border:1px dashed #6b6500;border-radius:3px;background:#fbf8d4;color:#1b1b1b}
.kg-card-quote{margin:6px 0;padding:4px 8px;border-left:3px solid #1b1b1b;background:#f4f4f1;color:#1b1b1b;overflow-wrap:anywhere}
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
  var SVG = "http://www.w3.org/2000/svg";
  var styles = {};
  data.kinds.forEach(function (k) { styles[k.name] = k; });
  var entityKinds = {};
  data.entityKinds.forEach(function (k) { entityKinds[k] = true; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function fact(name, value) {
    var line = el("div", "kg-card-meta");
    line.appendChild(el("span", "kg-card-key", name + ": "));
    line.appendChild(el("span", null, value));
    return line;
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // Legend swatches drawn as SVG from our own fixed geometry (no article text reaches them).
  var SHAPES = {
    dot: ["circle", { cx: 8, cy: 8, r: 6.5 }],
    square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
    triangle: ["polygon", { points: "8,1.5 15,14.5 1,14.5" }],
    star: ["polygon", { points: "8,0.5 9.8,5.6 15.5,5.6 10.9,9.1 12.6,14.6 8,11.2 3.4,14.6 5.1,9.1 0.5,5.6 6.2,5.6" }],
    diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }],
    hexagon: ["polygon", { points: "0.8,8 4.4,1.8 11.6,1.8 15.2,8 11.6,14.2 4.4,14.2" }],
    box: ["rect", { x: 1, y: 3, width: 14, height: 10, rx: 2 }]
  };
  function swatch(k) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "kg-swatch");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    var shape = SHAPES[k.shape] || SHAPES.dot;
    var path = document.createElementNS(SVG, shape[0]);
    Object.keys(shape[1]).forEach(function (a) { path.setAttribute(a, String(shape[1][a])); });
    path.setAttribute("fill", k.fill);
    path.setAttribute("stroke", k.border);
    path.setAttribute("stroke-width", k.dashed ? "1.6" : "1.2");
    if (k.dashed) path.setAttribute("stroke-dasharray", "2.5 1.8");
    svg.appendChild(path);
    return svg;
  }

  var labelOf = {};
  data.nodes.forEach(function (n) { labelOf[n.id] = n.label; });
  var outgoing = {};
  data.edges.forEach(function (e) { (outgoing[e.from] = outgoing[e.from] || []).push(e); });
  // "agent: Government troops, Syrian army" and the like, in the order the links come.
  function roles(id, skip) {
    var byRelation = {};
    var order = [];
    (outgoing[id] || []).forEach(function (e) {
      if (e.relation === data.coMention || e.relation === skip) return;
      if (!byRelation[e.relation]) { byRelation[e.relation] = []; order.push(e.relation); }
      byRelation[e.relation].push(labelOf[e.to]);
    });
    return order.map(function (r) { return fact(capital(r), byRelation[r].join(", ")); });
  }

  function card(node, limit) {
    var style = styles[node.kind];
    var box = el("div", "kg-card");
    var kindText = style.description;
    if (node.kind === "Event" && node.type_label && node.type_label !== style.description) {
      kindText += " \u00b7 " + node.type_label;
    }
    var kind = el("div", "kg-card-kind", kindText);
    kind.style.borderLeftColor = style.color;
    box.appendChild(kind);
    box.appendChild(el("div", "kg-card-label", node.label));
    if (node.aliases.length) {
      box.appendChild(el("div", "kg-card-aliases", "Also: " + node.aliases.join(" \u00b7 ")));
    }
    if (node.kind === "Event") {
      if (node.factuality && node.factuality !== "asserted") {
        box.appendChild(el("div", "kg-card-flag", "Not asserted: " + node.factuality));
      } else if (node.factuality) {
        box.appendChild(el("div", "kg-card-meta", "Asserted"));
      }
      if (node.trigger) box.appendChild(fact("Trigger", node.trigger));
      if (node.date) box.appendChild(fact("Date", node.date));
      roles(node.id).forEach(function (line) { box.appendChild(line); });
    } else if (node.kind === "Claim") {
      if (node.text) box.appendChild(el("div", "kg-card-quote", node.text));
      var sources = (outgoing[node.id] || []).filter(function (e) { return e.relation === data.claimedBy; })
        .map(function (e) { return labelOf[e.to]; });
      if (sources.length) box.appendChild(fact("Source", sources.join(", ")));
      if (node.cue) box.appendChild(fact("Cue", node.cue));
      if (node.date) box.appendChild(fact("Date", node.date));
      if (node.quantities.length) box.appendChild(fact("Numbers", node.quantities.join(" \u00b7 ")));
      roles(node.id, data.claimedBy).forEach(function (line) { box.appendChild(line); });
    } else if (node.kind === "Source") {
      box.appendChild(el("div", "kg-card-meta", "Unnamed: known only by this description"));
      roles(node.id).forEach(function (line) { box.appendChild(line); });
    }
    if (entityKinds[node.kind] || node.kind === "Source") {
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
    box.checked = k.visible;
    box.setAttribute("data-kind", k.name);
    box.addEventListener("change", function () { setKindVisible(k.name, box.checked); });
    boxes[k.name] = box;
    label.appendChild(box);
    label.appendChild(swatch(k));
    label.appendChild(el("span", null, k.description));
    label.appendChild(el("span", "kg-count", String(k.count)));
    item.appendChild(label);
    legend.appendChild(item);
    if (k.name === data.notAsserted.name) {
      var note = el("li", "kg-note");
      var line = el("span");
      line.appendChild(swatch(data.notAsserted));
      line.appendChild(el("span", null, "pale, dashed: not asserted (negated, possible or future) \u00b7 " +
        data.notAsserted.count));
      note.appendChild(line);
      legend.appendChild(note);
    }
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

  // Search: exact label, then exact alias, then prefix, then substring (also of a claim's
  // text); Enter again cycles.
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
      var text = (n.text || "").toLowerCase();
      if (label === q) ranked[0].push(n.id);
      else if (aliases.indexOf(q) >= 0) ranked[1].push(n.id);
      else if (label.indexOf(q) === 0) ranked[2].push(n.id);
      else if (label.indexOf(q) > 0 || text.indexOf(q) >= 0 ||
               aliases.some(function (a) { return a.indexOf(q) >= 0; })) ranked[3].push(n.id);
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
<p class="kg-hint">Untick a type to hide its nodes. Size shows how often an entity or source is mentioned.</p>
<ul id="kg-legend"></ul>
<h2>Links</h2>
<ul id="kg-edge-legend">
<li><span class="kg-line kg-dashed"></span><span>mentioned with: named in the same sentence (thicker: more sentences; label on hover)</span></li>
<li><span class="kg-line kg-arrow"></span><span>role (e.g. President), author, publisher, republisher, photo credit</span></li>
<li><span class="kg-line kg-arrow kg-light"></span><span>event \u2192 agent, patient, participant, place; claim \u2192 claimed by; source \u2192 affiliated with</span></li>
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
        kind = attrs["kind"]
        style = node_style(kind, attrs.get("factuality"))
        options: dict[str, Any] = {
            "color": {
                "background": style.background,
                "border": style.border,
                "highlight": {"background": style.background, "border": "#1b1b1b"},
                "hover": {"background": style.background, "border": "#1b1b1b"},
            },
            "size": _node_size(kind, attrs["mentions"]),
        }
        if style.dashed:
            options["shapeProperties"] = {"borderDashes": _DASHES}
            options["borderWidth"] = 2
        if kind == "Event":
            options["font"] = {"size": 12, "color": "#333333"}
        elif kind == "Claim":
            options["font"] = {"size": 12, "strokeWidth": 0}
            options["margin"] = 6
        if kind in HIDDEN_KINDS:
            options["hidden"] = True
        # Every attribute of the node travels with it (as data, for the tooltip and panel).
        data = {key: value for key, value in attrs.items() if key != "label"}
        net.add_node(node_id, label=attrs["label"], shape=style.shape, **options, **data)
    for number, (source, target, attrs) in enumerate(network.edges(data=True)):
        edge = _edge_style(attrs["relation"], attrs["weight"])
        net.add_edge(source, target, id=f"e{number}", **edge)
    net.options = _OPTIONS
    net.templateEnv = _environment()
    net.path = "newskg.html"
    return net.generate_html()


def node_style(kind: str, factuality: str | None = None) -> KindStyle:
    """How a node of ``kind`` is drawn; an event the text does not assert is drawn paler."""
    if kind == "Event" and factuality not in (None, "asserted"):
        return NOT_ASSERTED
    return STYLES[kind]


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
    if kind in ("Event", "Claim"):
        return _EVENT_SIZE
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
    if relation in EVENT_RELATIONS:
        return {
            "label": relation,
            "relation": relation,
            "weight": weight,
            "width": round(1.0 + math.log2(weight), 2),
            "color": {"color": "#8c8c8c", "highlight": "#1b1b1b", "hover": "#1b1b1b"},
            # Short, so an event or claim sits next to whom and where it is about.
            "length": 70,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15},
            "font": {"size": 10, "color": "#5a5a5a"},
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


def _legend_entry(name: str, style: KindStyle, count: int) -> dict[str, Any]:
    return {
        "name": name,
        "description": style.description,
        "color": style.colour,
        "fill": style.background,
        "border": style.border,
        "shape": style.shape,
        "dashed": style.dashed,
        "count": count,
    }


def _payload(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: str) -> Markup:
    counts = {kind: 0 for kind in KINDS}
    not_asserted = 0
    for node in nodes:
        counts[node["kind"]] += 1
        if node_style(node["kind"], node.get("factuality")) is NOT_ASSERTED:
            not_asserted += 1
    kinds = [
        {**_legend_entry(kind, STYLES[kind], counts[kind]), "visible": kind not in HIDDEN_KINDS}
        for kind in KINDS
    ]
    return _script_json(
        {
            "nodes": nodes,
            "edges": edges,
            "options": json.loads(options),
            "kinds": kinds,
            "notAsserted": _legend_entry("Event", NOT_ASSERTED, not_asserted),
            "entityKinds": sorted(ENTITY_KINDS),
            "coMention": CO_MENTION,
            "claimedBy": CLAIMED_BY,
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
