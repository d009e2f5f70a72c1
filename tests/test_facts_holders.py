"""Sentence → facts for the constructions of real pages: who holds a figure (names listed before 分别, a programme,
a second clause's name, a headline naming a park by its kind, 其中 parts, places that only qualify a measure,
where a thing lies), shares, partners, ranges, capacities, ranks, money before 的 and a company, and the year
an article looks back on (invented sentences, one small article each, built with the real pipeline)."""
from __future__ import annotations

import pytest

from kg.facts_context import looks_back, reference_year
from kg.facts_subject import generic_name
from kg.model import Article

ARTICLES = {
    "resp.txt": "杭州市余杭区、萧山区签约项目数分别为31个和27个，总投资为52亿元和44亿元。",
    "policy.txt": "杭州市余杭区召开大会。“美丽乡村工程”全面推进，完成15个示范村建设。",
    "clause2.txt": "杭州市余杭区科技实力不断增强，之江实验室余杭基地成立，集聚人才800人。新建学校12所。",
    "part.txt": "杭州市余杭区召开大会。萧山区重点项目23个，总投资142亿元。其中，基础设施项目6个，总投资30亿元；"
                "产业项目17个，总投资112亿元。",
    "level.txt": "杭州市余杭区拥有杭州市级总部45家，规上工业产值占杭州市比重12%。",
    "lies.txt": "临江电驱项目位于杭州市余杭区东湖路，总投资5亿元。",
    "share.txt": "杭州市余杭区形成了电子信息占70%、新材料占10%的产业格局。",
    "share_head.txt": "杭州市余杭区高新技术产业增加值增长9%，增加值占全区规上工业比重40%。",
    "partners.txt": "杭州市余杭区与国内外28所高校签订合作协议。",
    "range.txt": "杭州市余杭区10亿元到20亿元之间的项目8个。",
    "cap.txt": "杭州市余杭区的临江电驱项目建成后可形成年产10万台套电驱系统的生产能力。",
    "output.txt": "杭州市余杭区的临江整车项目预计明年投产，达产后年产量预计达20万辆。",  # 年产量: what it will make
    "field.txt": "杭州市余杭区位列230家国家级开发区第27位。",
    "rates.txt": "杭州市余杭区工业投资、服务业投资分别达到30亿元、20亿元，同比增长5%、8%。",
    "company.txt": "杭州市余杭区总投资46亿元的杭州云芯科技有限公司、24亿元的杭州星河电子有限公司等项目建成投产。",
    "units.txt": "杭州市余杭区落户项目12宗，总投资约30亿元人民币，建成厂房34万平米。",
    "samebasis.txt": "杭州市余杭区一般公共预算收入80亿元，同口径增长6%。",
    "occasion.txt": "杭州市余杭区举行集中开工仪式。伴随着临江电驱项目开工令的宣布，32个重大项目集中开工。",
    "listed.txt": "杭州市余杭区今年开工临江电驱项目、东湖水利综合整治工程、西溪储能装备生产基地项目，共计3个，总投资27亿元。",
    "range2.txt": "杭州市余杭区的临江电驱项目将提供就业岗位700个至800个。",
    "caps.txt": "杭州市余杭区的临江电驱项目主要建设年产电机80万千瓦的装备制造厂及年产风电叶片500套以上能力的叶片制造厂。",
    "scopes.txt": "杭州市余杭区今年引进亿元以上项目19个，其中10亿元以上3个。",
    "plant.txt": "杭州市余杭区的临江化工项目建设60万吨聚氯乙烯、70万吨电石。",
    "parklist.txt": "杭州市余杭区按区域划分，北湖开发区临江智能制造中心、东湖数据大厦等新建项目12个。",
    "shortpark.txt": "杭州市余杭区的临平新城数字小镇正式开园。\n东湖智造园同日签约项目8个。\n目前数字小镇已入驻企业160家。",
    "aside.txt": "杭州市余杭区实现生产总值782亿元（不含电力增加值121亿元），按可比价格计算，比上年增长8%。",
    "products.txt": "杭州市余杭区形成14万吨多晶硅、5.6吉瓦切片、5.7吉瓦光伏电池等制造产能。",
    "together.txt": "杭州市余杭区56个项目集体启动。",
    "rhetoric.txt": "杭州市余杭区聚力八个方面重点工作，建成两个产业园。",
    "andlist.txt": "杭州市余杭区拥有多个国家级科研平台和30个省部级科研平台。",
    "grant.txt": "杭州市余杭区对新引进的研发机构最高给予5000万元补助，每年安排3000万元专项资金。",
    "first.txt": "杭州市余杭区的临江产业园力争到2025年在杭州率先实现工业总产值突破2500亿元。",
    "having.txt": "杭州市余杭区新增27家有进出口实绩企业。",
    "verb.txt": "杭州市余杭区今年实施10亿元以上项目11项，总投资311亿元。目前开工建设7项，开工率63%。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    grouped, _ = facts_of(ARTICLES, "余杭区")
    return {doc: [(f.subject, f.measure, f.value, f.unit) for f in fs] for doc, fs in grouped.items()}


@pytest.mark.parametrize("doc, expected", [
    # 甲、乙…数分别为a和b, and a later 总投资为a和b: the k-th figure is the k-th name's
    ("resp.txt", [("余杭区", "签约项目数", 31, "个"), ("萧山区", "签约项目数", 27, "个"),
                  ("余杭区", "总投资", 5.2e9, "元"), ("萧山区", "总投资", 4.4e9, "元")]),
    # a programme that is not all its clause says holds nothing after it
    ("policy.txt", [("余杭区", "示范村建设数", 15, "个")]),
    # a name in the second clause after a clause of its own: not what the next sentence is about
    ("clause2.txt", [("之江实验室", "集聚人才数", 800, "人"), ("余杭区", "新建学校数", 12, "所")]),
    # 其中… and its ；-part: the whole's holder
    ("part.txt", [("萧山区", "重点项目数", 23, "个"), ("萧山区", "总投资", 1.42e10, "元"),
                  ("萧山区", "基础设施项目数", 6, "个"), ("萧山区", "总投资", 3e9, "元"),
                  ("萧山区", "产业项目数", 17, "个"), ("萧山区", "总投资", 1.12e10, "元")]),
    # 某市级总部 / 占某市比重: the place names a level or a whole, it holds nothing
    ("level.txt", [("余杭区", "市级总部数", 45, "家"), ("余杭区", "规上工业产值占杭州市比重", 12, "%")]),
    # 位于某区…，总投资…: where the project lies is no holder
    ("lies.txt", [("临江电驱项目", "总投资", 5e8, "元")]),
    ("share.txt", [("余杭区", "电子信息占比", 70, "%"), ("余杭区", "新材料占比", 10, "%")]),
    ("share_head.txt", [("余杭区", "高新技术产业增加值", 9, "%"),
                        ("余杭区", "高新技术产业增加值占规上工业比重", 40, "%")]),
    ("partners.txt", [("余杭区", "高校数", 28, "所")]),
    ("range.txt", [("余杭区", "项目数", 8, "个")]),
    ("cap.txt", [("临江电驱项目", "电驱系统年产能", 1e5, "台套")]),
    ("output.txt", [("临江整车项目", "年产量", 2e5, "辆")]),
    ("field.txt", [("余杭区", "国家级开发区排名", 27, "位")]),  # 230家 is the field ranked in
    ("rates.txt", [("余杭区", "工业投资", 3e9, "元"), ("余杭区", "服务业投资", 2e9, "元"),
                   ("余杭区", "工业投资", 5, "%"), ("余杭区", "服务业投资", 8, "%")]),  # rates without 分别
    ("company.txt", [("杭州云芯科技有限公司", "总投资", 4.6e9, "元"), ("杭州星河电子有限公司", "总投资", 2.4e9, "元")]),
    ("units.txt", [("余杭区", "落户项目数", 12, "宗"), ("余杭区", "总投资", 3e9, "元"),
                   ("余杭区", "建成厂房面积", 3.4e5, "平方米")]),
    ("samebasis.txt", [("余杭区", "一般公共预算收入", 8e9, "元"), ("余杭区", "一般公共预算收入", 6, "%")]),
    ("occasion.txt", [("余杭区", "集中开工重大项目数", 32, "个")]),  # the project whose start is announced is no holder
    ("listed.txt", [("余杭区", "项目数", 3, "个"), ("余杭区", "总投资", 2.7e9, "元")]),  # 共计3个: what they are
    ("caps.txt", [("临江电驱项目", "电机年产能", 8e5, "千瓦"), ("临江电驱项目", "风电叶片年产能", 500, "套")]),
    ("scopes.txt", [("余杭区", "引进亿元以上项目数", 19, "个"), ("余杭区", "引进亿元以上项目数", 3, "个")]),  # 10亿元以上: scope
    ("plant.txt", [("临江化工项目", "聚氯乙烯产能", 6e5, "吨"), ("临江化工项目", "电石产能", 7e5, "吨")]),
    ("parklist.txt", [("北湖开发区", "新建项目数", 12, "个")]),  # the park opening the list holds its projects
    ("shortpark.txt", [("东湖智造园", "签约项目数", 8, "个"), ("临平新城数字小镇", "入驻企业数", 160, "家")]),  # 数字小镇: the article's park so named
    # a growth rate grows the level outside the aside
    ("aside.txt", [("余杭区", "生产总值", 7.82e10, "元"), ("余杭区", "不含电力增加值", 1.21e10, "元"),
                   ("余杭区", "生产总值", 8, "%")]),
    ("products.txt", [("余杭区", "多晶硅产能", 1.4e5, "吨"), ("余杭区", "切片产能", 5.6, "吉瓦"),
                      ("余杭区", "光伏电池产能", 5.7, "吉瓦")]),  # 切片 listed, though tagged a verb
    ("together.txt", [("余杭区", "项目数", 56, "个")]),  # 集体 is how, not what
    ("rhetoric.txt", [("余杭区", "产业园数", 2, "个")]),  # 八个方面: a way of speaking
    ("andlist.txt", [("余杭区", "省部级科研平台数", 30, "个")]),  # after 和, the noun counted follows the amount
    ("grant.txt", [("余杭区", "研发机构最高补助", 5e7, "元"), ("余杭区", "专项资金", 3e7, "元")]),  # grants
    ("first.txt", [("临江产业园", "工业总产值", 2.5e11, "元")]),  # 在杭州率先: a scope, not the holder
    ("having.txt", [("余杭区", "有进出口实绩企业数", 27, "家")]),
    ("range2.txt", [("临江电驱项目", "提供就业岗位数", 700, "个"), ("临江电驱项目", "提供就业岗位数", 800, "个")]),
    # a verb's count names what the sentence before counted in the same unit
    ("verb.txt", [("余杭区", "项目数", 11, "项"), ("余杭区", "总投资", 3.11e10, "元"), ("余杭区", "开工建设项目数", 7, "项"),
                  ("余杭区", "开工率", 63, "%")]),
])
def test_holders_and_measures(facts, doc, expected):
    assert facts[doc] == [(s, m, pytest.approx(v), u) for s, m, v, u in expected]


def test_range_is_the_scope(tmp_path):
    from kg.build import build

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "r.txt").write_text(ARTICLES["range.txt"] + "\n", encoding="utf-8")
    res = build(tmp_path / "c", tmp_path / "o")
    assert [(f.measure, f.scope) for f in res.facts] == [("项目数", "10亿元到20亿元")]


def test_a_capacity_once_built_is_a_forecast(tmp_path):
    from kg.build import build

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "c.txt").write_text(ARTICLES["cap.txt"] + "\n", encoding="utf-8")
    res = build(tmp_path / "c", tmp_path / "o")
    assert [(f.measure, f.status) for f in res.facts] == [("电驱系统年产能", "forecast")]


def test_headline_naming_a_park_by_its_kind(tmp_path):
    """某区再添一个省级产业集聚区: the figures are the park's the article introduces, not the district's."""
    from kg.build import build

    text = ("杭州市余杭区再添一个省级产业集聚区\n"
            "近日，省经信厅认定余杭智能装备产业集聚区为省级产业集聚区。\n"
            "2023年，产业集群实现营业收入300亿元，拥有高新技术企业45家。\n")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "h.txt").write_text(text, encoding="utf-8")
    res = build(tmp_path / "c", tmp_path / "o")
    assert {f.subject for f in res.facts} == {"余杭智能装备产业集聚区"}


@pytest.mark.parametrize("key, expected", [
    ("产业园区", True), ("省级开发区", True), ("某市产业园区", True), ("小镇", True),
    ("某市经济技术开发区", False), ("某市余杭区", False), ("某某小镇", False), ("某市安全应急产业园项目", False),
    ("某市一批重大项目", True), ("入区12个工业项目", True), ("某市生态社区项目", False), ("某市重点项目", True),
])
def test_a_name_that_only_says_a_kind(key, expected):
    assert generic_name(key, {"某市": "Place"}) is expected


def _article(text: str) -> Article:
    return Article(doc_id="x.txt", path="x.txt", text=text, original=text, encoding="utf-8", title="", year=None)


@pytest.mark.parametrize("text, expected", [
    # the latest year named only as a baseline, while the text speaks of now: written the year after
    ("某区跨境电商进出口483万单，是2016年全年的3.1倍。今年前7个月民间投资增长50%。", 2017),
    # a completed year's results, then what stands now
    ("2010年工业总产值572亿元。目前在建项目15个。", 2011),
    ("2016年，全市研发投入达到113亿元。7月7日，某市举行校地合作对接会。", 2017),
    ("据介绍，2021年，某高新区（含某园）营业总收入537亿元。截至今年5月，新增市场主体6200家。", 2022),
    # a year of plans is the year it speaks from
    ("2022年，某市计划开工重点项目496个，总投资3957亿元。4月7日，集中开工项目290个。", 2022),
    # no now: the year it names
    ("2010年工业总产值572亿元。", 2010),
    # 2000万以上 / 2000亩 are no edition years; 预计于2018年 looks forward
    ("截至3月底，已承接项目301个（服务业200万以上、工业2000万以上）。", None),
    ("某小镇原本是一块2000亩的杂乱地块。", None),
    ("2015年，新区完成地区生产总值154亿元。项目预计于2018年开业。1月9日，新区集中签约项目30个。", 2016),
])
def test_the_year_an_article_looks_back_on(text, expected):
    assert reference_year(_article(text)) == expected


def test_looks_back_needs_every_mention_past():
    assert looks_back("比2016年增长5%。今年签约项目8个。", 2016)
    assert not looks_back("比2016年增长5%。2016年计划投资20亿元。今年签约项目8个。", 2016)


@pytest.mark.parametrize("sentence, expected", [
    ("去年下半年以来，某县开工项目5个", 2017),  # a total to date
    ("去年，某县开工项目5个", 2016),
])
def test_since_last_year_is_to_date(sentence, expected):
    from kg.facts_context import year_of

    assert year_of(sentence, len(sentence), 2017) == expected
