"""Find entity mentions in a tagged sentence: head-closed names (their boundaries and kinds) and places."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .lexicon import Lexicon
from .model import Mention, Sentence, Token
from .places import Gazetteer, gazetteer
from .spans import CAPACITY_UNITS, PROPER, boundary_start, extend_left, is_specific, token_at

BOUNDARY_TYPES = ("Project", "Institute", "Company")
PLACE_SUFFIX_AFTER_SHORT = ("区", "市", "县", "地区", "城区", "区委", "市委", "县委", "政府")


@lru_cache(maxsize=1)
def industries() -> tuple[str, ...]:
    text = resources.files("kg").joinpath("resources").joinpath("industries.tsv").read_text(encoding="utf-8")
    return tuple(x for x in text.splitlines() if x and not x.startswith("#"))


def _m(s: Sentence, a: int, b: int, typ: str, rule: str, alt=()) -> Mention:
    return Mention(text=s.text[a:b], type=typ, sentence=s, start=a, end=b, alt_types=tuple(alt), rule=rule)


def head_mentions(s: Sentence, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    """Names closed by a type head (…有限公司, …产业园, …研究院, …街道)."""
    text, out, weak = s.text, [], []
    for t in tokens:
        e = t.end
        head = None
        for n in range(min(lex.max_head, e), 0, -1):
            if text[e - n:e] in lex.heads:
                head = text[e - n:e]
                break
        if head is None:
            continue
        hs = e - len(head)
        k = token_at(tokens, hs)
        if len(head) == 1 and tokens[k].start != hs and tokens[k].pos not in PROPER:
            continue  # 干部, 村民: the head character is inside a common word
        typ = lex.heads[head]
        start = boundary_start(text, tokens, hs, lex) if typ in BOUNDARY_TYPES else hs
        if typ in BOUNDARY_TYPES:
            start = _after_description(text, _with_capacity(text, tokens, start, lex), hs)
            if typ == "Project":
                start = _company_before(text, tokens, start, hs, lex)
            again = text.rfind(head, start, hs)
            if typ == "Institute" and again >= 0 and hs - (again + len(head)) >= 2:
                start = again + len(head)  # 省实验室|某某实验室: a kind named before the name
            if typ == "Project" and _verb_object(text, tokens, hs):
                continue  # 上项目, 抓项目, 引项目: a verb and its object, not a name
        if typ not in BOUNDARY_TYPES or "”" in text[start:hs] or text[hs - 1:hs] == "“":
            start = extend_left(text, tokens, hs, lex, allow_quote_left=lex.head_notes.get(head) == "facility",
                                allow_verbs=typ in ("GovernmentBody", "Policy"))
        if typ == "Policy":
            start = _policy_start(text, tokens, start)
        if (text[start] == "“" and "”" not in text[start:hs]) or _unbalanced(text[start:e + (text[e:e + 1] == "”")]):
            continue  # “双试点: a head inside a quoted slogan belongs to the quote rule
        if head == "片区" and _park_inside(text[start:hs], lex):
            typ = "Park"
        if text[max(0, start - 2):start] in ("首个", "首家") and typ == "Project":
            brand = _brand_before(tokens, start - 2, lex)  # 星拓云购首个前置仓
            start = brand if brand is not None else start
        if typ == "Place":  # a place name does not swallow the unit it belongs to (织里镇|大港村)
            start = _after_last_place(text, tokens, start, hs, lex)
            start = _after_division(text, tokens, start, hs)
        if not is_specific(text, tokens, start, hs, head, typ, lex):
            if typ == "Project" and head in GENERIC_HEADS and not _is_category(text, tokens, start, hs, head, typ, lex):
                weak.append((start, e, head))
            continue
        if _is_category(text, tokens, start, hs, head, typ, lex):
            continue
        alt: tuple[str, ...] = ("GovernmentBody",) if lex.head_notes.get(head) == "office" else ()
        aliases: tuple[str, ...] = ()
        if head in ("工程", "项目") and "“" in text[start:hs]:
            inner = re.search(r"“([^”]{2,30})”$", text[start:hs])
            inner_head = lex.longest_head_suffix(inner.group(1)) if inner else None
            if inner_head and lex.heads[inner_head] in ("Park", "Project", "Company", "Institute") and \
                    len(inner.group(1)) > len(inner_head) + 1:
                typ, alt, aliases = "Project", (lex.heads[inner_head],), (inner.group(1),)  # “某某产业园”项目
            else:
                typ, alt = "Policy", ("Project",)
        part = PART_BRACKET.match(text, e) if typ in ("Park", "Project") else None
        if part:  # 某某高新区(南区), 某某产业园(二期): the part in brackets is part of the name
            aliases += (clean_quotes(text[start:e]),)
            e = part.end()
        phase = PHASE_AFTER.match(text, e) if typ == "Project" else None
        if phase:  # 某某项目三期: the phase after the head is part of the longest name; the name without it stays an alias
            aliases += (clean_quotes(text[start:e]),)
            e = phase.end()
        mm = _m(s, start, e, typ, f"head:{head}", alt)
        mm.aliases = aliases
        out.append(mm)
        sub = SUBZONE_AFTER.match(text, e) if typ == "Park" else None
        if sub:  # 某产业新城|核心区, 某新区|某某一体发展区: a part of the zone, named after it
            out.append(_m(s, start, sub.end(), "Park", "subzone"))
        if typ == "GovernmentBody" and head in ZONE_OFFICES:
            inner = lex.longest_head_suffix(text[start:hs])
            if inner and lex.heads[inner] == "Park" and hs - start > len(inner) + 1:
                out.append(_m(s, start, hs, "Park", f"office-of:{inner}"))  # 某某高新区|管委会: the zone it runs
    return out + _siblings(s, out, weak)


INVESTED_BY = re.compile(r"(?:投资|投建|建设|承建|打造|实施)的")  # 某某有限公司投资的|某某制造项目
SIBLING_SEP = re.compile(r"(?:、|和|及|以及|与)(?:总?投资[\d.]+(?:万|亿)元的)?")


def _siblings(s: Sentence, found: list[Mention], weak: list[tuple[int, int, str]]) -> list[Mention]:
    """An item of an enumeration of named projects is a name too, even when its words are plain
    (某某项目、某某材料提升项目、某某小镇项目): its neighbours say what it is."""
    text, out = s.text, []
    projects = [m for m in found if m.type == "Project"]
    companies = [m for m in found if m.type == "Company"]
    for a, b, head in weak:
        if b - a - len(head) < 2:
            continue
        if any(INVESTED_BY.fullmatch(text[c.end:a]) for c in companies) or \
                any(SIBLING_SEP.fullmatch(text[m.end:a]) or SIBLING_SEP.fullmatch(text[b:m.start]) for m in projects + out):
            out.append(_m(s, a, b, "Project", f"sibling:{head}"))
    return out


DESCRIPTION = re.compile(r"(?:龙头企业|领军企业|骨干企业|头部企业|链主企业|上市公司|独角兽企业|小巨人”?企业|企业|单位|品牌|"
                         r"首家|首个|首批|第一家|第一个|唯一)")


def _after_description(text: str, start: int, hs: int) -> int:
    """某行业龙头企业|某某集团 (the tagger may give it as one token): a description before the name is cut off."""
    last = None
    for m in DESCRIPTION.finditer(text, start, hs):
        if hs - m.end() >= 2:
            last = m
    return last.end() if last else start


COUNT_START = re.compile(r"(?:\d+(?:\.\d+)?|[两三四五六七八九十百千]+)(?:多|余)?[个家座项批条栋台套幢处]")
CAPACITY_BEFORE = re.compile(rf"(?:年产(?:能)?|年处理|年加工|年生产|日产|年吞吐|年存栏|年出栏)?[\d.]+(?:万|千|亿)?(?:{CAPACITY_UNITS})(?:/年)?$")
VERB_OBJECT = set("上补引抓建招谋争跑促稳保落签推谈")


def _with_capacity(text: str, tokens, start: int, lex) -> int:
    """某某年产20万吨某某项目: a capacity before the product is part of the project's name, and so is the brand
    before the capacity."""
    m = CAPACITY_BEFORE.search(text, max(0, start - 18), start)
    if m and m.end() == start:
        new = m.start()
    elif re.search(r"[\d.]", text[start:start + 1]) and re.search(r"(?:年产(?:能)?|年处理|年加工|年生产|日产)$", text[max(0, start - 3):start]):
        new = start - (3 if text[start - 3:start] == "年产能" else 2)  # 年产|260万平方米…项目
    else:
        return start
    k = token_at(tokens, new - 1)
    while k >= 0 and tokens[k].end <= new and tokens[k].pos in ("ORG", "nz", "PER", "LOC") and new - tokens[k].start <= 10 \
            and tokens[k].text not in lex.verbs:
        new, k = tokens[k].start, k - 1
    if lex.longest_head_suffix(text[max(0, new - 8):new]) in ("有限公司", "股份有限公司", "有限责任公司", "集团", "公司"):
        new = boundary_start(text, tokens, new, lex)  # 某某科技有限公司|年产200套…项目: the company is in the name
    return new


COMPANY_HEADS = ("有限公司", "股份有限公司", "有限责任公司", "集团", "公司")


def _company_before(text: str, tokens, start: int, hs: int, lex) -> int:
    """某某制造有限公司|大型某某零部件项目: a company written right before a project's own name is part of it
    (the project's name says whose it is); a generic remainder (合作项目) stays a category."""
    for t, nxt in zip(tokens, tokens[1:]):  # 某某有限公司|某品牌(某地)数据中心项目: the project's own name starts at the brand
        if start <= t.start and nxt.start < hs and t.end == nxt.start and nxt.pos == "ORG" and \
                not any(w in nxt.text for w in industries()) and \
                lex.longest_head_suffix(text[max(start, t.end - 8):t.end]) in COMPANY_HEADS:
            return nxt.start
    mod = text[start:hs]
    if len(mod) < 3 or GENERIC_BEFORE.search(mod) or mod[:1] in "的与和及、(（":
        return start
    k = token_at(tokens, start - 1)
    first = token_at(tokens, start)
    if k < 0 or tokens[k].end != start or (first >= 0 and tokens[first].pos in ("ORG", "LOC")):
        return start  # 某某有限公司|某品牌(某地)数据中心项目: the project has a name of its own
    if k > 0 and (tokens[k].text in lex.stopwords or tokens[k].pos in ("a", "b")):
        k -= 1  # 某某有限公司|大型|某某设备项目
    end = tokens[k].end
    head = lex.longest_head_suffix(text[max(0, end - 8):end])
    if tokens[k].pos not in ("ORG", "nz", "n") or head not in COMPANY_HEADS:
        return start
    new = boundary_start(text, tokens, end - len(head), lex)
    return new if end - new > len(head) + 1 else start


def _verb_object(text: str, tokens, hs: int) -> bool:
    k = token_at(tokens, hs - 1)
    return hs > 0 and text[hs - 1] in VERB_OBJECT and k >= 0 and tokens[k].start == hs - 1


GENERIC_BEFORE = re.compile(r"(?:重点|重大|合作|开复工|新开工|集中开工|签约|招商|引资|技术创新|改造升级|产业|民生|基础设施|"
                            r"新基建|政府投资|省列|市列|储备|前期|民资|外资|内资|产业类|类|入区|招引|引进)(?:建设)?$")
def clean_quotes(name: str) -> str:
    return re.sub(r"[“”\"]", "", name)


ZONE_OFFICES = ("管委会", "党工委", "管理委员会", "委员会", "工委")
PART_BRACKET = re.compile(r"[(（](?:[东西南北中]区|[东西南北中]片区|[一二三四五六七八九十\d]+期|[一二三四五六七八九十\d]+号地块|"
                          r"[东西南北中]园|[东西南北中]区块)[)）]")
SUBZONE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:核心|起步|启动|先导|先行|拓展|发展|功能|承载|集聚)区(?![\u4e00-\u9fff]?[园域]|所在地)")
PHASE_AFTER = re.compile(r"[(（](?:[一二三四五六七八九十]|\d{1,2})期(?:工程)?[)）]|(?:[一二三四五六七八九十]|\d{1,2})期(?:工程)?")
PARK_SCOPE = re.compile(r"国家级?|省级?|市级?|区级|县级|自治区级?|全国|全省|全市|全县|各类|各级|首批|第[一二三四五六七八九十\d]+批|"
                        r"特色|智慧|绿色|现代化?|两类|一流|重点|新型|综合|示范|高质量发展|新兴|先进|标准化")


def _only_scope(mod: str, lex) -> bool:
    """The modifier is scope words and generic modifiers only (国家一流, 自治区级), read left to right."""
    rest = mod
    while rest:
        m = PARK_SCOPE.match(rest)
        n = m.end() if m else next((k for k in range(min(4, len(rest)), 0, -1) if rest[:k] in lex.stopwords), 0)
        if not n:
            return False
        rest = rest[n:]
    return True


INSTITUTE_KIND = re.compile(r"(?:国家级?|省级?|市级?|区级|县级|全国|国际|世界|一流|区域|高水平|首批|重点|企业|产业|工程|技术|科技|创新|"
                            r"协同|研发|工程技术|技术创新|产业技术|新型)*")


def _province(word: str) -> bool:
    return any(d.level == "province" for d in gazetteer().lookup(word))


COUNTED_AFTER = re.compile(r"(?:\d+|[两三四五六七八九十百千]+)(?:多|余)?[个家座项批](?:[，,。；;、）)]|$)")
COUNTED = re.compile(r"(?:\d+|[两三四五六七八九十百千]+)(?:多|余)?[个家座条项批]$")
TITLE_WORDS = ("示范", "美丽", "友好", "文明", "先进", "星级", "标杆", "样板", "优秀", "达标")
COMMON_COMPOUNDS = ("乡村", "农村", "城乡")
GENERIC_HEADS = ("项目", "工程")


def _is_category(text: str, tokens: list[Token], start: int, hs: int, head: str, typ: str, lex: Lexicon) -> bool:
    """Category phrases that pass the modifier test: 30多个…项目, 吴兴区项目, 省美丽乡村示范村, 美丽乡村."""
    mod = text[start:hs]
    if typ in ("Project", "Park", "Company", "Institute") and (text[start:start + 1] in "(（" or COUNT_START.match(mod)):
        return True  # (市)园区…, 2条全自动生产线: a bracket or a count opens a description, not a name
    if typ in ("Project", "Park", "Company", "Institute") and COUNTED.search(text[max(0, start - 6):start]):
        return True  # a counted noun phrase names a category, not one entity
    if typ in ("Project", "Park", "Institute") and COUNTED_AFTER.match(text, hs + len(head)):
        return True  # 某某程序项目96个: counted after the head, a category too
    if lex.head_notes.get(head) == "strict" and re.search(r"现代化|式|型", text[max(0, start - 4):start]):
        return True  # 某某式现代化|港城示范区: the tail of a slogan
    if typ == "Place" and (any(w in mod for w in TITLE_WORDS) or text[hs - 1:hs + len(head)] in COMMON_COMPOUNDS):
        return True  # an honour title or a common word (乡村), not a place name
    if typ == "Institute" and not re.search(r"[(（A-Za-z\d“]", mod):
        rest = mod
        n = next((n for n in range(min(6, len(rest)), 1, -1) if _province(rest[:n]) and
                  re.search(r"(?:省|市|自治区)$", rest[:n])), 0)  # 某省|技术创新中心; 山东|产业技术研究院 is a name
        if INSTITUTE_KIND.fullmatch(rest[n:]) and (n or re.search(r"级|省|市|国家|国际|世界|一流|区域|高水平", rest)):
            return True  # 某省技术创新中心, 市级工程技术研究中心: a kind of institute
    if typ == "Park" and not re.search(r"[(（A-Za-z\d“]", mod):
        inside = [t for t in tokens if t.start >= start and t.end <= hs]
        rest = [t for t in inside if t.text not in lex.stopwords and not PARK_SCOPE.fullmatch(t.text)
                and not _province(t.text)]
        if not rest and any(PARK_SCOPE.fullmatch(t.text) or t.text in lex.stopwords for t in inside):
            return True  # 国家级经开区, 某省特色产业园区: a kind of zone (a province and a head alone is a name)
        if mod and _only_scope(mod, lex):
            return True  # 国家一流|经济技术开发区 in one word: scope words, character by character
    if head == "高速" and re.search(r"[一二三四五六七八九十百半两\d]|小时|分钟", mod):
        return True  # 一小时高速(圈): a travel time, not a road
    if head in GENERIC_HEADS:
        if re.search(r"[(（A-Za-z\d]", mod):
            return False
        generic = GENERIC_BEFORE.search(mod)
        if generic and generic.group() == "产业" and any(
                t.pos == "ORG" and not _place_or_platform(t.text, lex) for t in tokens if start <= t.start and t.end <= hs):
            generic = None  # 某某(a company)新材料产业项目: the company's project, not a kind of project
        if generic or re.search(r"(?:\d+|[两三四五六七八九十]+)$", mod) or \
                (mod[-1:] in "上引谋补争抓招" and not re.search(r"[海线网]$", mod)):
            return True  # 某某重点项目, 某某合作项目, 某地三项目, 抢抓机遇上项目: a kind, a count, a slogan
        rest = [t for t in tokens if t.start >= start and t.end <= hs]
        rest = [t for t in rest if not (_place_or_platform(t.text, lex) or t.text in lex.stopwords
                                        or t.pos in ("a", "b", "w", "v", "ad", "d"))]
        return not rest  # only places, platforms and generic modifiers before 项目
    return False


def _place_or_platform(word: str, lex: Lexicon) -> bool:
    """A place or platform name (吴兴区, 某某开发区): before 项目 it says where, not which project."""
    gaz = gazetteer()
    if gaz.lookup(word):
        return True
    head = lex.longest_head_suffix(word)
    if not head or lex.heads[head] not in ("Place", "Park"):
        return False
    rest = word[:-len(head)]
    while rest:  # 某县开发区: a division and a head; 某某恒星科技城 names one platform, and its project is named after it
        n = next((n for n in range(min(7, len(rest)), 1, -1) if gaz.lookup(rest[:n])), 0)
        if not n:
            break
        rest = rest[n:]
    return not rest or rest in lex.stopwords


def inner_places(s: Sentence, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    """A street or community named at the start of a longer organisation token (青桥社区|卫生服务站)."""
    out = []
    for t in tokens:
        if t.pos not in ("ORG", "LOC") or len(t.text) < 6:
            continue
        for head in ("街道", "社区"):
            i = t.text.find(head)
            if 2 <= i and i + len(head) < len(t.text) and lex.heads.get(head) == "Place":
                out.append(_m(s, t.start, t.start + i + len(head), "Place", f"inner:{head}"))
                break
    return out


POLICY_OPENERS = ("深化", "出台", "实施", "开展", "推进", "落实", "启动", "部署", "印发", "制定", "推出", "发布")


def _policy_start(text: str, tokens: list[Token], start: int) -> int:
    """A policy's name runs back to the verb that governs it (深化|跨境数据流动便利化试点)."""
    k = token_at(tokens, start) - 1
    while k >= 0 and start - tokens[k].start <= 12:
        t = tokens[k]
        if t.text in POLICY_OPENERS:
            return t.end
        if t.pos in ("w", "u", "p", "d", "ad", "c", "m", "TIME") or not re.fullmatch(r"[\u4e00-\u9fff]+", t.text):
            break
        k -= 1
    return start


def _unbalanced(name: str) -> bool:
    return name.count("“") != name.count("”")


def _park_inside(mod: str, lex: Lexicon) -> bool:
    """某某科创区吴兴 / 某某自贸试验区湖州: the 片区 belongs to a platform named before it."""
    return any(lex.heads.get(mod[:i]) == "Park" or lex.heads.get(lex.longest_head_suffix(mod[:i]) or "") == "Park"
               for i in range(2, len(mod) + 1))


def _after_last_place(text: str, tokens: list[Token], start: int, hs: int, lex: Lexicon) -> int:
    for t in tokens:
        if t.start >= start and t.end <= hs:
            h = lex.longest_head_suffix(t.text)
            if h and lex.heads[h] == "Place" and len(t.text) > len(h) and t.end < hs:
                start = t.end
    return start


def _after_division(text: str, tokens: list[Token], start: int, hs: int) -> int:
    """吴兴织里镇 → 织里镇: a county or city name before a street belongs to another mention."""
    gaz = gazetteer()
    for n in range(min(7, hs - start - 2), 1, -1):
        k = token_at(tokens, start + n)
        if k >= 0 and tokens[k].start != start + n:
            continue  # the division name would cut a word (凤凰|城东片区)
        if gaz.lookup(text[start:start + n]):
            return start + n
    return start


def place_mentions(s: Sentence, tokens: list[Token], gaz: Gazetteer, context: str) -> list[Mention]:
    """Administrative divisions (full or short names) checked against the adcode table."""
    out = []
    for t in tokens:
        if t.pos not in ("LOC", "ORG", "nz", "n", "PER", "s"):
            continue
        i = t.start
        while i < t.end:
            hit = None
            for n in range(min(7, t.end - i), 1, -1):
                name = s.text[i:i + n]
                divs = gaz.lookup(name)
                if not divs:
                    continue
                full = name in gaz.by_name
                rest = s.text[i + n:t.end]
                if not full and rest and not rest.startswith(PLACE_SUFFIX_AFTER_SHORT) and not _starts_div(rest, gaz):
                    continue
                if not _plausible(divs, gaz, context, full):
                    continue
                hit = n
                break
            if hit:
                out.append(_m(s, i, i + hit, "Place", "gazetteer"))
                i += hit
            else:
                break
    return out


def _starts_div(text: str, gaz: Gazetteer) -> bool:
    return any(gaz.lookup(text[:n]) for n in range(2, min(7, len(text)) + 1))


def _plausible(divs, gaz: Gazetteer, context: str, full: bool) -> bool:
    """A county's short name counts only when its city (or province) is named in the article."""
    for d in divs:
        if d.level != "county":
            return True
        anc = gaz.ancestors(d)
        # a short name needs its city named (滨江 alone is not 杭州滨江区); a full name its city or province
        names = [a.name for a in anc if a.name not in ("市辖区", "县") and (full or a.level == "city")]
        if any(n in context or (len(sn := n[:-1]) >= 2 and sn in context) for n in names):
            return True
        if full and len(divs) == 1 and not d.name.endswith("区"):
            return True  # 老城区, 城区 are also common words
    return False


def _brand_before(tokens: list[Token], end: int, lex: Lexicon) -> int | None:
    """Start of the brand right before `end` (星拓云购|首个…): a proper name plus its product words."""
    k = token_at(tokens, end - 1)
    start = None
    while k >= 0 and tokens[k].end <= end:
        t = tokens[k]
        if t.pos in ("u", "w", "p", "c", "d", "m") or t.text in lex.verbs or end - t.start > 8:
            break
        start, k = t.start, k - 1
        if t.pos in PROPER:
            return start if end - start >= 2 else None
    return None
