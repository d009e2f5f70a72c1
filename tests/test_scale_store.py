"""Issue 12: the persistent Oxigraph store beside kg.ttl — opened read-only by open_store, the same
answers as the Turtle, a named graph per article plus the entities."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.quads import ENTITIES_GRAPH, article_graph
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def _rows(store, q):
    res = store.query(q)
    if isinstance(res, bool):
        return res
    # GROUP_CONCAT lists follow the store's internal order: compare them as sets
    return sorted(tuple(_cell(v) for v in sol) for sol in res)


def _cell(v) -> str:
    if v is None:
        return ""
    return "、".join(sorted(re.split(r"、|; ", v.value))) if isinstance(v, ox.Literal) else str(v)


@pytest.fixture(scope="module")
def stores(built):
    out = built[1]
    mem = ox.Store()
    mem.bulk_load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    return open_store(out), mem


def test_open_store_opens_the_persistent_store(built, stores):
    out = built[1]
    assert (out / "store").is_dir()
    persistent, mem = stores
    assert len(persistent) > len(mem)  # named graphs as well as the union default graph
    with pytest.raises(RuntimeError, match="read-write"):
        persistent.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal("c")))


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_every_query_answers_as_from_turtle(stores, query):
    persistent, mem = stores
    q = query.read_text(encoding="utf-8")
    assert _rows(persistent, q) == _rows(mem, q)


def test_a_named_graph_per_article_and_one_for_entities(built, stores):
    res, _ = built
    persistent, mem = stores
    graphs = {g.value for g in persistent.named_graphs()}
    assert graphs == {article_graph(a.doc_id) for a in res.articles} | {ENTITIES_GRAPH}
    union = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert int(next(iter(persistent.query(union)))[0].value) == len(mem)
    doc = res.articles[0].doc_id
    q = ("PREFIX kgo: <https://kg.example.org/ontology#> SELECT DISTINCT ?f WHERE { GRAPH <%s> "
         "{ ?s kgo:inArticle ?a . ?a kgo:sourceFile ?f } }" % article_graph(doc))
    assert [str(r[0].value) for r in persistent.query(q)] == [doc]


def test_a_bare_kg_ttl_is_loaded(built, tmp_path):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes((built[1] / "kg.ttl").read_bytes())
    assert len(open_store(ttl)) == len(open_store(tmp_path))


def test_missing_and_broken_stores_are_named(tmp_path):
    from kg.errors import GraphMissingError, StoreError

    with pytest.raises(GraphMissingError, match="run `kg build` first"):
        open_store(tmp_path)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("garbage")
    with pytest.raises(StoreError, match="E065"):
        open_store(tmp_path)


def test_in_memory_copy_of_the_store(built, stores):
    mem = open_store(built[1], in_memory=True)
    assert len(mem) == len(stores[0])
    mem.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal("c")))  # a private copy
