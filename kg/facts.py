"""Numeric facts: each amount of a sentence with its clean measure (before it, or the noun it counts), the entity
the clause is about, year, period, status (achieved/target/forecast) and aspect (level, growth rate, change, rank)."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .facts_context import period_at, published, reference_year, status_at, title_year, topic_of, usual_year, year_of
from .facts_subject import heading_topic, is_heading, names_own_subject, sentence_topic, subject_of
from .measure_phrase import (CLAUSE, MONEY, NOUN_END, counted_noun, in_view, name_capacities, place_named, pre_measure,
                             respective_names, token_at, verb_before)
from .measures import COUNT_UNITS, clean_measure, concept_of, count_name, in_script, is_clean, script_of
from .model import Article, Evidence, Fact, Token
from .numbers import Amount, find_amounts

GROWTH = re.compile(r"(?:同比|比上年同期|比上年末|较上年末|比上年|较上年|比去年|较去年|较同期|比同期|年均|分别|均)?(?P<verb>增长|增加|提高|提升|"
                    r"上升|扩大|上涨|增速为?|增幅为?|比增|前进|下降|减少|降低|回落|缩小|缩短|压缩|下滑|下跌|后退)(?:了)?$")
DOWN = ("后退", "下跌", "下降", "减少", "降低", "回落", "缩小", "缩短", "压缩", "下滑", "降", "减", "缩")
CHANGE_TO = re.compile(r"(?:的)?(?P<verb>提升|提高|增加|增长|上升|扩大|跃升|下降|减少|降低|缩小|缩短|压缩|[扩增升降减缩])(?:到|至|为)")
COPULA = re.compile(r"(?:总数|数量|总量)?(?:已)?(?:达到|达|为|有|共有|共计|共|合计|累计)?")
FROM = re.compile(r"(?:从|由)(?:(?P<year>20\d\d)年(?:的)?)?$")
#: the far end of 从A…B: 提升至B, 增长到2021年的B, 到2024年迈上B (a verb or a year, or both, before B)
FROM_TO = re.compile(r"(?:的)?(?P<verb>提升|提高|增加|增长|上升|扩大|跃升|下降|减少|降低|缩小|缩短|压缩|[扩增升降减缩])?(?:到|至)"
                     r"(?:(?P<year>20\d\d)年(?:底|末)?(?:的|迈上|达到|突破|跃升至|增至|增加到|提高到)?)?")


def extract_facts(article: Article, analyses: list[SentenceAnalysis], keys: dict[int, str],
                  types: dict[str, str], district: str | None) -> list[Fact]:
    out: list[Fact] = []
    recent: dict[str, str] = {}
    last_level: Fact | None = None
    year, prev_end = None, 0  # the year in force in the current paragraph
    district = topic_of(article, analyses, keys, types, district)
    pub = published(article.text)
    ref = reference_year(article)  # the year 今年 and bare dates count from
    when = (ref, pub[1:] if pub else None)
    default_year = title_year(article) or usual_year(article.text) or ref
    carried = None  # what the paragraph's previous sentence is about
    named: set[tuple[str, str]] = set()  # capacities already read from a project's name
    section = None  # what the current section heading names
    for a in analyses:
        if "\n" in article.text[prev_end:a.sentence.start]:
            year, carried = None, section
        prev_end = a.sentence.end
        line_start = article.text.rfind("\n", 0, a.sentence.start) + 1
        line_end = article.text.find("\n", a.sentence.end)
        line = article.text[line_start:line_end if line_end >= 0 else len(article.text)]
        if line.strip() == a.sentence.text.strip() and is_heading(line):
            section = carried = heading_topic(a, line, keys, types)
        own = names_own_subject(a.tokens)
        facts = _sentence_facts(a, keys, recent, (None if own else carried) or district, last_level, year, types, when)
        for f in facts + (caps := _name_capacities(a, keys, named, year, when)):
            if f.year is None:
                f.year = default_year  # no cue in the paragraph: the headline's year, else the article's
        out += facts + caps
        levels = [f for f in facts if f.aspect == "level"]
        last_level = levels[-1] if levels else None
        year = year_of(a.sentence.text, len(a.sentence.text), ref, year, when[1])
        carried = sentence_topic([m for m in a.mentions if keys.get(id(m))], a.sentence.text, keys) or carried
        for m in a.mentions:
            if keys.get(id(m)):
                recent[m.type] = keys[id(m)]
                if m.type == "Place" and keys[id(m)].endswith("村"):
                    recent["村"] = keys[id(m)]  # what a later 村内 refers to
    chars = script_of(article.text, article.original)
    for f in out:  # grouped by concept (found on the simplified name); named in the article's own script
        written = in_script(f.measure, chars)
        if written != f.measure:
            f.measure, f.measure_lang = written, "zh-Hant"
    return [f for f in out if f.subject]


def _sentence_facts(a: SentenceAnalysis, keys, recent, district, carried: Fact | None,
                    ctx_year: int | None, types: dict[str, str], when: tuple) -> list[Fact]:
    text = a.sentence.text

    def yr(pos: int) -> int | None:
        return year_of(text, pos, when[0], ctx_year, when[1])

    items = [m for ls in a.lists if len(ls.items) > 1 for m in ls.items]
    ms = [m for m in a.mentions if keys.get(id(m)) and  # a count of A、B等 is the holder's, nor a name inside A
          not any(i.start <= m.start and m.end <= i.end for i in items)]
    amounts, thresholds = _amounts(text, ms, a.tokens)
    respective = respective_names(text, amounts, a.mentions)
    phrase_of: dict[int, str] = {}  # the phrase a count's measure was named from (业务规模 for 业务笔数)
    out: list[Fact] = []
    last_level = carried
    used_to = -1  # end of the text already read as some fact's measure (enumerations start after it)
    skip: set[int] = set()
    for i, amt in enumerate(amounts):
        if i in skip:
            continue
        cstart = max((x.end() for x in CLAUSE.finditer(text, 0, amt.start)), default=0)
        counted = [m for m in a.mentions if amt.unit in COUNT_UNITS and m.type in ("Project", "Company")
                   and COPULA.fullmatch(text, m.end, amt.start)]  # 文旅项目(达)17个: a category counted, not a project
        pstart = max([cstart, used_to] + [t.end for t in thresholds if cstart <= t.start < amt.start]
                     + [m.end for m in a.mentions if cstart <= m.start and m.end <= amt.start and m not in counted])
        pre = text[pstart:amt.start]
        subject = subject_of([m for m in ms if m not in counted], text, cstart, amt, recent, keys, district)
        base = dict(subject=subject, evidence=Evidence.of(a.sentence), period=period_at(text, amt.start),
                    status=status_at(text, amt.start), scope=_scope(thresholds, cstart, amt.start, text))
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        frm, to = FROM.search(pre), FROM_TO.match(text, amt.end)
        if frm and to and (to.group("verb") or to.group("year")) and nxt is not None and nxt.start == to.end() \
                and nxt.unit == amt.unit:  # 从A提升至B / 从2020年的A到2024年的B: both ends
            measure = pre_measure(text, pstart, pstart + frm.start(), a.tokens)
            if not measure:
                continue
            direction = "down" if to.group("verb") in DOWN or not to.group("verb") and nxt.value < amt.value else "up"
            year = int(frm.group("year")) if frm.group("year") else yr(amt.start)
            before = _fact(amt, measure, base, year=year, role="before", direction=direction)
            after = _fact(nxt, measure, base, year=int(to.group("year")) if to.group("year") else yr(nxt.start), role="after",
                          direction=direction, previous=before)
            out += [before, after]
            last_level, used_to = after, nxt.end
            skip.add(i + 1)
            continue
        if i in respective:  # A、B分别增长5%、8%: the k-th figure is the k-th name's
            measure, verb = respective[i]
            aspect = ("growthRate" if amt.unit in ("%", "倍") else "change") if verb else "level"
            out.append(_fact(amt, count_name(measure, amt.unit) if aspect == "level" else measure, base,
                             year=yr(amt.start), aspect=aspect,
                             direction=("down" if verb in DOWN else "up") if verb else ""))
            used_to = amt.end
            continue
        if text[amt.start - 1:amt.start] == "第" and not amt.qualifier:  # 位列全国第19位: a rank, not a count
            measure = re.sub(r"(?:位列|位居|名列|排名|排在|排|列|居)+$", "", clean_measure(text[pstart:amt.start - 1]))
            measure = clean_measure(re.sub(r"^(?:位列|位居|名列|排名|跻身)", "", measure))
            measure = measure if measure.endswith(("排名", "名次", "位次")) else measure + "排名"
            last_level = _fact(amt, measure, base, year=yr(amt.start), aspect="rank")
            out.append(last_level)
            used_to = amt.end
            continue
        growth = GROWTH.search(pre)
        run = _respective_levels(text, amounts, i, out) if growth and "分别" in pre[max(0, growth.start() - 2):] else []
        if run:  # A 5亿元、B 3亿元，分别增长8%、6%: the k-th rate is the k-th level's
            for j, lv in run:
                b = dict(base, subject=lv.subject)
                out.append(_fact(amounts[j], lv.measure, b, year=lv.year or yr(amounts[j].start), aspect="growthRate",
                                 direction="down" if growth.group("verb") in DOWN else "up"))
                skip.add(j)
            used_to = amounts[run[-1][0]].end
            continue
        if growth and amt.unit in ("%", "倍", ""):
            measure = pre_measure(text, pstart, pstart + growth.start(), a.tokens)
            if not measure and last_level is not None:
                measure, base["subject"] = last_level.measure, last_level.subject
            if measure:
                out.append(_fact(amt, measure, base, year=yr(amt.start),
                                 aspect="growthRate", direction="down" if growth.group("verb") in DOWN else "up"))
            used_to = amt.end
            continue
        change = CHANGE_TO.search(pre[-4:]) if pre else None  # 缩短至3天: the level reached
        noun, np_end = counted_noun(text, amt, a.tokens, pre)
        if noun:
            measure, used_to = noun, np_end
        elif not amt.written[:1].isdigit() and amt.unit in COUNT_UNITS and amt.value <= 10 and \
                not amt.written.startswith(("超", "近", "约")):
            continue  # 建设两个…: a count in words names what it counts after it, or it is no figure
        else:
            end = pstart + growth.start() if growth else \
                amt.start - len(change.group()) if change and pre.endswith(change.group()) else amt.start
            measure, used_to = pre_measure(text, pstart, end, a.tokens), amt.end
            if measure and amt.unit in COUNT_UNITS and verb_before(a.tokens, text, end):
                # 12个项目集中签约，其中现场签约10个: the verb is about the noun just counted in the same unit;
                # 正加快打造3个 with nothing counted before: nothing names what is counted
                head = next((phrase_of.get(id(f), f.measure) for f in reversed(out) if f.unit == amt.unit
                             and f.aspect == "level"), "")
                head = re.sub(r"数$", "", head)
                measure = "" if len(head) < 2 or len(measure) > 6 else head if head.startswith(measure) else \
                    measure + head if len(measure + head) <= 15 else measure + head[-2:]
        place = place_named(clean_measure(text[pstart:amt.start]), types) if not noun else None
        if place:  # 从签约项目来看，甲县14个，乙县13个: a short place name, then its share of the measure in view
            base["subject"], measure = place, in_view(text, amt.start, out)
        elif not measure and not clean_measure(pre) and any(m.end == amt.start and m.type == "Place" for m in ms):
            measure = in_view(text, amt.start, out)
        share = _share(text[pstart:amt.start], out) if amt.unit == "%" else ""
        if share:
            measure = share
        part = _breakdown(text, amt, out, cstart)
        if part:
            measure = part
        phrase = measure
        measure = count_name(measure, amt.unit) if measure else ""
        bare = pre[:growth.start()] if growth else pre
        if not measure and last_level is not None and last_level in out and not clean_measure(bare.strip("、和及与")):
            # 先后突破500亿元、600亿元 / 新增…企业4家、累计31家: the measure just named, once more
            measure = re.sub(r"数$", "", re.sub(r"^新增", "", phrase_of.get(id(last_level), last_level.measure)))
            measure = ("累计" if "累计" in pre else "") + measure
        if not measure:
            continue
        aspect = "change" if growth else "level"
        f = _fact(amt, measure, base, year=yr(amt.start), aspect=aspect,
                  direction=_direction(growth or change))
        out.append(f)
        phrase_of[id(f)] = phrase or measure
        if aspect == "level":
            last_level = f
    return [f for f in out if is_clean(f.measure)]  # never a fragment: a figure without a clean measure is left out


def _name_capacities(a: SentenceAnalysis, keys, named: set, ctx_year, when) -> list[Fact]:
    """年产40条X设备项目: the capacity a project's (or base's) own name states is a fact about it, read once."""
    out = []
    for m in a.mentions:
        if not keys.get(id(m)) or m.type not in ("Project", "Park"):
            continue
        for amt, measure in name_capacities(m.text, find_amounts(m.text)):
            if (keys[id(m)], amt.written) in named:
                continue
            named.add((keys[id(m)], amt.written))
            amt = Amount(amt.written, amt.number, amt.value, amt.unit, amt.unit_written, amt.qualifier,
                         amt.start + m.start, amt.end + m.start)
            text = a.sentence.text
            out.append(_fact(amt, measure, dict(subject=keys[id(m)], evidence=Evidence.of(a.sentence),
                                                period="", status="target", scope=""),
                             year=year_of(text, amt.start, when[0], ctx_year, when[1])))
    return [f for f in out if is_clean(f.measure)]


def _respective_levels(text: str, amounts: list[Amount], i: int, out: list[Fact]) -> list[tuple[int, Fact]]:
    """The rates of 分别增长a、b、c (from amount i on, joined by 、/和) paired with the levels named before, in order;
    [] when there are fewer levels than rates."""
    run = [i]
    while run[-1] + 1 < len(amounts) and amounts[run[-1] + 1].unit == amounts[i].unit and \
            re.fullmatch(r"[、，,和及与]", text[amounts[run[-1]].end:amounts[run[-1] + 1].start]):
        run.append(run[-1] + 1)
    levels = [f for f in out if f.aspect == "level" and f.offset < amounts[i].start]
    if len(run) < 2 or len(levels) < len(run):
        return []
    return list(zip(run, levels[-len(run):]))


def _share(pre: str, out: list[Fact]) -> str:
    """钛材产量7万吨，约占全国产量的65%、全球产量的33% / 产值占全市的52%: a share, named 甲占乙比重 (甲 the phrase
    before 占, else the level just named)."""
    m = re.search(r"占([^，,；;。占]{1,12}?)的$", pre)
    after_share = out and "占" in out[-1].measure and out[-1].unit == "%"
    if m is None and after_share:
        m = re.fullmatch(r"[、和及与]?()([^，,；;。]{1,12}?)的", pre)  # …、全球产量的33%
        whole = re.sub(r"占.*$", "", out[-1].measure)
    else:
        whole = clean_measure(pre[:m.start()]) if m else ""
        if not whole and out and out[-1].aspect == "level" and out[-1].unit != "%":
            whole = out[-1].measure
    if m is None:
        return ""
    part = re.sub(r"[“”\"‘’\s]", "", m.group(m.lastindex))  # its scope words (全市) kept: they say of what
    name = re.sub(r"数$", "", whole) + "占" + part + "比重"
    return name if is_clean(name) else "占" + part + "比重" if part and is_clean("占" + part + "比重") else ""


def _breakdown(text: str, amt: Amount, out: list[Fact], cstart: int) -> str:
    """建筑面积10万平方米（地上7万平方米，地下3万平方米）: a short label inside the brackets after a figure
    names a part of that figure's measure (地上建筑面积)."""
    opened = max(text.rfind("(", 0, amt.start), text.rfind("（", 0, amt.start))
    level = next((f for f in reversed(out) if f.aspect == "level" and f.offset < opened), None)
    if level is None or max(text.rfind(")", 0, amt.start), text.rfind("）", 0, amt.start)) > opened:
        return ""
    label = clean_measure(text[max(opened + 1, cstart):amt.start])
    measure = label + level.measure
    return measure if 2 <= len(label) <= 4 and len(measure) <= 16 and amt.unit == level.unit else ""


def _direction(m: re.Match | None) -> str:
    return "" if m is None else "down" if m.group("verb") in DOWN else "up"


def _fact(amt: Amount, measure: str, base: dict, **kw) -> Fact:
    unit = amt.unit if kw.get("aspect", "level") in ("level", "rank") else "%" if amt.unit == "百分点" else None
    c = concept_of(measure, unit)
    return Fact(measure=measure, value=amt.value, unit=amt.unit, written=amt.written, number=amt.number,
                unit_written=amt.unit_written, qualifier=amt.qualifier, concept=c.id if c else "",
                offset=amt.start, **base, **kw)


def _amounts(text: str, ms, tokens: list[Token]) -> tuple[list[Amount], list[Amount]]:
    """The amounts that are figures, and the thresholds (5亿元以上项目, 20万元家庭) that narrow a measure."""
    figures, thresholds = [], []
    for amt in find_amounts(text):
        if any(m.start <= amt.start and amt.end <= m.end for m in ms):
            continue  # a number inside a name (…政策12条)
        if re.match(r"\d{4}年", text[amt.start:amt.end + 1]) or text[amt.end:amt.end + 1] in "年月日号级":
            continue
        rest = text[amt.end:]
        if amt.unit_written == "大" and re.match(r"[^，,；;。]*?\d", rest):
            continue  # 三大主导产业产值占比上升至78%: the numeral counts what the next figure is about
        if _slogan(text, amt):
            continue
        if amt.written.endswith(("以上", "以下")) and re.match(r"的?[\u4e00-\u9fff]", rest) \
                and not re.match(r"的?(?:增长|提升|提高|下降|的增长)", rest):
            thresholds.append(amt)
            continue
        if amt.unit in MONEY and token_at(tokens, amt.end, NOUN_END) and not re.match(r"(?:大关|规模|水平)", rest) \
                and not (re.search(r"(?:投资|出资)$", text[:amt.start])  # 投资35亿元建设: the investment itself
                         and re.match(r"(?:建设|新建|兴建|建成|打造|实施)", rest)):
            thresholds.append(amt)  # 年收入20万元家庭 / 超50亿元项目: the amount qualifies the noun after it
            continue
        if re.match(r"[-—－~至到]", rest) and any(b.start == amt.end + 1 for b in find_amounts(text)) \
                and not re.match(r"(?:至|到)[\d.]+(?:[万亿]?元)?[，,。；;]", rest):
            thresholds.append(amt)  # 50亿元-100亿元项目2个: the lower end of a range
            continue
        figures.append(amt)
    return figures, thresholds


def _in_short_quote(text: str, pos: int) -> bool:
    """Inside a short quoted phrase (a slogan), not a long quoted speech."""
    opened = text.rfind("“", 0, pos)
    return opened >= 0 and text.rfind("”", opened, pos) < 0 and pos - opened <= 8 and "”" in text[pos:pos + 12]


def _slogan(text: str, amt: Amount) -> bool:
    """Numerals of rhetoric, not figures: 一个缩影, “两个先行”, 三大“攻坚”, 千家万户."""
    if amt.unit not in COUNT_UNITS or amt.unit_written[:1] in "万亿":
        return False
    if amt.written[:1].isdigit():
        return _in_short_quote(text, amt.start)
    if _in_short_quote(text, amt.start):  # “1个千亿+4个百亿”: a slogan, digits or not
        return True
    return amt.value == 1 or text[amt.end:amt.end + 1] in "“\"‘" or text[amt.end:amt.end + 1] == "万"


def _scope(thresholds: list[Amount], cstart: int, pos: int, text: str = "") -> str:
    """The threshold written before a figure; a range (50亿元-100亿元) as one."""
    near = [t for t in thresholds if cstart <= t.start < pos]
    if not near:
        return ""
    last = near[-1]
    low = [t for t in near[:-1] if t.end + 1 == last.start and text[t.end:last.start] in "-—－~至到"]
    return text[low[-1].start:last.end] if low else last.written