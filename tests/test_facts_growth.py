"""Rates and shares of statistical paragraphs: 分别增长a、b、c after the levels they belong to, and shares written
占乙的N% (甲占乙比重) — invented sentences, one small article each, built with the real pipeline."""
from __future__ import annotations

import pytest

ARTICLES = {
    "respective.txt": "2022年，杭州市滨江区实现规上工业营收318.6亿元、工业增加值52.1亿元、税收收入9.4亿元，"
                      "分别同比增长12.5%、17.3%、8.9%。",
    "respective4.txt": "2019年全年，杭州市滨江区完成工业产值210亿元，服务业营收56.3亿元，财政总收入2.1亿元，"
                       "技改投资31.2亿元，分别比上年同期增长19.7%、18.2%、10.6%和25.1%。",
    "fewer.txt": "杭州市滨江区实现营业收入56亿元，利润和税收分别增长8%、6%。",
    "share.txt": "2023年杭州市滨江区光伏组件出货量近9万吨，约占全国出货量的45%、全球出货量的21%。",
    "share2.txt": "杭州市滨江区规上工业产值占全市的38%。",
    "share3.txt": "2022年，杭州市滨江区实现规模以上工业总产值512.3亿元，占全市21%。",
    "rank.txt": "杭州市滨江区位列230家国家级经开区第27位，较上一年度提高5个位次；实际使用外资单项位列全国第6。",
}


@pytest.fixture(scope="module")
def facts(facts_of):
    grouped, _ = facts_of(ARTICLES, "滨江区")
    return {doc: [(f.measure, f.number, f.aspect) for f in fs] for doc, fs in grouped.items()}


@pytest.mark.parametrize("doc, rates", [
    ("respective.txt", [("规上工业营收", 12.5), ("工业增加值", 17.3), ("税收收入", 8.9)]),
    ("respective4.txt", [("工业产值", 19.7), ("服务业营收", 18.2), ("财政总收入", 10.6), ("技改投资", 25.1)]),
])
def test_respective_rates_follow_the_levels(facts, doc, rates):
    assert [(m, n) for m, n, aspect in facts[doc] if aspect == "growthRate"] == rates


def test_rates_without_enough_levels_are_not_paired(facts):
    assert ("营业收入", 6, "growthRate") not in facts["fewer.txt"]


@pytest.mark.parametrize("doc, expected", [
    ("rank.txt", [("国家级经开区排名", 27, "rank"), ("国家级经开区排名", 5, "change"),
                  ("实际使用外资全国排名", 6, "rank")]),  # 230家 is the field ranked in; 提高5个位次 moves the rank;
    # 第6 needs no 位
    ("share.txt", [("光伏组件出货量", 9, "level"), ("光伏组件出货量占全国出货量比重", 45, "level"),
                   ("光伏组件出货量占全球出货量比重", 21, "level")]),
    ("share2.txt", [("规上工业产值占全市比重", 38, "level")]),
    ("share3.txt", [("规模以上工业总产值", 512.3, "level"), ("规模以上工业总产值占全市比重", 21, "level")]),
])
def test_shares_and_ranks(facts, doc, expected):
    assert facts[doc] == expected
