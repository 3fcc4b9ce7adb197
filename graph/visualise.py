"""Render the network (entities, events, claims, sources, articles) as one self-contained,
offline HTML page.

pyvis builds the vis-network data; the page template is our own, because pyvis's templates
pull Bootstrap and vis-network from CDNs and render tooltips as HTML. Every label, alias and
sentence comes from article text and is treated as hostile: it travels only inside a JSON
block escaped for ``<script>``, and the page's script builds every element from it with
``textContent``. A Content-Security-Policy that allows only the page's own scripts (by hash)
backs this up should any markup ever slip through.

The page has three parts: filters and the legend (type, relation, date range, article), the
network (node size by degree centrality, link width by evidence count; above ``NODE_BUDGET``
nodes the most central first, with a "show more" control), and a panel with the selected node's
or link's details above the article text (every mention marked, coloured by type) and a
timeline. ``GraphView`` / ``show`` put the page in a Jupyter notebook.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html import escape as html_escape
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
    centrality,
    to_networkx,
)

# Above this many nodes the page first draws the most central ones, with a "show more" control.
NODE_BUDGET: Final = 300
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
aside{width:290px;flex:none;overflow:auto;padding:14px 18px;background:#fff;border-right:1px solid #d8d8d4}
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
#kg-panel{width:440px;flex:none;display:flex;flex-direction:column;min-height:0;background:#fff;border-left:1px solid #d8d8d4}
#kg-details-box{flex:1 1 45%;overflow:auto;padding:12px 16px;border-bottom:1px solid #d8d8d4;min-height:0}
#kg-reader{flex:1 1 55%;display:flex;flex-direction:column;min-height:0}
.kg-tabs{display:flex;gap:0;padding:0 12px;border-bottom:1px solid #d8d8d4;background:#fafaf8}
.kg-tabs button{color:#333;background:none;border-radius:0;padding:8px 12px;border-bottom:3px solid transparent}
.kg-tabs button[aria-selected=true]{color:#1b1b1b;font-weight:650;border-bottom-color:#0072B2}
.kg-tabpanel{flex:1;overflow:auto;padding:10px 16px;min-height:0}
.kg-tabpanel[hidden]{display:none}
#kg-article-select,#kg-article-filter,.kg-date{width:100%;padding:4px 6px;font:inherit;border:1px solid #b8b8b2;border-radius:5px;background:#fff}
.kg-date{width:48%}
#kg-article-head{margin:8px 0 6px;font-size:15px;font-weight:650;overflow-wrap:anywhere}
#kg-article-text{white-space:pre-wrap;overflow-wrap:anywhere;font:15px/1.6 Georgia,"DejaVu Serif",serif;color:#222}
.kg-sent{border-radius:3px;transition:background-color .2s}
.kg-sent.kg-sent-on{background:#fff3c4;box-shadow:0 0 0 2px #fff3c4}
.kg-mark{border-bottom:2px solid;border-radius:2px;cursor:pointer;padding:0 1px}
.kg-mark.kg-date-mark{cursor:default;border-bottom-style:dotted}
.kg-mark.kg-hit{outline:2px solid #1b1b1b;outline-offset:0;font-weight:650}
.kg-section{margin:12px 0 4px;font-size:11px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:#555}
.kg-facts li,.kg-refs li,#kg-timeline li{margin:3px 0;padding:3px 6px;border-left:3px solid #d8d8d4;overflow-wrap:anywhere;cursor:pointer}
.kg-facts li:hover,.kg-refs li:hover,#kg-timeline li:hover{background:#f1f1ee;border-left-color:#0072B2}
.kg-refs li{color:#333}
.kg-when{display:inline-block;min-width:84px;font-variant-numeric:tabular-nums;color:#444;font-weight:600}
#kg-relations li label{display:flex;align-items:center;gap:8px;padding:2px 0;font-size:13px;cursor:pointer}
#kg-more{margin-top:8px}
#kg-more[hidden]{display:none}
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
  var incoming = {};
  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  data.edges.forEach(function (e) {
    (outgoing[e.from] = outgoing[e.from] || []).push(e);
    (incoming[e.to] = incoming[e.to] || []).push(e);
  });
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
    if (node.sentences.length && limit > 0) {
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

  // Nodes come most central first; a big graph starts with the first `budget` of them.
  var loaded = {};
  var loadedCount = 0;
  var rank = {};
  data.nodes.forEach(function (n, i) { rank[n.id] = i; });
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  function revealLabel(values) { values.color = "#1b1b1b"; values.strokeWidth = 3; }
  function visEdge(e) {
    var extra = { title: edgeCard(e), hidden: !relationOn(e.relation) };
    if (e.relation === data.coMention) extra.chosen = { edge: true, label: revealLabel };
    return Object.assign({}, e, extra);
  }
  // Colour by community (Louvain communities of the network, computed in Python), on request.
  var COMMUNITY_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"];
  var byCommunity = false;
  function communityColour(n) {
    if (!byCommunity || typeof n.community !== "number") return n.color;
    var c = COMMUNITY_COLOURS[n.community % COMMUNITY_COLOURS.length];
    return { background: c, border: "#1b1b1b", highlight: { background: c, border: "#1b1b1b" },
             hover: { background: c, border: "#1b1b1b" } };
  }
  function loadUpTo(count) {
    count = Math.min(count, data.nodes.length);
    if (count <= loadedCount) return false;
    var fresh = data.nodes.slice(loadedCount, count);
    fresh.forEach(function (n) { loaded[n.id] = true; });
    nodes.add(fresh.map(function (n) {
      return Object.assign({}, n, { title: card(n, TOOLTIP_SENTENCES), hidden: !nodeShown(n),
                                    color: communityColour(n) });
    }));
    // One add for all the new links: vis redoes its bookkeeping on every add.
    var linked = [], seen = {};
    fresh.forEach(function (n) {
      (outgoing[n.id] || []).concat(incoming[n.id] || []).forEach(function (e) {
        if (loaded[e.from] && loaded[e.to] && !seen[e.id] && !edges.get(e.id)) {
          seen[e.id] = true;
          linked.push(visEdge(e));
        }
      });
    });
    edges.add(linked);
    loadedCount = count;
    var rest = data.nodes.length - loadedCount;
    var more = document.getElementById("kg-more");
    more.hidden = rest <= 0;
    more.textContent = "Show " + Math.min(rest, data.budget) + " more (" + rest + " not shown)";
    return true;
  }

  // Filters: type, relation, date range, article. A node or link shows only if all allow it.
  var kindOn = {};
  data.kinds.forEach(function (k) { kindOn[k.name] = k.visible; });
  var relationOff = {};
  function relationOn(relation) { return !relationOff[relation]; }
  var dateFrom = "", dateTo = "", articleOnly = "";
  function inDates(n) {
    if (!n.date || (n.kind !== "Event" && n.kind !== "Claim")) return true;
    if (dateFrom && n.date.slice(0, dateFrom.length) < dateFrom) return false;
    if (dateTo && n.date.slice(0, dateTo.length) > dateTo) return false;
    return true;
  }
  function nodeShown(n) {
    if (!kindOn[n.kind]) return false;
    if (!inDates(n)) return false;
    if (articleOnly !== "" && !(nodeArticles[n.id] || {})[articleOnly]) return false;
    return true;
  }
  function applyFilters() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: !nodeShown(n) }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, hidden: !relationOn(e.relation) }; }));
  }

  // The articles: their sentences, and which sentences mention each node.
  var articles = data.articles;
  var refsOf = {};        // node id -> [[article, sentence], ...] in text order
  var nodeArticles = {};  // node id -> {article index: true}
  var dateRefs = [];      // [{date, a, s, anchor}]
  function sentenceAt(article, offset) {
    var lo = 0, hi = article.sentences.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, sp = article.sentences[mid];
      if (offset < sp[0]) hi = mid - 1; else if (offset >= sp[1]) lo = mid + 1; else return mid;
    }
    return -1;
  }
  articles.forEach(function (article, a) {
    var articleNode = nodeById[article.id];
    if (articleNode) {
      (nodeArticles[article.id] = {})[a] = true;
      (outgoing[article.id] || []).forEach(function (e) { (nodeArticles[e.to] = nodeArticles[e.to] || {})[a] = true; });
    }
    article.mentions.forEach(function (m) {
      var si = sentenceAt(article, m[0]);
      if (m[2].indexOf("date:") === 0) {
        dateRefs.push({ date: m[2].slice(5), a: a, s: si, anchor: article.text.slice(m[0], m[1]) });
        return;
      }
      (nodeArticles[m[2]] = nodeArticles[m[2]] || {})[a] = true;
      if (si < 0) return;
      var list = refsOf[m[2]] = refsOf[m[2]] || [];
      if (!list.some(function (r) { return r[0] === a && r[1] === si; })) list.push([a, si]);
    });
  });
  function sentenceText(ref) {
    var article = articles[ref[0]], sp = article.sentences[ref[1]];
    return article.text.slice(sp[0], sp[1]);
  }
  function sharedRefs(x, y) {
    var ys = (refsOf[y] || []).map(function (r) { return r[0] + ":" + r[1]; });
    return (refsOf[x] || []).filter(function (r) { return ys.indexOf(r[0] + ":" + r[1]) >= 0; });
  }

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
  loadUpTo(data.budget);
  network.setData({ nodes: nodes, edges: edges });
  if (data.nodes.length === 0) settle();
  document.getElementById("kg-more").addEventListener("click", function () { more(data.budget); });
  function more(count) {
    if (!loadUpTo(loadedCount + count)) return;
    // Lay the new nodes out, then stop again.
    document.body.setAttribute("data-ready", "false");
    status.textContent = "Laying out\u2026";
    network.once("stabilizationIterationsDone", settle);
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(200);
  }

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
    kindOn[kind] = visible;
    applyFilters();
  }

  // Relation filter.
  var relationList = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    var item = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-relation", r.name);
    box.addEventListener("change", function () { relationOff[r.name] = !box.checked; applyFilters(); });
    label.appendChild(box);
    label.appendChild(el("span", null, r.name));
    label.appendChild(el("span", "kg-count", String(r.count)));
    item.appendChild(label);
    relationList.appendChild(item);
  });
  var communityBox = document.getElementById("kg-community");
  communityBox.addEventListener("change", function () {
    byCommunity = communityBox.checked;
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: communityColour(data.nodes[rank[n.id]]) };
    }));
  });
  // Date range filter: a prefix of YYYY-MM-DD.
  function dateInput(id, set) {
    var input = document.getElementById(id);
    input.addEventListener("input", function () {
      var v = input.value.trim();
      if (v === "" || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) { set(v); applyFilters(); }
    });
  }
  dateInput("kg-date-from", function (v) { dateFrom = v; });
  dateInput("kg-date-to", function (v) { dateTo = v; });
  // Article filter (a corpus) and the article pane's selector.
  var articleFilter = document.getElementById("kg-article-filter");
  var articleSelect = document.getElementById("kg-article-select");
  articles.forEach(function (article, a) {
    var option = document.createElement("option");
    option.value = String(a);
    option.textContent = article.headline;
    articleFilter.appendChild(option);
    articleSelect.appendChild(option.cloneNode(true));
  });
  if (articles.length < 2) document.getElementById("kg-article-filter-box").hidden = true;
  if (!articles.length) articleSelect.hidden = true;
  articleFilter.addEventListener("change", function () {
    articleOnly = articleFilter.value;
    applyFilters();
    if (articleOnly !== "") showArticle(Number(articleOnly));
  });

  // Details of the selected node, with its links.
  var details = document.getElementById("kg-details");
  var placeholder = details.firstElementChild;
  function refList(refs) {
    var list = el("ul", "kg-refs");
    refs.forEach(function (ref) {
      var item = el("li", null, sentenceText(ref));
      if (articles.length > 1) item.title = articles[ref[0]].headline;
      item.addEventListener("click", function () { showSentence(ref); });
      list.appendChild(item);
    });
    return list;
  }
  function factItem(list, text, ref, id) {
    var item = el("li", null, text);
    item.addEventListener("click", function () {
      if (id && id !== current) pick(id, false);
      if (ref) showSentence(ref);
    });
    list.appendChild(item);
  }
  // What the node took part in, said, or is mentioned in, each with the sentence behind it.
  function facts(id) {
    var list = el("ul", "kg-facts");
    var node = nodeById[id];
    (outgoing[id] || []).forEach(function (e) {
      if (e.relation === data.coMention) return;
      var refs = sharedRefs(id, e.to);
      if (node.kind === "Event" || node.kind === "Claim") refs = refs.length ? refs : (refsOf[id] || []);
      factItem(list, capital(e.relation) + ": " + labelOf[e.to], refs[0], null);
    });
    (incoming[id] || []).forEach(function (e) {
      if (e.relation === data.coMention) return;
      var other = nodeById[e.from];
      var text;
      if (other.kind === "Event") {
        text = capital(e.relation) + " in " + other.label + (other.date ? " \u00b7 " + other.date : "") +
          (other.factuality ? " \u00b7 " + other.factuality : "");
      } else if (other.kind === "Claim") {
        text = "Claimed: \u201c" + (other.text || other.label) + "\u201d" + (other.date ? " \u00b7 " + other.date : "");
      } else {
        text = capital(e.relation) + " of " + other.label;
      }
      factItem(list, text, (sharedRefs(e.from, id)[0] || (refsOf[e.from] || [])[0]), e.from);
    });
    if (node.kind !== "Claim") {
      data.nodes.forEach(function (c) {
        if (c.kind !== "Claim" || (outgoing[c.id] || []).some(function (e) { return e.to === id; })) return;
        var shared = sharedRefs(c.id, id);
        if (shared.length) factItem(list, "Mentioned in claim: \u201c" + (c.text || c.label) + "\u201d", shared[0], c.id);
      });
    }
    return list;
  }
  var current = null;
  function showDetails(id) {
    details.replaceChildren();
    var node = id === null ? null : nodes.get(id);
    if (!node) { details.appendChild(placeholder); return; }
    var refs = refsOf[id] || [];
    var box = card(node, refs.length ? 0 : Infinity);
    var list0 = facts(id);
    if (list0.childNodes.length) {
      box.appendChild(el("div", "kg-section", "Facts"));
      box.appendChild(list0);
    }
    if (refs.length) {
      box.appendChild(el("div", "kg-section", "Sentences (" + refs.length + ")"));
      box.appendChild(refList(refs));
    }
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
  function showEdge(edgeId) {
    var e = edges.get(edgeId);
    if (!e) return;
    details.replaceChildren();
    var box = edgeCard(e);
    var refs = sharedRefs(e.from, e.to);
    var why;
    if (e.relation === data.coMention) {
      why = "Why: named together in " + plural(refs.length, "sentence");
    } else if (refs.length) {
      why = "Why: \u201c" + e.relation + "\u201d, stated in " + plural(refs.length, "sentence");
    } else {
      refs = refsOf[e.from] || [];
      why = "Why: \u201c" + e.relation + "\u201d" + (refs.length ? ", from the sentence of " + labelOf[e.from] : ", from the article's metadata");
    }
    box.appendChild(el("div", "kg-section", why));
    if (refs.length) box.appendChild(refList(refs));
    details.appendChild(box);
    if (refs.length) showSentence(refs[0]);
  }
  network.on("selectNode", function (p) { current = p.nodes[0]; showDetails(current); highlight(current, true); });
  network.on("deselectNode", function () { current = null; showDetails(null); highlight(null); });
  network.on("selectEdge", function (p) { if (!p.nodes.length) showEdge(p.edges[0]); });

  // Select a node from the page (article, timeline, facts): load it if the budget left it out.
  function pick(id, focus) {
    if (!loaded[id]) loadUpTo(rank[id] + 1);
    var node = nodes.get(id);
    if (!node) return;
    if (node.hidden) { setKindVisible(node.kind, true); }
    network.selectNodes([id]);
    if (focus !== false) network.focus(id, { scale: 1.2, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    current = id;
    showDetails(id);
    highlight(id, focus !== false);
  }

  // The article pane: the text with every mention marked, coloured by the type of its node.
  var tabs = { article: document.getElementById("kg-tab-article"), timeline: document.getElementById("kg-tab-timeline") };
  var panels = { article: document.getElementById("kg-article"), timeline: document.getElementById("kg-timeline-panel") };
  function showTab(name) {
    Object.keys(tabs).forEach(function (t) {
      tabs[t].setAttribute("aria-selected", String(t === name));
      panels[t].hidden = t !== name;
    });
  }
  tabs.article.addEventListener("click", function () { showTab("article"); });
  tabs.timeline.addEventListener("click", function () { showTab("timeline"); });
  var articleText = document.getElementById("kg-article-text");
  var articleHead = document.getElementById("kg-article-head");
  var shownArticle = -1;
  var marks = {};      // node id -> [span, ...] in the shown article
  var sentenceEls = [];
  function renderRange(parent, article, begin, end, list) {
    var cuts = [begin, end];
    list.forEach(function (m) { cuts.push(Math.max(begin, m[0]), Math.min(end, m[1])); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (x, y) { return x - y; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var x = cuts[i], y = cuts[i + 1];
      var text = article.text.slice(x, y);
      var over = list.filter(function (m) { return m[0] <= x && m[1] >= y; });
      if (!over.length) { parent.appendChild(document.createTextNode(text)); continue; }
      over.sort(function (p, q) { return (p[1] - p[0]) - (q[1] - q[0]); });
      var top = over[0][2];
      var span = el("span", "kg-mark", text);
      if (top.indexOf("date:") === 0) {
        span.className = "kg-mark kg-date-mark";
        span.style.borderBottomColor = "#6a6a6a";
        span.title = "Date: " + top.slice(5);
      } else {
        var style = styles[(nodeById[top] || {}).kind] || styles.Claim;
        if (style.color === "#000000") {  // a claim's clause: a light dashed underline
          span.style.borderBottom = "1px dashed #8c8c8c";
          span.style.backgroundColor = "rgba(0,0,0,0.035)";
        } else {
          span.style.borderBottomColor = style.color;
          span.style.backgroundColor = style.color + "2e";
        }
        span.title = (style.description + ": " + labelOf[top]);
        span.setAttribute("data-node", top);
        span.addEventListener("click", (function (id) { return function () { pick(id); }; })(top));
      }
      over.forEach(function (m) { if (m[2].indexOf("date:") !== 0) (marks[m[2]] = marks[m[2]] || []).push(span); });
      parent.appendChild(span);
    }
  }
  function showArticle(a) {
    if (a === shownArticle || !articles[a]) return;
    shownArticle = a;
    articleSelect.value = String(a);
    var article = articles[a];
    articleHead.textContent = article.headline;
    articleText.replaceChildren();
    marks = {};
    sentenceEls = [];
    var at = 0, mi = 0, ms = article.mentions;
    function mentionsIn(b, e) {
      return ms.filter(function (m) { return m[0] < e && m[1] > b; });
    }
    article.sentences.forEach(function (sp, si) {
      if (sp[0] > at) renderRange(articleText, article, at, sp[0], mentionsIn(at, sp[0]));
      var box = el("span", "kg-sent");
      box.setAttribute("data-sentence", String(si));
      renderRange(box, article, sp[0], sp[1], mentionsIn(sp[0], sp[1]));
      articleText.appendChild(box);
      sentenceEls[si] = box;
      at = Math.max(at, sp[1]);
    });
    if (at < article.text.length) renderRange(articleText, article, at, article.text.length, mentionsIn(at, article.text.length));
    if (current !== null) highlight(current, false);
  }
  articleSelect.addEventListener("change", function () { showArticle(Number(articleSelect.value)); });
  function clearSentence() {
    Array.prototype.forEach.call(articleText.querySelectorAll(".kg-sent-on"), function (s) { s.classList.remove("kg-sent-on"); });
  }
  function showSentence(ref) {
    if (!ref) return;
    showTab("article");
    showArticle(ref[0]);
    clearSentence();
    var box = sentenceEls[ref[1]];
    if (box) { box.classList.add("kg-sent-on"); box.scrollIntoView({ block: "center" }); }
  }
  function highlight(id, scroll) {
    Array.prototype.forEach.call(articleText.querySelectorAll(".kg-hit"), function (m) { m.classList.remove("kg-hit"); });
    clearSentence();
    if (id === null) return;
    if (scroll) {
      var here = nodeArticles[id] || {};
      if (!here[shownArticle]) {
        var first = Object.keys(here).map(Number).sort(function (x, y) { return x - y; })[0];
        if (first !== undefined) showArticle(first);
      }
    }
    var hits = marks[id] || [];
    hits.forEach(function (m) { m.classList.add("kg-hit"); });
    if (scroll && hits.length) { showTab("article"); hits[0].scrollIntoView({ block: "center" }); }
  }
  if (articles.length) showArticle(0);

  // The timeline: dated events and claims, and every date the text names, by precision.
  var timeline = document.getElementById("kg-timeline");
  (function () {
    var items = [];
    data.nodes.forEach(function (n) {
      if ((n.kind === "Event" || n.kind === "Claim") && n.date) items.push({ date: n.date, text: n.label, node: n.id, ref: (refsOf[n.id] || [])[0] });
    });
    dateRefs.forEach(function (d) {
      var ref = d.s >= 0 ? [d.a, d.s] : null;
      var text = "\u201c" + d.anchor + "\u201d" + (ref ? " \u2014 " + sentenceText(ref) : "");
      items.push({ date: d.date, text: text, node: null, ref: ref });
    });
    var groups = [["Days", 10], ["Months", 7], ["Years", 4]];
    var any = false;
    groups.forEach(function (g) {
      var these = items.filter(function (it) { return it.date.length === g[1]; })
        .sort(function (x, y) { return x.date < y.date ? -1 : x.date > y.date ? 1 : x.text < y.text ? -1 : 1; });
      if (!these.length) return;
      any = true;
      timeline.appendChild(el("div", "kg-section", g[0] + " (" + these.length + ")"));
      var list = el("ul");
      these.forEach(function (it) {
        var item = el("li");
        item.appendChild(el("span", "kg-when", it.date));
        item.appendChild(document.createTextNode(" " + it.text));
        if (it.node) item.setAttribute("data-node", it.node);
        item.addEventListener("click", function () {
          if (it.node) { pick(it.node); }
          if (it.ref) showSentence(it.ref);
        });
        list.appendChild(item);
      });
      timeline.appendChild(list);
    });
    if (!any) timeline.appendChild(el("p", "kg-hint", "Nothing in these articles is dated."));
  })();

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
    var id = hits[last.index];
    if (!loaded[id]) loadUpTo(rank[id] + 1);
    var node = nodes.get(id);
    if (node.hidden) setKindVisible(node.kind, true);
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    current = node.id;
    showDetails(node.id);
    highlight(node.id, true);
    found.textContent = node.label + (hits.length > 1 ? " (" + (last.index + 1) + " of " + hits.length + ")" : "");
    return node.id;
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    find(input.value);
  });

  document.body.setAttribute("data-drawn", "true");
  return { nodes: nodes, edges: edges, find: find, setKindVisible: setKindVisible, card: card,
           pick: pick, showSentence: showSentence, showArticle: showArticle, showEdge: showEdge,
           more: more, applyFilters: applyFilters };
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
<p class="kg-hint">Untick a type to hide its nodes. Size shows how central a node is (its links) and how often it is mentioned.</p>
<ul id="kg-legend"></ul>
<button id="kg-more" type="button" hidden></button>
<h2>Relations</h2>
<ul id="kg-relations"></ul>
<h2>Groups</h2>
<label><input type="checkbox" id="kg-community"> Colour by community</label>
<h2>Dates</h2>
<p class="kg-hint">Show only events and claims dated in this range (YYYY, YYYY-MM or YYYY-MM-DD).</p>
<div class="kg-row"><input id="kg-date-from" class="kg-date" type="text" placeholder="from" aria-label="From date"><input id="kg-date-to" class="kg-date" type="text" placeholder="to" aria-label="To date"></div>
<div id="kg-article-filter-box"><h2><label for="kg-article-filter">Article</label></h2>
<select id="kg-article-filter"><option value="">All articles</option></select></div>
<h2>Links</h2>
<ul id="kg-edge-legend">
<li><span class="kg-line kg-dashed"></span><span>mentioned with: named in the same sentence (thicker: more sentences; label on hover)</span></li>
<li><span class="kg-line kg-arrow"></span><span>role (e.g. President), author, publisher, republisher, photo credit</span></li>
<li><span class="kg-line kg-arrow kg-light"></span><span>event \u2192 agent, patient, participant, place; claim \u2192 claimed by; source \u2192 affiliated with</span></li>
</ul>
</aside>
<div id="kg-network"></div>
<section id="kg-panel" aria-label="Details, article and timeline">
<div id="kg-details-box">
<h2 class="kg-section">Details</h2>
<div id="kg-details"><p class="kg-hint">Click a node or a link, or a highlighted name in the article, for its facts and the sentences behind them.</p></div>
</div>
<div id="kg-reader">
<div class="kg-tabs" role="tablist">
<button type="button" role="tab" id="kg-tab-article" aria-selected="true" aria-controls="kg-article">Article</button>
<button type="button" role="tab" id="kg-tab-timeline" aria-selected="false" aria-controls="kg-timeline-panel">Timeline</button>
</div>
<div id="kg-article" class="kg-tabpanel" role="tabpanel">
<select id="kg-article-select" aria-label="Article"></select>
<div id="kg-article-head"></div>
<div id="kg-article-text"></div>
</div>
<div id="kg-timeline-panel" class="kg-tabpanel" role="tabpanel" hidden>
<p class="kg-hint">Dated events and claims, and every date the text names, by precision.</p>
<div id="kg-timeline"></div>
</div>
</div>
</section>
</main>
<script type="application/json" id="kg-data">{{ payload(nodes, edges, options) }}</script>
<script>{{ vis_js }}</script>
<script>{{ app_js }}</script>
</body>
</html>
"""


def communities(network: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's community (Louvain on the undirected links, seeded: the same page every
    run), numbered from the largest."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    simple.add_edges_from((u, v) for u, v in network.edges() if u != v)
    if simple.number_of_edges() == 0:
        return {}
    found = nx.community.louvain_communities(simple, seed=7)
    ordered = sorted(found, key=lambda group: (-len(group), min(group)))
    return {node: index for index, group in enumerate(ordered) for node in group}


def render_html(graph: Graph | Dataset | nx.MultiDiGraph, budget: int = NODE_BUDGET) -> str:
    """The page for ``graph`` (an RDF graph, a Dataset read as its union, or a built network).

    Nodes go to the page most central first; above ``budget`` nodes the page draws that many
    and offers to show more."""
    network = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph)
    scores = centrality(network)
    groups = communities(network)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    ordered = sorted(network.nodes(data=True), key=lambda item: (-scores.get(item[0], 0.0), item[0]))
    for node_id, attrs in ordered:
        kind = attrs["kind"]
        style = node_style(kind, attrs.get("factuality"))
        options: dict[str, Any] = {
            "color": {
                "background": style.background,
                "border": style.border,
                "highlight": {"background": style.background, "border": "#1b1b1b"},
                "hover": {"background": style.background, "border": "#1b1b1b"},
            },
            "size": _node_size(kind, attrs["mentions"], scores.get(node_id, 0.0)),
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
        data["centrality"] = round(scores.get(node_id, 0.0), 4)
        data["community"] = groups.get(node_id)
        net.add_node(node_id, label=attrs["label"], shape=style.shape, **options, **data)
    for number, (source, target, attrs) in enumerate(network.edges(data=True)):
        edge = _edge_style(attrs["relation"], attrs["weight"])
        net.add_edge(source, target, id=f"e{number}", **edge)
    net.options = _OPTIONS
    net.templateEnv = _environment(network.graph.get("articles", []), max(1, budget))
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


def _node_size(kind: str, mentions: int, score: float = 0.0) -> float:
    """Entities and sources grow with their centrality and their mentions; events, claims and
    articles only a little with centrality."""
    if kind == "Article":
        return round(22.0 + 10.0 * score, 1)
    if kind in ("Event", "Claim"):
        return round(_EVENT_SIZE + 8.0 * score, 1)
    return round(min(10.0 + 5.0 * math.sqrt(mentions) + 40.0 * score, 50.0), 1)


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


def _payload(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: str,
    articles: list[dict[str, Any]] | None = None, budget: int = NODE_BUDGET,
) -> Markup:
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
            "relations": [
                {"name": name, "count": count}
                for name, count in sorted(Counter(e["relation"] for e in edges).items())
            ],
            "articles": articles or [],
            "budget": budget,
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


def _environment(articles: list[dict[str, Any]] | None = None, budget: int = NODE_BUDGET) -> Environment:
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
        payload=lambda nodes, edges, options: _payload(nodes, edges, options, articles, budget),
    )
    return env


class GraphView:
    """The page for a notebook: ``_repr_html_`` puts it in an ``<iframe srcdoc>`` (offline, the
    page's own script only, sandboxed without same-origin access)."""

    def __init__(self, graph: Graph | Dataset | nx.MultiDiGraph, height: int = 720,
                 budget: int = NODE_BUDGET) -> None:
        self.html = render_html(graph, budget=budget)
        self.height = int(height)

    def _repr_html_(self) -> str:
        # html.escape with quote=True escapes & < > " ': the whole page stays inside the attribute.
        srcdoc = html_escape(self.html, quote=True)
        return (
            f'<iframe srcdoc="{srcdoc}" sandbox="allow-scripts" title="newskg network" '
            f'style="width:100%;height:{self.height}px;border:1px solid #d8d8d4"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        return atomic_write(path, self.html.encode("utf-8"))


def show(graph: Graph | Dataset | nx.MultiDiGraph, height: int = 720) -> GraphView:
    """``show(graph)`` as the last line of a Jupyter cell draws the network page inline."""
    return GraphView(graph, height=height)
