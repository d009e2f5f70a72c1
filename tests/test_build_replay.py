"""Issue 12: a rebuild replays each unchanged article's resolution from its record — the same entities as
resolving afresh, whatever the order, without reading the mentions; an unchanged build links its view."""
from __future__ import annotations

import random
import shutil

import pytest

from kg.build import build, read_corpus
from kg.cache import AnalysisCache
from kg.reduce import mentions_of
from kg.resolve import Resolver
from kg.resolve_replay import RecordingResolver


def _entities(resolver) -> dict:
    return {k: (e.name, e.type, sorted(e.aliases), sorted(e.alt_types)) for k, e in resolver.entities.items()}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, mixed_corpus):
    tmp = tmp_path_factory.mktemp("replay")
    corpus, out = mixed_corpus(tmp), tmp / "out"
    build(corpus, out, html=False)
    cache = AnalysisCache(out / ".cache")
    articles = read_corpus(corpus)[0]
    return [(a, cache.get(a)) for a in articles]


@pytest.mark.parametrize("seed, real_mentions", [(None, False), (None, True), (1, False), (2, True)])
def test_replayed_records_resolve_as_add_article_does(analysed, seed, real_mentions):
    """Records made in one order, replayed in (the same or) another: the entities, their keys, labels,
    aliases and types, and every mention's key are those of `Resolver.add_article` in that order."""
    rec = RecordingResolver()
    records = {a.doc_id: rec.resolve(a, an, mentions_of(an))[1] for a, an in analysed}
    order = list(analysed)
    if seed is not None:
        random.Random(seed).shuffle(order)
    plain, replay = Resolver(), RecordingResolver()
    for a, an in order:
        ms = mentions_of(an)
        keys = plain.add_article(a, an)
        got = replay.replay(records[a.doc_id], ms if real_mentions else None)
        assert got == [keys.get(id(m)) for m in ms]
        assert any(k is not None for k in got)
    assert _entities(replay) == _entities(plain) and replay.names == plain.names
    if real_mentions:
        assert {k: [id(m) for m in e.mentions] for k, e in replay.entities.items()} == \
            {k: [id(m) for m in e.mentions] for k, e in plain.entities.items()}


def test_a_record_of_another_analysis_is_refused(analysed):
    (a, an), (_, other) = analysed[0], analysed[1]
    _, record = RecordingResolver().resolve(a, an, mentions_of(an))
    with pytest.raises(ValueError):
        RecordingResolver().replay(record, mentions_of(other) + mentions_of(an))


def test_a_rebuild_reads_no_mentions_and_links_an_unchanged_view(tmp_path, mixed_corpus):
    """With every mentions file gone, an unchanged rebuild still resolves (from the records) to the same
    bytes; with no graph changed, graph.html is the previous build's file; a changed article is resolved
    afresh and the rebuild equals a full build."""
    corpus, out = mixed_corpus(tmp_path), tmp_path / "out"
    first = build(corpus, out)
    cache = out / ".cache"
    assert len(list(cache.glob("*/*.res"))) == first.analysed == 9
    for p in cache.glob("*/*.men"):
        p.unlink()
    ttl, html = (out / "kg.ttl").read_bytes(), (out / "graph.html").resolve()
    ino = html.stat().st_ino
    again = build(corpus, out)
    assert (again.analysed, again.graphs_written) == (0, 0)
    assert (out / "kg.ttl").read_bytes() == ttl
    assert (out / "graph.html").resolve() != html and (out / "graph.html").stat().st_ino == ino
    target = corpus / "keqiao_textiles.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("柯桥", "上虞", 1), encoding="utf-8")
    inc = build(corpus, out)
    assert (inc.analysed, inc.cached) == (1, 8)
    full = build(corpus, tmp_path / "full", cache=False)
    assert (out / "kg.ttl").read_bytes() == (tmp_path / "full" / "kg.ttl").read_bytes()
    assert (out / "graph.html").read_bytes() == (tmp_path / "full" / "graph.html").read_bytes()
    assert full.n_relations == inc.n_relations and full.n_facts == inc.n_facts
    # the changed article's old record and graph header are pruned with its old analysis and graph
    assert len(list(cache.glob("*/*.res"))) == len(list(cache.glob("*/*.pkl"))) == 9
    graphs = cache / "graphs"
    assert len(list(graphs.glob("*/*.hdr"))) == len(list(graphs.glob("*/*.pkl"))) == 9
    import pickle

    index = pickle.loads((graphs / "headers.idx").read_bytes())  # the headers of this build, in one file
    assert len(index) == 9 and sorted(h[1] for h in index.values()) == sorted(
        d for g, d in inc.graphs.items() if "/article/" in g)


def test_a_full_store_from_cached_parts_reads_each_part_once(tmp_path, monkeypatch, mixed_corpus):
    """With the cache but no previous store to update (its build folder gone), the store is written in full
    from the cached parts: each part's triples are read once, and the store equals a build without the cache."""
    import kg.reduce as r

    corpus, out = mixed_corpus(tmp_path), tmp_path / "out"
    build(corpus, out, html=False)
    shutil.rmtree(out / ".builds")
    reads = []
    real = r.CachedPart.triples.fget
    monkeypatch.setattr(r.CachedPart, "triples", property(lambda self: reads.append(self.graph) or real(self)))
    again = build(corpus, out, html=False, statements=False)  # as `kg build` runs it
    assert again.graphs_cached == 9 and sorted(reads) == sorted(set(reads)) and len(reads) == 9
    build(corpus, tmp_path / "full", html=False, cache=False)
    assert (out / "kg.ttl").read_bytes() == (tmp_path / "full" / "kg.ttl").read_bytes()
