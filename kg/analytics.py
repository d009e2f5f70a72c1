"""Graph analytics with networkx: counts per type, most central entities, statements about one entity."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .errors import EntityNotFound
from .view import to_networkx
from .vocab import KGO


def stats(g: Graph, top: int = 10) -> dict:
    G = to_networkx(g)
    types = Counter(d["type"] for _, d in G.nodes(data=True))
    rel = Counter(d["relation"] for _, _, d in G.edges(data=True))
    cent = nx.degree_centrality(nx.Graph(G)) if G.number_of_nodes() > 1 else {}
    central = sorted(cent.items(), key=lambda kv: -kv[1])[:top]
    return {"types": dict(types.most_common()), "relations": dict(rel.most_common()),
            "facts": sum(1 for _ in g.subjects(RDF.type, KGO.Fact)),
            "central": [(G.nodes[n]["label"], G.nodes[n]["type"], round(c, 3)) for n, c in central]}


def find_entity(g: Graph, name: str):
    """The entity a user names: by a label or an alias, in either script, else by its full pinyin when only one
    entity is spelled so (shunde); a miss suggests the names that contain it or start with its spelling."""
    from .explorer_search import pinyin_variants, to_simplified

    forms = list(dict.fromkeys([name, to_simplified(name)]))
    names: dict = {}
    for p in (RDFS.label, SKOS.altLabel):
        for s, o in g.subject_objects(p):
            if isinstance(o, Literal) and (s, RDF.type, None) in g:
                names.setdefault(s, []).append(str(o))
    for f in forms:
        for s in sorted(names):
            if f in names[s]:
                return s
    q = "".join(name.split()).lower()
    spelled = {s for s, ns in names.items() if q.isascii() and any(q == full for n in ns for full, _ in pinyin_variants(n))}
    if len(spelled) == 1:
        return spelled.pop()
    near = sorted({str(g.value(s, RDFS.label)) for s, ns in names.items()
                   if any(f in n for f in forms for n in ns) or
                   (q.isascii() and any(full.startswith(q) for n in ns for full, _ in pinyin_variants(n)))})
    hint = f"; did you mean: {'、'.join(near[:8])}" if near else ""
    raise EntityNotFound(f"no entity named {name!r}{hint}")


def explain(g: Graph, name: str) -> list[str]:
    """Every relation about an entity, then its facts grouped by measure concept, each with its evidence sentence."""
    e = find_entity(g, name)
    lines = [f"{g.value(e, RDFS.label)} ({', '.join(str(t).split('#')[-1] for t in g.objects(e, RDF.type))})"]
    for st in g.subjects(RDF.type, KGO.RelationStatement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if e not in (s, o):
            continue
        sent = g.value(st, PROV.wasDerivedFrom)
        lines.append(f"  {g.value(s, RDFS.label)} —{str(p).split('#')[-1]}→ {g.value(o, RDFS.label)}")
        lines.append(f"      「{g.value(sent, KGO.text)}」")
    for group in facts_by_measure(g, e):
        lines.append(f"  [{group.label}]")
        for f in group.facts:
            lines.append(f"    {f.line()}")
            lines.append(f"        「{f.sentence}」")
    return lines


@dataclass
class FactRow:
    measure: str
    amount: str
    value: str
    unit: str
    year: str
    period: str
    status: str
    aspect: str
    direction: str
    sentence: str

    def line(self) -> str:
        what = {"growthRate": " 增速", "change": " 变化"}.get(self.aspect, "")
        arrow = {"up": " ↑", "down": " ↓"}.get(self.direction, "") if self.aspect != "level" else ""
        when = " ".join(x for x in (self.year, self.period) if x)
        status = "" if self.status == "achieved" else f" ({self.status})"
        when = f" {when}" if when else ""
        return f"{self.measure}{what} = {self.amount}{arrow} ({self.value} {self.unit}){when}{status}"


@dataclass
class FactGroup:
    """The facts about an entity that share a measure concept (or, outside the scheme, a measure name)."""

    label: str  # 地区生产总值 / Gross domestic product, or the measure name
    concept: str  # the concept IRI, '' outside the scheme
    facts: list[FactRow] = field(default_factory=list)


def facts_by_measure(g: Graph, e) -> list[FactGroup]:
    """An entity's facts grouped by measure concept (scheme groups first, by label), newest year first."""
    groups: dict[str, FactGroup] = {}
    for f in g.subjects(KGO.about, e):
        c = g.value(f, KGO.measureConcept)
        measure = str(next((m for m in g.objects(f, KGO.measure) if (getattr(m, "language", "") or "").lower() != "zh-hans"), ""))
        if c is not None:
            labels = {getattr(o, "language", None): str(o) for o in g.objects(c, SKOS.prefLabel)}
            key, label = str(c), " / ".join(x for x in (labels.get("zh"), labels.get("en")) if x)
        else:
            key, label = "measure:" + measure, measure
        grp = groups.setdefault(key, FactGroup(label, "" if c is None else str(c)))
        sent = g.value(f, PROV.wasDerivedFrom)
        val = lambda p: str(g.value(f, p) or "")  # noqa: E731
        grp.facts.append(FactRow(measure, val(KGO.amountAsWritten), val(KGO.value), val(KGO.unit), val(KGO.year),
                                 val(KGO.period), val(KGO.status) or "achieved", val(KGO.aspect) or "level",
                                 val(KGO.direction), str(g.value(sent, KGO.text) or "")))
    for grp in groups.values():
        grp.facts.sort(key=lambda r: (-int(r.year or 0), r.aspect != "level", r.measure, r.amount, r.sentence))
    return sorted(groups.values(), key=lambda grp: (grp.concept == "", grp.label))
