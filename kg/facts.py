"""Numeric facts: each amount of a sentence with its clean measure (before it, or the noun it counts), the entity
the clause is about, year, period, status (achieved/target/forecast) and aspect (level, growth rate, change, rank)."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .facts_capacity import make_fact as _fact, name_capacity_facts as _name_capacities
from .facts_context import opening_year, period_at, published, reference_year, status_at, title_year, topic_of, usual_year, year_of
from .facts_shapes import (breakdown, figure_amounts, outside_asides, rank_name, respective_levels, respective_subjects,
                           scope_of, share_name, widen_share)
from .facts_tables import table_facts
from .facts_subject import (EVENT_REF, event_host, generic_name, heading_topic, is_heading, named_head, names_own_subject,
                            opens_list, place_kind, sentence_topic, short_park, subject_of)
from .lists import AMOUNT_BEFORE
from .measure_phrase import (CLAUSE, MONEY as MONEY_UNITS, counted_noun, in_view, place_named, pre_measure,
                             respective_names, sentence_capacity, verb_before)
from .measures import COUNT_UNITS, clean_measure, count_name, in_script, is_clean, script_of
from .model import Article, Evidence, Fact

DUE_AFTER = re.compile(r"\d{1,2}月(?:底|末|前)?[^，,；;。\d]{0,4}?(?:建成|投产|竣工|交付|投用|达产)")  # 2025年6月建成: ahead
GROUPED = re.compile(r"集中|\d+(?:个|项)[^，,；;。]{0,6}项目|项目(?:共|达)?\d+(?:个|项)")  # several projects, not one
MASS_CAPACITY = {"吨", "千瓦", "吉瓦", "兆瓦", "吉瓦时", "兆瓦时", "千瓦时", "标箱"}
GROWTH = re.compile(r"(?:同比|同口径|可比口径|比上年同期|比上年末|较上年末|比上年|较上年|比去年|较去年|较同期|比同期|年均|分别|均)?(?P<verb>增长|增加|提高|提升|"
                    r"上升|扩大|上涨|增速为?|增幅为?|比增|前进|下降|减少|降低|回落|缩小|缩短|压缩|下滑|下跌|后退)(?:了)?$")
DOWN = ("后退", "下跌", "下降", "减少", "降低", "回落", "缩小", "缩短", "压缩", "下滑", "降", "减", "缩")
CHANGE_TO = re.compile(r"(?:的)?(?P<verb>提升|提高|增加|增长|上升|扩大|跃升|下降|减少|降低|缩小|缩短|压缩|[扩增升降减缩])(?:到|至|为)")
COPULA = re.compile(r"(?:总数|数量|总量)?(?:已)?(?:达到|达|为|有|共有|共计|共|合计|累计)?")
#: what happened to what a count counts, right after it (12个项目集中签约，… / 215个重大项目开工 …)
EVENT_AFTER = re.compile(r"(?P<verb>(?:集中|集体|统一|同步|正式|顺利)?(?:开工建设|开复工|开工|复工|动工|签约落地|签约|落地|投产|竣工|"
                         r"开业|入驻|落户|奠基|投用))(?=[，,。；;！!？?、\s]|$|仪式|活动|大会)")
FROM = re.compile(r"(?:从|由)(?:(?P<year>20\d\d)年(?:的)?)?$")
#: the far end of 从A…B: 提升至B, 增长到2021年的B, 到2024年迈上B (a verb or a year, or both, before B)
FROM_TO = re.compile(r"(?:的)?(?P<verb>提升|提高|增加|增长|上升|扩大|跃升|下降|减少|降低|缩小|缩短|压缩|[扩增升降减缩])?(?:到|至)"
                     r"(?:(?P<year>20\d\d)年(?:底|末)?(?:的|迈上|达到|突破|跃升至|增至|增加到|提高到)?)?")


def extract_facts(article: Article, analyses: list[SentenceAnalysis], keys: dict[int, str],
                  types: dict[str, str], district: str | None) -> list[Fact]:
    said = {id(m): m.text for x in analyses for m in x.mentions}
    keys = {i: k for i, k in keys.items() if not generic_name(k, types) and not place_kind(said.get(i, k), types)}
    # 产业园区, 某市产业园区: no holder (as written too: a generic name resolved into a park of another article)
    out: list[Fact] = []
    recent: dict[str, str] = {}
    last_level: Fact | None = None
    year, prev_end = None, 0  # the year in force in the current paragraph
    district = topic_of(article, analyses, keys, types, district)
    pub = published(article.text)
    ref = reference_year(article)  # the year 今年 and bare dates count from
    when = (ref, pub[1:] if pub else None)
    default_year = title_year(article) or usual_year(article.text) or opening_year(article.text, ref) or ref
    carried = None  # what the paragraph's previous sentence is about
    named: set[tuple[str, str]] = set()  # capacities already read from a project's name
    section = None  # what the current section heading names
    review = None  # the year a review paragraph opened (回顾2023年，…), in force until another year is named
    parks = sorted({keys[id(m)] for x in analyses for m in x.mentions if keys.get(id(m)) and m.type == "Park"})
    local = tuple(sorted({keys[id(m)] for x in analyses for m in x.mentions
                          if keys.get(id(m)) and m.type in ("Place", "Park")}))
    whole, prev_start = None, 0  # the holder of a whole whose parts (其中…；…) the sentences give
    before: tuple = ()
    host = None  # the park or place that named the occasion reported (某开发区…集中签约活动)
    for a in analyses:
        if "\n" in article.text[prev_end:a.sentence.start]:
            year, carried, before = review, section, ()  # a new paragraph: only a reviewed year (回顾2023年…) carries on
        prev_end = a.sentence.end
        here = event_host(a, keys, types)  # 在某开发区…集中签约活动上，64个项目…: the occasion's host park
        host = here or host
        line_start = article.text.rfind("\n", 0, a.sentence.start) + 1
        line_end = article.text.find("\n", a.sentence.end)
        line = article.text[line_start:line_end if line_end >= 0 else len(article.text)]
        if line.strip() == a.sentence.text.strip() and is_heading(line):
            section = carried = heading_topic(a, line, keys, types)
        own = names_own_subject(a.tokens)
        short = short_park(a.sentence.text, parks)  # 经开区2023年谋划重大项目420个: the article's 某某经开区
        # 其中，基础设施项目6个(；产业项目17个): a part of the whole the sentence before counted, so that whole's holder's
        whole = last_level.subject if last_level is not None and re.match(r"\s*其中", a.sentence.text) else \
            whole if whole and not own and re.search(r"[；;]\s*$", article.text[prev_start:a.sentence.start]) else None
        prev_start = a.sentence.start
        if here:
            held = here
        elif EVENT_REF.match(a.sentence.text) and not whole and (GROUPED.search(a.sentence.text) or not carried or
                                                                  types.get(carried) != "Project"):
            # 此次集中开工项目107个: the occasion's host, not the name (此次开工的项目总投资…: still one project's)
            held = host or district  # the sentence before named (nor the project it named)
        else:
            held = None if own else whole or carried
        facts = _sentence_facts(a, keys, recent, short or held or district, last_level,
                                year, types, when, local, before, line_breaks(article.text, a.sentence.pieces))
        for f in facts + (caps := _name_capacities(a, keys, named, year, when)):
            if f.year is None:
                f.year = default_year  # no cue in the paragraph: the headline's year, else the article's
        out += facts + caps
        levels = [f for f in facts if f.aspect == "level"]
        last_level = levels[-1] if levels else None
        before = tuple(levels)  # 实施项目11项。目前开工建设7项: what the next sentence's verb counts
        year = year_of(a.sentence.text, len(a.sentence.text), ref, year, when[1])
        looked_back = re.search(r"(?:回顾|总结|过去的)(20\d\d)年", a.sentence.text)
        review = int(looked_back.group(1)) if looked_back else review if year in (None, review) else None
        lead = re.sub(r"^\s*(?:(?:20\d\d年(?:以来)?|今年以来|今年|目前|截至目前|近年来|\d{1,2}月\d{1,2}日)[，,]?\s*)*", "",
                      a.sentence.text)
        opened = next((f.subject for f in facts[:1] if f.subject != district and types.get(f.subject) == "Place"
                       and (lead.startswith(f.subject) or lead[:2] == f.subject[0] + f.subject[-1])), None)
        # 2022年，某市计划开工…。4月7日，集中开工…: a place opening the paragraph holds what follows it there
        carried = sentence_topic([m for m in a.mentions if keys.get(id(m))], a.sentence.text, keys) or opened or carried
        listed = [i for ls in a.lists if len(ls.items) > 1 for i in ls.items]
        for m in a.mentions:
            if keys.get(id(m)) and not any(i.start <= m.start and m.end <= i.end for i in listed):
                recent[m.type] = keys[id(m)]  # what a later 该项目/该企业 refers to (not an item of a list)
                if m.type == "Place" and keys[id(m)].endswith("村"):
                    recent["村"] = keys[id(m)]  # what a later 村内 refers to
                if m.type in ("Place", "Park") and keys[id(m)][-1:] in "区市县镇省":
                    recent[keys[id(m)][-1]] = keys[id(m)]  # what a later 该区 / 该市 / 全省 refers to
    out += table_facts(article.text, analyses, district, default_year, out)  # a bulletin's 表1, flattened
    chars = script_of(article.text, article.original)
    for f in out:  # grouped by concept (found on the simplified name); named in the article's own script
        written = in_script(f.measure, chars)
        if written != f.measure:
            f.measure, f.measure_lang, f.measure_hans = written, "zh-Hant", f.measure
    return [f for f in out if f.subject]


def line_breaks(text: str, pieces) -> tuple[int, ...]:
    """Where a sentence joined across lines that no measure spans: after a numbered heading (二、工业) or over
    skipped lines (a table's cells between a row label and the next paragraph)."""
    out, at = [], 0
    for (s0, e0), (s1, _e1) in zip(pieces, pieces[1:]):
        at += e0 - s0
        if text[e0:s1].strip() or re.fullmatch(r"\s*[一二三四五六七八九十]{1,3}、\S{1,10}", text[s0:e0]):
            out.append(at)
    return tuple(out)


def _sentence_facts(a: SentenceAnalysis, keys, recent, district, carried: Fact | None,
                    ctx_year: int | None, types: dict[str, str], when: tuple, local: tuple = (),
                    before: tuple = (), breaks: tuple = ()) -> list[Fact]:
    text = a.sentence.text

    def yr(pos: int) -> int | None:
        stated = year_of(text, pos, when[0], None, when[1])
        if stated is not None:
            return stated
        # 总投资1200亿元的某项目今年4月3日正式签约: nothing before it, an event's date later in its clause
        end = next((x.start() for x in CLAUSE.finditer(text, pos)), len(text))
        later = re.search(r"(?<![计预将争到至])(?:于)?(?:(?P<y>20\d\d)年|(?P<now>今年|去年))(?=\d{1,2}月)", text[pos:end])
        if later and when[0] is not None and not DUE_AFTER.match(text, pos + later.end()):
            return int(later.group("y")) if later.group("y") else when[0] - (later.group("now") == "去年")
        return ctx_year

    items = [m for ls in a.lists if len(ls.items) > 1 for m in ls.items]
    firsts = {ls.items[0].start: ls.items[0].end for ls in a.lists if len(ls.items) > 1}
    ms = [m for m in a.mentions if keys.get(id(m)) and  # a count of A、B等 is the holder's, nor a name inside A
          (not any(i.start <= m.start and m.end <= i.end for i in items) or opens_list(m, firsts, a.mentions, keys, text)
           or AMOUNT_BEFORE.search(text, max(0, m.start - 16), m.start))]  # 投资N亿元的|A、…: an item's own amount
    amounts, thresholds = figure_amounts(text, ms, a.tokens)
    respective = respective_names(text, amounts, a.mentions)
    holders = respective_subjects(text, amounts, a.mentions, keys)  # 甲县、乙县…项目数分别为39个和24个
    phrase_of: dict[int, str] = {}  # the phrase a count's measure was named from (业务规模 for 业务笔数)
    out: list[Fact] = []
    last_level = carried
    used_to = -1  # end of the text already read as some fact's measure (enumerations start after it)
    named_in: tuple[str, int] | None = None  # a name found inside a measure, and the segment (after ；) it governs
    skip: set[int] = set()
    for i, amt in enumerate(amounts):
        if i in skip:
            continue
        event_noun = ""  # the noun counted, when the count's measure also says what happened to it (开工, 签约)
        cstart = max((x.end() for x in CLAUSE.finditer(text, 0, amt.start)), default=0)
        counted = [m for m in a.mentions if amt.unit in COUNT_UNITS and m.type in ("Project", "Company", "Policy")
                   and COPULA.fullmatch(text, m.end, amt.start)]  # 文旅项目(达)17个: a category counted, not a project
        pstart = max([cstart, used_to] + [b for b in breaks if b <= amt.start]
                     + [t.end for t in thresholds if cstart <= t.start < amt.start]
                     + [m.end for m in a.mentions if cstart <= m.start and m.end <= amt.start and m not in counted
                        and (text[m.start - 1:m.start] != "占" or text[m.end:m.end + 1] in "(（")])
        # 产值占某市比重12%: the share's whole, inside the measure (占某市（36家）: the place's own figure)
        pre = text[pstart:amt.start]
        subject = subject_of([m for m in ms if m not in counted], text, cstart, amt, recent, keys, district)
        base = dict(subject=subject, evidence=Evidence.of(a.sentence), period=period_at(text, amt.start),
                    status=status_at(text, amt.start), scope=scope_of(thresholds, cstart, amt.start, text))
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        frm, to = FROM.search(pre), FROM_TO.match(text, amt.end)
        if frm and to and (to.group("verb") or to.group("year")) and nxt is not None and nxt.start == to.end() \
                and nxt.unit == amt.unit:  # 从A提升至B / 从2020年的A到2024年的B: both ends
            measure = pre_measure(text, pstart, pstart + frm.start(), a.tokens)
            if not measure:
                continue
            direction = "down" if to.group("verb") in DOWN or not to.group("verb") and nxt.value < amt.value else "up"
            since = re.search(r"(?<!\d)(20\d\d)年以来[^。；;]*$", text[:amt.start])  # 2017年以来…从39家增加至117家
            year = int(frm.group("year")) if frm.group("year") else int(since.group(1)) if since else yr(amt.start)
            before = _fact(amt, measure, base, year=year, role="before", direction=direction)
            after = _fact(nxt, measure, base, year=int(to.group("year")) if to.group("year") else yr(nxt.start), role="after",
                          direction=direction, previous=before)
            out += [before, after]
            last_level, used_to = after, nxt.end
            skip.add(i + 1)
            continue
        if i in holders and i not in respective:
            holder, measure = holders[i]
            out.append(_fact(amt, count_name(measure, amt.unit), dict(base, subject=holder), year=yr(amt.start)))
            used_to = amt.end
            continue
        if i in respective:  # A、B分别增长5%、8%: the k-th figure is the k-th name's
            measure, verb = respective[i]
            aspect = ("growthRate" if amt.unit in ("%", "倍") else "change") if verb else "level"
            out.append(_fact(amt, count_name(measure, amt.unit) if aspect == "level" else measure, base,
                             year=yr(amt.start), aspect=aspect,
                             direction=("down" if verb in DOWN else "up") if verb else ""))
            used_to = amt.end
            continue
        if amt.unit in COUNT_UNITS and re.search(r"(?:在|位列|位居|名列|居)[\u4e00-\u9fff]{0,4}$", text[cstart:amt.start]) \
                and re.match(r"[^，,；;。]{0,30}?第", text[amt.end:]):
            continue  # 在全省98个开发区考评中位列第2位 / 位列230家开发区第27位: the field ranked in, not a figure
        if text[amt.start - 1:amt.start] == "第" and not amt.qualifier and amt.unit not in ("位", "名", ""):
            continue  # 第1家外资企业 / 第5个项目: an ordinal, no figure
        if text[amt.start - 1:amt.start] == "第" and not amt.qualifier:  # 位列全国第19位: a rank, not a count
            measure = rank_name(text[pstart:amt.start - 1])
            if len(measure) < 4 or not is_clean(measure):  # 在全国219个开发区的考评中跃居第52位: the phrase after the count, cut to a clean name
                tail = re.search(r"中?(?:位列|位居|名列|排名|排在|跃居|跃升至|升至|上升至|提升至|排|列|居)*$",
                                 text[pstart:amt.start - 1])
                start = max([cstart] + [b.end for b in amounts if cstart <= b.start and b.end < amt.start]
                            + [m.end for m in a.mentions if cstart <= m.start and m.end <= amt.start])
                inner = pre_measure(text, start, pstart + tail.start(), a.tokens)
                for t in a.tokens:  # too long: drop words from the front
                    if not inner or is_clean(inner + "排名"):
                        break
                    if start <= t.start < pstart + tail.start() and t.end > start:
                        inner = clean_measure(text[t.end:pstart + tail.start()])
                measure = inner + "排名" if inner and is_clean(inner + "排名") else measure
            last_level = _fact(amt, measure, base, year=yr(amt.start), aspect="rank")
            out.append(last_level)
            used_to = amt.end
            continue
        growth = GROWTH.search(pre)
        run = respective_levels(text, amounts, i, out, "分别" in pre[max(0, growth.start() - 2):]) if growth else []
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
            level = outside_asides(text, amt.start, out, last_level)
            if not measure and level is not None:  # 生产总值782亿元（不含某项121亿元），增长8%: the level outside
                measure, base["subject"] = level.measure, level.subject
            if measure:
                out.append(_fact(amt, measure, base, year=yr(amt.start),
                                 aspect="growthRate", direction="down" if growth.group("verb") in DOWN else "up"))
            used_to = amt.end
            continue
        change = CHANGE_TO.search(pre[-4:]) if pre else None  # 缩短至3天: the level reached
        made = sentence_capacity(text, amt, pre) if base["status"] != "achieved" or \
            re.search(r"形成|建成|达产|投产|具备|设计|建设|新建|扩建|拟建|规划|打造|可", text[cstart:amt.start]) else None
        if made:  # 可形成年产10万台某产品的生产能力: the product's capacity (年产钢材300万吨 alone: what was made)
            out.append(_fact(amt, made[0], dict(base, status=base["status"] if base["status"] != "achieved"
                                                 else "forecast" if re.search(r"建成|投产|达产|可", pre) else "achieved"),
                             year=yr(amt.start)))
            used_to = made[1]
            continue
        noun, np_end = counted_noun(text, amt, a.tokens, pre)
        if noun and text.startswith("的", amt.end) and amt.unit in MONEY_UNITS and \
                any(m.start == amt.end + 1 and keys.get(id(m)) for m in a.mentions):
            noun = ""  # 计划投资200亿元的某项目: the project's 计划投资, not a measure named after it
        elif noun and text.startswith("的", amt.end) and amt.unit in MONEY_UNITS and \
                any(t.start == amt.end + 1 and (t.pos in ("ORG", "nt", "PER") or t.pos == "nz" and
                                                 text[np_end:np_end + 1] in ("等", "、")) for t in a.tokens):
            continue  # 240亿元的某公司: a name the graph lacks holds it, not a measure named after it
        if noun:
            measure, used_to = noun, np_end
            event = EVENT_AFTER.match(text, np_end) if amt.unit in COUNT_UNITS else None
            if event:  # 215个重大项目开工: 开工重大项目数 (8个项目签约落地, 签约 taken into the noun: 签约落地项目数)
                inside = re.search(r"(?:开工|签约|落地|投产|竣工|开业|入驻|落户)$", noun)
                bare, verb = (noun[:inside.start()], inside.group() + event.group("verb")) if inside and \
                    inside.start() >= 2 else (noun, event.group("verb"))
                if is_clean(verb + bare + "数"):
                    event_noun, measure = bare, verb + bare
            inner = [j for j in range(i + 1, len(amounts)) if amounts[j].start < np_end]
            if inner:  # 10个投资超20亿元的重大产业项目: the sum inside what is counted narrows it, it is no figure
                skip.update(inner)
                base["scope"] = base["scope"] or text[amt.end:amounts[inner[-1]].end]
            if amt.unit in MASS_CAPACITY and re.search(r"建设|新建|扩建|拟建|建成|形成|具备|打造|新增", text[cstart:amt.start]) \
                    and not re.search(r"(?:产能|能力|产量|量)$", noun) and is_clean(noun + "产能"):
                measure = noun + "产能"  # 一期建设60万吨某产品、…: the plant's capacity for it
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
                head = next((phrase_of.get(id(f), f.measure) for f in list(reversed(out)) + list(reversed(before))
                             if f.unit == amt.unit and f.aspect == "level"), "")
                head = re.sub(r"数$", "", head)
                if re.search(r"(?:企业|项目|平台|机构|园区|基地)[\u4e00-\u9fff]{2}$", measure) and len(head) < 2:
                    pass  # 通过国家高新技术企业认定58家: the category named before the verb is what is counted
                else:
                    measure = "" if len(head) < 2 or len(measure) > 6 else head if head.startswith(measure) else \
                        measure + head if len(measure + head) <= 15 else measure + head[-2:]
        each = re.fullmatch(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})各", text[cstart:amt.start].strip())
        places = [place_named(n, types) or (n if types.get(n) == "Place" else None) for n in each.group(1).split("、")] \
            if each and not noun else []
        if places and all(places) and in_view(text, amt.start, out):  # 甲、乙、丙各3个: one figure for each place
            for p in places:
                out.append(_fact(amt, count_name(in_view(text, amt.start, out), amt.unit), dict(base, subject=p),
                                 year=yr(amt.start)))
            used_to = amt.end
            continue
        place = place_named(clean_measure(text[pstart:amt.start]), types) if not noun else None
        if place:  # 从签约项目来看，甲县14个，乙县13个: a short place name, then its share of the measure in view
            base["subject"], measure = place, in_view(text, amt.start, out)
        elif not measure and not clean_measure(pre) and any(m.end == amt.start and m.type in ("Place", "Park")
                                                           for m in ms):
            seen = [f for f in out or ([carried] if carried else []) if f.unit == amt.unit]  # in the same unit
            measure = in_view(text, amt.start, seen) if seen or "来看" in text[:amt.start] else ""  # 各平台中，某区8个
        named_after = re.match(r"的(增量|规模|产值|收入|税收|效益|销售额|营收)", text[amt.end:])
        if named_after and amt.unit in MONEY_UNITS:
            measure = named_after.group(1)  # 注入2000亿元以上的增量: the noun after names the figure
        granted = re.match(r"(?:的)?([\u4e00-\u9fff]{0,4}(?:资金|补助|补贴|经费)|奖励)", text[amt.end:]) \
            if amt.unit in MONEY_UNITS else None
        given = re.search(r"(?:给予|安排|提供|拨付|下达|发放)$", pre)
        if granted and given:  # 对新引进的研发机构最高给予5000万元补助: the grant, named by whom it is for
            whom = clean_measure(re.sub(r"^对", "", pre[:given.start()]).split("的")[-1])
            measure = whom + granted.group(1) if is_clean(whom + granted.group(1)) else granted.group(1)
        share = share_name(text[pstart:amt.start], out) if amt.unit == "%" else ""
        if share:
            measure = share
        elif amt.unit == "%" and measure:
            measure = widen_share(measure, out)
        part = breakdown(text, amt, out, cstart)
        if part:
            measure = part
        phrase = event_noun or measure
        measure = count_name(measure, amt.unit) if measure else ""
        bare = pre[:growth.start()] if growth else pre
        if not measure and last_level is not None and last_level in out and \
                not clean_measure(re.sub(r"^(?:以及|及|和|与|、|，|,)+", "", bare.strip())):
            # 先后突破500亿元、600亿元 / 新增…企业4家、累计31家 / …，以及2亿元的某项目: the measure just named, once more
            measure = re.sub(r"数$", "", re.sub(r"^新增", "", phrase_of.get(id(last_level), last_level.measure)))
            measure = ("累计" if "累计" in pre else "") + measure
            measure += "数" if last_level.measure.endswith("数") and not measure.endswith("数") and \
                amt.unit in COUNT_UNITS else ""
        if not measure and amt.unit in COUNT_UNITS and re.fullmatch(r"\s*(?:共|共计|合计|总计|共有)?", pre):
            # A项目、B工程、C项目，共计7个: what the names listed before are
            named = [m for m in a.mentions if m.end <= cstart and m.end >= cstart - 2]
            kind = re.search(r"(项目|工程|企业|公司|园区|基地|平台|中心)$", named[-1].text) if named else None
            measure = {"公司": "企业"}.get(kind.group(1), kind.group(1)) + "数" if kind else ""
        if not measure:
            continue
        aspect = "change" if growth else "level"
        head = named_head(measure, types, local)
        if head:  # 某自治县项目3个，总投资0.71亿元: a name the tagger left inside the phrase is the subject
            base["subject"], measure = head
            named_in = (head[0], max(text.rfind(x, 0, amt.start) for x in "；;。"))
        elif named_in and base["subject"] == district and \
                max(text.rfind(x, 0, amt.start) for x in "；;。") == named_in[1]:
            base["subject"] = named_in[0]  # …，总投资0.71亿元: still that name's
        f = _fact(amt, measure, base, year=yr(amt.start), aspect=aspect,
                  direction=_direction(growth or change))
        out.append(f)
        phrase_of[id(f)] = phrase or measure
        if aspect == "level":
            last_level = f
    return [f for f in out if is_clean(f.measure)]  # never a fragment: a figure without a clean measure is left out


def _direction(m: re.Match | None) -> str:
    return "" if m is None else "down" if m.group("verb") in DOWN else "up"
