"""The entity a figure is about: the clause's topic, else an anaphor that refers back, else the name opening
an earlier clause, else the sentence's subject, else the article's district."""
from __future__ import annotations

import re

from .measures import clean_measure, is_clean
from .model import Mention
from .numbers import Amount

SUBJECT_TYPES = ("Place", "Park", "Company", "Project", "Institute", "Policy")
OPENERS = SUBJECT_TYPES[:-1]  # a programme (“某工程”深入推进，…) holds the figures of its own clause, or of the
# clauses after it when it is all its clause says (仅某试点，业务规模…)
ANAPHORA = {"企业": "Company", "公司": "Company", "项目": "Project", "村内": "Place", "园区": "Park",
            "产业园": "Park", "研究院": "Institute"}
AWARDED = re.compile(r"(?:成功)?(?:入选|获评|荣获|被评为|被授予|获批)")
CLAUSE = re.compile(r"[，,；;：:。]")
WHOLE = re.compile(r"(?:全|我|本|该)(?:市|区|县|省|镇|乡)")  # 全市在谈项目100个: the place as a whole
LISTED = re.compile(r"[^，,；;。]{0,40}?等[^，,；;。\d]{0,10}?[\d一二两三四五六七八九十百千]+[个家项所条座]")
# A、B等71家企业 / A等新建项目9个: items counted
LOCATED = re.compile(r"(?:之中|之间|之内|境内|腹地|以[东西南北]|[东西南北中]部|一带|附近)")
QUALIFIES = re.compile(r"(?:省|市|区|县)?级")  # 某市级总部149家: the place names the level counted, not the holder
AGENT = re.compile(r"(?:和|与|及|联合|共同|合作)?[^，,；;。]{0,12}?(?:投资|出资|投建|承建|建设|开发|打造|运营|实施)")
OFFICIAL = re.compile(r"管委会|党工委|工委|主任|书记|县长|市长|区长|局长|负责人|参加|出席|陪同")
ORIGIN = re.compile(r"(?:项目|企业|客商|资本|团队)")
VENUE = re.compile(r"(?:隆重)?(?:举行|举办|召开)")
DATELINE = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日(?:电|讯)|[\u4e00-\u9fff]{0,4}讯[\s(（：:])")  # 某地经济网讯(
CHAINED = re.compile(r"\s*[，,、]\s*(?![^，,]*(?:引进|包括|其中|先后|分别|以及|有))[\u4e00-\u9fff]{0,6}?(?:投资|面积|用地|产值|规模)"
                     r"(?:约|达|为|超过?|近)?\d+(?:\.\d+)?\s?[万亿千]?[\u4e00-\u9fff%]{1,4}?(?=(?:用于|用来)?(?:建设|新建|兴建|打造|建成)?的)")
BUILT = re.compile(r"(?:(?:用于|用来)?(?:建设|新建|兴建|打造|建成))?的?")  # 50亿元(建设)的(“)Y: Y's amount
#: X(拟在某区)投资30亿元，建设Y / 投入5亿元用于Y的…: money a builder puts in is the investment of what it builds
INVESTED = re.compile(r"\s*[，,]?\s*(?:(?:用于|用来)?(?:建设|新建|兴建|打造)|用于|用来)")


def subject_of(ms: list[Mention], text: str, cstart: int, amt: Amount, recent: dict, keys: dict,
               district: str | None) -> str:
    built = _built_after(ms, text, amt.end)
    if built is not None:
        return keys[id(built)]
    pre = text[cstart:amt.start]
    put = INVESTED.match(text, amt.end) if amt.unit == "元" and re.search(r"(?<![总划])(?:投资|投入)$", pre) else None
    into = [x for x in ms if put and x.start - put.end() in (0, text[put.end():put.end() + 1] in "“\"「")
            and x.type in ("Project", "Park", "Institute")]
    if into:
        return keys[id(max(into, key=lambda x: x.end))]
    tail = re.search(r"等(?:共|合计)?$", pre) or \
        re.search(r"等(?=[\u4e00-\u9fff]{1,10}$)(?![^、]*(?:和|与))", pre)  # A、B等食品产业项目6个: a category after 等
    end = cstart + tail.start() if tail else amt.start
    if tail and "、" in pre or (tail or "、" in pre) and any(m.end == end and m.start >= cstart for m in ms):
        # A、B等27个项目 / A等7个项目 / A、B两大园区: the items are what is counted, not its subject
        ms = [m for m in ms if not (cstart <= m.start and m.end <= amt.start) or m.type in ("Place", "Park")
              and not text[cstart:m.start].strip() and text[m.end:m.end + 1] not in "、等和及与，,"]
        # 某县甲公路、乙学院等7个项目: the place opening the first item holds the count
    ms = [m for m in ms if not (text[m.start - 1:m.start] in "(（" and text[m.end:m.end + 1] in ")）" and m.start > 1
                                and (any(o.end == m.start - 1 for o in ms) or SHORT_PARK.fullmatch(text, cstart, m.start - 1)))]
    # 某区(某经开区)的50个重点项目 / 经开区(某区)开复工项目150个: the name in brackets is the one before it, named again
    ms = [m for m in ms if not (text[m.start - 1:m.start] == "由" and AGENT.match(text, m.end))  # 由X投资建设: X builds it
          and not DATELINE.match(text, m.end)]  # 某通讯社某市1月6日电 / 本报某地讯: where the report was filed
    ms = [m for m in ms if not _enumerated(m, ms, text)]  # 甲区、乙区、丙区分别举行…，共82个: the whole's, not 甲区's
    ms = [m for m in ms if not (m.type == "Place" and QUALIFIES.match(text, m.end))
          and not (m.type == "Place" and text[m.start - 1:m.start] == "占" and amt.start != m.end + 1)
          and not (m.type == "Place" and ORIGIN.match(text, m.end) and m.start > cstart
                   and re.search(r"(?:的|引进|新开工|开工|签约|落户|承接|来自)$", text[cstart:m.start]))]
    # 某市级总部 / 占某市比重: a scope (占某市（36家）: the bracket is the place's own); 落户某镇的深圳企业 /
    # 新开工北京项目11个: where the projects or firms come from, not who holds the count
    ms = [m for m in ms if not re.search(r"(?:位于|坐落于|坐落在|地处)$", text[max(0, m.start - 3):m.start])
          and not (m.type == "Place" and text[m.start - 1:m.start] == "在"
                   and re.match(r"(?:范围内)?(?:率先|首个|首家|领先|排名|位居|名列)", text[m.end:]))]  # 在某市率先实现…
    # 位于某市东环路，总投资5.2亿元: where it lies, not what it is
    first = next((m for m in ms if m.start <= 4 and (m.type in OPENERS or _topic_only(m, text))
                  and not re.search(r"随着?$", text[:m.start])), None)  # 伴随着某项目开工令的宣布，32个…: an occasion
    first = _through(first, ms, text)  # 某某江西省赣州市3日举行…: the end of a chain of places
    return _subject(ms, cstart, amt.start, text, recent, first, keys, district) or district or ""
def sentence_topic(ms: list[Mention], text: str, keys: dict, types=("Park", "Company", "Project", "Institute")) -> str | None:
    """What a sentence is about, for the sentences after it in its paragraph that name nothing (Chinese drops a
    subject it keeps): the name opening its first or second clause (after time words, or as the head of
    当天开工的Y), not a name it is only located in or awarded."""
    from .measures import clean_measure
    starts = [0] + [x.end() for x in CLAUSE.finditer(text)]
    for n, (a, b) in enumerate(list(zip(starts, starts[1:] + [len(text)]))[:2]):
        if n and len(re.sub(r"[\d年月日号上下午前后以来当天今去近据悉\s，,]", "", text[:a])) > 4 and \
                not re.match(r"\s*(?:在|经过|随着|通过|按照|根据|依托|位于|作为|为了|为|据|截至|目前|近年来|如今)", text):
            return None  # 科技创新能力持续增强，某研究院成立，…: a clause of its own opens the sentence, not a time word
        cands = [m for m in _outer(ms, a, b) if m.type in SUBJECT_TYPES and not _enumerated(m, ms, text)]
        if not cands:
            continue
        top = _topic(cands, text)
        prefix = "".join(ch for i, ch in enumerate(text[a:top.start], a)  # the words before it, names left out
                         if not any(m.start <= i < m.end for m in ms)).strip()
        if top.type in types and not AWARDED.match(text, top.end) and not LISTED.match(text, top.end) and \
                (not clean_measure(prefix) or prefix.endswith("的") and len(prefix) <= 8):
            return keys[id(top)]
        return None
    return None


def generic_name(key: str, types: dict[str, str]) -> bool:
    """A name that only says a kind of thing (产业园区, 省级开发区, 某市产业园区: a place's parks as a whole) holds
    no figures: they are the place's, or the clause's other subject's."""
    from .lexicon import lexicon

    cats = lexicon().categories
    rest = next((key[n:] for n in range(len(key) - 1, 1, -1) if types.get(key[:n]) == "Place"), key)
    if re.search(r"[\d一二两三四五六七八九十]+[个家项批]", key) or \
            re.fullmatch(r"(?:一批|首批|一系列|多个|一些)(?:重大|重点|产业|优质|新)*(?:项目|工程|企业)", rest) or \
            rest != key and re.fullmatch(r"(?:重点|重大|新建|续建|在建|签约|开工|产业|招商)+(?:项目|工程)", rest):
        return True  # 入区12个工业项目 / 某县一批重大项目: a number of things, not one
    # level + category as a whole: the name, or the name less one level word, is a category (a set look-up,
    # not a regex per category per call: the same answer, called for every mention of every article)
    return any(c in cats for c in _bare(key)) or rest != key and any(cats.get(c) == "Park" for c in _bare(rest))


LEVELS = ("国家级", "省级", "市级", "县级", "区级", "各类", "各级", "重点")


def _bare(name: str) -> list[str]:
    """NAME, and NAME without each level word it opens with (what `(?:国家级|…)?` before a category allows)."""
    return [name] + [name[len(w):] for w in LEVELS if name.startswith(w)]


def place_kind(name: str, types: dict[str, str]) -> bool:
    """某市产业园区 as written: a place's parks as a whole, whatever entity the name was resolved into."""
    from .lexicon import lexicon

    rest = next((name[n:] for n in range(len(name) - 1, 1, -1) if types.get(name[:n]) == "Place"), name)
    return rest != name and any(t == "Park" and re.fullmatch(r"(?:国家级|省级|市级|县级|区级|各类|各级|重点)?" + re.escape(c), rest)
                                for c, t in lexicon().categories.items())


def is_heading(line: str) -> bool:
    """A short line with no figure and no sentence inside it: a section heading (or a caption)."""
    line = line.strip().strip("：:。")
    return 2 <= len(line) <= 30 and not re.search(r"[\d，,。；;！？]", line)


def heading_topic(a, line: str, keys: dict, types: dict) -> str | None:
    """A heading that is only a name (某某项目, or a short place name such as 锦江) is what the paragraphs under
    it are about, until the next heading."""
    from .measure_phrase import place_named
    line = line.strip().strip("：:。")
    whole = [m for m in a.mentions if keys.get(id(m)) and m.type in ("Project", "Company", "Institute")
             and m.end - m.start >= 0.8 * len(line)]  # a park or place under a photo is a caption, not a heading
    if whole:
        return keys[id(max(whole, key=lambda m: m.end - m.start))]
    unit = [m for m in a.mentions if keys.get(id(m)) and m.type == "Place" and m.text == line
            and re.search(r"(?:区|县|市|镇|乡|街道)$", line)]  # 某某区 alone on a line: a section per district
    return keys[id(unit[0])] if unit else place_named(line, types)


def _enumerated(m: Mention, ms: list[Mention], text: str) -> bool:
    """One of several names joined by 、 (甲区、乙区、丙区): none of them alone is a clause's subject."""
    return any(o is not m and (o.start == m.end + 1 and text[m.end] == "、" or o.end == m.start - 1
                               and text[o.end] == "、") and o.type == m.type for o in ms)


SHORT_PARK = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日|20\d\d年|今年|目前|截至目前|近年来|截至\d{1,2}(?:月\d{1,2})?日|截至\d{1,2}月底?)?[，,]?\s*"
                        r"(经开区|高新区|开发区|新区|综保区|自贸区|保税区|园区)(?![\u4e00-\u9fff]{0,2}(?:区|园))")


def short_park(text: str, parks: list[str]) -> str | None:
    """A sentence opening with a park's generic short name (经开区…, 高新区…) is about the one park of the article
    whose name ends so (某某经开区), when there is exactly one."""
    m = SHORT_PARK.match(text)
    if not m:
        return None
    hits = [k for k in parks if k.endswith(m.group(1)) and k != m.group(1)]
    return hits[0] if len(hits) == 1 else None


def names_own_subject(tokens) -> bool:
    """A sentence that opens (after time words and adverbs) with a name or a pronoun has a subject of its own,
    even one the extractor did not keep as an entity (北仑加快…, 该区实现…)."""
    for t in tokens:
        if t.pos in ("t", "TIME", "w", "d", "c", "f"):
            continue
        if t.pos == "r":  # 该区/我市/这家企业 name one; 这次/本次 (the event) do not
            return bool(re.match(r"(?:该|我|本|这|此|其)(?:区|市|县|镇|乡|园|公司|企业|集团|项目|家|座|个)|其$|它", t.text))
        return t.pos in ("LOC", "ORG", "PER", "nr", "ns", "nt", "nz") or bool(WHOLE.match(t.text))
    return False


def _built_after(ms: list[Mention], text: str, end: int) -> Mention | None:
    """X投资12亿元建设的Y: the amount is Y's (总建筑面积24.85万平方米，总投资24.5亿元的Y: both are)."""
    m = BUILT.match(text, end)
    if not m or not m.group():
        chain = CHAINED.match(text, end)
        if not chain:
            return None
        m = BUILT.match(text, chain.end())
        if not m or not m.group():
            return None
    at = {m.end(), m.end() + 1} if text[m.end():m.end() + 1] in "“\"「" else {m.end()}  # 的“Y”: the name in quotes
    hits = [x for x in ms if x.start in at and x.type in ("Project", "Park", "Institute", "Company")]
    return max(hits, key=lambda x: x.end) if hits else None


def _topic(cands: list[Mention], text: str) -> Mention | None:
    """The clause's topic among its outermost names: the head of 由X建设的Y / 街道的Y, else the first
    name, carried along an adjacent chain of places (湖州市|吴兴区)."""
    if not cands:
        return None
    de = [m for m in cands if text[m.start - 1:m.start] == "的"]
    if de:
        return de[-1]
    return _through(cands[0], cands, text)


def _through(top: Mention | None, ms: list[Mention], text: str) -> Mention | None:
    """Along names written edge to edge: a chain of places (湖州市|吴兴区) ends in the narrowest; a place or park
    right before a project, company or institute (高新区|某产业园二期项目总投资…) says where that one is."""
    while top is not None:
        nxt = next((m for m in ms if m.start == top.end and (
            top.type == "Place" and m.type == "Place" or top.type in ("Place", "Park")
            and m.type in ("Project", "Company", "Institute") and not re.match(r"\s*[、等和及与]", text[m.end:m.end + 2]))),
                   None)
        if nxt is None:
            return top
        top = nxt
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
    province = [re.match(r"\s*(?:此次|本次|目前|当前|截至目前|今年|去年)?[，,]?\s*全省(?![域内外级委])", text[at:pos])
                for at in (cstart, 0)]
    if any(province) and "省" in recent:  # 此次全省集中开工812个项目，总投资…: the province the article named, as a whole
        return recent["省"]
    whole = re.match(r"\s*(?:目前|当前|截至目前|今年|去年)?[，,]?\s*全(市|区|县|镇)(?![域内外级委])", text[cstart:pos])
    if whole and cstart > 0:  # 某高速、某高速扩容开工，全市建成高速公路里程…: the city as a whole
        return district if district and district.endswith(whole.group(1)) else recent.get(whole.group(1)) or district
        # (the article's own city first: 全市 in a city's bulletin is that city, not the last city named)
    back = re.search(r"(?:^|[，,；;：:])(?:该|本)(区|市|县|镇)(?![域内外级委])", text[:pos])
    if back and back.group(1) in recent:
        return recent[back.group(1)]  # 该区实现… / 该市…: the last district, zone or city named (a park ends in 区 too)
    for word, typ in ANAPHORA.items():
        if re.search(rf"[\d一二两三四五六七八九十百千]+(?:[个家项]|(?=项目))[^，,；;。]*{word}|{word}[\d一二两三四五六七八九十百千]+[个家项]",
                     text[:cstart]):  # (not 今年7月试生产的某项目，该项目…: a date, no count)
            continue  # 48个重大项目集中开工，项目总投资…: 项目 is the group just counted, not one named project
        refs = [x.start() for x in re.finditer(rf"(?:^|[，,；;：:]|该|这家|这个|此|其){word}", text[:pos])]
        if word.endswith("内") and word in text[:pos] or refs:
            head = word[:-1] if word.endswith("内") else ""  # 村内 refers to a 村, not to any place
            at = refs[-1] if refs else text.rfind(word, 0, pos)  # a name after the word is not what it refers to
            same = [m for m in ms if m.end <= min(cstart, at + 1) and m.type == typ and keys[id(m)].endswith(head)]
            if same:  # named earlier in this sentence
                return keys[id(same[-1])]
            if head and head in recent:
                return recent[head]
            if typ in recent and not head:
                return recent[typ]  # 该企业… / ，企业成功… refer back; 科技型中小企业823家 does not
    # the nearest earlier clause that opens with a name (目前，某区已拥有…，备案…80家)
    openers = [m for m in ms if m.end <= cstart and (_opens_clause(text, m.start) or _heads_clause(m, text))
               and (m.type in OPENERS or _topic_only(m, text))
               and not AWARDED.match(text, m.end)  # 某社区入选…，新增书屋9家: not the 社区's
               and not (text[m.start - 1:m.start] == "在" and VENUE.match(text, m.end))  # 在某基地举行…活动，…: where
               and not LOCATED.match(text, m.end) and not LISTED.match(text, m.end)]  # 位于…，某经济区之中: where it lies, not what it is
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


def _topic_only(m: Mention, text: str) -> bool:
    """A programme that is all its clause says (仅某试点，…): the topic of the clauses after it."""
    return m.type == "Policy" and bool(re.match(r"(?:来看|而言|方面)?[，,]", text[m.end:]))


def _heads_clause(m: Mention, text: str) -> bool:
    """列为某省重点项目之一的Y，总投资…: a project (company, institute, park) closing its clause after a 的-modifier is
    what the clauses after it speak of."""
    return m.type in ("Project", "Company", "Institute", "Park") and text[m.start - 1:m.start] == "的" and \
        text[m.end:m.end + 1] in ("，", ",")


def _opens_clause(text: str, start: int) -> bool:
    """The name opens its clause: nothing before it but a year, 在/据 (在某区…仪式上, 据某区…介绍) or a short
    modifier ending in 的 (当天开工的某项目，…)."""
    cstart = max((x.end() for x in CLAUSE.finditer(text, 0, start)), default=0)
    before = text[cstart:start].strip()
    return not before or bool(re.fullmatch(r"(?:\d{4}年)?(?:其中|在|据)?|[^\d的]{1,6}的", before))


def opens_list(m, firsts: dict, mentions, keys, text: str) -> bool:
    """某高新区甲项目、乙项目等新建项目16个 / 某县甲公路、乙学院等7个项目: a park or place opening the first item,
    before the items' own names, holds them."""
    return m.type in ("Park", "Place") and m.start in firsts and m.end < firsts[m.start] and \
        any(o is not m and keys.get(id(o)) and o.end <= firsts[m.start] and
            (m.end <= o.start <= m.end + 1 and text[m.end:o.start] in ("", " ", "·")
             or o.start == m.start and o.end > m.end and o.type in ("Project", "Company", "Institute")) for o in mentions)


def named_head(measure: str, types: dict[str, str], local: tuple = ()) -> tuple[str, str] | None:
    """An entity's name (a place or park of the graph) opening a measure, and the measure after it; a city's
    one-character short form (甲市 for the article's 甲乙丙市) too."""
    best = next((measure[:n] for n in range(len(measure), 2, -1)  # the longest prefix that is a name: no scan of
                 if types.get(measure[:n]) in ("Place", "Park")), None)  # every entity of the build per fact
    if best is None:  # 某小镇已入驻机构160家: the article's one park whose name ends so
        for n in range(min(len(measure) - 2, 8), 3, -1):
            parks = [k for k in local if types.get(k) == "Park" and k.endswith(measure[:n]) and k != measure[:n]]
            if re.search(r"(?:小镇|园区|产业园|科技园|开发区|高新区|新区|新城|基地)$", measure[:n]) and len(parks) == 1 \
                    and is_clean(clean_measure(measure[n:])):
                return parks[0], clean_measure(measure[n:])
    short = re.match(r"([^全本该我各此其市县区省])(市|县)(?!级)", measure) if best is None else None
    if short:
        hits = [k for k in local if len(k) >= 3 and k[0] == short.group(1) and k.endswith(short.group(2))
                and types.get(k) == "Place"]
        rest = measure[2:]
        if len(hits) == 1 and len(rest) >= 2 and is_clean(rest):
            return hits[0], rest
    rest = measure[len(best):] if best else ""
    return (best, rest) if best and len(rest) >= 2 and is_clean(rest) and not rest.startswith(tuple("占的区园县市镇村城港省")) \
        else None  # 工业园区项目数: a longer name, not 工业园 and 区项目数


#: an occasion named by its host: 某开发区2023年招商引资项目集中签约暨…活动, 某区重大项目•某小镇集中开工动员大会
EVENT = re.compile(r"(?:集中)?(?:开工|签约|开竣工|竣工|开复工|投产)[^，,；;。]{0,12}?(?:仪式|活动|大会|会议|现场会|推进会|动员会)")
EVENT_REF = re.compile(r"\s*(?:[^，,。；;]{0,8}[，,])?\s*(?:此次|本次|这次)")


def event_host(a, keys: dict, types: dict) -> str | None:
    """The park that names the occasion a sentence reports (…某开发区…集中签约活动上): what a later
    此次/本次 speaks of."""
    text = a.sentence.text
    for ev in EVENT.finditer(text):
        cstart = max((x.end() for x in CLAUSE.finditer(text, 0, ev.start())), default=0)
        parks = [m for m in a.mentions if keys.get(id(m)) and max(cstart, ev.start() - 40) <= m.start
                 and m.end <= ev.start() and types.get(keys[id(m)], m.type) == "Park"
                 and not (text[m.start - 1:m.start] == "在" and VENUE.match(text, m.end))  # 在某基地举行…: the venue
                 and not OFFICIAL.search(text, m.end, ev.start())]  # 某园区及企业负责人参加开工仪式: a title
        if parks:  # a province's or city's occasion (某省重大项目集中签约仪式) is no narrower than the article's topic
            return keys[id(parks[0])]
    return None
