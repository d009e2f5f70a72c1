"""Links that whole names state across an article: a phase or a part named after its whole (某产业园二期项目,
青山城东片区), and a firm the article names that opens a project's or a centre's name (某某激光|高端…基地)."""
from __future__ import annotations

import re

from .clauses import HOLDERS

PART_TAIL = re.compile(r"[东西南北中]?(?:片区|分园|港区|分区)$")
PHASE_TAIL = re.compile(r"[(（]?(?:第?[一二三四五六七八九十\d]+期)[)）]?(?:项目|工程)?$")
ZONE_END = re.compile(r"(?:开发区|经开区|高新区|综合保税区|综保区)$")
OWNED = {"Project": "investsIn", "Institute": "operates"}


class NameLinkRules:
    """Article-level rules over the names themselves (mixed into the Relator)."""

    def parts(self, analyses: list[SentenceAnalysis]) -> None:
        """青山城东片区 → 青山城: a 片区/分园/港区 whose name is another named area plus a direction; a phase
        (某产业园二期项目, 某项目(一期)) of a whole the article names."""
        known, known_any = {}, {}
        for a in analyses:
            for m in a.mentions:
                if m.type in HOLDERS and self.k(m):
                    known.setdefault(self.label.get(self.k(m), m.text), self.k(m))
                if m.type in ("Project", "Park") and self.k(m):
                    known_any.setdefault(self.label.get(self.k(m), m.text), self.k(m))
        for a in analyses:
            for m in a.mentions:
                name = self.label.get(self.k(m) or "", "")
                tail = PART_TAIL.search(name) if m.type in HOLDERS else None
                phase = PHASE_TAIL.search(name) if m.type in ("Project", "Park") and not tail else None
                if not tail and not phase:
                    continue
                stem = name[:(tail or phase).start()]
                whole = known.get(stem) or self._holders_by_name().get(stem)  # maybe named in another article
                if phase:  # 某产业园二期项目 → 某产业园 (or 某产业园项目), named in this article
                    whole = next((known_any[n] for n in (stem, stem + "项目", stem + "工程") if n in known_any), None)
                if whole and whole != self.k(m):
                    self.add(self.k(m), "partOf", whole, a, "name:phase" if phase else "name:part")

    def owners(self, analyses) -> None:
        """某某激光 … 同期开工的还有某某激光高端激光设备研发生产基地: a company named in the article opens the name of a
        project (it invests in it) or of an institute (it runs it), even where the sentence names it only inside."""
        firms: dict[str, str] = {}
        for a in analyses:
            for m in a.mentions:
                k = self.k(m)
                if m.type == "Company" and k:
                    for n in (self.label.get(k, ""), m.text):  # its full name, or the short one the article uses
                        if len(n) >= 2:
                            firms.setdefault(n, k)
        if not firms:
            return
        linked = {(r.subject, r.object) for r in self.out}
        for a in analyses:
            for m in a.mentions:
                k, pred = self.k(m), OWNED.get(m.type)
                if not k or not pred:
                    continue
                name = self.label.get(k, m.text)
                owner = max((f for f in firms if name.startswith(f) and len(name) - len(f) >= 2), key=len, default=None)
                if owner and firms[owner] != k and (firms[owner], k) not in linked:
                    self.add(firms[owner], pred, k, a, "name:owner")

    def dotted(self, a) -> None:
        """某某新区·某某经开区: the zone after the dot lies in the zone before it (one administration, two names);
        某某开发区某某产业园: the park named right after a development zone lies in it."""
        parks = [m for m in a.mentions if m.type == "Park" and self.k(m)]
        for x in parks:
            for y in parks:
                if y.start == x.end + 1 and a.sentence.text[x.end] == "·":
                    self.add(self.k(y), "partOf", self.k(x), a, "name:dotted")
                elif y.start == x.end and y.rule.startswith("head:") and ZONE_END.search(x.text):
                    self.add(self.k(y), "locatedIn", self.k(x), a, "name:in-zone")  # 某开发区|某某产业园
