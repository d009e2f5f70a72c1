"""The explorer's data over a real build: search (names, aliases, traditional characters, pinyin full and
initials), entity panel (place chain, relations with evidence and offsets, facts grouped by measure concept
when the build has one), article text, stable layout, neighbourhoods and paths."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, Namespace

from kg.errors import ExplorerParamError
from kg.explorer import Explorer, examples
from kg.explorer_entity import article_view, entity_panel, mark
from kg.explorer_layout import layout
from kg.rdf import OA, entity_iri
from kg.vocab import KGO, KGR

KGO_ANY = Namespace("https://kg.example.org/ontology#")  # terms another issue adds to the ontology


@pytest.fixture(scope="module")
def ex(built):
    return Explorer(built[1], corpus=built[1] / "no-corpus-here")


@pytest.mark.parametrize("query, first", [
    ("北仑区", "北仑区"),  # the name
    ("北仑", "北仑区"),  # an alias (short form)
    ("北侖區", "北仑区"),  # traditional characters
    ("beilun", "北仑区"),  # pinyin
    ("BeiLun Qu", "北仑区"),  # pinyin with capitals and spaces
    ("bl", "北仑区"),  # initials
    ("xingang", "芯港小镇"),
    ("xgxz", "芯港小镇"),
    ("芯港", "芯港小镇"),  # a prefix
])
def test_search_ranks_expected_entity_first(ex, query, first):
    hits = ex.search.search(query, limit=5)
    assert hits and hits[0].label == first
    assert hits[0].type in {t["name"] for t in ex.meta()["types"]}


@pytest.mark.parametrize("name, query, found", [
    ("郫都区", "pidu", True),  # 都 read du in place names, dou elsewhere: both readings are keys
    ("郫都区", "pidou", True),
    ("成都市", "chengdou", True),
    ("郫都区", "ou", False),  # another reading is matched from the start only, never inside
])
def test_pinyin_keys_cover_a_characters_readings(name, query, found):
    from kg.explorer_search import pinyin_variants

    fulls = [f for f, _ in pinyin_variants(name)]
    assert any(f.startswith(query) for f in fulls) is found


@pytest.mark.parametrize("query", ["", "   ", "zzzzqqq", "不存在的名字"])
def test_search_without_match_is_empty(ex, query):
    assert ex.search.search(query) == []


def test_search_type_filter(ex):
    assert all(h.type == "Park" for h in ex.search.search("bl", types={"Park"}))


def test_relation_groups_read_one_way_in_both_languages(ex):
    d = entity_panel(ex.index, "北仑区")
    heads = {g["kind"]: (g["rows"][0]["label"], g["rows"][0]["label_en"]) for g in d["relations"]}
    assert heads["^locatedIn"] == ("承载", "contains")  # what lies in the district, from its side
    assert heads.get("hosts", ("承载", "hosts")) == ("承载", "hosts")


def test_entity_panel_has_chain_relations_evidence_offsets(ex):
    d = entity_panel(ex.index, "芯港小镇")
    assert d["type"] == "Park"
    assert [c["label"] for c in d["chain"]][:1] == ["北仑区"]
    kinds = {g["kind"] for g in d["relations"]}
    assert "^leads" in kinds  # 中芯宁波 leads it: shown from the park's side
    row = next(r for g in d["relations"] for r in g["rows"] if r["other"]["label"] == "中芯宁波")
    ev = row["evidence"][0]
    assert ev["file"].endswith(".txt") and ev["title"] and 0 <= ev["start"] < ev["end"]
    assert ev["end"] - ev["start"] == len(ev["text"])  # offsets span the sentence in the article
    assert sorted(m[2] for m in ev["marks"]) == ["object", "subject"]
    for s, e, _ in ev["marks"]:
        assert ev["text"][s:e] in ("芯港小镇", "中芯宁波")


def test_place_chain_goes_up_to_province(ex):
    assert [c["label"] for c in entity_panel(ex.index, "北仑区")["chain"]] == ["宁波市", "浙江省"]


def test_facts_grouped_by_measure_without_concepts(ex):
    d = entity_panel(ex.index, "北仑区")
    assert d["facts"] and all(g["rows"] for g in d["facts"])
    row = d["facts"][0]["rows"][0]
    assert row["written"] and row["value"] and row["evidence"]["text"]


@pytest.mark.parametrize("text, groups, expected", [
    ("甲公司投资乙项目", [("subject", ["甲公司"]), ("object", ["乙项目"])], [[0, 3, "subject"], [5, 8, "object"]]),
    ("乙项目由甲公司建设", [("subject", ["甲公司", "甲"]), ("object", ["乙项目"])], [[0, 3, "object"], [4, 7, "subject"]]),
    ("北仑区北仑", [("subject", ["北仑区", "北仑"]), ("object", ["北仑"])], [[0, 3, "subject"], [3, 5, "object"]]),
    ("无关的句子", [("subject", ["甲公司"])], []),
])
def test_mark_mentions(text, groups, expected):
    assert mark(text, groups) == expected


def test_article_from_corpus_and_from_stored_sentences(ex, built):
    ev = entity_panel(ex.index, "芯港小镇")["relations"][0]["rows"][0]["evidence"][0]
    stored = article_view(ex.index, ev["file"], [])
    assert stored["source"] == "sentences"
    assert any(s["start"] == ev["start"] and s["text"] == ev["text"] for s in stored["segments"])


def test_article_whole_text_has_sentence_at_offsets(ex):
    ev = entity_panel(ex.index, "芯港小镇")["relations"][0]["rows"][0]["evidence"][0]
    full = article_view(ex.index, ev["file"], [Path(__file__).resolve().parent.parent / "corpus"])
    assert full["source"] == "file"
    text = full["segments"][0]["text"]
    assert len(text) > ev["end"] and text[ev["start"]:ev["end"]].replace("\n", "") != ""


def test_overview_is_connected_and_layout_stable(ex):
    a = ex.graph.overview()
    b = ex.graph.overview()
    assert a == b and 10 < len(a["nodes"]) <= 60
    linked = {n for e in a["edges"] for n in (e["from"], e["to"])}
    assert {n["id"] for n in a["nodes"]} == linked  # no unconnected ring
    no_place = ex.graph.overview(types={"Company", "Park", "Project"})
    assert no_place["nodes"] and all(n["type"] in {"Company", "Park", "Project"} for n in no_place["nodes"])


def test_layout_order_independent_and_isolates_in_grid():
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(19)]
    p1, p2 = layout(nodes, edges), layout(list(reversed(nodes)), list(reversed(edges)))
    assert p1 == p2
    ys_isolated = {p1[f"n{i}"][1] for i in range(20, 40)}
    assert min(ys_isolated) > max(p1[f"n{i}"][1] for i in range(20))  # below the connected part


def test_neighbourhood_and_path(ex):
    nb = ex.graph.neighbourhood("芯港小镇")
    ids = {n["id"] for n in nb["nodes"]}
    assert {"芯港小镇", "中芯宁波", "北仑区"} <= ids
    assert next(n for n in nb["nodes"] if n["id"] == "芯港小镇")["focus"]
    direct = {n["id"] for n in ex.graph.neighbourhood("芯港小镇", second_ring=False)["nodes"]}
    assert {"芯港小镇", "中芯宁波", "北仑区"} <= direct <= ids  # the park, who leads it, where it is
    p = ex.graph.paths("中芯宁波", "宁波市")
    assert p["paths"] and p["paths"][0][0]["id"] == "中芯宁波" and p["paths"][0][-1]["id"] == "宁波市"
    assert len(p["edges"]) >= len(p["paths"][0]) - 1


def test_examples_have_title_description_query():
    ex_list = examples()
    assert len(ex_list) >= 5
    assert all(e["title"] and e["description"] and "SELECT" in e["query"] for e in ex_list)


def concept_graph(tmp_path):
    """A build with kgo:measureConcept (labels @zh/@en) and kgo:status on facts, and one fact without them."""
    from rdflib.namespace import XSD  # imported here: pytest's collection trips over XSD's strict namespace

    g = Graph()
    d = entity_iri("某区")
    g.add((d, RDF.type, KGO.Place))
    g.add((d, RDFS.label, Literal("某区", lang="zh")))
    concept = KGR["measure/gdp"]
    g.add((concept, SKOS.prefLabel, Literal("地区生产总值", lang="zh")))
    g.add((concept, SKOS.prefLabel, Literal("GDP", lang="en")))
    for k, (measure, written, status, c) in enumerate([("GDP", "100亿元", "achieved", concept),
                                                       ("生产总值", "120亿元", "target", concept),
                                                       ("人口", "5万人", None, None)]):
        f = KGR[f"fact/{k}"]
        g.add((f, RDF.type, KGO.Fact))
        g.add((f, KGO.about, d))
        g.add((f, KGO.measure, Literal(measure, lang="zh")))
        g.add((f, KGO.amountAsWritten, Literal(written)))
        g.add((f, KGO.value, Literal("1", datatype=XSD.decimal)))
        if c is not None:
            g.add((f, KGO_ANY.measureConcept, c))
            g.add((f, KGO_ANY.status, Literal(status)))
        s = KGR[f"article/a.txt/s{k}"]
        g.add((f, PROV.wasDerivedFrom, s))
        g.add((s, KGO.text, Literal(f"某区{measure}{written}。")))
    (tmp_path / "kg.ttl").write_text(g.serialize(format="turtle"), encoding="utf-8")
    return tmp_path


def test_facts_grouped_by_measure_concept_with_status(tmp_path):
    ex = Explorer(concept_graph(tmp_path))
    facts = entity_panel(ex.index, "某区")["facts"]
    groups = {g["measure"]: g for g in facts}
    assert set(groups) == {"地区生产总值", "人口"}
    gdp = groups["地区生产总值"]
    assert gdp["concept_en"] == "GDP" and len(gdp["rows"]) == 2
    assert sorted(r["status"] for r in gdp["rows"]) == ["achieved", "target"]
    assert groups["人口"]["rows"][0]["status"] == ""


def test_unknown_type_is_a_coded_error(ex):
    from starlette.requests import Request

    from kg.explorer import _set

    req = Request({"type": "http", "query_string": b"types=Company,Nope", "headers": []})
    with pytest.raises(ExplorerParamError, match="E041.*Nope"):
        _set(req, "types", ["Company"])
