"""Per-article mention extraction: tag every sentence, run the mention rules, keep one mention per span."""
from __future__ import annotations

import re

from . import mention_model
from .brands import brand_companies, facility_companies, investor_companies, owner_companies
from .lexicon import lexicon
from .lists import ListSpan, find_lists
from .mentions import head_mentions, inner_places, place_mentions
from .model import Article, Mention, Sentence, Token
from .names import short_forms
from .places import gazetteer
from .segment import split_sentences
from .spans import DESCRIPTORS
from .subjects import subject_mentions
from .short_names import short_institutes
from .titles import award_mentions, quoted_mentions
from .tag import Tagger

TYPE_PRIORITY = {"Award": 0, "Policy": 1, "Company": 2, "Institute": 3, "Park": 4, "Project": 5,
                 "GovernmentBody": 6, "Place": 7}
ABBREV = re.compile(r"[(（]\s*(?:以下|下文|下面)?(?:简称|下称)[为:：]?\s*[“\"「『]?(?P<y>[^”\"」』)）,，、；;]{2,14}?)[”\"」』]?\s*[)）]")
ABBREV_OWNERS = ("Company", "Park", "Project", "Institute", "GovernmentBody", "Policy")
BYLINE = re.compile(r"^(?:■\s*)?[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*$")


def clean_name(text: str) -> str:
    """The label of a mention: quotes and book-title marks dropped, white space removed."""
    return re.sub(r"[“”\"‘’「」『』《》\s]", "", text)


class SentenceAnalysis:
    """What the rules found in one sentence (kept for relation and fact extraction)."""

    def __init__(self, sentence: Sentence, tokens: list[Token], mentions: list[Mention], lists: list[ListSpan]):
        self.sentence, self.tokens, self.mentions, self.lists = sentence, tokens, mentions, lists


def sentences_of(article: Article) -> list[Sentence]:
    """The sentences extraction reads (bylines dropped)."""
    return [s for s in split_sentences(article) if not _is_byline(s.text)]


def analyse_many(articles: list[Article], tagger: Tagger, filtered: bool = True) -> list[list[SentenceAnalysis]]:
    """Tag the sentences of several articles in one batch (the tagger groups them by length), then
    run the rules article by article."""
    per = [sentences_of(a) for a in articles]
    flat = tagger.tag([s for ss in per for s in ss])
    out, i = [], 0
    for a, ss in zip(articles, per):
        out.append(analyse(a, tagger, (ss, flat[i:i + len(ss)]), filtered))
        i += len(ss)
    return out


def analyse(article: Article, tagger: Tagger, tagged=None, filtered: bool = True) -> list[SentenceAnalysis]:
    """The sentences of one article with their mentions and lists; FILTERED drops the names the trained mention
    filter doubts (mention_model.py; off when its training data is collected)."""
    lex, gaz = lexicon(), gazetteer()
    sentences, all_tokens = tagged if tagged is not None else (None, None)
    if sentences is None:
        sentences = sentences_of(article)
        all_tokens = tagger.tag(sentences)
    context = article.text
    out = []
    for s, toks in zip(sentences, all_tokens):
        toks = split_glued(toks)
        ms = head_mentions(s, toks, lex)
        ms += place_mentions(s, toks, gaz, context)
        ms += inner_places(s, toks, lex)
        ms += quoted_mentions(s, toks, lex)
        ms += award_mentions(s)
        ms += short_institutes(s, toks, ms, lex)
        ms += facility_companies(s, toks, ms, lex)
        ms += owner_companies(s, toks, ms, lex)
        ms += brand_companies(s, toks, ms, lex)
        ms += investor_companies(s, toks, ms, lex)
        ms += subject_mentions(s, toks, ms, lex)
        lists = find_lists(s, toks, ms, lex)
        for ls in lists:
            ms += [m for m in ls.items if m not in ms]
            first = ls.items[0]
            if first.start == ls.start and ls.start > 0:  # 某县|A项目、B项目: the holder is not part of the first name
                ms = [m for m in ms if not (m.end == first.end and m.start < first.start and m.type == first.type
                                            and m.rule == "subject")]
        out.append(SentenceAnalysis(s, toks, _dedupe(ms), lists))
    _abbreviations(out)
    _rescan_known(out)
    if filtered:
        mention_model.apply(out)
    return out


#: the spans' descriptions of a firm (龙头企业, 领军企业 …), and its ownership kinds: what may be glued before its name
GLUED_DESCRIPTOR = re.compile(r"^.{0,8}?(?:%s)(?!集团|公司|有限)" % "|".join(
    sorted({w for w in DESCRIPTORS if w.endswith("企业")} | {"外资企业", "民营企业"}, key=lambda w: (-len(w), w))))
GLUED_OWNER = re.compile(r"(?:旗下|下属|所属)$")
GLUED_MEASURE = re.compile(r"(?:产值|产量|产能|营收|销量|销售额|订单|出口额|市值|营业收入|净利润|利润|业绩)$")


def split_glued(tokens: list[Token]) -> list[Token]:
    """The tagger sometimes glues a name to the word after it: the list closer 等 (某某等/ORG|高科技公司) or what
    is measured of it (某某重科产值/ORG|翻番). Split them off, so the name stands alone: an item before 等, a
    company before its output."""
    out = []
    for t in tokens:
        m = GLUED_MEASURE.search(t.text) if t.pos == "ORG" else None
        if len(t.text) >= 3 and t.text.endswith("等") and t.pos in ("ORG", "nz", "LOC", "PER", "n"):
            out += [Token(t.text[:-1], t.pos, t.start, t.end - 1), Token("等", "u", t.end - 1, t.end)]
        elif m and m.start() >= 2:
            cut = t.start + m.start()
            out += [Token(t.text[:m.start()], t.pos, t.start, cut), Token(m.group(), "n", cut, t.end)]
        elif t.pos == "ORG" and (o := GLUED_OWNER.search(t.text)) and o.start() >= 2:
            cut = t.start + o.start()  # 某某集团旗下/ORG|某某公司: the group, then the word that says it owns what follows
            out += [Token(t.text[:o.start()], "ORG", t.start, cut), Token(o.group(), "f", cut, t.end)]
        elif t.pos == "ORG" and (d := GLUED_DESCRIPTOR.search(t.text)) and len(t.text) - d.end() >= 3:
            cut = t.start + d.end()  # 某某龙头企业|某某集团/ORG: the description, then the name
            out += [Token(t.text[:d.end()], "n", t.start, cut), Token(t.text[d.end():], "ORG", cut, t.end)]
        else:
            out.append(t)
    return out


def _abbreviations(analyses: list[SentenceAnalysis]) -> None:
    """某某经济技术开发区(以下简称“某某经开区”): the short name stands for the full one in this article only —
    its mentions carry the rule `abbrev:<full name>` (resolve.py reads it), and are not a name anywhere else."""
    full: dict[str, Mention] = {}
    for a in analyses:
        for hit in ABBREV.finditer(a.sentence.text):
            owners = [m for m in a.mentions if m.end == hit.start() and m.type in ABBREV_OWNERS]
            short = clean_name(hit.group("y"))
            if owners and len(short) >= 2:
                owner = max(owners, key=lambda m: m.end - m.start)
                if short != clean_name(owner.text):
                    full.setdefault(short, owner)
    if not full:
        return
    pattern = re.compile("|".join(re.escape(n) for n in sorted(full, key=len, reverse=True)))
    for a in analyses:
        for m in a.mentions:
            owner = full.get(clean_name(m.text))
            if owner is not None and m is not owner:
                m.type, m.rule, m.alt_types = owner.type, "abbrev:" + clean_name(owner.text), ()
        for hit in pattern.finditer(a.sentence.text):
            x, y = hit.span()
            if any(m.start < y and x < m.end for m in a.mentions):
                continue
            owner = full[hit.group()]
            a.mentions.append(Mention(text=hit.group(), type=owner.type, sentence=a.sentence, start=x, end=y,
                                      rule="abbrev:" + clean_name(owner.text)))
        a.mentions.sort(key=lambda m: (m.start, -m.end))


def _is_byline(text: str) -> bool:
    """Reporter and photographer lines (■ 周某 张某) carry no entity."""
    t = text.strip()
    return bool(BYLINE.match(t)) and (t.startswith("■") or " " in t)


MODEL_PLUS = re.compile(r"[\u4e00-\u9fff][+＋]")  # 总院+专业研究院, 某分院+某学院+N家研究所: a model, not a name


def _dedupe(ms: list[Mention]) -> list[Mention]:
    best: dict[tuple[int, int], Mention] = {}
    for m in ms:
        if MODEL_PLUS.search(m.text):
            continue
        key = (m.start, m.end)
        cur = best.get(key)
        if cur is not None:  # one span, several rules: keep every alias they found
            merged = tuple(dict.fromkeys(cur.aliases + m.aliases))
            cur.aliases = m.aliases = merged
        if cur is None or TYPE_PRIORITY[m.type] < TYPE_PRIORITY[cur.type]:
            if cur is not None:
                m.alt_types = tuple(sorted(set(m.alt_types) | {cur.type} - {m.type}))
            best[key] = m
    out = sorted(best.values(), key=lambda m: (m.start, -m.end))
    # a Place mention strictly inside a non-Place name is kept (it feeds relations); other
    # same-type mentions strictly inside a longer same-type mention with the same end are dropped
    keep = []
    for m in out:
        if m.rule == "branch-of":
            keep.append(m)  # 某大学 inside 某大学某学院: the whole the branch belongs to
            continue
        if any(o is not m and o.type == m.type and o.start <= m.start and o.end >= m.end and
               (o.end - o.start) > (m.end - m.start) and (o.end == m.end or m.type in NESTED_DROP or
                                                          "GovernmentBody" in o.alt_types)
               for o in out):
            continue
        keep.append(m)
    return keep


NESTED_DROP = {"Project", "Company", "Institute", "Policy", "Award"}


def _rescan_known(analyses: list[SentenceAnalysis]) -> None:
    """Later (or earlier) plain occurrences of a name found elsewhere in the article are mentions too."""
    known: dict[str, str] = {}
    for a in analyses:
        for m in a.mentions:
            name = clean_name(m.text)
            if len(name) >= 3 and m.type not in ("Award",) and m.rule != "gazetteer":
                known.setdefault(name, m.type)
                for short in short_forms(name, m.type):  # 江苏蓝桥电子科技有限公司 → 蓝桥电子
                    known.setdefault(short, m.type)
    if not known:
        return
    pattern = re.compile("|".join(re.escape(n) for n in sorted(known, key=len, reverse=True)))
    for a in analyses:
        taken = [(m.start, m.end) for m in a.mentions]
        for hit in pattern.finditer(a.sentence.text):
            x, y = hit.span()
            if any(s <= x and y <= e for s, e in taken):
                continue
            inside = [m for m in a.mentions if x <= m.start and m.end <= y and m.type == known[hit.group()]]
            if any(x < e and s < y for s, e in taken) and not inside:
                continue
            for m in inside:  # 仅跨境贸易…开放试点: a shorter cut of a name the article states in full
                a.mentions.remove(m)
            taken = [(m.start, m.end) for m in a.mentions]
            a.mentions.append(Mention(text=hit.group(), type=known[hit.group()], sentence=a.sentence,
                                      start=x, end=y, rule="rescan"))
        a.mentions.sort(key=lambda m: (m.start, -m.end))
