"""Companies named by their brand: an organisation the tagger finds with no head, a brand and its trade
(某达生物), a brand leading a facility's name (某某|新2号工厂), the owner a project is named after
(某某光能|某省基地…项目)."""
from __future__ import annotations

import re

from .lexicon import Lexicon, industries
from .mentions import _m
from .model import Mention, Sentence, Token
from .places import gazetteer
from .spans import token_at
from .wordfreq import is_rare


ORG_NOT_COMPANY = re.compile(r"(?:大学|学院|学校|中学|小学|医院|报|网|台|社|协会|商会|联盟|联合会|委员会|政府|法院|检察院|"
                             r"研究院|研究所|实验室|中心|局|厅|部|委|办|处|站|所|队|馆|会|院|团|基地|园|城|谷|港|区|线|路|"
                             r"书记|长|主任|服务业|产业|行业|工业|农业|企业)$|第[一二三四五六七八九十\d]+[家个位名]")
BRAND_VERBS = re.compile(r"(?:产值|产量|销量|产能|营收|销售额|订单|出口|市值|营业收入|净利润|利润|将|已|正|拟|计划|也|还|通过|开展|投资|建设|落户|入驻|签约|布局|打造|推出|研发|生产|成立|设立|获评|获批|荣获|入选|实现|完成|"
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
        follows = text[b:b + 1].isdigit() or any(text[b:b + n] in lex.verbs for n in (2, 3, 4))
        cut = next((b - n for n in (4, 3, 2) if b - a - n >= 2 and text[b - n:b] in lex.verbs), b) if follows else b
        a, b = a, cut  # 某某工贸|投资建设, |投资12亿元 glued by the tagger: the verb is not in the brand
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
               "汽车", "半导体", "微电子", "信息", "网络", "软件", "装备", "创新", "集成", "钢铁", "纺织", "制药", "基因",
               "机器人", "工贸", "贸易", "眼镜", "服饰", "服装", "家居", "家具", "建材", "陶瓷", "玻璃", "电器", "电池",
               "光伏", "锂电", "资产", "资本", "数控", "激光", "仪器", "仪表", "模具", "轴承", "阀门", "线缆", "电缆",
               "光纤", "通信", "健康", "绿能", "储能", "氢能", "真空", "精工", "新能", "物联", "智造", "制造")
TRADE_YE = r"[\u4e00-\u9fff](?<![企产行就创专事作营物农工商林牧渔])业"  # 锆业, 纸业, 乳业: a trade in one character and 业
BRAND_TAIL = re.compile("(?:" + "|".join(sorted(map(re.escape, BRAND_TAILS), key=len, reverse=True)) + "|" + TRADE_YE + ")+")
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
        if first and mm.text[first.start() - 1:first.start()] in ("(", "（"):
            first = None  # 某某生产基地(一期): a phase in brackets closes the project's name, no brand ends there
        if first and first.start() >= 2 and not lex.longest_head_suffix(mm.text[:first.start()]):  # 星拓|新2号工厂
            out.append(_m(s, mm.start, mm.start + first.start(), "Company", "facility-brand"))
            continue
        if lex.head_notes.get(head) != "facility" or s.text[t.end:t.end + 1] not in "“\"‘「":
            continue  # 某某“未来工厂”: a brand before a quoted facility (unquoted, the owner rule decides; dev P 0.23)
        brand = t.text
        for w in industries():
            i = brand.find(w)
            if i >= 2:
                brand = brand[:i]
        if 2 <= len(brand) <= 4:
            out.append(_m(s, t.start, t.start + len(brand), "Company", "facility-brand"))
    return out


OWNER_END = re.compile(r"(?:集团|股份|控股|公司)$")
OWNER_NEXT = re.compile(r"(?:年产|年处理|年加工|日产|[\d.]+(?:万|亿)?(?:吨|GWh|GW|MW|兆瓦|套|台|条|片|辆|件)|"
                        r"[一二三四五六七八九十\d]+期|[A-Z]{2,}\d+|(?:新建|扩建|改扩建|技改|续建)(?:项目|工程))")  # …|DCT360: a product's code after its maker


def owner_companies(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A project named after its owner: the name before a capacity, a place, a phase (某某光能|某省基地…项目,
    某某锂业|年产5万吨…项目, 某某集团|智能网联…项目) is the company that builds it."""
    text, out = s.text, []
    gaz = gazetteer()
    taken = {(m.start, m.end) for m in mentions if m.type == "Company"}
    for mm in mentions:
        if mm.type != "Project" or any(a == mm.start for a, _ in taken):
            continue
        for p in range(mm.start + 2, min(mm.end - 2, mm.start + 12) + 1):
            t = tokens[token_at(tokens, p)]
            if t.start != p and t.pos != "ORG":
                continue  # a split inside a word, unless the tagger glued the brand to what follows it
            cap = re.search(r"(?:年产|日产|年处理|年加工)$", text[mm.start:p])
            q = p - len(cap.group()) if cap else p  # 某某乳业日产|200吨…: the tagger glued the capacity word to the name
            prefix, rest = text[mm.start:q], text[q:mm.end]
            nxt = OWNER_NEXT.match(rest)
            if nxt and nxt.group().endswith("期") and len(prefix) > 6:
                continue  # a phase after a long description (某某综合利用|一期) does not mark an owner
            if not (OWNER_END.search(prefix) or nxt or _place_opens(rest, gaz)):
                continue
            if _owner_name(prefix, tokens, mm.start, p, lex, gaz):
                out.append(_m(s, mm.start + _county_opening(prefix, gaz), q, "Company", "project-owner"))
            break
    return out


def _county_opening(prefix: str, gaz) -> int:
    """Length of a county or district opening an owner's name in a list of projects (某区|某某|风电场项目): where
    the project is, not part of the company's name (a city before a brand may be its registered name)."""
    for n in (5, 4, 3, 2):
        if len(prefix) - n >= 2 and any(d.level == "county" for d in gaz.lookup(prefix[:n])):
            return n
    return 0


def _place_opens(rest: str, gaz) -> bool:
    """Does a place open the rest (a county by its full name only: a county's short name, 安新, is also the
    middle of other names)?"""
    return any(d.level != "county" or rest[:n] in gaz.by_name for n in (4, 3, 2) for d in gaz.lookup(rest[:n]))


def _owner_name(prefix: str, tokens: list[Token], a: int, b: int, lex: Lexicon, gaz) -> bool:
    """Does the prefix name a company: a proper or rare word left once the place it opens with and its trade
    words are set aside, no verb, no digit, no head of another kind?"""
    if not 2 <= len(prefix) <= 12 or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", prefix) or \
            re.search(r"[的与和]", prefix) or prefix in lex.stopwords or \
            (ORG_NOT_COMPANY.search(prefix) and not OWNER_END.search(prefix)):
        return False
    head = lex.longest_head_suffix(prefix)
    if head and lex.heads[head] != "Company":
        return False
    core = prefix
    for n in (4, 3, 2):
        if gaz.lookup(core[:n]) and len(core) > n:
            core = core[n:].lstrip("省市区县")
            break
    if gaz.lookup(core) or len(re.sub("|".join(map(re.escape, industries())), "", core)) < 2:
        return False  # a place, or a place and an industry (某市新材料): not a company
    inside = [t for t in tokens if a <= t.start and t.end <= b]
    if any(t.pos not in NAME_POS or t.text in lex.verbs for t in inside):
        return False  # 某某仅有, 设备建置: a clause, not a name
    touching = [t for t in tokens if t.start < b and t.end > a]
    return any(t.pos in ("ORG", "nz", "PER", "nw") or is_rare(t.text) for t in touching)


NAME_POS = {"ORG", "nz", "PER", "nw", "LOC", "n", "j", "x", "eng", "vn"}


INVESTOR_NEXT = re.compile(r"(?:拟|计划|将|已)?(?:投资|出资|投建)(?:超|近|约)?[\d.]+(?:万亿|亿|万)?(?:元|美元)")


def investor_companies(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """某某(ORG)投资100亿元的…项目: an organisation the tagger names, putting a sum into something, is a firm."""
    text, out = s.text, []
    for i, t in enumerate(tokens):
        if t.pos != "ORG" or len(t.text) < 2 or not INVESTOR_NEXT.match(text, t.end):
            continue
        if i > 0 and tokens[i - 1].end == t.start and tokens[i - 1].pos not in ("w", "v", "p", "c", "u", "d"):
            continue  # the end of a longer name
        if any(m.start <= t.start and t.end <= m.end for m in mentions) or ORG_NOT_COMPANY.search(t.text):
            continue
        out.append(Mention(text=t.text, type="Company", sentence=s, start=t.start, end=t.end, rule="investor"))
    return out
