"""Relations from the constructions news uses — never from mere co-occurrence. The Relator runs the rules of one
article: names inside names, place chains, lists, verbs of place and building (here), clause cues (clauses.py)
and paragraph topics (topics.py)."""
from __future__ import annotations

import re

from .clauses import BIG_ZONE, HOLDERS, ClauseRules, _Ref
from .extract import SentenceAnalysis
from .lists import ListSpan
from .model import Article, Evidence, Mention, Relation
from .pair_model import PairModel, shipped
from .pairs import candidates
from .places import gazetteer
from .salience import compute
from .name_links import NameLinkRules
from .topics import PEOPLE_AFTER, TopicRules
from .verb_relations import AT_SITE_VERB, VerbRules

PLACE_RANK = {"街道": 3, "镇": 3, "乡": 3, "村": 4, "社区": 4, "片区": 4}
BRANCH = re.compile(r"(?:分院|分所|分中心|分部|学院|团队)$")
AFTER_LIST = re.compile(r"(?:等)?(?:项目|企业)?(?:先后|相继|已|将|均|分别)?(?:成功|正式|集中)?(?:签约)?(?:落户|落地|入驻|进驻|选址|布局|坐落)(?:在|于|到)?")


class Relator(ClauseRules, TopicRules, NameLinkRules, VerbRules):
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
        if PEOPLE_AFTER.match(a.sentence.text, ls.end):
            return  # A、B等企业代表出席: the firms' people attend; the list says nothing of where the firms are
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
