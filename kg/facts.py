"""Numeric facts: each amount of a sentence with its clean measure (before it, or the noun it counts), the entity
the clause is about, year, period, status (achieved/target/forecast) and aspect (level, growth rate, change)."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .lexicon import lexicon
from .facts_subject import subject_of
from .measures import COUNT_UNITS, clean_measure, concept_of, count_name, in_script, is_clean, script_of
from .model import Article, Evidence, Fact, Token
from .numbers import Amount, find_amounts

PERIOD = re.compile(r"(前三季度|[一二三四]季度|上半年|下半年|全年|今年以来|年初以来|\d{1,2}(?:至|—|－|-|~)\d{1,2}月|"
                    r"截至\d{1,2}月底?)")
RELATIVE_YEAR = [("前年", -2), ("去年", -1), ("过去一年", -1), ("一年来", -1), ("上一年", -1), ("今年", 0), ("本年", 0)]
CLAUSE = re.compile(r"[，,；;：:。！？!?]")
STATUS = re.compile(r"(?P<target>力争|确保|计划|目标|争取|力求|努力|拟|预期目标|(?:到|至)20\d\d年(?:底|末)?)|(?P<forecast>预计|预期|有望|可实现|"
                    r"达产后|建成后|投产后|将达|将实现|将突破)|(?P<done>已经|已|截至|去年|实现了|完成了)")
GROWTH = re.compile(r"(?:同比|比上年同期|比上年末|较上年末|比上年|较上年|比去年|较去年|较同期|比同期|年均|分别|均)?(?P<verb>增长|增加|提高|提升|"
                    r"上升|扩大|上涨|增速为?|增幅为?|比增|前进|下降|减少|降低|回落|缩小|缩短|压缩|下滑|下跌|后退)(?:了)?$")
DOWN = ("后退", "下跌", "下降", "减少", "降低", "回落", "缩小", "缩短", "压缩", "下滑", "降", "减", "缩")
CHANGE_TO = re.compile(r"(?:的)?(?P<verb>提升|提高|增加|增长|上升|扩大|跃升|下降|减少|降低|缩小|缩短|压缩|[扩增升降减缩])(?:到|至|为)")
FROM = re.compile(r"(?:从|由)(?:(?P<year>20\d\d)年(?:的)?)?$")
ASIDE = re.compile(r"[(（][^()（）]*[)）]")
DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")  # 某地5月9日电: where the report was filed
RESPECTIVE = re.compile(r"分别(?:为|是|达到|达|占|有)?(?:比上年|同比|较上年|比去年|同上年|较去年)?"
                        r"(?P<verb>增长|下降|提高|增加|减少|降低|上涨|回落)?(?:了)?$")
MONEY = ("元", "美元", "欧元", "港元")
NOUNISH = {"n", "nz", "nw", "vn", "an", "a", "ns", "nt", "s", "j", "b", "LOC", "ORG", "PER", "f", "TIME", "q"}
NOUN_END = {"n", "nz", "nw", "vn", "ns", "nt", "s", "j", "LOC", "ORG", "PER"}
BARE_VERBS = {"设置", "设立", "搭建", "构建", "形成", "建立", "组建", "成立", "新建", "开展", "举办", "签", "签下", "签约", "达成", "开展", "推出", "引进"}
COUNT_HEADS = r"(?:项目|企业|工程|园区|基地|平台|中心|机构|载体|学校|医院|村|社区|小镇|街区|场馆|设施|站|点)$"
VERBISH = {"v", "vd", "d", "ad", "p", "c", "u", "r", "m", "w", "xc"}


def year_of(text: str, upto: int, article_year: int | None, context: int | None = None) -> int | None:
    """The year a figure speaks of: the nearest stated year before it, or 今年/去年 against the article's year,
    or 这一年 (the year the text last spoke of); else the year carried from earlier in the paragraph."""
    best, pos = None, -1
    text = ASIDE.sub(lambda m: " " * len(m.group()), text[:upto])  # a year in a closed aside (…2022年…) stays there
    for m in re.finditer(r"(?<!\d)(20\d\d)年", text):
        if m.start() > pos and not re.match(r"(20\d\d)年的", text[m.start():m.start() + 6]):
            best, pos = int(m.group(1)), m.start()
    for word, delta in RELATIVE_YEAR:
        i = text.rfind(word, 0, upto)
        if i > pos and article_year and text[i - 1:i] not in ("比", "较", "同", "于"):  # 比去年: a baseline
            best, pos = article_year + delta, i
    date = re.search(r"(?<![\d年])\d{1,2}月\d{1,2}日", text[:upto])  # 5月9日: the article's own year
    if date and date.start() > pos and article_year:
        best, pos = article_year, date.start()
    i = text.rfind("这一年", 0, upto)
    if i > pos and (context or article_year):
        best, pos = context or article_year - 1, i
    return best if best is not None else context


def extract_facts(article: Article, analyses: list[SentenceAnalysis], keys: dict[int, str],
                  types: dict[str, str], district: str | None) -> list[Fact]:
    out: list[Fact] = []
    recent: dict[str, str] = {}
    last_level: Fact | None = None
    year, prev_end = None, 0  # the year in force in the current paragraph
    district = _topic_of(article, analyses, keys, types, district)
    default_year = _title_year(article) or _usual_year(article.text) or article.year
    for a in analyses:
        if "\n" in article.text[prev_end:a.sentence.start]:
            year = None
        prev_end = a.sentence.end
        facts = _sentence_facts(article, a, keys, recent, district, last_level, year, types)
        for f in facts:
            if f.year is None:
                f.year = default_year  # no cue in the paragraph: the headline's year, else the article's
        out += facts
        levels = [f for f in facts if f.aspect == "level"]
        last_level = levels[-1] if levels else None
        year = year_of(a.sentence.text, len(a.sentence.text), article.year, year)
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


def _topic_of(article: Article, analyses: list[SentenceAnalysis], keys: dict[int, str],
              types: dict[str, str], district: str | None) -> str | None:
    """What the article is about, for figures whose clause names nothing: the park, institute, project or place its
    headline opens with; without one, the park or place it names most (the district counted)."""
    count: dict[str, int] = {}
    inner: set[str] = set()  # places named right after their containing place (某市|某区 → 某区)
    for a in analyses:
        for m in a.mentions:
            if keys.get(id(m)) and types.get(keys[id(m)], m.type) in ("Park", "Place"):
                count[keys[id(m)]] = count.get(keys[id(m)], 0) + 1
                if any(o.end == m.start and o.type == "Place" for o in a.mentions):
                    inner.add(keys[id(m)])
    title = article.title.strip()
    heads = [a for a in analyses[:3] if title and a.sentence.text.strip()
             and (a.sentence.text.strip() in title or a.sentence.text.strip().startswith(title[:12]))]
    head = heads[0] if heads else None
    ms = [m for m in (head.mentions if head else []) if keys.get(id(m))
          and types.get(keys[id(m)], m.type) in ("Park", "Institute", "Project", "Place")
          and not DATELINE.match(head.sentence.text, m.end)
          and not any(o is not m and o.start <= m.start and m.end <= o.end for o in head.mentions)]
    named = [m for m in ms if m.type != "Place"]
    if named:  # the park, institute or project the headline opens with
        return keys[id(min(named, key=lambda m: m.start))]
    if ms:  # else its place the article names most (a chain of places counts for its last, 某市|某区 → 某区)
        inner_ms = [m for m in ms if not any(o.type == "Place" and o.start == m.end for o in ms)]
        return keys[id(max(inner_ms, key=lambda m: (count.get(keys[id(m)], 0), -m.start)))]
    for a in analyses:  # 某开发区（以下简称“某区”）: the name an article introduces is what it is about
        for m in a.mentions:
            if keys.get(id(m)) and types.get(keys[id(m)], m.type) in ("Park", "Institute", "Project", "Place") \
                    and re.match(r"[(（](?:以下)?简称", a.sentence.text[m.end:m.end + 5]):
                return keys[id(m)]
    if not count:
        return district
    best = max(count, key=lambda k: (count[k], k == district, k in inner))
    parks = [k for k in count if types.get(k) == "Park"]
    park = max(parks, key=lambda k: (count[k], k)) if parks else None
    if park and count[park] >= 2 and 2 * count[park] >= count[best]:
        return park  # a park named again and again is what the article is about, not its region
    return district if district and count.get(district, 0) >= count[best] else best


def _usual_year(text: str) -> int | None:
    """The year the text states most often (at least twice), publication dates (2021年6月30日) left out."""
    years = [int(m.group(1)) for m in re.finditer(r"(?<!\d)(20\d\d)年(?!\d{1,2}月\d{1,2}日)", text)]
    best = max(set(years), key=lambda y: (years.count(y), y)) if years else None
    if best is not None and years.count(best) >= 2:
        return best
    # else a dateline near the top (2020-05-12, 2020年5月12日, 12.05.2020): the year it was written
    m = re.search(r"(?<!\d)(20\d\d)[-/.年]\d{1,2}[-/.月]\d{1,2}(?!\d)|(?<![\d.])\d{1,2}\.\d{1,2}\.(20\d\d)(?!\d)",
                  text[:400])
    return int(m.group(1) or m.group(2)) if m else None


def _title_year(article: Article) -> int | None:
    """A year the headline states (2020年…统计公报): the year its figures are for."""
    m = re.search(r"(?<!\d)(20\d\d)年", article.title)
    return int(m.group(1)) if m else None


def _sentence_facts(article, a: SentenceAnalysis, keys, recent, district, carried: Fact | None,
                    ctx_year: int | None, types: dict[str, str]) -> list[Fact]:
    text = a.sentence.text
    items = [m for ls in a.lists if len(ls.items) > 1 for m in ls.items]
    ms = [m for m in a.mentions if keys.get(id(m)) and  # a count of A、B等 is the holder's, nor a name inside A
          not any(i.start <= m.start and m.end <= i.end for i in items)]
    amounts, thresholds = _amounts(text, ms, a.tokens)
    respective = _respective(text, amounts, a.mentions)
    out: list[Fact] = []
    last_level = carried
    used_to = -1  # end of the text already read as some fact's measure (enumerations start after it)
    skip: set[int] = set()
    for i, amt in enumerate(amounts):
        if i in skip:
            continue
        cstart = max((x.end() for x in CLAUSE.finditer(text, 0, amt.start)), default=0)
        counted = [m for m in a.mentions if m.end == amt.start and amt.unit in COUNT_UNITS
                   and m.type in ("Project", "Company")]  # 文旅项目17个: a category counted, not a project
        pstart = max([cstart, used_to] + [t.end for t in thresholds if cstart <= t.start < amt.start]
                     + [m.end for m in a.mentions if cstart <= m.start and m.end <= amt.start and m not in counted])
        pre = text[pstart:amt.start]
        subject = subject_of([m for m in ms if m not in counted], text, cstart, amt, recent, keys, district)
        base = dict(subject=subject, evidence=Evidence.of(a.sentence), period=_period(text, amt.start),
                    status=_status(text, amt.start), scope=_scope(thresholds, cstart, amt.start))
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        frm, to = FROM.search(pre), CHANGE_TO.match(text, amt.end)
        if frm and to and nxt is not None and nxt.start == to.end():  # 从A提升至B: both ends
            measure = _pre_measure(text, pstart, pstart + frm.start(), a.tokens)
            if not measure:
                continue
            direction = "down" if to.group("verb") in DOWN else "up"
            year = int(frm.group("year")) if frm.group("year") else year_of(text, amt.start, article.year, ctx_year)
            before = _fact(amt, measure, base, year=year, role="before", direction=direction)
            after = _fact(nxt, measure, base, year=year_of(text, nxt.start, article.year, ctx_year), role="after",
                          direction=direction, previous=before)
            out += [before, after]
            last_level, used_to = after, nxt.end
            skip.add(i + 1)
            continue
        if i in respective:  # A、B分别增长5%、8%: the k-th figure is the k-th name's
            measure, verb = respective[i]
            aspect = ("growthRate" if amt.unit in ("%", "倍") else "change") if verb else "level"
            out.append(_fact(amt, count_name(measure, amt.unit) if aspect == "level" else measure, base,
                             year=year_of(text, amt.start, article.year, ctx_year), aspect=aspect,
                             direction=("down" if verb in DOWN else "up") if verb else ""))
            used_to = amt.end
            continue
        if text[amt.start - 1:amt.start] == "第" and not amt.qualifier:  # 位列全国第19位: a rank, not a count
            measure = re.sub(r"(?:位列|位居|名列|排名|排在|排|列|居)+$", "", clean_measure(text[pstart:amt.start - 1]))
            measure = clean_measure(re.sub(r"^(?:位列|位居|名列|排名|跻身)", "", measure))
            measure = measure if measure.endswith(("排名", "名次", "位次")) else measure + "排名"
            last_level = _fact(amt, measure, base, year=year_of(text, amt.start, article.year, ctx_year), aspect="rank")
            out.append(last_level)
            used_to = amt.end
            continue
        growth = GROWTH.search(pre)
        if growth and amt.unit in ("%", "倍", ""):
            measure = _pre_measure(text, pstart, pstart + growth.start(), a.tokens)
            if not measure and last_level is not None:
                measure, base["subject"] = last_level.measure, last_level.subject
            if measure:
                out.append(_fact(amt, measure, base, year=year_of(text, amt.start, article.year, ctx_year),
                                 aspect="growthRate", direction="down" if growth.group("verb") in DOWN else "up"))
            used_to = amt.end
            continue
        change = CHANGE_TO.search(pre[-4:]) if pre else None  # 缩短至3天: the level reached
        noun, np_end = _counted(text, amt, a.tokens, pre)
        if noun:
            measure, used_to = noun, np_end
        else:
            end = pstart + growth.start() if growth else \
                amt.start - len(change.group()) if change and pre.endswith(change.group()) else amt.start
            measure, used_to = _pre_measure(text, pstart, end, a.tokens), amt.end
            if measure and amt.unit in COUNT_UNITS and _verb_before(a.tokens, text, end):
                measure = ""  # 正加快打造3个: the verb has no noun before the count, so nothing names what is counted
        place = _place_named(clean_measure(text[pstart:amt.start]), types) if not noun else None
        if place:  # 从签约项目来看，甲县14个，乙县13个: a short place name, then its share of the measure in view
            base["subject"], measure = place, _in_view(text, amt.start, out)
        elif not measure and not clean_measure(pre) and any(m.end == amt.start and m.type == "Place" for m in ms):
            measure = _in_view(text, amt.start, out)
        measure = count_name(measure, amt.unit) if measure else ""
        bare = pre[:growth.start()] if growth else pre
        if not measure and last_level is not None and last_level in out and not clean_measure(bare.strip("、和及与")):
            # 先后突破500亿元、600亿元 / 新增…企业4家、累计31家: the measure just named, once more
            measure = re.sub(r"数$", "", re.sub(r"^新增", "", last_level.measure))
            measure = ("累计" if "累计" in pre else "") + measure
        if not measure:
            continue
        aspect = "change" if growth else "level"
        f = _fact(amt, measure, base, year=year_of(text, amt.start, article.year, ctx_year), aspect=aspect,
                  direction=("down" if (growth or change).group("verb") in DOWN else "up") if (growth or change) else "")
        out.append(f)
        if aspect == "level":
            last_level = f
    return [f for f in out if is_clean(f.measure)]  # never a fragment: a figure without a clean measure is left out


def _verb_before(tokens: list[Token], text: str, end: int) -> bool:
    """The measure phrase ends in a governing verb (打造, 设置, 签): a clause, not a noun phrase (再就业 and
    投资 name what they measure and stay)."""
    while end > 0 and text[end - 1] in "了着过":
        end -= 1
    last = [t for t in tokens if t.end <= end]
    if not last or last[-1].end != end or last[-1].pos != "v":
        return False
    word = last[-1].text
    return word in lexicon().verbs or word in BARE_VERBS or (len(word) == 1 and word not in "产")


def _place_named(phrase: str, types: dict[str, str]) -> str | None:
    """The place entity a bare short name stands for (甲 → 甲县), when the graph has exactly one."""
    if not 2 <= len(phrase) <= 4:
        return None
    hits = [k for k in (phrase, phrase + "县", phrase + "市", phrase + "区") if types.get(k) == "Place"]
    return hits[0] if len(hits) == 1 else None


def _in_view(text: str, pos: int, out: list[Fact]) -> str:
    """The measure a breakdown is about: 从X来看 earlier in the sentence, else the last figure's measure."""
    m = None
    for m in re.finditer(r"从(.{2,16}?)(?:上)?来看", text[:pos]):
        pass
    if m:
        return re.sub(r"(?:总数|数量|数)$", "", clean_measure(m.group(1)))
    return re.sub(r"数$", "", out[-1].measure) if out else ""


def _respective(text: str, amounts: list[Amount], mentions) -> dict[int, tuple[str, str]]:
    """A、B、C分别增长5%、8%、9% (and a later 分别达到x、y for the same names): index of each figure → (the name it
    belongs to, its growth verb or '')."""
    out: dict[int, tuple[str, str]] = {}
    names: list[str] = []
    i = 0
    while i < len(amounts):
        amt = amounts[i]
        cstart = max((x.end() for x in CLAUSE.finditer(text, 0, amt.start)), default=0)
        m = RESPECTIVE.search(text, cstart, amt.start)
        j = i
        while j + 1 < len(amounts) and text[amounts[j].end:amounts[j + 1].start] in ("、", "和", "及"):
            j += 1
        if m is None or j == i:
            i = j + 1
            continue
        start = max([cstart] + [x.end for x in mentions if cstart <= x.start and x.end <= m.start()])
        listed = [clean_measure(x) for x in re.split(r"[、和及与]", text[start:m.start()])]
        if len(listed) >= 2:
            names = listed
        if len(names) == j - i + 1 and all(is_clean(n) for n in names):
            for k in range(i, j + 1):
                out[k] = (names[k - i], m.group("verb") or "")
        i = j + 1
    return out


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
        if amt.written.endswith(("以上", "以下")) and re.match(r"的?[\u4e00-\u9fff]", rest) \
                and not re.match(r"的?(?:增长|提升|提高|下降|的增长)", rest):
            thresholds.append(amt)
            continue
        if amt.unit in MONEY and _token_at(tokens, amt.end, NOUN_END) and not amt.written.startswith(("超", "近")):
            thresholds.append(amt)  # 年收入20万元家庭: the amount qualifies the noun after it
            continue
        figures.append(amt)
    return figures, thresholds


def _token_at(tokens: list[Token], pos: int, kinds: set) -> Token | None:
    t = next((t for t in tokens if t.start == pos), None)
    return t if t is not None and t.pos in kinds else None


def _counted(text: str, amt: Amount, tokens: list[Token], pre: str) -> tuple[str, int]:
    """9家社区书屋 / 安排300万元的奖励资金: the noun phrase right after the amount names what is counted."""
    money = amt.unit in MONEY or amt.unit in ("%", "")
    pos = amt.end
    if not _verb_only(pre, tokens, amt.start) and not _ends_with_verb(tokens, amt.start):
        return "", pos  # 外资企业6家产值…: the noun before the amount is what is counted
    if text.startswith("的", pos):
        if not money or not _verb_only(pre, tokens, amt.start):
            return "", pos
        pos += 1
    elif money:
        return "", pos
    words, end, quoted = [], pos, False
    after = [t for t in tokens if t.end > pos]
    for k, t in enumerate(after):
        s = text[max(t.start, pos):t.end]
        if t.pos == "w" and s in "“”\"‘’":
            quoted = not quoted if s in "\"" else s in "“‘"
            end = t.end
            continue
        if t.pos == "w" and s in "(（" or (t.pos == "w" and s in ")）"):
            break
        nxt = after[k + 1] if k + 1 < len(after) else None
        if t.pos == "v" and words and _head_follows(after, k):
            words.append((s, "vn"))  # 5个旧城|改造|项目: a verb inside a compound that ends in a category head
            end = t.end
            continue
        if quoted or t.pos in NOUNISH or (len(s) == 1 and t.pos in ("v", "d", "ad") and words and nxt and nxt.pos in ("n", "vn", "nz", "a")):
            words.append((s, "nz" if quoted else t.pos))  # 智能|充|电|桩: a one-character verb inside a compound
            end = t.end
            continue
        break
    while words and words[-1][1] not in NOUN_END:
        words.pop()
    noun = re.sub(r"[“”\"‘’]", "", "".join(w for w, _ in words))
    if money and re.search(r"(?:投资|投入)$", pre):
        noun += pre[-2:]  # 投资3亿元的研发楼 → 研发楼投资
    return (noun, end) if is_clean(noun) else ("", pos)


def _head_follows(after: list[Token], k: int) -> bool:
    """A category head (项目, 企业, 基地, …) within the next two noun tokens after token k."""
    for t in after[k + 1:k + 3]:
        if t.pos not in NOUN_END:
            return False
        if re.search(COUNT_HEADS, t.text):
            return True
    return False


def _ends_with_verb(tokens: list[Token], pos: int) -> bool:
    last = [t for t in tokens if t.end <= pos and not (t.pos == "u" and t.text in ("了", "过", "着"))]
    if last and last[-1].end != pos:
        pos = last[-1].end  # 签约了16个: the verb before 了
    return bool(last) and last[-1].end == pos and last[-1].pos in ("v", "vd")


def _verb_only(pre: str, tokens: list[Token], upto: int) -> bool:
    cleaned = clean_measure(pre)
    if not cleaned:
        return True
    start = upto - len(pre)
    kinds = {t.pos for t in tokens if t.start < upto and t.end > start}
    return not kinds & NOUN_END


def _pre_measure(text: str, start: int, end: int, tokens: list[Token]) -> str:
    """The measure phrase before an amount, cut to a clean noun phrase (too long: after the last 的 or verb)."""
    alias = re.search(r"[(（]([^()（）]{2,16})[)）](?:为|是|达到?|约)?$", text[start:end])
    if alias and is_clean(clean_measure(alias.group(1))) and not re.search(r"[A-Za-z]", alias.group(1)):  # 占总人口比重（常住人口城镇化率）为60%: the term in brackets
        return clean_measure(alias.group(1))
    m = clean_measure(text[start:end])
    if is_clean(m):
        return m
    if is_clean(m.replace("的", "")):  # 甲占乙的比重 → 甲占乙比重
        return m.replace("的", "")
    phrase = text[start:end]
    for cut in (phrase.rfind("的") + 1 if "的" in phrase else -1, _after_last_verb(tokens, start, end),
                max(phrase.rfind("、"), phrase.rfind("，")) + 1):
        if cut > 0:
            m = clean_measure(phrase[cut:])
            if is_clean(m):
                return m
    return ""


def _after_last_verb(tokens: list[Token], start: int, end: int) -> int:
    verbs = [t.end for t in tokens if start <= t.start and t.end <= end and t.pos == "v"]
    return verbs[-1] - start if verbs else -1


def _status(text: str, pos: int) -> str:
    found = list(STATUS.finditer(text, 0, pos))
    if not found:
        return "achieved"
    last = found[-1]
    return "target" if last.group("target") else "forecast" if last.group("forecast") else "achieved"


def _scope(thresholds: list[Amount], cstart: int, pos: int) -> str:
    near = [t for t in thresholds if cstart <= t.start < pos]
    return near[-1].written if near else ""


def _period(text: str, pos: int) -> str:
    found = list(PERIOD.finditer(text, 0, pos))
    return found[-1].group() if found else ""
