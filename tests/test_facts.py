"""Sentence → facts for each construction: enumerations, changes, targets, forecasts, growth, periods,
qualifiers, thresholds and subjects (invented sentences, one small article each, built with the real pipeline)."""
from __future__ import annotations

import pytest

ARTICLES = {
    "enum_pre.txt": "杭州市余杭区拥有省级技术中心31家、市级技术中心58家。",
    "enum_post.txt": "杭州市余杭区去年建成12家社区书屋、6家养老驿站和30个健身点。",
    "change.txt": "杭州市余杭区企业开办平均时间从15天缩短至6天，规上工业亩均税收从2019年的12万元提高到25万元。",
    "target.txt": "明年，杭州市余杭区力争固定资产投资增长8%，确保新开工项目40个。",
    "project.txt": "杭州市余杭区的临江智能装备项目总投资45亿元，占地面积320亩，建成后预计年产值可达30亿元。",
    "growth.txt": "上半年，杭州市余杭区实现地区生产总值812.5亿元，同比增长6.1%；1—9月，规上工业增加值增长7.2%。",
    "qual.txt": "杭州市余杭区引进高层次人才超过300名，盘活低效用地约2000亩，签约5亿元以上项目8个，实施改造项目150余个。",
    "village.txt": "青山村位于杭州市余杭区。村内建成民宿20家，床位近百张。",
    "values.txt": "杭州市余杭区生产总值先后突破500亿元、600亿元。",
    "items.txt": "杭州市余杭区建成东湖产业园、西溪科技园两大省级园区，引进临平新材料项目等6个重大项目。",
    "hant.txt": "杭州市餘杭區實現地區生產總值812.5億元。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    return facts_of(ARTICLES, "余杭区", by_sentence=False)[0]


def row(f):
    return (f.subject, f.measure, f.value, f.unit)


@pytest.mark.parametrize("doc,expected", [
    ("enum_pre.txt", [("余杭区", "省级技术中心数", 31, "家"), ("余杭区", "市级技术中心数", 58, "家")]),
    ("enum_post.txt", [("余杭区", "社区书屋数", 12, "家"), ("余杭区", "养老驿站数", 6, "家"),
                       ("余杭区", "健身点数", 30, "个")]),
    ("project.txt", [("临江智能装备项目", "总投资", 4.5e9, "元"), ("临江智能装备项目", "占地面积", 320, "亩"),
                     ("临江智能装备项目", "年产值", 3e9, "元")]),
    ("village.txt", [("青山村", "建成民宿数", 20, "家"), ("青山村", "床位数", 100, "张")]),
    ("values.txt", [("余杭区", "生产总值", 5e10, "元"), ("余杭区", "生产总值", 6e10, "元")]),
    ("items.txt", [("余杭区", "省级园区数", 2, "个"), ("余杭区", "重大项目数", 6, "个")]),  # the items are counted
])
def test_measures_values_subjects(facts, doc, expected):
    assert [row(f) for f in facts[doc]] == [(s, m, pytest.approx(v), u) for s, m, v, u in expected]


@pytest.mark.parametrize("doc,measure,field,expected", [
    ("target.txt", "固定资产投资", "status", "target"),
    ("target.txt", "新开工项目数", "status", "target"),
    ("project.txt", "年产值", "status", "forecast"),
    ("project.txt", "总投资", "status", "achieved"),
    ("growth.txt", "规上工业增加值", "period", "1—9月"),
    ("qual.txt", "引进高层次人才数", "qualifier", "over"),
    ("qual.txt", "盘活低效用地", "qualifier", "about"),
    ("qual.txt", "实施改造项目数", "qualifier", "moreThan"),
    ("qual.txt", "项目数", "scope", "5亿元以上"),
    ("qual.txt", "项目数", "qualifier", ""),  # 签约 is not 约 (about)
    ("enum_post.txt", "社区书屋数", "year", 2023),  # 去年 against the article's year
    ("project.txt", "总投资", "concept", "totalInvestment"),
    ("project.txt", "占地面积", "concept", "landArea"),
    ("enum_pre.txt", "省级技术中心数", "concept", "platformCount"),
])
def test_fact_fields(facts, doc, measure, field, expected):
    hits = [f for f in facts[doc] if f.measure == measure]
    assert hits, [f.measure for f in facts[doc]]
    assert getattr(hits[0], field) == expected


def test_growth_rate_belongs_to_its_measure(facts):
    gdp = [f for f in facts["growth.txt"] if f.concept == "gdp"]
    assert [(f.aspect, f.unit, f.period) for f in gdp] == [("level", "元", "上半年"), ("growthRate", "%", "上半年")]
    assert {f.measure for f in gdp} == {"地区生产总值"}  # not a measure called 同比增长
    target = [f for f in facts["target.txt"] if f.aspect == "growthRate"]
    assert [(f.measure, f.value, f.direction) for f in target] == [("固定资产投资", 8, "up")]


def test_change_gives_before_and_after(facts):
    fs = facts["change.txt"]
    days = [f for f in fs if f.unit == "天"]
    assert [(f.role, f.value, f.direction) for f in days] == [("before", 15, "down"), ("after", 6, "down")]
    assert days[1].previous is days[0] and days[0].measure == days[1].measure == "企业开办平均时间"
    tax = [f for f in fs if f.unit == "元"]
    assert [(f.role, f.value, f.year) for f in tax] == [("before", 120000, 2019), ("after", 250000, 2024)]


def test_change_is_linked_in_rdf(facts):
    from rdflib import Graph

    from kg.rdf import add_fact, fact_iri, new_graph
    from kg.vocab import KGO

    g: Graph = new_graph()
    after = [f for f in facts["change.txt"] if f.role == "after"][0]
    add_fact(g, after)
    assert g.value(fact_iri(after), KGO.changedFrom) == fact_iri(after.previous)
    assert str(g.value(fact_iri(after), KGO.changeRole)) == "after"


def test_explain_groups_facts_by_measure_concept(graph):
    from kg.analytics import explain, facts_by_measure, find_entity

    groups = facts_by_measure(graph, find_entity(graph, "北仑区"))
    labels = [grp.label for grp in groups]
    assert "地区生产总值 / Gross domestic product" in labels
    assert len(labels) == len(set(labels))  # one group per concept
    gdp = groups[labels.index("地区生产总值 / Gross domestic product")]
    assert {r.aspect for r in gdp.facts} == {"level", "growthRate"}
    years = [int(r.year) for r in gdp.facts if r.year]
    assert years == sorted(years, reverse=True)
    concept_groups = [grp for grp in groups if grp.concept]
    assert groups[:len(concept_groups)] == concept_groups  # scheme groups first, then measures outside it
    lines = explain(graph, "北仑区")
    i = lines.index("  [地区生产总值 / Gross domestic product]")
    assert lines[i + 1].lstrip().startswith(gdp.facts[0].measure) and lines[i + 2].lstrip().startswith("「")


def test_traditional_article_keeps_its_script(facts):
    [f] = facts["hant.txt"]
    assert (f.measure, f.measure_lang, f.concept) == ("地區生產總值", "zh-Hant", "gdp")  # grouped with 地区生产总值
    assert f.measure_hans == "地区生产总值"  # and found in either script


def test_traditional_measure_in_both_scripts(tmp_path):
    """A traditional article's measure is stored as written (@zh-Hant) and in simplified (@zh-Hans): a search in either
    script finds it, the shapes still hold (one measure per script), and the explorer and `kg explain` show the
    article's own spelling once."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF

    from kg.analytics import facts_by_measure
    from kg.build import build
    from kg.validate import validate_graph
    from kg.vocab import KGO

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "hant.txt").write_text("杭州市餘杭區實現地區生產總值812.5億元。\n杭州市西湖區新建學校12所。\n", encoding="utf-8")
    build(tmp_path / "c", tmp_path / "out", html=False)
    g = Graph().parse(tmp_path / "out" / "kg.ttl")
    gdp = [f for f in g.subjects(RDF.type, KGO.Fact) if (f, KGO.value, None) in g
           and float(g.value(f, KGO.value)) == 81250000000]
    assert len(gdp) == 1
    assert {(str(m), m.language.lower()) for m in g.objects(gdp[0], KGO.measure)} == \
        {("地區生產總值", "zh-hant"), ("地区生产总值", "zh-hans")}
    found = g.query('PREFIX kgo: <https://kg.example.org/ontology#> SELECT ?f WHERE { ?f kgo:measure ?m '
                    'FILTER(CONTAINS(?m, "生产总值")) }')
    assert {r[0] for r in found} == set(gdp)
    rep = validate_graph(g)
    assert rep.conforms, "\n".join(rep.lines())
    about = g.value(gdp[0], KGO.about)
    [grp] = [grp for grp in facts_by_measure(g, about) if grp.concept]
    assert [r.measure for r in grp.facts] == ["地區生產總值"]
    assert Literal("地區生產總值", lang="zh-Hant") in set(g.objects(gdp[0], KGO.measure))


@pytest.fixture(scope="module")
def more_facts(facts_of):
    """A second small corpus: respective lists, ranks, baselines (比去年 is no year)."""
    texts = {
        "resp.txt": "杭州市余杭区规上工业中，新能源产业、装备制造业分别增长12.5%、8.4%。",
        "rank.txt": "杭州市余杭区位列全国百强区第12位，较上年前进3位。",
        "base.txt": "今年，杭州市余杭区实现营业收入520亿元，比去年增长9.5%。",
        "intro.txt": "作为杭州市的重要平台，杭州钱塘新材料产业园（以下简称“新材料园”）发展迅速。全年实现工业总产值320亿元。",
        "breakdown.txt": "杭州市临安区、桐庐县招商成效明显。\n杭州市新签约项目76个。从新签约项目来看，临安14个，桐庐县9个。",
        "verbs.txt": "杭州市余杭区正加快打造3个未来社区，签约了16个招商项目，城镇失业人员再就业1.19万人。",
        "slogans.txt": "杭州市余杭区努力建设“两个先行”，推进三个“一号工程”，这是提升城市品质的一个缩影，"
                       "就业牵动着千家万户。甲镇、乙镇、丙镇3个物流基地已经投用，企业成功摘得25亩工业用地。",
        "ranges.txt": "杭州市余杭区开工项目中，10亿元以上项目3个、5亿元-10亿元项目7个，总投资过80亿元。",
        "speech.txt": "“今年，我们加快推动转型，建成12个数字化车间，”杭州市余杭区负责人说。",
        "plan.txt": "杭州市余杭区今年计划投资133.8亿元，1—10月完成投资146.1亿元，年度计划投资完成率109%。",
        "group.txt": "杭州市余杭区的临江智能装备项目进展顺利。杭州市余杭区今年有36个重点项目开工，项目总投资150亿元。",
    }
    return facts_of(texts, "余杭区", by_sentence=False)[0]


@pytest.mark.parametrize("doc,expected", [
    ("resp.txt", [("新能源产业", 12.5, "growthRate", ""), ("装备制造业", 8.4, "growthRate", "")]),
    ("rank.txt", [("全国百强区排名", 12, "rank", "rank"), ("全国百强区排名", 3, "change", "rank")]),
    ("base.txt", [("营业收入", 5.2e10, "level", "revenue"), ("营业收入", 9.5, "growthRate", "revenue")]),
])
def test_respective_rank_and_growth_concepts(more_facts, doc, expected):
    assert [(f.measure, f.value, f.aspect, f.concept) for f in more_facts[doc]] == \
        [(m, pytest.approx(v), a, c) for m, v, a, c in expected]


def test_项目_after_a_count_is_the_group_not_a_named_project(more_facts):
    total = [f for f in more_facts["group.txt"] if f.concept == "totalInvestment"]
    assert [(f.subject, f.value) for f in total] == [("余杭区", pytest.approx(1.5e10))]


def test_the_name_an_article_introduces_is_its_topic(more_facts):
    assert [(f.subject, f.measure) for f in more_facts["intro.txt"]] == [("杭州钱塘新材料产业园", "工业总产值")]


def test_breakdown_by_place_names_each_place(more_facts):
    rows = [(f.subject, f.measure, f.value) for f in more_facts["breakdown.txt"]]
    assert rows[0] == ("杭州市", "新签约项目数", 76)
    assert [r[1:] for r in rows[1:]] == [("新签约项目数", 14), ("新签约项目数", 9)]
    assert rows[1][0].startswith("临安") and rows[2][0] == "桐庐县"  # 临安 alone is the place named before


def test_a_verb_is_never_the_measure(more_facts):
    assert [(f.measure, f.value) for f in more_facts["verbs.txt"]] == \
        [("未来社区数", 3), ("招商项目数", 16), ("城镇失业人员再就业数", pytest.approx(11900))]


def test_numerals_of_rhetoric_are_no_figures(more_facts):
    assert [(f.measure, f.value) for f in more_facts["slogans.txt"]] == [("物流基地数", 3), ("工业用地", 25)]


def test_ranges_are_scopes_and_过_is_over(more_facts):
    assert [(f.measure, f.value, f.scope, f.qualifier) for f in more_facts["ranges.txt"]] == [
        ("项目数", 3, "10亿元以上", ""), ("项目数", 7, "5亿元-10亿元", ""), ("总投资", pytest.approx(8e9), "", "over")]


def test_a_figure_in_quoted_speech_is_a_figure(more_facts):
    assert [(f.measure, f.value) for f in more_facts["speech.txt"]] == [("数字化车间数", 12)]


def test_a_completed_figure_after_a_plan_is_achieved(more_facts):
    assert [(f.value, f.status) for f in more_facts["plan.txt"]] == \
        [(pytest.approx(1.338e10), "target"), (pytest.approx(1.461e10), "achieved"), (109, "achieved")]


def test_compared_with_last_year_is_not_last_year(more_facts):
    assert {f.year for f in more_facts["base.txt"]} == {2024}


@pytest.mark.parametrize("x,literal", [(4501.6 * 1e8, "450160000000"), (1.078, "1.078"), (1.8e12, "1800000000000"),
                                       (0.0, "0"), (16.56, "16.56")])
def test_decimal_literals_have_no_float_noise(x, literal):
    from kg.rdf import _dec

    assert _dec(x) == literal
