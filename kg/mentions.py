"""Find entity mentions in a tagged sentence: head-closed names, places, quoted policies, awards."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .lexicon import Lexicon, lexicon
from .model import Mention, Sentence, Token
from .places import Gazetteer, gazetteer
from .spans import PROPER, boundary_start, extend_left, is_rare, is_specific, token_at

POLICY_HEADS = ("专项行动", "三年行动", "行动", "活动", "工程", "项目", "改革", "试点", "计划", "战略",
                "体系", "机制", "模式", "会战", "政策", "规划", "方案", "办法")
AWARD_VERBS = "荣获|获评|获得|捧回|夺得|再夺|入选|被授予|被评为|评为|跻身|荣膺|获批|被认定为|认定为|被命名为|命名为|成功创建|上榜|入围"
AWARD_HEADS = ("鼎", "奖", "杯", "奖项", "荣誉")
HONOUR_ENDS = ("区", "城市", "社区", "单位", "案例", "十强", "集群", "县", "村", "市")
QUAL_PREFIX = re.compile(r"^(?:连续\d+年|连续第?[一二三四五六七八九十\d]+年|第[一二三四五六七八九十\d]+[届批次年]|"
                         r"(?:全国|全省|全市|省|市)?(?:首批|首个|首家)[、，]?)+")
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
CAPACITY_BEFORE = re.compile(r"(?:年产(?:能)?|年处理|年加工|年生产|日产|年吞吐|年存栏|年出栏)?[\d.]+(?:万|千|亿)?(?:标准条|平方米|吨|英寸|锭|"
                             r"条|台|套|兆瓦|千瓦|GWh|MWh|GW|MW|KV|kV|千伏|辆|件|头|只|片|枚|立方米|标箱)$")
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
PHASE_AFTER = re.compile(r"[(（]?(?:[一二三四五六七八九十]|\d{1,2})期(?:工程)?[)）]?")
PARK_SCOPE = re.compile(r"国家级?|省级?|市级?|区级|县级|全国|首批|第[一二三四五六七八九十\d]+批|特色|智慧|绿色|现代|两类|"
                        r"一流|重点|新型|综合|示范|高质量发展|新兴|先进|标准化")


INSTITUTE_KIND = re.compile(r"(?:国家级?|省级?|市级?|区级|县级|全国|首批|重点|企业|产业|工程|技术|科技|创新|协同|研发|工程技术|"
                            r"技术创新|产业技术|新型)*")


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
        n = next((n for n in range(min(6, len(rest)), 1, -1) if _province(rest[:n])), 0)
        if INSTITUTE_KIND.fullmatch(rest[n:]) and (n or "级" in rest):
            return True  # 某省技术创新中心, 市级工程技术研究中心: a kind of institute
    if typ == "Park" and not re.search(r"[(（A-Za-z\d“]", mod):
        inside = [t for t in tokens if t.start >= start and t.end <= hs]
        rest = [t for t in inside if t.text not in lex.stopwords and not PARK_SCOPE.fullmatch(t.text)
                and not _province(t.text)]
        if not rest and any(PARK_SCOPE.fullmatch(t.text) or t.text in lex.stopwords for t in inside):
            return True  # 国家级经开区, 某省特色产业园区: a kind of zone (a province and a head alone is a name)
    if head in GENERIC_HEADS:
        if re.search(r"[(（A-Za-z\d]", mod):
            return False
        if GENERIC_BEFORE.search(mod) or re.search(r"(?:\d+|[两三四五六七八九十]+)$", mod):
            return True  # 某某重点项目, 某某合作项目, 某地三项目: a kind of project, or a count of them
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


QUOTE = re.compile(r"[“\"]([^”\"“]{2,30})[”\"]")
BOOK = re.compile(r"《([^》]{2,80})》")


def quoted_mentions(s: Sentence, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    """Policies: 《named documents》, “quoted”programmes with a policy head inside or right after."""
    text, out = s.text, []
    for m in BOOK.finditer(text):
        out.append(_m(s, m.start(), m.end(), "Policy", "book-title"))
    heads = "|".join(sorted(POLICY_HEADS, key=len, reverse=True))
    inner_heads = "|".join(h for h in POLICY_HEADS if h != "项目")
    for m in QUOTE.finditer(text):
        inner = m.group(1)
        head = lex.longest_head_suffix(inner)
        if head and lex.heads[head] in ("Park", "Institute") and len(inner) >= len(head) + 2 and \
                inner[:2] not in lex.stopwords and not re.search(r"[，、。]", inner) and not _after_head(text, m.end(), lex) \
                and is_specific(text, tokens, m.start() + 1, m.end() - 1 - len(head), head, lex.heads[head], lex):
            out.append(_m(s, m.start() + 1, m.end() - 1, lex.heads[head], f"quoted:{head}"))  # “某某小镇”建设初具成效
            continue
        if inner in lex.stopwords or any(inner.startswith(w) and len(inner) - len(w) <= 1
                                         for w in lex.stopwords if len(w) >= 2):
            continue
        after = re.match(rf"(\d+(?:\.\d+)?)?[\u4e00-\u9fff]{{0,6}}?({heads})", text[m.end():])
        if after and not re.search(r"[，。、等和的]", after.group()):
            end = m.end() + after.end()
            head = after.group(2)
            alt = ("Project",) if head in ("项目", "工程") else ()
            typ = "Policy"
            inner_head = lex.longest_head_suffix(inner)
            if head in ("项目", "工程") and not after.group(1) and inner_head and \
                    lex.heads[inner_head] in ("Project", "Park", "Company", "Institute") and len(inner) > len(inner_head) + 1:
                typ, alt = "Project", (lex.heads[inner_head],)  # “某某总部及某某综合体”项目: a project named in quotes
            mm = _m(s, m.start(), end, typ, f"quote+{head}", alt)
            mm.aliases = (inner,)
            out.append(mm)
            continue
        if re.search(rf"(?:{inner_heads}|政策\d+条)$", inner):
            out.append(_m(s, m.start(), m.end(), "Policy", "quoted-policy"))
            continue
        if re.match(r"(创建|建设|专项)", text[m.end():m.end() + 2]) and len(inner) <= 8 and \
                re.search(r"(开启|开展|推进|实施|以及|深化|落实)$", text[max(0, m.start() - 4):m.start()]):
            out.append(_m(s, m.start(), m.end(), "Policy", "quoted-campaign"))
    return out


def _after_head(text: str, pos: int, lex: Lexicon) -> bool:
    """A head right after the closing quote (“某某”产业园): the head rule names that one."""
    return any(text[pos:pos + n] in lex.heads for n in range(1, lex.max_head + 1))


def _split_top(text: str, seps: str) -> list[tuple[int, int]]:
    """Split on separators outside brackets and quotes; return (start, end) parts."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(（“《":
            depth += 1
        elif ch in ")）”》" and depth:
            depth -= 1
        elif depth == 0 and ch in seps:
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(text)))
    return parts


QUOTED_RUN = re.compile(r"(?:“[^”“]{3,40}”[、和及]?)+")


def award_mentions(s: Sentence) -> list[Mention]:
    """Honours after 荣获/获评/捧回/入选…: the named award, split when several are listed."""
    text, out = s.text, []
    for m in re.finditer(rf"(?:{AWARD_VERBS})了?(?:先后|相继|分别)?", text):
        obj_start = m.end()
        run = QUOTED_RUN.match(text, obj_start)
        if run and run.group().count("“") >= 2:  # 获评“A”“B”“C”等: each quoted title is one honour
            for q in re.finditer(r"“([^”“]{3,40})”", run.group()):
                out.append(_m(s, obj_start + q.start(1), obj_start + q.end(1), "Award", "award-quoted"))
            continue
        stop = re.search(r"[，。；,;！？：…]|称号|的", text[obj_start:])
        obj_end = obj_start + (stop.start() if stop else len(text) - obj_start)
        titled = bool(stop and stop.group() == "称号")
        obj = text[obj_start:obj_end]
        for a, b in _split_top(obj, "、和"):
            a0, part = obj_start + a, obj[a:b]
            part = re.sub(r"等$", "", part)
            q = QUAL_PREFIX.match(part)
            skip = q.end() if q else 0
            core = part[skip:]
            core = re.sub(r"\d+[项个家次]$", "", core)
            if len(core) < 2 or "及以上" in core:
                continue
            qpos = core.find("“")
            ok = titled or core.rstrip("”").endswith(AWARD_HEADS) or core.endswith("”") or \
                (m.group().startswith(("获评", "入选", "荣获", "被评为", "评为")) and core.endswith(HONOUR_ENDS))
            if not ok or core.startswith(("全国第", "全省第", "全市第")) or _generic_honour(core):
                continue
            aliases = []
            if qpos > 0:  # 最高荣誉“金桥奖” → the name starts at the quote; the whole phrase stays an alias
                aliases.append(core)
                mm = _m(s, a0 + skip + qpos, a0 + skip + len(core), "Award", "award-verb")
            else:
                mm = _m(s, a0 + skip, a0 + skip + len(core), "Award", "award-verb")
            quoted = re.findall(r"“([^”]+)”", core)
            if quoted and quoted[0].endswith(AWARD_HEADS):
                aliases.append(quoted[0])
            tail = re.search(r"”([^“”]{2,8})$", core)
            if tail and tail.group(1).endswith(AWARD_HEADS):
                aliases.append(tail.group(1))  # “清河行动”金桥杯: the programme, then the award
            if skip:
                aliases.append(part)
            mm.aliases = tuple(aliases)
            out.append(mm)
    return out


GENERIC_HONOURS = ("最佳案例", "典型案例", "优秀案例", "先进单位", "先进集体", "示范单位", "最佳实践")
SCOPE = re.compile(r"^(?:全国|全省|全市|全区|国家级|省级|市级|区级|省|市)")


def _generic_honour(core: str) -> bool:
    """全省最佳案例 names a kind of honour, not one: nothing specific besides the scope."""
    return SCOPE.sub("", core.strip("“”")) in GENERIC_HONOURS


ORG_NOT_COMPANY = re.compile(r"(?:大学|学院|学校|中学|小学|医院|报|网|台|社|协会|商会|联盟|联合会|委员会|政府|法院|检察院|"
                             r"研究院|研究所|实验室|中心|局|厅|部|委|办|处|站|所|队|馆|会|院|团|基地|园|城|谷|港|区|线|路)$")
BRAND_VERBS = re.compile(r"(?:将|已|正|拟|计划|也|还|通过|开展|投资|建设|落户|入驻|签约|布局|打造|推出|研发|生产|成立|设立|获评|荣获|入选|实现|完成|"
                         r"启动|引进|携手|联合|牵头|主导|负责|承建|总投资|计划投资|项目|等|、)")


def brand_companies(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A name the tagger calls an organisation, with no type head, used as the subject of a business verb or as an
    item of an enumeration (某某物流开展…, A、B等企业, 某某集团、某某堂形成…): a company named by its brand.
    Adjacent organisation tokens are one brand (某乳业|某品牌)."""
    out, text = [], s.text
    gaz = gazetteer()
    runs, i = [], 0
    while i < len(tokens):
        if tokens[i].pos != "ORG":
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].pos == "ORG" and tokens[j + 1].start == tokens[j].end:
            j += 1
        runs.append((tokens[i].start, tokens[j].end))
        i = j + 1
    companies = [(m.start, m.end) for m in mentions if m.type == "Company"]
    runs = [(a, (BRAND_TAIL.match(text, b).end() if BRAND_TAIL.match(text, b) else b)) for a, b in runs]  # 某骏|半导体
    for a, b in runs:
        name = text[a:b]
        if not 2 <= len(name) <= 10 or lex.longest_head_suffix(name):
            continue
        if ORG_NOT_COMPANY.search(name) or gaz.lookup(name) or re.search(r"[省市县区镇村]委?$", name):
            continue
        if any(m.start <= a and b <= m.end for m in mentions):
            continue
        if len(re.sub("|".join(map(re.escape, industries())), "", name)) < 2:
            continue  # 新能源汽车, 智能科技: an industry, not a brand
        before = text[a - 1:a] if a else "，"
        after = text[b:b + 4]
        nxt = token_at(tokens, b) if b < len(text) else -1
        verb_after = nxt >= 0 and tokens[nxt].start == b and tokens[nxt].pos == "v"
        subject = (before in "，,；;：:、（(“【 \n" or a == 0) and (
            BRAND_VERBS.match(after) or (verb_after and BRAND_TAIL.search(name) and BRAND_TAIL.search(name).end() == len(name)))
        listed = after[:1] == "、" or (before == "、" and any(e == a - 1 for _s, e in companies))
        if subject or listed:
            out.append(_m(s, a, b, "Company", "brand"))
            companies.append((a, b))
    out += _brand_industry(s, tokens, mentions + out, lex)
    return out


BRAND_TAILS = ("科技", "生物", "医药", "药业", "医疗", "电子", "智能", "新材", "新材料", "材料", "能源", "新能源", "化工", "光电",
               "股份", "控股", "实业", "机械", "重工", "精密", "电气", "机电", "传动", "动力", "包装", "食品", "物流", "环保",
               "汽车", "半导体", "微电子", "信息", "网络", "软件", "装备", "创新", "集成", "钢铁", "纺织", "制药", "基因")
BRAND_TAIL = re.compile("(?:" + "|".join(sorted(map(re.escape, BRAND_TAILS), key=len, reverse=True)) + ")+")
BRAND_OPEN = "，,、；;：:（(“【 \n"


def _brand_industry(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A short company name is a brand and its trade (某洋创新, 某王科技, 某达生物): two to four rare or
    proper-name characters and an industry word, opening a clause or a list item, followed by a verb, a list mark
    or a conjunction."""
    text, out = s.text, []
    gaz = gazetteer()
    for k, t in enumerate(tokens):
        a = t.start
        if a and text[a - 1] not in BRAND_OPEN or not (t.pos in ("ORG", "nz", "PER", "nw") or is_rare(t.text)):
            continue
        if not 2 <= len(t.text) <= 4 or gaz.lookup(t.text) or t.text in lex.stopwords or t.text in lex.verbs:
            continue
        tail = BRAND_TAIL.match(text, t.end)
        if not tail:
            continue
        b = tail.end()
        nxt = token_at(tokens, b) if b < len(text) else -1
        if nxt >= 0 and tokens[nxt].start != b:
            continue  # the industry word is the start of a longer word
        after = text[b:b + 1]
        if not (after in "、与和等" or (nxt >= 0 and (tokens[nxt].pos in ("v", "d") or tokens[nxt].text in lex.verbs))):
            continue
        if any(m.start <= a < m.end or m.start < b <= m.end for m in mentions):
            continue
        out.append(_m(s, a, b, "Company", "brand-trade"))
    return out


def facility_companies(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A brand leading a facility name is the company that runs it (星拓|新2号工厂)."""
    out = []
    for mm in mentions:
        head = mm.rule.split(":", 1)[-1]
        if mm.type != "Project":
            continue
        k = token_at(tokens, mm.start)
        t = tokens[k]
        if t.start != mm.start or t.pos not in ("ORG", "PER", "nz") or t.end >= mm.end:
            continue
        if t.pos == "nz" and not is_rare(t.text):
            continue  # 磷酸铁锂|生产基地: a product, not a brand
        first = re.search(r"首个|首家", mm.text)
        if not first and lex.head_notes.get(head) == "facility":
            first = re.search(r"新?\d+号|[一二三四五六七八九十\d]+期", mm.text)
        if first and first.start() >= 2:  # 星拓云购|首个前置仓, 星拓|新2号工厂
            out.append(_m(s, mm.start, mm.start + first.start(), "Company", "facility-brand"))
            continue
        if lex.head_notes.get(head) != "facility":
            continue
        brand = t.text
        for w in industries():
            i = brand.find(w)
            if i >= 2:
                brand = brand[:i]
        if 2 <= len(brand) <= 4:
            out.append(_m(s, t.start, t.start + len(brand), "Company", "facility-brand"))
    return out


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
