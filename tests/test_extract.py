"""Extraction on sentences with invented names (none of them appear in the code or its resources)."""
from pathlib import Path

import pytest

from kg.extract import analyse, clean_name
from kg.model import Article
from kg.tag import get_tagger


def mentions(text):
    a = Article(doc_id="t.txt", path="t.txt", text=text, original=text, encoding="utf-8", district="")
    return {(clean_name(m.text), m.type) for s in analyse(a, get_tagger()) for m in s.mentions}


@pytest.mark.parametrize("text,expected", [
    ("杭州云帆光电科技有限公司是一家高科技企业。", ("杭州云帆光电科技有限公司", "Company")),
    ("绍兴市越城区建成了清华大学绍兴智能装备研究院。", ("清华大学绍兴智能装备研究院", "Institute")),
    ("青岚小镇集聚了一批企业。", ("青岚小镇", "Park")),
    ("今年，柯桥区启动“织梦计划”专项行动。", ("织梦计划专项行动", "Policy")),
])
def test_finds(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize("text,generic", [
    ("全区重点项目加快推进。", "重点项目"),
    ("集聚超百家科创企业。", "科创企业"),
])
def test_rejects_generic(text, generic):
    assert all(name != generic for name, _ in mentions(text))


def test_enumeration_split_with_shared_category():
    found = mentions("截至目前，金溪大道、云杉隧道等3个政府投资项目已开工。")
    assert ("金溪大道", "Project") in found and ("云杉隧道", "Project") in found


@pytest.mark.parametrize("texts", [
    ["张三在北京工作", "李四去上海出差", "王五", ""],
    ["宁波市北仑区引进了一批重大项目。", "同比增长5.3%，总量突破3000亿元。", "甲乙丙丁戊己庚辛壬癸子丑寅卯"],
])
def test_batched_tagger_gives_exactly_the_shipped_taggers_output(texts):
    from kg.tag import _run_lac, get_tagger

    lac = get_tagger()._lac
    if lac is None:
        pytest.skip("LAC not available")
    assert _run_lac(lac, texts) == [lac.run([t])[0] if t else [] for t in texts]


def test_two_processes_build_the_same_graph(tmp_path):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.build import build

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    graphs = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        out.mkdir()
        build(corpus, out, jobs=jobs, html=False)
        graphs.append(Graph().parse(out / "kg.ttl"))
    assert isomorphic(*graphs)
