"""Relations from the constructions news uses — never from mere co-occurrence. The Relator runs the rules of one
article: names inside names, place chains, lists, verbs of place and building (here), clause cues (clauses.py)
and paragraph topics (topics.py)."""
from __future__ import annotations

import re

from .clauses import BIG_ZONE, CLAUSE, HOLDERS, ZONE_WORD, ClauseRules, _clause_start, _Ref
from .extract import SentenceAnalysis
from .lists import ListSpan
from .model import Article, Evidence, Mention, Relation
from .pair_model import PairModel, shipped
from .pairs import candidates
from .places import gazetteer
from .salience import anaphor_at, compute, resolve_anaphor
from .name_links import NameLinkRules
from .topics import TopicRules

PLACE_RANK = {"街道": 3, "镇": 3, "乡": 3, "村": 4, "社区": 4, "片区": 4}
LOCATE_VERB = re.compile(r"(位于|落户|坐落于|坐落在|入驻|落地|选址(?:在|于)?|设在)")
INVEST = re.compile(r"由(?P<x>[^，。；]{2,30}?)(?:投资|出资)?(?:建设|兴建|打造)")
BRANCH = re.compile(r"(?:分院|分所|分中心|分部|学院|团队)$")
INVEST_AMOUNT = re.compile(r"(?:共同)?(?:投资|出资)(?:超|近|约)?[\d.]*(?:万亿|亿|万)?(?:元|美元)?(?:(?:建设|兴建|打造|新建)的?|(?<=元)的)")
AT_SITE = re.compile(r"在")
AT_SITE_VERB = r"(?:正式|顺利|成功|全面)?(?:开工|落地|投产|建成|启用|开业|签约|落户|奠基|揭牌|成立|开花结果|投用|扎根)"
BRACKETED = re.compile(r"^[(（][^()（）]{1,30}[)）]$")
AFTER_LIST = re.compile(r"(?:等)?(?:项目|企业)?(?:先后|相继|已|将|均|分别)?(?:成功|正式|集中)?(?:签约)?(?:落户|落地|入驻|进驻|选址|布局|坐落)(?:在|于|到)?")
SEAT = re.compile(r"是(?P<y>[^，。；]{2,30}?)所在地")
SCENE = re.compile(r"(?:的)?(?:建设|施工|生产)?(?:工地|施工现场|现场|生产车间|车间|厂区|厂房|生产线上)")
HOST_VERB = re.compile(r"(?:建成|落地|引进|打造|新建|开工建设|建设|启用|投用)了?")


class Relator(ClauseRules, TopicRules, NameLinkRules):
    """Turns one article's analysed sentences into Relation records (names, not keys)."""

    def __init__(self, article: Article, names: dict[int, str], label: dict[str, str], types: dict[str, str],
                 model: PairModel | None | bool = True):
        self.article, self.key, self.label, self.types = article, names, label, types
        self.model = shipped() if model is True else (model or None)
        self.out: list[Relation] = []
        self.district = self._district_key()

    def _district_key(self) -> str | None:
        want = self.article.district
        return _index(self.label, self.types)[0].get(want) if want else None

    def add(self, s: str | None, p: str, o: str | None, a: SentenceAnalysis, rule: str) -> None:
        if s and o and s != o:
            self.out.append(Relation(s, p, o, Evidence.of(a.sentence), rule))

    def _holders_by_name(self) -> dict[str, str]:
        return _index(self.label, self.types)[1]

    def k(self, m: Mention) -> str | None:
        return m.key if isinstance(m, _Ref) else self.key.get(id(m))

    def run(self, analyses: list[SentenceAnalysis]) -> list[Relation]:
        self.prev_holder = self.prev_project = None
        self.sal = compute(self.article, analyses, self.k, self.label, self.types, self.district)
        for self.i, a in enumerate(analyses):
            self.nested(a)
            self.place_chain(a)
            self.dotted(a)
            for ls in a.lists:
                self.from_list(a, ls)
            self.locate_verbs(a)
            self.seat(a)
            self.host_verbs(a)
            self.invest(a)
            self.co_build(a)
            self.cover(a)
            self.parties_build(a)
            self.agent_object(a)
            self.prefix_places(a)
            self.awards(a)
            self.platform_of(a)
            self.at_site(a)
            self.at_scene(a)
            projects = [m for m in a.mentions if m.type == "Project" and self.k(m)]
            if projects:
                self.prev_project = self.k(projects[-1])
            holders = [m for m in a.mentions if m.type in HOLDERS and self.k(m)]
            if holders:
                self.prev_holder = self.k(holders[-1])
        self.hierarchy(analyses)
        self.parts(analyses)
        self.owners(analyses)
        self.topic_hosts(analyses)
        if self.model is not None:
            self.scored_pairs(analyses)
        return self.out

    def scored_pairs(self, analyses: list[SentenceAnalysis]) -> None:
        """What the rules left unlinked in a sentence, the trained scorer may link (pair_model.py)."""
        linked = {frozenset((r.subject, r.object)) for r in self.out}
        for a in analyses:
            for c in candidates(a, self.k, self.label):
                pair = frozenset((c.left_key, c.right_key))
                if pair in linked:
                    continue
                hit = self.model.predict(c.features)
                if hit is None:
                    continue
                pred, direction, _p = hit
                s, o = (c.left_key, c.right_key) if direction == ">" else (c.right_key, c.left_key)
                self.add(s, pred, o, a, "model:pair")
                linked.add(pair)

    def nested(self, a: SentenceAnalysis) -> None:
        """A name inside a name: 某某…有限公司|X项目, 某某科创区|吴兴片区, 湖州(吴兴)…中心."""
        ms = a.mentions
        for outer in ms:
            for inner in ms:
                if inner is outer or not (outer.start <= inner.start and inner.end <= outer.end):
                    continue
                if (inner.end - inner.start) >= (outer.end - outer.start):
                    continue
                ti, to = inner.type, outer.type
                if ti == "Company" and to in ("Project", "Park") and (inner.start == outer.start or any(
                        p.type == "Place" and p.start == outer.start and p.end == inner.start for p in ms)):
                    pred = "operates" if inner.rule == "facility-brand" else "investsIn"  # (某村)某某公司|制造项目,
                    self.add(self.k(inner), pred, self.k(outer), a, "nested:company-project")  # 某某集团|某某产业园
                elif ti == "Park" and to in ("Park", "Project") and inner.start == outer.start:
                    part = re.search(r"(片区|港区|分园|分区)$", outer.text) or outer.rule == "subzone"
                    self.add(self.k(outer), "partOf" if part else "locatedIn", self.k(inner), a, "nested:park")
                elif ti == "Park" and to in ("Project", "Institute", "Company") and BIG_ZONE.search(inner.text):
                    self.add(self.k(outer), "locatedIn", self.k(inner), a, "nested:zone")  # 某公司某新区100兆瓦…项目
                elif to == "Institute" and ti in ("Institute", "Company") and inner.start == outer.start:
                    if BRANCH.search(outer.text):  # 某大学|物理学院, 某科学院|某某分院: a part of it, not run by it
                        self.add(self.k(outer), "partOf", self.k(inner), a, "nested:branch")
                    else:
                        self.add(self.k(inner), "operates", self.k(outer), a, "nested:runs")  # 某大学|某某研究院
                elif ti == "Place" and to in ("Park", "Project") and not self._province_key(self.k(inner)) and (
                        self._local(inner) or (to == "Park" and inner.start == outer.start)):  # (a company's or an
                    # institute's name says where it registered; a province in a zone's name is a prefix only)
                    self.add(self.k(outer), "locatedIn", self.k(inner), a, "nested:place")

    def _province_key(self, k: str | None) -> bool:
        return any(d.level == "province" for d in gazetteer().lookup(self.label.get(k or "", "")))

    def _local_key(self, k: str) -> bool:
        divs = gazetteer().lookup(self.label.get(k, ""))
        return not divs or any(d.level == "county" for d in divs)

    def _local(self, m: Mention) -> bool:
        """A county-level or lower place (a city or province prefix says little about location)."""
        return self._local_key(self.k(m) or "")

    def place_chain(self, a: SentenceAnalysis) -> None:
        """吴兴|织里镇|大港村, 织里镇…大港村: a smaller unit after the unit holding it."""
        places = [m for m in a.mentions if m.type == "Place"]
        for i, m in enumerate(places):
            rank = _rank(self.label.get(self.k(m) or "", ""))
            for prev in reversed(places[:i]):
                prank = _rank(self.label.get(self.k(prev) or "", ""))
                if prank < rank and (prev.end == m.start or (prank == 3 and rank == 4)):
                    self.add(self.k(m), "locatedIn", self.k(prev), a, "place-chain")
                    break

    def from_list(self, a: SentenceAnalysis, ls: ListSpan) -> None:
        subj = self._holder_after(a, ls.end) or self._subject_before(a, ls.start, ls.clause_start)
        leads = "链主" in ls.extra.get("category_phrase", "") or "龙头" in ls.extra.get("category_phrase", "")
        for item in ls.items:
            ik = self.k(item)
            if ik is None or item.type in ("Policy", "Award", "GovernmentBody"):
                continue
            if leads and subj:
                self.add(ik, "leads", subj, a, "list:leads")
            elif item.type in ("Place", "Park"):
                holder = subj if subj and self.types.get(subj) in HOLDERS else self.district
                if item.type == "Place":
                    first = ls.items[0].start
                    before = [m for m in a.mentions if m.end == first and m.type == "Place" and m is not item]
                    holder = self.k(before[0]) if before else holder
                elif holder and self.types.get(holder) == "Place" and not self._local_key(holder):
                    continue  # a city's list of zones: a zone lies in its county or its zone (dev: 1 of 13 right)
                self.add(ik, "locatedIn", holder, a, "list:located")
            else:
                holder = subj
                if not holder:
                    continue  # no holder in the clause: the paragraph's topic (topics.py) decides, not the district
                if self.types.get(holder) == "Company" and item.type == "Company":
                    continue  # 某集团联合A、B等企业: partners, not investments
                pred = "investsIn" if self.types.get(holder) == "Company" else "hosts"
                self.add(holder, pred, ik, a, "list:hosts")

    def _holder_after(self, a: SentenceAnalysis, end: int) -> str | None:
        """A、B等项目签约落户Y / 落地于Y: the holder named after the list's verb."""
        text = a.sentence.text
        m = AFTER_LIST.match(text, end)
        at = None if m else re.compile(r"(?:已|将|均|都|正|先后|相继)?(?:在|于)").match(text, end)
        if not m and not at:
            return None
        holders = [x for x in a.mentions if x.start == (m or at).end() and x.type in HOLDERS]
        if not holders:
            return None
        h = max(holders, key=lambda x: x.end)
        if at and not re.match(AT_SITE_VERB, text[h.end:]):  # A、B等项目在Y开花结果 / 落地
            return None
        return self.k(h)

    def _subject_before(self, a: SentenceAnalysis, pos: int, clause_start: int) -> str | None:
        """The holder named before a list: in its clause, else at the start of the sentence.
        Items of another list are objects, not subjects (建成A、B两大园区和C、D两个小镇)."""
        spans = [(m.start, m.end) for ls in a.lists for m in ls.items]
        cands = [m for m in a.mentions if m.end <= pos and m.type in ("Place", "Park", "Company")
                 and not any(x <= m.start and m.end <= y for x, y in spans)]
        in_clause = [m for m in cands if m.start >= clause_start]
        if in_clause:
            return self.k(in_clause[0])
        text = a.sentence.text
        openers = [m for m in cands if m.type in HOLDERS and (m.start == 0 or text[m.start - 1] in "，,；;：:")
                   and not text[:m.start].endswith("作为")]
        if openers:  # the nearest holder that opens a clause: 某集聚区，依托A等龙头企业，招引B、C等企业
            return self.k(openers[-1])
        head = [m for m in cands if m.start <= 2 and not text[:m.start].endswith("作为")]
        return self.k(head[0]) if head else None

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

    def hierarchy(self, analyses: list[SentenceAnalysis]) -> None:
        """District in city, city in province — from the adcode table, when both are named: reference data the
        article need not state, so its own predicate (withinDivision), apart from the stated locatedIn."""
        gaz = gazetteer()
        first: dict[str, SentenceAnalysis] = {}
        for a in analyses:
            for m in a.mentions:
                if m.type == "Place" and m.rule == "gazetteer" and self.k(m):
                    first.setdefault(self.k(m), a)
        for key, a in first.items():
            for d in gaz.lookup(self.label.get(key, ""))[:1]:
                p = gaz.parent(d)
                pk = next((k for k in first if p and self.label.get(k) == p.name), None)
                if pk:
                    self.add(key, "withinDivision", pk, a, "gazetteer")


_INDEX: list = []  # [(label dict, types dict, by name, holders by name)]: built once per build, not per article


def _index(label: dict[str, str], types: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Name → key over all entities (the first key of a name, as a scan would find it), and the same for holders."""
    if not _INDEX or _INDEX[0][0] is not label or _INDEX[0][1] is not types or _INDEX[0][4] != len(label):
        by_name, holders, order = {}, {}, {}
        for i, (k, n) in enumerate(label.items()):
            by_name.setdefault(n, k)
            order[k] = i
            if types.get(k) in HOLDERS:
                holders[n] = k  # the last one, as the dict comprehension it replaces kept
        _INDEX[:] = [(label, types, by_name, holders, len(label), order)]
    return _INDEX[0][2], _INDEX[0][3]


def label_order(label: dict[str, str], types: dict[str, str]) -> dict[str, int]:
    """Each key's place in the label table (to walk a few keys in that order without scanning them all)."""
    _index(label, types)
    return _INDEX[0][5]


def _rank(name: str) -> int:
    for suf, r in PLACE_RANK.items():
        if name.endswith(suf):
            return r
    divs = gazetteer().lookup(name)
    if divs:
        return {"province": 0, "city": 1, "county": 2}[divs[0].level]
    return 5
