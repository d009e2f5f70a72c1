"""The interactive HTML network view (pyvis): offline, laid out in Python, article text escaped."""
from __future__ import annotations

import html
import json
import re

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .model import ENTITY_TYPES, RELATIONS
from .vocab import KGO

COLORS = {"Company": "#e15759", "Park": "#59a14f", "Project": "#f28e2b", "Institute": "#4e79a7",
          "Place": "#bab0ac", "GovernmentBody": "#b07aa1", "Policy": "#76b7b2", "Award": "#edc948"}
PHYSICS_LIMIT = 200  # above this many nodes, positions are computed in Python and physics is off
RELATION_ZH = {"locatedIn": "位于", "partOf": "属于", "hosts": "承载", "investsIn": "投资", "operates": "运营",
               "leads": "链主", "receivedAward": "获得"}


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Entities as nodes (type, label, aliases), relations as edges with their evidence sentences."""
    G = nx.MultiDiGraph()
    types = {URIRef(KGO[t]): t for t in ENTITY_TYPES}
    for s, o in g.subject_objects(RDF.type):
        if o in types:
            G.add_node(str(s), type=types[o], label=str(g.value(s, RDFS.label) or s),
                       aliases=sorted(str(a) for a in g.objects(s, SKOS.altLabel)))
    evidence: dict[tuple, list[str]] = {}
    for st in g.subjects(RDF.type, KGO.RelationStatement):
        key = (str(g.value(st, RDF.subject)), str(g.value(st, RDF.predicate)), str(g.value(st, RDF.object)))
        sent = g.value(st, PROV.wasDerivedFrom)
        if sent is not None:
            evidence.setdefault(key, []).append(str(g.value(sent, KGO.text) or ""))
    for rel in RELATIONS:
        for s, o in g.subject_objects(KGO[rel]):
            if str(s) in G and str(o) in G:
                ev = evidence.get((str(s), str(KGO[rel]), str(o)), [])
                G.add_edge(str(s), str(o), key=rel, relation=rel, evidence=ev)
    return G


def _title(d: dict) -> str:
    """Hover text, built from escaped article text (it is data, never markup)."""
    lines = [f"{html.escape(d['label'])} — {html.escape(d['type'])}"]
    if d["aliases"]:
        lines.append("别名: " + html.escape("、".join(d["aliases"])))
    return "\n".join(lines)


def render_html(g: Graph, height: str = "860px") -> str:
    from pyvis.network import Network

    G = to_networkx(g)
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    big = G.number_of_nodes() > PHYSICS_LIMIT
    pos = nx.spring_layout(nx.Graph(G), seed=7, k=0.6) if big and G.number_of_nodes() else {}
    for n, d in G.nodes(data=True):
        kw = {}
        if big:
            x, y = pos[n]
            kw = {"x": float(x) * 2000, "y": float(y) * 2000, "physics": False}
        net.add_node(n, label=d["label"], color=COLORS.get(d["type"], "#999"), title=_title(d), group=d["type"], **kw)
    for s, o, d in G.edges(data=True):
        ev = "\n".join("· " + html.escape(t[:160]) for t in d["evidence"][:3])
        net.add_edge(s, o, label=RELATION_ZH.get(d["relation"], d["relation"]),
                     title=html.escape(d["relation"]) + ("\n" + ev if ev else ""), arrows="to")
    if big:
        net.toggle_physics(False)
    page = net.generate_html()
    page = _offline(page)
    legend = "".join(f'<span style="display:inline-block;margin:0 8px"><span style="display:inline-block;width:12px;'
                     f'height:12px;background:{c};border-radius:6px"></span> {t}</span>' for t, c in COLORS.items())
    stats = json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges()})
    header = (f'<div id="kg-legend" style="font:14px sans-serif;padding:6px">{legend}</div>'
              f'<script>window.KG_STATS = {stats};</script>')
    page = page.replace("<body>", "<body>" + header, 1)
    page = page.replace("<head>", '<head><meta charset="utf-8">', 1)
    return page


def _offline(page: str) -> str:
    """Drop every remote <link>/<script src> (pyvis links Bootstrap from a CDN even in in_line mode)."""
    page = re.sub(r"<link[^>]+href=\"https?://[^>]*>", "", page)
    page = re.sub(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page)
    return page
