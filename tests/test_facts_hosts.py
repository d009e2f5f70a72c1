"""Who holds a figure on real pages: the park that hosts the occasion a 此次/本次 sentence reports, 该区/该市 referring
back, a dateline's city (never a holder), a place opening the first item of a list, a zone's short name in the
headline; and years: baselines (较2022年), 现已, the start of 某年以来 for a before value (invented sentences, one small
article each, built with the real pipeline)."""
from __future__ import annotations

import pytest

from kg.facts_context import year_of

ARTICLES = {
    # a dateline names where the report was filed: the occasion's park holds the figures
    "dateline.txt": "新华社杭州1月6日电（记者张三）在5日举行的滨江高新区2023年招商引资项目集中签约活动上，52个项目集中签约、"
                    "总投资318亿元。",
    # 此次 speaks of the occasion the sentence before named by its host park, not of the city
    "host.txt": "5月8日上午，杭州市第三批暨滨江高新区重大项目集中开工动员大会举行。此次集中开工项目共96个，总投资886亿元。",
    # 此次 after one project's own ceremony (no 集中, no count of projects) is still that project
    "oneproject.txt": "杭州市滨江区的临江智能装备产业园项目举行开工仪式。此次开工的项目总投资45亿元。",
    # ，项目用地… refers to the project named before it, not to a base the project builds after it
    "builds.txt": "临江智能装备产业园项目，总投资90亿元，落地滨江区，项目用地668亩，建设年产20万吨电子铜箔生产基地，三年内预计年产值280亿元。",
    # the capacity in the name of what a project builds is the project's
    "buildscap.txt": "临江智能装备产业园项目开工，将建设年产1200万套锂电池生产基地和10GWh储能电池生产基地。",
    # A、B等某类项目6个: the items listed before 等 and a category are what is counted, not the holder
    "category.txt": "杭州市滨江区举行签约仪式。引进临江电驱项目、东湖水利综合整治工程等智能制造产业项目6个，签约额超过20亿元。",
    "others.txt": "杭州市滨江区集中开工项目48个，其中交通项目9个，临江电驱项目等其他项目2个。",
    # 总建筑面积X，总投资Y的某项目: both figures are the project's
    "chain.txt": "杭州市滨江区集中开工。总建筑面积约24.85万平方米、总投资约24.5亿元的临江智能装备产业园项目以智能制造为主。",
    # 新开工北京项目11个: where the projects come from, not who holds the count
    "origin.txt": "杭州市滨江区承接外来项目成效明显。截至3月底，新开工宁波项目11个，投资额96.2亿元。",
    # a city's occasion is no narrower than the article's district
    "cityhost.txt": "杭州市重大项目集中签约仪式在滨江区会展中心举行。本次集中签约重大外资项目6个，总投资134亿元。",
    # 该市 refers back to the last city named
    "thiscity.txt": "宁波市举行项目集中开工活动。当天，该市新开工项目13个，总投资62亿元。",
    # 该区 refers back to the last district or zone named
    "thiszone.txt": "临平经济技术开发区举行招商签约活动。2022年，该区实现规模以上工业总产值3790亿元。",
    # the place opening the first item of a list holds the count and the total
    "firstitem.txt": "杭州市举行集中开工活动。淳安县千岛湖环湖公路、淳安职业学院、淳安风电场等7个项目集中开工，项目总投资84.6亿元。",
    # the venue of an occasion (在某基地举行…活动) is not its host
    "venue.txt": "杭州市滨江区举行一季度重点项目集中开工活动。1月10日，在临江新材料产业基地举行一季度重点项目集中开工活动，55个重点项目总投资390多亿元。",
    # a project closing its clause after a long 的-modifier is what the clauses after it speak of
    "modifier.txt": "列为浙江省标志性外资项目之一的临江医药总部中心项目，落地滨江区，总投资12亿美元，规划用地430亩。",
    # 该项目 after a date (今年7月): the project named, not a group counted
    "thisproject.txt": "杭州市滨江区新增一批项目。尤其是今年7月试生产的临江食品项目，该项目总投资达5亿元。",
    # 其中某市…: a place opening a clause after 其中 holds the clauses after it (not the province before)
    "among.txt": "2月12日，浙江省1363个重大项目在全省集中开工，其中宁波市共有开工项目139个，总投资1007.9亿元。",
    # 全市… after clauses naming things: the city as a whole, not the first thing named
    "whole.txt": "宁波市交通建设加快。宁波西枢纽工程开工建设，全市建成和在建高速公路里程达到726公里。",
    # a news outlet's dateline (某地经济网讯) is no holder either
    "outlet.txt": "杭州市滨江区招商成效明显。宁波经济网讯(记者 张三)今年以来，累计招引5亿元以上重大产业项目42个。",
    # an official's title (某开发区管委会主任…参加开工仪式) does not make the park the occasion's host
    "official.txt": "近日，杭州市秋季项目集中开工仪式在滨江区举行。临平经济技术开发区及相关企业负责人参加开工仪式。"
                    "这次集中开工项目共7个，总投资27.8亿元。",
    # 研究院… at a paragraph's start refers back to the institute named before
    "institute.txt": "杭州市滨江区的临江产业技术研究院揭牌。\n研究院位于临江村，目前已入驻研发类企业5家。",
    # nothing dates the figure before it: the event's date later in its clause does (not a completion looked forward to)
    "eventdate.txt": "2019年，杭州市滨江区规上工业总产值172亿元。总投资120亿元的临江智能装备产业园项目今年4月3日正式签约落户。"
                     "\n总投资30亿元的临江电驱项目预计2026年6月建成投产。",
    # the start of 某年以来 is the year of a before value
    "since.txt": "2017年以来，杭州市滨江区规上工业企业从39家增加至117家。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    _, raw = facts_of(ARTICLES, "滨江区")
    out: dict[str, dict] = {}
    for f in raw:
        out.setdefault(f.evidence.doc_id, {})[f.number if f.number != int(f.number) else int(f.number)] = f
    return out


@pytest.mark.parametrize("doc, number, subject", [
    ("dateline.txt", 52, "滨江高新区"),
    ("dateline.txt", 318, "滨江高新区"),
    ("host.txt", 96, "滨江高新区"),
    ("host.txt", 886, "滨江高新区"),
    ("oneproject.txt", 45, "临江智能装备产业园项目"),
    ("builds.txt", 668, "临江智能装备产业园项目"),
    ("builds.txt", 280, "临江智能装备产业园项目"),
    ("buildscap.txt", 1200, "临江智能装备产业园项目"),
    ("buildscap.txt", 10, "临江智能装备产业园项目"),
    ("category.txt", 6, "滨江区"),
    ("category.txt", 20, "滨江区"),
    ("others.txt", 2, "滨江区"),
    ("chain.txt", 24.85, "临江智能装备产业园项目"),
    ("chain.txt", 24.5, "临江智能装备产业园项目"),
    ("origin.txt", 11, "滨江区"),
    ("origin.txt", 96.2, "滨江区"),
    ("cityhost.txt", 6, "滨江区"),
    ("cityhost.txt", 134, "滨江区"),
    ("thiscity.txt", 13, "宁波市"),
    ("thiscity.txt", 62, "宁波市"),
    ("thiszone.txt", 3790, "临平经济技术开发区"),
    ("firstitem.txt", 7, "淳安县"),
    ("firstitem.txt", 84.6, "淳安县"),
    ("venue.txt", 55, "滨江区"),
    ("modifier.txt", 12, "临江医药总部中心项目"),
    ("modifier.txt", 430, "临江医药总部中心项目"),
    ("thisproject.txt", 5, "临江食品项目"),
    ("among.txt", 139, "宁波市"),
    ("among.txt", 1007.9, "宁波市"),
    ("whole.txt", 726, "宁波市"),
    ("outlet.txt", 42, "滨江区"),
    ("official.txt", 7, "滨江区"),
    ("institute.txt", 5, "临江产业技术研究院"),
])
def test_holder(facts, doc, number, subject):
    assert facts[doc][number].subject == subject


@pytest.mark.parametrize("doc, number, year", [("since.txt", 39, 2017), ("since.txt", 117, 2024),
                                               ("eventdate.txt", 120, 2024), ("eventdate.txt", 30, 2024)])
def test_year_of_before_value(facts, doc, number, year):
    assert facts[doc][number].year == year


@pytest.mark.parametrize("text, expected", [
    ("2023年度成果发布，某市位居全国第95位、较2022年前进1位，投资潜力第23位", 2023),  # 较2022年: a baseline
    ("某开发区成立于2008年4月，园区总规划面积30平方公里，现已入驻企业289户", 2024),  # 现已: the article's time
    ("某开发区成立于2008年4月，园区总规划面积30平方公里", 2008),
    ("项目分两期建设，预计2028年完成建设，建成后预计年产值24亿元", None),  # a completion date: not the figure's year
    ("项目于2022年建成投产，实现产值5亿元", 2022),  # a completion that happened
    ("到2025年，全区产值突破1000亿元", 2025),
])
def test_year_of(text, expected):
    assert year_of(text, len(text), 2024) == expected


@pytest.mark.parametrize("text, number, subject", [
    # a zone's short name in the headline (某某汽开区): the park the first paragraphs name is the topic
    ("滨江汽开区64个项目集中签约\n\n新华社杭州1月6日电 在5日举行的杭州滨江汽车经济技术开发区2023年项目集中签约活动上，"
     "64个项目集中签约。\n\n2022年，该区实现规模以上工业总产值3790亿元。\n", 3790, "杭州滨江汽车经济技术开发区"),
    # 全区产业园区: all the region's parks, not one park the headline names by its kind
    ("全区产业园区项目集中开竣工活动杭州分会场举行\n\n12月15日，全区产业园区项目集中开竣工活动举行，主会场设在临平经济技术开发区。"
     "\n\n杭州市分会场同步举行。\n\n此次活动中，集中开竣工项目23个，总投资142.6亿元。\n", 142.6, "杭州市"),
])
def test_headline_topic(tmp_path, text, number, subject):
    from kg.build import build

    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    res = build(tmp_path, tmp_path / "out", html=False)
    assert {f.subject for f in res.facts if f.number == number} == {subject}
