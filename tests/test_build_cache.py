"""Issue 12: the content-hash cache — a rebuild analyses only what changed and gives the full build's graph."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import build
from kg.cache import AnalysisCache, article_key
from kg.read import read_article


def test_one_changed_article_is_the_only_one_analysed(tmp_path, mixed_corpus):
    corpus = mixed_corpus(tmp_path)
    out = tmp_path / "out"
    first = build(corpus, out, html=False)
    assert (first.analysed, first.cached) == (9, 0)
    again = build(corpus, out, html=False)
    assert (again.analysed, again.cached) == (0, 9)
    target = corpus / "keqiao_textiles.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("柯桥", "上虞", 1) + "\n绍兴市新昌县新建轴承产业园。",
                      encoding="utf-8")
    (corpus / "nanhu_science_city.txt").unlink()
    inc = build(corpus, out, html=False)
    assert (inc.analysed, inc.cached) == (1, 7)
    full = build(corpus, tmp_path / "full", html=False, cache=False)
    a, b = Graph().parse(out / "kg.ttl"), Graph().parse(tmp_path / "full" / "kg.ttl")
    assert isomorphic(a, b)
    assert (out / "kg.ttl").read_bytes() == (tmp_path / "full" / "kg.ttl").read_bytes()
    assert len(list((out / ".cache").glob("*/*.pkl"))) == 8  # the removed and the old version pruned
    assert full.analysed == 8


def test_cache_key_covers_text_metadata_and_name(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("宁波市北仑区新建产业园。", encoding="utf-8")
    a = read_article(p)
    keys = {article_key(a), article_key(read_article(p, {"year": 2020})),
            article_key(read_article(p, doc_id="b.txt"))}
    p.write_text("宁波市北仑区新建产业园区。", encoding="utf-8")
    keys.add(article_key(read_article(p)))
    assert len(keys) == 4


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("宁波市北仑区新建产业园。", encoding="utf-8")
    a = read_article(p)
    c = AnalysisCache(tmp_path / "cache")
    c.put(a, ["x"])
    assert c.get(a) == ["x"]
    next((tmp_path / "cache").glob("*/*.pkl")).write_bytes(b"\x80\x05garbage")
    assert c.get(a) is None and c.misses == 1


def _store_quads(out: Path) -> set:
    import pyoxigraph as ox

    st = ox.Store.read_only(str(out / "store"))
    return {str(q) for q in st.quads_for_pattern(None, None, None, None)}


def _same_place(corpus: Path, target: Path) -> str:
    """TARGET's text with a sentence naming nothing appended, chosen so that the article keeps its place in
    the content order (resolution, which depends on that order, then finds the same entities)."""
    from kg.build import read_corpus
    from kg.cache import content_hash

    articles, _ = read_corpus(corpus)
    where = [a.doc_id for a in articles].index(target.name)
    hashes = sorted(content_hash(a) for a in articles if a.doc_id != target.name)
    base = target.read_text(encoding="utf-8")
    for k in range(200):
        text = base + f"\n本文第{k}次更新。"
        target.write_text(text, encoding="utf-8")
        h = content_hash(read_article(target, doc_id=target.name))
        if sum(x < h for x in hashes) == where:
            target.write_text(base, encoding="utf-8")
            return text
    raise AssertionError("no suffix keeps the article in place")


def test_a_rebuild_updates_only_the_changed_graphs_and_equals_a_full_build(tmp_path, mixed_corpus):
    """The store of a rebuild (a checkpoint of the previous one with changed graphs rewritten) holds
    exactly the quads of a full build — named graphs and their union — and kg.ttl has the same bytes."""
    corpus, out = mixed_corpus(tmp_path), tmp_path / "out"
    build(corpus, out, html=False)
    same = build(corpus, out, html=False)  # nothing changed: every graph from the cache, nothing written
    assert (same.graphs_cached, same.graphs_written) == (9, 0)
    target = corpus / "keqiao_textiles.txt"
    target.write_text(_same_place(corpus, target), encoding="utf-8")
    one = build(corpus, out, html=False)
    assert one.analysed == 1 and one.graphs_cached == 8 and one.graphs_written <= 1
    full = tmp_path / "full"
    build(corpus, full, html=False, cache=False)
    assert _store_quads(out) == _store_quads(full)
    assert (out / "kg.ttl").read_bytes() == (full / "kg.ttl").read_bytes()
    # an article removed and another renamed into a sub-folder: graphs leave the store, shared triples stay
    (corpus / "nanhu_science_city.txt").unlink()
    (corpus / "sub").mkdir()
    (corpus / "keqiao_textiles.txt").rename(corpus / "sub" / "keqiao_textiles.txt")
    two = build(corpus, out, html=False)
    assert two.graphs_written >= 3  # one removed, one gone under its old name, one new (and the entities)
    build(corpus, tmp_path / "full2", html=False, cache=False)
    assert _store_quads(out) == _store_quads(tmp_path / "full2")
    assert (out / "kg.ttl").read_bytes() == (tmp_path / "full2" / "kg.ttl").read_bytes()


def test_article_graphs_hold_what_add_entity_writes(tmp_path, mixed_corpus):
    """Each article's graph carries its mentions (kg.rdf.add_entity on that article's mentions): the union
    over articles is what add_entity writes for the whole entity, each triple in the graph it belongs to."""
    import pyoxigraph as ox

    from kg.quads import ENTITIES_GRAPH, QuadSink, quads
    from kg.rdf import add_entity

    from kg.build import build_graph, read_corpus

    out, corpus = tmp_path / "out", mixed_corpus(tmp_path)
    build(corpus, out, html=False)
    res, _ = build_graph(read_corpus(corpus)[0], cache=AnalysisCache(out / ".cache"))  # mentions kept
    assert sum(len(e.mentions) for e in build(corpus, out, html=False).entities.values()) == 0  # not kept
    sink = QuadSink()
    for e in res.entities.values():
        add_entity(sink, e)
    want = {str(q) for q in quads(sink) if not isinstance(q.graph_name, ox.DefaultGraph)}
    have = _store_quads(out)
    assert want <= have
    ent = f"<{ENTITIES_GRAPH}>"
    assert {q for q in want if q.endswith(ent)} == {q for q in have if q.endswith(ent)}


def test_read_cache_skips_unchanged_files_and_sees_changes(tmp_path):
    from kg.cache import ReadCache

    p = tmp_path / "c" / "a.txt"
    p.parent.mkdir()
    p.write_text("宁波市北仑区新建产业园。", encoding="utf-8")
    rc = ReadCache(tmp_path / "read.pkl")
    sig = rc.signature(p, None, 1000)
    rc.put("a.txt", sig, read_article(p))
    rc.save()
    again = ReadCache(tmp_path / "read.pkl")
    assert again.get("a.txt", again.signature(p, None, 1000)).text == "宁波市北仑区新建产业园。"
    assert again.get("a.txt", again.signature(p, {"year": 2020}, 1000)) is None  # metadata is in the signature
    p.write_text("宁波市北仑区新建产业园区。", encoding="utf-8")
    assert again.get("a.txt", again.signature(p, None, 1000)) is None
