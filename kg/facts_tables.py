"""Figures of a statistical table flattened into text (a bulletin's 表1 with its cells one per line, or a row per line
split by |): each row label gives a measure, each column a level or a growth rate in the unit its header names."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .extract import SentenceAnalysis
from .measures import clean_measure, concept_of, is_clean
from .model import Evidence, Fact
from .numbers import find_amounts

#: 表1 2019年主要农产品产量 / 表12017年全区生产总值及其增长速度 (表1 + 2017年)
CAPTION = re.compile(r"^\s*表\s*[0-9一二三四五六七八九十]{1,2}?[\s:：.、]*(?:(?P<year>20\d\d)\s*年(?:度)?)?\s*"
                     r"(?P<what>[\u4e00-\u9fff（）()、]{2,30}?)\s*[|｜]?\s*$")
NUMBER = re.compile(r"[-−－]?\d+(?:\.\d+)?|持平")  # 持平: no change (0)
UNIT_IN = re.compile(r"[(（]([^()（）]{1,8})[)）]")
GROWTH_HEAD = re.compile(r"增长|增速|增幅|比上年|比去年|同比|增减|涨跌|涨幅|±")
#: a level column that only says "the value": the row label (with the table's measure) is the measure
PLAIN_HEAD = re.compile(r"^(?:绝对[值数额量]|数值|数额|总量|总额|金额|数量|本年|本期|全年|本年累计|累计|实绩|完成|完成值|指标值|"
                        r"\d{4}年)$")
LABEL_HEAD = re.compile(r"^(?:指标|指标名称|项目|类别|名称|产品名称|产品|行业|地区|分类|单位)$")
#: the measure a table tells, once its scope, place and "及其增长速度" are cut off
CAPTION_TAIL = re.compile(r"(?:及其|及)?(?:增长速度|增速|增长情况|主要指标|完成情况|情况)$")
HEADS = ("增加值", "价格", "产量", "产值", "面积", "收入", "支出", "销售额", "投资", "总额", "人数", "价格", "指数", "数量", "产能",
         "消费量", "吞吐量", "客运量", "货运量", "用电量")
SCOPE = re.compile(r"^(?:其中[:：]?|#|全区|全市|全省|全县|全州|全盟|全旗|全国|主要|规模以上|规上)+")
MAX_CELL = 24
#: a table's header line with no caption above it: 指 标 | 涨跌幅度(%) | (its first cell names the rows)
HEADER = re.compile(r"^\s*[|｜]?\s*(?:指\s*标|项\s*目|类\s*别|指标名称|产品名称)\s*[|｜]\s*\S[^|｜]*[(（][^()（）]{1,8}[)）]")


@dataclass
class Cell:
    text: str
    start: int  # offset in the article text
    line_end: bool  # the last cell of its line


def table_facts(text: str, analyses: list[SentenceAnalysis], subject: str | None, year: int | None,
                prose: list[Fact]) -> list[Fact]:
    """The facts of every flattened table in the text, about SUBJECT (the article's topic); a figure the prose
    already gave (same subject, value and aspect, one measure inside the other) is not repeated."""
    if not subject or "表" not in text and "|" not in text:
        return []
    out: list[Fact] = []
    said: dict[tuple, list[str]] = {}
    for f in prose:
        said.setdefault((f.subject, round(f.value, 6), f.aspect), []).append(f.measure)
    for cap in re.finditer(r"(?m)^.*$", text):
        m = CAPTION.match(cap.group())
        header = HEADER.match(cap.group()) if m is None else None
        if m is None and header is None:
            continue
        what = caption_measure(m.group("what"), analyses, cap.start()) if m else None
        at = cap.end() if m else cap.start()  # a header line without a caption is the table's first line
        for f, label in _read_table(text, at, what, int(m.group("year")) if m and m.group("year") else year, subject,
                                    analyses):
            names = said.setdefault((f.subject, round(f.value, 6), f.aspect), [])
            if not any(f.measure in n or n in f.measure or len(label) >= 2 and label in n for n in names):
                # 生产总值 = 地区生产总值, 衣着 = 衣着类: said before
                names.append(f.measure)
                out.append(f)
    return out


def caption_measure(what: str, analyses: list[SentenceAnalysis], at: int) -> str:
    """全区生产总值及其增长速度 → 生产总值; 玉环市生产总值 → 生产总值 (the place the caption names is the subject)."""
    what = CAPTION_TAIL.sub("", re.sub(r"\s", "", what))
    for a in analyses:
        if a.sentence.start <= at < a.sentence.end + 1:
            for mt in a.mentions:
                if mt.type == "Place" and what.startswith(mt.text):
                    what = what[len(mt.text):]
    return SCOPE.sub("", what)


def _cells(text: str, start: int) -> list[Cell]:
    out: list[Cell] = []
    for line in re.finditer(r"(?m)^.*$", text[start:]):
        raw = line.group()
        if not raw.strip():
            continue
        parts = [p for p in re.finditer(r"[^|｜]+", raw) if p.group().strip()]
        if not parts or any(len(re.sub(r"\s", "", p.group())) > MAX_CELL or re.search(r"[，。；,;]", p.group())
                            for p in parts):
            break  # the prose after the table
        for k, p in enumerate(parts):
            out.append(Cell(re.sub(r"\s", "", p.group()), start + line.start() + p.start()
                            + len(p.group()) - len(p.group().lstrip()), k == len(parts) - 1))
        if len(out) > 400:
            break
    return out


def _read_table(text: str, start: int, what: str | None, year: int | None, subject: str,
                analyses: list[SentenceAnalysis]) -> list[tuple[Fact, str]]:
    cells = _cells(text, start)
    first = next((i for i, c in enumerate(cells) if NUMBER.fullmatch(c.text)), None)
    if first is None or first < 2:
        return []
    head = [c.text for c in cells[:first - 1] if not LABEL_HEAD.match(c.text)]
    columns = [_column(h) for h in head]
    if not columns or any(c is None for c in columns):
        return []
    k, out, i = len(columns), [], first - 1
    if what is None:  # no caption: the first row is the whole (居民消费价格), the rows after it its parts
        what = SCOPE.sub("", cells[i].text)
    while i + k < len(cells) and not NUMBER.fullmatch(cells[i].text) \
            and all(NUMBER.fullmatch(c.text) for c in cells[i + 1:i + 1 + k]) and len(cells[i + 1:i + 1 + k]) == k:
        label = cells[i].text
        for (kind, unit, name), cell in zip(columns, cells[i + 1:i + 1 + k]):
            f = _fact(label, what, kind, unit, name, cell, year, subject, analyses)
            if f is not None:
                out.append((f, SCOPE.sub("", label)))
        i += k + 1
    return out


def _column(head: str) -> tuple[str, str, str] | None:
    """A column header → (aspect, unit as written, its own measure word): 绝对值(亿元) → (level, 亿元, ''),
    比上年增长(%) → (growthRate, %, ''), 产量(万吨) → (level, 万吨, 产量)."""
    unit = UNIT_IN.search(head)
    name = UNIT_IN.sub("", head)
    if GROWTH_HEAD.search(name):
        return "growthRate", "%", ""
    if unit is None or not find_amounts("1" + unit.group(1)):
        return None
    return "level", unit.group(1), "" if PLAIN_HEAD.match(name) else name


def row_measure(label: str, what: str, name: str) -> str:
    """The measure of a row: 工业 in a table of 生产总值 → 工业增加值 (a sector's part of GDP is its value added);
    粮食 in 主要农产品产量 → 粮食产量; 粮食 under a column 产量 → 粮食产量; 地区生产总值 → itself."""
    label = SCOPE.sub("", label).replace("、", "")  # 交通运输、仓储和邮政业: one sector (、 is no part of a clean name)
    if name:
        return label if label.endswith(name) else label + name
    if re.search(r"生产总值|GDP", what):
        return label if re.search(r"生产总值|GDP|增加值", label) else label + "增加值"
    head = next((h for h in HEADS if what.endswith(h)), what)
    return label if label.endswith(head) or label == what else label + head


def _fact(label: str, what: str, kind: str, unit: str, name: str, cell: Cell, year: int | None, subject: str,
          analyses: list[SentenceAnalysis]) -> Fact | None:
    measure = clean_measure(row_measure(label, what, name))
    number = "0" if cell.text == "持平" else cell.text.replace("−", "-").replace("－", "-")
    found = find_amounts(number.lstrip("-") + unit)
    sentence = next((a.sentence for a in analyses if a.sentence.start <= cell.start < a.sentence.end), None)
    if not is_clean(measure) or not found or sentence is None:
        return None
    amt, sign = found[0], -1 if number.startswith("-") else 1
    concept = concept_of(measure, amt.unit if kind == "level" else None)
    return Fact(subject=subject, measure=measure, value=sign * amt.value + 0.0, unit=amt.unit,
                written=cell.text if cell.text == "持平" else cell.text + unit,
                number=sign * amt.number, unit_written=amt.unit_written, evidence=Evidence.of(sentence), year=year,
                aspect=kind, direction=("down" if sign < 0 else "up") if kind == "growthRate" else "",
                concept=concept.id if concept else "", offset=max(0, sentence.text.find(cell.text)))
