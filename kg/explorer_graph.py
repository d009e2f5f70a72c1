"""What the explorer's network shows: a readable part of the graph (the most connected entities, or one
entity's neighbourhood), filtered by type and relation, laid out stably; and shortest paths (networkx)."""
from __future__ import annotations

import networkx as nx

from .explorer_index import Index
from .explorer_layout import layout
from .view import COLORS, RELATION_ZH

OVERVIEW_SIZE = 60  # entities the network opens on: readable at the first zoom
NEIGHBOURHOOD_SIZE = 150
SECOND_RING = 30  # entities drawn in all when the second ring is added


class GraphView:
    """An undirected networkx view of the index's relations, for neighbourhoods, centrality and paths."""

    def __init__(self, index: Index):
        self.index = index
        self.G = nx.MultiGraph()
        self.G.add_nodes_from(sorted(index.entities))
        for i, e in enumerate(index.edges):
            self.G.add_edge(e.subject, e.object, key=i)

    def _allowed(self, types: set[str] | None, rels: set[str] | None):
        ents = self.index.entities

        def node_ok(n: str) -> bool:
            return not types or ents[n].type in types

        def edge_ok(i: int) -> bool:
            e = self.index.edges[i]
            return (not rels or e.predicate in rels) and node_ok(e.subject) and node_ok(e.object)
        return node_ok, edge_ok

    def overview(self, types=None, rels=None, limit: int = OVERVIEW_SIZE) -> dict:
        """The `limit` most connected entities (under the filters) and the relations among them; entities
        left without any relation are not drawn, so the view never opens on an unconnected ring."""
        node_ok, edge_ok = self._allowed(types, rels)
        degree: dict[str, int] = {}
        for i, e in enumerate(self.index.edges):
            if edge_ok(i):
                degree[e.subject] = degree.get(e.subject, 0) + 1
                degree[e.object] = degree.get(e.object, 0) + 1
        top = sorted(degree, key=lambda n: (-degree[n], n))[:limit]
        return self._subgraph(set(top), edge_ok, drop_isolated=True)

    def neighbourhood(self, eid: str, types=None, rels=None, depth: int = 1,
                      limit: int = NEIGHBOURHOOD_SIZE, second_ring: bool = True) -> dict:
        """The entity and what it is linked to (depth 1, plus a small second ring unless asked not to)."""
        node_ok, edge_ok = self._allowed(types, rels)
        keep = {eid}
        frontier = {eid}
        for d in range(max(depth, 2) if second_ring else depth):
            nxt = set()
            for n in sorted(frontier):
                for _, m, i in self.G.edges(n, keys=True):
                    if edge_ok(i) and m not in keep:
                        nxt.add(m)
            room = limit - len(keep) if d < depth else SECOND_RING - len(keep)  # a second ring stays small
            if room <= 0:
                break
            nxt = set(sorted(nxt, key=lambda m: (-self.index.degree(m), m))[:room])
            keep |= nxt
            frontier = nxt
        return self._subgraph(keep, edge_ok, drop_isolated=False, focus=eid)

    def paths(self, a: str, b: str, types=None, rels=None, k: int = 5) -> dict:
        """Up to k shortest paths from a to b, ignoring direction; the union drawn, each path listed."""
        node_ok, edge_ok = self._allowed(types, rels)
        H = nx.Graph()
        H.add_nodes_from([a, b])
        for i, e in enumerate(self.index.edges):
            if edge_ok(i) or (e.subject in (a, b) or e.object in (a, b)) and (not rels or e.predicate in rels):
                H.add_edge(e.subject, e.object)
        found: list[list[str]] = []
        try:
            for p in nx.all_shortest_paths(H, a, b):
                found.append(p)
                if len(found) >= 50:
                    break
        except nx.NetworkXNoPath:
            pass
        found = sorted(found)[:k]
        nodes = {n for p in found for n in p} | {a, b}
        pairs = {frozenset((p[j], p[j + 1])) for p in found for j in range(len(p) - 1)}

        def on_path(i: int) -> bool:
            e = self.index.edges[i]
            return frozenset((e.subject, e.object)) in pairs and (not rels or e.predicate in rels)
        view = self._subgraph(nodes, on_path, drop_isolated=False)
        view["paths"] = [[self._node(n) for n in p] for p in found]
        return view

    def induced(self, ids: list[str], pairs: list[tuple[str, str]]) -> dict:
        """The given entities, the relations among them, and the row links of a query result (`pairs`) that
        no relation covers, drawn as dashed edges."""
        keep = set(ids)
        view = self._subgraph(keep, lambda i: True, drop_isolated=False, extra=pairs)
        return view

    def _subgraph(self, keep: set[str], edge_ok, drop_isolated: bool, focus: str | None = None,
                  extra: list[tuple[str, str]] = ()) -> dict:
        idx = self.index
        edges = [i for i, e in enumerate(idx.edges) if e.subject in keep and e.object in keep and edge_ok(i)]
        if drop_isolated:
            keep = {n for i in edges for n in (idx.edges[i].subject, idx.edges[i].object)}
        linked = {frozenset((idx.edges[i].subject, idx.edges[i].object)) for i in edges}
        extra = sorted({(a, b) for a, b in extra if a in keep and b in keep and a != b
                        and frozenset((a, b)) not in linked})
        pos = layout(sorted(keep), [(idx.edges[i].subject, idx.edges[i].object) for i in edges] + extra)
        nodes = []
        for n in sorted(keep):
            d = self._node(n)
            d["x"], d["y"] = pos[n]
            d["focus"] = n == focus
            nodes.append(d)
        rows = [{"id": f"row{k}", "from": a, "to": b, "relation": "row", "label": "", "evidence": 0, "sentence": "",
                 "dashes": True} for k, (a, b) in enumerate(extra)]
        return {"nodes": nodes, "edges": [self.edge(i) for i in edges] + rows}

    def _node(self, n: str) -> dict:
        e = self.index.entities[n]
        return {"id": n, "label": e.label, "type": e.type, "color": COLORS.get(e.type, "#999999"),
                "degree": self.index.degree(n)}

    def edge(self, i: int) -> dict:
        e = self.index.edges[i]
        first = self.index.sentences.get(e.evidence[0][0]) if e.evidence else None
        return {"id": i, "from": e.subject, "to": e.object, "relation": e.predicate,
                "label": RELATION_ZH.get(e.predicate, e.predicate), "evidence": len(e.evidence),
                "sentence": first.text if first else ""}
