"""Write entities, relations and facts as RDF against ontology/kg.ttl, each statement with its evidence."""
from __future__ import annotations

import hashlib
from decimal import Decimal
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace

from .measures import MEASURE_NS
from .model import Article, Entity, Evidence, Fact, Relation
from .vocab import KGO, KGR

OA = Namespace("http://www.w3.org/ns/oa#")


def entity_iri(key: str) -> URIRef:
    return KGR["entity/" + quote(key, safe="")]


def article_iri(doc_id: str) -> URIRef:
    return KGR["article/" + quote(doc_id, safe="")]


def sentence_iri(ev: Evidence) -> URIRef:
    return KGR[f"article/{quote(ev.doc_id, safe='')}/s{ev.sentence_index}"]


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def new_graph() -> Graph:
    g = Graph()
    for p, ns in (("kgo", KGO._NS), ("kg", KGR), ("kgm", Namespace(MEASURE_NS)), ("prov", PROV), ("skos", SKOS),
                  ("oa", OA), ("owl", OWL)):
        g.bind(p, ns)
    return g


def add_article(g: Graph, a: Article) -> None:
    u = article_iri(a.doc_id)
    g.add((u, RDF.type, KGO.Article))
    g.add((u, KGO.sourceFile, Literal(a.doc_id)))
    if a.title:
        g.add((u, RDFS.label, Literal(a.title, lang="zh")))
    if a.district:
        g.add((u, KGO.district, Literal(a.district)))
    if a.year:
        g.add((u, KGO.year, Literal(str(a.year), datatype=XSD.gYear)))


def add_sentence(g: Graph, ev: Evidence) -> URIRef:
    u = sentence_iri(ev)
    if (u, RDF.type, KGO.Sentence) in g:
        return u
    g.add((u, RDF.type, KGO.Sentence))
    g.add((u, KGO.text, Literal(ev.text, lang="zh")))
    g.add((u, KGO.inArticle, article_iri(ev.doc_id)))
    span = URIRef(str(u) + "/span")
    g.add((u, KGO.charSpan, span))
    g.add((span, RDF.type, OA.TextPositionSelector))
    g.add((span, OA.start, Literal(ev.start)))
    g.add((span, OA.end, Literal(ev.end)))
    return u


def add_entity(g: Graph, e: Entity) -> None:
    u = entity_iri(e.key)
    g.add((u, RDF.type, KGO[e.type]))
    g.add((u, RDFS.label, Literal(e.name, lang="zh")))
    g.add((u, SKOS.prefLabel, Literal(e.name, lang="zh")))
    for alias in sorted(e.aliases):
        g.add((u, SKOS.altLabel, Literal(alias, lang="zh")))
    for t in sorted(e.alt_types):
        g.add((u, KGO.altType, KGO[t]))
    seen = set()
    for m in e.mentions:
        ev = Evidence.of(m.sentence)
        if (ev.doc_id, ev.sentence_index) not in seen:
            seen.add((ev.doc_id, ev.sentence_index))
            g.add((u, KGO.mentionedIn, add_sentence(g, ev)))


def add_relation(g: Graph, r: Relation) -> None:
    s, o, p = entity_iri(r.subject), entity_iri(r.object), KGO[r.predicate]
    g.add((s, p, o))
    st = KGR["statement/" + _digest(r.subject, r.predicate, r.object, r.evidence.doc_id, r.evidence.sentence_index)]
    g.add((st, RDF.type, KGO.RelationStatement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, PROV.wasDerivedFrom, add_sentence(g, r.evidence)))
    g.add((st, KGO.rule, Literal(r.rule)))


def fact_iri(f: Fact) -> URIRef:
    return KGR["fact/" + _digest(f.subject, f.measure, f.written, f.evidence.doc_id, f.evidence.sentence_index,
                                 f.offset)]


def add_fact(g: Graph, f: Fact) -> None:
    """A kgo:Fact node: measure (clean phrase) and its concept, value, unit, status, aspect, year; see docs/facts.md."""
    u = fact_iri(f)
    g.add((u, RDF.type, KGO.Fact))
    g.add((u, KGO.about, entity_iri(f.subject)))
    g.add((u, KGO.measure, Literal(f.measure, lang=f.measure_lang)))
    if f.concept:
        g.add((u, KGO.measureConcept, add_measure_concept(g, f.concept)))
    g.add((u, KGO.value, Literal(_dec(f.value), datatype=XSD.decimal)))
    g.add((u, KGO.numberAsWritten, Literal(_dec(f.number), datatype=XSD.decimal)))
    g.add((u, KGO.unit, Literal(f.unit)))
    g.add((u, KGO.unitAsWritten, Literal(f.unit_written)))
    g.add((u, KGO.amountAsWritten, Literal(f.written)))
    g.add((u, KGO.status, Literal(f.status)))
    g.add((u, KGO.aspect, Literal(f.aspect)))
    for p, v in ((KGO.qualifier, f.qualifier), (KGO.period, f.period), (KGO.direction, f.direction),
                 (KGO.scope, f.scope), (KGO.changeRole, f.role)):
        if v:
            g.add((u, p, Literal(v)))
    if f.previous is not None:
        g.add((u, KGO.changedFrom, fact_iri(f.previous)))
    if f.year:
        g.add((u, KGO.year, Literal(str(f.year), datatype=XSD.gYear)))
    g.add((u, PROV.wasDerivedFrom, add_sentence(g, f.evidence)))


def add_measure_concept(g: Graph, concept_id: str) -> URIRef:
    """The concept's labels and scheme, copied into the graph so queries group by it without the ontology."""
    from .measures import MEASURE_NS, scheme

    u = URIRef(MEASURE_NS + concept_id)
    if (u, RDF.type, SKOS.Concept) in g:
        return u
    c = next(c for c in scheme() if c.id == concept_id)
    sch = URIRef(MEASURE_NS + "scheme")
    g.add((sch, RDF.type, SKOS.ConceptScheme))
    g.add((sch, SKOS.prefLabel, Literal("经济指标", lang="zh")))
    g.add((sch, SKOS.prefLabel, Literal("Economic measures", lang="en")))
    g.add((u, RDF.type, SKOS.Concept))
    g.add((u, SKOS.inScheme, sch))
    g.add((u, SKOS.prefLabel, Literal(c.zh, lang="zh")))
    g.add((u, SKOS.prefLabel, Literal(c.en, lang="en")))
    return u


def _dec(x: float) -> str:
    """A decimal literal without float noise: 4501.6亿 is 450160000000, not 450160000000.000061."""
    s = format(Decimal(f"{x:.15g}"), "f")
    s = s.rstrip("0").rstrip(".") if "." in s else s
    return s if s not in ("", "-0") else "0"
