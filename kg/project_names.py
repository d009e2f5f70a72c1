"""Where a project's (or a company's) name begins when what stands before its head is not plain name words:
a description (龙头企业|某某集团), a capacity (某某年产20万吨…项目), the company it belongs to (某某有限公司|…项目),
a verb and its object (上项目)."""
from __future__ import annotations

import re

from .kinds import GENERIC_BEFORE
from .lexicon import industries
from .spans import CAPACITY_UNITS, boundary_start, token_at

DESCRIPTION = re.compile(r"(?:龙头企业|领军企业|骨干企业|头部企业|链主企业|上市公司|独角兽企业|小巨人”?企业|企业|单位|品牌|"
                         r"首家|首个|首批|第一家|第一个|唯一)")


def after_description(text: str, start: int, hs: int) -> int:
    """某行业龙头企业|某某集团 (the tagger may give it as one token): a description before the name is cut off."""
    last = None
    for m in DESCRIPTION.finditer(text, start, hs):
        if hs - m.end() >= 2:
            last = m
    return last.end() if last else start


CAPACITY_BEFORE = re.compile(rf"(?:年产(?:能)?|年处理|年加工|年生产|日产|年吞吐|年存栏|年出栏)?[\d.]+(?:万|千|亿)?(?:{CAPACITY_UNITS})(?:/年)?$")
VERB_OBJECT = set("上补引抓建招谋争跑促稳保落签推谈")


def with_capacity(text: str, tokens, start: int, lex) -> int:
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


COMPANY_HEADS = ("有限公司", "股份有限公司", "有限责任公司", "集团", "公司")


def company_before(text: str, tokens, start: int, hs: int, lex) -> int:
    """某某制造有限公司|大型某某零部件项目: a company written right before a project's own name is part of it
    (the project's name says whose it is); a generic remainder (合作项目) stays a category."""
    for t, nxt in zip(tokens, tokens[1:]):  # 某某有限公司|某品牌(某地)数据中心项目: the project's own name starts at the brand
        if start <= t.start and nxt.start < hs and t.end == nxt.start and nxt.pos == "ORG" and \
                not any(w in nxt.text for w in industries()) and \
                lex.longest_head_suffix(text[max(start, t.end - 8):t.end]) in COMPANY_HEADS:
            return nxt.start
    mod = text[start:hs]
    if len(mod) < 3 or GENERIC_BEFORE.search(mod) or mod[:1] in "的与和及、(（":
        return start
    k = token_at(tokens, start - 1)
    first = token_at(tokens, start)
    if k < 0 or tokens[k].end != start or (first >= 0 and tokens[first].pos in ("ORG", "LOC")):
        return start  # 某某有限公司|某品牌(某地)数据中心项目: the project has a name of its own
    if k > 0 and (tokens[k].text in lex.stopwords or tokens[k].pos in ("a", "b")):
        k -= 1  # 某某有限公司|大型|某某设备项目
    end = tokens[k].end
    head = lex.longest_head_suffix(text[max(0, end - 8):end])
    if tokens[k].pos not in ("ORG", "nz", "n") or head not in COMPANY_HEADS:
        return start
    new = boundary_start(text, tokens, end - len(head), lex)
    return new if end - new > len(head) + 1 else start


def verb_object(text: str, tokens, hs: int) -> bool:
    k = token_at(tokens, hs - 1)
    return hs > 0 and text[hs - 1] in VERB_OBJECT and k >= 0 and tokens[k].start == hs - 1
