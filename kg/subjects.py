"""Names known by what is said of them: the subjects of project verbs (A、B落地开工, C竣工投产) and the items of a
counted list after a colon (其中某地6个：A、B、C). News often names a project by its company and product only
(某某绿色植保, 某某汽车零部件), with no head such as 项目 to close the name; the verb says what it is."""
from __future__ import annotations

import re

from .kinds import is_category
from .lexicon import Lexicon
from .lists import split_items
from .model import Mention, Sentence, Token
from .spans import CAPACITY, SUPERLATIVE, is_rare, token_at

STATUS = re.compile(r"(?:正式|顺利|集中|全面|加快|加速|相继|先后|均已|均|已|将|也|同时|正在)?"
                    r"(?:落地开工|开工建设|开工奠基|竣工投产|建成投产|建成试产|签约落户|开工|开建|动工|竣工|投产|建成|落地|"
                    r"试产|投用|达产|奠基|开业|启用|加快建设)")
LEAD = re.compile(r"^(?:当天|当日|同日|同时|其中|此外|另外|目前|近日|今年|去年|随后|此次|本次|还有|以及|该市|全市|全区|"
                  r"[\d一二三四五六七八九十]+月[\d一二三四五六七八九十]+日)*[，,、\s]*")
COLON_LIST = re.compile(r"(?:[\d一二三四五六七八九十百]+(?:个|家|项))[：:]")
TITLES = re.compile(r"书记|主任|市长|区长|县长|局长|部长|厅长|董事长|总经理|主席|委员|常委|代表|负责人|同志")
MAX_ITEM = 24


def _items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split text[a:b] on 、 outside brackets and quotes (the enumeration splitter), and a last item on 和/及."""
    parts = [(a + x, a + y) for x, y in split_items(text[a:b])]
    out = []
    for x, y in parts:
        m = re.search(r"[和及]", text[x:y])
        if m and len(parts) > 1 and (x, y) == parts[-1] and m.start() >= 3:  # …、C和D
            out += [(x, x + m.start()), (x + m.start() + 1, y)]
        else:
            out.append((x, y))
    return out


def _name_like(text: str, tokens: list[Token], x: int, y: int, lex: Lexicon, counted: bool = False) -> bool:
    """Does text[x:y] read as a name? COUNTED: an item of a counted list after a colon (某区6个：A、B、C), where
    the count says the items are names, so a name of common words or of one word the tagger knows counts too."""
    name = text[x:y]
    if not 3 <= len(name) <= MAX_ITEM or name in lex.stopwords or re.search(r"[，。；：的了等个]", name) or \
            (name[:1].isdigit() and not CAPACITY.match(name)):
        return False  # (a capacity may open a name: 8英寸…中试线)
    if lex.category_type(name) and len(name) <= 4:
        return False
    if TITLES.search(name):
        return False  # 市委副书记: a person's office
    k = token_at(tokens, x)
    if k < 0 or tokens[k].start != x:
        return False
    first = tokens[k]
    if first.text in lex.verbs or first.pos in ("v", "d", "p", "r", "c", "u", "m", "TIME", "f") and \
            not CAPACITY.fullmatch(first.text):
        return False
    inside = [t for t in tokens if x <= t.start and t.end <= y]
    if any(t.pos in ("d", "p", "r", "u", "c", "TIME", "ad", "w") or t.text in lex.verbs for t in inside):
        return False  # 某区将确保, 某村先后入选: a clause, not a name
    if inside and inside[-1].pos == "v" and len(inside[-1].text) >= 2 and not is_rare(inside[-1].text):
        return False  # 某某项目进入|竣工收尾阶段: the subject ends at the name, a verb after it is the predicate
    if counted:
        return not any(t.pos == "PER" for t in inside) and not lex.category_type(name)
    if len(inside) < 2 or (first.pos == "LOC" and len(inside) <= 2 and inside[-1].pos in ("v", "vn")):
        return False
    if any(t.pos == "PER" for t in inside) and not any(t.pos in ("ORG", "nz") for t in inside):
        return False  # 某某出席: a person
    return first.pos in ("ORG", "nz", "nw") or bool(re.search(r"[A-Za-z]", name)) or is_rare(first.text) or \
        (first.pos == "LOC" and inside[1].pos in ("ORG", "nz", "n"))


def _brand_and_trade(name: str) -> bool:
    from .brands import BRAND_TAIL

    m = BRAND_TAIL.search(name)
    return bool(m) and m.end() == len(name) and 2 <= m.start() <= 4


def subject_mentions(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    text, out = s.text, []
    spans = []
    for m in STATUS.finditer(text):
        ca = max((i + 1 for i in range(m.start()) if text[i] in "，,；;。：:！？"), default=0)
        lead = LEAD.match(text[ca:m.start()])
        a = ca + (lead.end() if lead else 0)
        k = token_at(tokens, a)
        if k >= 0 and tokens[k].start == a and tokens[k].text in lex.verbs and m.start() - tokens[k].end >= 3:
            a = tokens[k].end  # 依托|A、B建成…: the verb that opens the clause governs the subjects, not part of them
        if m.start() - a >= 3:
            spans.append((a, m.start(), False))
    for m in COLON_LIST.finditer(text):
        end = next((i for i in range(m.end(), len(text)) if text[i] in "，,；;。！？"), len(text))
        spans.append((m.end(), end, True))
    for a, b, counted in spans:
        if any(x.start < a < x.end or x.start < b < x.end for x in mentions):
            continue  # the span cuts a name: not a run of subjects
        if any(TITLES.search(text[x:y]) for x, y in _items(text, a, b)):
            continue  # 某省委常委、某部部长、某市委书记某某出席并宣布项目开工: officials, not what was started
        for x, y in _items(text, a, b):
            while x < y and text[x] in " \u3000":
                x += 1
            sup = SUPERLATIVE.match(text, x)
            if sup and y - sup.end() >= 3:
                x = sup.end()  # 国内首条|某某中试线: a description before the name
            if any(m.start == x and m.end == y for m in mentions) or any(m.start <= x and y <= m.end for m in mentions):
                continue
            if any(x <= m.start and m.end <= y and m.type in ("Project", "Company", "Park", "Institute")
                   and (m.end - m.start) >= (y - x) - 1 for m in mentions):
                continue
            if not _name_like(text, tokens, x, y, lex, counted):
                continue
            head = lex.longest_head_suffix(text[x:y])
            if head and is_category(text, tokens, x, y - len(head), head, lex.heads[head], lex):
                continue  # 某市重点项目, 某区一批重大项目: a kind, whatever stands in the subject's place
            typ = lex.heads[head] if head and lex.heads[head] in ("Project", "Park", "Institute", "Company") else "Project"
            if not head and _brand_and_trade(text[x:y]):
                typ = "Company"  # 某骏半导体: a company named by its brand and trade, not a product
            out.append(Mention(text=text[x:y], type=typ, sentence=s, start=x, end=y,
                               alt_types=("Company",) if typ == "Project" and not head else (), rule="subject"))
    return out
