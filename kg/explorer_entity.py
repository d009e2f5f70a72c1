"""The entity panel's data: names, place chain, relations grouped by kind, facts grouped by measure, and
for every statement its evidence (sentence, the two mentions located in it, article, character offsets)."""
from __future__ import annotations

from pathlib import Path

from .explorer_index import Index, entity_iri, find_article_file
from .view import RELATION_ZH

INVERSE_ZH = {"locatedIn": "承载", "partOf": "包含", "hosts": "位于", "investsIn": "获投资于", "operates": "由…运营",
              "leads": "链主为", "receivedAward": "授予", "withinDivision": "下辖"}
#: the same relations read from the object's side, in English (the group heading says both, in one sense)
INVERSE_EN = {"locatedIn": "contains", "partOf": "has part", "hosts": "hosted by", "investsIn": "invested in by",
              "operates": "operated by", "leads": "chain leader", "receivedAward": "awarded to",
              "withinDivision": "has division"}


def names_of(index: Index, eid: str) -> list[str]:
    e = index.entities.get(eid)
    return sorted({e.label, *e.aliases}, key=lambda n: (-len(n), n)) if e else []


def mark(text: str, groups: list[tuple[str, list[str]]]) -> list[list]:
    """[start, end, role] of the first occurrence of each group's longest name in text, never overlapping."""
    marks: list[list] = []
    for role, names in groups:
        for n in names:
            at = text.find(n) if n else -1
            while at >= 0 and any(at < m[1] and m[0] < at + len(n) for m in marks):
                at = text.find(n, at + 1)
            if at >= 0:
                marks.append([at, at + len(n), role])
                break
    return sorted(marks)


def evidence(index: Index, sentence_iri: str, groups: list[tuple[str, list[str]]], rule: str = "") -> dict:
    s = index.sentences.get(sentence_iri)
    if s is None:
        return {"sentence": sentence_iri, "text": "", "marks": [], "rule": rule}
    a = index.articles.get(s.article)
    return {"sentence": sentence_iri, "text": s.text, "marks": mark(s.text, groups), "rule": rule,
            "file": a.file if a else "", "title": a.title if a else "", "start": s.start, "end": s.end}


def place_chain(index: Index, eid: str) -> list[dict]:
    """街道 › 区 › 市 › 省: the places the entity is in, following locatedIn / partOf upwards."""
    chain, seen, cur = [], {eid}, eid
    while True:
        ups = [index.edges[i].object for i in index.out_edges.get(cur, ())
               if index.edges[i].predicate in ("locatedIn", "partOf", "withinDivision")]
        ups = [u for u in ups if u not in seen]
        if not ups:
            return chain
        places = [u for u in ups if index.entities[u].type == "Place"]
        # the nearest container: the one that itself lies in another candidate, else the most connected
        pick = sorted(places or ups, key=lambda u: (-sum(1 for v in ups if v != u and _inside(index, u, v)),
                                                    -index.degree(u), u))[0]
        seen.add(pick)
        e = index.entities[pick]
        chain.append({"id": pick, "label": e.label, "type": e.type})
        cur = pick


def _inside(index: Index, a: str, b: str, depth: int = 6) -> bool:
    frontier = {a}
    for _ in range(depth):
        frontier = {index.edges[i].object for n in frontier for i in index.out_edges.get(n, ())
                    if index.edges[i].predicate in ("locatedIn", "partOf", "withinDivision")}
        if b in frontier:
            return True
        if not frontier:
            return False
    return False


def entity_panel(index: Index, eid: str) -> dict | None:
    e = index.entities.get(eid)
    if e is None:
        return None
    own = names_of(index, eid)
    relations: dict[str, list[dict]] = {}
    for direction, edge_ids in (("out", index.out_edges.get(eid, [])), ("in", index.in_edges.get(eid, []))):
        for i in edge_ids:
            r = index.edges[i]
            other = r.object if direction == "out" else r.subject
            o = index.entities[other]
            groups = [("subject", names_of(index, r.subject)), ("object", names_of(index, r.object))]
            key = r.predicate if direction == "out" else "^" + r.predicate
            relations.setdefault(key, []).append({
                "edge": i, "direction": direction, "predicate": r.predicate,
                "label": RELATION_ZH.get(r.predicate, r.predicate) if direction == "out"
                else INVERSE_ZH.get(r.predicate, "←" + r.predicate),
                "label_en": r.predicate if direction == "out" else INVERSE_EN.get(r.predicate, "← " + r.predicate),
                "other": {"id": other, "label": o.label, "type": o.type},
                "evidence": [evidence(index, s, groups, rule) for s, rule in r.evidence]})
    for rows in relations.values():
        rows.sort(key=lambda r: (r["other"]["label"], r["other"]["id"]))
    facts: dict[str, dict] = {}
    for f in index.facts.get(eid, []):
        key = f.concept or f.measure
        grp = facts.setdefault(key, {"measure": f.concept_zh or f.measure, "concept": f.concept,
                                     "concept_en": f.concept_en, "rows": []})
        grp["rows"].append({
            "measure": f.measure, "written": f.written, "value": f.value, "number": f.number, "unit": f.unit,
            "unit_written": f.unit_written, "qualifier": f.qualifier, "period": f.period, "year": f.year,
            "status": f.status, "evidence": evidence(index, f.sentence, [("subject", own)]) if f.sentence else None})
    mentions = [evidence(index, s, [("subject", own)]) for s in e.mentioned_in]
    return {"id": eid, "iri": entity_iri(eid), "type": e.type, "label": e.label, "aliases": e.aliases,
            "alt_types": e.alt_types, "chain": place_chain(index, eid),
            "relations": [{"kind": k, "rows": relations[k]} for k in sorted(relations, key=_kind_order)],
            "facts": sorted(facts.values(), key=lambda g: g["measure"]), "mentions": mentions,
            "degree": index.degree(eid)}


def _kind_order(k: str):
    return (k.startswith("^"), k.lstrip("^"))


def article_view(index: Index, file: str, corpus_dirs: list[Path]) -> dict | None:
    """The article's text as segments: the whole file when the corpus is at hand, else the sentences the
    graph stores, each at its offsets (gaps between them are shown as such, never invented)."""
    a = index.article_by_file(file)
    if a is None:
        return None
    path = find_article_file(file, corpus_dirs)
    if path is not None:
        from .read import read_article

        text = read_article(path).original
        segments = [{"start": 0, "end": len(text), "text": text}]
        source = "file"
    else:
        sents = sorted({(s.start, s.end, s.text) for s in index.sentences.values() if s.article == a.iri})
        segments = [{"start": b, "end": c, "text": t} for b, c, t in sents]
        source = "sentences"
    return {"file": a.file, "title": a.title, "district": a.district, "year": a.year, "source": source,
            "segments": segments}
