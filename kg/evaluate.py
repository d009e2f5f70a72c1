"""Score a built graph against gold files with the annotation guidelines' matching rules.

Names match after NFKC and with quotes and spaces removed; an entity counts when a node of
its type (or one of its alt_types) carries one of its names; relations count as any direct
edge between the two ends (either direction), typed when the predicate agrees (hosts and
locatedIn are one statement); a fact counts when its value, in the gold unit or scaled to
base units, is a literal within two hops of the subject.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from .errors import GoldError
from .names import norm

CORE = ("Company", "Park", "Project", "Institute")
TYPES = CORE + ("Place", "GovernmentBody", "Policy", "Award")
RELATION_NAMES = {"locatedin", "partof", "hosts", "investsin", "operates", "leads", "receivedaward"}
SCALES = {"亿元": [1, 1e4, 1e8], "万元": [1, 1e4], "亿美元": [1, 1e8], "万亿元": [1, 1e4, 1e12],
          "万人": [1, 1e4], "万名": [1, 1e4], "万人次": [1, 1e4], "万平方米": [1, 1e4], "万笔": [1, 1e4],
          "%": [1, 0.01]}


def _local(uri) -> str:
    return re.split(r"[#/]", str(uri))[-1]


@dataclass
class GoldEntity:
    name: str
    types: set[str]
    names: set[str]
    optional: bool


@dataclass
class Gold:
    entities: dict[str, GoldEntity] = field(default_factory=dict)
    relations: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)

    def key_of(self, name: str) -> str | None:
        if not self._by_name:  # built on first use, once the entities are all in
            for key, e in self.entities.items():
                for n in e.names:
                    self._by_name.setdefault(n, key)
        return self._by_name.get(norm(name))


def load_gold(gold_dir: Path) -> Gold:
    """Every *.json gold file in `gold_dir`; one entity per normalised name across documents."""
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise GoldError(f"no gold files (*.json) in {gold_dir}")
    gold = Gold()
    for p in files:
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
            ents = d["entities"]
        except (OSError, ValueError, KeyError) as e:
            raise GoldError(f"{p}: not a gold file ({e})") from e
        for e in ents:
            key = norm(e["name"])
            types = {e["type"], *e.get("alt_types", [])}
            names = {key, *(norm(a) for a in e.get("aliases", []))}
            if key in gold.entities:
                old = gold.entities[key]
                old.types |= types
                old.names |= names
                old.optional = old.optional and e.get("optional", False)
            else:
                gold.entities[key] = GoldEntity(e["name"], types, names, e.get("optional", False))
        gold.relations += d.get("relations", [])
        gold.facts += d.get("facts", [])
    return gold


def graph_entities(g: Graph) -> dict:
    """node → (gold type names it has, normalised names), types through rdfs:subClassOf*."""
    cache: dict = {}

    def class_types(c, seen: set) -> set[str]:
        if c in seen:
            return set()
        seen.add(c)
        out = {_local(c)} & set(TYPES)
        for sup in g.objects(c, RDFS.subClassOf):
            out |= class_types(sup, seen)
        return out

    ents: dict = {}
    for s, c in g.subject_objects(RDF.type):
        if c not in cache:
            cache[c] = class_types(c, set())
        if cache[c]:
            ents.setdefault(s, (set(), set()))[0].update(cache[c])
    for s, (_t, names) in ents.items():
        for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            names.update(norm(str(o)) for o in g.objects(s, p) if isinstance(o, Literal))
    return ents


@dataclass
class Report:
    types: dict[str, dict]
    relations: dict
    facts: dict
    core_micro: dict
    misses: dict[str, list[str]]
    false_pos: dict[str, list[str]]

    def as_dict(self) -> dict:
        return {"types": self.types, "relations": self.relations, "facts": self.facts,
                "core_micro": self.core_micro, "misses": self.misses, "false_pos": self.false_pos}


def evaluate(g: Graph, gold: Gold) -> Report:
    ents = graph_entities(g)
    by_name: dict[str, set] = defaultdict(set)
    for node, (_t, names) in ents.items():
        for n in names:
            by_name[n].add(node)
    misses: dict[str, list[str]] = defaultdict(list)
    false_pos: dict[str, list[str]] = defaultdict(list)
    types = {t: _score_type(t, ents, by_name, gold, misses, false_pos) for t in TYPES}
    relations = _score_relations(g, ents, by_name, gold, misses)
    facts = _score_facts(g, by_name, gold, misses)
    core = [types[t] for t in CORE]
    kg_n, gold_n = sum(c["kg"] for c in core), sum(c["gold"] for c in core)
    p = sum(c["P"] * c["kg"] for c in core) / kg_n if kg_n else 0.0
    r = sum(c["found"] for c in core) / gold_n if gold_n else 0.0
    micro = {"P": p, "R": r, "F1": _f1(p, r)}
    return Report(types, relations, facts, micro, dict(misses), dict(false_pos))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _score_type(t, ents, by_name, gold: Gold, misses, false_pos) -> dict:
    wanted = {k: e for k, e in gold.entities.items() if t in e.types and not e.optional}
    found = 0
    for e in wanted.values():
        nodes = set().union(*(by_name.get(n, set()) for n in e.names))
        if any(t in ents[nd][0] or ents[nd][0] & e.types for nd in nodes):
            found += 1
        else:
            misses[t].append(e.name)
    tp = fp = 0
    for node, (ntypes, names) in ents.items():
        if t not in ntypes:
            continue
        keys = {gold.key_of(n) for n in names} - {None}
        if not keys:
            fp += 1
            false_pos[t].append(sorted(names)[0] if names else str(node))
        elif any(gold.entities[k].optional for k in keys):
            continue
        elif any(t in gold.entities[k].types for k in keys):
            tp += 1
        else:
            fp += 1
            false_pos[t].append(sorted(names)[0] + " (type)")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = found / len(wanted) if wanted else 0.0
    return {"gold": len(wanted), "found": found, "kg": tp + fp, "P": p, "R": r, "F1": _f1(p, r)}


def _nodes_for(name: str, by_name, gold: Gold) -> set:
    key = gold.key_of(name)
    names = gold.entities[key].names if key else {norm(name)}
    return set().union(*(by_name.get(n, set()) for n in names))


def _score_relations(g: Graph, ents, by_name, gold: Gold, misses) -> dict:
    found = typed = 0
    for r in gold.relations:
        preds = set()
        for s in _nodes_for(r["subject"], by_name, gold):
            for o in _nodes_for(r["object"], by_name, gold):
                preds |= {_local(p).lower() for p in g.predicates(s, o)}
                preds |= {_local(p).lower() for p in g.predicates(o, s)}
        if not preds:
            misses["relations"].append(f'{r["subject"]} -{r["relation"]}-> {r["object"]}')
            continue
        found += 1
        want = {r["relation"].lower()}
        if r["relation"] in ("hosts", "locatedIn"):
            want |= {"hosts", "locatedin"}
        typed += bool(preds & want)
    pairs = set()
    for r in gold.relations:
        a, b = gold.key_of(r["subject"]), gold.key_of(r["object"])
        if a and b:
            pairs |= {(a, b), (b, a)}
    node_key = {}
    for node, (_t, names) in ents.items():
        keys = {gold.key_of(n) for n in names} - {None}
        if len(keys) == 1:
            node_key[node] = keys.pop()
    hit = total = 0
    for s, p, o in g:
        if _local(p).lower() not in RELATION_NAMES or s not in node_key or o not in node_key:
            continue
        a, b = node_key[s], node_key[o]
        if a == b or gold.entities[a].optional or gold.entities[b].optional:
            continue
        total += 1
        hit += (a, b) in pairs
    n = len(gold.relations)
    return {"gold": n, "any_edge": found, "typed": typed, "R_any": found / n if n else 0.0,
            "R_typed": typed / n if n else 0.0, "pair_edges": total, "pair_P_lower": hit / total if total else 0.0}


def _score_facts(g: Graph, by_name, gold: Gold, misses) -> dict:
    found = 0
    for f in gold.facts:
        unit = (f.get("unit") or "").translate(str.maketrans("億萬畝", "亿万亩"))
        want = [f["value"] * k for k in SCALES.get(unit, [1])]
        if any(_value_near(g, s, want) for s in _nodes_for(f["subject"], by_name, gold)):
            found += 1
        else:
            misses["facts"].append(f'{f["subject"]} {f["measure"]}={f["value"]}{f.get("unit") or ""} '
                                   f'{f.get("year") or ""}'.rstrip())
    n = len(gold.facts)
    return {"gold": n, "found": found, "R": found / n if n else 0.0}


def _value_near(g: Graph, start, want: list[float]) -> bool:
    """Is one of the wanted values a numeric literal within two hops of `start` (either direction)?"""
    frontier = {start}
    for _hop in range(2):
        nxt = set()
        for n in frontier:
            for o in list(g.objects(n, None)) + list(g.subjects(None, n)):
                if isinstance(o, Literal):
                    try:
                        v = float(o.toPython())
                    except (TypeError, ValueError):
                        continue
                    if any(abs(v - w) <= 1e-6 * max(1.0, abs(w)) for w in want):
                        return True
                else:
                    nxt.add(o)
        frontier = nxt
    return False


def format_report(rep: Report, verbose: bool = False) -> str:
    lines = [f"{'type':15} {'gold':>5} {'found':>5} {'kg':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for t, v in rep.types.items():
        lines.append(f"{t:15} {v['gold']:5d} {v['found']:5d} {v['kg']:5d} {v['P']:6.2f} {v['R']:6.2f} {v['F1']:6.2f}")
    r, f, c = rep.relations, rep.facts, rep.core_micro
    lines.append(f"relations: gold {r['gold']}, any-edge recall {r['R_any']:.2f}, typed recall {r['R_typed']:.2f}, "
                 f"pair precision >= {r['pair_P_lower']:.2f} over {r['pair_edges']} edges")
    lines.append(f"facts: gold {f['gold']}, recall {f['R']:.2f}")
    if verbose:
        lines += [f"MISSED {k}: {'; '.join(v)}" for k, v in rep.misses.items()]
        lines += [f"FALSE+ {k}: {'; '.join(v)}" for k, v in rep.false_pos.items()]
    lines.append(f"core micro P {c['P']:.2f} R {c['R']:.2f} F1 {c['F1']:.2f}")
    return "\n".join(lines)
