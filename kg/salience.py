"""Salience: which entity a paragraph is about (its topic holder) and what an anaphor (该项目, 园区, 这里) points to.

News paragraphs open with the zone or district they report on (`2024年，某某开发区……`) and then list what it
brought in, built or signed without naming it again; anaphors refer to the most recent entity of their kind in the
paragraph, else the headline's. Both are used by the relation step for links the clause leaves implicit."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract import SentenceAnalysis
from .model import Article, Mention
from .places import gazetteer

HOLDERS = ("Place", "Park")
CORE = ("Company", "Project", "Institute", "Park")
LEAD_IN = re.compile(r"^(?:(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:以来|上午|下午|晚)?|近日|日前|近期|目前|当前|据悉|"
                     r"据了解|记者了解到|今年以来|今年|去年|上半年|下半年|前三季度|一季度|近年来|近年|此外|同时|其中|另外|"
                     r"截至目前)[，,、\s]*)+")
#: a generic holder word opening a paragraph stands for the zone the article is about (据悉，示范区共有…)
GENERIC_HOLDER = re.compile(r"(?:示范区|开发区|高新区|经开区|新区|园区|产业园|全区|该区|全县|全市|我区|我市|我县|区内|园内)")
HEADLINE_WEIGHT = 3  # a holder named in a short first line (the headline) counts as this many mentions more
TOPIC_WINDOW = 12  # a topic opens its paragraph: within this many characters after the lead-in
#: anaphor → the types it may refer to
ANAPHORA = {"该项目": ("Project",), "项目": ("Project",), "该工程": ("Project",), "该基地": ("Project", "Park"),
            "该园区": ("Park",), "园区": ("Park",), "该片区": ("Park", "Place"), "片区": ("Park", "Place"),
            "这里": ("Park", "Place"), "此地": ("Park", "Place"), "该区": ("Park", "Place"),
            "该企业": ("Company",), "该公司": ("Company",), "公司": ("Company",), "企业": ("Company",),
            "该院": ("Institute",), "研究院": ("Institute",), "该中心": ("Institute", "Project"),
            "该研究院": ("Institute",), "该实验室": ("Institute",), "该创新中心": ("Institute",), "该平台": ("Institute", "Park"),
            "该产业园": ("Park",), "该园": ("Park",), "该小镇": ("Park",), "该开发区": ("Park",), "该高新区": ("Park",),
}
ANAPHOR_RE = re.compile("|".join(sorted(map(re.escape, ANAPHORA), key=len, reverse=True)))


@dataclass
class Salience:
    """Per sentence: the paragraph's topic holder and the last entity of each type seen so far."""

    topic: list[str | None] = field(default_factory=list)
    first_of_paragraph: list[bool] = field(default_factory=list)
    recent: list[dict[str, str]] = field(default_factory=list)  # type → key, as of the sentence's start


def _local(label: str) -> bool:
    divs = gazetteer().lookup(label)
    return not divs or any(d.level == "county" for d in divs)


def compute(article: Article, analyses: list[SentenceAnalysis], key, label: dict[str, str],
            types: dict[str, str], district: str | None) -> Salience:
    """Walk the article once: paragraph starts, their topic holders, and the running memory of entities."""
    sal = Salience()
    text = article.text
    head_topic = _article_topic(analyses, key, label, types) or district
    prev_end, topic = 0, None
    recent: dict[str, str] = {}
    for i, a in enumerate(analyses):
        s = a.sentence
        new_par = i == 0 or "\n" in text[prev_end:s.start]
        prev_end = s.end
        if new_par:
            found = _topic_of(a, key, label)
            if found is None and GENERIC_HOLDER.match(s.text, _lead_end(s.text)):
                found = head_topic
            topic = found or topic or head_topic
        sal.topic.append(topic)
        sal.first_of_paragraph.append(new_par)
        sal.recent.append(dict(recent))
        for m in a.mentions:
            k = key(m)
            if k and types.get(k):
                recent[types[k]] = k
    return sal


def _lead_end(text: str) -> int:
    lead = LEAD_IN.match(text)
    return lead.end() if lead else 0


def _article_topic(analyses: list[SentenceAnalysis], key, label: dict[str, str], types: dict[str, str]) -> str | None:
    """The holder the article is about: the park, else the county-level or smaller place, named most often
    (the earliest wins a tie)."""
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    n = 0
    headline = analyses[0].sentence.index if analyses and len(analyses[0].sentence.text) <= 40 else None
    for a in analyses:
        for m in a.mentions:
            if a.sentence.index == headline and key(m) and types.get(key(m)) in HOLDERS:
                count[key(m)] = count.get(key(m), 0) + HEADLINE_WEIGHT  # what the headline names, the article is about
            k = key(m)
            if not k or types.get(k) not in HOLDERS:
                continue
            count[k] = count.get(k, 0) + 1
            first.setdefault(k, n)
            n += 1
    local = [k for k in count if types[k] == "Park" or _local(label.get(k, "")) or count[k] >= HEADLINE_WEIGHT]
    pool = local or list(count)  # a city is the holder only when the headline names it or nothing smaller is named
    if not pool:
        return None
    return min(pool, key=lambda k: (-count[k] - (1 if types[k] == "Park" else 0), first[k]))


def _topic_of(a: SentenceAnalysis, key, label: dict[str, str]) -> str | None:
    """The holder that opens the sentence (after a date or 近日-style lead-in), if any."""
    text = a.sentence.text
    lead = LEAD_IN.match(text)
    at = lead.end() if lead else 0
    cands = [m for m in a.mentions if m.type in HOLDERS and key(m) and at <= m.start <= at + TOPIC_WINDOW
             and not any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                         for o in a.mentions)]  # a place inside a project's name is not what the paragraph is about
    if not cands:
        return None
    first = min(m.start for m in cands)
    if any(m.type in ("Company", "Project", "Institute") and m.start < first and not _contains(m, cands)
           for m in a.mentions):
        return None  # the sentence is about something else named first
    best = max((m for m in cands if m.start == first), key=lambda m: m.end - m.start)
    if text[best.end:best.end + 1] == "、":
        return None  # 某某产业园、某某项目、……今年以来，某某经开区……: the first item of a list, not the paragraph's holder
    inner = [m for m in cands if m.start == best.end + 1 and text[best.end] == "·" and m.type == "Park"]
    if best.type == "Park" and inner:
        best = inner[0]  # 某某新区·某某经开区: the zone named second is the one reporting
    if best.type == "Place" and not _local(label.get(key(best), best.text)):
        return None  # a city or province is the setting, not the holder
    return key(best)


def _contains(outer: Mention, inner: list[Mention]) -> bool:
    return any(outer.start <= m.start and m.end <= outer.end for m in inner)


def anaphor_at(text: str, pos: int) -> str | None:
    """The anaphor that opens the clause at `pos` (after 目前/同时-style lead-ins), if any."""
    lead = LEAD_IN.match(text[pos:])
    p = pos + (lead.end() if lead else 0)
    m = ANAPHOR_RE.match(text, p)
    return m.group() if m else None


def resolve_anaphor(word: str, sal: Salience, index: int, types: dict[str, str]) -> str | None:
    """The most recent entity of a type the anaphor may name, else the paragraph's topic when it fits."""
    want = ANAPHORA.get(word, ())
    for t in want:
        k = sal.recent[index].get(t)
        if k:
            return k
    topic = sal.topic[index]
    if topic and types.get(topic) in want:
        return topic
    return None
