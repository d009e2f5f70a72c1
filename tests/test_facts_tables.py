"""Statistical tables flattened into page text, the year a bulletin opens with, and headlines under site chrome."""
from __future__ import annotations

import pytest

from kg.facts_context import headline, opening_year
from kg.facts_tables import caption_measure, row_measure
from kg.model import Article

LEAD = ("2020年，全区上下坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，经济运行总体平稳、稳中有进，"
        "较好地完成了全年主要目标任务。\n")
CELLS = ("杭州市滨江区统计局\n2021年3月5日\n" + LEAD + "一、综合\n初步核算，全年全区实现地区生产总值1200.5亿元，比上年增长5.1%。\n"
         "表12020年全区生产总值及其增长速度\n指标\n绝对值(亿元)\n比上年增长(%)\n全区生产总值\n1200.50\n5.1\n"
         "农林牧渔业\n80.20\n3.0\n工业\n400.10\n-1.2\n交通运输、仓储和邮政业\n50.00\n2.5\n"
         "年末全区常住人口52万人，比上年末增加1万人。\n")
PIPES = ("杭州市滨江区统计局\n2021年3月5日\n" + LEAD + "表2 2020年主要农产品产量\n产品名称 | 产量(万吨) |\n比上年增长(%) |\n粮食 |\n40.50 |\n"
         "-1.1 |\n蔬菜 |\n20.30 |\n4.6 |\n二、工业\n全年全区规模以上工业增加值增长6.0%。\n")
ROWS = ("杭州市滨江区统计局\n2021年3月5日\n" + LEAD + "表1 2020年滨江区生产总值\n| 绝 对 数 (亿元) | 比上年增长 (%) |\n"
        "地区生产总值 | 617.50 | 5.2 |\n第一产业 | 37.11 | 2.6 |\n第三产业 | 240.54 | 6.7 |\n"
        "2020年，全区户籍人均生产总值为141647元，比上年增长4.8%。\n")

HEADER = ("杭州市滨江区统计局\n2021年3月5日\n" + LEAD + "全年居民消费价格比上年上涨0.7%。其中，衣着类价格上涨2.1%。\n"
          "指 标 | 涨跌幅度(%) |\n居民消费价格 | 0.7 |\n其中:食品烟酒 | 持平 |\n衣着 | 2.1 |\n交通和通信 | 5.1 |\n"
          "其他用品和服务 | -5.8 |\n新兴动能不断增强。\n")


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from kg.build import build

    d = tmp_path_factory.mktemp("tables_corpus")  # no metadata: the page's own date and text give the years
    for name, text in (("cells.txt", CELLS), ("pipes.txt", PIPES), ("rows.txt", ROWS), ("header.txt", HEADER)):
        (d / name).write_text(text, encoding="utf-8")
    return build(d, tmp_path_factory.mktemp("tables_out")).facts


@pytest.mark.parametrize("doc, measure, aspect, number, year, direction", [
    ("cells.txt", "农林牧渔业增加值", "level", 80.2, 2020, ""),
    ("cells.txt", "农林牧渔业增加值", "growthRate", 3.0, 2020, "up"),
    ("cells.txt", "工业增加值", "level", 400.1, 2020, ""),
    ("cells.txt", "工业增加值", "growthRate", -1.2, 2020, "down"),  # a fall as the table writes it
    ("cells.txt", "交通运输仓储和邮政业增加值", "level", 50.0, 2020, ""),  # one sector: its 、 is no list
    ("pipes.txt", "粮食产量", "level", 40.5, 2020, ""),  # the column names the measure (产量), the row what is measured
    ("pipes.txt", "粮食产量", "growthRate", -1.1, 2020, "down"),
    ("pipes.txt", "蔬菜产量", "level", 20.3, 2020, ""),
    ("rows.txt", "第一产业增加值", "level", 37.11, 2020, ""),  # a row per line, cells split by |
    ("rows.txt", "第三产业增加值", "growthRate", 6.7, 2020, "up"),
    # the prose after a table and under a numbered heading: no cell nor heading inside its measure
    ("cells.txt", "年末常住人口数", "level", 52.0, 2020, ""),
    # no caption: the header line opens the table, the first row is the whole and names the parts' measure
    ("header.txt", "交通和通信价格", "growthRate", 5.1, 2020, "up"),
    ("header.txt", "其他用品和服务价格", "growthRate", -5.8, 2020, "down"),
    ("pipes.txt", "规模以上工业增加值", "growthRate", 6.0, 2020, "up"),
])
def test_table_rows_give_levels_and_growth_rates(tables, doc, measure, aspect, number, year, direction):
    hits = [f for f in tables if f.evidence.doc_id == doc and f.measure == measure and f.aspect == aspect
            and abs(f.number - number) < 1e-9]
    assert len(hits) == 1, [(f.measure, f.aspect, f.number) for f in tables if f.evidence.doc_id == doc]
    f = hits[0]
    assert (f.year, f.direction, f.subject) == (year, direction, "滨江区")
    assert f.concept or doc == "header.txt"  # value added, production: grouped with the prose figures


def test_header_table_no_change_and_no_repeats(tables):
    header = [f for f in tables if f.evidence.doc_id == "header.txt"]
    food = [f for f in header if f.measure == "食品烟酒价格"]
    assert [(f.value, f.written, f.aspect) for f in food] == [(0.0, "持平", "growthRate")]  # 持平: no change
    # 衣着 2.1 is the prose's 衣着类价格 2.1, 居民消费价格 0.7 the prose's too: each said once
    assert sum(1 for f in header if f.number == 2.1) == 1 and sum(1 for f in header if f.number == 0.7) == 1


def test_table_units_and_no_repeats(tables):
    grain = next(f for f in tables if f.measure == "粮食产量" and f.aspect == "level")
    assert (grain.value, grain.unit, grain.unit_written) == (405000.0, "吨", "万吨")
    # 全区生产总值 1200.50 is the prose's 地区生产总值 1200.5亿元: said once, not twice
    gdp = [f for f in tables if f.evidence.doc_id == "cells.txt" and abs(f.value - 1200.5e8) < 1 and f.aspect == "level"]
    assert len(gdp) == 1 and gdp[0].measure == "地区生产总值"
    # the prose after a table (年末…常住人口, 人均生产总值) is read as prose, with the bulletin's year
    assert any(f.measure == "户籍人均生产总值" and f.year == 2020 for f in tables), [f.measure for f in tables]


@pytest.mark.parametrize("caption, expected", [
    ("全区生产总值及其增长速度", "生产总值"),
    ("主要农产品产量", "农产品产量"),
    ("规模以上工业主要产品产量及其增长速度", "工业主要产品产量"),
])
def test_caption_measure(caption, expected):
    assert caption_measure(caption, [], 0) == expected


@pytest.mark.parametrize("label, what, column, expected", [
    ("工业", "生产总值", "", "工业增加值"),  # a sector's part of GDP is its value added
    ("地区生产总值", "生产总值", "", "地区生产总值"),
    ("其中：第三产业", "生产总值", "", "第三产业增加值"),
    ("粮食", "农产品产量", "", "粮食产量"),
    ("粮食", "农产品产量", "产量", "粮食产量"),
    ("棉花", "", "播种面积", "棉花播种面积"),
])
def test_row_measure(label, what, column, expected):
    assert row_measure(label, what, column) == expected


@pytest.mark.parametrize("text, ref, expected", [
    (LEAD, 2021, 2020),  # a bulletin dated 2021 opening with 2020年，…
    ("某区召开大会\n" + LEAD, 2021, 2020),  # after a short headline
    ("3月2日，某区召开全区经济工作大会，部署全年重点工作，会议回顾总结了过去一年的成绩，分析了当前面临的形势和任务，"
     "明确了目标。\n" + LEAD, 2021, None),  # a news lead first: the year opens a later paragraph only
    (LEAD, 2020, None),  # the year it speaks from: nothing to say
    (LEAD, None, None),
])
def test_opening_year(text, ref, expected):
    assert opening_year(text, ref) == expected


def _page(text: str) -> Article:
    return Article(doc_id="a.txt", path="a.txt", text=text, original=text, encoding="utf-8", title=text.splitlines()[0])


@pytest.mark.parametrize("text, expected", [
    ("今日某省 甲市 乙市 丙市 丁市\n某区再添一家省级技术创新中心\n正文", "某区再添一家省级技术创新中心"),  # a menu bar
    ("购物 交友 相册 论坛 日志\n某开发区打造投资创业高地\n正文", "某开发区打造投资创业高地"),
    ("某某发展网-某某经济区门户网站\n某市重大项目集中开工仪式举行\n正文", "某市重大项目集中开工仪式举行"),  # a site's name
    ("某某晚报数字报\n2017年01月24日 星期二\n某县六个重点项目集中开工\n正文", "某县六个重点项目集中开工"),
    ("热线: 028-12345678\n某开发区新春第一会发力高质量发展\n正文", "某开发区新春第一会发力高质量发展"),
    ("某区 意向签约 160亿元\n正文", "某区 意向签约 160亿元"),  # three words and a figure: a headline
    ("某市签约417个项目，总金额3415.7亿元\n正文", "某市签约417个项目，总金额3415.7亿元"),
])
def test_headline_under_site_chrome(text, expected):
    assert headline(_page(text)) == expected
