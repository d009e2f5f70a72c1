import pytest

from kg.numbers import parse_amount


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
