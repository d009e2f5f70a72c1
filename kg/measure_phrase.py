"""Measure phrases from tagger tokens: the noun counted after an amount, the noun phrase before it, respective lists
(A、B分别…), breakdowns by place and the clause verbs that name nothing."""
from __future__ import annotations

import re

from .lexicon import lexicon
from .measures import TRAIL, clean_measure, is_clean
from .model import Fact, Token
from .numbers import Amount

CLAUSE = re.compile(r"[，,；;：:。！？!?]")
RESPECTIVE = re.compile(r"分别(?:为|是|达到|达|占|有)?(?:比上年|同比|较上年|比去年|同上年|较去年)?"
                        r"(?P<verb>增长|下降|提高|增加|减少|降低|上涨|回落)?(?:了)?$")
MONEY = ("元", "美元", "欧元", "港元")
NOUNISH = {"n", "nz", "nw", "vn", "an", "a", "ns", "nt", "s", "j", "b", "LOC", "ORG", "PER", "f", "TIME", "q"}
NOUN_END = {"n", "nz", "nw", "vn", "ns", "nt", "s", "j", "LOC", "ORG", "PER"}
BARE_VERBS = {"设置", "设立", "搭建", "构建", "形成", "建立", "组建", "成立", "新建", "开展", "举办", "签", "签下", "签约", "达成", "开展", "推出", "引进"}
ADVERBIAL = {"集中", "集体", "统一", "同步", "陆续", "相继", "同时", "正式", "全面", "顺利", "成功"}
COUNT_HEADS = r"(?:项目|企业|工程|园区|基地|平台|中心|机构|载体|学校|医院|村|社区|小镇|街区|场馆|设施|站|点)$"


COPULAS = {"达", "达到", "为", "有", "共有", "共", "共计", "合计", "总计", "累计", "超", "超过", "突破", "逾", "已达", "增至", "升至"}


def verb_before(tokens: list[Token], text: str, end: int) -> bool:
    """The measure phrase ends in a governing verb (打造, 设置, 签): a clause, not a noun phrase (再就业 and
    投资 name what they measure and stay)."""
    while end > 0 and text[end - 1] in "了着过":
        end -= 1
    last = [t for t in tokens if t.end <= end]
    if not last or last[-1].end != end or last[-1].pos != "v":
        return False
    word = last[-1].text
    if word in COPULAS or not clean_measure(text[:end]).endswith(word):
        return False  # 企业达26家 / 产量完成7万台: the noun before the copula (or a verb cut off) is what is counted
    return word in lexicon().verbs or word in BARE_VERBS or (len(word) == 1 and word not in "产")


def place_named(phrase: str, types: dict[str, str]) -> str | None:
    """The place entity a bare short name stands for (甲 → 甲县), when the graph has exactly one."""
    if not 2 <= len(phrase) <= 4:
        return None
    hits = [k for k in (phrase, phrase + "县", phrase + "市", phrase + "区") if types.get(k) == "Place"]
    return hits[0] if len(hits) == 1 else None


def in_view(text: str, pos: int, out: list[Fact]) -> str:
    """The measure a breakdown is about: 从X来看 earlier in the sentence, else the last figure's measure."""
    m = None
    for m in re.finditer(r"从(.{2,16}?)(?:上)?来看", text[:pos]):
        pass
    if m:
        return re.sub(r"(?:总数|数量|数)$", "", clean_measure(m.group(1)))
    return re.sub(r"数$", "", out[-1].measure) if out else ""


def respective_names(text: str, amounts: list[Amount], mentions) -> dict[int, tuple[str, str]]:
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
        listed = _names(text[start:m.start()], j - i + 1)
        if len(listed) >= 2:
            names = listed
        if len(names) == j - i + 1 and all(is_clean(n) for n in names):
            for k in range(i, j + 1):
                out[k] = (names[k - i], m.group("verb") or "")
        i = j + 1
    return out


def _names(phrase: str, n: int) -> list[str]:
    """The n names of A、B和C (a name may hold 和 itself: 社会保障和就业支出)."""
    parts = phrase.split("、")
    if len(parts) < n:
        last = re.split(r"[和及与]", parts[-1], maxsplit=n - len(parts))
        parts = parts[:-1] + last
    if len(parts) != n:
        parts = re.split(r"[、和及与]", phrase)
    names = [clean_measure(x) for x in parts]
    if len(names) >= 2 and all(len(x) == 2 for x in names[:-1]) and len(names[-1]) >= 7:
        short = len(names[0])  # 甲、乙两类的某某指标 written 甲、乙某某指标: the first items share the last one’s head
        names = [x + names[-1][short:] if len(x) == short else x for x in names[:-1]] + names[-1:]
    return names


def counted_noun(text: str, amt: Amount, tokens: list[Token], pre: str) -> tuple[str, int]:
    """9家社区书屋 / 安排300万元的奖励资金: the noun phrase right after the amount names what is counted."""
    money = amt.unit in MONEY or amt.unit in ("%", "")
    pos = amt.end
    listed = re.search(r"、[^、]{1,12}$|(?:和|及|与|以及)$", pre) is not None
    # 甲、乙、丙3个停车场 / 多个某平台和30个某平台: examples or a list item before, then what is counted
    occasion = re.search(r"(?:会|仪式|活动|现场|论坛|期间)[上中里]?$", clean_measure(pre)) is not None
    where = re.search(r"(?:国内外|海内外|境内外|国内|境内|省外|国外|境外)$", pre)  # where partners come from (全国N个 is a whole)
    scope = where is not None and not pre[:where.start()].endswith("在") and \
        verb_only(pre[:where.start()], tokens, amt.start - len(where.group()))
    # 与国内外28所高校… / 吸引海内外120家企业: a scope (after a verb or a preposition), then what is counted
    if not listed and not occasion and not scope and not verb_only(pre, tokens, amt.start) and \
            not ends_with_verb(tokens, amt.start):
        return "", pos  # 外资企业6家产值…: the noun before the amount is what is counted (not 推介会上15个项目)
    if text.startswith("的", pos):
        if not money or not verb_only(pre, tokens, amt.start):
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
        if t.pos == "v" and words and head_follows(after, k):
            words.append((s, "vn"))  # 5个旧城|改造|项目: a verb inside a compound that ends in a category head
            end = t.end
            continue
        glued = len(s) == 1 and t.pos in ("v", "d", "ad") and words and nxt and nxt.pos in ("n", "vn", "nz", "a") \
            or s in ("及", "和", "与") and words and nxt and nxt.pos in NOUNISH  # 钛及钛合金加工企业
        if s in ADVERBIAL and words and (nxt is None or nxt.pos in ("v", "vd", "vn", "w")):
            break  # 56个项目集体启动: what follows the noun is how it was done (村集体经济 is a noun)
        if s == "有" and not words and re.match(r"有[\u4e00-\u9fff]{2,10}?(?:企业|机构|单位)", text[t.start:]):
            words.append((s, "vn"))  # 新增27家有进出口实绩企业: the 有 of a category that has something
            end = t.end
            continue
        if t.pos == "v" and not words and len(s) >= 2 and nxt is not None and nxt.text in ("、", "等"):
            words.append((s, "vn"))  # 5.6吉瓦切片、…: a listed product the tagger took for a verb
            end = t.end
            continue
        if quoted or t.pos in NOUNISH or glued:
            words.append((s, "nz" if quoted else t.pos))  # 智能|充|电|桩: a one-character verb inside a compound
            end = t.end
            continue
        break
    while words and words[-1][1] not in NOUN_END:
        words.pop()
    noun = re.sub(r"[“”\"‘’]", "", "".join(w for w, _ in words))
    sum_after = MONEY_TAIL.search(noun) if not money and re.match(r"\s*(?:达到|超过|突破|[约近超达为逾])?\d", text[end:end + 4]) else None
    if sum_after and text[end - len(sum_after.group()):end] == sum_after.group():
        # 14个项目总投资42亿元: what is counted ends where the next figure's measure begins; 10个投资超20亿元的
        # 重大产业项目: what is counted follows the sum's 的
        later = re.match(r"[^，,；;。的]{1,14}?元(?:以上|以下|左右)?的([\u4e00-\u9fff]{0,10}?" + COUNT_HEADS[:-1] + ")",
                         text[end:])
        if sum_after.start() == 0 and later:  # 超20亿元的: a threshold inside; 总投资62亿元的: the group's total
            noun = later.group(1)
            end = end + later.end() if re.search(r"超|以上|逾|不少于", later.group()) else end - len(sum_after.group())
        else:
            noun, end = noun[:sum_after.start()], end - len(sum_after.group())
    if money and re.search(r"(?:投资|投入)$", pre):
        noun += pre[-2:]  # 投资3亿元的研发楼 → 研发楼投资
    return (noun, end) if is_clean(noun) else ("", pos)


#: a sum's measure, which starts a figure of its own after a count (14个项目总投资42亿元)
MONEY_TAIL = re.compile(r"(?:计划|当年|年度|年度计划|累计|预计)?(?:总投资额?|投资总?额|投资|总产值|年产值|产值|总金额|签约额|金额)$")


def head_follows(after: list[Token], k: int) -> bool:
    """A category head (项目, 企业, 基地, …) within the next two noun tokens after token k."""
    for t in after[k + 1:k + 3]:
        if t.pos not in NOUN_END:
            return False
        if re.search(COUNT_HEADS, t.text):
            return True
    return False


def ends_with_verb(tokens: list[Token], pos: int) -> bool:
    """A verb (签约了, 摘得, 服务) right before position `pos`."""
    by_end = {t.end: t for t in tokens}
    t = by_end.get(pos)
    while t is not None and t.pos == "u" and t.text in ("了", "过", "着", "得"):
        t = by_end.get(t.start)
    return t is not None and t.pos in ("v", "vd", "vn")


def verb_only(pre: str, tokens: list[Token], upto: int) -> bool:
    cleaned = clean_measure(pre)
    if not cleaned:
        return True
    start = upto - len(pre)
    kinds = {t.pos for t in tokens if t.start < upto and t.end > start}
    return not kinds & NOUN_END


def pre_measure(text: str, start: int, end: int, tokens: list[Token]) -> str:
    """The measure phrase before an amount, cut to a clean noun phrase (too long: after the last 的 or verb)."""
    alias = re.search(r"[(（]([^()（）]{2,16})[)）](?:为|是|达到?|约)?$", text[start:end])
    # 占总人口比重（常住人口城镇化率）为60%: the term in brackets names the measure (not an abbreviation such as GDP)
    if alias and is_clean(clean_measure(alias.group(1))) and not re.search(r"[A-Za-z]", alias.group(1)):
        outer = clean_measure(text[start:start + alias.start()])
        if "占" in alias.group(1) and "占" not in outer and is_clean(outer):
            return outer  # 增加值率（增加值占营业收入比重）24%: the bracket defines the name before it
        return clean_measure(alias.group(1))
    m = clean_measure(text[start:end])
    if is_clean(m):
        return m
    if is_clean(m.replace("的", "")):  # 甲占乙的比重 → 甲占乙比重
        return m.replace("的", "")
    phrase = TRAIL.sub("", text[start:end])  # 用地达5138亩: cut before the copula, not after it
    end = start + len(phrase)
    big = list(re.finditer(r"[两三四五六七八九十]大", phrase))  # 推动甲和乙两大特色产业集群规模: what the 两大 are
    for cut in (phrase.rfind("的") + 1 if "的" in phrase else -1, after_last_verb(tokens, start, end),
                max(phrase.rfind("、"), phrase.rfind("，")) + 1, big[-1].end() if big else -1):
        if cut > 0:
            m = clean_measure(phrase[cut:])
            if is_clean(m):
                return m
    return ""


def after_last_verb(tokens: list[Token], start: int, end: int) -> int:
    verbs = [t.end for t in tokens if start <= t.start and t.end <= end and t.pos == "v"]
    return verbs[-1] - start if verbs else -1


def token_at(tokens: list[Token], pos: int, kinds: set) -> Token | None:
    t = next((t for t in tokens if t.start == pos), None)
    return t if t is not None and t.pos in kinds else None


#: what a project name says it will make: 年产200万双女鞋项目, 10GWh动力电池生产项目, 日产200吨乳品加工项目
CAPACITY_UNITS = {"吨", "吉瓦时", "吉瓦", "兆瓦时", "兆瓦", "千瓦时", "千瓦", "件", "套", "台", "台套", "辆", "粒", "双", "只", "条", "张",
                  "平方米", "立方米", "标箱", "千克", "公斤", "米"}
PRODUCT_END = re.compile(r"(?:生产线|生产|建设|技改|技术改造|扩能|扩建|改造|加工|制造|项目|基地|工程|产业园|产业基地|工厂|厂|"
                         r"智能|及|和|、|$)")


def name_capacities(name: str, amounts) -> list[tuple[object, str]]:
    """The capacities a project's own name states, each with its measure: 年产40条X设备项目 → (40条, X设备年产能);
    a capacity without 年产/日产 is yearly too (10000吨碳酸锂项目 → 碳酸锂年产能). Land, money and rates in a name are
    not capacities."""
    out = []
    for amt in amounts:
        cue = re.search(r"(年|日)?产(?:能)?(?P<before>[\u4e00-\u9fff]{0,6})$", name[:amt.start])  # 年产半轴50万件
        if amt.unit not in CAPACITY_UNITS or (amt.unit in ("平方米", "米", "条", "张") and not cue):
            continue
        rest = name[amt.end:]
        end = PRODUCT_END.search(rest, 2)
        from .measures import clean_measure
        product = cue.group("before") if cue and cue.group("before") else clean_measure(rest[:end.start()]) if end else ""
        kind = "日产能" if cue and cue.group(1) == "日" else "年产能"  # a plant's capacity is yearly unless 日产
        measure = product + kind if 2 <= len(product) and len(product + kind) <= 16 else kind
        out.append((amt, measure))
    return out


def sentence_capacity(text: str, amt, pre: str) -> tuple[str, int] | None:
    """形成年产10万台某产品的生产能力 / 达产后年产某产品5万吨: a capacity stated in a sentence, as (measure, end of
    what was read); the product follows the amount, or sits between 年产 and it."""
    cue = re.search(r"(年|日)产(?![量值出])(?:能)?(?P<before>[\u4e00-\u9fff]{0,8})$", pre)
    if cue is None or amt.unit not in CAPACITY_UNITS | {"个", "件", "台", "套"}:
        return None
    kind = "日产能" if cue.group(1) == "日" else "年产能"
    product, end = clean_measure(cue.group("before")), amt.end
    if not product:
        after = re.match(r"的?([\u4e00-\u9fffA-Za-z]{2,12}?)(?=的|生产能力|产能|产品|项目|制造厂|工厂|生产线|基地|车间|"
                         r"[厂及和，,。；;、）)]|$)", text[amt.end:])
        if after is None:
            return None
        product, end = clean_measure(after.group(1)), amt.end + after.end()
    measure = product + kind
    return (measure, end) if is_clean(measure) and len(product) >= 2 else None
