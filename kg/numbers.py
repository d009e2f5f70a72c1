"""Amounts in Chinese text: numerals, multipliers (万/亿), units and qualifiers, normalised to base units."""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
MULT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
# unit as written → (base unit, factor of the multiplier part already handled separately)
UNITS = ["元", "人民币", "美元", "亩", "%", "个", "家", "项", "名", "人次", "人", "吨", "平方米", "公里", "套", "张", "所", "支",
         "条", "笔", "天", "例", "场", "台", "辆", "座", "户", "批", "倍", "千瓦时", "千瓦", "标箱", "次", "微克/立方米", "微克",
         "平方公里", "公顷", "‰", "个百分点", "百分点", "立方米", "件", "位", "处", "艘", "架", "间", "栋", "公斤", "千克", "欧元", "港元",
         "㎡", "方米", "平方千米", "米", "兆瓦时", "兆瓦", "吉瓦时", "吉瓦", "GWh", "GW", "MWh", "MW", "小时", "个月",
         "只", "种", "单", "粒", "双", "道", "类", "个位次", "位次", "平米", "宗", "台套", "口", "款"]
#: units written in more than one way → the one facts carry (the amount as written keeps the spelling)
SAME_UNIT = {"人民币": "元", "个百分点": "百分点", "个位次": "位", "位次": "位", "㎡": "平方米", "方米": "平方米", "平米": "平方米", "平方千米": "平方公里",
             "GWh": "吉瓦时", "GW": "吉瓦", "MWh": "兆瓦时", "MW": "兆瓦"}
PRE_QUAL = {"超过": "over", "超": "over", "过": "over", "逾": "over", "突破": "over", "近": "nearly", "约": "about",
            "达到": "", "达": "", "不少于": "atLeast"}
POST_QUAL = {"余": "moreThan", "多": "moreThan"}
NUMERAL = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
AMOUNT = re.compile(
    rf"(?P<pre>超过|(?<![赶])超|(?<![超经通跨度越])过|逾|突破|(?<![附将接最])近|(?<![签节制大公合条契])约|达到|达|不少于)?(?P<neg>(?<=[为是：:])[-−－](?=\d))?(?P<num>{NUMERAL})(?P<post>余|多)?"
    rf"(?P<sp>[ \u3000\u00a0](?=[余多万亿千]?[^\W\d_]|[%‰]))?(?P<mult>万亿|亿|万|千)?(?P<post2>余|多)?(?P<unit>{'|'.join(sorted(UNITS, key=len, reverse=True))})"
    rf"(?P<tail>以上|以下|左右)?")
#: 三大开发区: a count written as numeral + 大 before what is counted
BIG_COUNT = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万亿第])(?P<num>[两三四五六七八九十])大(?=[\u4e00-\u9fff“\"])")


@dataclass
class Amount:
    written: str
    number: float  # as written, before the multiplier (1.8 in 1.8万亿元)
    value: float  # in base units (1.8e12 元)
    unit: str  # base unit (元)
    unit_written: str  # 万亿元
    qualifier: str
    start: int
    end: int


def cn_number(text: str) -> float | None:
    """Chinese numerals → number: 百 → 100, 十五 → 15, 两 → 2, 三千二百 → 3200."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total, cur = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (cur or 1) * CN_UNITS[ch]
            cur = 0
        else:
            return None
    return float(total + cur)


def find_amounts(text: str) -> list[Amount]:
    out = []
    for m in AMOUNT.finditer(text):
        num = cn_number(m.group("num"))
        if num is None:
            continue
        if m.group("sp") and not m.group("num")[0].isdigit():
            continue  # 一 万: a space inside words
        if not m.group("num")[0].isdigit() and m.group("unit") not in ("家", "个", "张", "名", "项", "亿", "元") \
                and not m.group("mult"):
            continue
        # 十五五 / 十四五 are plan periods, not amounts
        if re.match(r"[“\"]?十[一二三四五六七八九]五", text[m.start():m.start() + 4]):
            continue
        num = -num if m.group("neg") else num  # 自然增长率为-3.01‰: a negative rate as written
        mult = MULT.get(m.group("mult") or "", 1)
        unit = SAME_UNIT.get(m.group("unit"), m.group("unit"))
        post = m.group("post") or m.group("post2") or ""
        qual = PRE_QUAL.get(m.group("pre") or "", "") or POST_QUAL.get(post, "")
        qual = {"以上": "atLeast", "以下": "atMost", "左右": "about"}.get(m.group("tail") or "", qual)
        start = m.start("num") if m.group("pre") in ("达到", "达") else m.start()  # 达 is the verb, not a qualifier
        out.append(Amount(text[start:m.end()], num, num * mult, unit, (m.group("mult") or "") + m.group("unit"), qual, start,
                          m.end()))
    taken = [(a.start, a.end) for a in out]
    for m in RATIO.finditer(text):  # 收入倍差缩小至1.59: a bare ratio
        if not any(x < m.end() and m.start() < y for x, y in taken):
            num = float(m.group("num"))
            out.append(Amount(m.group("num"), num, num, "", "", "", m.start("num"), m.end("num")))
    for m in BARE_RANK.finditer(text):  # 位列全国第8。: a rank without 位
        if not any(x < m.end() and m.start() < y for x, y in taken):
            num = float(m.group("num"))
            out.append(Amount(m.group("num"), num, num, "位", "", "", m.start("num"), m.end("num")))
    for m in BARE_MONEY.finditer(text):  # 总金额3415.7亿！/ 总投资1.33万亿的…: a sum in 亿 with its 元 dropped
        if not any(x < m.end() and m.start() < y for x, y in taken):
            num, mult = float(m.group("num")), m.group("mult")
            qual = PRE_QUAL.get(m.group("pre") or "", "") or POST_QUAL.get(m.group("post") or "", "")
            qual = {"以上": "atLeast", "以下": "atMost", "左右": "about"}.get(m.group("tail") or "", qual)
            start = m.start("num") if m.group("pre") in ("达到", "达") else m.start()
            out.append(Amount(text[start:m.end()], num, num * MULT[mult], "元", mult, qual, start, m.end()))
    for m in BIG_COUNT.finditer(text):
        if not any(x < m.end() and m.start() < y for x, y in taken):
            num = cn_number(m.group("num"))
            out.append(Amount(m.group(), num, num, "个", m.group()[-1], "", m.start(), m.end()))
    return sorted(out, key=lambda a: a.start)


BARE_MONEY = re.compile(r"(?P<pre>超过|(?<![赶])超|逾|突破|(?<![附将接最])近|(?<![签节制大公合条契])约|达到|达)?(?P<num>\d+(?:\.\d+)?)"
                        r"(?P<post>余|多)?(?P<mult>万亿|亿)(?P<tail>以上|以下|左右)?(?=[^\u4e00-\u9fffA-Za-z0-9.]|$|[的和与及至到投])")
BARE_RANK = re.compile(r"(?:位列|位居|排名|名列|排在|居)[^，,；;。第]{0,12}第(?P<num>\d{1,3})(?=[，,；;。、）)]|$)")
RATIO = re.compile(r"(?:至|为|到|是|从|由)(?P<num>\d+\.\d+)(?=[，。,;；、）)：:]|$|(?:提升|提高|增加|下降|减少|降低|缩小|"
                   r"缩短|扩大|上升|[扩增升降减缩])(?:到|至|为))")


def parse_amount(text: str) -> Amount | None:
    """The single amount of a short string such as 近4.5亿元 (None if there is none)."""
    found = find_amounts(text)
    return found[0] if found else None
