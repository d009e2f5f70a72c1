"""Paragraph and clause topics: what a paragraph (or the clause a holder opens) reports is hosted by that
holder, unless a clause already placed it (salience.py finds the topics)."""
from __future__ import annotations

import re

from .clauses import BIG_ZONE, HOLDERS, _inside_other
from .extract import SentenceAnalysis
from .model import Mention
from .places import gazetteer

PARTNER_BODY = re.compile(r"(?:大学|大學|科学院|科學院|工程院)$")
PEOPLE_AFTER = re.compile(r"(?:的)?(?:代表|负责人|高管|董事长|总经理|嘉宾|相关人士|企业家)[^，,。；;]{0,8}?"
                          r"(?:共同)?(?:出席|参加|参会|到场|莅临|观摩|见证)")  # …等企业代表共同出席: people attend
LEAD_CLAUSE = re.compile(r"(?:^|[，,；;：:。])(?:其中|另外|此外|同时|而|在|从|据悉)?$")


class TopicRules:
    """Mixed into the Relator: uses its add / k / sal / label / types / out."""

    def topic_hosts(self, analyses: list[SentenceAnalysis]) -> None:
        """What a paragraph reports (companies, projects, institutes, smaller parks) is hosted by the holder the
        paragraph is about, unless a clause already placed it somewhere."""
        said = [r for r in self.out if not r.rule.startswith(("nested", "name:", "gazetteer"))]  # names say less
        placed = {r.subject for r in said if r.predicate in ("locatedIn", "partOf")}
        placed |= {r.object for r in said if r.predicate == "hosts"}
        placed |= {r.subject for r in self.out if r.predicate == "investsIn"
                   and self.types.get(r.subject) == "Company"}  # an investor is named for what it builds (dev: P 0.66 → 0.68)
        topics = {t for t in self.sal.topic if t}
        outer = {r.subject: r.object for r in self.out if r.rule == "nested:park" and r.predicate in ("locatedIn", "partOf")
                 and self.types.get(r.object) == "Park"}
        for i, a in enumerate(analyses):
            openers = self._clause_openers(a)
            attending = {(it.start, it.end) for ls in a.lists if PEOPLE_AFTER.match(a.sentence.text, ls.end)
                         for it in ls.items}  # A、B等企业代表出席: their people attend, the firms are not brought in
            cores = [m for m in a.mentions if m.type in ("Company", "Project", "Institute", "Park") and self.k(m)
                     and (m.start, m.end) not in attending]
            for m in cores:
                k = self.k(m)
                topic = self._scope_holder(a, m, openers) or self.sal.topic[i]
                if not topic or k in placed or k == topic or k in topics or self._province_key(topic):
                    continue
                if any(o is not m and o.start <= m.start and m.end <= o.end and o.type != "Place" for o in a.mentions):
                    continue  # a name inside a name: the outer one is what the paragraph reports
                if m.type == "Park" and (BIG_ZONE.search(self.label.get(k, "")) or self.types.get(topic) == "Place"
                                         and not self._local_key(topic)):
                    continue  # a development zone is not what a paragraph about another zone brings in
                if m.type == "Company" and self.types.get(topic) == "Place" and not self._county(topic):
                    continue  # a city's (or a town's) article names partners from elsewhere (dev: P 0.15)
                if m.type == "Institute" and PARTNER_BODY.search(self.label.get(k, "")):
                    continue  # a university or an academy is a partner the paragraph names, not what it hosts
                placed.add(k)
                self.add(topic, "hosts", k, a, "salience:topic")
                whole = outer.get(topic)
                if whole and whole != k and m.type != "Park":  # 某开发区某产业园 as topic: in the zone too
                    self.add(whole, "hosts", k, a, "salience:topic")

    def _county(self, k: str) -> bool:
        return any(d.level == "county" for d in gazetteer().lookup(self.label.get(k, "")))

    def _clause_openers(self, a: SentenceAnalysis) -> list[Mention]:
        """Holders that open a clause (某区2个，分别是A和B；某园区1个，为C): each is the topic of what follows it."""
        text = a.sentence.text
        out = []
        for m in a.mentions:
            if m.type not in HOLDERS or not self.k(m) or _inside_other(m, a.mentions):
                continue
            if m.type == "Place" and not self._local_key(self.k(m)):
                continue
            if text[m.end:m.end + 1] == "、":
                continue  # 某某产业园、某某项目……: the first item of a list opens no clause
            if m.start == 0 or text[m.start - 1] in "，,；;：:。" or LEAD_CLAUSE.search(text, 0, m.start):
                out.append(m)
        return out

    def _scope_holder(self, a: SentenceAnalysis, m: Mention, openers: list[Mention]) -> str | None:
        text = a.sentence.text
        before = [o for o in openers if o.end <= m.start and not re.search(r"[；;]", text[o.end:m.start])]
        return self.k(before[-1]) if before else None
