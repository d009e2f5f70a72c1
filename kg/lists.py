"""Enumerations: “A、B、C等N个…项目” — split the items, type them by their head or the list's category."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .kinds import is_category
from .lexicon import Lexicon
from .model import Mention, Sentence, Token
from .spans import cut_joined, token_at
from .wordfreq import word_freq

COUNT = r"(?:等)?\s*(?:[\d一二两三四五六七八九十百千]+(?:余|多)?\s*(?:个|家|所|大|项|条|座|批|类|名|支)?)?"
CLAUSE_SEPS = "，。；,;：:！？—"


@dataclass
class ListSpan:
    """One enumeration: its items (mentions) and what stands before it in the clause."""

    sentence: Sentence
    items: list[Mention]
    clause_start: int
    start: int  # first item start
    end: int  # end of the category phrase
    category: str
    verb: str = ""
    extra: dict = field(default_factory=dict)


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in CLAUSE_SEPS:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


@lru_cache(maxsize=8)
def _tail_re(cats: str) -> re.Pattern[str]:
    """The list-tail pattern for one lexicon's categories, built once (it was rebuilt for every sentence)."""
    return re.compile(rf"(?P<tail>等(?:{TAIL_NUM})?|(?:{NUM}))(?P<mid>[^、，。；等]{{0,16}}?|[^，。；等]{{0,40}}的[^、，。；等]{{0,16}}?)(?P<cat>{cats})(?![\u4e00-\u9fff]{{0,1}}[区园镇])")


def find_lists(s: Sentence, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[ListSpan]:
    text, found = s.text, []
    tail_re = _tail_re(lex.category_alternation)
    for ca, cb in _clauses(text):
        pos = ca
        for m in tail_re.finditer(text, ca, cb):
            tail_start = m.start()
            seg = text[pos:tail_start]
            if "等" not in m.group("tail") and "、" not in seg and "”“" not in seg:
                continue
            if m.group("mid") and any(c.isdigit() for c in m.group("mid")) and not AMOUNT_MID.fullmatch(m.group("mid")) \
                    and not re.search(r"\d+强", m.group("mid")):
                continue  # (等世界500强企业: a rank, not a count)
            k = token_at(tokens, m.start("cat"))
            if k >= 0 and tokens[k].start != m.start("cat") and (tokens[k].end != m.end("cat") or len(m.group("cat")) < 2):
                continue  # 等乡村…: the category word is inside another word (上市公司 ends with one: kept)
            seg_start = _list_start(text, tokens, pos, tail_start, lex, mentions)
            cat_type = lex.categories[m.group("cat")]
            if cat_type == "Company" and WORKS_AFTER.match(text, m.end("cat")):
                cat_type = "Project"  # 等9个企业投资项目: a firm's works, not firms
            items = _items(s, seg_start, tail_start, mentions, cat_type, lex, tokens)
            pos = m.end()
            if not items:
                continue
            verb = text[max(ca, seg_start - 4):seg_start]
            first = min(x.start for x in items)
            if first > seg_start and any(x.start == seg_start and x.end <= first and x.type in ("Place", "Park")
                                         for x in mentions):
                seg_start = first  # the holder cut from the first item stands before the list
            found.append(ListSpan(s, items, ca, seg_start, m.end(), m.group("cat"), verb,
                                  {"category_phrase": m.group()}))
    for m in EXEMPLARS.finditer(text):
        a, b = m.span("seg")
        if "、" not in text[a:b] and "”“" not in text[a:b]:
            continue
        items = [x for x in _items(s, a, b, mentions, "", lex, tokens) if x.type]
        if items:
            ca = max((i + 1 for i, ch in enumerate(text[:a]) if ch in CLAUSE_SEPS), default=0)
            found.append(ListSpan(s, items, ca, a, m.end(), "", text[max(ca, a - 4):a],
                                  {"category_phrase": m.group()}))
    return found


PERSON_TITLE = re.compile(r"(?:书记|省长|市长|县长|区长|镇长|乡长|村长|主任|董事长|总经理|局长|厅长|部长|处长|院长|校长|主席|委员)"
                          r"(?:[\u4e00-\u9fff]{2,3})?$")
AMOUNT_MID = re.compile(r"(?:(?:总|计划|共)?投资(?:额|超|近|约)?[\d.]+(?:万|亿)元的?"  # 等13个总投资62亿元的项目
                        r"|[\u4e00-\u9fff]{0,2}\d+强(?:企业)?)")  # A、B4个世界500强项目
AMOUNT_LEAD = re.compile(r"(?:(?:总|计划|拟|共|预计)?投资(?:额|超|近|约)?)?[\d.]+(?:万|亿)(?:美)?元的")
AMOUNT_BEFORE = re.compile(AMOUNT_LEAD.pattern + "$")
WORKS_AFTER = re.compile(r"(?:投资|技改|技术改造|建设|类)?(?:项目|工程)")  # 企业|投资项目: the kind of project after the owner
EXEMPLARS = re.compile(r"以(?P<seg>[^，。；,;]{4,80}?)等?为(?:代表|典型|龙头)")
NUM = r"[\d一二两三四五六七八九十百千]+(?:余|多)?\s*(?:个|家|所|大|项|条|座|批|类|名|支)"
TAIL_NUM = r"[\d一二两三四五六七八九十百千]+(?:余|多)?\s*(?:个|家|所|大|项|条|座|批|类|名|支)?"  # 等21项目: the classifier may be left out


def _list_start(text: str, tokens: list[Token], ca: int, tail: int, lex: Lexicon,
                mentions: list[Mention]) -> int:
    """Where the first item begins: after the last governing verb, preposition or time word before it."""
    first_sep = text.find("、", ca, tail)
    if first_sep < 0:
        first_sep = text.find("”“", ca, tail)
    limit = first_sep if first_sep >= 0 else tail
    start = ca
    depth = [0] * (limit + 1)
    d = 0
    for i in range(ca, limit):
        d += text[i] in "(（"
        d -= text[i] in ")）" and d > 0
        depth[i] = d
    prev = None
    for t in tokens:
        if t.start < ca or t.end > limit or any(m.start < t.start and t.end < m.end for m in mentions):
            prev = t
            continue  # a word inside a name (人工智能与数字安全产业基地) does not open the list
        if depth[t.start] or text[t.start] in ")）":
            prev = t
            continue  # nor does a word in brackets: 某路(某线以西段)升级改造
        if t.text in lex.verbs or t.pos in ("p", "TIME", "d", "ad", "c", "u", "w") or t.text.endswith(("了", "着")) \
                or (t.pos == "v" and prev is not None and prev.pos in ("d", "ad") and prev.end == t.start):
            start = t.end  # …, 积极跟进|A、B等项目: a verb after an adverb governs the list
        prev = t
    return start


def _items(s: Sentence, a: int, b: int, mentions: list[Mention], cat_type: str, lex: Lexicon,
           tokens: list[Token]) -> list[Mention]:
    text = s.text
    seg = text[a:b]
    parts = []
    for x, y in _joined(text, [(a + x, a + y) for x, y in split_items(seg)], lex):
        while x < y and text[x] in " \u3000":
            x += 1
        opener = LIST_OPENER.match(text, x, y)
        if opener and y - opener.end() >= 2:
            x = opener.end()  # 携手|某某科技, 诸如|某某: a verb or 'such as' before the first name
        if y > x:
            parts.append((x, y))
    out = []
    opener = _holder_opening(text, parts, mentions)
    for x, y in parts:
        if opener is not None and x == opener.start:
            x = opener.end  # 某县|A项目、B项目等N个项目: the holder opening the clause is not part of the first name
        lead = AMOUNT_LEAD.match(text, x, y)
        if lead:  # 投资8亿元的|某某社区: an item's own amount, then its name
            x = lead.end()
        lead = lead or AMOUNT_BEFORE.search(text, max(0, x - 16), x)
        # an earlier mention that ends inside the part and starts at it: the place before a name (织里镇|大港)
        inner = [m for m in mentions if m.start >= x and m.end <= y]
        exact = [m for m in inner if m.start == x and m.end == y]
        if exact and lead and cat_type == "Project" and all(m.type == "Place" for m in exact):
            exact = []  # 投资N亿元的某县某某社区…等项目: an item with its own investment is a project, whatever its head
        if exact:
            out.append(max(exact, key=lambda m: len(m.alt_types)))
            continue
        prefix = [m for m in inner if m.start == x and m.end < y and m.type == "Place"]
        if prefix and cat_type == "Place":
            x = max(m.end for m in prefix)
        if re.match(NUM, text[x:y]) or re.search(r"\d+(?:多|余)?[家个项所]$", text[x:y]):
            continue  # 8条精品路线, 某市500多家: a counted phrase, not a name
        while y > x and text[y - 1] in "和及与":
            y -= 1
        head = lex.longest_head_suffix(text[x:y])
        if head:  # 某园区引进|某某公司 glued into one word by the tagger
            x = cut_joined(text, x, y - len(head), lex)
        name = re.sub(r"[“”\"]", "", text[x:y])
        if not (2 <= len(name) <= 28) or name in lex.stopwords or re.fullmatch(r"[\d.]+", name):
            continue
        if re.search(r"[类型式性]$|^[(（]", name) and not lex.longest_head_suffix(name):
            continue  # 外资类、载体类, 基地型: kinds of things; (签约一批、…: a bracketed aside
        if any(w in name for w in ("等", "的", "了")) or PERSON_TITLE.search(name):
            continue  # …、镇长某某等领导: people, not names of things
        head = lex.longest_head_suffix(name)
        typ = lex.heads[head] if head and len(name) > len(head) else cat_type
        alt: tuple[str, ...] = ()
        if lead and cat_type == "Project" and typ not in ("Project", "Company"):  # a firm with its amount stays a firm
            typ, alt = "Project", ((typ,) if typ in ("Park", "Institute") else ())
        if head and len(name) > len(head) and text[y - len(head):y] == head and \
                is_category(text, tokens, x, y - len(head), head, lex.heads[head], lex):
            continue  # 国家级经开区、省级高新区等: kinds of zones
        if not head and cat_type in ("Project", "Company", "Park", "Institute") and _common(name):
            continue  # 农业、商贸、食品等项目: a list of industries, not of names
        if typ in ("Project", "Park") and not head and not _named(text, tokens, x, y, lex):
            continue  # 配套设施、安置房等项目: kinds of works, not names
        out.append(Mention(text=text[x:y], type=typ, sentence=s, start=x, end=y, rule=f"list:{cat_type}",
                           alt_types=alt))
    return out if len(out) >= 1 else []


def _holder_opening(text: str, parts: list[tuple[int, int]], mentions: list[Mention]) -> Mention | None:
    """A place or zone that opens the clause and is glued to the first item only (其中：某县A、B、C等21个项目):
    where the items are; when every item opens with a place, the places are part of the names."""
    if len(parts) < 2:
        return None
    x, y = parts[0]
    if x > 0 and text[x - 1] not in "，,；;：:。" and not re.search(r"(?:其中|包括|分别是|主要有)$", text[:x]):
        return None
    lead = [m for m in mentions if m.start == x and y - m.end >= 3 and m.type in ("Place", "Park")]
    if not lead:
        return None
    if any(m.start == a and m.type in ("Place", "Park") and m.end < b for a, b in parts[1:] for m in mentions):
        return None
    best = max(lead, key=lambda m: m.end)
    while True:  # 某市|某区|A项目: a chain of places opens the clause
        nxt = [m for m in mentions if m.start == best.end and y - m.end >= 3 and m.type in ("Place", "Park")]
        if not nxt:
            return best
        best = max(nxt, key=lambda m: m.end)


def _named(text: str, tokens: list[Token], x: int, y: int, lex: Lexicon) -> bool:
    """Does a list item name one thing: a proper-name or rare word, Latin letters or digits, a quote — and no
    verb opening it (承接电子…)."""
    from .spans import PROPER
    from .wordfreq import is_rare

    inside = [t for t in tokens if x <= t.start and t.end <= y] or [t for t in tokens if t.start < y and t.end > x]
    if not inside:
        return False
    if inside[0].text in lex.verbs or (inside[0].pos == "v" and len(inside[0].text) >= 2 and not is_rare(inside[0].text)):
        return False
    if re.search(r"[A-Za-z\d“”\"]", text[x:y]) or y - x >= 7:
        return True  # digits, Latin letters, quotes, or a long name (a tagger's guess at each of its words is unsure)
    return any(t.pos in PROPER or is_rare(t.text) for t in inside)


def _common(name: str) -> bool:
    """A common word or a run of industry words: what a list of categories is made of."""
    from .lexicon import industries
    from .wordfreq import word_freq as _freq

    rest = re.sub("|".join(map(re.escape, industries())), "", name)
    return len(rest) < 2 or (_freq().get(name, 0) >= 300 and not re.search(r"[A-Za-z\d]", name))


LIST_OPENER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:诸如|例如|比如|携手|联合)|即(?=[\u4e00-\u9fff]{2})")  # 即|某某开发区等: "namely"


def _joined(text: str, parts: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """某某实验室与某某、某某: an item of two names joined by 与/和, the first closed by its head, is two items."""
    out = []
    for x, y in parts:
        j = next((j for j in range(x + 3, y - 1) if text[j] in "与和" and lex.longest_head_suffix(text[x:j])
                  and word_freq().get(text[j:j + 2], 0) < 1000  # 和谐型: a word, not the conjunction
                  and lex.heads[lex.longest_head_suffix(text[x:j])] in ("Institute", "Company", "Park")), None)
        out += [(x, j), (j + 1, y)] if j is not None else [(x, y)]
    return out


def split_items(seg: str) -> list[tuple[int, int]]:
    """(start, end) of each item of an enumeration: split on 、 and between quotes (”“), outside brackets."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(seg):
        ch = seg[i]
        if ch in "(（《":
            depth += 1
        elif ch in ")）》" and depth:
            depth -= 1
        elif depth == 0 and ch == "、":
            parts.append((start, i))
            start = i + 1
        elif depth == 0 and seg[i:i + 2] == "”“":
            parts.append((start, i + 1))
            start = i + 1
        i += 1
    parts.append((start, len(seg)))
    return [(x, y) for x, y in parts if y > x]
