"""Building a fact node from an amount and its measure, and the capacities a project's own name states
(年产40条某设备项目 → 某设备年产能), read once per project, about the project (or the project that builds it)."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .facts_context import year_of
from .measure_phrase import CLAUSE, name_capacities
from .measures import concept_of, is_clean
from .model import Evidence, Fact
from .numbers import Amount, find_amounts


def name_capacity_facts(a: SentenceAnalysis, keys, named: set, ctx_year, when) -> list[Fact]:
    """年产40条X设备项目: the capacity a project's (or base's) own name states is a fact about it, read once."""
    out = []
    for m in a.mentions:
        if not keys.get(id(m)) or m.type not in ("Project", "Park"):
            continue
        for amt, measure in name_capacities(m.text, find_amounts(m.text)):
            if (keys[id(m)], amt.written) in named:
                continue
            named.add((keys[id(m)], amt.written))
            amt = Amount(amt.written, amt.number, amt.value, amt.unit, amt.unit_written, amt.qualifier,
                         amt.start + m.start, amt.end + m.start)
            text = a.sentence.text
            clause = text[max([0] + [x.end() for x in CLAUSE.finditer(text, 0, m.start)]):m.start]
            builder = _builder(a, keys, m) if BUILDS.search(clause) else None
            # 某项目开工，将建设年产1200万套某产品生产基地和…: the capacity of what the project builds is the project's
            out.append(make_fact(amt, measure, dict(subject=builder or keys[id(m)], evidence=Evidence.of(a.sentence),
                                                period="", status="target", scope=""),
                             year=year_of(text, amt.start, when[0], ctx_year, when[1])))
    return [f for f in out if is_clean(f.measure)]


BUILDS = re.compile(r"(?:建设|新建|建成|打造|形成|布局)(?!后)[^，,；;。]*$")


def _builder(a: SentenceAnalysis, keys, m) -> str | None:
    """The project a sentence names before the thing it builds (its clause's topic), if any."""
    before = [o for o in a.mentions if keys.get(id(o)) and o.type == "Project" and o.end <= m.start
              and not (o.start >= m.start) and not re.search(r"[。；;]", a.sentence.text[o.end:m.start])]
    return keys[id(before[0])] if before else None


def make_fact(amt: Amount, measure: str, base: dict, **kw) -> Fact:
    unit = amt.unit if kw.get("aspect", "level") in ("level", "rank") else "%" if amt.unit == "百分点" else None
    c = concept_of(measure, unit)
    return Fact(measure=measure, value=amt.value, unit=amt.unit, written=amt.written, number=amt.number,
                unit_written=amt.unit_written, qualifier=amt.qualifier, concept=c.id if c else "",
                offset=amt.start, **base, **kw)
