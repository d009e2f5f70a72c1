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
