"""Institutes by their usual short names: a place and a field cut to a character or three before 所
(某地化物所, 某院某地应物所), the way news names the institutes of the academies. The place must be a
division of the adcode table and the field no kind of office (派出所, 事务所, 交易所)."""
from __future__ import annotations

import re

from .lexicon import Lexicon
from .mentions import _m
from .model import Mention, Sentence, Token
from .places import gazetteer

SHORT_INSTITUTE = re.compile(r"(?![由在与與和对對向从從被把将將为為])(?P<academy>[\u4e00-\u9fff]{1,3}(?:科学院|科學院|院))?(?P<place>[\u4e00-\u9fff]{2,3}?)"
                             r"(?P<field>[\u4e00-\u9fff]{1,3})所(?![长長属屬在有以需谓謂得])")
NOT_A_FIELD = re.compile(r"(?:派出|事务|事務|交易|招待|研究|诊|診|场|場|住|处|處|厕|廁|会|會|寓|托|哨|测|測|收容|看守|疗养|療養|"
                         r"养老|養老|检测|檢測|检验|檢驗|服务|服務|管理|指挥|指揮)$")


def short_institutes(s: Sentence, tokens: list[Token], ms: list[Mention], lex: Lexicon) -> list[Mention]:
    """The short names of one sentence; a longer name the rules ran across one (某地兽研所|建设|某某中心) now
    starts after it (and after the verb that follows)."""
    text, out, gaz = s.text, [], gazetteer()
    end = -1
    for t in tokens:
        if t.start < end:
            continue
        m = SHORT_INSTITUTE.match(text, t.start)
        if not m or not gaz.lookup(m.group("place")) or NOT_A_FIELD.search(m.group("field")) or \
                re.search("[院所]", m.group("field")):  # 大院大所: a phrase of kinds
            continue
        if m.group("academy") is None and t.start > 0 and not any(x.end == t.start for x in tokens):
            continue
        if any(x.start < t.start and m.end() <= x.end for x in ms):
            continue  # part of a name found already
        out.append(_m(s, t.start, m.end(), "Institute", "short-institute"))
        end = m.end()
    cut = []
    for si in out:
        for x in ms:
            if x.start == si.start and x.end > si.end:
                rest = si.end
                verb = next((v for v in (text[rest:rest + n] for n in (4, 3, 2)) if v in lex.verbs), "")
                x.start = rest + len(verb)
                x.text = text[x.start:x.end]
                cut.append(x)
    ms[:] = [x for x in ms if not (x in cut and lex.longest_head_suffix(x.text) == x.text)]  # a bare head is left
    return out
