"""The static HTML network view that `kg build` writes (pyvis): offline, positions laid out once by igraph
(kg.explorer_layout: stable at any size, 5,000 nodes in about a second), legend colours equal to node
colours, and every tooltip built as plain text in the browser — article text is escaped exactly once.
A build's view is read from its Oxigraph store with a few SPARQL queries (never the whole graph in rdflib),
and past MAX_NODES entities it shows the most connected ones and says so (docs/scale.md)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, Namespace

from .model import ENTITY_TYPES, RELATIONS
from .vocab import KGO

OA = Namespace("http://www.w3.org/ns/oa#")
COLORS = {"Company": "#e15759", "Park": "#59a14f", "Project": "#f28e2b", "Institute": "#4e79a7",
          "Place": "#bab0ac", "GovernmentBody": "#b07aa1", "Policy": "#76b7b2", "Award": "#edc948"}
RELATION_ZH = {"locatedIn": "位于", "partOf": "属于", "hosts": "承载", "investsIn": "投资", "operates": "运营",
               "leads": "链主", "receivedAward": "获得", "withinDivision": "隶属"}
PAGE_JS = Path(__file__).parent / "static" / "graph_page.js"
MAX_NODES = 5000  # entities drawn at most: a browser draws 5,000 in seconds; the explorer (`kg serve`) shows all
_PREFIX = ("PREFIX kgo: <https://kg.example.org/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
           "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
           "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#> ")


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Entities as nodes (type, label, aliases), relations as edges with their evidence sentences
    (`evidence`: texts; `sources`: "file [start–end)" of each)."""
    G = nx.MultiDiGraph()
    types = {URIRef(KGO[t]): t for t in ENTITY_TYPES}
    for s, o in g.subject_objects(RDF.type):
        if o in types and str(s) not in G:
            G.add_node(str(s), type=types[o], label=str(g.value(s, RDFS.label) or s),
                       aliases=sorted(str(a) for a in g.objects(s, SKOS.altLabel)))
    evidence: dict[tuple, list[tuple[str, str]]] = {}
    for st in g.subjects(RDF.type, KGO.RelationStatement):
        key = (str(g.value(st, RDF.subject)), str(g.value(st, RDF.predicate)), str(g.value(st, RDF.object)))
        sent = g.value(st, PROV.wasDerivedFrom)
        if sent is not None:
            evidence.setdefault(key, []).append((str(g.value(sent, KGO.text) or ""), _source(g, sent)))
    for rel in RELATIONS:
        for s, o in g.subject_objects(KGO[rel]):
            if str(s) in G and str(o) in G:
                ev = sorted(evidence.get((str(s), str(KGO[rel]), str(o)), []), key=lambda e: e[1])
                G.add_edge(str(s), str(o), key=rel, relation=rel, evidence=[t for t, _ in ev],
                           sources=[src for _, src in ev])
    return G


def store_networkx(st, max_nodes: int | None = None) -> nx.MultiDiGraph:
    """`to_networkx` of a pyoxigraph Store's default graph, streamed through SPARQL: only the drawn entities,
    their relations and those relations' evidence are held. Past MAX_NODES entities, the most connected
    (ties by IRI); `G.graph["entities"]` is how many there are in all."""
    def rows(q: str):
        return st.query(_PREFIX + q)

    values = " ".join(f"kgo:{t}" for t in ENTITY_TYPES)
    typed: dict[str, str] = {}
    for s, t in rows(f"SELECT ?s ?t WHERE {{ VALUES ?t {{ {values} }} ?s a ?t }}"):
        if isinstance(s, ox.NamedNode):
            typed.setdefault(s.value, t.value[len(str(KGO._NS)):])
    rels = " ".join(f"kgo:{r}" for r in RELATIONS)
    edges = sorted({(s.value, p.value[len(str(KGO._NS)):], o.value) for s, p, o in
                    rows(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {rels} }} ?s ?p ?o }}")
                    if isinstance(o, ox.NamedNode) and s.value in typed and o.value in typed})
    keep, max_nodes = set(typed), MAX_NODES if max_nodes is None else max_nodes
    if len(typed) > max_nodes:
        degree = dict.fromkeys(typed, 0)
        for s, _, o in edges:
            degree[s] += 1
            degree[o] += 1
        keep = set(sorted(typed, key=lambda n: (-degree[n], n))[:max_nodes])
        edges = [e for e in edges if e[0] in keep and e[2] in keep]
    G = nx.MultiDiGraph(entities=len(typed))
    for n in sorted(keep):
        G.add_node(n, type=typed[n], label=n, aliases=[])
    for s, label in rows("SELECT ?s ?l WHERE { ?s rdfs:label ?l }"):
        if s.value in keep and G.nodes[s.value]["label"] == s.value:
            G.nodes[s.value]["label"] = label.value
    for s, alias in rows("SELECT ?s ?a WHERE { ?s skos:altLabel ?a }"):
        if s.value in keep:
            G.nodes[s.value]["aliases"].append(alias.value)
    for n in G.nodes:
        G.nodes[n]["aliases"].sort()
    wanted = {(s, str(KGO[p]), o) for s, p, o in edges}
    evidence: dict[tuple, list[tuple[str, str]]] = {}
    for s, p, o, text, file, start, end in rows(
            "SELECT ?s ?p ?o ?text ?file ?start ?end WHERE { ?st a kgo:RelationStatement ; rdf:subject ?s ; "
            "rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sent . OPTIONAL { ?sent kgo:text ?text } "
            "OPTIONAL { ?sent kgo:inArticle/kgo:sourceFile ?file } "
            "OPTIONAL { ?sent kgo:charSpan ?span . ?span oa:start ?start ; oa:end ?end } }"):
        key = (s.value, p.value, o.value)
        if key in wanted:
            src = (file.value if file is not None else "") + (f" [{start.value}–{end.value})" if start is not None else "")
            evidence.setdefault(key, []).append((text.value if text is not None else "", src))
    for s, p, o in edges:
        ev = sorted(evidence.get((s, str(KGO[p]), o), []), key=lambda e: e[1])
        G.add_edge(s, o, key=p, relation=p, evidence=[t for t, _ in ev], sources=[src for _, src in ev])
    return G


def _source(g: Graph, sent) -> str:
    art = g.value(sent, KGO.inArticle)
    file = str(g.value(art, KGO.sourceFile) or "") if art is not None else ""
    span = g.value(sent, KGO.charSpan)
    if span is None:
        return file
    return f"{file} [{g.value(span, OA.start)}–{g.value(span, OA.end)})"


def node_tip(d: dict) -> str:
    """Hover text of an entity, plain text (the page turns it into a text node)."""
    lines = [f"{d['label']} — {d['type']}"]
    if d["aliases"]:
        lines.append("别名: " + "、".join(d["aliases"]))
    return "\n".join(lines)


def edge_tip(d: dict, label_s: str, label_o: str) -> str:
    lines = [f"{label_s} —{RELATION_ZH.get(d['relation'], d['relation'])} {d['relation']}→ {label_o}"]
    for text, src in list(zip(d["evidence"], d["sources"]))[:3]:
        lines.append(f"「{text[:160]}」 {src}")
    if len(d["evidence"]) > 3:
        lines.append(f"(+{len(d['evidence']) - 3})")
    return "\n".join(lines)


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership per added edge; a set makes 5,000 nodes cheap."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, x):
        self._set.add(x)
        super().append(x)

    def __contains__(self, x):
        return x in self._set


def render_html(g, height: str = "860px") -> str:
    """The page of an rdflib Graph or of a pyoxigraph Store (`store_networkx`: what a build draws)."""
    from pyvis.network import Network

    from .explorer_layout import layout

    G = store_networkx(g) if isinstance(g, ox.Store) else to_networkx(g)
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    net.node_ids = _Ids()
    pos = layout(list(G.nodes), [(s, o) for s, o in G.edges()])
    for n in sorted(G.nodes):
        d = G.nodes[n]
        c = COLORS.get(d["type"], "#999999")
        x, y = pos[n]
        # no `group`: pyvis would then drop `color`, and the legend would lie
        net.add_node(n, label=d["label"], color={"background": c, "border": c}, kgType=d["type"],
                     tip=node_tip(d), x=x, y=y, physics=False, size=12)
    for s, o, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        net.add_edge(s, o, label=RELATION_ZH.get(d["relation"], d["relation"]), arrows="to",
                     tip=edge_tip(d, G.nodes[s]["label"], G.nodes[o]["label"]))
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True},
        "edges": {"smooth": False, "font": {"size": 10, "strokeWidth": 3}, "color": {"color": "#9aa4b1"}},
        "nodes": {"shape": "dot", "font": {"size": 14, "strokeWidth": 3}}}))
    page = _offline(net.generate_html())
    legend = "".join(f'<span style="display:inline-block;margin:0 8px"><span style="display:inline-block;width:12px;'
                     f'height:12px;background:{c};border-radius:6px"></span> {t}</span>' for t, c in COLORS.items())
    if G.graph.get("entities", 0) > G.number_of_nodes():
        legend += (f'<span id="kg-capped" style="margin-left:12px">the {G.number_of_nodes():,} most connected of '
                   f'{G.graph["entities"]:,} entities (`kg serve` shows every one)</span>')
    stats = json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges()})
    header = (f'<div id="kg-legend" style="font:14px sans-serif;padding:6px">{legend}</div>'
              f'<script>window.KG_STATS = {stats};</script>')
    page = page.replace("<body>", "<body>" + header, 1)
    page = page.replace("<head>", '<head><meta charset="utf-8">', 1)
    tips = PAGE_JS.read_text(encoding="utf-8").replace("</", "<\\/")
    return page.replace("</body>", f"<script>{tips}</script></body>", 1)


def _offline(page: str) -> str:
    """Drop every remote <link>/<script src> (pyvis links Bootstrap from a CDN even in in_line mode)."""
    page = re.sub(r"<link[^>]+href=\"https?://[^>]*>", "", page)
    page = re.sub(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page)
    return page
