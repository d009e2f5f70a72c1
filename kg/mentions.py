"""Find entity mentions in a tagged sentence: head-closed names (their boundaries and kinds) and places."""
from __future__ import annotations

import re
from .kinds import GENERIC_HEADS, is_category, is_specific
from .lexicon import Lexicon
from .model import Mention, Sentence, Token
from .places import Gazetteer, gazetteer
from .project_names import after_description, company_before, verb_object, with_capacity
from .spans import PROPER, boundary_start, extend_left, token_at

BOUNDARY_TYPES = ("Project", "Institute", "Company")
PLACE_SUFFIX_AFTER_SHORT = ("区", "市", "县", "地区", "城区", "区委", "市委", "县委", "政府")



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
        if head == "项目" and ROLE_AFTER.match(text, e):
            continue  # 某某项目负责人, 项目经理: a person's role, not a project's name
        typ = lex.heads[head]
        start = boundary_start(text, tokens, hs, lex) if typ in BOUNDARY_TYPES else hs
        if typ in BOUNDARY_TYPES:
            start = after_description(text, with_capacity(text, tokens, start, lex), hs)
            if typ == "Project":
                start = company_before(text, tokens, start, hs, lex)
            again = text.rfind(head, start, hs)
            if typ == "Institute" and again >= 0 and hs - (again + len(head)) >= 2:
                start = again + len(head)  # 省实验室|某某实验室: a kind named before the name
            if typ == "Project" and verb_object(text, tokens, hs):
                continue  # 上项目, 抓项目, 引项目: a verb and its object, not a name
        if head in GENERIC_HEADS and start > 0 and text[start - 1] == "、":
            start = _products_before(text, tokens, start, hs, lex)
        if typ not in BOUNDARY_TYPES or "”" in text[start:hs] or text[hs - 1:hs] == "“":
            start = extend_left(text, tokens, hs, lex, allow_quote_left=lex.head_notes.get(head) == "facility",
                                allow_verbs=typ in ("GovernmentBody", "Policy"))
        if typ == "Policy":
            start = _policy_start(text, tokens, start)
        if (text[start] == "“" and "”" not in text[start:hs]) or _unbalanced(text[start:e + (text[e:e + 1] == "”")]):
            continue  # “双试点: a head inside a quoted slogan belongs to the quote rule
        if head == "片区" and _park_inside(text[start:hs], lex):
            typ = "Park"
        in_zone = False
        if typ == "Park" and head not in SUBZONE_HEADS:
            inner = ZONE_INSIDE.search(text, start, hs)
            if inner and hs - inner.end() >= 2 and inner.start() > start + 1:
                start, in_zone = inner.end(), True  # 某某经济技术开发区|某某生物医药产业园: the park inside the zone
        if text[max(0, start - 2):start] in ("首个", "首家") and typ == "Project":
            brand = _brand_before(tokens, start - 2, lex)  # 星拓云购首个前置仓
            start = brand if brand is not None else start
        if typ == "Place":  # a place name does not swallow the unit it belongs to (织里镇|大港村)
            start = _after_last_place(text, tokens, start, hs, lex)
            start = _after_division(text, tokens, start, hs)
        if not in_zone and not is_specific(text, tokens, start, hs, head, typ, lex):
            if typ == "Project" and head in GENERIC_HEADS and not is_category(text, tokens, start, hs, head, typ, lex):
                weak.append((start, e, head))
            continue
        if is_category(text, tokens, start, hs, head, typ, lex):
            continue
        village = VILLAGE_BEFORE.match(text, start, hs) if typ == "Company" else None
        if village and _opens_with_city(village.group()):
            village = None  # 某市某关村|某某资产管理有限公司: a city's quarter in a legal name, not a village
        if village and hs - village.end() >= 4 and (tokens[token_at(tokens, village.end())].start == village.end()
                                                    or tokens[token_at(tokens, village.end())].pos == "ORG"):
            start = village.end()  # 某某村|某某电子有限公司: where the firm is, not its legal name
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
        parent = PARENT_BODY.match(text, start, e) if typ == "Institute" else None
        if parent and BRANCH_END.search(text, parent.end(), e):  # 某大学|物理学院: the university is named too
            out.append(_m(s, start, parent.end(), "Institute", "branch-of"))
        sub = SUBZONE_AFTER.match(text, e) if typ == "Park" else None
        if sub:  # 某产业新城|核心区, 某新区|某某一体发展区: a part of the zone, named after it
            out.append(_m(s, start, sub.end(), "Park", "subzone"))
        if typ == "GovernmentBody" and head in ZONE_OFFICES:
            inner = lex.longest_head_suffix(text[start:hs])
            if inner and lex.heads[inner] == "Park" and hs - start > len(inner) + 1:
                out.append(_m(s, start, hs, "Park", f"office-of:{inner}"))  # 某某高新区|管委会: the zone it runs
    return out + _siblings(s, out, weak)


INVESTED_BY = re.compile(r"(?:投资|投建|建设|承建|打造|实施)的")  # 某某有限公司投资的|某某制造项目
ITEM_AFTER_COMMA = re.compile(r"、[\u4e00-\u9fffA-Za-z\d]{1,8}$")  # the words between a list's comma and a plain item
SIBLING_SEP = re.compile(r"(?:、|和|及|以及|与)(?:总?投资[\d.]+(?:万|亿)元的)?")


def _siblings(s: Sentence, found: list[Mention], weak: list[tuple[int, int, str]]) -> list[Mention]:
    """An item of an enumeration of named projects is a name too, even when its words are plain
    (某某项目、某某材料提升项目、某某小镇项目): its neighbours say what it is."""
    text, out = s.text, []
    projects = [m for m in found if m.type == "Project"]
    companies = [m for m in found if m.type == "Company"]
    for a, b, head in weak:
        item = ITEM_AFTER_COMMA.search(text, 0, a)
        if item and item.end() == a and any(m.end == item.start() for m in projects + out):
            a = item.start() + 1  # 某某配套项目、某某国际|学校项目: an item runs from its list's comma to its head
        if b - a - len(head) < 2:
            continue
        if any(INVESTED_BY.fullmatch(text[c.end:a]) for c in companies) or \
                any(SIBLING_SEP.fullmatch(text[m.end:a]) or SIBLING_SEP.fullmatch(text[b:m.start]) for m in projects + out):
            out.append(_m(s, a, b, "Project", f"sibling:{head}"))
    return out




def clean_quotes(name: str) -> str:
    return re.sub(r"[“”\"]", "", name)


ZONE_OFFICES = ("管委会", "党工委", "管理委员会", "委员会", "工委")
PART_BRACKET = re.compile(r"[(（](?:[东西南北中]区|[东西南北中]片区|[一二三四五六七八九十\d]+期|[一二三四五六七八九十\d]+号地块|"
                          r"[东西南北中]园|[东西南北中]区块)[)）]")
PRODUCT_CAPACITY = re.compile(r"(?:年产|年处理|年加工|日产)?[\d.]+(?:万|千|亿)?(?:吨|标准条|件|套|台|片|辆|只|锭)")


def _products_before(text: str, tokens: list[Token], start: int, hs: int, lex: Lexicon) -> int:
    """某某年产20万吨A、30万吨B项目, 年产100万条A、B、C项目: products enumerated inside one project's name (a
    capacity in its first item or opening its last), not a list of projects."""
    clause = max(text.rfind(c, 0, start - 1) for c in "，,；;：:。！？（(") + 1
    sep = text.find("、", clause, start)
    first = clause
    for t in tokens:  # after the last verb before the enumeration: 签约项目包括|…, 集中开工|…
        if clause <= t.start and t.end <= sep and (t.pos in ("v", "vn", "p", "u") or t.text in lex.verbs) \
                and t.text not in ("年产", "日产", "年处理", "年加工"):
            first = t.end
    segs = text[first:start - 1].split("、")
    if start - first > 40 or any(not 1 <= len(x) <= 24 or lex.longest_head_suffix(x) for x in segs):
        return start
    if PRODUCT_CAPACITY.match(text, start) or PRODUCT_CAPACITY.search(segs[0]):
        return first
    return start


ROLE_AFTER = re.compile(r"(?:负责人|经理|总监|总工|主管|专员|管家|联络员)")


def _opens_with_city(word: str) -> bool:
    """Does the word open with a province or city (a village is named on its own: 某某村)?"""
    from .places import gazetteer

    return any(d.level in ("province", "city") for n in (2, 3) for d in gazetteer().lookup(word[:n]))


VILLAGE_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:村|社区|街道)")
PARENT_BODY = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:大学|科学院|研究院)")
BRANCH_END = re.compile(r"[\u4e00-\u9fff]{2,8}(?:分院|分所|分中心|学院)$")
ZONE_INSIDE = re.compile(r"(?:经济技术开发区|经济开发区|高新技术产业开发区|开发区|经开区|高新区|综合保税区|综保区)(?=[\u4e00-\u9fff])")
SUBZONE_HEADS = {"片区", "核心区", "起步区", "分区", "分园", "港区", "园区", "区"}
SUBZONE_AFTER = re.compile(r"(?!的)[\u4e00-\u9fff]{0,4}?(?:核心|起步|启动|先导|先行|拓展|发展|功能|承载|集聚)区(?![\u4e00-\u9fff]?[园域]|所在地)")
PHASE_AFTER = re.compile(r"[(（](?:[一二三四五六七八九十]|\d{1,2})期(?:工程)?[)）]|(?:[一二三四五六七八九十]|\d{1,2})期(?:工程)?")
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
    taken = 0
    for k, t in enumerate(tokens):
        if t.pos not in ("LOC", "ORG", "nz", "n", "PER", "s") or t.end <= taken:
            continue
        i = max(t.start, taken)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        lim = nxt.end if nxt is not None and nxt.start == t.end and nxt.pos == "LOC" else t.end
        while i < t.end:
            hit = None
            for n in range(min(9, lim - i), 1, -1):
                name = s.text[i:i + n]
                divs = gaz.lookup(name)
                if not divs:
                    continue
                full = name in gaz.by_name
                if i + n > t.end and (not full or i + n != lim):
                    continue  # 木垒|哈萨克自治县: a full name the tagger cut in two, read across the cut
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
                taken = max(taken, i)
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
