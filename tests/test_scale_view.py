"""Issue 12, the view at scale: graph.html is read from the build's Oxigraph store with SPARQL (the same
network as through rdflib, byte-identical page), and past MAX_NODES entities it draws the most connected
ones and says how many there are."""
from __future__ import annotations

import re

import pytest

from kg.quads import rdflib_graph
from kg.store import open_store
from kg.view import render_html, store_networkx, to_networkx


@pytest.fixture(scope="module")
def store(built):
    return open_store(built[1])


def _edges(G):
    return sorted((s, o, k, d["evidence"], d["sources"]) for s, o, k, d in G.edges(keys=True, data=True))


def test_store_network_equals_the_rdflib_network(store):
    a, b = store_networkx(store), to_networkx(rdflib_graph(store))
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True)) and a.number_of_nodes() > 100
    assert _edges(a) == _edges(b) and any(e[3] for e in _edges(a))


def test_build_writes_the_page_of_the_store(built, store):
    page = (built[1] / "graph.html").read_text(encoding="utf-8")
    assert page == render_html(store) == render_html(rdflib_graph(store))
    assert "kg-capped" not in page


@pytest.mark.parametrize("cap", [1, 10, 50])
def test_past_the_cap_the_most_connected_entities_are_drawn(store, cap):
    full = store_networkx(store)
    G = store_networkx(store, max_nodes=cap)
    assert G.number_of_nodes() == cap and G.graph["entities"] == full.number_of_nodes()
    degree = dict(full.degree())
    kept = sorted(degree.values(), reverse=True)[:cap]
    assert sorted((degree[n] for n in G.nodes), reverse=True) == kept
    assert all(s in G and o in G for s, o in G.edges())


def test_a_capped_page_says_so(store, monkeypatch):
    import kg.view

    monkeypatch.setattr(kg.view, "MAX_NODES", 10)
    page = render_html(store)
    n = len(store_networkx(store, max_nodes=10 ** 9))
    assert re.search(rf'id="kg-capped"[^>]*>the 10 most connected of {n:,} entities', page)
    assert '"nodes": 10' in page
