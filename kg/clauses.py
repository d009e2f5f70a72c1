"""Clause-level cue relations: builders and what they build (由A、B共建X, A公司在Y建设X, A与Z签约X), zones named
after their place — and the small helpers the relation rules share."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .model import Mention
from .places import gazetteer
from .salience import anaphor_at, resolve_anaphor

HOLDERS = ("Place", "Park")
CLAUSE = re.compile(r"[，,；;：:]")
BIG_ZONE = re.compile(r"(?:开发区|高新区|经开区|新区|自贸区|自贸试验区|保税区|保税港区|示范区|试验区|实验区|新城)$")
AGENT_VERB = re.compile(r"(?P<v>为依托|投资建设|开工建设|启动建设|投资兴建|投建|新建|建设|兴建|打造|布局|签约|签下|投资|运营|成立|设立|落地|上马)"
                        r"(?:了|的)?")
CO_BUILD = re.compile(r"(?:由|与|和|联合|携手)(?P<grp>[^，。；]{2,120}?)(?:签约|签署协议|合作)?(?:共同|联合|合作|携手)?"
                      r"(?P<verb>共建|创建|建设|打造|组建|发起设立|设立|成立|投资建设|出资打造|出资建设|出资|投资|兴建|创办|运营)的?")
BUILDERS = ("Company", "GovernmentBody", "Institute", "Place")
PARTIES = re.compile(r"(?P<n>双方|三方|四方|五方|多方|各方)")
JOINED_BUILD = re.compile(r"(?:合作|共同|联合|携手)?(?:共建|共同建设|共同打造|联合打造|共同设立|联合设立|合作建设|组建)的?")
PARTY_SEP = re.compile(r"^[、，,与和及以及同]*$")
BUILT = ("Institute", "Project", "Park")


ZONE_WORD = r"(?:园区|开发区|高新区|经开区|新区|示范区|区内|园内)"  # the zone named by its kind: the paragraph's
ZONE_WORD_AT = re.compile(rf"(?:在|于|落户)(?:该|本)?{ZONE_WORD}")
TOWN_END = re.compile(r"(?:镇|乡|街道|村|社区)$")


COVER = re.compile(r"(?:涵盖|覆盖|横跨|地跨|跨越|范围包括|辖)了?")
COVER_SEP = re.compile(r"^(?:、|和|及|以及|与)?$")


class ClauseRules:
    """Mixed into the Relator: uses its add / k / sal / label / types."""

    def cover(self, a: SentenceAnalysis) -> None:
        """某科技城…涵盖了某区、某县和某县: a zone lies in each division its area covers (the zone named before the
        verb in the sentence, else the paragraph's topic when it is a zone)."""
        text = a.sentence.text
        for v in COVER.finditer(text):
            zones = [m for m in a.mentions if m.type == "Park" and m.end <= v.start() and self.k(m)
                     and not _inside_other(m, a.mentions)]
            zone = self.k(zones[-1]) if zones else self.sal.topic[self.i]
            if not zone or self.types.get(zone) != "Park":
                continue
            places, pos = [], v.end()
            for m in sorted((m for m in a.mentions if m.start >= v.end() and m.type == "Place" and self.k(m)),
                            key=lambda m: m.start):
                gap = text[pos:m.start]
                if places and not COVER_SEP.match(gap) or not places and len(gap) > 4:
                    break
                if not any(o is not m and o.start <= m.start and m.end <= o.end for o in a.mentions):
                    places.append(m)
                pos = m.end
            for n, m in enumerate(places):
                if n + 1 < len(places) and places[n + 1].start == m.end:
                    continue  # 某市|某区: the city names where the district is, the zone lies in the district
                if any(d.level != "province" for d in gazetteer().lookup(self.label.get(self.k(m), m.text))) or \
                        TOWN_END.search(m.text):
                    self.add(zone, "locatedIn", self.k(m), a, "verb:cover")

    def co_build(self, a: SentenceAnalysis) -> None:
        """由A、B(共同)出资打造X / A与B签约共建X / X由A和B共建: every builder named in the 由/与 group runs
        (an institute) or invests in (a project, a park) what is built."""
        text = a.sentence.text
        for m in CO_BUILD.finditer(text):
            grp_start = m.start("grp")
            builders = [x for x in a.mentions if grp_start <= x.start and x.end <= m.start("verb")
                        and x.type in BUILDERS and not _inside_other(x, a.mentions)]
            if not builders or CLAUSE.search(text[grp_start:m.start("verb")]):
                continue
            after = [x for x in a.mentions if x.type in BUILT and m.end() <= x.start <= m.end() + 2]
            before = [x for x in a.mentions if x.type in BUILT and x.end <= m.start()
                      and not CLAUSE.search(text[x.end:m.start()]) and not any(x is b for b in builders)]
            target = max(after, key=lambda x: x.end - x.start) if after else (before[-1] if before else None)
            if target is None:  # 该中心由A与B共同发起设立: the anaphor before 由 names what is built
                word = anaphor_at(text, _clause_start(text, m.start()))
                k = resolve_anaphor(word, self.sal, self.i, self.types) if word else None
                if k is None and m.group().startswith("由") and m.start() - _clause_start(text, m.start()) <= 1:
                    k = self.sal.recent[self.i].get("Project")  # 由某公司投资35亿元建设: the project just named
                target = _Ref(k) if k and self.types.get(k) in BUILT else None
            if target is None:
                continue
            if m.group().startswith(("与", "和")):  # A与B共建X: A, just before 与, builds it too
                left = [x for x in a.mentions if x.end == m.start() and x.type in BUILDERS]
                builders = builders + [max(left, key=lambda x: x.end - x.start)] if left else builders
            pred = "operates" if self.types.get(self.k(target)) == "Institute" else "investsIn"
            for b in builders:
                self.add(self.k(b), pred, self.k(target), a, "verb:co-build")

    def parties_build(self, a: SentenceAnalysis) -> None:
        """A、B、C三方…合作共建X / A与B签订协议，双方共建X: the parties named build what the sentence builds."""
        text = a.sentence.text
        for m in PARTIES.finditer(text):
            b = JOINED_BUILD.search(text, m.end())
            if not b or b.start() - m.end() > 40:
                continue
            built = [x for x in a.mentions if x.type in BUILT and b.end() <= x.start <= b.end() + 2]
            if not built:
                continue
            target = max(built, key=lambda x: x.end - x.start)
            outer = [x for x in a.mentions if x.type in BUILDERS and x.end <= m.start() and not _inside_other(x, a.mentions)]
            run, edge = [], m.start()
            for x in sorted(outer, key=lambda x: -x.end):  # the names just before 三方, joined by 、 与 和
                if not PARTY_SEP.match(text[x.end:edge]):
                    break
                run.append(x)
                edge = x.start
            if not run and m.group("n") == "双方":  # 双方 after A与B earlier in the sentence
                pair = [(x, y) for x in outer for y in outer if x.end < y.start and text[x.end:y.start] in ("与", "和", "同")]
                run = list(pair[-1]) if pair else []
            if len(run) < 2:
                continue
            pred = "operates" if target.type == "Institute" else "investsIn"
            for x in run:
                self.add(self.k(x), pred, self.k(target), a, "verb:co-build")

    def agent_object(self, a: SentenceAnalysis) -> None:
        """Clause-level: a company that opens a clause and a build/sign verb, then what it builds —
        某公司(计划)在Y建设X, 某公司与Z签约X, 以某公司为依托成立X. The company invests in (runs, for an
        institute) X; X lies in the place named with 在; the partner named with 与 hosts X."""
        text = a.sentence.text
        for ca, cb in _clauses(text):
            ms = [m for m in a.mentions if ca <= m.start and m.end <= cb and not _inside_other(m, a.mentions)]
            for m in AGENT_VERB.finditer(text, ca, cb):
                subj = [x for x in ms if x.end <= m.start() and x.type == "Company"]
                objs = [x for x in ms if x.start >= m.end() and x.type in BUILT and x.start - m.end() <= 3
                        and not BIG_ZONE.search(x.text)]
                if not subj or not objs:
                    continue
                s0, obj = subj[-1], objs[0]  # the nearest company: 、A公司投资的X项目、B公司投资的Y项目
                between = text[s0.end:m.start()]
                if any(x.type in ("Company", "Project", "Institute") and s0.end <= x.start and x.end <= m.start()
                       for x in ms if x is not s0) or len(between) > 24:
                    continue
                pred = "operates" if obj.type == "Institute" or m.group("v") in ("为依托", "运营") else "investsIn"
                self.add(self.k(s0), pred, self.k(obj), a, "clause:agent")
                bare = ZONE_WORD_AT.search(between)
                if bare and self.sal.topic[self.i] and not any(x.type in HOLDERS and s0.end <= x.start < m.start()
                                                               for x in ms):
                    self.add(self.k(obj), "locatedIn", self.sal.topic[self.i], a, "clause:site")  # 在园区建设: the zone
                for h in (x for x in ms if x.type in HOLDERS and s0.end <= x.start and x.end <= m.start()):
                    cue = text[max(s0.end, h.start - 2):h.start]
                    if cue.endswith(("在", "于", "落户")):
                        self.add(self.k(obj), "locatedIn", self.k(h), a, "clause:site")
                    elif cue.endswith(("与", "和", "同")):
                        self.add(self.k(h), "hosts", self.k(obj), a, "clause:partner")

    def prefix_places(self, a: SentenceAnalysis) -> None:
        """某市高新区, 某市临空港: a zone named after the place it lies in (any level: the name says so)."""
        places = {self.label.get(self.k(m) or "", ""): self.k(m) for m in a.mentions if m.type == "Place" and self.k(m)}
        places.update(self._article_places())
        for m in a.mentions:
            if m.type not in ("Park", "Place") or not self.k(m):
                continue
            name = self.label.get(self.k(m), m.text)
            if m.type == "Place" and not TOWN_END.search(name):
                continue  # 某市|某镇: a town named with its county or city (the adcode table has no towns)
            best = None
            while True:  # 某省某市某工业园区: the innermost place of the chain that opens the name
                nxt = max((p for p in places if p and len(p) >= 2 and name.startswith(p) and len(name) > len(p) + 1),
                          key=len, default=None)
                if not nxt:
                    break
                best, name = nxt, name[len(nxt):]
            if best and places[best] != self.k(m) and not self._province_key(places[best]):
                self.add(self.k(m), "locatedIn", places[best], a, "name:place-prefix")

    def _article_places(self) -> dict[str, str]:
        if not hasattr(self, "_places"):
            self._places = {}
            keys = self._article_keys()
            from .relate import label_order

            order = label_order(self.label, self.types)
            for k in sorted((k for k in keys if k in order), key=order.get):  # the article's keys, in label order
                n = self.label[k]
                if self.types.get(k) == "Place":
                    self._places[n] = k
                    if n[-1:] in "市县区省" and len(n) >= 3:
                        self._places.setdefault(n[:-1], k)
        return self._places

    def _article_keys(self) -> set[str]:
        return set(self.key.values())


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in CLAUSE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(x, y) for x, y in out if y > x]


CLAUSE_END = re.compile(r"[，,；;。！？]")


def _inside_other(m: Mention, ms: list[Mention]) -> bool:
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in ms)


class _Ref:
    """An entity an anaphor refers to, standing in for a mention of it."""

    def __init__(self, key: str):
        self.key = key


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` begins (after the last comma, semicolon or colon before it)."""
    return max((x.end() for x in CLAUSE.finditer(text, 0, pos)), default=0)
