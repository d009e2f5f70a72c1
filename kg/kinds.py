"""Kinds, not names: a head with a modifier that says which kind (重点项目, 国家级经开区, 某省技术创新中心,
30多个…项目, 某区项目) names a category of things, not one entity."""
from __future__ import annotations

import re

from .lexicon import Lexicon, industries
from .model import Token
from .places import gazetteer
from .spans import ORDINAL, PROPER, SINGLE_CHAR_HEAD_MIN
from .wordfreq import is_rare

COUNT_START = re.compile(r"(?:\d+(?:\.\d+)?|[两三四五六七八九十百千]+)(?:多|余)?[个家座项批条栋台套幢处]")

GENERIC_BEFORE = re.compile(r"(?:重点|重大|合作|开复工|新开工|集中开工|签约|招商|引资|技术创新|改造升级|产业|民生|基础设施|"
                            r"新基建|政府投资|省列|市列|储备|前期|民资|外资|内资|产业类|类|入区|招引|引进)(?:建设)?$")


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
COUNTED = re.compile(r"(?:(?:\d+|[两三四五六七八九十百千]+)(?:多|余)?[个家座条项批]|一(?:大)?批|一系列)$")
TITLE_WORDS = ("示范", "美丽", "友好", "文明", "先进", "星级", "标杆", "样板", "优秀", "达标")
COMMON_COMPOUNDS = ("乡村", "农村", "城乡")
GENERIC_HEADS = ("项目", "工程")
ATTRIBUTE = re.compile(r"[\u4e00-\u9fff]{1,3}(?:性|化)")  # 牵引性, 标志性, 引领性: what kind of project, not which
PLAN_WORDS = {"规划", "计划", "在建", "续建", "拟建", "谋划", "储备", "备选", "候选"}


def is_category(text: str, tokens: list[Token], start: int, hs: int, head: str, typ: str, lex: Lexicon) -> bool:
    """Category phrases that pass the modifier test: 30多个…项目, 吴兴区项目, 省美丽乡村示范村, 美丽乡村."""
    mod = text[start:hs]
    if typ in ("Project", "Park", "Company", "Institute") and (text[start:start + 1] in "(（" or COUNT_START.match(mod)):
        return True  # (市)园区…, 2条全自动生产线: a bracket or a count opens a description, not a name
    if typ in ("Project", "Park", "Company", "Institute") and COUNTED.search(text[max(0, start - 6):start]):
        return True  # a counted noun phrase names a category, not one entity
    if typ == "Project" and COUNTED.search(mod):
        return True  # 某某项目8条|产线: a count of the things, not one named undertaking
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
        if GENERIC_BEFORE.search(mod) and GENERIC_BEFORE.search(mod).group() != "产业" and text[hs - 1:hs] not in ")）":
            return True  # 某区(某某区)开复工|项目: what kind, whatever names stand before it
        if re.search(r"[(（A-Za-z\d]", mod):
            return False
        generic = GENERIC_BEFORE.search(mod)
        if generic and generic.group() == "产业" and any(
                t.pos == "ORG" and not place_or_platform(t.text, lex) for t in tokens if start <= t.start and t.end <= hs):
            generic = None  # 某某(a company)新材料产业项目: the company's project, not a kind of project
        if generic or re.search(r"(?:\d+|[两三四五六七八九十]+)$", mod) or \
                (mod[-1:] in "上引谋补争抓招" and not re.search(r"[海线网]$", mod)):
            return True  # 某某重点项目, 某某合作项目, 某地三项目, 抢抓机遇上项目: a kind, a count, a slogan
        rest = [t for t in tokens if t.start >= start and t.end <= hs]
        rest = [t for t in rest if not (place_or_platform(t.text, lex) or t.text in lex.stopwords
                                        or t.pos in ("a", "b", "w", "v", "ad", "d") or ATTRIBUTE.fullmatch(t.text)
                                        or t.text in PLAN_WORDS)]
        return not rest  # only places, platforms and generic modifiers before 项目
    return False


def place_or_platform(word: str, lex: Lexicon) -> bool:
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


def is_specific(text: str, tokens: list[Token], start: int, hs: int, head: str, typ: str, lex: Lexicon) -> bool:
    """Does the modifier text[start:hs] make the name specific (not a category such as 重点项目)?"""
    mod = text[start:hs]
    core = re.sub(r"[“”\"‘’「」『』()（）·\s]", "", mod)
    if not core:
        return lex.head_notes.get(head) == "standalone"
    if core in lex.stopwords:
        return False
    if len(head) == 1 and len(core) < SINGLE_CHAR_HEAD_MIN:
        return False
    if ORDINAL.fullmatch(core):
        return False  # 第四期项目: which phase of an unnamed project
    if any(c in mod for c in "“”\"「」(（") or re.search(r"[A-Za-z0-9]", core):
        return True
    toks = [t for t in tokens if t.start >= start and t.end <= hs + len(head) and t.start < hs]
    if lex.head_notes.get(head) == "strict":  # 示范区: slogans end with it too; a real one carries a place name
        return any(t.pos in ("LOC", "ORG") for t in toks) and not re.search(r"现代化|式|型|先行|样板", mod)
    if any(t.pos in PROPER for t in toks):
        return True
    if typ == "GovernmentBody":
        return len(core) >= 2 or core in ("省", "市", "区", "县")
    if typ == "Policy":
        return len(core) >= 4
    if typ == "Institute" and re.search(r"(?:全国|国家|省部共建|省)$", core) and len(core) >= 6:
        return True  # 某某催化转化|全国重点实验室: a research field and the lab's rank name one laboratory
    if typ in ("Project", "Institute"):  # 某型复合膜生产线, 某某通信设备研发及配套部件制造项目: technical content names one undertaking
        plain = [t.text for t in toks if t.end <= hs and t.pos in ("n", "nz", "vn", "nw") and t.text not in lex.stopwords
                 and not any(w in t.text for w in industries())]
        abstract = any(w in mod for w in ABSTRACT)
        if not abstract and len("".join(plain)) >= (7 if head in ("项目", "工程") or typ == "Institute" else 4):
            return True
    return any(is_rare(t.text) for t in toks if t.end <= hs and t.pos != "w" and t.text not in lex.stopwords)


#: words of programmes, not of things built: 人才项目, 试点示范项目 are categories
ABSTRACT = ("人才", "试点", "示范", "改革", "行动", "工作", "活动", "计划", "政策", "服务", "培训", "招商", "引才", "高层次")
