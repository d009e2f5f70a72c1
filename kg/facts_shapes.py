"""Shapes of figures inside a sentence: which amounts are figures (not thresholds, slogans or a range's lower end),
the threshold narrowing a figure, shares (甲占乙比重), parts in brackets, rates paired with levels (分别增长), names
listed before 分别, the level outside an aside and rank names."""
from __future__ import annotations

import re

from .measure_phrase import MONEY, NOUN_END, token_at
from .measures import COUNT_UNITS, clean_measure, is_clean
from .model import Fact, Token
from .numbers import Amount, find_amounts


def respective_levels(text: str, amounts: list[Amount], i: int, out: list[Fact], said: bool = True) -> list[tuple[int, Fact]]:
    """The rates of 分别增长a、b、c (from amount i on, joined by 、/和) paired with the levels named before, in order;
    [] when there are fewer levels than rates. Without 分别 (`said` False: …分别达到a元、b元，同比增长5.8%、8.7%)
    only when the levels are the figures just before."""
    run = [i]
    while run[-1] + 1 < len(amounts) and amounts[run[-1] + 1].unit == amounts[i].unit and \
            re.fullmatch(r"[、，,和及与]", text[amounts[run[-1]].end:amounts[run[-1] + 1].start]):
        run.append(run[-1] + 1)
    levels = [f for f in out if f.aspect == "level" and f.offset < amounts[i].start]
    if len(run) < 2 or len(levels) < len(run):
        return []
    if not said:
        k = len(run)
        before = amounts[i - k:i] if i >= k else []
        if [f.offset for f in levels[-k:]] != [a.start for a in before]:
            return []
    return list(zip(run, levels[-len(run):]))


def share_name(pre: str, out: list[Fact]) -> str:
    """钛材产量7万吨，约占全国产量的65%、全球产量的33% / 产值占全市的52%: a share, named 甲占乙比重 (甲 the phrase
    before 占, else the level just named)."""
    bare = re.search(r"([^，,；;。、占]{2,14}?)占(?:比)?(?:达到|达|为|约|近|超过|超)?$", pre)
    if bare and not re.search(r"占(全[国省市区县镇球])(?:近|约|超)?$", pre):  # 其中某产业占58%: its share
        name = widen(clean_measure(bare.group(1)), out)
        return name + "占比" if is_clean(name + "占比") else ""
    m = re.search(r"占([^，,；;。占]{1,12}?)的$", pre) or re.search(r"占(全[国省市区县镇球])(?:近|约|超)?$", pre)
    after_share = out and "占" in out[-1].measure and out[-1].unit == "%"
    if m is None and after_share:
        m = re.fullmatch(r"[、和及与]?()([^，,；;。]{1,12}?)的", pre)  # …、全球产量的33%
        whole = re.sub(r"占.*$", "", out[-1].measure)
    else:
        whole = clean_measure(pre[:m.start()]) if m else ""
        if not whole and out and out[-1].aspect == "level" and out[-1].unit != "%":
            whole = out[-1].measure
        else:
            whole = widen(whole, out)
    if m is None:
        return ""
    part = re.sub(r"[“”\"‘’\s]", "", m.group(m.lastindex))  # its scope words (全市) kept: they say of what
    name = re.sub(r"数$", "", whole) + "占" + part + "比重"
    return name if is_clean(name) else "占" + part + "比重" if part and is_clean("占" + part + "比重") else ""


def widen(head: str, out: list[Fact]) -> str:
    """某产业增加值增长18.8%，增加值占全市比重33.7%: a bare head (增加值) is the measure just named that ends in it."""
    named = next((f.measure for f in reversed(out) if f.measure.endswith(head) and "占" not in f.measure), "")
    return named if head and len(named) > len(head) and is_clean(named) else head


def widen_share(measure: str, out: list[Fact]) -> str:
    """增加值占全市规上工业比重 after 某产业增加值…: 某产业增加值占全市规上工业比重."""
    m = re.fullmatch(r"(.{2,4}?)(占.+)", measure)
    if not m:
        return measure
    wide = widen(m.group(1), out) + m.group(2)
    return wide if is_clean(wide) else measure


def breakdown(text: str, amt: Amount, out: list[Fact], cstart: int) -> str:
    """建筑面积10万平方米（地上7万平方米，地下3万平方米）: a short label inside the brackets after a figure
    names a part of that figure's measure (地上建筑面积)."""
    opened = max(text.rfind("(", 0, amt.start), text.rfind("（", 0, amt.start))
    level = next((f for f in reversed(out) if f.aspect == "level" and f.offset < opened), None)
    if level is None or max(text.rfind(")", 0, amt.start), text.rfind("）", 0, amt.start)) > opened:
        return ""
    label = clean_measure(text[max(opened + 1, cstart):amt.start])
    measure = label + level.measure
    return measure if 2 <= len(label) <= 4 and len(measure) <= 16 and amt.unit == level.unit else ""


def figure_amounts(text: str, ms, tokens: list[Token]) -> tuple[list[Amount], list[Amount]]:
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
        if slogan(text, amt):
            continue
        if amt.written.endswith(("以上", "以下")) and re.match(r"(?:的|项目|企业)?[\d一二两三四五六七八九十]+[个家项]", rest):
            thresholds.append(amt)  # 其中10亿元以上3个: the scope of the count after it
            continue
        if amt.written.endswith(("以上", "以下")) and re.match(r"的?[\u4e00-\u9fff]", rest) \
                and not re.match(r"的(?:增量|规模|产值|收入|税收|效益|投资|销售额|营收)", rest) \
                and not re.match(r"的?(?:增长|提升|提高|下降|的增长)", rest) \
                and not re.match(r"的?(?:生产)?(?:能力|产能)", rest):  # 年产叶片500套以上能力: a capacity
            thresholds.append(amt)
            continue
        if amt.unit in MONEY and token_at(tokens, amt.end, NOUN_END) and \
                not re.match(r"(?:大关|规模|水平|人民币|资金|经费|补助|补贴|奖励|贷款|专项资金)", rest) \
                and not (re.search(r"(?:投资|出资)$", text[:amt.start])  # 投资35亿元建设: the investment itself
                         and re.match(r"(?:建设|新建|兴建|建成|打造|实施)", rest)):
            thresholds.append(amt)  # 年收入20万元家庭 / 超50亿元项目: the amount qualifies the noun after it
            continue
        if re.match(r"之间", rest) and re.search(r"[-—－~至到]$", text[:amt.start]):
            thresholds.append(amt)  # 10亿元到20亿元之间的项目8个: the range's upper end
            continue
        if re.match(r"[-—－~至到]", rest) and any(b.start == amt.end + 1 for b in find_amounts(text)) \
                and not re.match(r"(?:至|到)[\d.]+[^\d，,。；;]{0,4}[，,。；;]", rest):  # 700个至800个。: both ends
            thresholds.append(amt)  # 50亿元-100亿元项目2个: the lower end of a range
            continue
        figures.append(amt)
    return figures, thresholds


def in_short_quote(text: str, pos: int) -> bool:
    """Inside a short quoted phrase (a slogan), not a long quoted speech."""
    opened = text.rfind("“", 0, pos)
    return opened >= 0 and text.rfind("”", opened, pos) < 0 and pos - opened <= 8 and "”" in text[pos:pos + 12]


def slogan(text: str, amt: Amount) -> bool:
    """Numerals of rhetoric, not figures: 一个缩影, “两个先行”, 三大“攻坚”, 千家万户."""
    if amt.unit not in COUNT_UNITS or amt.unit_written[:1] in "万亿":
        return False
    if amt.written[:1].isdigit():
        return in_short_quote(text, amt.start)
    if re.match(r"(?:方面|领域|环节|维度|层面|抓手)", text[amt.end:]):
        return True  # 八个方面重点工作: a way of speaking, not a count
    if in_short_quote(text, amt.start):  # “1个千亿+4个百亿”: a slogan, digits or not
        return True
    return amt.value == 1 or text[amt.end:amt.end + 1] in "“\"‘" or text[amt.end:amt.end + 1] == "万"


def scope_of(thresholds: list[Amount], cstart: int, pos: int, text: str = "") -> str:
    """The threshold written before a figure; a range (50亿元-100亿元) as one."""
    near = [t for t in thresholds if cstart <= t.start < pos]
    if not near:
        return ""
    last = near[-1]
    low = [t for t in near[:-1] if t.end + 1 == last.start and text[t.end:last.start] in "-—－~至到"]
    return text[low[-1].start:last.end] if low else last.written


HOLDERS = ("Place", "Park", "Project", "Company", "Institute")
JOINED = ("、", "和", "及", "与", "，", ",")


def respective_subjects(text: str, amounts: list[Amount], ms, keys: dict) -> dict[int, tuple[str, str]]:
    """甲县、乙县拟开工项目数分别为39个和24个（，总投资为a和b）: the k-th figure of the run is the k-th name's,
    the phrase between the names and 分别 its measure; a later run of as many figures in the same sentence
    (总投资为a和b) keeps the names. Index of each figure → (subject, measure phrase)."""
    out: dict[int, tuple[str, str]] = {}
    names: list[str] = []
    i = 0
    while i < len(amounts):
        j = i
        while j + 1 < len(amounts) and amounts[j + 1].unit == amounts[i].unit and \
                text[amounts[j].end:amounts[j + 1].start] in JOINED[:4]:
            j += 1
        n = j - i + 1
        cstart = max([0] + [x.end() for x in re.finditer(r"[，,；;：:。]", text[:amounts[i].start])])
        cue = re.search(r"分别(?:为|是|达到|达|有)?$", text[cstart:amounts[i].start])
        if n < 2 or cue is None and not names:
            i = j + 1
            continue
        cue = cue or re.search(r"(?:为|是|达到|达)?$", text[cstart:amounts[i].start])
        end = cstart + cue.start()
        chain = _name_chain([m for m in ms if keys.get(id(m)) and m.type in HOLDERS], text, cstart, end)
        measure = ""
        if len(chain) == n:
            names, measure = [keys[id(m)] for m in chain], clean_measure(text[chain[-1].end:end])
        elif not chain and len(names) == n:
            measure = clean_measure(text[cstart:end])
        if is_clean(measure) and len(names) == n:
            for k in range(i, j + 1):
                out[k] = (names[k - i], measure)
        i = j + 1
    return out


def _name_chain(ms, text: str, start: int, end: int) -> list:
    """The names joined by 、/和/及/与 that run up to the measure phrase before `end` (outermost names only)."""
    inside = sorted((m for m in ms if start <= m.start and m.end <= end), key=lambda m: (m.start, -m.end))
    outer = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)]
    best: list = []
    run: list = []
    for m in outer:
        if run and text[run[-1].end:m.start] in JOINED[:4]:
            run.append(m)
        else:
            run = [m]
        if len(run) >= 2 and len(run) >= len(best):
            best = list(run)
    return best if best and len(best) >= 2 else []


def outside_asides(text: str, pos: int, out: list[Fact], last: Fact | None) -> Fact | None:
    """The level a growth rate at `pos` grows: the last one not inside an aside that closed before `pos`."""
    asides = [(m.start(), m.end()) for m in re.finditer(r"[(（][^()（）]*[)）]", text[:pos])]
    for f in reversed([f for f in out if f.aspect == "level"] or ([last] if last else [])):
        if not any(a <= f.offset < b for a, b in asides):
            return f
    return last


def rank_name(phrase: str) -> str:
    """位列全国第19位 → 全国排名; 在某考评中跃居第52位 → 某考评排名."""
    measure = re.sub(r"(?:位列|位居|名列|排名|排在|跃居|跃升至|跃升到|升至|上升至|上升到|提升至|提升到|排|列|居)+$", "",
                     clean_measure(phrase))
    measure = re.sub(r"(?<=.)(?:单项)?(?:位列|位居|名列|排在)(?=.)", "", measure)  # 外资单项位列全国 → 外资全国
    measure = clean_measure(re.sub(r"^(?:位列|位居|名列|排名|跻身)", "", measure))
    measure = measure if measure.endswith(("排名", "名次", "位次")) else measure + "排名"
    return re.sub(r"中(?=排名$)", "", measure)  # 考评中排名 → 考评排名
