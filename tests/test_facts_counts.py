"""Counts and parts on real pages: a category counted through a copula (先进制造业项目达49个), a verb whose noun
is the one just counted (其中现场签约10个), parts in brackets (地上/地下), a name defined in brackets, a verb
cut off before a count, a numeral-大 that modifies the measured thing — invented sentences, real pipeline."""
from __future__ import annotations

import pytest

ARTICLES = {
    "copula.txt": "杭州市滨江区今年开工的项目里，数字经济项目达37个，总投资412.6亿元。",
    "total.txt": "截至年底，杭州市滨江区规上工业企业总数达286家，其中亿元以上企业41家。",
    "verb.txt": "杭州市滨江区昨日共有15个项目集中签约，总投资96.5亿元，其中现场签约9个。",
    "bare.txt": "杭州市滨江区正加快打造4个。",
    "ahead.txt": "杭州市滨江区上半年已落地新材料项目11个，年底将落地25个以上。",
    "parts.txt": "杭州市滨江区的临江科创中心项目建筑面积约150000平方米（地上约98000平方米，地下52000平方米）。",
    "defined.txt": "杭州市滨江区营收总额612亿元，增加值158亿元，增加值率（增加值占营收总额比重）25.8%。",
    "cut_verb.txt": "杭州市滨江区无人机总产量达到3250万台，其中消费级无人机产量完成1860.5万台，增长12.4%。",
    "big.txt": "杭州市滨江区1—6月四大支柱产业增加值占规上工业比重上升至71.6%。",
    "named.txt": "总投资120亿元的临江康养社区项目规划用地约1800亩。",
    "each.txt": "杭州市滨江区、西湖区、上城区、拱墅区。从开工项目总数上来看，滨江10个，西湖9个，上城、拱墅各3个。",
    "after.txt": "杭州市滨江区预计新项目全部投产后可带来1500亿元以上的增量。",
    "conj.txt": "如今，杭州市滨江区800余户纺织及服装加工和贸易企业落户。",
    "pair.txt": "杭州市滨江区力促数字安防和智能物联两大特色产业集群规模突破600亿元。",
    "occasion.txt": "杭州市滨江区推介会上15个项目集中签约，总投资96.5亿元。",
    "aside.txt": "杭州市滨江区人均GDP为125360元（按年平均汇率折算为18170美元），区域面积72.3平方公里（其中建成区面积"
                 "41.6平方公里）。",
    # what is counted stops where the next figure's measure begins; a sum inside it narrows it or totals it
    "sum_after.txt": "杭州市滨江区开工重大项目26个，总投资69.8亿元，其中14个项目总投资42亿元。",
    "sum_inside.txt": "杭州市滨江区今年计划实施12个投资超20亿元的重大产业项目。当天，该区13个总投资62亿元的项目也正式开工。",
    "involves.txt": "杭州市滨江区今年以来新洽谈项目227个，涉及总投资2500亿元以上。",
    "event.txt": "杭州市滨江区215个重大项目开工，总投资3305.4亿元。当天，8个项目签约落地。",
    "planned.txt": "杭州市滨江区37个重大项目计划投资总额达30余亿元。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    grouped, raw = facts_of(ARTICLES, "滨江区")
    out: dict[str, list] = {doc: [(f.measure, f.number, f.unit_written) for f in fs] for doc, fs in grouped.items()}
    out["_facts"] = raw
    return out


@pytest.fixture(scope="module")
def facts_by_subject(facts):
    out: dict[str, list] = {}
    for f in sorted(facts["_facts"], key=lambda f: (f.evidence.doc_id, f.evidence.sentence_index, f.offset)):
        out.setdefault(f.evidence.doc_id, []).append((f.subject, f.measure, f.number))
    return out


@pytest.mark.parametrize("doc, expected", [
    ("copula.txt", [("数字经济项目数", 37, "个"), ("总投资", 412.6, "亿元")]),
    ("total.txt", [("规上工业企业总数", 286, "家"), ("亿元以上企业数", 41, "家")]),
    # what happened to what is counted names the count (集中签约); the verb's count after it keeps the bare noun
    ("verb.txt", [("集中签约项目数", 15, "个"), ("总投资", 96.5, "亿元"), ("现场签约项目数", 9, "个")]),
    ("ahead.txt", [("落地新材料项目数", 11, "个"), ("落地新材料项目数", 25, "个")]),
    ("parts.txt", [("建筑面积", 150000, "平方米"), ("地上建筑面积", 98000, "平方米"), ("地下建筑面积", 52000, "平方米")]),
    ("defined.txt", [("营收总额", 612, "亿元"), ("增加值", 158, "亿元"), ("增加值率", 25.8, "%")]),
    ("cut_verb.txt", [("无人机总产量", 3250, "万台"), ("消费级无人机产量", 1860.5, "万台"),
                      ("消费级无人机产量", 12.4, "%")]),
    ("big.txt", [("四大支柱产业增加值占规上工业比重", 71.6, "%")]),  # 四大 counts what the figure is about
    ("aside.txt", [("人均GDP", 125360, "元"), ("人均GDP", 18170, "美元"), ("区域面积", 72.3, "平方公里"),
                   ("建成区面积", 41.6, "平方公里")]),
    ("named.txt", [("总投资", 120, "亿元"), ("规划用地", 1800, "亩")]),  # not a measure named after the project
    ("each.txt", [("开工项目数", 10, "个"), ("开工项目数", 9, "个"), ("开工项目数", 3, "个"), ("开工项目数", 3, "个")]),
    ("after.txt", [("增量", 1500, "亿元")]),  # the noun after 以上的 names the figure, no threshold
    ("conj.txt", [("落户纺织及服装加工和贸易企业数", 800, "户")]),  # 及/和 inside the noun counted
    ("pair.txt", [("特色产业集群规模", 600, "亿元")]),  # what the 两大 are
    ("occasion.txt", [("集中签约项目数", 15, "个"), ("总投资", 96.5, "亿元")]),  # 推介会上 is where, not what is counted
    ("bare.txt", None),  # a verb and a count, and nothing counted before: no figure
    ("sum_after.txt", [("开工重大项目数", 26, "个"), ("总投资", 69.8, "亿元"), ("项目数", 14, "个"), ("总投资", 42, "亿元")]),
    ("sum_inside.txt", [("重大产业项目数", 12, "个"), ("项目数", 13, "个"), ("总投资", 62, "亿元")]),
    ("involves.txt", [("新洽谈项目数", 227, "个"), ("总投资", 2500, "亿元")]),  # 涉及 is the verb, not the measure
    ("event.txt", [("开工重大项目数", 215, "个"), ("总投资", 3305.4, "亿元"), ("签约落地项目数", 8, "个")]),
    ("planned.txt", [("重大项目数", 37, "个"), ("投资总额", 30, "亿元")]),  # 计划 is the status (target), not the noun
])
def test_counts(facts, doc, expected):
    assert facts.get(doc) == expected


def test_a_threshold_inside_a_count_is_its_scope(facts):
    count = next(f for f in facts["_facts"] if f.evidence.doc_id == "sum_inside.txt" and f.number == 12)
    assert count.scope == "投资超20亿元"


def test_each_place_gets_the_count(facts_by_subject):
    assert facts_by_subject["each.txt"] == [("滨江区", "开工项目数", 10), ("西湖区", "开工项目数", 9),
                                           ("上城区", "开工项目数", 3), ("拱墅区", "开工项目数", 3)]


@pytest.mark.parametrize("measure, expected", [
    ("某某自治县项目数", ("某某自治县", "项目数")),  # a place of the graph the tagger left inside the phrase
    ("某某产业城项目数", ("某某产业城", "项目数")),
    ("某某自治县", None),  # nothing left to measure
    ("工业园区数", None),
    ("工业园区项目数", None),  # a longer name
    ("某某自治县占比", None),
])
def test_name_opening_a_measure(measure, expected):
    from kg.facts_subject import named_head as _named_head
    types = {"某某自治县": "Place", "某某产业城": "Park", "工业园": "Park"}
    assert _named_head(measure, types) == expected
