"""Measure names are cut to clean noun phrases and linked to the SKOS measure scheme of ontology/measures.ttl."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from kg.measures import MEASURE_NS, SCHEME_FILE, clean_measure, concept_of, count_name, is_clean, scheme

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("phrase,expected", [
    ("一季度力争固定资产投资突破", "固定资产投资"),
    ("2022年全区完成工业总产值", "工业总产值"),
    ("其中，实现", ""),
    ("累计", ""),
    ("就业人数达", "就业人数"),  # 就业 is not the adverb 就
    ("达标率为", "达标率"),  # 达标 is not the verb 达
    ("共同富裕示范点共有", "共同富裕示范点"),
    ("建成后预计年产值可", "年产值"),
    ("“亩均论英雄”改革企业", "亩均论英雄改革企业"),
    ("的新开工项目数", "新开工项目数"),  # a connective left at the start
    ("在用地面积", "用地面积"),
    ("在建项目数", "在建项目数"),  # 在建 is a word, not the preposition
    ("以及协议总投资", "协议总投资"),
    ("由园区统一建设的标准厂房", "园区统一建设的标准厂房"),
    ("年度成绩单——营业收入", "营业收入"),  # what follows a dash
    ("年税收将", "年税收"),
    ("利润估计能", "利润"),
    ("年产能", "年产能"),
    ("项目占地", "项目占地面积"),  # 占地300亩: land area
    ("（其中建成区面积", "建成区面积"),  # an aside opened before the figure: its own measure
    ("重点项目（", "重点项目"),  # an aside opened right before the figure: the phrase before it
    ("）投资占比", "投资占比"),  # an aside closed before the phrase
    ("（按当年汇率折算为", ""),  # a conversion: the measure just named, once more
    ("本次签约项目", "签约项目"),  # the event's words, not the measure's
    ("该区正加快推进总投资", "总投资"),  # the subject and its verb, not the measure
    ("大力建设总投资", "总投资"),
    ("建设用地", "建设用地"),  # 建设 alone is no verb phrase to cut
    ("达产后年产量预计达", "年产量"),  # 预计 trailing
    ("一座总投资", "总投资"),
    ("依托国际会展中心", "国际会展中心"),
    ("率先实现工业总产值", "工业总产值"),
    ("人均生产总值约合", "人均生产总值"),
    ("三年来共招引落地重大项目", "招引落地重大项目"),
    ("了美丽乡村建设项目", "美丽乡村建设项目"),
    ("了解情况", "了解情况"),
    ("较上一年度", ""),
    ("开发区实现工业产值", "工业产值"),  # an unnamed subject and its verb
    ("某园拥有高新技术企业", "高新技术企业"),
    ("园区已完成总投资", "总投资"),
    ("信息服务业实现营收", "信息服务业实现营收"),  # a sector is part of the measure
    ("年度计划完成投资", "年度计划完成投资"),
])
def test_clean_measure(phrase, expected):
    assert clean_measure(phrase) == expected


@pytest.mark.parametrize("m,ok", [("地区生产总值", True), ("数量", False), ("等", False), ("项目15个、", False),
                                  ("一二三四五六七八九十一二三四五六七", False), ("x", False),
                                  ("全国数", False), ("全省前数", False), ("全国排名", True)])
def test_is_clean(m, ok):
    assert is_clean(m) is ok


@pytest.mark.parametrize("noun,unit,expected", [("社区书屋", "家", "社区书屋数"), ("就业人数", "人", "就业人数"),
                                                ("用地面积", "亩", "用地面积"), ("游客", "人次", "游客数"),
                                                ("业务规模", "笔", "业务笔数")])
def test_count_name(noun, unit, expected):
    assert count_name(noun, unit) == expected


@pytest.mark.parametrize("measure,unit,concept", [
    ("地区生产总值", "元", "gdp"),
    ("GDP", "%", "gdp"),
    ("储能电池年产能", "吉瓦时", "productionCapacity"),  # what a plant can make, apart from what it made
    ("高纯石英砂产能", "吨", "productionCapacity"),
    ("粮食总产量", "吨", "production"),
    ("年发电量", "千瓦时", "production"),
    ("单位GDP能耗", "%", "energyIntensity"),
    ("规上工业增加值", "%", "industrialValueAdded"),
    ("全社会固定资产投资", "元", "fixedAssetInvestment"),
    ("项目总投资", "元", "totalInvestment"),
    ("年产值", "元", "outputValue"),
    ("一般公共预算收入", "元", "fiscalRevenue"),
    ("亩均税收", "元", "tax"),
    ("营业收入", "元", "revenue"),
    ("占地面积", "亩", "landArea"),
    ("厂房建筑面积", "平方米", "floorArea"),
    ("高新技术企业数", "家", "enterpriseCount"),
    ("重点项目数", "个", "projectCount"),
    ("众创空间数", "家", "platformCount"),
    ("引进人才数", "名", "peopleCount"),
    ("登记失业率", "%", "unemploymentRate"),
    ("城乡居民收入倍差", "", "incomeRatio"),
    ("第三产业增加值", "元", "valueAdded"),
    ("社区书屋数", "家", "publicServiceCount"),
    ("粮食产量", "吨", "production"),
    ("保障性租赁住房数", "套", "housing"),
    ("平均办理时限", "天", "processingTime"),
    ("全国百强区排名", "位", "rank"),
    ("一般公共预算支出", "元", "expenditure"),
    ("住房保障支出", None, "expenditure"),  # a growth rate's concept: unit says nothing, 支出 wins over 住房
    ("剧组数", "个", None),  # outside the scheme: clean name, no concept
    ("地区生产总值", "家", None),  # a count is never GDP
])
def test_concept_of(measure, unit, concept):
    c = concept_of(measure, unit)
    assert (c.id if c else None) == concept


def test_scheme_is_well_formed():
    g = Graph().parse(SCHEME_FILE, format="turtle")
    sch = g.value(predicate=RDF.type, object=SKOS.ConceptScheme)
    assert str(sch) == MEASURE_NS + "scheme"
    concepts = list(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(scheme()) >= 20
    for c in concepts:
        assert (c, SKOS.inScheme, sch) in g
        assert {o.language for o in g.objects(c, SKOS.prefLabel) if isinstance(o, Literal)} == {"zh", "en"}
    assert len({c.order for c in scheme()}) == len(scheme())


def test_no_gold_measure_names_in_the_rules():
    """The rules and the scheme are general vocabulary: no long measure phrase of a gold file is copied into them."""
    src = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg").rglob("*") if p.suffix in (".py", ".tsv"))
    src += SCHEME_FILE.read_text(encoding="utf-8")
    golds = [p for d in (ROOT.parent / "shared" / "gold", ROOT / "tests" / "unseen" / "gold") if d.is_dir()
             for p in d.glob("*.json")]
    copied = {f["measure"] for p in golds for f in json.loads(p.read_text(encoding="utf-8")).get("facts", [])
              if len(f["measure"]) >= 7 and f["measure"] in src}
    assert not copied
