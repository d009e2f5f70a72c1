"""Numeric facts: an amount, the measure phrase before it, the entity the clause is about, the year."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .model import Article, Evidence, Fact, Mention
from .numbers import find_amounts

SUBJECT_TYPES = ("Place", "Park", "Company", "Project", "Institute", "Policy")
ANAPHORA = {"企业": "Company", "公司": "Company", "项目": "Project", "村内": "Place", "园区": "Park"}
PERIOD = re.compile(r"(前三季度|一季度|二季度|三季度|四季度|上半年|下半年|全年|\d{1,2}至\d{1,2}月|1-\d{1,2}月|截至\d{1,2}月底?)")
RELATIVE_YEAR = [("前年", -2), ("去年", -1), ("过去一年", -1), ("上一年", -1), ("今年", 0), ("本年", 0), ("当年", 0)]
CLAUSE = re.compile(r"[，,；;：:。]")
BUILT = re.compile(r"(?:(?:用于|用来)?(?:建设|新建|兴建|打造|建成))?的?")  # 50亿元(建设)的Y: Y's amount
LEAD = re.compile(r"^(?:其中|同时|目前|截至目前|仅|并|还|已|共|累计|全区|全市|全年|实现|完成|达到|新增|(?:达|为|有)(?=[\d约近超]))+")


def year_of(text: str, upto: int, article_year: int | None) -> int | None:
    """The year a figure speaks of: the nearest stated year before it, or 今年/去年 against the article's year."""
    best, pos = None, -1
    for m in re.finditer(r"(?<!\d)(20\d\d)年", text[:upto]):
        if m.start() > pos and not re.match(r"(20\d\d)年的", text[m.start():m.start() + 6]):
            best, pos = int(m.group(1)), m.start()
    for word, delta in RELATIVE_YEAR:
        i = text.rfind(word, 0, upto)
        if i > pos and article_year:
            best, pos = article_year + delta, i
    return best


def extract_facts(article: Article, analyses: list[SentenceAnalysis], keys: dict[int, str],
                  types: dict[str, str], district: str | None) -> list[Fact]:
    out: list[Fact] = []
    recent: dict[str, str] = {}
    para_topic = district
    for a in analyses:
        text = a.sentence.text
        listed = {id(m) for ls in a.lists if len(ls.items) > 1 for m in ls.items}
        ms = [m for m in a.mentions if keys.get(id(m)) and id(m) not in listed]  # a count of A、B等 is the holder's
        first = next((m for m in ms if m.start <= 4 and m.type in SUBJECT_TYPES), None)
        for amt in find_amounts(text):
            if any(m.start <= amt.start and amt.end <= m.end for m in ms):
                continue  # a number inside a name (…政策12条)
            if re.match(r"\d{4}年", text[amt.start:amt.end + 1]) or text[amt.end:amt.end + 1] in "年月日号":
                continue
            cstart = max((x.end() for x in CLAUSE.finditer(text, 0, amt.start)), default=0)
            built = _built_after(ms, text, amt.end)
            subj = keys[id(built)] if built else _subject(ms, cstart, amt.start, text, recent, first, keys, district)
            measure = _measure(text, ms, cstart, amt.start)
            out.append(Fact(subject=subj or para_topic or "", measure=measure, value=amt.value, unit=amt.unit,
                            written=amt.written, number=amt.number, unit_written=amt.unit_written,
                            evidence=Evidence.of(a.sentence), qualifier=amt.qualifier,
                            period=_period(text, amt.start), year=year_of(text, amt.start, article.year)))
        for m in ms:
            recent[m.type] = keys[id(m)]
    return [f for f in out if f.subject]


def _built_after(ms: list[Mention], text: str, end: int) -> Mention | None:
    """X投资12亿元建设的Y: the amount is Y's."""
    m = BUILT.match(text, end)
    if not m or not m.group():
        return None
    hits = [x for x in ms if x.start == m.end() and x.type in ("Project", "Park", "Institute")]
    return max(hits, key=lambda x: x.end) if hits else None


def _topic(cands: list[Mention], text: str) -> Mention | None:
    """The clause's topic among its outermost names: the head of 由X建设的Y / 街道的Y, else the first
    name, carried along an adjacent chain of places (湖州市|吴兴区)."""
    if not cands:
        return None
    de = [m for m in cands if text[m.start - 1:m.start] == "的"]
    if de:
        return de[-1]
    top = cands[0]
    for m in cands[1:]:
        if top.type == "Place" and m.type == "Place" and m.start == top.end:
            top = m
    return top


def _outer(ms: list[Mention], a: int, b: int) -> list[Mention]:
    inside = [m for m in ms if a <= m.start and m.end <= b]
    return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                         and o.end - o.start > m.end - m.start for o in inside)]


def _subject(ms: list[Mention], cstart: int, pos: int, text: str, recent: dict, first, keys, district):
    in_clause = [m for m in _outer(ms, cstart, pos) if m.type in SUBJECT_TYPES
                 and not (m.type == "Place" and m.end < pos and text[m.end:m.end + 1] in "的"
                          and not any(o.start == m.end + 1 for o in ms))]
    topic = _topic(in_clause, text)
    if topic is not None:
        return keys[id(topic)]
    for word, typ in ANAPHORA.items():
        if word.endswith("内") and word in text[cstart:pos] or \
                re.search(rf"(?:^|[，,；;：:]|该|这家|这个|此|其){word}", text[:pos]):
            same = [m for m in ms if m.end <= cstart and m.type == typ]  # named earlier in this sentence
            if same:
                return keys[id(same[-1])]
            if typ in recent:
                return recent[typ]  # 该企业… / ，企业成功… refer back; 科技型中小企业823家 does not
    # the nearest earlier clause that opens with a name (目前,吴兴已拥有…,备案…500家)
    openers = [m for m in ms if m.end <= cstart and m.type in SUBJECT_TYPES and _opens_clause(text, m.start)]
    if openers:
        last = max(m.start for m in openers)
        cend = next((x.start() for x in CLAUSE.finditer(text, last)), cstart)
        topic = _topic([m for m in _outer(ms, last, cend) if m.type in SUBJECT_TYPES], text)
        if topic is None:
            topic = max((m for m in openers if m.start == last), key=lambda m: m.end)
        return keys[id(topic)]
    if first is not None and not text[:first.start].endswith("作为"):
        return keys[id(first)]
    return district


def _opens_clause(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    return start == 0 or bool(re.search(r"[，,；;：:]\s*(?:\d{4}年)?$", before))


def _measure(text: str, ms: list[Mention], cstart: int, pos: int) -> str:
    start = cstart
    for m in ms:
        if cstart <= m.start and m.end <= pos:
            start = max(start, m.end)
    phrase = text[start:pos]
    phrase = re.sub(r"^\d{4}年(?:\d{1,2}月)?|^(?:今年|去年|过去一年|前三季度|\d{1,2}至\d{1,2}月)", "", phrase)
    phrase = LEAD.sub("", phrase.strip(" ，,"))
    phrase = re.sub(r"(?:超过|超|逾|突破|近|约|达到|达|为|从|由|至|到|共|有)$", "", phrase)
    return re.sub(r"[“”\"]", "", phrase)[:40] or "数量"


def _period(text: str, pos: int) -> str:
    found = [m for m in PERIOD.finditer(text, 0, pos)]
    return found[-1].group() if found else ""
