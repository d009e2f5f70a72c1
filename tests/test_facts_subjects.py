"""Subjects across sentences: a heading line naming a project governs the paragraphs under it; a sentence that
names nothing continues what the paragraph's previous sentence is about (a project, company, park or institute),
never across a paragraph break and never when it opens with a name or pronoun of its own (invented sentences, one
small article each, built with the real pipeline)."""
from __future__ import annotations

import pytest

ARTICLES = {
    "carry.txt": "杭州市滨江区新签约的临江新材料产业园项目由杭州临江科技有限公司投资建设。规划用地460亩，"
                 "建成后预计年产值50亿元。",
    "own.txt": "杭州市滨江区的临江新材料产业园项目开工。滨江加快教育设施建设，新建学校11所。",
    "pronoun.txt": "杭州市滨江区的临江新材料产业园项目开工。该区今年新建学校12所。",
    "para.txt": "杭州市滨江区的临江新材料产业园项目开工。\n全区新建学校13所。",
    "company.txt": "杭州市滨江区的杭州临江科技有限公司成立于2015年。目前拥有发明专利86项。",
    # a heading line naming a project governs the paragraphs under it; 由X投资…建设 names the builder, not the subject
    "heading.txt": "杭州市滨江区二季度开工项目情况：\n\n临江智能装备产业园项目\n\n由杭州临江科技有限公司投资24亿元建设，"
                   "占地310亩。\n\n建成后预计年产值45亿元。\n\n数字经济发展\n\n全区新建通信基站1200个。",
    # a name opening its clause after a short 的-modifier or 在…: the figures of the sentence are its
    "modifier.txt": "杭州市举行集中开工活动。当天开工的临江智能装备产业园项目，位于杭州市滨江区，总建筑面积23.5万平方米。",
    "venue.txt": "杭州市举行签约活动。18日，在杭州市滨江区重点项目集中签约仪式上，14个项目完成签约，总投资达87亿元。",
    # 位于…，某区之中: where it lies, not what the figures are about
    "located.txt": "杭州市滨江区，位于钱塘江南岸，杭州都市区之中，全境面积72平方公里。",
    # 21项目集中开工，项目总投资…: 项目 is the group just counted, not one of the projects named
    "group.txt": "其中：杭州市滨江区临江冷链物流、东信智能制造等21项目集中开工，项目总投资41.5亿元。",
    # A、B等71家企业落户；在建项目300个: the items counted open the clause but are not its subject
    "listed.txt": "上半年，杭州市滨江区实际利用外资17.9亿美元；杭州临江科技有限公司、杭州东信电子有限公司等71家企业落户；"
                  "在建项目超过320个。",
    # 全市…: the place as a whole, not what the previous sentence was about
    "whole.txt": "杭州市滨江区的临江智能装备产业园项目开工。目前，全区正在洽谈的重大项目近110个。",
    # 甲区、乙区分别举行…，共82个: a total of the whole, not of the first place listed
    "enum.txt": "杭州市举行集中开工活动。西湖区、上城区、拱墅区分别举行项目集中开工活动，开工项目共82个。",
    # 经开区…: the article's one 某某经开区, by its generic short name
    "shortpark.txt": "杭州市举办招商大会，临平经开区签约项目12个。\n\n经开区2023年初步谋划重大项目420个，总投资2700亿元。",
    # a district heading, and 这次 (the event) is no subject of its own
    "district.txt": "杭州市各区项目集中开工\n\n西湖区\n\n3月24日，集中开工活动在西湖区转塘街道举行。"
                    "这次集中开工重点项目共45个，总投资约693亿元。",
    # a chain of places after a short epithet (某某之城浙江省杭州市…): the last place of the chain, not the province
    "chain.txt": "数字之城浙江省杭州市3日举行重大项目集中开工活动，集中开工项目242个，总投资1609亿元。",
    # a park right before a project's name says where the project is: the figures are the project's
    "where.txt": "杭州市滨江高新区举行集中开工活动。\n\n高新区临江汽车零件产业园二期项目总投资3.86亿元，占地21.6万平方米。",
    # the money a builder puts in (X投资…，建设Y / 投入…用于Y的…) is the investment of what it builds
    "invest.txt": "杭州市滨江区举行签约活动。杭州临江科技有限公司拟在滨江区投资31亿元，建设临江智能装备产业园项目。",
    "use.txt": "杭州市滨江区举行签约活动。杭州市将投入5.5亿元用于杭州临江新材料研究院的科研设备采购。",
    # a name in brackets after a name (or a park's short name) is the same one named again, not the holder
    "alias.txt": "钱塘经开区召开大会。\n\n截至23日，经开区（钱塘区）开复工项目达151个，总投资783亿元。",
    # 全省 is the province the article named, as a whole (its clauses after it too)
    "province.txt": "浙江省春季重大项目集中开工仪式在杭州市滨江区举行。此次全省集中开工812个项目，总投资6737亿元。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    _, raw = facts_of(ARTICLES, "滨江区")
    out: dict[str, dict] = {}
    for f in raw:
        out.setdefault(f.evidence.doc_id, {})[f.number if f.number != int(f.number) else int(f.number)] = f.subject
    return out


@pytest.mark.parametrize("doc, number, subject", [
    ("carry.txt", 460, "临江新材料产业园项目"),
    ("carry.txt", 50, "临江新材料产业园项目"),
    ("company.txt", 86, "杭州临江科技有限公司"),
    ("heading.txt", 24, "临江智能装备产业园项目"),
    ("heading.txt", 310, "临江智能装备产业园项目"),
    ("heading.txt", 45, "临江智能装备产业园项目"),
    ("modifier.txt", 23.5, "临江智能装备产业园项目"),
    ("venue.txt", 87, "滨江区"),
    ("located.txt", 72, "滨江区"),
    ("shortpark.txt", 420, "临平经开区"),
    ("shortpark.txt", 2700, "临平经开区"),
    ("district.txt", 45, "西湖区"),
    ("district.txt", 693, "西湖区"),
    ("chain.txt", 242, "杭州市"),
    ("chain.txt", 1609, "杭州市"),
    ("where.txt", 3.86, "临江汽车零件产业园二期项目"),
    ("where.txt", 21.6, "临江汽车零件产业园二期项目"),
    ("invest.txt", 31, "临江智能装备产业园项目"),
    ("use.txt", 5.5, "杭州临江新材料研究院"),
    ("alias.txt", 151, "钱塘经开区"),
    ("province.txt", 812, "浙江省"),
    ("province.txt", 6737, "浙江省"),
])
def test_subject_carried_from_previous_sentence(facts, doc, number, subject):
    assert facts[doc][number] == subject


@pytest.mark.parametrize("doc, number", [("own.txt", 11), ("pronoun.txt", 12), ("para.txt", 13), ("whole.txt", 110),
                                         ("heading.txt", 1200)])  # a heading without a name ends the section
def test_subject_not_carried(facts, doc, number):
    assert facts[doc][number] != "临江新材料产业园项目"


def test_group_counted_is_not_the_subject(facts):
    assert facts["group.txt"][41.5] not in ("临江冷链物流", "东信智能制造")


def test_listed_items_are_not_the_subject(facts):
    assert facts["listed.txt"][320] not in ("杭州临江科技有限公司", "杭州东信电子有限公司")


@pytest.mark.parametrize("text, expected", [
    ("当前位置:某某热线 > 地市 > 杭州 > 正文\n滨江区举行重大项目集中开工仪式\n2022-12-01 18:48:56 来源: 某报\n正文。",
     "滨江区举行重大项目集中开工仪式"),
    ("logo 首頁 > 快訊 > 正文\n\n某市107個重大項目開工 總投資超千億\n\n2020-05-08\n正文。", "某市107個重大項目開工 總投資超千億"),
    ("第A02版:今要闻\n\n80余亿元!某区五个重大项目集中开工\n\n正文。", "80余亿元!某区五个重大项目集中开工"),
    ("某区签约项目12个\n正文。", "某区签约项目12个"),
])
def test_headline_skips_site_chrome(text, expected):
    from kg.facts_context import headline
    from kg.model import Article
    from kg.read import _guess_title
    a = Article(doc_id="x.txt", path="x.txt", text=text, original=text, encoding="utf-8", title=_guess_title(text))
    assert headline(a) == expected


def test_topic_is_the_headline_under_a_breadcrumb(tmp_path):
    from kg.build import build

    text = ("当前位置:某某热线 > 地市 > 杭州 > 正文\n总投资76亿元 滨江高新区举行重大项目集中开工仪式\n"
            "2022-12-01 18:48:56 来源: 某报\n\n为加快推进重大项目建设，杭州市召开推进会。\n\n本次集中开工项目4个，总投资76亿元。\n")
    (tmp_path / "crumb.txt").write_text(text, encoding="utf-8")
    res = build(tmp_path, tmp_path / "out")
    assert {f.subject for f in res.facts if f.measure == "总投资"} == {"滨江高新区"}


def test_enumerated_places_are_not_the_subject(facts):
    assert facts["enum.txt"][82] not in ("西湖区", "上城区", "拱墅区")
