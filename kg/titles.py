"""Policies and awards: names in 《》 and quotes with a programme head, honours after 荣获/获评/入选…, and platforms
named in quotes (“某某小镇”)."""
from __future__ import annotations

import re

from .kinds import is_specific
from .lexicon import Lexicon
from .mentions import _m
from .model import Mention, Sentence, Token


POLICY_HEADS = ("专项行动", "三年行动", "行动", "活动", "工程", "项目", "改革", "试点", "计划", "战略",
                "体系", "机制", "模式", "会战", "政策", "规划", "方案", "办法")
AWARD_VERBS = "荣获|获评|获得|捧回|夺得|再夺|入选|被授予|被评为|评为|跻身|荣膺|获批|被认定为|认定为|被命名为|命名为|成功创建|上榜|入围|挺进"
#: a designation a government confers on a zone or a firm (国家某某产业示范基地, 国家某某园区试点):
#: it opens with the conferring level and ends with the kind of designation
DESIGNATION = re.compile(r"^(?:国家级?|省级?|[\u4e00-\u9fff]{2,3}省|自治区级?|全国|全省|首批|省首批|国家首批)"
                         r"[\u4e00-\u9fff（）()]{2,24}(?:基地|园区|试点|示范区|集群|加速器|孵化器|百强|\d+强|试验区)$")
AWARD_HEADS = ("鼎", "奖", "杯", "奖项", "荣誉")
HONOUR_ENDS = ("区", "城市", "社区", "单位", "案例", "十强", "集群", "县", "村", "市")
QUAL_PREFIX = re.compile(r"^(?:连续\d+年|连续第?[一二三四五六七八九十\d]+年|第[一二三四五六七八九十\d]+[届批次年]|"
                         r"(?:全国|全省|全市|省|市)?(?:首批|首个|首家)[、，]?)+")


QUOTE = re.compile(r"[“\"]([^”\"“]{2,30})[”\"]")
BOOK = re.compile(r"《([^》]{2,80})》")


def quoted_mentions(s: Sentence, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    """Policies: 《named documents》, “quoted”programmes with a policy head inside or right after."""
    text, out = s.text, []
    for m in BOOK.finditer(text):
        out.append(_m(s, m.start(), m.end(), "Policy", "book-title"))
    heads = "|".join(sorted(POLICY_HEADS, key=len, reverse=True))
    inner_heads = "|".join(h for h in POLICY_HEADS if h != "项目")
    for m in QUOTE.finditer(text):
        inner = m.group(1)
        head = lex.longest_head_suffix(inner)
        if head and lex.heads[head] in ("Park", "Institute") and len(inner) >= len(head) + 2 and \
                inner[:2] not in lex.stopwords and not re.search(r"[，、。]", inner) and not _after_head(text, m.end(), lex) \
                and is_specific(text, tokens, m.start() + 1, m.end() - 1 - len(head), head, lex.heads[head], lex):
            out.append(_m(s, m.start() + 1, m.end() - 1, lex.heads[head], f"quoted:{head}"))  # “某某小镇”建设初具成效
            continue
        if inner in lex.stopwords or any(inner.startswith(w) and len(inner) - len(w) <= 1
                                         for w in lex.stopwords if len(w) >= 2):
            continue
        after = re.match(rf"(\d+(?:\.\d+)?)?[\u4e00-\u9fff]{{0,6}}?({heads})", text[m.end():])
        if after and not re.search(r"[，。、等和的]", after.group()):
            end = m.end() + after.end()
            head = after.group(2)
            alt = ("Project",) if head in ("项目", "工程") else ()
            typ = "Policy"
            inner_head = lex.longest_head_suffix(inner)
            if head in ("项目", "工程") and not after.group(1) and inner_head and \
                    lex.heads[inner_head] in ("Project", "Park", "Company", "Institute") and len(inner) > len(inner_head) + 1:
                typ, alt = "Project", (lex.heads[inner_head],)  # “某某总部及某某综合体”项目: a project named in quotes
            mm = _m(s, m.start(), end, typ, f"quote+{head}", alt)
            mm.aliases = (inner,)
            out.append(mm)
            continue
        if re.search(rf"(?:{inner_heads}|政策\d+条)$", inner):
            out.append(_m(s, m.start(), m.end(), "Policy", "quoted-policy"))
            continue
        if re.match(r"(创建|建设|专项)", text[m.end():m.end() + 2]) and len(inner) <= 8 and \
                re.search(r"(开启|开展|推进|实施|以及|深化|落实)$", text[max(0, m.start() - 4):m.start()]):
            out.append(_m(s, m.start(), m.end(), "Policy", "quoted-campaign"))
    return out


def _after_head(text: str, pos: int, lex: Lexicon) -> bool:
    """A head right after the closing quote (“某某”产业园): the head rule names that one."""
    return any(text[pos:pos + n] in lex.heads for n in range(1, lex.max_head + 1))


def _split_top(text: str, seps: str) -> list[tuple[int, int]]:
    """Split on separators outside brackets and quotes; return (start, end) parts."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(（“《":
            depth += 1
        elif ch in ")）”》" and depth:
            depth -= 1
        elif depth == 0 and ch in seps:
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(text)))
    return parts


QUOTED_RUN = re.compile(r"(?:“[^”“]{3,40}”[、和及]?)+")


def award_mentions(s: Sentence) -> list[Mention]:
    """Honours after 荣获/获评/捧回/入选…: the named award, split when several are listed."""
    text, out = s.text, []
    for m in re.finditer(rf"(?:{AWARD_VERBS})了?(?:先后|相继|分别)?", text):
        obj_start = m.end()
        run = QUOTED_RUN.match(text, obj_start)
        if run and run.group().count("“") >= 2:  # 获评“A”“B”“C”等: each quoted title is one honour
            for q in re.finditer(r"“([^”“]{3,40})”", run.group()):
                out.append(_m(s, obj_start + q.start(1), obj_start + q.end(1), "Award", "award-quoted"))
            continue
        stop = re.search(r"[，。；,;！？：…]|称号|的", text[obj_start:])
        obj_end = obj_start + (stop.start() if stop else len(text) - obj_start)
        titled = bool(stop and stop.group() == "称号")
        obj = text[obj_start:obj_end]
        for a, b in _split_top(obj, "、和"):
            a0, part = obj_start + a, obj[a:b]
            part = re.sub(r"等$", "", part)
            q = QUAL_PREFIX.match(part)
            skip = q.end() if q else 0
            core = part[skip:]
            core = re.sub(r"\d+[项个家次]$", "", core)
            if len(core) < 2 or "及以上" in core:
                continue
            qpos = core.find("“")
            ok = titled or core.rstrip("”").endswith(AWARD_HEADS) or core.endswith("”") or DESIGNATION.match(core) or \
                (m.group().startswith(("获评", "入选", "荣获", "被评为", "评为")) and core.endswith(HONOUR_ENDS))
            if not ok or core.startswith(("全国第", "全省第", "全市第")) or _generic_honour(core):
                continue
            aliases = []
            if qpos > 0:  # 最高荣誉“金桥奖” → the name starts at the quote; the whole phrase stays an alias
                aliases.append(core)
                mm = _m(s, a0 + skip + qpos, a0 + skip + len(core), "Award", "award-verb")
            else:
                mm = _m(s, a0 + skip, a0 + skip + len(core), "Award", "award-verb")
            quoted = re.findall(r"“([^”]+)”", core)
            if quoted and quoted[0].endswith(AWARD_HEADS):
                aliases.append(quoted[0])
            tail = re.search(r"”([^“”]{2,8})$", core)
            if tail and tail.group(1).endswith(AWARD_HEADS):
                aliases.append(tail.group(1))  # “清河行动”金桥杯: the programme, then the award
            if skip:
                aliases.append(part)
            mm.aliases = tuple(aliases)
            out.append(mm)
    return out


GENERIC_HONOURS = ("最佳案例", "典型案例", "优秀案例", "先进单位", "先进集体", "示范单位", "最佳实践")
SCOPE = re.compile(r"^(?:全国|全省|全市|全区|国家级|省级|市级|区级|省|市)")


def _generic_honour(core: str) -> bool:
    """全省最佳案例 names a kind of honour, not one: nothing specific besides the scope."""
    return SCOPE.sub("", core.strip("“”")) in GENERIC_HONOURS
