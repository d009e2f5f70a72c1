"""Issue 12, the cheap reduce: N-Triples lines written directly (the same triples as through rdflib terms,
every literal escaped right), a build that keeps only the numbers of its relations and facts, and a
parallel read that names the same files in the same order as a serial one."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, read_corpus
from kg.model import Article, Evidence, Fact, Relation
from kg.rdf import NTriples, new_graph, add_fact, add_relation

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text", ['一个"引号"的句子', "反斜杠\\和\\n字面", "换行\n回车\r制表\t", "控制\x01\x1f字符",
                                  "日本語と English", ""])
def test_literals_round_trip_through_the_parser(text):
    """Whatever a sentence holds, its N-Triples line parses back to the same text (and to the same term rdflib
    would have made)."""
    ev = Evidence("a/b c.txt", 3, text, 10, 10 + len(text))
    nt = NTriples()
    nt.sentence(ev)
    got = {str(t.object.value) for t in ox.parse(nt.data(), format=ox.RdfFormat.N_TRIPLES)
           if t.predicate.value.endswith("#text")}
    assert got == {text}


def _fact(**kw) -> Fact:
    ev = Evidence("x.txt", 1, "园区产值达12.5亿元。", 0, 11)
    base = dict(subject="某园区", measure="產值", value=1.25e9, unit="元", written="12.5亿元", number=12.5,
                unit_written="亿元", evidence=ev, year=2023, concept="", measure_lang="zh-Hant", offset=4)
    base.update(kw)
    return Fact(**base)


@pytest.mark.parametrize("fact, line", [
    (_fact(), '"產值"@zh-hant'),  # language tags in lower case, as Oxigraph writes them
    (_fact(), '"1250000000"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    (_fact(), '"2023"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    (_fact(qualifier="over"), '<https://kg.example.org/ontology#qualifier> "over"'),
    (_fact(value=0.000001), '"0.000001"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
])
def test_fact_lines(fact, line):
    nt = NTriples()
    nt.fact(fact)
    assert any(line in x for x in nt.lines)


def test_rdflib_view_of_the_lines_is_the_same_graph():
    """add_fact / add_relation (rdflib Graphs, for callers that want one) hold exactly the triples of the lines."""
    r = Relation("某园区", "hosts", "某项目", Evidence("x.txt", 0, "某园区承载某项目。", 0, 9), "rule")
    nt = NTriples()
    nt.fact(_fact())
    nt.relation(r)
    g = new_graph()
    add_fact(g, _fact())
    add_relation(g, r)
    want = {str(t) for t in ox.parse(nt.data(), format=ox.RdfFormat.N_TRIPLES)}
    mine = ox.Store()
    mine.bulk_load(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    assert {str(ox.Triple(q.subject, q.predicate, q.object)) for q in mine} == want


def test_a_build_without_statements_counts_them(corpus_copy, tmp_path):
    """`kg build` keeps the numbers of relations and facts, not the lists; both builds write the same graph."""
    kept = build(corpus_copy, tmp_path / "a", html=False, cache=False)
    counted = build(corpus_copy, tmp_path / "b", html=False, cache=False, jobs=2, statements=False)
    assert counted.relations == [] and counted.facts == []
    assert (counted.n_relations, counted.n_facts) == (len(kept.relations), len(kept.facts)) != (0, 0)
    assert (tmp_path / "a" / "kg.ttl").read_bytes() == (tmp_path / "b" / "kg.ttl").read_bytes()
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert (report["relations"], report["facts"]) == (len(kept.relations), len(kept.facts))
    assert f"relations: {len(kept.relations)}" in counted.summary()


def test_parallel_read_names_the_same_files_in_the_same_order(tmp_path):
    """Read in two processes or one: the same articles, the same errors, in the same order."""
    c = tmp_path / "c"
    c.mkdir()
    for i, p in enumerate(sorted((ROOT / "corpus").glob("*.txt")) * 7):
        shutil.copy(p, c / f"{i:03d}_{p.name}")
    (c / "010_big.txt").write_text("园区" * 20000, encoding="utf-8")
    (c / "020_empty.txt").write_bytes(b"\x00\x01\x02")
    (c / "030_page.html").write_text("<html><body><p>hello</p></body></html>", encoding="utf-8")
    (c / "metadata.json").write_text(json.dumps({"000_x.txt": {"year": "bad"}, "001_y.txt": 3}), encoding="utf-8")
    one = read_corpus(c, max_bytes=100_000, jobs=1)
    two = read_corpus(c, max_bytes=100_000, jobs=2)
    assert [a.doc_id for a in one[0]] == [a.doc_id for a in two[0]] and len(one[0]) == 7 * len(list((ROOT / "corpus").glob("*.txt")))
    assert [a.text for a in one[0]] == [a.text for a in two[0]]
    assert one[1] == two[1] and len(one[1]) >= 3
    assert any("010_big.txt" in e and "[E060]" in e for e in two[1])


def test_read_many_keeps_every_article_once(tmp_path):
    from kg.build import READ_PART, read_many

    files = []
    for i in range(3 * READ_PART + 1):
        p = tmp_path / f"{i:03d}.txt"
        p.write_text(f"第{i}篇：宁波市北仑区新建产业园。", encoding="utf-8")
        files.append((p, None, p.name))
    got = read_many(files, 10_000, jobs=2)
    assert [a.doc_id for a in got] == [p.name for p, _, _ in files]
    assert isinstance(got[0], Article)


@pytest.mark.parametrize("size", [1, 300, 10_000])
def test_a_part_loaded_in_pieces_is_the_same_store(tmp_path, size, monkeypatch):
    """A large part (the entities graph of a big corpus) goes to the bulk loader in bounded pieces, cut at line
    ends: the store holds the same quads, and the digest is the whole part's."""
    import kg.store_write as sw
    from kg.reduce import part_of

    lines = sorted({f'<https://kg.example.org/id/entity/e{i}> <http://www.w3.org/2000/01/rdf-schema#label> '
                    f'"名称{i} \\"引\\""@zh .' for i in range(200)})
    part = part_of("https://kg.example.org/id/graph/entities", ("\n".join(lines) + "\n").encode())
    assert b"".join(p.triples for p in sw._pieces(part, size)) == part.triples
    whole = sw.write_full(tmp_path / "a", [part])
    monkeypatch.setattr(sw, "PIECE_BYTES", size)
    cut = sw.write_full(tmp_path / "b", [part])
    assert {str(q) for q in whole.store} == {str(q) for q in cut.store} and len(whole.store) == 400
    assert cut.graphs == whole.graphs == {part.graph: part.digest}


def test_entities_graph_bytes_do_not_depend_on_resolution_order():
    """Resolution order moves when an article's content changes; the entities graph's digest must not, or a
    rebuild rewrites the whole graph (at 10,000 articles: 2 minutes instead of seconds)."""
    from kg.model import Entity
    from kg.reduce import PART, ReduceInput, entity_chunks, entity_triples

    ents = {f"园区{i:04d}": Entity(f"园区{i:04d}", f"园区{i:04d}", "Park") for i in range(PART * 100 + 50)}
    backwards = dict(reversed(list(ents.items())))
    def data(e):
        st = ReduceInput([], [], e, None)
        return b"".join(entity_triples(st, c) for c in entity_chunks(list(e)))
    assert data(ents) == data(backwards)
    assert len(entity_chunks(list(ents))) == 2


@pytest.mark.parametrize("background", [False, True])
def test_the_loader_thread_loads_the_same_store_and_raises_a_bad_batch(tmp_path, background, monkeypatch):
    """Bulk loads in a thread of their own (a build of several processes) give the store a synchronous load
    gives, batches bounded; a batch the loader refuses is raised in the build's thread, and nothing hangs."""
    import kg.store_write as sw
    from kg.reduce import part_of

    monkeypatch.setattr(sw, "STORE_BATCH", 50)  # many batches, so the queue fills
    parts = [part_of(f"https://kg.example.org/id/article/a{k}/graph",
                     "".join(f'<https://kg.example.org/id/e{k}-{i}> <http://www.w3.org/2000/01/rdf-schema#label> '
                             f'"名{k}-{i}"@zh .\n' for i in range(40)).encode()) for k in range(12)]
    done = sw.write_full(tmp_path / "ok", parts, background=background)
    assert len(done.store) == 2 * 12 * 40 and list(done.graphs) == [p.graph for p in parts]
    bad = part_of("https://kg.example.org/id/article/bad/graph", b"<not an iri> <x> <y> .\n")
    with pytest.raises(SyntaxError):
        sw.write_full(tmp_path / "bad", [*parts[:3], bad, *parts[3:]], background=background)


@pytest.mark.parametrize("level", ["county", "city"])
@pytest.mark.parametrize("text", ["", "北仑区和鄞州区", "宁波市北仑区、宁波北仑、北仑", "江北区江北新区在江北", "西湖区西湖", "无地名的一句话。"])
def test_district_names_found_as_the_alternation_regex_finds_them(level, text):
    """The district guess's name finder (a first-character index) finds exactly what one regex alternation of
    every name, longest first, finds: the same names in the same order, on written sentences and the corpus."""
    import re

    from kg.read import _division_pattern

    finder, name_of = _division_pattern(level)
    regex = re.compile("|".join(map(re.escape, sorted(name_of, key=len, reverse=True))))
    found = 0
    for t in [text] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))][:2 if text else 0]:
        got = [m.group() for m in finder.finditer(t)]
        assert got == [m.group() for m in regex.finditer(t)]
        found += len(got)
    assert found or not text or text.startswith("无")


@pytest.mark.parametrize("n,jobs,sizes", [
    (40, 1, [8] * 5),  # one process: chunks of 8 throughout
    (40, 2, [8] * 3 + [2] * 8),  # the last jobs × 8 articles in chunks of 2: no process waits long at the end
    (41, 2, [8] * 3 + [2] * 8 + [1]),
    (5, 2, [3, 2]),  # fewer than jobs × 8: split evenly
    (0, 2, []),
])
def test_the_map_ends_on_small_chunks(n, jobs, sizes):
    from kg.workers import chunks

    got = chunks(list(range(n)), jobs)
    assert [len(c) for c in got] == sizes
    assert [x for c in got for x in c] == list(range(n))  # every article once, in order
