"""Graph analytics with networkx: counts per type, most central entities, statements about one entity."""
from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .errors import EntityNotFound
from .view import to_networkx
from .vocab import KGO


def stats(g: Graph, top: int = 10) -> dict:
    G = to_networkx(g)
    types = Counter(d["type"] for _, d in G.nodes(data=True))
    rel = Counter(d["relation"] for _, _, d in G.edges(data=True))
    cent = nx.degree_centrality(nx.Graph(G)) if G.number_of_nodes() > 1 else {}
    central = sorted(cent.items(), key=lambda kv: -kv[1])[:top]
    return {"types": dict(types.most_common()), "relations": dict(rel.most_common()),
            "facts": sum(1 for _ in g.subjects(RDF.type, KGO.Fact)),
            "central": [(G.nodes[n]["label"], G.nodes[n]["type"], round(c, 3)) for n, c in central]}


def find_entity(g: Graph, name: str):
    for p in (RDFS.label, SKOS.altLabel):
        for s in g.subjects(p, None):
            if any(str(o) == name for o in g.objects(s, p)):
                return s
    raise EntityNotFound(f"no entity named {name!r}")


def explain(g: Graph, name: str) -> list[str]:
    """Every relation and fact about an entity, each with its evidence sentence."""
    e = find_entity(g, name)
    lines = [f"{g.value(e, RDFS.label)} ({', '.join(str(t).split('#')[-1] for t in g.objects(e, RDF.type))})"]
    for st in g.subjects(RDF.type, KGO.RelationStatement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if e not in (s, o):
            continue
        sent = g.value(st, PROV.wasDerivedFrom)
        lines.append(f"  {g.value(s, RDFS.label)} —{str(p).split('#')[-1]}→ {g.value(o, RDFS.label)}")
        lines.append(f"      「{g.value(sent, KGO.text)}」")
    for f in g.subjects(KGO.about, e):
        sent = g.value(f, PROV.wasDerivedFrom)
        year = g.value(f, KGO.year)
        lines.append(f"  {g.value(f, KGO.measure)} = {g.value(f, KGO.amountAsWritten)}"
                     f" ({g.value(f, KGO.value)} {g.value(f, KGO.unit)}){' ' + str(year) if year else ''}")
        lines.append(f"      「{g.value(sent, KGO.text)}」")
    return lines
