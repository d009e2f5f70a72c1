"""The verb rules of the relation step: what a verb of location, hosting, investing or honouring says
links (X位于Y, 在Y开工, 由X投资建设, Y引进X, X荣获Z), read clause by clause (mixed into relate.Relator)."""
from __future__ import annotations

import re

from .clauses import CLAUSE, HOLDERS, ZONE_WORD, _clause_start, _Ref
from .extract import SentenceAnalysis
from .model import Mention
from .salience import anaphor_at, resolve_anaphor

LOCATE_VERB = re.compile(r"(位于|落户|坐落于|坐落在|入驻|落地|选址(?:在|于)?|设在)")
INVEST = re.compile(r"由(?P<x>[^，。；]{2,30}?)(?:投资|出资)?(?:建设|兴建|打造)")
INVEST_AMOUNT = re.compile(r"(?:共同)?(?:投资|出资)(?:超|近|约)?[\d.]*(?:万亿|亿|万)?(?:元|美元)?(?:(?:建设|兴建|打造|新建)的?|(?<=元)的)")
AT_SITE = re.compile(r"在")
AT_SITE_VERB = r"(?:正式|顺利|成功|全面)?(?:开工|落地|投产|建成|启用|开业|签约|落户|奠基|揭牌|成立|开花结果|投用|扎根)"
BRACKETED = re.compile(r"^[(（][^()（）]{1,30}[)）]$")
SEAT = re.compile(r"是(?P<y>[^，。；]{2,30}?)所在地")
SCENE = re.compile(r"(?:的)?(?:建设|施工|生产)?(?:工地|施工现场|现场|生产车间|车间|厂区|厂房|生产线上)")
HOST_VERB = re.compile(r"(?:建成|落地|引进|打造|新建|开工建设|建设|启用|投用)了?")


class VerbRules:
    """Mixed into the Relator: uses its add / k / sal / label / types / district."""

    def at_site(self, a: SentenceAnalysis) -> None:
        """X在Y开工/落地/投产: the project is where it starts."""
        text = a.sentence.text
        for m in AT_SITE.finditer(text):
            site = [x for x in a.mentions if x.start == m.start() + 1 and x.type in HOLDERS]
            if not site or not re.match(AT_SITE_VERB, text[max(x.end for x in site):]):
                continue
            subj = [x for x in a.mentions if x.type in ("Project", "Company", "Institute") and x.end <= m.start()
                    and (x.end == m.start() or BRACKETED.match(text[x.end:m.start()]))]  # X(以下简称“Y”)在Z揭牌
            if subj:
                holder = max(site, key=lambda x: x.end)
                self.add(self.k(max(subj, key=lambda x: x.end - x.start)), "locatedIn", self.k(holder), a, "verb:at-site")

    def at_scene(self, a: SentenceAnalysis) -> None:
        """在Y(，)X项目建设工地上 / 在Y的X生产车间内: what is being built or made there lies in Y."""
        text = a.sentence.text
        for m in AT_SITE.finditer(text):
            chain, end = [], m.end()
            while True:  # 在某开发区某产业园: every holder of the chain
                nxt = [x for x in a.mentions if x.start == end and x.type in HOLDERS]
                if not nxt:
                    break
                h = max(nxt, key=lambda x: x.end)
                chain.append(h)
                end = h.end
            if not chain:
                continue
            gap = re.match(r"[，,的]?", text[end:])
            start = end + len(gap.group())
            objs = [x for x in a.mentions if x.start == start and x.type in ("Project", "Company", "Institute")]
            if not objs:
                continue
            x = max(objs, key=lambda x: x.end)
            if SCENE.match(text, x.end):
                inner = [y for h in chain for y in a.mentions if y.type == "Park" and y.start == h.start and y.end < h.end]
                for h in chain + inner:  # 在某开发区某产业园: in the park and in the zone its name starts with
                    self.add(self.k(x), "locatedIn", self.k(h), a, "verb:at-scene")

    def platform_of(self, a: SentenceAnalysis) -> None:
        """湖州科创城是吴兴区…的主平台: a park that a place's sentence calls its platform."""
        text = a.sentence.text
        for m in a.mentions:
            if m.type != "Park" or text[m.end:m.end + 1] != "是":
                continue
            place = next((p for p in a.mentions if p.start == m.end + 1 and p.type == "Place"), None)
            if place and re.match(r"[^，。；]{0,16}(?:平台|载体|阵地|引擎|高地)", text[place.end:]):
                self.add(self.k(m), "locatedIn", self.k(place), a, "verb:platform")

    def seat(self, a: SentenceAnalysis) -> None:
        """X是Y(核心区)所在地: Y lies in X (the sentence's place, else the article's district)."""
        text = a.sentence.text
        for m in SEAT.finditer(text):
            objs = [x for x in a.mentions if x.start >= m.start("y") and x.end <= m.end("y")
                    and x.type in ("Park", "Project", "Company", "Institute")]
            places = [x for x in a.mentions if x.end <= m.start() and x.type == "Place"]
            subj = self.k(places[-1]) if places else self.district
            for o in objs:
                self.add(self.k(o), "locatedIn", subj, a, "verb:seat")

    def host_verbs(self, a: SentenceAnalysis) -> None:
        """吴兴建成了全国首家X / 落地了Y: a place (or the article's district, left implicit) builds a project."""
        text = a.sentence.text
        listed = {id(m) for ls in a.lists for m in ls.items}
        for v in HOST_VERB.finditer(text):
            clause_start = _clause_start(text, v.start())
            objs = [x for x in a.mentions if x.start >= v.end() and x.start - v.end() <= 6
                    and x.type in ("Project", "Park", "Institute") and id(x) not in listed
                    and not CLAUSE.search(text[v.end():x.start])]
            if not objs:
                continue
            subjects = [x for x in a.mentions if clause_start <= x.start and x.end <= v.start()]
            if subjects:
                if subjects[0].type not in HOLDERS or subjects[0].start - clause_start > 2:
                    continue
                subj = self.k(subjects[0])
            elif v.start() - clause_start <= 4 and (clause_start == 0 or text[clause_start - 1] in "，,；;"):
                subj = self.sal.topic[self.i] or self.district  # the subject the sentence leaves implicit
            else:
                continue
            obj = max((x for x in objs if x.start == objs[0].start), key=lambda x: x.end - x.start)
            if self.types.get(subj) == "Park" and obj.type == "Park":
                continue
            self.add(subj, "hosts", self.k(obj), a, "verb:host")

    def locate_verbs(self, a: SentenceAnalysis) -> None:
        """X位于/落户/坐落于Y, 位于Y的X, X…，位于Y (the clause's topic), X也坐落于此 (the holder the sentence opens
        with, else the last place named)."""
        text = a.sentence.text
        for v in LOCATE_VERB.finditer(text):
            after = [m for m in a.mentions if m.start >= v.end() and m.start - v.end() <= 2 and m.type in HOLDERS]
            opener = [m for m in a.mentions if m.type in HOLDERS and m.start <= 2 and m.end <= v.start() and self.k(m)]
            if not after and text[v.end():v.end() + 1] == "此" and opener:
                holder = self.k(max(opener, key=lambda m: m.end - m.start))  # X位于Y，…，Z坐落于此: 此 is X
            elif not after and text[v.end():v.end() + 1] == "此" and self.prev_holder:
                holder = self.prev_holder
            elif not after and re.match(rf"(?:在|于)?(?:该|本)?{ZONE_WORD}", text[v.end():]) and self.sal.topic[self.i] \
                    and self.types.get(self.sal.topic[self.i]) == "Park":
                holder = self.sal.topic[self.i]  # X落户园区: the zone the paragraph is about
            elif after:
                holder = self.k(max((m for m in after if m.start == after[0].start), key=lambda m: m.end))
            else:
                continue
            subj = self._located_subject(a, v.start(), after)
            if subj is not None:
                self.add(self.k(subj), "locatedIn", holder, a, "verb:locate")

    def _located_subject(self, a: SentenceAnalysis, vpos: int, after: list[Mention]) -> Mention | None:
        text = a.sentence.text
        ok = ("Company", "Project", "Park", "Institute")
        before = [m for m in a.mentions if m.end <= vpos and m.type in ok
                  and not CLAUSE.search(text[m.end:vpos].lstrip("，,").rstrip("也已还将"))]
        if before:  # the longest name ending last before the verb (研究院, not the place inside it)
            last = max(m.end for m in before)
            return max((m for m in before if m.end == last), key=lambda m: m.end - m.start)
        if after:  # 位于Y的X
            end = max(m.end for m in after if m.start == after[0].start)
            de = [m for m in a.mentions if m.start == end + 1 and text[end:end + 1] == "的" and m.type in ok]
            if de:
                return max(de, key=lambda m: m.end)
        clause_start = _clause_start(text, vpos)
        word = anaphor_at(text, clause_start)
        if word and vpos - clause_start <= len(word) + 4:  # 项目位于Y, 该项目落户Y
            k = resolve_anaphor(word, self.sal, self.i, self.types)
            if k:
                return next((m for m in a.mentions if self.k(m) == k), None) or _Ref(k)
        if vpos - clause_start <= 1 and clause_start > 0:  # …，位于Y: the sentence's topic
            topic = [m for m in a.mentions if m.type in ok and m.start <= 4]
            if topic:
                return max(topic, key=lambda m: m.end - m.start)
        return None

    def invest(self, a: SentenceAnalysis) -> None:
        """由X投资建设(的Y) and X投资N亿元建设(的)Y."""
        text = a.sentence.text
        built = ("Project", "Institute", "Park")
        for m in INVEST.finditer(text):
            investors = [x for x in a.mentions if x.start >= m.start("x") and x.end <= m.end("x")
                         and x.type in ("Company", "GovernmentBody")]
            after = [x for x in a.mentions if x.type in built and m.end() <= x.start <= m.end() + 1]
            before = [x for x in a.mentions if x.type in built and x.end <= m.start()]
            if investors and (after or before):
                target = self.k(after[0] if after else before[-1])
            elif investors and re.search(r"该(?:项目|工程|基地)$", text[max(0, m.start() - 4):m.start()]):
                target = self.prev_project  # 该项目由X投资建设: the project of the sentence before
            else:
                continue
            self.add(self.k(investors[0]), "investsIn", target, a, "verb:invest")
        for m in INVEST_AMOUNT.finditer(text):
            investors = [x for x in a.mentions if x.end == m.start() and x.type in ("Company", "GovernmentBody")]
            targets = [x for x in a.mentions if x.type in built and x.start == m.end()]
            if investors and targets:
                target = max(targets, key=lambda x: x.end)
                self.add(self.k(investors[-1]), "investsIn", self.k(target), a, "verb:invest-amount")

    def awards(self, a: SentenceAnalysis) -> None:
        text = a.sentence.text
        for aw in (m for m in a.mentions if m.type == "Award" and m.rule.startswith("award")):
            # a verb then a run of quoted titles: the subject is found before the verb, for each title alike
            clause_start = _clause_start(text, aw.start)
            cands = [m for m in a.mentions if m.end <= aw.start and m.type in
                     ("Place", "Park", "Company", "Institute", "Policy", "Project")]
            in_clause = [m for m in cands if m.start >= clause_start]
            subj = self.k(in_clause[-1]) if in_clause else None
            if subj is None:
                head = [m for m in cands if m.start <= 6]
                subj = self.k(head[0]) if head else (self.sal.topic[self.i] or self.district)  # the paragraph's zone
            self.add(subj, "receivedAward", self.k(aw), a, "verb:award")
