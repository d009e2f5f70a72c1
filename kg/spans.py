"""Name spans closed by a type head: where a name starts, walking left from its head over name-like tokens
(extend_left) or to the nearest hard boundary (boundary_start), and where two glued names part (cut_joined)."""
from __future__ import annotations

import re

from .lexicon import Lexicon, industries
from .model import Token
from .wordfreq import is_rare, word_freq as _freq  # noqa: F401  (subjects and workers import them from here)

PROPER = {"LOC", "ORG", "PER", "nz", "nw"}
NAMEISH = PROPER | {"n", "vn", "an", "a", "j", "s", "v", "x", "eng"}
OPEN_BR, CLOSE_BR = "(（", ")）"
OPEN_Q, CLOSE_Q = "“‘「『\"", "”’」』\""
CLASSIFIERS = "个家项名所支条座批年月日亿万元%大台套张次届期"
ORDINAL = re.compile(r"^(?:第?[一二三四五六七八九十\d]+[期号套条座栋]|新?\d+号|[A-Za-z\d]+)$")
MAX_NAME = 28
SINGLE_CHAR_HEAD_MIN = 2  # a one-character head (村, 局) needs a modifier of at least this length


EVENT = re.compile(r"(?:发布会|博览会|洽谈会|交易会|推介会|大会|论坛|峰会|仪式|活动)$")


def token_at(tokens: list[Token], pos: int) -> int:
    """Index of the token containing character `pos` (binary search)."""
    lo, hi = 0, len(tokens) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= pos:
            lo = mid + 1
        elif tokens[mid].start > pos:
            hi = mid - 1
        else:
            return mid
    return -1


def _find_open(tokens: list[Token], i: int, opens: str, closes: str) -> int:
    """Index of the token holding the bracket that opens the one closed at token `i`."""
    depth = 0
    for j in range(i, max(-1, i - 12), -1):
        for ch in reversed(tokens[j].text):
            if ch in closes:
                depth += 1
            elif ch in opens:
                depth -= 1
                if depth == 0:
                    return j
    return -1


def _walk_from(tokens: list[Token], hs: int) -> tuple[int, int, int]:
    """Where a leftward walk from a head at `hs` begins: the head's token, the name's start so far (the start of
    that token when the head sits inside it), and the first token to the left."""
    k = token_at(tokens, hs)
    start = tokens[k].start if k >= 0 and tokens[k].start < hs else hs
    return k, start, (k - 1) if k >= 0 else -1


def _glued_bracket(text: str, tokens: list[Token], k: int, start: int, i: int, hs: int) -> tuple[int, int, int]:
    """某某科技(某市)|)有限公司: the tagger glued a closing bracket to the head; the walk resumes before its opening."""
    if k >= 0 and start == hs - 1 and text[start] in CLOSE_BR:
        j = _find_open(tokens, k, OPEN_BR, CLOSE_BR)
        if 0 <= j < k and not BYLINE_IN.match(text[tokens[j].start + 1:hs]):
            return k, tokens[j].start, j - 1
    return k, start, i


def extend_left(text: str, tokens: list[Token], hs: int, lex: Lexicon, allow_quote_left: bool = False,
                allow_verbs: bool = False) -> int:
    """Start of the name whose head starts at `hs`: walk left over name-like tokens."""
    k, start, i = _glued_bracket(text, tokens, *_walk_from(tokens, hs), hs)
    while i >= 0 and start - tokens[i].start <= MAX_NAME:
        t = tokens[i]
        if t.text in ("与", "和") and i > 0 and start < hs and tokens[i - 1].text in industries():
            start, i = t.start, i - 1  # 人工智能与数字安全产业基地: two industries share the head
            continue
        if t.text == "对" and start < hs and re.fullmatch(r"[俄日韩美欧德法台港澳非]", text[t.end:t.end + 1]) and \
                (i == 0 or tokens[i - 1].pos in ("LOC", "ORG", "nz") or tokens[i - 1].text in "、，,"):
            start, i = t.start, i - 1  # 某某对俄经济技术开发区: 对 + a country opening a name is part of it
            continue
        if t.text in lex.verbs:
            break
        if t.text in lex.stopwords:
            start, i = t.start, i - 1
            continue
        if t.text in lex.heads and start < hs and (i == 0 or tokens[i - 1].pos in ("w", "v", "p", "u", "c", "d")):
            break  # ，开发区|某某工业园区: a bare head word before a name is the zone named again, not part of it
        if lex.longest_head_suffix(t.text) and len(t.text) >= 2 and t.pos != "w":
            start, i = t.start, i - 1  # a name part that is itself a head (科创区 tagged as a verb)
            continue
        if EVENT.search(t.text) and start < hs:
            break  # 某某新闻发布会|某某高新区: an event, not part of the name
        if t.text[-1:] in CLOSE_BR:
            j = _find_open(tokens, i, OPEN_BR, CLOSE_BR)
            if j < 0 or BYLINE_IN.match(text[tokens[j].start + 1:t.end]):
                break
            start, i = tokens[j].start, j - 1
            continue
        if t.text in CLOSE_Q and i == k - 1 and start == hs:
            # a quoted name right before the head: “246”产业示范园
            j = next((x for x in range(i - 1, max(-1, i - 12), -1) if tokens[x].text in OPEN_Q), -1)
            if j < 0:
                break
            start, i = tokens[j].start, j - 1
            if i >= 0 and tokens[i].pos not in PROPER:
                break
            continue
        if t.text in OPEN_Q:
            # the head sits inside quotes: continue only over a proper name (星拓“智能工厂”)
            if allow_quote_left and i > 0 and tokens[i - 1].pos in PROPER:
                start, i = t.start, i - 1
                continue
            start = t.start
            break
        if t.text == "·" and start < hs and _zone_before(text, t.start, lex):
            break  # 某某新区·某某经开区: two zones, the second inside the first (relate: partOf)
        if t.text == "·" or t.text == "-":
            start, i = t.start, i - 1
            continue
        if t.pos in ("m", "TIME") and (ORDINAL.match(t.text) or (
                not re.search(r"[\d年月日今去前后]", t.text) and t.text[-1] not in CLASSIFIERS)):
            start, i = t.start, i - 1
            continue
        if t.pos == "f" and len(t.text) == 1 and t.text in "北东中南西" and i + 1 < len(tokens):
            start, i = t.start, i - 1
            continue
        if t.pos == "f" and REGION_SEAT.fullmatch(t.text) and text[t.end:t.end + 1] in OPEN_BR:
            start, i = t.start, i - 1  # 西部(某市)科学城: a region whose seat is bracketed
            break
        if len(t.text) == 1 and t.pos in ("v", "a") and i > 0 and tokens[i - 1].pos in PROPER and \
                len(tokens[i - 1].text) == 1:
            start, i = t.start, i - 1  # 远/ORG 驰/v: the tagger split an unknown two-character name
            continue
        if t.pos == "v" and _misread_brand(tokens, i, lex, edge=True):
            start, i = t.start, i - 1  # 、|驰某/v|公路货运枢纽物流园: a brand the tagger misread opens the name
            if i < 0 or tokens[i].pos not in ("LOC", "ORG"):
                break  # (a place before it belongs to the name: 某市|临某/v|…产业园)
        if t.pos == "v" and not (allow_verbs and len(t.text) >= 2 and i > 0 and
                                 tokens[i - 1].pos in ("n", "vn", "LOC", "ORG")):
            break
        if t.pos in NAMEISH and t.pos != "w":
            start, i = t.start, i - 1
            continue
        break
    # trim leading verbs/adjectives and stop words that slipped in
    while start < hs:
        j = token_at(tokens, start)
        t = tokens[j]
        if t.end > hs:
            break
        if t.pos == "a" and is_rare(t.text) or t.pos == "v" and _misread_brand(tokens, j, lex, edge=True):
            break  # 澜越/a: a word the dictionary does not know is a name, whatever its tag
        if t.pos == "f" and text[t.end:t.end + 1] in OPEN_BR and REGION_SEAT.fullmatch(t.text):
            break
        if t.pos in ("v", "a", "d", "ad", "f", "m", "TIME") or t.text in lex.stopwords:
            start = t.end
            continue
        break
    return start


# --- boundary walk: names of the core types run left to the nearest hard boundary -------------------------
GOV_END = re.compile(r"(?:人民政府|政府|管委会|管理委员会)$")
BARE_ZONE = re.compile(r"(?:开发区|经开区|高新区|园区|新区|示范区|试验区|自贸区|综保区)")  # a zone named by its kind
REGION_SEAT = re.compile(r"[北东中南西]部|[东西][南北]")
HARD_STOP = set("，。；：！？,;:!?、\n【】[]")
STOP_POS = {"p", "u", "d", "r", "w", "ad", "q"}
DATE = re.compile(r"\d|[今去明前后上下本当目近]|年[初底末中]|季度|日前|月份")
JOINERS = ("和", "与", "及")
#: verbs that belong to a name when they stand right before its head (某医院新建工程, 某路升级改造工程)
BUILD_VERBS = {"建设", "新建", "改建", "扩建", "改造", "提升", "升级", "开发", "制造", "生产", "研发", "迁建", "续建", "整治",
               "提质", "修缮", "配套", "智造", "加工", "示范", "孵化", "创新", "服务", "物流", "仓储", "改扩建", "搬迁",
               "扩能", "技改", "扩产", "新上", "易地", "整体搬迁"}
#: units a production capacity is counted in (年产10亿包, 8英寸, 40条): the capacity belongs to a project's name
CAPACITY_UNITS = ("吨级|吨|英寸|寸|吋|标准条|条|台|套|兆瓦|千瓦|瓦|GWh|MWh|GW|MW|纳米|片|辆|件|平方米|立方米|千伏|kV|KV|头|只|粒|双|"
                  "支|瓶|盒|颗|块|锭|标箱|车次|枚|包|箱|袋|桶|罐|卷|千米|公里")
CAPACITY = re.compile(rf"(?:年产|年处理|年加工|年产能)?(?:[\d.]+|百|千|万|十万|百万)(?:万|千|亿)?(?:{CAPACITY_UNITS})")
CAPACITY_WORDS = {"年产", "年处理", "年加工", "年产能", "年生产"}
SHORT_VERBS = set("建设办引推抓创促投落签牵携助拓谋筑率")
DESCRIPTORS = {"企业", "单位", "龙头", "龙头企业", "领军企业", "骨干企业", "头部企业", "巨头", "品牌", "厂商", "下属",
               "子公司", "旗下", "独角兽"}
BYLINE_IN = re.compile(r"^\s*(?:本报|记者|通讯员|实习生|见习记者|特约|来源|图|文)")
COUNTED_M = re.compile(r"(?:\d+(?:\.\d+)?|[两三四五六七八九十千百万亿]+)(?:多|余)?[个家项名所条座批年月日天万亿元%台套张次届位户]")


def _zone_before(text: str, end: int, lex: Lexicon) -> bool:
    """Does a zone's name (a modifier and a Park head) end at END?"""
    left = text[max(0, end - 10):end]
    head = lex.longest_head_suffix(left)
    return bool(head) and lex.heads[head] == "Park" and len(left) > len(head) and \
        left[-len(head) - 1] not in "，。；：、,;:（(“\n "


def _misread_brand(tokens: list[Token], i: int, lex: Lexicon, edge: bool = False) -> bool:
    """A two-character "verb" the general dictionary barely knows, right after a place or a zone (or, with EDGE,
    opening a list item or a clause), is a brand the tagger misread (某县|旭某|3GW…项目), not a predicate."""
    t = tokens[i]
    if len(t.text) >= 4 and is_rare(t.text) and t.text not in lex.verbs and not edge:
        return True  # 某某|抽水蓄能电站/v|项目: a long compound the tagger took for a verb is a noun of the name
    if len(t.text) != 2 or not is_rare(t.text) or t.text in lex.verbs or i == 0 and not edge:
        return False
    if edge:  # at an edge the next word must be a name's own word: 智造|产业园, 争当|全省…园区 are not brands
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.text in lex.heads or nxt.text in lex.stopwords or t.text[0] in VERB_OPENERS:
            return False
    if i == 0:
        return True
    left = tokens[i - 1]
    return (left.pos in ("LOC", "ORG") and left.end == t.start) or (edge and left.text in ("、", "，", ",", "：", ":", "；"))


SUPERLATIVE = re.compile(r"(?:全国|国内|全省|全球|亚洲|世界)?(?:最大|最强|最长|最高|最先进|唯一|首个|首家|首座|首条|第一)(?:的)?")
VERB_OPENERS = set("争创抢推促打建引育强做抓谋筑")


def _predicate(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Is the verb at token i a predicate: nothing before it, or a name, head noun or another verb?
    (柔性|透明|OLED keeps its verb: a modifier precedes it.)"""
    if i == 0:
        return True
    left = tokens[i - 1]
    if left.text == "、":
        return False  # an item of a list opens with its own first word, whatever its tag (、某织新料…项目)
    head = lex.longest_head_suffix(left.text)
    return left.pos in PROPER or left.pos in ("v", "w", "r", "d", "p") or (head is not None and lex.heads[head] != "Project")


def _place_at(text: str, j: int) -> bool:
    from .places import gazetteer

    return any(gazetteer().lookup(text[j:j + n]) for n in (2, 3, 4))


def cut_joined(text: str, start: int, hs: int, lex: Lexicon) -> int:
    """Where the name ending before `hs` starts when the tagger glued two names, or a name and a verb, into one
    word: 某某政府与|某某集团, 某某政府共建|某某中心, 某园区引进|某某公司 (what stands before is a whole name)."""
    lead = re.match(r"[(（][^()（）]{1,8}[)）]", text[start:hs])
    if lead and hs - (start + lead.end()) >= 4 and _place_at(text, start + lead.end()):
        start += lead.end()  # (南区)|某省某某公司: the bracket closes the zone named before it
    for j in range(hs - 1, start - 1, -1):
        left = re.sub(r"[(（][^()（）]{1,8}[)）]$", "", text[start:j])  # 某高新区(南区)|某省某某公司
        head = lex.longest_head_suffix(left) if j > start else None
        if head and lex.heads[head] == "Park" and (len(left) > len(head) or BARE_ZONE.fullmatch(left)) and hs - j >= 4 \
                and _place_at(text, j):
            return j  # a zone (or the bare word 开发区) before a name that starts with its own place: where it is
        if j > start and not lex.longest_head_suffix(text[start:j]):
            continue
        if j > start and hs - j >= 4 and GOV_END.search(text[start:j]):
            return j + (text[j] in "与和及同")  # 某州人民政府|某某科学院某某研究所: the body and its partner, glued by the tagger
        if text[j] in "与和及" and hs - j >= 3 and j > start and _freq().get(text[j:j + 2], 0) < 1000:
            return j + 1  # (和谐型…: a word that opens with the character is not the conjunction)
        verb = next((text[j:j + n] for n in (4, 3, 2) if text[j:j + n] in lex.verbs), None)
        if verb and hs - (j + len(verb)) >= 2:
            return j + len(verb)
    return start


def boundary_start(text: str, tokens: list[Token], hs: int, lex: Lexicon) -> int:
    """Start of a name whose head starts at `hs`, found by walking left to the nearest boundary (punctuation,
    a governing verb, a preposition or particle, a counted number, a time word, a byline bracket) rather than
    over a closed set of name-like tags: real names carry verbs, conjunctions, digits and Latin letters
    (某某模具和关键零部件制造产业园项目, 某医院新建工程, 26号B地块项目, NVK柔性透明OLED项目)."""
    k, start, i = _glued_bracket(text, tokens, *_walk_from(tokens, hs), hs)
    while i >= 0 and hs - tokens[i].start <= MAX_NAME:
        t = tokens[i]
        if t.text[-1:] in CLOSE_BR:
            j = _find_open(tokens, i, OPEN_BR, CLOSE_BR)
            inner = tokens[j + 1:i]
            if j < 0 or BYLINE_IN.match(text[tokens[j].start + 1:t.end]) or HARD_STOP & set(text[tokens[j].start:t.end]) \
                    or (inner and all(x.pos in ("PER", "w") for x in inner)):
                break  # (记者 某某), (某某): a byline, not part of the name
            start, i = tokens[j].start, j - 1
            continue
        if t.text[-1:] in CLOSE_Q:
            j = next((x for x in range(i - 1, max(-1, i - 12), -1) if tokens[x].text[:1] in OPEN_Q), -1)
            if j < 0:
                break
            start, i = tokens[j].start, j - 1
            continue
        if HARD_STOP & set(t.text) or t.text[:1] in OPEN_BR or t.text[:1] in OPEN_Q or t.text[-1:] in OPEN_BR:
            break
        adjacent = t.end == hs or (t.text in BUILD_VERBS and all(  # 搬迁|扩建|项目: a run of building verbs
            x.text in BUILD_VERBS for x in tokens[i + 1:k] if x.end <= hs))
        if i + 1 < len(tokens) and tokens[i + 1].start == t.end and tokens[i + 1].end <= hs and \
                text[t.start:tokens[i + 1].end] in lex.heads:
            start, i = t.start, i - 1  # 集聚|区: a head the tagger split, whatever the tag of its first part
            continue
        if t.text == "率" and i > 0 and tokens[i - 1].pos == "PER":
            break  # 市长某某率|项目观摩组: a person leads a delegation, no name runs over it
        if t.text in ("摄", "摄影") and i > 0 and tokens[i - 1].pos == "PER":
            break  # 记者某某摄|项目…: a photo credit the layout ran into the caption after it
        if (t.text in DESCRIPTORS or SUPERLATIVE.fullmatch(t.text)) and not adjacent:
            break  # 行业领军企业|某某集团, 下属单位|某某有限公司, 全国最大|…: a description before the name
        if t.text in JOINERS:
            left = tokens[i - 1] if i > 0 else None
            right = tokens[i + 1] if i + 1 < len(tokens) else None
            if left is None or left.pos in ("ORG", "PER", "LOC") or lex.longest_head_suffix(left.text) or start >= hs or \
                    (right is not None and right.pos in ("ORG", "LOC") and right.start < hs):
                break  # A项目和|B项目, 甲公司和|乙公司, 某地块和|某研究所: two names, not one
            start, i = t.start, i - 1
            continue
        if t.text in lex.verbs and not (adjacent and t.text in BUILD_VERBS):
            break
        if t.pos == "v" and t.text in SHORT_VERBS and not adjacent:
            break  # 某镇|建|某某创新中心
        if t.pos == "v" and len(t.text) >= 2 and not (adjacent and t.text in BUILD_VERBS) and _predicate(tokens, i, lex) \
                and not _misread_brand(tokens, i, lex):
            break  # 某示范区|组织开展|项目…: a verb after a subject is the clause's predicate, not part of a name
            # (a "verb" the general dictionary barely knows is a brand the tagger misread: 某县|旭某|3GW…项目)
        if t.text in ("+", "＋") and i > 0 and re.fullmatch(r"[A-Za-z\d]+", tokens[i - 1].text):
            start, i = t.start, i - 1  # 某某AI+创新中心
            continue
        if t.text == " " and i + 1 < len(tokens) and re.match(r"[A-Za-z]", tokens[i + 1].text):
            start, i = t.start, i - 1  # 某某新城 CBD项目: a space before Latin letters is inside the name
            continue
        if t.text == "—" and ((i > 0 and tokens[i - 1].text == "—") or (i + 1 < len(tokens) and tokens[i + 1].text == "—")):
            break  # ——: a dash between clauses, not a hyphen inside a name
        if t.pos in STOP_POS and not (t.pos == "w" and t.text in "·-—–~～/" and len(t.text) == 1):
            break
        if CAPACITY.fullmatch(t.text) or t.text in CAPACITY_WORDS:
            start, i = t.start, i - 1  # 年产40条|…设备项目, 8英寸|…生产线: a capacity belongs to the project's name
            continue
        if t.pos == "xc" and not re.fullmatch(r"[A-Za-z\d]+", t.text):
            break
        if t.pos == "TIME" and DATE.search(t.text) and not ORDINAL.match(t.text):
            break  # 2023年|某某项目, 近日: a date opens the clause; 九年一贯制 is part of a name
        if t.pos in ("m", "q") or (t.pos != "TIME" and COUNTED_M.fullmatch(t.text)):
            if not ORDINAL.match(t.text) and not re.fullmatch(r"[\dA-Za-z—–\-~～.]+", t.text):
                break
        if t.text == "暨" and i > 0 and tokens[i - 1].pos not in STOP_POS and not EVENT.search(tokens[i - 1].text):
            start, i = t.start, i - 1  # 某某总部暨某区域总部项目: one undertaking under two names
            continue
        if t.pos == "c":
            break
        start, i = t.start, i - 1
    start = cut_joined(text, start, hs, lex)
    # trim what opens the phrase but is not the name: stop words, verbs, numbers, pronouns — but after 的 or 、
    # the phrase is a name already, whatever the tag of its first word (…的焕某生物…项目, 、某织新料…项目)
    named = start > 0 and text[start - 1] in "的、"
    while start < hs:
        j = token_at(tokens, start)
        t = tokens[j]
        if t.end > hs:
            break
        if named and t.pos in ("v", "a") and t.text not in lex.verbs and t.text not in lex.stopwords:
            break
        if REGION_SEAT.fullmatch(t.text) and text[t.end:t.end + 1] in OPEN_BR:
            break  # 西部(某市)科学城…: a region whose seat is bracketed opens the name
        if t.text in lex.stopwords or t.text in lex.verbs or t.pos in ("v", "d", "ad", "r", "c", "f", "TIME") \
                and not (t.pos == "v" and t.end == hs) and not is_rare(t.text):
            start = t.end
            continue
        break
    return start
