"""Amounts of real pages: units spelt several ways (㎡, 方米, 平方千米, GWh), capacities, durations, counts of
kinds, a space between number and unit, and 从A到B with a year at both ends (invented sentences)."""
from __future__ import annotations

import json

import pytest

from kg.numbers import find_amounts


@pytest.mark.parametrize("text, written, value, unit, unit_written", [
    ("新建厂房约12万㎡", "约12万㎡", 120000, "平方米", "万㎡"),
    ("建筑面积约3.5万方米", "约3.5万方米", 35000, "平方米", "万方米"),
    ("总面积180平方千米", "180平方千米", 180, "平方公里", "平方千米"),
    ("道路全长6.5千米", "6.5千米", 6500, "米", "千米"),
    ("年产20GWh动力电池", "20GWh", 20, "吉瓦时", "GWh"),
    ("装机规模300兆瓦", "300兆瓦", 300, "兆瓦", "兆瓦"),
    ("年利用1200小时", "1200小时", 1200, "小时", "小时"),
    ("工期10个月", "10个月", 10, "个月", "个月"),
    ("开发3000多种产品", "3000多种", 3000, "种", "种"),
    ("完成跨境订单215.6万单", "215.6万单", 2156000, "单", "万单"),
    ("规划用地 123.45 亩", "123.45 亩", 123.45, "亩", "亩"),
    ("产量 456789 吨", "456789 吨", 456789, "吨", "吨"),
    ("提高2.5个百分点", "2.5个百分点", 2.5, "百分点", "个百分点"),
])
def test_units(text, written, value, unit, unit_written):
    a = find_amounts(text)
    assert len(a) == 1
    assert (a[0].written, a[0].unit, a[0].unit_written) == (written, unit, unit_written)
    assert a[0].value == pytest.approx(value)


@pytest.mark.parametrize("text", ["2023 年", "一 万人", "第 3 名"])
def test_spaces_do_not_make_amounts(text):
    assert [a.unit for a in find_amounts(text)] in ([], ["名"]) and all(a.written[:1].isdigit() for a in find_amounts(text))


ARTICLES = {
    "years.txt": "杭州市滨江区生产总值由2015年的321.4亿元增长到2022年的865.27亿元。",
    "steps.txt": "杭州市滨江区营业收入从2018年的56.2亿元到2023年迈上120亿元。",
    "space.txt": "杭州市滨江区全年粮食种植面积 123456 亩，粮食总产量 65432 吨。",
    "kinds.txt": "杭州市滨江区的临江新材料项目建成后形成年产15GWh锂电池的产能，建设工期18个月。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    grouped, _ = facts_of(ARTICLES, "滨江区", by_sentence=False)
    return {doc: [(f.measure, f.number, f.unit, f.year, f.role) for f in fs] for doc, fs in grouped.items()}


@pytest.mark.parametrize("doc, expected", [
    ("years.txt", [("生产总值", 321.4, "元", 2015, "before"), ("生产总值", 865.27, "元", 2022, "after")]),
    ("steps.txt", [("营业收入", 56.2, "元", 2018, "before"), ("营业收入", 120, "元", 2023, "after")]),
    ("space.txt", [("粮食种植面积", 123456, "亩", 2024, ""), ("粮食总产量", 65432, "吨", 2024, "")]),
])
def test_facts_of_real_constructions(facts, doc, expected):
    assert facts[doc] == expected


def test_capacity_and_duration(facts):
    got = {(m, n, u) for m, n, u, _y, _r in facts["kinds.txt"]}
    assert ("建设工期", 18, "个月") in got


@pytest.mark.parametrize("name, expected", [
    ("年产8万吨新型纤维材料生产项目", [("8万吨", "新型纤维材料年产能")]),
    ("某某科技有限公司年产300万双运动鞋建设项目", [("300万双", "运动鞋年产能")]),
    ("年产曲轴20万件技改项目", [("20万件", "曲轴年产能")]),
    ("日产500吨鲜奶加工项目", [("500吨", "鲜奶日产能")]),
    ("某某(湖州)30GWh储能电池项目", [("30GWh", "储能电池年产能")]),
    ("5000吨高纯石英砂生产线", [("5000吨", "高纯石英砂年产能")]),  # yearly unless 日产
    ("2号厂房3000平方米改造项目", []),  # an area in a name is no capacity
    ("总投资5亿元的智能工厂项目", []),
])
def test_capacity_in_a_project_name(name, expected):
    from kg.measure_phrase import name_capacities
    assert [(a.written, m) for a, m in name_capacities(name, find_amounts(name))] == expected


def test_capacity_named_once_per_project(tmp_path):
    from kg.build import build

    (tmp_path / "cap.txt").write_text("昨日，年产8万吨新型纤维材料生产项目在杭州市滨江区开工。年产8万吨新型纤维材料生产项目总投资12亿元。\n",
                                      encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps({"cap.txt": {"district": "滨江区", "year": 2024}}), encoding="utf-8")
    res = build(tmp_path, tmp_path / "out")
    caps = [f for f in res.facts if f.measure == "新型纤维材料年产能"]
    assert [(f.subject, f.value, f.unit, f.year) for f in caps] == [("年产8万吨新型纤维材料生产项目", 80000, "吨", 2024)]
