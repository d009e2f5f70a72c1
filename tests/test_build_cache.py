"""Issue 12: the content-hash cache — a rebuild analyses only what changed and gives the full build's graph."""
from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import build
from kg.cache import AnalysisCache, article_key
from kg.read import read_article

ROOT = Path(__file__).resolve().parent.parent


def test_one_changed_article_is_the_only_one_analysed(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(ROOT / "corpus", corpus)
    for p in (ROOT / "tests" / "unseen" / "articles").glob("*.txt"):
        shutil.copy(p, corpus / p.name)
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
