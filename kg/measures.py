"""Measure names: a clause's phrase cut to the clean noun phrase naming what is measured, and its concept in
the SKOS measure scheme of ontology/measures.ttl (so figures group across articles and years)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SCHEME_FILE = Path(__file__).resolve().parent.parent / "ontology" / "measures.ttl"
MEASURE_NS = "https://kg.example.org/measure#"
COUNT_UNITS = {"个", "家", "项", "名", "人", "所", "支", "条", "座", "户", "批", "套", "张", "台", "辆", "场", "笔", "只",
               "种", "单", "粒", "双", "道", "类", "宗", "台套",
               "件", "位", "处", "艘", "架", "例", "人次", "次", "口", "款"}

TIME = (r"(?:20\d\d年(?:\d{1,2}月)?(?:底|末|以来|来)?|\d{1,2}(?:至|—|－|-|~)\d{1,2}月(?:份)?|"
        r"(?:今年|去年|前年|当年|本年|全年|上半年|下半年|前三季度|[一二三四]季度|过去一年|近年来|近年|近\d+年|"
        r"过去\d+年|\d+年来|截至目前|至今|截至\d{1,2}月底?|目前|当前|现在|如今|每年|年内|年底|期间|同期)(?:以来)?)")
LEAD = re.compile(rf"^(?:(?:到|至|截至|截止|于)?{TIME}|(?:该|本|我)(?:区|市|县|镇|省|园区|公司|企业)(?=[\u4e00-\u9fff]{{2}})|"
                  rf"(?:正在|正)?(?:大力|加快|全力)(?:推进|建设|实施|打造)(?=[\u4e00-\u9fff]{{2}})|正在?(?=加快|全力|大力)|以上|以下|之间的?|该|这座|这个|这家|这些|此(?![次前])|有(?![效机色线关限])|[(（]?(?:折合|约合|按可比价计算|按[^，,；;]{{0,8}}?(?:折算|计算|换算)(?:为|成)?)|建成后|投产后|达产后|建成投产后|现已|村内|区内|园区内|园内|镇内|市内|境内|(?:较|比)(?:上一?年度?|去年|上年同期|去年同期|同期|上期|年初)|此次|本次|这次|当天|当日|同日|率先|依托|了(?![解结却])(?=[\u4e00-\u9fff]{{2}})|"
                  r"一(?:座|个|家|批|项)(?=[\u4e00-\u9fff]{2})|[一二两三四五六七八九十]+年来|初步核算|按可比价格计算|扣除价格因素|已有|还有|共有|现有|拥有|建有|已经|其中|同时|此外|另外|并且|已经|总共|共计|合计|累计|全区|全市|全县|全镇|全省|该区|该市|"
                  r"实现|完成|达到|形成了?|包括|包含|涉及|拥有|共有|现有|力争|确保|计划|争取|预计|预期|有望|目标|努力|力求|相继|先后|陆续|"
                  r"持续|进一步|成功|分别|一举|首次|以及|的(?=[\u4e00-\u9fff]{2})|在(?![建手谈线营产华])(?=[\u4e00-\u9fff]{2})|由(?=[\u4e00-\u9fff]{2})|"
                  r"从(?=[\u4e00-\u9fff]{2})|等(?=[\u4e00-\u9fff]{2})|[为是和及与](?=[\u4e00-\u9fff]{2})|就(?![业医读诊餐近地])|[并还已仅均也将拟]|现(?=[仅为已有在])|共(?![同享建])|，|,|\s)+")
TRAIL = re.compile(r"(?:历史上首次|历史性地|首次|(?<![许认])可|先后|相继|陆续|接连|连续|跨越|迈上|站上|跃上|跻身|超过|(?<![赶])超|逾|突破|(?<![附将接])近|(?<![节制大签])约|达到|(?<![到送])达|(?<![作行认成])为|"
                   r"(?<![就还但只总正或若])是|拥有|共有|现有|建有|还有|已有|(?<![所拥])有|共|累计|合计|总计|共计|实现|"
                   r"完成|分别|均|已|再|又|了|的|(?<![所存现])在|从|由|截至|(?<![截])至|(?<![达做得])到|以上|以下|左右|"
                   r"(?:比|较)(?:今年|去年|上年|上一年度?|同期|上月|年初|[一二三四]季度|上半年)+|年均|同比|比上年|较上年|高达|仅|约为|约合|折合|保持|稳定在|维持在|控制在|(?:估计|预计|预期)(?:将|能|可)?|(?:将|能|可)(?<!产能)|\s)+$")
JUNK = re.compile(r"[0-9０-９、，,;；:：()（）\[\]【】]|等$|^(?:是|有|数量|等|达|为|约|超|近|数)$|^(?:相较|相比|较|比)|"
                  r"年前$|年来$|^同期$|^(?:全国|全省|全市|全区|全县|全球|世界|国际|国内|省|市|区|国)前?数$")
AREA_UNITS = {"平方米", "平方公里", "亩", "公顷"}
BUILT_THING = r"(?:项目|厂房|大楼|楼宇|中心|基地|场馆|设施|车间|仓库|仓储|工厂|综合体|住宅|公寓|用房|校区|园区|实验室)$"
QUOTES = re.compile(r"[“”\"‘’「」『』《》〈〉'·]")
BRACKET = re.compile(r"[(（][^()（）]*[)）]|\[\d+\]|【[^】]*】")  # notes and footnote marks
STOP = {"数量", "总量", "规模", "数", "数字", "个数", "其中", "同比", "增长", "比重", "企业", "项目"}


def clean_measure(phrase: str) -> str:
    """The clean noun phrase of `phrase` (what precedes or follows an amount), or '' when none is left."""
    m = QUOTES.sub("", BRACKET.sub("", phrase))
    m = re.split(r"[)）]", m)[-1]  # ）投资占比: an aside closed before the phrase
    if re.search(r"[(（]", m):  # 面积（其中规划区内面积 / 项目（: an aside opened inside the phrase
        before, _, after = re.split(r"([(（])", m, maxsplit=1)[0], None, re.split(r"[(（]", m)[-1]
        return clean_measure(after) or clean_measure(before)
    m = re.sub(r"\s+", "", m)
    m = re.split(r"—{2,}|(?<!\d)—(?!\d)|…+|-{2,}", m)[-1]  # 成绩单——上半年生产总值: what follows the dash
    m = re.sub(r"(?<=.)全(?:市|区|县|省|镇)(?=.)", "", m)  # 年末全市常住人口 → 年末常住人口
    prev = None
    while prev != m:
        prev = m
        m = LEAD.sub("", m)
        m = TRAIL.sub("", m)
    # 开发区实现工业产值 / 某园拥有高新技术企业: an unnamed subject and its verb before the measure
    m = re.sub(r"^[\u4e00-\u9fff]{0,8}(?:区|园|市|县|镇|乡|村|公司|集团)(?:已|共|累计)?(?:实现|完成|拥有|共有)(?=[\u4e00-\u9fff]{2})",
               "", m)
    return m + "面积" if m.endswith("占地") else m  # 占地300亩: the land area


def is_clean(m: str) -> bool:
    return 2 <= len(m) <= 16 and not JUNK.search(m) and m not in {"数量", "总量"}


def count_name(noun: str, unit: str) -> str:
    """The measure of a count: 社区书屋 counted in 家 → 社区书屋数 (a noun already ending in 数/量 stays)."""
    if unit in COUNT_UNITS and noun.endswith("规模") and len(noun) > 2:
        return noun[:-2] + unit + "数"  # 业务规模12万笔 → 业务笔数
    if unit in COUNT_UNITS and len(noun) < 16 and not re.search(r"(?:数|量|率|额|值|比|面积|人次)$", noun):
        return noun + "数"
    if unit in AREA_UNITS and len(noun) <= 14 and re.search(BUILT_THING, noun):
        return noun + "面积"  # 34万平方米实验室项目 / 标准厂房5万平方米: the area of what is built
    return noun


@dataclass(frozen=True)
class Concept:
    id: str  # local name in the measure namespace, e.g. "gdp"
    zh: str
    en: str
    pattern: re.Pattern
    units: frozenset | None  # None: any unit
    order: int

    @property
    def iri(self) -> str:
        return MEASURE_NS + self.id


@lru_cache(maxsize=1)
def scheme() -> tuple[Concept, ...]:
    """The concepts of ontology/measures.ttl in match order."""
    from rdflib import Graph, Literal, Namespace
    from rdflib.namespace import RDF, SKOS

    kgo = Namespace("https://kg.example.org/ontology#")
    g = Graph().parse(SCHEME_FILE, format="turtle")
    out = []
    for c in g.subjects(RDF.type, SKOS.Concept):
        labels = {o.language: str(o) for o in g.objects(c, SKOS.prefLabel) if isinstance(o, Literal)}
        unit = g.value(c, kgo.matchUnit)
        units = None if unit is None else frozenset(str(unit).split()) or frozenset({""})
        out.append(Concept(str(c)[len(MEASURE_NS):], labels["zh"], labels["en"],
                           re.compile(str(g.value(c, kgo.matchPattern))), units, int(g.value(c, kgo.matchOrder))))
    return tuple(sorted(out, key=lambda c: c.order))


def concept_of(measure: str, unit: str | None) -> Concept | None:
    """The first concept whose pattern matches the measure and whose units admit the fact's unit (None: a growth
    rate or change, whose unit says nothing of what grew)."""
    for c in scheme():
        if c.pattern.search(measure) and (c.units is None or unit is None or unit in c.units):
            return c
    return None


def script_of(simplified: str, original: str) -> dict[str, str] | None:
    """How an article written in traditional characters spells each simplified character it uses (None when the
    article is simplified): the measure is stored in the article's own script."""
    if simplified == original:
        return None
    seen: dict[str, dict[str, int]] = {}
    for s, o in zip(simplified, original):
        if s != o or s in seen:
            seen.setdefault(s, {}).setdefault(o, 0)
            seen[s][o] += 1
    return {s: max(os, key=lambda o: (os[o], o)) for s, os in seen.items()}


def in_script(measure: str, chars: dict[str, str] | None) -> str:
    """`measure` spelt as the article spells it; characters the article never uses go through OpenCC s2t."""
    if not chars:
        return measure
    out = []
    for ch in measure:
        if ch in chars:
            out.append(chars[ch])
        else:
            t = _s2t().convert(ch)
            out.append(t if len(t) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")
