import pytest

from kg.numbers import find_amounts, parse_amount


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("1.8万亿元", 1.8e12, "元", ""),
    ("近4.5亿元", 4.5e8, "元", "nearly"),
    ("超100亿元", 1e10, "元", "over"),
    ("74289元", 74289, "元", ""),
    ("1.078%", 1.078, "%", ""),
    ("2819亩", 2819, "亩", ""),
    ("6.2万名", 62000, "名", ""),
    ("两个台阶", 2, "个", ""),
    ("140余个", 140, "个", "moreThan"),
    ("近百张", 100, "张", "nearly"),
    ("150场以上", 150, "场", "atLeast"),
])
def test_amounts(text, value, unit, qualifier):
    a = parse_amount(text)
    assert a is not None
    assert a.value == pytest.approx(value)
    assert (a.unit, a.qualifier) == (unit, qualifier)


def test_plan_period_is_not_an_amount():
    assert parse_amount("“十五五”开局之年") is None


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("3.6万余人", 36000, "人", "moreThan"),  # the 余 after the multiplier
    ("12.5‰", 12.5, "‰", ""),
    ("0.8个百分点", 0.8, "百分点", ""),
    ("3000平方公里", 3000, "平方公里", ""),
    ("20万元左右", 200000, "元", "about"),
    ("5亿元以下", 5e8, "元", "atMost"),
    ("三大开发区", 3, "个", ""),
    ("约750亿人民币", 7.5e10, "元", "about"),  # not 750亿人 and 民币
    ("34万平米", 340000, "平方米", ""),
    ("125宗", 125, "宗", ""),
    ("7款", 7, "款", ""),  # models of a product (7款车型)
    ("10万台套", 100000, "台套", ""),
    ("增长1.4 %", 1.4, "%", ""),  # a statistical bulletin's space before the percent sign
    ("自然增长率为-3.01‰", -3.01, "‰", ""),  # a negative rate as written
    ("开钻气井54口", 54, "口", ""),
])
def test_more_amounts(text, value, unit, qualifier):
    a = parse_amount(text)
    assert a is not None
    assert (a.value, a.unit, a.qualifier) == (pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize("text,qualifier", [("签约3亿元", ""), ("节约200吨", ""), ("约3亿元", "about"), ("超5000家", "over")])
def test_qualifier_is_not_part_of_a_word(text, qualifier):
    assert parse_amount(text).qualifier == qualifier


def test_ratio_before_a_change():
    from kg.numbers import find_amounts

    assert [a.value for a in find_amounts("收入比从2.05缩小至1.93，")] == [2.05, 1.93]


def test_the_verb_da_is_not_written_with_the_amount():
    a = parse_amount("收入达到74289元")
    assert (a.written, a.qualifier) == ("74289元", "")


@pytest.mark.parametrize("text,written", [("1-2月增长5%", ["5%"]), ("规划期2021-2025年，投资3亿元", ["3亿元"]),
                                          ("增长-3%", ["3%"])])
def test_a_hyphen_is_no_minus_sign_after_anything_but_a_copula(text, written):
    assert [a.written for a in find_amounts(text)] == written


@pytest.mark.parametrize("text, written, value, unit_written, qualifier", [
    ("某市签约417个项目，总金额3415.7亿！", "3415.7亿", 3415.7e8, "亿", ""),  # a headline drops the 元
    ("总投资1.33万亿的重大项目", "1.33万亿", 1.33e12, "万亿", ""),
    ("超6800亿投向何处", "超6800亿", 6800e8, "亿", "over"),
    ("总投资约120亿，建设…", "约120亿", 120e8, "亿", "about"),
    ("投资100亿以上的项目", "100亿以上", 100e8, "亿", "atLeast"),
])
def test_sums_in_yi_without_yuan_are_money(text, written, value, unit_written, qualifier):
    money = [a for a in find_amounts(text) if a.unit == "元"]
    assert [(a.written, a.unit_written, a.qualifier) for a in money] == [(written, unit_written, qualifier)]
    assert money[0].value == pytest.approx(value)


@pytest.mark.parametrize("text, unit", [
    ("年产350亿粒胶囊", "粒"),  # 亿 of a counted unit stays that unit
    ("产业工人20万", None),  # a bare 万 is no sum of money
    ("生产10亿包纸巾", None),  # 亿 before a word of its own: not money
])
def test_yi_before_a_unit_or_a_word_is_no_bare_sum(text, unit):
    assert [a.unit for a in find_amounts(text)] == ([unit] if unit else [])
